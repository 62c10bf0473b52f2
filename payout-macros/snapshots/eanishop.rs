/**EaniShop Pay — generated from `eanishop.yaml` by `payout::provider!`.

Indian payout gateway. Requests and responses carry an `Authorization: V2_SHA256 appId=..., sign=...,timestamp=...,nonce=...` header whose `sign` is the lowercase hex SHA-256 of the app id, the app secret, the method, the URL, the timestamp, the nonce and the exact body, each followed by a newline.

Gateway documentation: <https://docs.eanishop.com>

Money: INR, amounts as exact decimals. A [`Client`] sends each operation's typed request with [`send`](::payout::runtime::TypedClient::send), and serves the unified interface, [`PayoutProvider`](::payout::runtime::PayoutProvider).*/
pub mod eanishop {
    use ::payout::runtime::codegen::{self, FromJson, ToJson};
    use ::payout::runtime::{
        CompiledSpec, Decimal, IndexMap, Json, JsonRef, PayoutError, PayoutResult,
        PayoutStatus, Secret, WebhookEvent,
    };
    use ::std::sync::{Arc, OnceLock};
    const _: &[u8] = ::core::include_bytes!("$CARGO_MANIFEST_DIR/specs/eanishop.yaml");
    /// The gateway, as [`TypedClient`](::payout::runtime::TypedClient) names it: a type,
    /// never a value.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Gateway {}
    ///A client of the gateway. [`send`](::payout::runtime::TypedClient::send) takes a typed request ([`CreatePayoutRequest`], [`QueryPayoutRequest`]) and returns its typed response; [`webhook`](::payout::runtime::TypedClient::webhook) verifies and reads a [`Webhook`]; the unified interface is [`PayoutProvider`](::payout::runtime::PayoutProvider). Cheap to clone.
    pub type Client = ::payout::runtime::TypedClient<Gateway>;
    impl ::payout::runtime::Gateway for Gateway {
        const PROVIDER_ID: &'static str = PROVIDER_ID;
        type Credentials = Credentials;
        type Environment = Environment;
        type Webhook = Webhook;
        fn spec() -> Result<Arc<CompiledSpec>, PayoutError> {
            static SPEC: OnceLock<Result<Arc<CompiledSpec>, PayoutError>> = OnceLock::new();
            codegen::embedded(&SPEC, SPEC_JSON)
        }
        fn webhook(
            event: WebhookEvent,
            fields: &JsonRef<'_>,
        ) -> Result<Webhook, PayoutError> {
            Webhook::from_event(event, fields)
        }
    }
    /// The merchant's credentials. Secret ones print as `<redacted>`.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Credentials {
        ///App id, sent in the `Authorization` header and signed.
        pub app_id: String,
        ///App secret; only ever used inside the signature.
        pub app_secret: Secret,
    }
    impl Credentials {
        /// From values by the spec's credential names (a configuration file, the
        /// environment). Every missing one is reported.
        pub fn from_map(values: &IndexMap<String, String>) -> Result<Self, PayoutError> {
            let [app_id, app_secret] = codegen::credentials(
                values,
                ["app_id", "app_secret"],
            )?;
            Ok(Credentials {
                app_id,
                app_secret: Secret::new(app_secret),
            })
        }
    }
    impl ::payout::runtime::GatewayCredentials for Credentials {
        fn from_map(values: &IndexMap<String, String>) -> Result<Self, PayoutError> {
            Credentials::from_map(values)
        }
        fn values(&self) -> IndexMap<String, String> {
            IndexMap::from([
                ("app_id".to_string(), self.app_id.clone()),
                ("app_secret".to_string(), self.app_secret.expose().to_string()),
            ])
        }
    }
    /// The gateway's deployments.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Environment {
        /**Test environment.

`https://gateway-sandbox.eanishop.com`*/
        Sandbox,
        ///`https://gateway.eanishop.com`
        Production,
    }
    impl Environment {
        /// The environment's base URL.
        pub fn base_url(&self) -> &'static str {
            match self {
                Environment::Sandbox => "https://gateway-sandbox.eanishop.com",
                Environment::Production => "https://gateway.eanishop.com",
            }
        }
    }
    impl ::payout::runtime::GatewayEnvironment for Environment {
        fn base_url(&self) -> &'static str {
            Environment::base_url(self)
        }
    }
    ///The values of `currency`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum CreatePayoutRequestCurrency {
        ///`INR`
        Inr,
    }
    impl CreatePayoutRequestCurrency {
        /// The value's name in the spec.
        pub fn as_str(&self) -> &'static str {
            match self {
                CreatePayoutRequestCurrency::Inr => "INR",
            }
        }
    }
    impl ToJson for CreatePayoutRequestCurrency {
        fn to_json(&self) -> Json {
            Json::String(self.as_str().to_string())
        }
        fn write_slot<'a>(
            &'a self,
            input: &mut codegen::InputWriter<'a>,
            slot: usize,
            name: &'static str,
        ) {
            input.text(slot, name, self.as_str());
        }
    }
    impl FromJson for CreatePayoutRequestCurrency {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let value = match v.scalar_str()? {
                "INR" => CreatePayoutRequestCurrency::Inr,
                _ => return None,
            };
            Some(value)
        }
    }
    ///The values of `mode`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum CreatePayoutRequestPayoutMethodBankAccountMode {
        ///`IMPS`
        Imps,
    }
    impl CreatePayoutRequestPayoutMethodBankAccountMode {
        /// The value's name in the spec.
        pub fn as_str(&self) -> &'static str {
            match self {
                CreatePayoutRequestPayoutMethodBankAccountMode::Imps => "IMPS",
            }
        }
    }
    impl ToJson for CreatePayoutRequestPayoutMethodBankAccountMode {
        fn to_json(&self) -> Json {
            Json::String(self.as_str().to_string())
        }
        fn write_slot<'a>(
            &'a self,
            input: &mut codegen::InputWriter<'a>,
            slot: usize,
            name: &'static str,
        ) {
            input.text(slot, name, self.as_str());
        }
    }
    impl FromJson for CreatePayoutRequestPayoutMethodBankAccountMode {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let value = match v.scalar_str()? {
                "IMPS" => CreatePayoutRequestPayoutMethodBankAccountMode::Imps,
                _ => return None,
            };
            Some(value)
        }
    }
    ///An Indian bank account, paid by IMPS.
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreatePayoutRequestPayoutMethodBankAccount {
        /**IFSC of the branch.

`bankCode` · required · pattern `[A-Z]{4}0[A-Z0-9]{6}` · unified role `beneficiary.bank_code`*/
        pub bank_code: String,
        /**Account number.

`accountNumber` · required · at least 1 characters · unified role `beneficiary.account_number`*/
        pub account_number: String,
        /**Account holder's name.

`payeeName` · required · at least 1 characters · unified role `beneficiary.name`*/
        pub payee_name: String,
        /// The optional fields, each `None` unless set.
        pub optional: CreatePayoutRequestPayoutMethodBankAccountOptional,
    }
    ///The optional fields of [`CreatePayoutRequestPayoutMethodBankAccount`]; `Default::default()` sets none of them.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreatePayoutRequestPayoutMethodBankAccountOptional {
        /**Transfer mode.

`mode` · always sent · default `IMPS` · unified role `transfer_mode`*/
        pub mode: Option<CreatePayoutRequestPayoutMethodBankAccountMode>,
        /**Bank name.

`bankName` · unified role `beneficiary.bank_name`*/
        pub bank_name: Option<String>,
        /**Payee's phone number.

`payeePhone` · unified role `beneficiary.phone`*/
        pub payee_phone: Option<String>,
        /**Payee's email.

`payeeEmail` · unified role `beneficiary.email`*/
        pub payee_email: Option<String>,
    }
    impl CreatePayoutRequestPayoutMethodBankAccount {
        ///Sets `mode`.
        pub fn mode(
            mut self,
            value: CreatePayoutRequestPayoutMethodBankAccountMode,
        ) -> Self {
            self.optional.mode = Some(value);
            self
        }
        ///Sets `bankName`.
        pub fn bank_name(mut self, value: impl Into<String>) -> Self {
            self.optional.bank_name = Some(value.into());
            self
        }
        ///Sets `payeePhone`.
        pub fn payee_phone(mut self, value: impl Into<String>) -> Self {
            self.optional.payee_phone = Some(value.into());
            self
        }
        ///Sets `payeeEmail`.
        pub fn payee_email(mut self, value: impl Into<String>) -> Self {
            self.optional.payee_email = Some(value.into());
            self
        }
    }
    impl ToJson for CreatePayoutRequestPayoutMethodBankAccount {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put_opt(&mut o, "mode", &self.optional.mode);
            codegen::put(&mut o, "bankCode", &self.bank_code);
            codegen::put_opt(&mut o, "bankName", &self.optional.bank_name);
            codegen::put(&mut o, "accountNumber", &self.account_number);
            codegen::put(&mut o, "payeeName", &self.payee_name);
            codegen::put_opt(&mut o, "payeePhone", &self.optional.payee_phone);
            codegen::put_opt(&mut o, "payeeEmail", &self.optional.payee_email);
            Json::Object(o)
        }
    }
    ///A UPI virtual payment address.
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreatePayoutRequestPayoutMethodUpi {
        /**UPI address (VPA).

`vpa` · required · pattern `[A-Za-z0-9._-]{2,256}@[A-Za-z]{2,64}` · unified role `beneficiary.vpa`*/
        pub vpa: String,
        /**Payee's name.

`payeeName` · required · at least 1 characters · unified role `beneficiary.name`*/
        pub payee_name: String,
    }
    impl ToJson for CreatePayoutRequestPayoutMethodUpi {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put(&mut o, "vpa", &self.vpa);
            codegen::put(&mut o, "payeeName", &self.payee_name);
            Json::Object(o)
        }
    }
    ///Where the money goes, chosen by `type`.
    #[derive(Debug, Clone, PartialEq)]
    pub enum CreatePayoutRequestPayoutMethod {
        /**An Indian bank account, paid by IMPS.

`type: BANK_ACCOUNT`*/
        BankAccount(CreatePayoutRequestPayoutMethodBankAccount),
        /**A UPI virtual payment address.

`type: UPI`*/
        Upi(CreatePayoutRequestPayoutMethodUpi),
    }
    impl ToJson for CreatePayoutRequestPayoutMethod {
        /// The tag first, then the variant's fields.
        fn to_json(&self) -> Json {
            let (tag, fields) = match self {
                CreatePayoutRequestPayoutMethod::BankAccount(fields) => {
                    ("BANK_ACCOUNT", fields.to_json())
                }
                CreatePayoutRequestPayoutMethod::Upi(fields) => ("UPI", fields.to_json()),
            };
            let mut o = codegen::object();
            o.insert("type".to_string(), Json::String(tag.to_string()));
            if let Json::Object(f) = fields {
                o.extend(f);
            }
            Json::Object(o)
        }
    }
    /**Create a payout to a bank account (IMPS) or a UPI address (from the gateway's API documentation; no captured example). The response is assumed to have the inquiry's shape.

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`CreatePayoutResponse`]. Sent once, never retried: an error with `may_exist` means the payout may exist at the gateway; query before sending it again.

# Example

```ignore
async fn create_payout(client: &eanishop::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = eanishop::CreatePayoutRequest {
        merchant_trade_no: "MTOU-0211".into(),
        amount: "100.00".parse()?,
        payout_method: eanishop::CreatePayoutRequestPayoutMethod::BankAccount(eanishop::CreatePayoutRequestPayoutMethodBankAccount {
            bank_code: "HDFC0000123".into(),
            account_number: "…".into(),
            payee_name: "…".into(),
            optional: Default::default(),
        }),
        optional: Default::default(),
    };
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `UNAUTHORIZED`: `unauthorized`
- `SIGN_ERROR`: `unauthorized`
- `PARAM_ERROR`: `invalid_request`
- `DUPLICATE_ORDER`: `duplicate` (`may_exist`: query before sending again)
- `ORDER_NOT_FOUND`: `not_found`
- `INSUFFICIENT_BALANCE`: `insufficient_funds`
- `SYSTEM_ERROR`: `ambiguous` (`may_exist`: query before sending again)*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreatePayoutRequest {
        /**Merchant order number, unique per merchant.

`merchantTradeNo` · required · 1 to 50 characters · unified role `merchant_ref`*/
        pub merchant_trade_no: String,
        /**Amount in INR with two decimals (`"100.00"`).

`amount` · required · unified role `amount` · an exact amount, written as the spec's money format says*/
        pub amount: Decimal,
        /**Where the money goes, chosen by `type`.

`payoutMethod` · required · unified role `payout_method`*/
        pub payout_method: CreatePayoutRequestPayoutMethod,
        /// The optional fields, each `None` unless set.
        pub optional: CreatePayoutRequestOptional,
    }
    ///The optional fields of [`CreatePayoutRequest`]; `Default::default()` sets none of them.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreatePayoutRequestOptional {
        /**Currency code.

`currency` · always sent · the spec's currency when left out · unified role `currency`*/
        pub currency: Option<CreatePayoutRequestCurrency>,
        /**Description of the payout.

`description` · unified role `remark`*/
        pub description: Option<String>,
        /**Where the result webhook is sent.

`notifyUrl` · unified role `notify_url`*/
        pub notify_url: Option<String>,
        /**Merchant data returned as is by the inquiry and the webhook.

`merchantAttach`*/
        pub merchant_attach: Option<String>,
    }
    impl CreatePayoutRequest {
        ///Sets `currency`.
        pub fn currency(mut self, value: CreatePayoutRequestCurrency) -> Self {
            self.optional.currency = Some(value);
            self
        }
        ///Sets `description`.
        pub fn description(mut self, value: impl Into<String>) -> Self {
            self.optional.description = Some(value.into());
            self
        }
        ///Sets `notifyUrl`.
        pub fn notify_url(mut self, value: impl Into<String>) -> Self {
            self.optional.notify_url = Some(value.into());
            self
        }
        ///Sets `merchantAttach`.
        pub fn merchant_attach(mut self, value: impl Into<String>) -> Self {
            self.optional.merchant_attach = Some(value.into());
            self
        }
    }
    impl ToJson for CreatePayoutRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put(&mut o, "merchantTradeNo", &self.merchant_trade_no);
            codegen::put(&mut o, "amount", &self.amount);
            codegen::put_opt(&mut o, "currency", &self.optional.currency);
            codegen::put_opt(&mut o, "description", &self.optional.description);
            codegen::put(&mut o, "payoutMethod", &self.payout_method);
            codegen::put_opt(&mut o, "notifyUrl", &self.optional.notify_url);
            codegen::put_opt(&mut o, "merchantAttach", &self.optional.merchant_attach);
            Json::Object(o)
        }
    }
    /**The `data` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreatePayoutResponseBodyData {
        /**The payout number generated by the platform.

`payoutNo` · unified role `provider_ref`*/
        pub payout_no: Option<String>,
        ///`merchantTradeNo` · unified role `merchant_ref`
        pub merchant_trade_no: Option<String>,
        ///`amount` · unified role `amount` · an exact amount, written as the spec's money format says
        pub amount: Option<Decimal>,
        ///`currency` · the spec's currency when left out · unified role `currency`
        pub currency: Option<String>,
        /**Payout service fee.

`totalFee` · unified role `fee`*/
        pub total_fee: Option<Decimal>,
        ///`status` · unified role `status` · read as [`Status`]
        pub status: Option<Status>,
        /**Reference Retrieval Number, when the channel returns one.

`rrn` · unified role `utr`*/
        pub rrn: Option<String>,
        ///`merchantAttach`
        pub merchant_attach: Option<String>,
        /**Order creation time (local time with time zone).

`createdTime` · unified role `created_at`*/
        pub created_time: Option<String>,
        /**Paid time; null unless the payout succeeded.

`paidTime` · unified role `completed_at`*/
        pub paid_time: Option<String>,
        /**Failure code, e.g. `Payout.Common.Rejected`.

`errorCode` · unified role `failure_code`*/
        pub error_code: Option<String>,
        /**Failure message.

`errorInfo` · unified role `failure_reason`*/
        pub error_info: Option<String>,
    }
    impl FromJson for CreatePayoutResponseBodyData {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = CreatePayoutResponseBodyData::default();
            for (name, value) in v.members()? {
                match name {
                    "payoutNo" => out.payout_no = codegen::read(value),
                    "merchantTradeNo" => out.merchant_trade_no = codegen::read(value),
                    "amount" => out.amount = codegen::read(value),
                    "currency" => out.currency = codegen::read(value),
                    "totalFee" => out.total_fee = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "rrn" => out.rrn = codegen::read(value),
                    "merchantAttach" => out.merchant_attach = codegen::read(value),
                    "createdTime" => out.created_time = codegen::read(value),
                    "paidTime" => out.paid_time = codegen::read(value),
                    "errorCode" => out.error_code = codegen::read(value),
                    "errorInfo" => out.error_info = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The body of a successful `create_payout` response.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreatePayoutResponseBody {
        /**Response code; `OK` is success.

`code`*/
        pub code: Option<String>,
        ///`errorMessage`
        pub error_message: Option<String>,
        ///`data`
        pub data: Option<CreatePayoutResponseBodyData>,
    }
    impl FromJson for CreatePayoutResponseBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = CreatePayoutResponseBody::default();
            for (name, value) in v.members()? {
                match name {
                    "code" => out.code = codegen::read(value),
                    "errorMessage" => out.error_message = codegen::read(value),
                    "data" => out.data = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**Payout inquiry (the seed); give exactly one of `merchantTradeNo` and `payoutNo`.

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`QueryPayoutResponse`]. Retried with backoff on transient failures, freshly signed each time.

# Example

```ignore
async fn query_payout(client: &eanishop::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = eanishop::QueryPayoutRequest::default().merchant_trade_no("…");
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `UNAUTHORIZED`: `unauthorized`
- `SIGN_ERROR`: `unauthorized`
- `PARAM_ERROR`: `invalid_request`
- `DUPLICATE_ORDER`: `duplicate` (`may_exist`: query before sending again)
- `ORDER_NOT_FOUND`: `not_found`
- `INSUFFICIENT_BALANCE`: `insufficient_funds`
- `SYSTEM_ERROR`: `ambiguous` (`may_exist`: query before sending again)*/
    #[derive(Debug, Clone, PartialEq)]
    #[derive(Default)]
    pub struct QueryPayoutRequest {
        /**Merchant order number.

`merchantTradeNo` · at most 50 characters · unified role `merchant_ref`*/
        pub merchant_trade_no: Option<String>,
        /**The platform's payout number.

`payoutNo` · at most 32 characters · unified role `provider_ref`*/
        pub payout_no: Option<String>,
    }
    impl QueryPayoutRequest {
        ///Sets `merchantTradeNo`.
        pub fn merchant_trade_no(mut self, value: impl Into<String>) -> Self {
            self.merchant_trade_no = Some(value.into());
            self
        }
        ///Sets `payoutNo`.
        pub fn payout_no(mut self, value: impl Into<String>) -> Self {
            self.payout_no = Some(value.into());
            self
        }
    }
    impl ToJson for QueryPayoutRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put_opt(&mut o, "merchantTradeNo", &self.merchant_trade_no);
            codegen::put_opt(&mut o, "payoutNo", &self.payout_no);
            Json::Object(o)
        }
    }
    /**The `data` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct QueryPayoutResponseBodyData {
        /**The payout number generated by the platform.

`payoutNo` · unified role `provider_ref`*/
        pub payout_no: Option<String>,
        ///`merchantTradeNo` · unified role `merchant_ref`
        pub merchant_trade_no: Option<String>,
        ///`amount` · unified role `amount` · an exact amount, written as the spec's money format says
        pub amount: Option<Decimal>,
        ///`currency` · the spec's currency when left out · unified role `currency`
        pub currency: Option<String>,
        /**Payout service fee.

`totalFee` · unified role `fee`*/
        pub total_fee: Option<Decimal>,
        ///`status` · unified role `status` · read as [`Status`]
        pub status: Option<Status>,
        /**Reference Retrieval Number, when the channel returns one.

`rrn` · unified role `utr`*/
        pub rrn: Option<String>,
        ///`merchantAttach`
        pub merchant_attach: Option<String>,
        /**Order creation time (local time with time zone).

`createdTime` · unified role `created_at`*/
        pub created_time: Option<String>,
        /**Paid time; null unless the payout succeeded.

`paidTime` · unified role `completed_at`*/
        pub paid_time: Option<String>,
        /**Failure code, e.g. `Payout.Common.Rejected`.

`errorCode` · unified role `failure_code`*/
        pub error_code: Option<String>,
        /**Failure message.

`errorInfo` · unified role `failure_reason`*/
        pub error_info: Option<String>,
    }
    impl FromJson for QueryPayoutResponseBodyData {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = QueryPayoutResponseBodyData::default();
            for (name, value) in v.members()? {
                match name {
                    "payoutNo" => out.payout_no = codegen::read(value),
                    "merchantTradeNo" => out.merchant_trade_no = codegen::read(value),
                    "amount" => out.amount = codegen::read(value),
                    "currency" => out.currency = codegen::read(value),
                    "totalFee" => out.total_fee = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "rrn" => out.rrn = codegen::read(value),
                    "merchantAttach" => out.merchant_attach = codegen::read(value),
                    "createdTime" => out.created_time = codegen::read(value),
                    "paidTime" => out.paid_time = codegen::read(value),
                    "errorCode" => out.error_code = codegen::read(value),
                    "errorInfo" => out.error_info = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The body of a successful `query_payout` response.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct QueryPayoutResponseBody {
        /**Response code; `OK` is success.

`code`*/
        pub code: Option<String>,
        ///`errorMessage`
        pub error_message: Option<String>,
        ///`data`
        pub data: Option<QueryPayoutResponseBodyData>,
    }
    impl FromJson for QueryPayoutResponseBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = QueryPayoutResponseBody::default();
            for (name, value) in v.members()? {
                match name {
                    "code" => out.code = codegen::read(value),
                    "errorMessage" => out.error_message = codegen::read(value),
                    "data" => out.data = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The `data` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct PayoutNotifyBodyData {
        /**The payout number generated by the platform.

`payoutNo` · unified role `provider_ref`*/
        pub payout_no: Option<String>,
        ///`merchantTradeNo` · unified role `merchant_ref`
        pub merchant_trade_no: Option<String>,
        ///`amount` · unified role `amount` · an exact amount, written as the spec's money format says
        pub amount: Option<Decimal>,
        ///`currency` · the spec's currency when left out · unified role `currency`
        pub currency: Option<String>,
        /**Payout service fee.

`totalFee` · unified role `fee`*/
        pub total_fee: Option<Decimal>,
        ///`status` · unified role `status` · read as [`Status`]
        pub status: Option<Status>,
        /**Reference Retrieval Number, when the channel returns one.

`rrn` · unified role `utr`*/
        pub rrn: Option<String>,
        ///`merchantAttach`
        pub merchant_attach: Option<String>,
        /**Order creation time (local time with time zone).

`createdTime` · unified role `created_at`*/
        pub created_time: Option<String>,
        /**Paid time; null unless the payout succeeded.

`paidTime` · unified role `completed_at`*/
        pub paid_time: Option<String>,
        /**Failure code, e.g. `Payout.Common.Rejected`.

`errorCode` · unified role `failure_code`*/
        pub error_code: Option<String>,
        /**Failure message.

`errorInfo` · unified role `failure_reason`*/
        pub error_info: Option<String>,
    }
    impl FromJson for PayoutNotifyBodyData {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = PayoutNotifyBodyData::default();
            for (name, value) in v.members()? {
                match name {
                    "payoutNo" => out.payout_no = codegen::read(value),
                    "merchantTradeNo" => out.merchant_trade_no = codegen::read(value),
                    "amount" => out.amount = codegen::read(value),
                    "currency" => out.currency = codegen::read(value),
                    "totalFee" => out.total_fee = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "rrn" => out.rrn = codegen::read(value),
                    "merchantAttach" => out.merchant_attach = codegen::read(value),
                    "createdTime" => out.created_time = codegen::read(value),
                    "paidTime" => out.paid_time = codegen::read(value),
                    "errorCode" => out.error_code = codegen::read(value),
                    "errorInfo" => out.error_info = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The body of the `payout_notify` webhook.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct PayoutNotifyBody {
        /**Response code; `OK` is success.

`code`*/
        pub code: Option<String>,
        ///`errorMessage`
        pub error_message: Option<String>,
        ///`data`
        pub data: Option<PayoutNotifyBodyData>,
    }
    impl FromJson for PayoutNotifyBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = PayoutNotifyBody::default();
            for (name, value) in v.members()? {
                match name {
                    "code" => out.code = codegen::read(value),
                    "errorMessage" => out.error_message = codegen::read(value),
                    "data" => out.data = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**What a successful `create_payout` returns: the typed body, the gateway's status typed, and the unified view.

The typed body is a reading of the raw JSON, which stays available as `result.response` and is the source of truth: a field the spec does not list, or a value that is not of its declared type, is `None` in the body but still there.*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreatePayoutResponse {
        /// The body's fields, typed; the raw JSON is `result.response`.
        pub body: CreatePayoutResponseBody,
        /// The gateway's status, typed (`None` when the response carries none).
        pub status: Option<Status>,
        /// The unified view: status, references, amounts, and the raw JSON.
        pub result: PayoutResult,
    }
    impl ::payout::runtime::Operation for CreatePayoutRequest {
        type Gateway = Gateway;
        type Response = CreatePayoutResponse;
        const NAME: &'static str = "create_payout";
        fn response(result: PayoutResult, body: &JsonRef<'_>) -> CreatePayoutResponse {
            CreatePayoutResponse {
                body: CreatePayoutResponseBody::from_json(body).unwrap_or_default(),
                status: result.provider_status.as_deref().map(Status::from_provider),
                result,
            }
        }
        fn write_input<'a>(&'a self, input: &mut codegen::InputWriter<'a>) {
            input.reserve(7);
            input.text(0, "merchantTradeNo", &self.merchant_trade_no);
            input.put(1, "amount", &self.amount);
            input.put_opt(2, "currency", &self.optional.currency);
            input.text_opt(3, "description", &self.optional.description);
            input.put(4, "payoutMethod", &self.payout_method);
            input.text_opt(5, "notifyUrl", &self.optional.notify_url);
            input.text_opt(6, "merchantAttach", &self.optional.merchant_attach);
        }
    }
    /**What a successful `query_payout` returns: the typed body, the gateway's status typed, and the unified view.

The typed body is a reading of the raw JSON, which stays available as `result.response` and is the source of truth: a field the spec does not list, or a value that is not of its declared type, is `None` in the body but still there.*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct QueryPayoutResponse {
        /// The body's fields, typed; the raw JSON is `result.response`.
        pub body: QueryPayoutResponseBody,
        /// The gateway's status, typed (`None` when the response carries none).
        pub status: Option<Status>,
        /// The unified view: status, references, amounts, and the raw JSON.
        pub result: PayoutResult,
    }
    impl ::payout::runtime::Operation for QueryPayoutRequest {
        type Gateway = Gateway;
        type Response = QueryPayoutResponse;
        const NAME: &'static str = "query_payout";
        fn response(result: PayoutResult, body: &JsonRef<'_>) -> QueryPayoutResponse {
            QueryPayoutResponse {
                body: QueryPayoutResponseBody::from_json(body).unwrap_or_default(),
                status: result.provider_status.as_deref().map(Status::from_provider),
                result,
            }
        }
        fn write_input<'a>(&'a self, input: &mut codegen::InputWriter<'a>) {
            input.reserve(2);
            input.text_opt(0, "merchantTradeNo", &self.merchant_trade_no);
            input.text_opt(1, "payoutNo", &self.payout_no);
        }
    }
    /// The gateway's payout statuses. A value the spec does not know is kept as
    /// [`Status::Other`] and is never final.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum Status {
        /**Pending processing.

`PENDING` → pending*/
        Pending,
        /**In progress.

`PROCESSING` → processing*/
        Processing,
        /**Payout successful.

`PAID` → succeeded*/
        Paid,
        /**Payout failed.

`FAILURE` → failed*/
        Failure,
        /**Payout reversed.

`REVERSED` → reversed*/
        Reversed,
        /**Payout cancelled.

`CANCELLED` → cancelled*/
        Cancelled,
        /// A value the spec does not map.
        Other(String),
    }
    impl Status {
        /// The typed status of a provider value.
        pub fn from_provider(value: &str) -> Self {
            match value {
                "PENDING" => Status::Pending,
                "PROCESSING" => Status::Processing,
                "PAID" => Status::Paid,
                "FAILURE" => Status::Failure,
                "REVERSED" => Status::Reversed,
                "CANCELLED" => Status::Cancelled,
                other => Status::Other(other.to_string()),
            }
        }
        /// The provider value.
        pub fn as_str(&self) -> &str {
            match self {
                Status::Pending => "PENDING",
                Status::Processing => "PROCESSING",
                Status::Paid => "PAID",
                Status::Failure => "FAILURE",
                Status::Reversed => "REVERSED",
                Status::Cancelled => "CANCELLED",
                Status::Other(s) => s,
            }
        }
        /// The unified status, given the reason the gateway sent with it; `None` for
        /// [`Status::Other`].
        pub fn unified(&self, reason: Option<&str>) -> Option<PayoutStatus> {
            match self {
                Status::Pending => Some(PayoutStatus::Pending),
                Status::Processing => Some(PayoutStatus::Processing),
                Status::Paid => Some(PayoutStatus::Succeeded),
                Status::Failure => Some(PayoutStatus::Failed),
                Status::Reversed => Some(PayoutStatus::Reversed),
                Status::Cancelled => Some(PayoutStatus::Cancelled),
                Status::Other(_) => None,
            }
        }
    }
    /// A status field of a response or webhook body: text or a number, as the gateway
    /// sends it.
    impl FromJson for Status {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            Some(Status::from_provider(v.scalar_str()?))
        }
    }
    /// A verified webhook, by kind.
    #[derive(Debug, Clone, PartialEq)]
    pub enum Webhook {
        ///Payout result, POSTed to `notifyUrl`. The gateway's documentation says the body is "like the query response's data"; the known working integration reads `data.merchantTradeNo` and `data.status` from it, so the payout sits under `data`, in the inquiry response's envelope. The signature is not documented: it is assumed to be the request's `Authorization` header, signed by the gateway over POST, the notify URL it calls and the body.
        PayoutNotify(PayoutNotifyEvent),
    }
    ///A verified `payout_notify` webhook: its body typed, the gateway's status typed, and the unified event.
    pub type PayoutNotifyEvent = ::payout::runtime::TypedEvent<PayoutNotifyBody, Status>;
    impl Webhook {
        /// The kind of a verified event, by the spec's name of its webhook, its body typed
        /// from `fields` (the body as read).
        fn from_event(
            event: WebhookEvent,
            fields: &JsonRef<'_>,
        ) -> Result<Self, PayoutError> {
            match event.webhook.as_str() {
                "payout_notify" => {
                    Ok(
                        Webhook::PayoutNotify(
                            ::payout::runtime::TypedEvent::read(
                                event,
                                fields,
                                Status::from_provider,
                            ),
                        ),
                    )
                }
                _ => Err(::payout::runtime::typed_webhook::unknown_webhook(&event)),
            }
        }
    }
    /// The gateway's provider id.
    pub const PROVIDER_ID: &str = "eanishop";
    const SPEC_JSON: &str = "{\"spec_version\":1,\"provider\":{\"id\":\"eanishop\",\"name\":\"EaniShop Pay\",\"description\":\"Indian payout gateway. Requests and responses carry an `Authorization: V2_SHA256 appId=..., sign=...,timestamp=...,nonce=...` header whose `sign` is the lowercase hex SHA-256 of the app id, the app secret, the method, the URL, the timestamp, the nonce and the exact body, each followed by a newline.\",\"docs\":\"https://docs.eanishop.com\",\"country\":\"IN\"},\"environments\":{\"sandbox\":{\"base_url\":\"https://gateway-sandbox.eanishop.com\",\"description\":\"Test environment.\"},\"production\":{\"base_url\":\"https://gateway.eanishop.com\"}},\"credentials\":{\"app_id\":{\"description\":\"App id, sent in the `Authorization` header and signed.\",\"type\":\"text\"},\"app_secret\":{\"description\":\"App secret; only ever used inside the signature.\",\"secret\":true,\"type\":\"text\"}},\"money\":{\"currency\":\"INR\",\"amount\":{\"encoding\":\"string\",\"unit\":\"major\",\"decimals\":2}},\"signing\":{\"v2_sha256\":{\"description\":\"`sign` of the `Authorization` header (chosen variant: full URL): lowercase hex SHA-256 of appId, appSecret, METHOD, full URL (query included), timestamp, nonce and the exact body bytes, each followed by \\\"\\\\n\\\". Responses are verified with the same recipe over the response body, with the request's method and URL and the response's own timestamp and nonce; webhooks with the URL they were delivered to (the notify URL).\",\"compare\":\"case_insensitive\",\"steps\":[{\"input\":\"body_bytes\"},{\"template\":\"{{ credentials.app_id }}\\n{{ credentials.app_secret }}\\n{{ method }}\\n{{ url }}\\n{{ timestamp }}\\n{{ nonce }}\\n{{ input }}\\n\"},{\"hash\":\"sha256\"},{\"encode\":\"hex\"}]},\"v2_sha256_path\":{\"description\":\"Not used: the alternative (unconfirmed) variant of `v2_sha256` that signs only the path (`/pg/v2/payout/query`) instead of the full URL. Kept with its own vector so that switching to it is a one-line change.\",\"compare\":\"case_insensitive\",\"steps\":[{\"input\":\"body_bytes\"},{\"template\":\"{{ credentials.app_id }}\\n{{ credentials.app_secret }}\\n{{ method }}\\n{{ path }}\\n{{ timestamp }}\\n{{ nonce }}\\n{{ input }}\\n\"},{\"hash\":\"sha256\"},{\"encode\":\"hex\"}]}},\"error_codes\":{\"UNAUTHORIZED\":\"unauthorized\",\"SIGN_ERROR\":\"unauthorized\",\"PARAM_ERROR\":\"invalid_request\",\"DUPLICATE_ORDER\":\"duplicate\",\"ORDER_NOT_FOUND\":\"not_found\",\"INSUFFICIENT_BALANCE\":\"insufficient_funds\",\"SYSTEM_ERROR\":\"ambiguous\"},\"operations\":{\"create_payout\":{\"role\":\"create\",\"description\":\"Create a payout to a bank account (IMPS) or a UPI address (from the gateway's API documentation; no captured example). The response is assumed to have the inquiry's shape.\",\"method\":\"POST\",\"path\":\"/pg/v2/payout/create\",\"headers\":{\"Accept\":\"application/json\",\"Authorization\":\"V2_SHA256 appId={{ credentials.app_id }},sign={{ signatures.v2_sha256 }},timestamp={{ timestamp }},nonce={{ nonce }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"merchantTradeNo\":{\"type\":\"string\",\"description\":\"Merchant order number, unique per merchant.\",\"required\":true,\"role\":\"merchant_ref\",\"min_len\":1,\"max_len\":50,\"example\":\"MTOU-0211\"},\"amount\":{\"type\":\"amount\",\"description\":\"Amount in INR with two decimals (`\\\"100.00\\\"`).\",\"required\":true,\"role\":\"amount\",\"example\":\"100.00\"},\"currency\":{\"type\":\"string\",\"description\":\"Currency code.\",\"required\":true,\"role\":\"currency\",\"enum\":[\"INR\"]},\"description\":{\"type\":\"string\",\"description\":\"Description of the payout.\",\"role\":\"remark\"},\"payoutMethod\":{\"type\":\"one_of\",\"description\":\"Where the money goes, chosen by `type`.\",\"required\":true,\"role\":\"payout_method\",\"tag\":\"type\",\"variants\":{\"BANK_ACCOUNT\":{\"description\":\"An Indian bank account, paid by IMPS.\",\"unified\":\"bank_account\",\"fields\":{\"mode\":{\"type\":\"string\",\"description\":\"Transfer mode.\",\"required\":true,\"role\":\"transfer_mode\",\"enum\":[\"IMPS\"],\"default\":\"IMPS\"},\"bankCode\":{\"type\":\"string\",\"description\":\"IFSC of the branch.\",\"required\":true,\"role\":\"beneficiary.bank_code\",\"pattern\":\"[A-Z]{4}0[A-Z0-9]{6}\",\"example\":\"HDFC0000123\"},\"bankName\":{\"type\":\"string\",\"description\":\"Bank name.\",\"role\":\"beneficiary.bank_name\"},\"accountNumber\":{\"type\":\"string\",\"description\":\"Account number.\",\"required\":true,\"role\":\"beneficiary.account_number\",\"min_len\":1},\"payeeName\":{\"type\":\"string\",\"description\":\"Account holder's name.\",\"required\":true,\"role\":\"beneficiary.name\",\"min_len\":1},\"payeePhone\":{\"type\":\"string\",\"description\":\"Payee's phone number.\",\"role\":\"beneficiary.phone\"},\"payeeEmail\":{\"type\":\"string\",\"description\":\"Payee's email.\",\"role\":\"beneficiary.email\"}}},\"UPI\":{\"description\":\"A UPI virtual payment address.\",\"unified\":\"upi\",\"fields\":{\"vpa\":{\"type\":\"string\",\"description\":\"UPI address (VPA).\",\"required\":true,\"role\":\"beneficiary.vpa\",\"pattern\":\"[A-Za-z0-9._-]{2,256}@[A-Za-z]{2,64}\",\"example\":\"testpayee@upi\"},\"payeeName\":{\"type\":\"string\",\"description\":\"Payee's name.\",\"required\":true,\"role\":\"beneficiary.name\",\"min_len\":1}}}}},\"notifyUrl\":{\"type\":\"string\",\"description\":\"Where the result webhook is sent.\",\"role\":\"notify_url\"},\"merchantAttach\":{\"type\":\"string\",\"description\":\"Merchant data returned as is by the inquiry and the webhook.\"}}},\"nonce\":{\"charset\":\"hex_upper\",\"length\":32},\"response\":{\"success\":\"code == \\\"OK\\\"\",\"error\":{\"code\":\"code\",\"message\":\"errorMessage\"},\"headers\":{\"Authorization\":\"V2_SHA256 appId={{ credentials.app_id }},sign={{ signatures.v2_sha256 }},timestamp={{ timestamp }},nonce={{ nonce }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"code\":{\"type\":\"string\",\"description\":\"Response code; `OK` is success.\"},\"errorMessage\":{\"type\":\"string\",\"nullable\":true},\"data\":{\"type\":\"object\",\"nullable\":true,\"fields\":{\"payoutNo\":{\"type\":\"string\",\"description\":\"The payout number generated by the platform.\",\"role\":\"provider_ref\"},\"merchantTradeNo\":{\"type\":\"string\",\"role\":\"merchant_ref\"},\"amount\":{\"type\":\"amount\",\"role\":\"amount\"},\"currency\":{\"type\":\"string\",\"role\":\"currency\"},\"totalFee\":{\"type\":\"decimal\",\"description\":\"Payout service fee.\",\"role\":\"fee\"},\"status\":{\"type\":\"string\",\"role\":\"status\"},\"rrn\":{\"type\":\"string\",\"description\":\"Reference Retrieval Number, when the channel returns one.\",\"nullable\":true,\"role\":\"utr\"},\"merchantAttach\":{\"type\":\"string\",\"nullable\":true},\"createdTime\":{\"type\":\"datetime\",\"description\":\"Order creation time (local time with time zone).\",\"role\":\"created_at\"},\"paidTime\":{\"type\":\"datetime\",\"description\":\"Paid time; null unless the payout succeeded.\",\"nullable\":true,\"role\":\"completed_at\"},\"errorCode\":{\"type\":\"string\",\"description\":\"Failure code, e.g. `Payout.Common.Rejected`.\",\"nullable\":true,\"role\":\"failure_code\"},\"errorInfo\":{\"type\":\"string\",\"description\":\"Failure message.\",\"nullable\":true,\"role\":\"failure_reason\"}}}}}}},\"query_payout\":{\"role\":\"query\",\"description\":\"Payout inquiry (the seed); give exactly one of `merchantTradeNo` and `payoutNo`.\",\"method\":\"POST\",\"path\":\"/pg/v2/payout/query\",\"headers\":{\"Accept\":\"application/json\",\"Authorization\":\"V2_SHA256 appId={{ credentials.app_id }},sign={{ signatures.v2_sha256 }},timestamp={{ timestamp }},nonce={{ nonce }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"merchantTradeNo\":{\"type\":\"string\",\"description\":\"Merchant order number.\",\"role\":\"merchant_ref\",\"max_len\":50},\"payoutNo\":{\"type\":\"string\",\"description\":\"The platform's payout number.\",\"role\":\"provider_ref\",\"max_len\":32}},\"rules\":[{\"exactly_one_of\":[\"merchantTradeNo\",\"payoutNo\"]}]},\"nonce\":{\"charset\":\"hex_upper\",\"length\":32},\"response\":{\"success\":\"code == \\\"OK\\\"\",\"error\":{\"code\":\"code\",\"message\":\"errorMessage\"},\"headers\":{\"Authorization\":\"V2_SHA256 appId={{ credentials.app_id }},sign={{ signatures.v2_sha256 }},timestamp={{ timestamp }},nonce={{ nonce }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"code\":{\"type\":\"string\",\"description\":\"Response code; `OK` is success.\"},\"errorMessage\":{\"type\":\"string\",\"nullable\":true},\"data\":{\"type\":\"object\",\"nullable\":true,\"fields\":{\"payoutNo\":{\"type\":\"string\",\"description\":\"The payout number generated by the platform.\",\"role\":\"provider_ref\"},\"merchantTradeNo\":{\"type\":\"string\",\"role\":\"merchant_ref\"},\"amount\":{\"type\":\"amount\",\"role\":\"amount\"},\"currency\":{\"type\":\"string\",\"role\":\"currency\"},\"totalFee\":{\"type\":\"decimal\",\"description\":\"Payout service fee.\",\"role\":\"fee\"},\"status\":{\"type\":\"string\",\"role\":\"status\"},\"rrn\":{\"type\":\"string\",\"description\":\"Reference Retrieval Number, when the channel returns one.\",\"nullable\":true,\"role\":\"utr\"},\"merchantAttach\":{\"type\":\"string\",\"nullable\":true},\"createdTime\":{\"type\":\"datetime\",\"description\":\"Order creation time (local time with time zone).\",\"role\":\"created_at\"},\"paidTime\":{\"type\":\"datetime\",\"description\":\"Paid time; null unless the payout succeeded.\",\"nullable\":true,\"role\":\"completed_at\"},\"errorCode\":{\"type\":\"string\",\"description\":\"Failure code, e.g. `Payout.Common.Rejected`.\",\"nullable\":true,\"role\":\"failure_code\"},\"errorInfo\":{\"type\":\"string\",\"description\":\"Failure message.\",\"nullable\":true,\"role\":\"failure_reason\"}}}}}}}},\"statuses\":{\"PENDING\":{\"unified\":\"pending\",\"description\":\"Pending processing.\"},\"PROCESSING\":{\"unified\":\"processing\",\"description\":\"In progress.\"},\"PAID\":{\"unified\":\"succeeded\",\"description\":\"Payout successful.\"},\"FAILURE\":{\"unified\":\"failed\",\"description\":\"Payout failed.\"},\"REVERSED\":{\"unified\":\"reversed\",\"description\":\"Payout reversed.\"},\"CANCELLED\":{\"unified\":\"cancelled\",\"description\":\"Payout cancelled.\"}},\"webhooks\":{\"payout_notify\":{\"description\":\"Payout result, POSTed to `notifyUrl`. The gateway's documentation says the body is \\\"like the query response's data\\\"; the known working integration reads `data.merchantTradeNo` and `data.status` from it, so the payout sits under `data`, in the inquiry response's envelope. The signature is not documented: it is assumed to be the request's `Authorization` header, signed by the gateway over POST, the notify URL it calls and the body.\",\"method\":\"POST\",\"headers\":{\"Authorization\":\"V2_SHA256 appId={{ credentials.app_id }},sign={{ signatures.v2_sha256 }},timestamp={{ timestamp }},nonce={{ nonce }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"code\":{\"type\":\"string\",\"description\":\"Response code; `OK` is success.\"},\"errorMessage\":{\"type\":\"string\",\"nullable\":true},\"data\":{\"type\":\"object\",\"nullable\":true,\"fields\":{\"payoutNo\":{\"type\":\"string\",\"description\":\"The payout number generated by the platform.\",\"role\":\"provider_ref\"},\"merchantTradeNo\":{\"type\":\"string\",\"role\":\"merchant_ref\"},\"amount\":{\"type\":\"amount\",\"role\":\"amount\"},\"currency\":{\"type\":\"string\",\"role\":\"currency\"},\"totalFee\":{\"type\":\"decimal\",\"description\":\"Payout service fee.\",\"role\":\"fee\"},\"status\":{\"type\":\"string\",\"role\":\"status\"},\"rrn\":{\"type\":\"string\",\"description\":\"Reference Retrieval Number, when the channel returns one.\",\"nullable\":true,\"role\":\"utr\"},\"merchantAttach\":{\"type\":\"string\",\"nullable\":true},\"createdTime\":{\"type\":\"datetime\",\"description\":\"Order creation time (local time with time zone).\",\"role\":\"created_at\"},\"paidTime\":{\"type\":\"datetime\",\"description\":\"Paid time; null unless the payout succeeded.\",\"nullable\":true,\"role\":\"completed_at\"},\"errorCode\":{\"type\":\"string\",\"description\":\"Failure code, e.g. `Payout.Common.Rejected`.\",\"nullable\":true,\"role\":\"failure_code\"},\"errorInfo\":{\"type\":\"string\",\"description\":\"Failure message.\",\"nullable\":true,\"role\":\"failure_reason\"}}}}},\"nonce\":{\"charset\":\"hex_upper\",\"length\":32},\"ack\":{\"status\":200,\"body\":\"{\\\"code\\\":\\\"OK\\\"}\"}}},\"sandbox\":{\"success_path\":[\"PENDING\",\"PROCESSING\",\"PAID\"],\"failure_path\":[\"PENDING\",\"PROCESSING\",\"FAILURE\"],\"reversal\":{\"status\":\"REVERSED\"},\"provider_ref_prefix\":\"2024\",\"success\":{\"code\":\"OK\",\"errorMessage\":null},\"errors\":{\"unauthorized\":{\"http_status\":200,\"body\":{\"code\":\"SIGN_ERROR\",\"errorMessage\":\"Signature verification failed\",\"data\":null}},\"duplicate\":{\"http_status\":200,\"body\":{\"code\":\"DUPLICATE_ORDER\",\"errorMessage\":\"Duplicate merchantTradeNo\",\"data\":null}},\"not_found\":{\"http_status\":200,\"body\":{\"code\":\"ORDER_NOT_FOUND\",\"errorMessage\":\"Order not found\",\"data\":null}},\"invalid_request\":{\"http_status\":200,\"body\":{\"code\":\"PARAM_ERROR\",\"errorMessage\":\"{{ message }}\",\"data\":null}},\"server_error\":{\"http_status\":200,\"body\":{\"code\":\"SYSTEM_ERROR\",\"errorMessage\":\"System error\",\"data\":null}}}}}";
}

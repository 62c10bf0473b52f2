/**TeemoPay — generated from `teemopay.yaml` by `payout::provider!`.

Payout gateway for Indonesia (IDR, whole rupiah only) and other markets, chosen per request by the `country` header. Every request and callback carries a `sign` body field: a SHA1withRSA signature over the sorted `k=v` body fields followed by `&nonce=<nonce header>`, made with the sender's own private key and checked with its public key.

Gateway documentation: <https://github.com/teemopay/docs>

Money: IDR, amounts as exact decimals. A [`Client`] sends each operation's typed request with [`send`](::payout::runtime::TypedClient::send), and serves the unified interface, [`PayoutProvider`](::payout::runtime::PayoutProvider).*/
pub mod teemopay {
    use ::payout::runtime::codegen::{self, FromJson, ToJson};
    use ::payout::runtime::{
        CompiledSpec, Decimal, IndexMap, Json, JsonRef, PayoutError, PayoutResult,
        PayoutStatus, Secret, WebhookEvent,
    };
    use ::std::sync::{Arc, OnceLock};
    const _: &[u8] = ::core::include_bytes!("$CARGO_MANIFEST_DIR/specs/teemopay.yaml");
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
        ///Application code assigned to the merchant; sent in the `app_code` header.
        pub app_code: String,
        ///Market of the application (`ID` for Indonesia); sent in the `country` header.
        pub country: String,
        ///The merchant's RSA private key, PKCS#8, as TeemoPay hands it out (bare Base64 of the DER, no PEM armour) or as PEM. Signs every request (SHA1withRSA).
        pub merchant_private_key: Secret,
        ///TeemoPay's ("platform") public key, from "Exchange Public Key" in the merchant back office (bare Base64 of the SPKI DER, or PEM). Verifies callbacks.
        pub platform_public_key: String,
    }
    impl Credentials {
        /// From values by the spec's credential names (a configuration file, the
        /// environment). Every missing one is reported.
        pub fn from_map(values: &IndexMap<String, String>) -> Result<Self, PayoutError> {
            let [app_code, country, merchant_private_key, platform_public_key] = codegen::credentials(
                values,
                ["app_code", "country", "merchant_private_key", "platform_public_key"],
            )?;
            Ok(Credentials {
                app_code,
                country,
                merchant_private_key: Secret::new(merchant_private_key),
                platform_public_key,
            })
        }
    }
    impl ::payout::runtime::GatewayCredentials for Credentials {
        fn from_map(values: &IndexMap<String, String>) -> Result<Self, PayoutError> {
            Credentials::from_map(values)
        }
        fn values(&self) -> IndexMap<String, String> {
            IndexMap::from([
                ("app_code".to_string(), self.app_code.clone()),
                ("country".to_string(), self.country.clone()),
                (
                    "merchant_private_key".to_string(),
                    self.merchant_private_key.expose().to_string(),
                ),
                ("platform_public_key".to_string(), self.platform_public_key.clone()),
            ])
        }
    }
    /// The gateway's deployments.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Environment {
        /**Test environment (host assumed from the public `test-mx-gateway` pattern).

`https://test-id-gateway.teemopay.com`*/
        Sandbox,
        /**Production (host assumed; take the real one from the merchant back office).

`https://id-gateway.teemopay.com`*/
        Production,
    }
    impl Environment {
        /// The environment's base URL.
        pub fn base_url(&self) -> &'static str {
            match self {
                Environment::Sandbox => "https://test-id-gateway.teemopay.com",
                Environment::Production => "https://id-gateway.teemopay.com",
            }
        }
    }
    impl ::payout::runtime::GatewayEnvironment for Environment {
        fn base_url(&self) -> &'static str {
            Environment::base_url(self)
        }
    }
    ///The values of `accountType`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum CreatePayoutRequestAccountType {
        ///`TRANSFER` (sent as `701`)
        Transfer,
        ///`BANK_TRANSFER` (sent as `501`)
        BankTransfer,
    }
    impl CreatePayoutRequestAccountType {
        /// The value's name in the spec.
        pub fn as_str(&self) -> &'static str {
            match self {
                CreatePayoutRequestAccountType::Transfer => "TRANSFER",
                CreatePayoutRequestAccountType::BankTransfer => "BANK_TRANSFER",
            }
        }
    }
    impl ToJson for CreatePayoutRequestAccountType {
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
    impl FromJson for CreatePayoutRequestAccountType {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let value = match v.scalar_str()? {
                "TRANSFER" | "701" => CreatePayoutRequestAccountType::Transfer,
                "BANK_TRANSFER" | "501" => CreatePayoutRequestAccountType::BankTransfer,
                _ => return None,
            };
            Some(value)
        }
    }
    /**Create a payout order. A response with status 3 (failed) may be resent with the same `merchantOrderNo`.

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`CreatePayoutResponse`]. Sent once, never retried: an error with `may_exist` means the payout may exist at the gateway; query before sending it again.

# Example

```ignore
async fn create_payout(client: &teemopay::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = teemopay::CreatePayoutRequest {
        merchant_order_no: "11111111111".into(),
        amount: "1000".parse()?,
        account_type: teemopay::CreatePayoutRequestAccountType::Transfer,
        bank_account: "11111111111".into(),
        real_name: "realName".into(),
        phone: "11111111111".into(),
        optional: Default::default(),
    };
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `425`: `insufficient_funds`
- `426`: `duplicate` (`may_exist`: query before sending again)
- `414`: `invalid_request`
- `500`: `ambiguous` (`may_exist`: query before sending again)
- `401`: `unauthorized`
- `400`: `invalid_request`*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreatePayoutRequest {
        /**Merchant order number.

`merchantOrderNo` · required · 1 to 32 characters · unified role `merchant_ref`*/
        pub merchant_order_no: String,
        /**Payout amount in IDR, whole rupiah only (a JSON string of at most 20 characters).

`amount` · required · unified role `amount` · an exact amount, written as the spec's money format says*/
        pub amount: Decimal,
        /**Payout type: 701 TRANSFER (seed; `bankAccount` is the recipient's 11-digit phone number) or 501 BANK_TRANSFER (current public docs).

`accountType` · required · unified role `payout_method`*/
        pub account_type: CreatePayoutRequestAccountType,
        /**Recipient account; for accountType 701 the recipient's phone number, 11 digits.

`bankAccount` · required · 1 to 255 characters · unified role `beneficiary.account_number`*/
        pub bank_account: String,
        /**Account holder's name.

`realName` · required · 1 to 255 characters · unified role `beneficiary.name`*/
        pub real_name: String,
        /**Beneficiary phone number, 10 to 13 digits.

`phone` · required · 10 to 13 characters · pattern `[0-9]+` · unified role `beneficiary.phone`*/
        pub phone: String,
        /// The optional fields, each `None` unless set.
        pub optional: CreatePayoutRequestOptional,
    }
    ///The optional fields of [`CreatePayoutRequest`]; `Default::default()` sets none of them.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreatePayoutRequestOptional {
        /**Bank code (TeemoPay's bank list); required for accountType 501.

`bankCode` · at most 50 characters · unified role `beneficiary.bank_code`*/
        pub bank_code: Option<String>,
        /**Bank name; required for accountType 501.

`bankName` · at most 50 characters · unified role `beneficiary.bank_name`*/
        pub bank_name: Option<String>,
        /**Beneficiary email (current public docs; not in the seed).

`email` · at most 64 characters · unified role `beneficiary.email`*/
        pub email: Option<String>,
        /**Callback URL for the payout result; the merchant configuration's when absent.

`callbackUrl` · at most 200 characters · unified role `notify_url`*/
        pub callback_url: Option<String>,
    }
    impl CreatePayoutRequest {
        ///Sets `bankCode`.
        pub fn bank_code(mut self, value: impl Into<String>) -> Self {
            self.optional.bank_code = Some(value.into());
            self
        }
        ///Sets `bankName`.
        pub fn bank_name(mut self, value: impl Into<String>) -> Self {
            self.optional.bank_name = Some(value.into());
            self
        }
        ///Sets `email`.
        pub fn email(mut self, value: impl Into<String>) -> Self {
            self.optional.email = Some(value.into());
            self
        }
        ///Sets `callbackUrl`.
        pub fn callback_url(mut self, value: impl Into<String>) -> Self {
            self.optional.callback_url = Some(value.into());
            self
        }
    }
    impl ToJson for CreatePayoutRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put(&mut o, "merchantOrderNo", &self.merchant_order_no);
            codegen::put(&mut o, "amount", &self.amount);
            codegen::put_opt(&mut o, "bankCode", &self.optional.bank_code);
            codegen::put_opt(&mut o, "bankName", &self.optional.bank_name);
            codegen::put(&mut o, "accountType", &self.account_type);
            codegen::put(&mut o, "bankAccount", &self.bank_account);
            codegen::put(&mut o, "realName", &self.real_name);
            codegen::put(&mut o, "phone", &self.phone);
            codegen::put_opt(&mut o, "email", &self.optional.email);
            codegen::put_opt(&mut o, "callbackUrl", &self.optional.callback_url);
            Json::Object(o)
        }
    }
    /**The `data` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreatePayoutResponseBodyData {
        /**Merchant order number.

`merchantOrderNo` · unified role `merchant_ref`*/
        pub merchant_order_no: Option<String>,
        /**Platform order number.

`tradeNo` · unified role `provider_ref`*/
        pub trade_no: Option<String>,
        /**Transaction amount.

`amount` · unified role `amount` · an exact amount, written as the spec's money format says*/
        pub amount: Option<Decimal>,
        /**1 processing, 3 failed (may be resent with the same merchantOrderNo).

`status` · unified role `status` · read as [`Status`]*/
        pub status: Option<Status>,
    }
    impl FromJson for CreatePayoutResponseBodyData {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = CreatePayoutResponseBodyData::default();
            for (name, value) in v.members()? {
                match name {
                    "merchantOrderNo" => out.merchant_order_no = codegen::read(value),
                    "tradeNo" => out.trade_no = codegen::read(value),
                    "amount" => out.amount = codegen::read(value),
                    "status" => out.status = codegen::read(value),
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
        /**200 on success, else an error code (425 insufficient balance, 426 duplicate order...).

`code`*/
        pub code: Option<i64>,
        ///`msg`
        pub msg: Option<String>,
        ///`success`
        pub success: Option<bool>,
        /**TeemoPay's trace id (public docs; not in the seed).

`traceId`*/
        pub trace_id: Option<String>,
        ///`data`
        pub data: Option<CreatePayoutResponseBodyData>,
    }
    impl FromJson for CreatePayoutResponseBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = CreatePayoutResponseBody::default();
            for (name, value) in v.members()? {
                match name {
                    "code" => out.code = codegen::read(value),
                    "msg" => out.msg = codegen::read(value),
                    "success" => out.success = codegen::read(value),
                    "traceId" => out.trace_id = codegen::read(value),
                    "data" => out.data = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**Query a payout order by merchant order number (from the gateway's API documentation; the response shape is that of TeemoPay's public Indonesian payout-query docs).

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`QueryPayoutResponse`]. Retried with backoff on transient failures, freshly signed each time.

# Example

```ignore
async fn query_payout(client: &teemopay::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = teemopay::QueryPayoutRequest {
        merchant_order_no: "…".into(),
    };
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `400`: `not_found`
- `425`: `insufficient_funds`
- `426`: `duplicate` (`may_exist`: query before sending again)
- `414`: `invalid_request`
- `500`: `ambiguous` (`may_exist`: query before sending again)
- `401`: `unauthorized`
- `400`: `invalid_request`*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct QueryPayoutRequest {
        /**Merchant order number.

`merchantOrderNo` · required · 1 to 32 characters · unified role `merchant_ref`*/
        pub merchant_order_no: String,
    }
    impl ToJson for QueryPayoutRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put(&mut o, "merchantOrderNo", &self.merchant_order_no);
            Json::Object(o)
        }
    }
    /**The `data` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct QueryPayoutResponseBodyData {
        ///`merchantOrderNo` · unified role `merchant_ref`
        pub merchant_order_no: Option<String>,
        ///`tradeNo` · unified role `provider_ref`
        pub trade_no: Option<String>,
        ///`amount` · unified role `amount` · an exact amount, written as the spec's money format says
        pub amount: Option<Decimal>,
        /**2 success, 3 failed, 4 refunded (reversed).

`status` · unified role `status` · read as [`Status`]*/
        pub status: Option<Status>,
        /**Service fee = fixed fee + amount × rate.

`serviceAmount` · unified role `fee`*/
        pub service_amount: Option<Decimal>,
        /**Fixed part of the fee.

`immService`*/
        pub imm_service: Option<Decimal>,
        /**Rate part of the fee.

`serviceRate`*/
        pub service_rate: Option<Decimal>,
        /**Failure code (1000 account missing or restricted, 1001 returned, 1002 channel fluctuation, 9999 other).

`errorCode` · unified role `failure_code`*/
        pub error_code: Option<i64>,
        ///`errorMessage` · unified role `failure_reason`
        pub error_message: Option<String>,
        ///`completeTime` · unified role `completed_at`
        pub complete_time: Option<String>,
    }
    impl FromJson for QueryPayoutResponseBodyData {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = QueryPayoutResponseBodyData::default();
            for (name, value) in v.members()? {
                match name {
                    "merchantOrderNo" => out.merchant_order_no = codegen::read(value),
                    "tradeNo" => out.trade_no = codegen::read(value),
                    "amount" => out.amount = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "serviceAmount" => out.service_amount = codegen::read(value),
                    "immService" => out.imm_service = codegen::read(value),
                    "serviceRate" => out.service_rate = codegen::read(value),
                    "errorCode" => out.error_code = codegen::read(value),
                    "errorMessage" => out.error_message = codegen::read(value),
                    "completeTime" => out.complete_time = codegen::read(value),
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
        ///`code`
        pub code: Option<i64>,
        ///`msg`
        pub msg: Option<String>,
        ///`success`
        pub success: Option<bool>,
        ///`traceId`
        pub trace_id: Option<String>,
        ///`data`
        pub data: Option<QueryPayoutResponseBodyData>,
    }
    impl FromJson for QueryPayoutResponseBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = QueryPayoutResponseBody::default();
            for (name, value) in v.members()? {
                match name {
                    "code" => out.code = codegen::read(value),
                    "msg" => out.msg = codegen::read(value),
                    "success" => out.success = codegen::read(value),
                    "traceId" => out.trace_id = codegen::read(value),
                    "data" => out.data = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The body of the `payout_result` webhook.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct PayoutResultBody {
        ///`merchantOrderNo` · unified role `merchant_ref`
        pub merchant_order_no: Option<String>,
        ///`tradeNo` · unified role `provider_ref`
        pub trade_no: Option<String>,
        ///`amount` · unified role `amount` · an exact amount, written as the spec's money format says
        pub amount: Option<Decimal>,
        ///`serviceAmount` · unified role `fee`
        pub service_amount: Option<Decimal>,
        /**Remarks (currently always empty).

`remark`*/
        pub remark: Option<String>,
        /**2 success, 3 failed, 4 refunded.

`status` · unified role `status` · read as [`Status`]*/
        pub status: Option<Status>,
        ///`errorCode` · unified role `failure_code`
        pub error_code: Option<i64>,
        ///`errorMessage` · unified role `failure_reason`
        pub error_message: Option<String>,
        ///`completeTime` · unified role `completed_at`
        pub complete_time: Option<String>,
        ///`sign`
        pub sign: Option<String>,
    }
    impl FromJson for PayoutResultBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = PayoutResultBody::default();
            for (name, value) in v.members()? {
                match name {
                    "merchantOrderNo" => out.merchant_order_no = codegen::read(value),
                    "tradeNo" => out.trade_no = codegen::read(value),
                    "amount" => out.amount = codegen::read(value),
                    "serviceAmount" => out.service_amount = codegen::read(value),
                    "remark" => out.remark = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "errorCode" => out.error_code = codegen::read(value),
                    "errorMessage" => out.error_message = codegen::read(value),
                    "completeTime" => out.complete_time = codegen::read(value),
                    "sign" => out.sign = codegen::read(value),
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
            input.reserve(10);
            input.text(0, "merchantOrderNo", &self.merchant_order_no);
            input.put(1, "amount", &self.amount);
            input.text_opt(2, "bankCode", &self.optional.bank_code);
            input.text_opt(3, "bankName", &self.optional.bank_name);
            input.put(4, "accountType", &self.account_type);
            input.text(5, "bankAccount", &self.bank_account);
            input.text(6, "realName", &self.real_name);
            input.text(7, "phone", &self.phone);
            input.text_opt(8, "email", &self.optional.email);
            input.text_opt(9, "callbackUrl", &self.optional.callback_url);
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
            input.reserve(1);
            input.text(0, "merchantOrderNo", &self.merchant_order_no);
        }
    }
    /// The gateway's payout statuses. A value the spec does not know is kept as
    /// [`Status::Other`] and is never final.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum Status {
        /**Processing (create response).

`1` → processing*/
        V1,
        /**Paid (query and callback).

`2` → succeeded*/
        V2,
        /**Failed; a failed create may be resent with the same merchantOrderNo.

`3` → failed*/
        V3,
        /**Refunded: a paid payout came back (query and callback).

`4` → reversed*/
        V4,
        /// A value the spec does not map.
        Other(String),
    }
    impl Status {
        /// The typed status of a provider value.
        pub fn from_provider(value: &str) -> Self {
            match value {
                "1" => Status::V1,
                "2" => Status::V2,
                "3" => Status::V3,
                "4" => Status::V4,
                other => Status::Other(other.to_string()),
            }
        }
        /// The provider value.
        pub fn as_str(&self) -> &str {
            match self {
                Status::V1 => "1",
                Status::V2 => "2",
                Status::V3 => "3",
                Status::V4 => "4",
                Status::Other(s) => s,
            }
        }
        /// The unified status, given the reason the gateway sent with it; `None` for
        /// [`Status::Other`].
        pub fn unified(&self, reason: Option<&str>) -> Option<PayoutStatus> {
            match self {
                Status::V1 => Some(PayoutStatus::Processing),
                Status::V2 => Some(PayoutStatus::Succeeded),
                Status::V3 => Some(PayoutStatus::Failed),
                Status::V4 => Some(PayoutStatus::Reversed),
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
        ///Payout result callback, POSTed to `callbackUrl` (or the configured one) with the same headers as a request. Signed like a request, by TeemoPay with its private key; verified with `platform_public_key`. Fields from the public Indonesian callback docs (the seed has none). TeemoPay retries until the answer is `SUCCESS`.
        PayoutResult(PayoutResultEvent),
    }
    ///A verified `payout_result` webhook: its body typed, the gateway's status typed, and the unified event.
    pub type PayoutResultEvent = ::payout::runtime::TypedEvent<PayoutResultBody, Status>;
    impl Webhook {
        /// The kind of a verified event, by the spec's name of its webhook, its body typed
        /// from `fields` (the body as read).
        fn from_event(
            event: WebhookEvent,
            fields: &JsonRef<'_>,
        ) -> Result<Self, PayoutError> {
            match event.webhook.as_str() {
                "payout_result" => {
                    Ok(
                        Webhook::PayoutResult(
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
    pub const PROVIDER_ID: &str = "teemopay";
    const SPEC_JSON: &str = "{\"spec_version\":1,\"provider\":{\"id\":\"teemopay\",\"name\":\"TeemoPay\",\"description\":\"Payout gateway for Indonesia (IDR, whole rupiah only) and other markets, chosen per request by the `country` header. Every request and callback carries a `sign` body field: a SHA1withRSA signature over the sorted `k=v` body fields followed by `&nonce=<nonce header>`, made with the sender's own private key and checked with its public key.\",\"docs\":\"https://github.com/teemopay/docs\",\"country\":\"ID\"},\"environments\":{\"sandbox\":{\"base_url\":\"https://test-id-gateway.teemopay.com\",\"description\":\"Test environment (host assumed from the public `test-mx-gateway` pattern).\"},\"production\":{\"base_url\":\"https://id-gateway.teemopay.com\",\"description\":\"Production (host assumed; take the real one from the merchant back office).\"}},\"credentials\":{\"app_code\":{\"description\":\"Application code assigned to the merchant; sent in the `app_code` header.\",\"type\":\"text\"},\"country\":{\"description\":\"Market of the application (`ID` for Indonesia); sent in the `country` header.\",\"type\":\"text\"},\"merchant_private_key\":{\"description\":\"The merchant's RSA private key, PKCS#8, as TeemoPay hands it out (bare Base64 of the DER, no PEM armour) or as PEM. Signs every request (SHA1withRSA).\",\"secret\":true,\"type\":\"rsa_private_key\"},\"platform_public_key\":{\"description\":\"TeemoPay's (\\\"platform\\\") public key, from \\\"Exchange Public Key\\\" in the merchant back office (bare Base64 of the SPKI DER, or PEM). Verifies callbacks.\",\"type\":\"rsa_public_key\"}},\"money\":{\"currency\":\"IDR\",\"amount\":{\"encoding\":\"string\",\"unit\":\"major\",\"decimals\":0,\"max\":\"99999999999999999999\"}},\"signing\":{\"teemo_rsa\":{\"description\":\"The `sign` field of requests and callbacks: every body field except `sign`, leaving out null and blank values, sorted by ASCII key and joined as `k=v&k=v`, then `&nonce=` and the message's `nonce` header appended; SHA1withRSA (PKCS#1 v1.5), Base64. Requests are signed with the merchant's private key; callbacks are signed by TeemoPay with its own key and checked with `platform_public_key`. That the callback string also ends in `&nonce=<callback nonce header>` is the choice made here (the public authentication guide: \\\"Platform will perform above operations when calling back to merchant\\\"), not confirmed; the other reading, without the suffix, is `callback_rsa_no_nonce`.\",\"compare\":\"exact\",\"steps\":[{\"input\":{\"canonical\":{\"exclude\":[\"sign\"],\"skip_null\":true,\"skip_blank\":true,\"sort\":true,\"separator\":\"&\",\"pair\":\"=\",\"percent_encode\":false}}},{\"template\":\"{{ input }}&nonce={{ nonce }}\"},{\"rsa_sign\":{\"hash\":\"sha1\",\"key\":\"merchant_private_key\",\"verify_key\":\"platform_public_key\"}},{\"encode\":\"base64\"}]},\"callback_rsa_no_nonce\":{\"description\":\"Not used: the alternative reading of how callbacks are signed, without the `&nonce=<nonce header>` suffix (only the sorted `k=v` body fields). Kept so that the variant is expressed and tested (see its vector); switch the webhook's `sign` field to it if TeemoPay's callbacks turn out to be signed this way.\",\"compare\":\"exact\",\"steps\":[{\"input\":{\"canonical\":{\"exclude\":[\"sign\"],\"skip_null\":true,\"skip_blank\":true,\"sort\":true,\"separator\":\"&\",\"pair\":\"=\",\"percent_encode\":false}}},{\"rsa_sign\":{\"hash\":\"sha1\",\"key\":\"merchant_private_key\",\"verify_key\":\"platform_public_key\"}},{\"encode\":\"base64\"}]}},\"error_codes\":{\"425\":\"insufficient_funds\",\"426\":\"duplicate\",\"414\":\"invalid_request\",\"500\":\"ambiguous\",\"401\":\"unauthorized\",\"400\":\"invalid_request\"},\"operations\":{\"create_payout\":{\"role\":\"create\",\"description\":\"Create a payout order. A response with status 3 (failed) may be resent with the same `merchantOrderNo`.\",\"method\":\"POST\",\"path\":\"/api/pay/payout/create/v1\",\"headers\":{\"app_code\":\"{{ credentials.app_code }}\",\"country\":\"{{ credentials.country }}\",\"nonce\":\"{{ nonce }}\",\"timestamp\":\"{{ timestamp }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"merchantOrderNo\":{\"type\":\"string\",\"description\":\"Merchant order number.\",\"required\":true,\"role\":\"merchant_ref\",\"min_len\":1,\"max_len\":32,\"example\":\"11111111111\"},\"amount\":{\"type\":\"amount\",\"description\":\"Payout amount in IDR, whole rupiah only (a JSON string of at most 20 characters).\",\"required\":true,\"role\":\"amount\",\"example\":\"1000\"},\"bankCode\":{\"type\":\"string\",\"description\":\"Bank code (TeemoPay's bank list); required for accountType 501.\",\"role\":\"beneficiary.bank_code\",\"max_len\":50},\"bankName\":{\"type\":\"string\",\"description\":\"Bank name; required for accountType 501.\",\"role\":\"beneficiary.bank_name\",\"max_len\":50},\"accountType\":{\"type\":\"int\",\"description\":\"Payout type: 701 TRANSFER (seed; `bankAccount` is the recipient's 11-digit phone number) or 501 BANK_TRANSFER (current public docs).\",\"required\":true,\"role\":\"payout_method\",\"enum\":{\"TRANSFER\":701,\"BANK_TRANSFER\":501},\"unified\":{\"wallet\":\"TRANSFER\",\"bank_account\":\"BANK_TRANSFER\"},\"json\":\"string\",\"example\":\"TRANSFER\"},\"bankAccount\":{\"type\":\"string\",\"description\":\"Recipient account; for accountType 701 the recipient's phone number, 11 digits.\",\"required\":true,\"role\":\"beneficiary.account_number\",\"min_len\":1,\"max_len\":255,\"example\":\"11111111111\"},\"realName\":{\"type\":\"string\",\"description\":\"Account holder's name.\",\"required\":true,\"role\":\"beneficiary.name\",\"min_len\":1,\"max_len\":255,\"example\":\"realName\"},\"phone\":{\"type\":\"string\",\"description\":\"Beneficiary phone number, 10 to 13 digits.\",\"required\":true,\"role\":\"beneficiary.phone\",\"min_len\":10,\"max_len\":13,\"pattern\":\"[0-9]+\",\"example\":\"11111111111\"},\"email\":{\"type\":\"string\",\"description\":\"Beneficiary email (current public docs; not in the seed).\",\"role\":\"beneficiary.email\",\"max_len\":64},\"callbackUrl\":{\"type\":\"string\",\"description\":\"Callback URL for the payout result; the merchant configuration's when absent.\",\"role\":\"notify_url\",\"max_len\":200},\"sign\":{\"type\":\"string\",\"description\":\"Signature (recipe `teemo_rsa`).\",\"value\":\"{{ signatures.teemo_rsa }}\"}},\"rules\":[{\"when\":{\"field\":\"accountType\",\"equals\":\"TRANSFER\",\"then\":{\"bankAccount\":{\"pattern\":\"[0-9]{11}\",\"message\":\"for accountType 701 (TRANSFER) bankAccount is the recipient's phone number, 11 digits\"}}}},{\"when\":{\"field\":\"accountType\",\"equals\":\"BANK_TRANSFER\",\"then\":{\"bankCode\":{\"required\":true,\"message\":\"bankCode is required for accountType 501 (BANK_TRANSFER)\"},\"bankName\":{\"required\":true,\"message\":\"bankName is required for accountType 501 (BANK_TRANSFER)\"}}}}]},\"nonce\":{\"charset\":\"alphanumeric\",\"length\":32},\"response\":{\"success\":\"code == 200\",\"error\":{\"code\":\"code\",\"message\":\"msg\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"code\":{\"type\":\"int\",\"description\":\"200 on success, else an error code (425 insufficient balance, 426 duplicate order...).\"},\"msg\":{\"type\":\"string\"},\"success\":{\"type\":\"bool\"},\"traceId\":{\"type\":\"string\",\"description\":\"TeemoPay's trace id (public docs; not in the seed).\"},\"data\":{\"type\":\"object\",\"nullable\":true,\"fields\":{\"merchantOrderNo\":{\"type\":\"string\",\"description\":\"Merchant order number.\",\"role\":\"merchant_ref\"},\"tradeNo\":{\"type\":\"string\",\"description\":\"Platform order number.\",\"role\":\"provider_ref\"},\"amount\":{\"type\":\"amount\",\"description\":\"Transaction amount.\",\"role\":\"amount\"},\"status\":{\"type\":\"int\",\"description\":\"1 processing, 3 failed (may be resent with the same merchantOrderNo).\",\"role\":\"status\"}}}}}}},\"query_payout\":{\"role\":\"query\",\"description\":\"Query a payout order by merchant order number (from the gateway's API documentation; the response shape is that of TeemoPay's public Indonesian payout-query docs).\",\"method\":\"POST\",\"path\":\"/api/pay/payout/query/v1\",\"headers\":{\"app_code\":\"{{ credentials.app_code }}\",\"country\":\"{{ credentials.country }}\",\"nonce\":\"{{ nonce }}\",\"timestamp\":\"{{ timestamp }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"merchantOrderNo\":{\"type\":\"string\",\"description\":\"Merchant order number.\",\"required\":true,\"role\":\"merchant_ref\",\"min_len\":1,\"max_len\":32},\"sign\":{\"type\":\"string\",\"description\":\"Signature (recipe `teemo_rsa`).\",\"value\":\"{{ signatures.teemo_rsa }}\"}}},\"nonce\":{\"charset\":\"alphanumeric\",\"length\":32},\"response\":{\"success\":\"code == 200\",\"error\":{\"code\":\"code\",\"message\":\"msg\"},\"codes\":{\"400\":\"not_found\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"code\":{\"type\":\"int\"},\"msg\":{\"type\":\"string\"},\"success\":{\"type\":\"bool\"},\"traceId\":{\"type\":\"string\"},\"data\":{\"type\":\"object\",\"nullable\":true,\"fields\":{\"merchantOrderNo\":{\"type\":\"string\",\"role\":\"merchant_ref\"},\"tradeNo\":{\"type\":\"string\",\"role\":\"provider_ref\"},\"amount\":{\"type\":\"amount\",\"role\":\"amount\"},\"status\":{\"type\":\"int\",\"description\":\"2 success, 3 failed, 4 refunded (reversed).\",\"role\":\"status\"},\"serviceAmount\":{\"type\":\"decimal\",\"description\":\"Service fee = fixed fee + amount × rate.\",\"role\":\"fee\"},\"immService\":{\"type\":\"decimal\",\"description\":\"Fixed part of the fee.\"},\"serviceRate\":{\"type\":\"decimal\",\"description\":\"Rate part of the fee.\"},\"errorCode\":{\"type\":\"int\",\"description\":\"Failure code (1000 account missing or restricted, 1001 returned, 1002 channel fluctuation, 9999 other).\",\"nullable\":true,\"role\":\"failure_code\"},\"errorMessage\":{\"type\":\"string\",\"nullable\":true,\"role\":\"failure_reason\"},\"completeTime\":{\"type\":\"datetime\",\"nullable\":true,\"role\":\"completed_at\",\"format\":\"%Y-%m-%d %H:%M:%S\",\"offset\":\"+07:00\"}}}}}}}},\"statuses\":{\"1\":{\"unified\":\"processing\",\"description\":\"Processing (create response).\"},\"2\":{\"unified\":\"succeeded\",\"description\":\"Paid (query and callback).\"},\"3\":{\"unified\":\"failed\",\"description\":\"Failed; a failed create may be resent with the same merchantOrderNo.\"},\"4\":{\"unified\":\"reversed\",\"description\":\"Refunded: a paid payout came back (query and callback).\"}},\"webhooks\":{\"payout_result\":{\"description\":\"Payout result callback, POSTed to `callbackUrl` (or the configured one) with the same headers as a request. Signed like a request, by TeemoPay with its private key; verified with `platform_public_key`. Fields from the public Indonesian callback docs (the seed has none). TeemoPay retries until the answer is `SUCCESS`.\",\"method\":\"POST\",\"headers\":{\"nonce\":\"{{ nonce }}\",\"country\":\"{{ credentials.country }}\",\"appCode\":\"{{ credentials.app_code }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"merchantOrderNo\":{\"type\":\"string\",\"role\":\"merchant_ref\"},\"tradeNo\":{\"type\":\"string\",\"role\":\"provider_ref\"},\"amount\":{\"type\":\"amount\",\"role\":\"amount\"},\"serviceAmount\":{\"type\":\"decimal\",\"role\":\"fee\"},\"remark\":{\"type\":\"string\",\"description\":\"Remarks (currently always empty).\"},\"status\":{\"type\":\"int\",\"description\":\"2 success, 3 failed, 4 refunded.\",\"role\":\"status\"},\"errorCode\":{\"type\":\"int\",\"nullable\":true,\"role\":\"failure_code\"},\"errorMessage\":{\"type\":\"string\",\"nullable\":true,\"role\":\"failure_reason\"},\"completeTime\":{\"type\":\"datetime\",\"nullable\":true,\"role\":\"completed_at\",\"format\":\"%Y-%m-%d %H:%M:%S\",\"offset\":\"+07:00\"},\"sign\":{\"type\":\"string\",\"value\":\"{{ signatures.teemo_rsa }}\"}}},\"nonce\":{\"charset\":\"alphanumeric\",\"length\":32},\"ack\":{\"status\":200,\"body\":\"SUCCESS\"}}},\"sandbox\":{\"success_path\":[\"1\",\"2\"],\"failure_path\":[\"1\",\"3\"],\"reversal\":{\"status\":\"4\"},\"provider_ref_prefix\":\"TF\",\"success\":{\"code\":200,\"msg\":\"success\",\"success\":true},\"errors\":{\"unauthorized\":{\"http_status\":200,\"body\":{\"code\":401,\"data\":null,\"msg\":\"sign verify failed\",\"success\":false}},\"duplicate\":{\"http_status\":200,\"body\":{\"code\":426,\"data\":null,\"msg\":\"merchant order duplicate\",\"success\":false}},\"not_found\":{\"http_status\":200,\"body\":{\"code\":400,\"msg\":\"Order not found\",\"success\":false}},\"invalid_request\":{\"http_status\":200,\"body\":{\"code\":414,\"data\":null,\"msg\":\"{{ message }}\",\"success\":false}},\"server_error\":{\"http_status\":200,\"body\":{\"code\":500,\"data\":null,\"msg\":\"Business Error\",\"success\":false}}}}}";
}

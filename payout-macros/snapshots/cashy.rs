/**Cashy (Colombia) — generated from `cashy.yaml` by `payout::provider!`.

Colombian payout gateway (CoCashy). Payouts in COP to bank accounts; every request and webhook is signed with an MD5 of the raw body bytes followed by the API key.

Gateway documentation: <https://docs.cocashy.com>

Money: COP, amounts as exact decimals. A [`Client`] sends each operation's typed request with [`send`](::payout::runtime::TypedClient::send), and serves the unified interface, [`PayoutProvider`](::payout::runtime::PayoutProvider).*/
pub mod cashy {
    use ::payout::runtime::codegen::{self, FromJson, ToJson};
    use ::payout::runtime::{
        CompiledSpec, Decimal, IndexMap, Json, JsonRef, PayoutError, PayoutResult,
        PayoutStatus, Secret, WebhookEvent,
    };
    use ::std::sync::{Arc, OnceLock};
    const _: &[u8] = ::core::include_bytes!("$CARGO_MANIFEST_DIR/specs/cashy.yaml");
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
        ///Merchant id, sent in the `MerchantId` header.
        pub merchant_id: String,
        ///API key; only ever used inside the MD5 signature.
        pub api_key: Secret,
    }
    impl Credentials {
        /// From values by the spec's credential names (a configuration file, the
        /// environment). Every missing one is reported.
        pub fn from_map(values: &IndexMap<String, String>) -> Result<Self, PayoutError> {
            let [merchant_id, api_key] = codegen::credentials(
                values,
                ["merchant_id", "api_key"],
            )?;
            Ok(Credentials {
                merchant_id,
                api_key: Secret::new(api_key),
            })
        }
    }
    impl ::payout::runtime::GatewayCredentials for Credentials {
        fn from_map(values: &IndexMap<String, String>) -> Result<Self, PayoutError> {
            Credentials::from_map(values)
        }
        fn values(&self) -> IndexMap<String, String> {
            IndexMap::from([
                ("merchant_id".to_string(), self.merchant_id.clone()),
                ("api_key".to_string(), self.api_key.expose().to_string()),
            ])
        }
    }
    /// The gateway's deployments.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Environment {
        /**Test environment (host assumed; the seed writes only `baseUrl`).

`https://sandbox.cocashy.com`*/
        Sandbox,
        ///`https://api.cocashy.com`
        Production,
    }
    impl Environment {
        /// The environment's base URL.
        pub fn base_url(&self) -> &'static str {
            match self {
                Environment::Sandbox => "https://sandbox.cocashy.com",
                Environment::Production => "https://api.cocashy.com",
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
        ///`COP`
        Cop,
    }
    impl CreatePayoutRequestCurrency {
        /// The value's name in the spec.
        pub fn as_str(&self) -> &'static str {
            match self {
                CreatePayoutRequestCurrency::Cop => "COP",
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
                "COP" => CreatePayoutRequestCurrency::Cop,
                _ => return None,
            };
            Some(value)
        }
    }
    /**Create a payout order to a Colombian bank account.

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`CreatePayoutResponse`]. Sent once, never retried: an error with `may_exist` means the payout may exist at the gateway; query before sending it again.

# Example

```ignore
async fn create_payout(client: &cashy::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = cashy::CreatePayoutRequest {
        amount: "50000.00".parse()?,
        bank_id: 33,
        id_type: "1".into(),
        account_name: "Jeson".into(),
        mch_order_no: "order00000001".into(),
        id_card: "43912345".into(),
        account_no: "3023612345".into(),
        account_type: 0,
        notify_url: "…".into(),
        remark: "remark".into(),
        optional: Default::default(),
    };
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `500`: `ambiguous` (`may_exist`: query before sending again)
- `401`: `unauthorized`
- `409`: `duplicate` (`may_exist`: query before sending again)
- `404`: `not_found`
- `400`: `invalid_request`*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreatePayoutRequest {
        /**Amount in COP, 10000-5000000, two decimals.

`amount` · required · unified role `amount` · an exact amount, written as the spec's money format says*/
        pub amount: Decimal,
        /**Bank id, from Cashy's payout bank list query.

`bankId` · required*/
        pub bank_id: i64,
        /**Payee ID type; must match the document used to open the account (NIT, CC...), or the payout fails.

`idType` · required · at most 32 characters · unified role `beneficiary.id_type`*/
        pub id_type: String,
        /**Beneficiary name.

`accountName` · required · 1 to 32 characters · unified role `beneficiary.name`*/
        pub account_name: String,
        /**Merchant order number, unique per merchant.

`mchOrderNo` · required · 1 to 32 characters · unified role `merchant_ref`*/
        pub mch_order_no: String,
        /**Beneficiary ID number.

`idCard` · required · at most 32 characters · unified role `beneficiary.id_number`*/
        pub id_card: String,
        /**Beneficiary account number.

`accountNo` · required · 1 to 32 characters · unified role `beneficiary.account_number`*/
        pub account_no: String,
        /**Beneficiary account type, from Cashy's Payout Account Type table (the seed sends "0").

`accountType` · required · unified role `beneficiary.account_type`*/
        pub account_type: i64,
        /**Webhook (callback) address; the seed sends an empty string.

`notifyUrl` · required · at most 250 characters · unified role `notify_url`*/
        pub notify_url: String,
        /**Order remarks.

`remark` · required · at most 32 characters · unified role `remark`*/
        pub remark: String,
        /// The optional fields, each `None` unless set.
        pub optional: CreatePayoutRequestOptional,
    }
    ///The optional fields of [`CreatePayoutRequest`]; `Default::default()` sets none of them.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreatePayoutRequestOptional {
        /**Currency code.

`currency` · always sent · at most 32 characters · the spec's currency when left out · unified role `currency`*/
        pub currency: Option<CreatePayoutRequestCurrency>,
        /**Random string.

`nonceStr` · always sent · at most 32 characters · generated when left out*/
        pub nonce_str: Option<String>,
        /**Beneficiary phone number.

`phone` · at most 32 characters · unified role `beneficiary.phone`*/
        pub phone: Option<String>,
        /**Beneficiary email.

`email` · at most 32 characters · unified role `beneficiary.email`*/
        pub email: Option<String>,
    }
    impl CreatePayoutRequest {
        ///Sets `currency`.
        pub fn currency(mut self, value: CreatePayoutRequestCurrency) -> Self {
            self.optional.currency = Some(value);
            self
        }
        ///Sets `nonceStr`.
        pub fn nonce_str(mut self, value: impl Into<String>) -> Self {
            self.optional.nonce_str = Some(value.into());
            self
        }
        ///Sets `phone`.
        pub fn phone(mut self, value: impl Into<String>) -> Self {
            self.optional.phone = Some(value.into());
            self
        }
        ///Sets `email`.
        pub fn email(mut self, value: impl Into<String>) -> Self {
            self.optional.email = Some(value.into());
            self
        }
    }
    impl ToJson for CreatePayoutRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put(&mut o, "amount", &self.amount);
            codegen::put(&mut o, "bankId", &self.bank_id);
            codegen::put(&mut o, "idType", &self.id_type);
            codegen::put(&mut o, "accountName", &self.account_name);
            codegen::put(&mut o, "mchOrderNo", &self.mch_order_no);
            codegen::put(&mut o, "idCard", &self.id_card);
            codegen::put(&mut o, "accountNo", &self.account_no);
            codegen::put(&mut o, "accountType", &self.account_type);
            codegen::put(&mut o, "notifyUrl", &self.notify_url);
            codegen::put_opt(&mut o, "currency", &self.optional.currency);
            codegen::put(&mut o, "remark", &self.remark);
            codegen::put_opt(&mut o, "nonceStr", &self.optional.nonce_str);
            codegen::put_opt(&mut o, "phone", &self.optional.phone);
            codegen::put_opt(&mut o, "email", &self.optional.email);
            Json::Object(o)
        }
    }
    /**The `data` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreatePayoutResponseBodyData {
        /**Merchant id.

`merchantId`*/
        pub merchant_id: Option<String>,
        ///`mchOrderNo` · unified role `merchant_ref`
        pub mch_order_no: Option<String>,
        /**Platform order number.

`orderNo` · unified role `provider_ref`*/
        pub order_no: Option<String>,
        ///`amount` · unified role `amount` · an exact amount, written as the spec's money format says
        pub amount: Option<Decimal>,
        ///`fee` · unified role `fee`
        pub fee: Option<Decimal>,
        ///`orderStatus` · unified role `status` · read as [`Status`]
        pub order_status: Option<Status>,
    }
    impl FromJson for CreatePayoutResponseBodyData {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = CreatePayoutResponseBodyData::default();
            for (name, value) in v.members()? {
                match name {
                    "merchantId" => out.merchant_id = codegen::read(value),
                    "mchOrderNo" => out.mch_order_no = codegen::read(value),
                    "orderNo" => out.order_no = codegen::read(value),
                    "amount" => out.amount = codegen::read(value),
                    "fee" => out.fee = codegen::read(value),
                    "orderStatus" => out.order_status = codegen::read(value),
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
        ///`code`
        pub code: Option<i64>,
        ///`msg`
        pub msg: Option<String>,
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
                    "data" => out.data = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**Query a payout order; give at least one of `orderNo` (preferred) and `mchOrderNo`.

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`QueryPayoutResponse`]. Retried with backoff on transient failures, freshly signed each time.

# Example

```ignore
async fn query_payout(client: &cashy::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = cashy::QueryPayoutRequest::default().mch_order_no("…");
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `500`: `ambiguous` (`may_exist`: query before sending again)
- `401`: `unauthorized`
- `409`: `duplicate` (`may_exist`: query before sending again)
- `404`: `not_found`
- `400`: `invalid_request`*/
    #[derive(Debug, Clone, PartialEq)]
    #[derive(Default)]
    pub struct QueryPayoutRequest {
        /**Merchant order number.

`mchOrderNo` · at most 32 characters · unified role `merchant_ref`*/
        pub mch_order_no: Option<String>,
        /**Random string.

`nonceStr` · always sent · at most 32 characters · generated when left out*/
        pub nonce_str: Option<String>,
        /**Platform order number.

`orderNo` · at most 32 characters · unified role `provider_ref`*/
        pub order_no: Option<String>,
    }
    impl QueryPayoutRequest {
        ///Sets `mchOrderNo`.
        pub fn mch_order_no(mut self, value: impl Into<String>) -> Self {
            self.mch_order_no = Some(value.into());
            self
        }
        ///Sets `nonceStr`.
        pub fn nonce_str(mut self, value: impl Into<String>) -> Self {
            self.nonce_str = Some(value.into());
            self
        }
        ///Sets `orderNo`.
        pub fn order_no(mut self, value: impl Into<String>) -> Self {
            self.order_no = Some(value.into());
            self
        }
    }
    impl ToJson for QueryPayoutRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put_opt(&mut o, "mchOrderNo", &self.mch_order_no);
            codegen::put_opt(&mut o, "nonceStr", &self.nonce_str);
            codegen::put_opt(&mut o, "orderNo", &self.order_no);
            Json::Object(o)
        }
    }
    /**The `data` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct QueryPayoutResponseBodyData {
        ///`merchantId`
        pub merchant_id: Option<String>,
        ///`mchOrderNo` · unified role `merchant_ref`
        pub mch_order_no: Option<String>,
        ///`orderNo` · unified role `provider_ref`
        pub order_no: Option<String>,
        /**Channel order number.

`channelOrderNo` · unified role `utr`*/
        pub channel_order_no: Option<String>,
        ///`amount` · unified role `amount` · an exact amount, written as the spec's money format says
        pub amount: Option<Decimal>,
        ///`fee` · unified role `fee`
        pub fee: Option<Decimal>,
        ///`orderStatus` · unified role `status` · read as [`Status`]
        pub order_status: Option<Status>,
        /**Order status description; `PAYMENT_OFFSET` marks a reversal.

`resultDesc` · unified role `failure_reason`*/
        pub result_desc: Option<String>,
        ///`completionTime` · unified role `completed_at`
        pub completion_time: Option<String>,
    }
    impl FromJson for QueryPayoutResponseBodyData {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = QueryPayoutResponseBodyData::default();
            for (name, value) in v.members()? {
                match name {
                    "merchantId" => out.merchant_id = codegen::read(value),
                    "mchOrderNo" => out.mch_order_no = codegen::read(value),
                    "orderNo" => out.order_no = codegen::read(value),
                    "channelOrderNo" => out.channel_order_no = codegen::read(value),
                    "amount" => out.amount = codegen::read(value),
                    "fee" => out.fee = codegen::read(value),
                    "orderStatus" => out.order_status = codegen::read(value),
                    "resultDesc" => out.result_desc = codegen::read(value),
                    "completionTime" => out.completion_time = codegen::read(value),
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
        ///`amount` · unified role `amount` · an exact amount, written as the spec's money format says
        pub amount: Option<Decimal>,
        ///`completionTime` · unified role `completed_at`
        pub completion_time: Option<String>,
        ///`fee` · unified role `fee`
        pub fee: Option<Decimal>,
        ///`mchOrderNo` · unified role `merchant_ref`
        pub mch_order_no: Option<String>,
        ///`merchantId`
        pub merchant_id: Option<String>,
        ///`nonceStr` · generated when left out
        pub nonce_str: Option<String>,
        ///`orderNo` · unified role `provider_ref`
        pub order_no: Option<String>,
        ///`channelOrderNo` · unified role `utr`
        pub channel_order_no: Option<String>,
        ///`orderStatus` · unified role `status` · read as [`Status`]
        pub order_status: Option<Status>,
        ///`resultDesc` · unified role `failure_reason`
        pub result_desc: Option<String>,
        ///`payType`
        pub pay_type: Option<String>,
    }
    impl FromJson for PayoutResultBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = PayoutResultBody::default();
            for (name, value) in v.members()? {
                match name {
                    "amount" => out.amount = codegen::read(value),
                    "completionTime" => out.completion_time = codegen::read(value),
                    "fee" => out.fee = codegen::read(value),
                    "mchOrderNo" => out.mch_order_no = codegen::read(value),
                    "merchantId" => out.merchant_id = codegen::read(value),
                    "nonceStr" => out.nonce_str = codegen::read(value),
                    "orderNo" => out.order_no = codegen::read(value),
                    "channelOrderNo" => out.channel_order_no = codegen::read(value),
                    "orderStatus" => out.order_status = codegen::read(value),
                    "resultDesc" => out.result_desc = codegen::read(value),
                    "payType" => out.pay_type = codegen::read(value),
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
            input.reserve(14);
            input.put(0, "amount", &self.amount);
            input.put(1, "bankId", &self.bank_id);
            input.text(2, "idType", &self.id_type);
            input.text(3, "accountName", &self.account_name);
            input.text(4, "mchOrderNo", &self.mch_order_no);
            input.text(5, "idCard", &self.id_card);
            input.text(6, "accountNo", &self.account_no);
            input.put(7, "accountType", &self.account_type);
            input.text(8, "notifyUrl", &self.notify_url);
            input.put_opt(9, "currency", &self.optional.currency);
            input.text(10, "remark", &self.remark);
            input.text_opt(11, "nonceStr", &self.optional.nonce_str);
            input.text_opt(12, "phone", &self.optional.phone);
            input.text_opt(13, "email", &self.optional.email);
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
            input.reserve(3);
            input.text_opt(0, "mchOrderNo", &self.mch_order_no);
            input.text_opt(1, "nonceStr", &self.nonce_str);
            input.text_opt(2, "orderNo", &self.order_no);
        }
    }
    /// The gateway's payout statuses. A value the spec does not know is kept as
    /// [`Status::Other`] and is never final.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum Status {
        /**Waiting to be processed.

`WAITING` → pending*/
        Waiting,
        /**Accepted and processing.

`PROCESSING` → processing*/
        Processing,
        /**Being paid.

`PAYING` → processing*/
        Paying,
        /**Paid.

`SUCCESS` → succeeded*/
        Success,
        /**Failed. With `resultDesc` PAYMENT_OFFSET, a paid order was reversed.

`FAIL` → failed*/
        Fail,
        /**Cancelled.

`CANCEL` → cancelled*/
        Cancel,
        /// A value the spec does not map.
        Other(String),
    }
    impl Status {
        /// The typed status of a provider value.
        pub fn from_provider(value: &str) -> Self {
            match value {
                "WAITING" => Status::Waiting,
                "PROCESSING" => Status::Processing,
                "PAYING" => Status::Paying,
                "SUCCESS" => Status::Success,
                "FAIL" => Status::Fail,
                "CANCEL" => Status::Cancel,
                other => Status::Other(other.to_string()),
            }
        }
        /// The provider value.
        pub fn as_str(&self) -> &str {
            match self {
                Status::Waiting => "WAITING",
                Status::Processing => "PROCESSING",
                Status::Paying => "PAYING",
                Status::Success => "SUCCESS",
                Status::Fail => "FAIL",
                Status::Cancel => "CANCEL",
                Status::Other(s) => s,
            }
        }
        /// The unified status, given the reason the gateway sent with it; `None` for
        /// [`Status::Other`].
        pub fn unified(&self, reason: Option<&str>) -> Option<PayoutStatus> {
            match self {
                Status::Waiting => Some(PayoutStatus::Pending),
                Status::Processing => Some(PayoutStatus::Processing),
                Status::Paying => Some(PayoutStatus::Processing),
                Status::Success => Some(PayoutStatus::Succeeded),
                Status::Fail => {
                    match reason {
                        Some("PAYMENT_OFFSET") => Some(PayoutStatus::Reversed),
                        _ => Some(PayoutStatus::Failed),
                    }
                }
                Status::Cancel => Some(PayoutStatus::Cancelled),
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
        ///Result notification, POSTed to `notifyUrl`. A final result can be reversed later (`resultDesc` PAYMENT_OFFSET): success → failure and failure → success both happen.
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
    pub const PROVIDER_ID: &str = "cashy";
    const SPEC_JSON: &str = "{\"spec_version\":1,\"provider\":{\"id\":\"cashy\",\"name\":\"Cashy (Colombia)\",\"description\":\"Colombian payout gateway (CoCashy). Payouts in COP to bank accounts; every request and webhook is signed with an MD5 of the raw body bytes followed by the API key.\",\"docs\":\"https://docs.cocashy.com\",\"country\":\"CO\"},\"environments\":{\"sandbox\":{\"base_url\":\"https://sandbox.cocashy.com\",\"description\":\"Test environment (host assumed; the seed writes only `baseUrl`).\"},\"production\":{\"base_url\":\"https://api.cocashy.com\"}},\"credentials\":{\"merchant_id\":{\"description\":\"Merchant id, sent in the `MerchantId` header.\",\"type\":\"text\"},\"api_key\":{\"description\":\"API key; only ever used inside the MD5 signature.\",\"secret\":true,\"type\":\"text\"}},\"money\":{\"currency\":\"COP\",\"amount\":{\"encoding\":\"number\",\"unit\":\"major\",\"decimals\":2,\"min\":\"10000\",\"max\":\"5000000\"}},\"signing\":{\"body_md5\":{\"description\":\"MD5 of the exact body bytes followed by the API key, uppercase hex (seed: `Sign` header). Cashy's samples are uppercase; compare without regard to case.\",\"compare\":\"case_insensitive\",\"steps\":[{\"input\":\"body_bytes\"},{\"template\":\"{{ input }}{{ credentials.api_key }}\"},{\"hash\":\"md5\"},{\"encode\":\"hex_upper\"}]},\"sorted_md5\":{\"description\":\"Not used by Cashy. The sorted `k=v&...&key=SECRET` MD5 recipe common at similar gateways, kept here to show it is expressible; it has its own vector.\",\"compare\":\"case_insensitive\",\"steps\":[{\"input\":{\"canonical\":{\"exclude\":[\"sign\"],\"skip_null\":true,\"skip_blank\":true,\"sort\":true,\"separator\":\"&\",\"pair\":\"=\",\"percent_encode\":false}}},{\"template\":\"{{ input }}&key={{ credentials.api_key }}\"},{\"hash\":\"md5\"},{\"encode\":\"hex_upper\"}]}},\"error_codes\":{\"500\":\"ambiguous\",\"401\":\"unauthorized\",\"409\":\"duplicate\",\"404\":\"not_found\",\"400\":\"invalid_request\"},\"operations\":{\"create_payout\":{\"role\":\"create\",\"description\":\"Create a payout order to a Colombian bank account.\",\"method\":\"POST\",\"path\":\"/api/payOut\",\"headers\":{\"MerchantId\":\"{{ credentials.merchant_id }}\",\"Sign\":\"{{ signatures.body_md5 }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"amount\":{\"type\":\"amount\",\"description\":\"Amount in COP, 10000-5000000, two decimals.\",\"required\":true,\"role\":\"amount\",\"example\":\"50000.00\"},\"bankId\":{\"type\":\"int\",\"description\":\"Bank id, from Cashy's payout bank list query.\",\"required\":true,\"example\":33},\"idType\":{\"type\":\"string\",\"description\":\"Payee ID type; must match the document used to open the account (NIT, CC...), or the payout fails.\",\"required\":true,\"role\":\"beneficiary.id_type\",\"max_len\":32,\"example\":\"1\"},\"accountName\":{\"type\":\"string\",\"description\":\"Beneficiary name.\",\"required\":true,\"role\":\"beneficiary.name\",\"min_len\":1,\"max_len\":32,\"example\":\"Jeson\"},\"mchOrderNo\":{\"type\":\"string\",\"description\":\"Merchant order number, unique per merchant.\",\"required\":true,\"role\":\"merchant_ref\",\"min_len\":1,\"max_len\":32,\"example\":\"order00000001\"},\"idCard\":{\"type\":\"string\",\"description\":\"Beneficiary ID number.\",\"required\":true,\"role\":\"beneficiary.id_number\",\"max_len\":32,\"example\":\"43912345\"},\"accountNo\":{\"type\":\"string\",\"description\":\"Beneficiary account number.\",\"required\":true,\"role\":\"beneficiary.account_number\",\"min_len\":1,\"max_len\":32,\"example\":\"3023612345\"},\"accountType\":{\"type\":\"int\",\"description\":\"Beneficiary account type, from Cashy's Payout Account Type table (the seed sends \\\"0\\\").\",\"required\":true,\"role\":\"beneficiary.account_type\",\"json\":\"string\",\"example\":0},\"notifyUrl\":{\"type\":\"string\",\"description\":\"Webhook (callback) address; the seed sends an empty string.\",\"required\":true,\"role\":\"notify_url\",\"max_len\":250},\"currency\":{\"type\":\"string\",\"description\":\"Currency code.\",\"required\":true,\"role\":\"currency\",\"max_len\":32,\"enum\":[\"COP\"]},\"remark\":{\"type\":\"string\",\"description\":\"Order remarks.\",\"required\":true,\"role\":\"remark\",\"max_len\":32,\"example\":\"remark\"},\"nonceStr\":{\"type\":\"string\",\"description\":\"Random string.\",\"required\":true,\"max_len\":32,\"generate\":\"nonce\"},\"phone\":{\"type\":\"string\",\"description\":\"Beneficiary phone number.\",\"role\":\"beneficiary.phone\",\"max_len\":32},\"email\":{\"type\":\"string\",\"description\":\"Beneficiary email.\",\"role\":\"beneficiary.email\",\"max_len\":32}}},\"nonce\":{\"charset\":\"digits\",\"length\":10},\"response\":{\"success\":\"code == 200\",\"error\":{\"code\":\"code\",\"message\":\"msg\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"code\":{\"type\":\"int\"},\"msg\":{\"type\":\"string\"},\"data\":{\"type\":\"object\",\"nullable\":true,\"fields\":{\"merchantId\":{\"type\":\"string\",\"description\":\"Merchant id.\",\"example\":\"1002001\"},\"mchOrderNo\":{\"type\":\"string\",\"role\":\"merchant_ref\"},\"orderNo\":{\"type\":\"string\",\"description\":\"Platform order number.\",\"role\":\"provider_ref\"},\"amount\":{\"type\":\"amount\",\"role\":\"amount\"},\"fee\":{\"type\":\"decimal\",\"role\":\"fee\"},\"orderStatus\":{\"type\":\"string\",\"role\":\"status\"}}}}}}},\"query_payout\":{\"role\":\"query\",\"description\":\"Query a payout order; give at least one of `orderNo` (preferred) and `mchOrderNo`.\",\"method\":\"POST\",\"path\":\"/api/payOutQuery\",\"headers\":{\"MerchantId\":\"{{ credentials.merchant_id }}\",\"Sign\":\"{{ signatures.body_md5 }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"mchOrderNo\":{\"type\":\"string\",\"description\":\"Merchant order number.\",\"role\":\"merchant_ref\",\"max_len\":32},\"nonceStr\":{\"type\":\"string\",\"description\":\"Random string.\",\"required\":true,\"max_len\":32,\"generate\":\"nonce\"},\"orderNo\":{\"type\":\"string\",\"description\":\"Platform order number.\",\"role\":\"provider_ref\",\"max_len\":32}},\"rules\":[{\"at_least_one_of\":[\"orderNo\",\"mchOrderNo\"]}]},\"nonce\":{\"charset\":\"digits\",\"length\":10},\"response\":{\"success\":\"code == 200\",\"error\":{\"code\":\"code\",\"message\":\"msg\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"code\":{\"type\":\"int\"},\"msg\":{\"type\":\"string\"},\"data\":{\"type\":\"object\",\"nullable\":true,\"fields\":{\"merchantId\":{\"type\":\"string\",\"example\":\"1002001\"},\"mchOrderNo\":{\"type\":\"string\",\"role\":\"merchant_ref\"},\"orderNo\":{\"type\":\"string\",\"role\":\"provider_ref\"},\"channelOrderNo\":{\"type\":\"string\",\"description\":\"Channel order number.\",\"nullable\":true,\"role\":\"utr\"},\"amount\":{\"type\":\"amount\",\"role\":\"amount\"},\"fee\":{\"type\":\"decimal\",\"role\":\"fee\"},\"orderStatus\":{\"type\":\"string\",\"role\":\"status\"},\"resultDesc\":{\"type\":\"string\",\"description\":\"Order status description; `PAYMENT_OFFSET` marks a reversal.\",\"nullable\":true,\"role\":\"failure_reason\"},\"completionTime\":{\"type\":\"datetime\",\"nullable\":true,\"role\":\"completed_at\",\"format\":\"%Y-%m-%d %H:%M:%S\",\"offset\":\"-05:00\"}}}}}}}},\"statuses\":{\"WAITING\":{\"unified\":\"pending\",\"description\":\"Waiting to be processed.\"},\"PROCESSING\":{\"unified\":\"processing\",\"description\":\"Accepted and processing.\"},\"PAYING\":{\"unified\":\"processing\",\"description\":\"Being paid.\"},\"SUCCESS\":{\"unified\":\"succeeded\",\"description\":\"Paid.\"},\"FAIL\":{\"unified\":\"failed\",\"description\":\"Failed. With `resultDesc` PAYMENT_OFFSET, a paid order was reversed.\",\"reasons\":{\"PAYMENT_OFFSET\":\"reversed\"}},\"CANCEL\":{\"unified\":\"cancelled\",\"description\":\"Cancelled.\"}},\"webhooks\":{\"payout_result\":{\"description\":\"Result notification, POSTed to `notifyUrl`. A final result can be reversed later (`resultDesc` PAYMENT_OFFSET): success → failure and failure → success both happen.\",\"method\":\"POST\",\"headers\":{\"MerchantId\":\"{{ credentials.merchant_id }}\",\"Sign\":\"{{ signatures.body_md5 }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"amount\":{\"type\":\"amount\",\"role\":\"amount\"},\"completionTime\":{\"type\":\"datetime\",\"nullable\":true,\"role\":\"completed_at\",\"format\":\"%Y-%m-%d %H:%M:%S\",\"offset\":\"-05:00\"},\"fee\":{\"type\":\"decimal\",\"role\":\"fee\"},\"mchOrderNo\":{\"type\":\"string\",\"role\":\"merchant_ref\"},\"merchantId\":{\"type\":\"string\",\"example\":\"1002001\"},\"nonceStr\":{\"type\":\"string\",\"generate\":\"nonce\"},\"orderNo\":{\"type\":\"string\",\"role\":\"provider_ref\"},\"channelOrderNo\":{\"type\":\"string\",\"nullable\":true,\"role\":\"utr\"},\"orderStatus\":{\"type\":\"string\",\"role\":\"status\"},\"resultDesc\":{\"type\":\"string\",\"nullable\":true,\"role\":\"failure_reason\"},\"payType\":{\"type\":\"string\",\"example\":\"11\"}}},\"nonce\":{\"charset\":\"digits\",\"length\":13},\"ack\":{\"status\":200,\"body\":\"{\\\"status\\\":\\\"SUCCESS\\\"}\"},\"retry\":{\"after_minutes\":[1,2,4,8,16,32,64,128,256,512],\"accepted_statuses\":[200,301,302]}}},\"sandbox\":{\"success_path\":[\"PROCESSING\",\"PAYING\",\"SUCCESS\"],\"failure_path\":[\"PROCESSING\",\"FAIL\"],\"reversal\":{\"status\":\"FAIL\",\"reason\":\"PAYMENT_OFFSET\"},\"provider_ref_prefix\":\"PAYOUT\",\"success\":{\"code\":200,\"msg\":\"SUCCESS\"},\"errors\":{\"unauthorized\":{\"http_status\":200,\"body\":{\"code\":401,\"msg\":\"Sign_error\"}},\"duplicate\":{\"http_status\":200,\"body\":{\"code\":409,\"msg\":\"Order_exist\"}},\"not_found\":{\"http_status\":200,\"body\":{\"code\":404,\"msg\":\"Order_not_exist\"}},\"invalid_request\":{\"http_status\":200,\"body\":{\"code\":400,\"msg\":\"{{ message }}\"}},\"server_error\":{\"http_status\":200,\"body\":{\"code\":500,\"msg\":\"System_error\"}}}}}";
}

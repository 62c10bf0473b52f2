/**Xettle (iPayments) — generated from `xettle.yaml` by `payout::provider!`.

Indian payout gateway. A payout is an order to a contact created beforehand; requests carry HTTP Basic credentials and a `signature` header, the lowercase hex SHA-256 of the Base64 body, the path, the client key, `####` and the salt key.

Gateway documentation: <https://docs.xettle.io>

Money: INR, amounts as exact decimals. A [`Client`] sends each operation's typed request with [`send`](::payout::runtime::TypedClient::send), and serves the unified interface, [`PayoutProvider`](::payout::runtime::PayoutProvider).*/
pub mod xettle {
    use ::payout::runtime::codegen::{self, FromJson, ToJson};
    use ::payout::runtime::{
        CompiledSpec, Decimal, IndexMap, Json, JsonRef, PayoutError, PayoutResult,
        PayoutStatus, Secret, WebhookEvent,
    };
    use ::std::sync::{Arc, OnceLock};
    const _: &[u8] = ::core::include_bytes!("$CARGO_MANIFEST_DIR/specs/xettle.yaml");
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
        ///Client key; the user name of HTTP Basic auth, and part of every signature.
        pub client_key: String,
        ///Client secret; the password of HTTP Basic auth.
        pub client_secret: Secret,
        ///Salt key; only ever used inside signatures.
        pub salt_key: Secret,
    }
    impl Credentials {
        /// From values by the spec's credential names (a configuration file, the
        /// environment). Every missing one is reported.
        pub fn from_map(values: &IndexMap<String, String>) -> Result<Self, PayoutError> {
            let [client_key, client_secret, salt_key] = codegen::credentials(
                values,
                ["client_key", "client_secret", "salt_key"],
            )?;
            Ok(Credentials {
                client_key,
                client_secret: Secret::new(client_secret),
                salt_key: Secret::new(salt_key),
            })
        }
    }
    impl ::payout::runtime::GatewayCredentials for Credentials {
        fn from_map(values: &IndexMap<String, String>) -> Result<Self, PayoutError> {
            Credentials::from_map(values)
        }
        fn values(&self) -> IndexMap<String, String> {
            IndexMap::from([
                ("client_key".to_string(), self.client_key.clone()),
                ("client_secret".to_string(), self.client_secret.expose().to_string()),
                ("salt_key".to_string(), self.salt_key.expose().to_string()),
            ])
        }
    }
    /// The gateway's deployments.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Environment {
        /**Test environment (host assumed).

`https://sandbox.xettle.io`*/
        Sandbox,
        ///`https://api.xettle.io`
        Production,
    }
    impl Environment {
        /// The environment's base URL.
        pub fn base_url(&self) -> &'static str {
            match self {
                Environment::Sandbox => "https://sandbox.xettle.io",
                Environment::Production => "https://api.xettle.io",
            }
        }
    }
    impl ::payout::runtime::GatewayEnvironment for Environment {
        fn base_url(&self) -> &'static str {
            Environment::base_url(self)
        }
    }
    ///The values of `mode`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum CreatePayoutRequestMode {
        ///`IMPS`
        Imps,
        ///`NEFT`
        Neft,
        ///`RTGS`
        Rtgs,
        ///`UPI`
        Upi,
    }
    impl CreatePayoutRequestMode {
        /// The value's name in the spec.
        pub fn as_str(&self) -> &'static str {
            match self {
                CreatePayoutRequestMode::Imps => "IMPS",
                CreatePayoutRequestMode::Neft => "NEFT",
                CreatePayoutRequestMode::Rtgs => "RTGS",
                CreatePayoutRequestMode::Upi => "UPI",
            }
        }
    }
    impl ToJson for CreatePayoutRequestMode {
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
    impl FromJson for CreatePayoutRequestMode {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let value = match v.scalar_str()? {
                "IMPS" => CreatePayoutRequestMode::Imps,
                "NEFT" => CreatePayoutRequestMode::Neft,
                "RTGS" => CreatePayoutRequestMode::Rtgs,
                "UPI" => CreatePayoutRequestMode::Upi,
                _ => return None,
            };
            Some(value)
        }
    }
    /**Create a payout order to an existing contact.

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`CreatePayoutResponse`]. Sent once, never retried: an error with `may_exist` means the payout may exist at the gateway; query before sending it again.

# Example

```ignore
async fn create_payout(client: &xettle::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = xettle::CreatePayoutRequest {
        contact_id: "CONT_18578XXXX0580306C74F".into(),
        amount: "1".parse()?,
        purpose: "salary_disbursement".into(),
        mode: xettle::CreatePayoutRequestMode::Imps,
        client_ref_id: "CRF37XXXX47484".into(),
        optional: Default::default(),
    };
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `0x0201`: `unauthorized`
- `0x0202`: `rejected`
- `0x0203`: `invalid_request`
- `0x0204`: `ambiguous` (`may_exist`: query before sending again)
- `0x0205`: `ambiguous` (`may_exist`: query before sending again)
- `0x0206`: `ambiguous` (`may_exist`: query before sending again)
- `0x0207`: `duplicate` (`may_exist`: query before sending again)*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreatePayoutRequest {
        /**Id of the contact (beneficiary) created beforehand.

`contactId` · required · at least 1 characters · unified role `beneficiary.contact_id`*/
        pub contact_id: String,
        /**Amount in INR, as text of at most 5 characters (`"1"`).

`amount` · required · at most 5 characters · unified role `amount` · an exact amount, written as the spec's money format says*/
        pub amount: Decimal,
        /**Purpose of the payout, e.g. `salary_disbursement`, `reimbursement`, `bonus`, `incentive`, `others`.

`purpose` · required · at most 30 characters · unified role `purpose`*/
        pub purpose: String,
        /**Transfer mode.

`mode` · required · unified role `transfer_mode`*/
        pub mode: CreatePayoutRequestMode,
        /**Merchant reference, unique per merchant: the idempotency key.

`clientRefId` · required · 1 to 30 characters · unified role `merchant_ref`*/
        pub client_ref_id: String,
        /// The optional fields, each `None` unless set.
        pub optional: CreatePayoutRequestOptional,
    }
    ///The optional fields of [`CreatePayoutRequest`]; `Default::default()` sets none of them.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreatePayoutRequestOptional {
        /**Narration shown on the transfer.

`narration` · at most 15 characters*/
        pub narration: Option<String>,
        /**Remark.

`remark` · at most 15 characters · unified role `remark`*/
        pub remark: Option<String>,
    }
    impl CreatePayoutRequest {
        ///Sets `narration`.
        pub fn narration(mut self, value: impl Into<String>) -> Self {
            self.optional.narration = Some(value.into());
            self
        }
        ///Sets `remark`.
        pub fn remark(mut self, value: impl Into<String>) -> Self {
            self.optional.remark = Some(value.into());
            self
        }
    }
    impl ToJson for CreatePayoutRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put(&mut o, "contactId", &self.contact_id);
            codegen::put(&mut o, "amount", &self.amount);
            codegen::put(&mut o, "purpose", &self.purpose);
            codegen::put(&mut o, "mode", &self.mode);
            codegen::put_opt(&mut o, "narration", &self.optional.narration);
            codegen::put_opt(&mut o, "remark", &self.optional.remark);
            codegen::put(&mut o, "clientRefId", &self.client_ref_id);
            Json::Object(o)
        }
    }
    /**The `data` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreatePayoutResponseBodyData {
        ///`clientRefId` · unified role `merchant_ref`
        pub client_ref_id: Option<String>,
        /**Xettle's order reference.

`orderRefId` · unified role `provider_ref`*/
        pub order_ref_id: Option<String>,
        /**Order status (`queued` on creation).

`status` · unified role `status` · read as [`Status`]*/
        pub status: Option<Status>,
    }
    impl FromJson for CreatePayoutResponseBodyData {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = CreatePayoutResponseBodyData::default();
            for (name, value) in v.members()? {
                match name {
                    "clientRefId" => out.client_ref_id = codegen::read(value),
                    "orderRefId" => out.order_ref_id = codegen::read(value),
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
        /**Response code; `0x0200` is success.

`code`*/
        pub code: Option<String>,
        /**Human-readable result (`Order accepted successfully`).

`message`*/
        pub message: Option<String>,
        /**`SUCCESS` or `FAILURE`: the request's outcome, not the payout's.

`status`*/
        pub status: Option<String>,
        ///`data`
        pub data: Option<CreatePayoutResponseBodyData>,
    }
    impl FromJson for CreatePayoutResponseBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = CreatePayoutResponseBody::default();
            for (name, value) in v.members()? {
                match name {
                    "code" => out.code = codegen::read(value),
                    "message" => out.message = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "data" => out.data = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**Status of one order (from the gateway's API documentation). The response is assumed to have the create response's envelope, with the webhook's `data` fields.

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`QueryPayoutResponse`]. Retried with backoff on transient failures, freshly signed each time.

# Example

```ignore
async fn query_payout(client: &xettle::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = xettle::QueryPayoutRequest {
        order_ref_id: "REF22905XXXX70835580BC0".into(),
    };
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `0x0202`: `not_found`
- `0x0201`: `unauthorized`
- `0x0202`: `rejected`
- `0x0203`: `invalid_request`
- `0x0204`: `ambiguous` (`may_exist`: query before sending again)
- `0x0205`: `ambiguous` (`may_exist`: query before sending again)
- `0x0206`: `ambiguous` (`may_exist`: query before sending again)
- `0x0207`: `duplicate` (`may_exist`: query before sending again)*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct QueryPayoutRequest {
        /**Xettle's order reference, from the create response.

`orderRefId` · required · at least 1 characters · unified role `provider_ref`*/
        pub order_ref_id: String,
    }
    impl ToJson for QueryPayoutRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put(&mut o, "orderRefId", &self.order_ref_id);
            Json::Object(o)
        }
    }
    /**The `data` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct QueryPayoutResponseBodyData {
        ///`orderRefId` · unified role `provider_ref`
        pub order_ref_id: Option<String>,
        ///`clientRefId` · unified role `merchant_ref`
        pub client_ref_id: Option<String>,
        ///`contactId`
        pub contact_id: Option<String>,
        ///`amount` · unified role `amount` · an exact amount, written as the spec's money format says
        pub amount: Option<Decimal>,
        ///`status` · unified role `status` · read as [`Status`]
        pub status: Option<Status>,
        /**Bank reference (UTR) of the transfer.

`utr` · unified role `utr`*/
        pub utr: Option<String>,
        /**Why the order failed or was reversed.

`reason` · unified role `failure_reason`*/
        pub reason: Option<String>,
    }
    impl FromJson for QueryPayoutResponseBodyData {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = QueryPayoutResponseBodyData::default();
            for (name, value) in v.members()? {
                match name {
                    "orderRefId" => out.order_ref_id = codegen::read(value),
                    "clientRefId" => out.client_ref_id = codegen::read(value),
                    "contactId" => out.contact_id = codegen::read(value),
                    "amount" => out.amount = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "utr" => out.utr = codegen::read(value),
                    "reason" => out.reason = codegen::read(value),
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
        pub code: Option<String>,
        ///`message`
        pub message: Option<String>,
        /**`SUCCESS` or `FAILURE`: the request's outcome.

`status`*/
        pub status: Option<String>,
        ///`data`
        pub data: Option<QueryPayoutResponseBodyData>,
    }
    impl FromJson for QueryPayoutResponseBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = QueryPayoutResponseBody::default();
            for (name, value) in v.members()? {
                match name {
                    "code" => out.code = codegen::read(value),
                    "message" => out.message = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "data" => out.data = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The values of `event`.

A value the spec does not list is kept as `Other`.*/
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum PayoutTransferBodyEvent {
        ///`payout.transfer.success`
        PayoutTransferSuccess,
        ///`payout.transfer.failed`
        PayoutTransferFailed,
        ///`payout.transfer.reversed`
        PayoutTransferReversed,
        /// A value the spec does not list, as the gateway sent it.
        Other(String),
    }
    impl PayoutTransferBodyEvent {
        /// The value's name in the spec, or the value itself for `Other`.
        pub fn as_str(&self) -> &str {
            match self {
                PayoutTransferBodyEvent::PayoutTransferSuccess => {
                    "payout.transfer.success"
                }
                PayoutTransferBodyEvent::PayoutTransferFailed => "payout.transfer.failed",
                PayoutTransferBodyEvent::PayoutTransferReversed => {
                    "payout.transfer.reversed"
                }
                PayoutTransferBodyEvent::Other(value) => value,
            }
        }
    }
    impl FromJson for PayoutTransferBodyEvent {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let text = v.scalar_str()?;
            Some(
                match text {
                    "payout.transfer.success" => {
                        PayoutTransferBodyEvent::PayoutTransferSuccess
                    }
                    "payout.transfer.failed" => {
                        PayoutTransferBodyEvent::PayoutTransferFailed
                    }
                    "payout.transfer.reversed" => {
                        PayoutTransferBodyEvent::PayoutTransferReversed
                    }
                    _ => PayoutTransferBodyEvent::Other(text.to_string()),
                },
            )
        }
    }
    /**The `data` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct PayoutTransferBodyData {
        ///`orderRefId` · unified role `provider_ref`
        pub order_ref_id: Option<String>,
        ///`clientRefId` · unified role `merchant_ref`
        pub client_ref_id: Option<String>,
        ///`contactId`
        pub contact_id: Option<String>,
        ///`amount` · unified role `amount` · an exact amount, written as the spec's money format says
        pub amount: Option<Decimal>,
        ///`status` · unified role `status` · read as [`Status`]
        pub status: Option<Status>,
        ///`utr` · unified role `utr`
        pub utr: Option<String>,
        ///`reason` · unified role `failure_reason`
        pub reason: Option<String>,
    }
    impl FromJson for PayoutTransferBodyData {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = PayoutTransferBodyData::default();
            for (name, value) in v.members()? {
                match name {
                    "orderRefId" => out.order_ref_id = codegen::read(value),
                    "clientRefId" => out.client_ref_id = codegen::read(value),
                    "contactId" => out.contact_id = codegen::read(value),
                    "amount" => out.amount = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "utr" => out.utr = codegen::read(value),
                    "reason" => out.reason = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The body of the `payout_transfer` webhook.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct PayoutTransferBody {
        ///`event` · unified role `event`
        pub event: Option<PayoutTransferBodyEvent>,
        ///`code`
        pub code: Option<String>,
        ///`message`
        pub message: Option<String>,
        ///`data`
        pub data: Option<PayoutTransferBodyData>,
    }
    impl FromJson for PayoutTransferBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = PayoutTransferBody::default();
            for (name, value) in v.members()? {
                match name {
                    "event" => out.event = codegen::read(value),
                    "code" => out.code = codegen::read(value),
                    "message" => out.message = codegen::read(value),
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
            input.text(0, "contactId", &self.contact_id);
            input.put(1, "amount", &self.amount);
            input.text(2, "purpose", &self.purpose);
            input.put(3, "mode", &self.mode);
            input.text_opt(4, "narration", &self.optional.narration);
            input.text_opt(5, "remark", &self.optional.remark);
            input.text(6, "clientRefId", &self.client_ref_id);
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
            input.text(0, "orderRefId", &self.order_ref_id);
        }
    }
    /// The gateway's payout statuses. A value the spec does not know is kept as
    /// [`Status::Other`] and is never final.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum Status {
        /**Accepted and queued.

`queued` → pending*/
        Queued,
        /**Waiting to be processed.

`pending` → pending*/
        Pending,
        /**Being processed by the bank.

`processing` → processing*/
        Processing,
        /**Paid.

`processed` → succeeded*/
        Processed,
        /**Failed; no money moved.

`failed` → failed*/
        Failed,
        /**Paid, then returned to the merchant.

`reversed` → reversed*/
        Reversed,
        /// A value the spec does not map.
        Other(String),
    }
    impl Status {
        /// The typed status of a provider value.
        pub fn from_provider(value: &str) -> Self {
            match value {
                "queued" => Status::Queued,
                "pending" => Status::Pending,
                "processing" => Status::Processing,
                "processed" => Status::Processed,
                "failed" => Status::Failed,
                "reversed" => Status::Reversed,
                other => Status::Other(other.to_string()),
            }
        }
        /// The provider value.
        pub fn as_str(&self) -> &str {
            match self {
                Status::Queued => "queued",
                Status::Pending => "pending",
                Status::Processing => "processing",
                Status::Processed => "processed",
                Status::Failed => "failed",
                Status::Reversed => "reversed",
                Status::Other(s) => s,
            }
        }
        /// The unified status, given the reason the gateway sent with it; `None` for
        /// [`Status::Other`].
        pub fn unified(&self, reason: Option<&str>) -> Option<PayoutStatus> {
            match self {
                Status::Queued => Some(PayoutStatus::Pending),
                Status::Pending => Some(PayoutStatus::Pending),
                Status::Processing => Some(PayoutStatus::Processing),
                Status::Processed => Some(PayoutStatus::Succeeded),
                Status::Failed => Some(PayoutStatus::Failed),
                Status::Reversed => Some(PayoutStatus::Reversed),
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
        ///Transfer result, one of the events `payout.transfer.success`, `payout.transfer.failed`, `payout.transfer.reversed`, signed in the `Signature` header with the chosen (unconfirmed) recipe, see `signing`.
        PayoutTransfer(PayoutTransferEvent),
    }
    ///A verified `payout_transfer` webhook: its body typed, the gateway's status typed, and the unified event.
    pub type PayoutTransferEvent = ::payout::runtime::TypedEvent<
        PayoutTransferBody,
        Status,
    >;
    impl Webhook {
        /// The kind of a verified event, by the spec's name of its webhook, its body typed
        /// from `fields` (the body as read).
        fn from_event(
            event: WebhookEvent,
            fields: &JsonRef<'_>,
        ) -> Result<Self, PayoutError> {
            match event.webhook.as_str() {
                "payout_transfer" => {
                    Ok(
                        Webhook::PayoutTransfer(
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
    pub const PROVIDER_ID: &str = "xettle";
    const SPEC_JSON: &str = "{\"spec_version\":1,\"provider\":{\"id\":\"xettle\",\"name\":\"Xettle (iPayments)\",\"description\":\"Indian payout gateway. A payout is an order to a contact created beforehand; requests carry HTTP Basic credentials and a `signature` header, the lowercase hex SHA-256 of the Base64 body, the path, the client key, `####` and the salt key.\",\"docs\":\"https://docs.xettle.io\",\"country\":\"IN\"},\"environments\":{\"sandbox\":{\"base_url\":\"https://sandbox.xettle.io\",\"description\":\"Test environment (host assumed).\"},\"production\":{\"base_url\":\"https://api.xettle.io\"}},\"credentials\":{\"client_key\":{\"description\":\"Client key; the user name of HTTP Basic auth, and part of every signature.\",\"type\":\"text\"},\"client_secret\":{\"description\":\"Client secret; the password of HTTP Basic auth.\",\"secret\":true,\"type\":\"text\"},\"salt_key\":{\"description\":\"Salt key; only ever used inside signatures.\",\"secret\":true,\"type\":\"text\"}},\"money\":{\"currency\":\"INR\",\"amount\":{\"encoding\":\"string\",\"unit\":\"major\",\"decimals\":2,\"trim\":true}},\"signing\":{\"basic_auth\":{\"description\":\"The credentials of `Authorization: Basic ...`: Base64 of `client_key:client_secret`. Not a signature, but built the same way so the secret never appears in a header template. Base64 hides nothing: the client secret travels readable (over TLS), as HTTP Basic auth and the seed require, hence `reveals_secret`.\",\"compare\":\"exact\",\"reveals_secret\":true,\"steps\":[{\"template\":\"{{ credentials.client_key }}:{{ credentials.client_secret }}\"},{\"encode\":\"base64\"}]},\"post_sha256\":{\"description\":\"`signature` header of a POST (seed, \\\"Generate Signature\\\"): lowercase hex SHA-256 of base64(exact body bytes) + path + client_key + \\\"####\\\" + salt_key.\",\"compare\":\"case_insensitive\",\"steps\":[{\"input\":\"body_bytes\"},{\"encode\":\"base64\"},{\"template\":\"{{ input }}{{ path }}{{ credentials.client_key }}####{{ credentials.salt_key }}\"},{\"hash\":\"sha256\"},{\"encode\":\"hex\"}]},\"get_sha256\":{\"description\":\"`signature` header of a GET (the gateway's documentation): lowercase hex SHA-256 of path + client_key + \\\"####\\\" + salt_key; the path includes the filled `{orderRefId}`.\",\"compare\":\"case_insensitive\",\"steps\":[{\"template\":\"{{ path }}{{ credentials.client_key }}####{{ credentials.salt_key }}\"},{\"hash\":\"sha256\"},{\"encode\":\"hex\"}]},\"webhook_sha256\":{\"description\":\"Webhook `Signature` header (chosen variant, unconfirmed): lowercase hex SHA-256 of base64(raw body) + client_key + \\\"####\\\" + salt_key, the request recipe without a path.\",\"compare\":\"case_insensitive\",\"steps\":[{\"input\":\"body_bytes\"},{\"encode\":\"base64\"},{\"template\":\"{{ input }}{{ credentials.client_key }}####{{ credentials.salt_key }}\"},{\"hash\":\"sha256\"},{\"encode\":\"hex\"}]},\"webhook_hmac\":{\"description\":\"Not used: the alternative webhook signature recipe (unconfirmed), hex HMAC-SHA256 of the raw body keyed with the salt key. Kept with its own vector so that switching to it is a one-line change.\",\"compare\":\"case_insensitive\",\"steps\":[{\"input\":\"body_bytes\"},{\"hmac\":{\"alg\":\"sha256\",\"key\":\"{{ credentials.salt_key }}\"}},{\"encode\":\"hex\"}]}},\"error_codes\":{\"0x0201\":\"unauthorized\",\"0x0202\":\"rejected\",\"0x0203\":\"invalid_request\",\"0x0204\":\"ambiguous\",\"0x0205\":\"ambiguous\",\"0x0206\":\"ambiguous\",\"0x0207\":\"duplicate\"},\"operations\":{\"create_payout\":{\"role\":\"create\",\"description\":\"Create a payout order to an existing contact.\",\"method\":\"POST\",\"path\":\"/v1/service/payout/orders\",\"headers\":{\"Authorization\":\"Basic {{ signatures.basic_auth }}\",\"signature\":\"{{ signatures.post_sha256 }}\"},\"body\":{\"encoding\":\"json\",\"escape_slashes\":true,\"fields\":{\"contactId\":{\"type\":\"string\",\"description\":\"Id of the contact (beneficiary) created beforehand.\",\"required\":true,\"role\":\"beneficiary.contact_id\",\"min_len\":1,\"example\":\"CONT_18578XXXX0580306C74F\"},\"amount\":{\"type\":\"amount\",\"description\":\"Amount in INR, as text of at most 5 characters (`\\\"1\\\"`).\",\"required\":true,\"role\":\"amount\",\"max_len\":5,\"example\":\"1\"},\"purpose\":{\"type\":\"string\",\"description\":\"Purpose of the payout, e.g. `salary_disbursement`, `reimbursement`, `bonus`, `incentive`, `others`.\",\"required\":true,\"role\":\"purpose\",\"max_len\":30,\"example\":\"salary_disbursement\"},\"mode\":{\"type\":\"string\",\"description\":\"Transfer mode.\",\"required\":true,\"role\":\"transfer_mode\",\"enum\":[\"IMPS\",\"NEFT\",\"RTGS\",\"UPI\"],\"example\":\"IMPS\"},\"narration\":{\"type\":\"string\",\"description\":\"Narration shown on the transfer.\",\"max_len\":15,\"example\":\"narration\"},\"remark\":{\"type\":\"string\",\"description\":\"Remark.\",\"role\":\"remark\",\"max_len\":15,\"example\":\"remark\"},\"clientRefId\":{\"type\":\"string\",\"description\":\"Merchant reference, unique per merchant: the idempotency key.\",\"required\":true,\"role\":\"merchant_ref\",\"min_len\":1,\"max_len\":30,\"example\":\"CRF37XXXX47484\"}}},\"response\":{\"success\":\"code == \\\"0x0200\\\"\",\"error\":{\"code\":\"code\",\"message\":\"message\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"code\":{\"type\":\"string\",\"description\":\"Response code; `0x0200` is success.\"},\"message\":{\"type\":\"string\",\"description\":\"Human-readable result (`Order accepted successfully`).\"},\"status\":{\"type\":\"string\",\"description\":\"`SUCCESS` or `FAILURE`: the request's outcome, not the payout's.\"},\"data\":{\"type\":\"object\",\"nullable\":true,\"fields\":{\"clientRefId\":{\"type\":\"string\",\"role\":\"merchant_ref\"},\"orderRefId\":{\"type\":\"string\",\"description\":\"Xettle's order reference.\",\"role\":\"provider_ref\"},\"status\":{\"type\":\"string\",\"description\":\"Order status (`queued` on creation).\",\"role\":\"status\"}}}}}}},\"query_payout\":{\"role\":\"query\",\"description\":\"Status of one order (from the gateway's API documentation). The response is assumed to have the create response's envelope, with the webhook's `data` fields.\",\"method\":\"GET\",\"path\":\"/v1/service/payout/orders/{orderRefId}\",\"params\":{\"orderRefId\":{\"type\":\"string\",\"description\":\"Xettle's order reference, from the create response.\",\"required\":true,\"role\":\"provider_ref\",\"min_len\":1,\"example\":\"REF22905XXXX70835580BC0\"}},\"headers\":{\"Authorization\":\"Basic {{ signatures.basic_auth }}\",\"signature\":\"{{ signatures.get_sha256 }}\"},\"response\":{\"success\":\"code == \\\"0x0200\\\"\",\"error\":{\"code\":\"code\",\"message\":\"message\"},\"codes\":{\"0x0202\":\"not_found\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"code\":{\"type\":\"string\"},\"message\":{\"type\":\"string\"},\"status\":{\"type\":\"string\",\"description\":\"`SUCCESS` or `FAILURE`: the request's outcome.\"},\"data\":{\"type\":\"object\",\"nullable\":true,\"fields\":{\"orderRefId\":{\"type\":\"string\",\"role\":\"provider_ref\"},\"clientRefId\":{\"type\":\"string\",\"role\":\"merchant_ref\"},\"contactId\":{\"type\":\"string\"},\"amount\":{\"type\":\"amount\",\"role\":\"amount\"},\"status\":{\"type\":\"string\",\"role\":\"status\"},\"utr\":{\"type\":\"string\",\"description\":\"Bank reference (UTR) of the transfer.\",\"nullable\":true,\"role\":\"utr\"},\"reason\":{\"type\":\"string\",\"description\":\"Why the order failed or was reversed.\",\"nullable\":true,\"role\":\"failure_reason\"}}}}}}}},\"statuses\":{\"queued\":{\"unified\":\"pending\",\"description\":\"Accepted and queued.\"},\"pending\":{\"unified\":\"pending\",\"description\":\"Waiting to be processed.\"},\"processing\":{\"unified\":\"processing\",\"description\":\"Being processed by the bank.\"},\"processed\":{\"unified\":\"succeeded\",\"description\":\"Paid.\"},\"failed\":{\"unified\":\"failed\",\"description\":\"Failed; no money moved.\"},\"reversed\":{\"unified\":\"reversed\",\"description\":\"Paid, then returned to the merchant.\"}},\"webhooks\":{\"payout_transfer\":{\"description\":\"Transfer result, one of the events `payout.transfer.success`, `payout.transfer.failed`, `payout.transfer.reversed`, signed in the `Signature` header with the chosen (unconfirmed) recipe, see `signing`.\",\"method\":\"POST\",\"headers\":{\"Signature\":\"{{ signatures.webhook_sha256 }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"event\":{\"type\":\"string\",\"role\":\"event\",\"enum\":[\"payout.transfer.success\",\"payout.transfer.failed\",\"payout.transfer.reversed\"]},\"code\":{\"type\":\"string\"},\"message\":{\"type\":\"string\"},\"data\":{\"type\":\"object\",\"fields\":{\"orderRefId\":{\"type\":\"string\",\"role\":\"provider_ref\"},\"clientRefId\":{\"type\":\"string\",\"role\":\"merchant_ref\"},\"contactId\":{\"type\":\"string\"},\"amount\":{\"type\":\"amount\",\"role\":\"amount\"},\"status\":{\"type\":\"string\",\"role\":\"status\"},\"utr\":{\"type\":\"string\",\"nullable\":true,\"role\":\"utr\"},\"reason\":{\"type\":\"string\",\"nullable\":true,\"role\":\"failure_reason\"}}}}},\"ack\":{\"status\":200,\"body\":\"OK\"}}},\"sandbox\":{\"success_path\":[\"queued\",\"processing\",\"processed\"],\"failure_path\":[\"queued\",\"processing\",\"failed\"],\"reversal\":{\"status\":\"reversed\",\"reason\":\"Returned by beneficiary bank\"},\"provider_ref_prefix\":\"REF\",\"success\":{\"code\":\"0x0200\",\"message\":\"Order accepted successfully\",\"status\":\"SUCCESS\"},\"events\":{\"processed\":\"payout.transfer.success\",\"failed\":\"payout.transfer.failed\",\"reversed\":\"payout.transfer.reversed\"},\"errors\":{\"unauthorized\":{\"http_status\":200,\"body\":{\"code\":\"0x0201\",\"status\":\"FAILURE\",\"message\":\"Unauthorized\"}},\"duplicate\":{\"http_status\":200,\"body\":{\"code\":\"0x0207\",\"status\":\"FAILURE\",\"message\":\"Duplicate clientRefId\"}},\"not_found\":{\"http_status\":200,\"body\":{\"code\":\"0x0202\",\"status\":\"FAILURE\",\"message\":\"Order Not Found\"}},\"invalid_request\":{\"http_status\":200,\"body\":{\"code\":\"0x0203\",\"status\":\"FAILURE\",\"message\":\"{{ message }}\"}},\"server_error\":{\"http_status\":200,\"body\":{\"code\":\"0x0205\",\"status\":\"FAILURE\",\"message\":\"Something went wrong\"}}}}}";
}

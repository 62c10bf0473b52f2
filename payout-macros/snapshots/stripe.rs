/**Stripe (payouts) — generated from `stripe.yaml` by `payout::provider!`.

Payouts from a Stripe balance. Requests are form-encoded with nested keys (`metadata[order_id]=…`), authenticated with the secret API key as a Bearer token, and made safe to retry with an `Idempotency-Key` header. Webhook events carry `Stripe-Signature: t=…,v1=…`: the hex HMAC-SHA256 of `t.payload` keyed with the endpoint's signing secret.

Gateway documentation: <https://docs.stripe.com/api/payouts>

Money: USD, amounts as exact decimals. A [`Client`] sends each operation's typed request with [`send`](::payout::runtime::TypedClient::send), and serves the unified interface, [`PayoutProvider`](::payout::runtime::PayoutProvider).*/
pub mod stripe {
    use ::payout::runtime::codegen::{self, FromJson, ToJson};
    use ::payout::runtime::{
        CompiledSpec, Decimal, IndexMap, Json, JsonRef, PayoutError, PayoutResult,
        PayoutStatus, Secret, WebhookEvent,
    };
    use ::std::sync::{Arc, OnceLock};
    const _: &[u8] = ::core::include_bytes!("$CARGO_MANIFEST_DIR/specs/stripe.yaml");
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
        ///Secret API key (`sk_test_…` or `sk_live_…`), sent as a Bearer token.
        pub secret_key: Secret,
        ///Signing secret of the webhook endpoint (`whsec_…`), the HMAC key of `Stripe-Signature`.
        pub webhook_secret: Secret,
    }
    impl Credentials {
        /// From values by the spec's credential names (a configuration file, the
        /// environment). Every missing one is reported.
        pub fn from_map(values: &IndexMap<String, String>) -> Result<Self, PayoutError> {
            let [secret_key, webhook_secret] = codegen::credentials(
                values,
                ["secret_key", "webhook_secret"],
            )?;
            Ok(Credentials {
                secret_key: Secret::new(secret_key),
                webhook_secret: Secret::new(webhook_secret),
            })
        }
    }
    impl ::payout::runtime::GatewayCredentials for Credentials {
        fn from_map(values: &IndexMap<String, String>) -> Result<Self, PayoutError> {
            Credentials::from_map(values)
        }
        fn values(&self) -> IndexMap<String, String> {
            IndexMap::from([
                ("secret_key".to_string(), self.secret_key.expose().to_string()),
                ("webhook_secret".to_string(), self.webhook_secret.expose().to_string()),
            ])
        }
    }
    /// The gateway's deployments.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Environment {
        /**Test mode (a `sk_test_` secret key).

`https://api.stripe.com`*/
        Sandbox,
        ///`https://api.stripe.com`
        Production,
    }
    impl Environment {
        /// The environment's base URL.
        pub fn base_url(&self) -> &'static str {
            match self {
                Environment::Sandbox => "https://api.stripe.com",
                Environment::Production => "https://api.stripe.com",
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
        ///`USD` (sent as `usd`)
        Usd,
    }
    impl CreatePayoutRequestCurrency {
        /// The value's name in the spec.
        pub fn as_str(&self) -> &'static str {
            match self {
                CreatePayoutRequestCurrency::Usd => "USD",
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
                "USD" | "usd" => CreatePayoutRequestCurrency::Usd,
                _ => return None,
            };
            Some(value)
        }
    }
    ///The values of `method`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum CreatePayoutRequestMethod {
        ///`standard`
        Standard,
        ///`instant`
        Instant,
    }
    impl CreatePayoutRequestMethod {
        /// The value's name in the spec.
        pub fn as_str(&self) -> &'static str {
            match self {
                CreatePayoutRequestMethod::Standard => "standard",
                CreatePayoutRequestMethod::Instant => "instant",
            }
        }
    }
    impl ToJson for CreatePayoutRequestMethod {
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
    impl FromJson for CreatePayoutRequestMethod {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let value = match v.scalar_str()? {
                "standard" => CreatePayoutRequestMethod::Standard,
                "instant" => CreatePayoutRequestMethod::Instant,
                _ => return None,
            };
            Some(value)
        }
    }
    ///Key-value pairs kept with the payout; this spec keeps the merchant reference here.
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreatePayoutRequestMetadata {
        /**Merchant reference: also the Idempotency-Key.

`order_id` · required · 1 to 255 characters · unified role `merchant_ref`*/
        pub order_id: String,
    }
    impl ToJson for CreatePayoutRequestMetadata {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put(&mut o, "order_id", &self.order_id);
            Json::Object(o)
        }
    }
    /**Create a payout to the account's default (or a named) bank account or card.

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`CreatePayoutResponse`]. Sent once, never retried: an error with `may_exist` means the payout may exist at the gateway; query before sending it again.

# Example

```ignore
async fn create_payout(client: &stripe::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = stripe::CreatePayoutRequest {
        amount: "10.00".parse()?,
        metadata: stripe::CreatePayoutRequestMetadata {
            order_id: "ORDER-42".into(),
        },
        optional: Default::default(),
    };
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `resource_missing`: `not_found`
- `balance_insufficient`: `insufficient_funds`
- `idempotency_key_in_use`: `duplicate` (`may_exist`: query before sending again)
- `rate_limit`: `rate_limited`
- `api_key_expired`: `unauthorized`*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreatePayoutRequest {
        /**Amount in the smallest currency unit (cents): `1000` is $10.00.

`amount` · required · unified role `amount` · an exact amount, written as the spec's money format says*/
        pub amount: Decimal,
        /**Key-value pairs kept with the payout; this spec keeps the merchant reference here.

`metadata` · required*/
        pub metadata: CreatePayoutRequestMetadata,
        /// The optional fields, each `None` unless set.
        pub optional: CreatePayoutRequestOptional,
    }
    ///The optional fields of [`CreatePayoutRequest`]; `Default::default()` sets none of them.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreatePayoutRequestOptional {
        /**Three-letter ISO code, lower case.

`currency` · always sent · the spec's currency when left out · unified role `currency`*/
        pub currency: Option<CreatePayoutRequestCurrency>,
        /**An arbitrary string shown to users (length not documented, so not limited here).

`description` · unified role `remark`*/
        pub description: Option<String>,
        /**ID of the bank account or card to send the payout to.

`destination` · unified role `beneficiary.contact_id`*/
        pub destination: Option<String>,
        /**`standard` (default) or `instant`.

`method` · unified role `transfer_mode`*/
        pub method: Option<CreatePayoutRequestMethod>,
        /**Text on the bank statement (at most 22 characters).

`statement_descriptor` · at most 22 characters*/
        pub statement_descriptor: Option<String>,
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
        ///Sets `destination`.
        pub fn destination(mut self, value: impl Into<String>) -> Self {
            self.optional.destination = Some(value.into());
            self
        }
        ///Sets `method`.
        pub fn method(mut self, value: CreatePayoutRequestMethod) -> Self {
            self.optional.method = Some(value);
            self
        }
        ///Sets `statement_descriptor`.
        pub fn statement_descriptor(mut self, value: impl Into<String>) -> Self {
            self.optional.statement_descriptor = Some(value.into());
            self
        }
    }
    impl ToJson for CreatePayoutRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put(&mut o, "amount", &self.amount);
            codegen::put_opt(&mut o, "currency", &self.optional.currency);
            codegen::put_opt(&mut o, "description", &self.optional.description);
            codegen::put_opt(&mut o, "destination", &self.optional.destination);
            codegen::put_opt(&mut o, "method", &self.optional.method);
            codegen::put_opt(
                &mut o,
                "statement_descriptor",
                &self.optional.statement_descriptor,
            );
            codegen::put(&mut o, "metadata", &self.metadata);
            Json::Object(o)
        }
    }
    /**The `metadata` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreatePayoutResponseBodyMetadata {
        ///`order_id` · unified role `merchant_ref`
        pub order_id: Option<String>,
    }
    impl FromJson for CreatePayoutResponseBodyMetadata {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = CreatePayoutResponseBodyMetadata::default();
            for (name, value) in v.members()? {
                match name {
                    "order_id" => out.order_id = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**Present instead of the payout when the request failed.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreatePayoutResponseBodyError {
        ///`type`
        pub type_: Option<String>,
        ///`code`
        pub code: Option<String>,
        ///`message`
        pub message: Option<String>,
    }
    impl FromJson for CreatePayoutResponseBodyError {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = CreatePayoutResponseBodyError::default();
            for (name, value) in v.members()? {
                match name {
                    "type" => out.type_ = codegen::read(value),
                    "code" => out.code = codegen::read(value),
                    "message" => out.message = codegen::read(value),
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
        /**Stripe's payout id (`po_…`).

`id` · unified role `provider_ref`*/
        pub id: Option<String>,
        /**`payout`.

`object`*/
        pub object: Option<String>,
        ///`amount` · unified role `amount` · an exact amount, written as the spec's money format says
        pub amount: Option<Decimal>,
        /**Lower-case currency code.

`currency`*/
        pub currency: Option<String>,
        ///`status` · unified role `status` · read as [`Status`]
        pub status: Option<Status>,
        ///`method`
        pub method: Option<String>,
        ///`description`
        pub description: Option<String>,
        /**Expected arrival (epoch seconds).

`arrival_date`*/
        pub arrival_date: Option<i64>,
        /**Creation time (epoch seconds).

`created`*/
        pub created: Option<i64>,
        ///`metadata`
        pub metadata: Option<CreatePayoutResponseBodyMetadata>,
        ///`failure_code` · unified role `failure_code`
        pub failure_code: Option<String>,
        ///`failure_message` · unified role `failure_reason`
        pub failure_message: Option<String>,
        /**Present instead of the payout when the request failed.

`error`*/
        pub error: Option<CreatePayoutResponseBodyError>,
    }
    impl FromJson for CreatePayoutResponseBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = CreatePayoutResponseBody::default();
            for (name, value) in v.members()? {
                match name {
                    "id" => out.id = codegen::read(value),
                    "object" => out.object = codegen::read(value),
                    "amount" => out.amount = codegen::read(value),
                    "currency" => out.currency = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "method" => out.method = codegen::read(value),
                    "description" => out.description = codegen::read(value),
                    "arrival_date" => out.arrival_date = codegen::read(value),
                    "created" => out.created = codegen::read(value),
                    "metadata" => out.metadata = codegen::read(value),
                    "failure_code" => out.failure_code = codegen::read(value),
                    "failure_message" => out.failure_message = codegen::read(value),
                    "error" => out.error = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**Retrieve one payout by its id.

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`QueryPayoutResponse`]. Retried with backoff on transient failures, freshly signed each time.

# Example

```ignore
async fn query_payout(client: &stripe::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = stripe::QueryPayoutRequest {
        id: "po_1".into(),
    };
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `resource_missing`: `not_found`
- `balance_insufficient`: `insufficient_funds`
- `idempotency_key_in_use`: `duplicate` (`may_exist`: query before sending again)
- `rate_limit`: `rate_limited`
- `api_key_expired`: `unauthorized`*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct QueryPayoutRequest {
        /**Stripe's payout id (`po_…`).

`id` · required · at least 1 characters · unified role `provider_ref`*/
        pub id: String,
    }
    impl ToJson for QueryPayoutRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put(&mut o, "id", &self.id);
            Json::Object(o)
        }
    }
    /**The `metadata` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct QueryPayoutResponseBodyMetadata {
        ///`order_id` · unified role `merchant_ref`
        pub order_id: Option<String>,
    }
    impl FromJson for QueryPayoutResponseBodyMetadata {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = QueryPayoutResponseBodyMetadata::default();
            for (name, value) in v.members()? {
                match name {
                    "order_id" => out.order_id = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**Present instead of the payout when the request failed.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct QueryPayoutResponseBodyError {
        ///`type`
        pub type_: Option<String>,
        ///`code`
        pub code: Option<String>,
        ///`message`
        pub message: Option<String>,
    }
    impl FromJson for QueryPayoutResponseBodyError {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = QueryPayoutResponseBodyError::default();
            for (name, value) in v.members()? {
                match name {
                    "type" => out.type_ = codegen::read(value),
                    "code" => out.code = codegen::read(value),
                    "message" => out.message = codegen::read(value),
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
        /**Stripe's payout id (`po_…`).

`id` · unified role `provider_ref`*/
        pub id: Option<String>,
        /**`payout`.

`object`*/
        pub object: Option<String>,
        ///`amount` · unified role `amount` · an exact amount, written as the spec's money format says
        pub amount: Option<Decimal>,
        /**Lower-case currency code.

`currency`*/
        pub currency: Option<String>,
        ///`status` · unified role `status` · read as [`Status`]
        pub status: Option<Status>,
        ///`method`
        pub method: Option<String>,
        ///`description`
        pub description: Option<String>,
        /**Expected arrival (epoch seconds).

`arrival_date`*/
        pub arrival_date: Option<i64>,
        /**Creation time (epoch seconds).

`created`*/
        pub created: Option<i64>,
        ///`metadata`
        pub metadata: Option<QueryPayoutResponseBodyMetadata>,
        ///`failure_code` · unified role `failure_code`
        pub failure_code: Option<String>,
        ///`failure_message` · unified role `failure_reason`
        pub failure_message: Option<String>,
        /**Present instead of the payout when the request failed.

`error`*/
        pub error: Option<QueryPayoutResponseBodyError>,
    }
    impl FromJson for QueryPayoutResponseBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = QueryPayoutResponseBody::default();
            for (name, value) in v.members()? {
                match name {
                    "id" => out.id = codegen::read(value),
                    "object" => out.object = codegen::read(value),
                    "amount" => out.amount = codegen::read(value),
                    "currency" => out.currency = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "method" => out.method = codegen::read(value),
                    "description" => out.description = codegen::read(value),
                    "arrival_date" => out.arrival_date = codegen::read(value),
                    "created" => out.created = codegen::read(value),
                    "metadata" => out.metadata = codegen::read(value),
                    "failure_code" => out.failure_code = codegen::read(value),
                    "failure_message" => out.failure_message = codegen::read(value),
                    "error" => out.error = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The `metadata` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct PayoutEventBodyDataObjectMetadata {
        ///`order_id` · unified role `merchant_ref`
        pub order_id: Option<String>,
    }
    impl FromJson for PayoutEventBodyDataObjectMetadata {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = PayoutEventBodyDataObjectMetadata::default();
            for (name, value) in v.members()? {
                match name {
                    "order_id" => out.order_id = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The `object` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct PayoutEventBodyDataObject {
        ///`id` · unified role `provider_ref`
        pub id: Option<String>,
        ///`object`
        pub object: Option<String>,
        ///`amount` · unified role `amount` · an exact amount, written as the spec's money format says
        pub amount: Option<Decimal>,
        ///`currency`
        pub currency: Option<String>,
        ///`status` · unified role `status` · read as [`Status`]
        pub status: Option<Status>,
        ///`metadata`
        pub metadata: Option<PayoutEventBodyDataObjectMetadata>,
        ///`failure_code` · unified role `failure_code`
        pub failure_code: Option<String>,
        ///`failure_message` · unified role `failure_reason`
        pub failure_message: Option<String>,
    }
    impl FromJson for PayoutEventBodyDataObject {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = PayoutEventBodyDataObject::default();
            for (name, value) in v.members()? {
                match name {
                    "id" => out.id = codegen::read(value),
                    "object" => out.object = codegen::read(value),
                    "amount" => out.amount = codegen::read(value),
                    "currency" => out.currency = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "metadata" => out.metadata = codegen::read(value),
                    "failure_code" => out.failure_code = codegen::read(value),
                    "failure_message" => out.failure_message = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The `data` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct PayoutEventBodyData {
        ///`object`
        pub object: Option<PayoutEventBodyDataObject>,
    }
    impl FromJson for PayoutEventBodyData {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = PayoutEventBodyData::default();
            for (name, value) in v.members()? {
                match name {
                    "object" => out.object = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The body of the `payout_event` webhook.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct PayoutEventBody {
        /**Event id (`evt_…`).

`id`*/
        pub id: Option<String>,
        ///`object`
        pub object: Option<String>,
        ///`type` · unified role `event`
        pub type_: Option<String>,
        /**Event time (epoch seconds).

`created`*/
        pub created: Option<i64>,
        ///`data`
        pub data: Option<PayoutEventBodyData>,
    }
    impl FromJson for PayoutEventBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = PayoutEventBody::default();
            for (name, value) in v.members()? {
                match name {
                    "id" => out.id = codegen::read(value),
                    "object" => out.object = codegen::read(value),
                    "type" => out.type_ = codegen::read(value),
                    "created" => out.created = codegen::read(value),
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
            input.put(0, "amount", &self.amount);
            input.put_opt(1, "currency", &self.optional.currency);
            input.text_opt(2, "description", &self.optional.description);
            input.text_opt(3, "destination", &self.optional.destination);
            input.put_opt(4, "method", &self.optional.method);
            input
                .text_opt(
                    5,
                    "statement_descriptor",
                    &self.optional.statement_descriptor,
                );
            input.put(6, "metadata", &self.metadata);
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
            input.text(0, "id", &self.id);
        }
    }
    /// The gateway's payout statuses. A value the spec does not know is kept as
    /// [`Status::Other`] and is never final.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum Status {
        /**Created, not yet submitted to the bank.

`pending` → pending*/
        Pending,
        /**Submitted to the bank.

`in_transit` → processing*/
        InTransit,
        /**Expected to be available in the bank account.

`paid` → succeeded*/
        Paid,
        /**Not paid; `failure_code` says why. Stripe notes a payout can go from paid to failed.

`failed` → failed*/
        Failed,
        /**Canceled before it was submitted.

`canceled` → cancelled*/
        Canceled,
        /// A value the spec does not map.
        Other(String),
    }
    impl Status {
        /// The typed status of a provider value.
        pub fn from_provider(value: &str) -> Self {
            match value {
                "pending" => Status::Pending,
                "in_transit" => Status::InTransit,
                "paid" => Status::Paid,
                "failed" => Status::Failed,
                "canceled" => Status::Canceled,
                other => Status::Other(other.to_string()),
            }
        }
        /// The provider value.
        pub fn as_str(&self) -> &str {
            match self {
                Status::Pending => "pending",
                Status::InTransit => "in_transit",
                Status::Paid => "paid",
                Status::Failed => "failed",
                Status::Canceled => "canceled",
                Status::Other(s) => s,
            }
        }
        /// The unified status, given the reason the gateway sent with it; `None` for
        /// [`Status::Other`].
        pub fn unified(&self, reason: Option<&str>) -> Option<PayoutStatus> {
            match self {
                Status::Pending => Some(PayoutStatus::Pending),
                Status::InTransit => Some(PayoutStatus::Processing),
                Status::Paid => Some(PayoutStatus::Succeeded),
                Status::Failed => Some(PayoutStatus::Failed),
                Status::Canceled => Some(PayoutStatus::Cancelled),
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
        ///A `payout.*` event (`payout.created`, `payout.updated`, `payout.paid`, `payout.failed`, `payout.canceled`) whose `data.object` is the payout.
        PayoutEvent(PayoutEventEvent),
    }
    ///A verified `payout_event` webhook: its body typed, the gateway's status typed, and the unified event.
    pub type PayoutEventEvent = ::payout::runtime::TypedEvent<PayoutEventBody, Status>;
    impl Webhook {
        /// The kind of a verified event, by the spec's name of its webhook, its body typed
        /// from `fields` (the body as read).
        fn from_event(
            event: WebhookEvent,
            fields: &JsonRef<'_>,
        ) -> Result<Self, PayoutError> {
            match event.webhook.as_str() {
                "payout_event" => {
                    Ok(
                        Webhook::PayoutEvent(
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
    pub const PROVIDER_ID: &str = "stripe";
    const SPEC_JSON: &str = "{\"spec_version\":1,\"provider\":{\"id\":\"stripe\",\"name\":\"Stripe (payouts)\",\"description\":\"Payouts from a Stripe balance. Requests are form-encoded with nested keys (`metadata[order_id]=…`), authenticated with the secret API key as a Bearer token, and made safe to retry with an `Idempotency-Key` header. Webhook events carry `Stripe-Signature: t=…,v1=…`: the hex HMAC-SHA256 of `t.payload` keyed with the endpoint's signing secret.\",\"docs\":\"https://docs.stripe.com/api/payouts\"},\"environments\":{\"sandbox\":{\"base_url\":\"https://api.stripe.com\",\"description\":\"Test mode (a `sk_test_` secret key).\"},\"production\":{\"base_url\":\"https://api.stripe.com\"}},\"credentials\":{\"secret_key\":{\"description\":\"Secret API key (`sk_test_…` or `sk_live_…`), sent as a Bearer token.\",\"secret\":true,\"type\":\"text\"},\"webhook_secret\":{\"description\":\"Signing secret of the webhook endpoint (`whsec_…`), the HMAC key of `Stripe-Signature`.\",\"secret\":true,\"type\":\"text\"}},\"money\":{\"currency\":\"USD\",\"amount\":{\"encoding\":\"number\",\"unit\":\"minor\",\"decimals\":2,\"min\":\"0.01\"}},\"signing\":{\"bearer\":{\"description\":\"The secret key as written into `Authorization: Bearer …`. Not a signature: Stripe authenticates requests with the secret key itself, in the clear (over TLS), hence `reveals_secret`.\",\"compare\":\"exact\",\"reveals_secret\":true,\"steps\":[{\"template\":\"{{ credentials.secret_key }}\"}]},\"webhook_v1\":{\"description\":\"The `v1` part of `Stripe-Signature`: lowercase hex HMAC-SHA256, keyed with the endpoint secret, of the `t` part, a dot, and the exact payload bytes.\",\"compare\":\"exact\",\"steps\":[{\"input\":\"body_bytes\"},{\"template\":\"{{ timestamp }}.{{ input }}\"},{\"hmac\":{\"alg\":\"sha256\",\"key\":\"{{ credentials.webhook_secret }}\"}},{\"encode\":\"hex\"}]}},\"error_codes\":{\"resource_missing\":\"not_found\",\"balance_insufficient\":\"insufficient_funds\",\"idempotency_key_in_use\":\"duplicate\",\"rate_limit\":\"rate_limited\",\"api_key_expired\":\"unauthorized\"},\"http_statuses\":[400,401,402,403,404,409,429],\"operations\":{\"create_payout\":{\"role\":\"create\",\"description\":\"Create a payout to the account's default (or a named) bank account or card.\",\"method\":\"POST\",\"path\":\"/v1/payouts\",\"headers\":{\"Authorization\":\"Bearer {{ signatures.bearer }}\",\"Idempotency-Key\":\"{{ body.metadata.order_id }}\"},\"body\":{\"encoding\":\"form\",\"fields\":{\"amount\":{\"type\":\"amount\",\"description\":\"Amount in the smallest currency unit (cents): `1000` is $10.00.\",\"required\":true,\"role\":\"amount\",\"example\":\"10.00\"},\"currency\":{\"type\":\"string\",\"description\":\"Three-letter ISO code, lower case.\",\"required\":true,\"role\":\"currency\",\"enum\":{\"USD\":\"usd\"},\"unified\":{\"USD\":\"USD\"}},\"description\":{\"type\":\"string\",\"description\":\"An arbitrary string shown to users (length not documented, so not limited here).\",\"role\":\"remark\",\"example\":\"Invoice 42\"},\"destination\":{\"type\":\"string\",\"description\":\"ID of the bank account or card to send the payout to.\",\"role\":\"beneficiary.contact_id\"},\"method\":{\"type\":\"string\",\"description\":\"`standard` (default) or `instant`.\",\"role\":\"transfer_mode\",\"enum\":[\"standard\",\"instant\"]},\"statement_descriptor\":{\"type\":\"string\",\"description\":\"Text on the bank statement (at most 22 characters).\",\"max_len\":22},\"metadata\":{\"type\":\"object\",\"description\":\"Key-value pairs kept with the payout; this spec keeps the merchant reference here.\",\"required\":true,\"fields\":{\"order_id\":{\"type\":\"string\",\"description\":\"Merchant reference: also the Idempotency-Key.\",\"required\":true,\"role\":\"merchant_ref\",\"min_len\":1,\"max_len\":255,\"example\":\"ORDER-42\"}}}}},\"response\":{\"success\":\"object == \\\"payout\\\"\",\"error\":{\"code\":\"error.code\",\"message\":\"error.message\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"id\":{\"type\":\"string\",\"description\":\"Stripe's payout id (`po_…`).\",\"role\":\"provider_ref\"},\"object\":{\"type\":\"string\",\"description\":\"`payout`.\"},\"amount\":{\"type\":\"amount\",\"role\":\"amount\"},\"currency\":{\"type\":\"string\",\"description\":\"Lower-case currency code.\"},\"status\":{\"type\":\"string\",\"role\":\"status\"},\"method\":{\"type\":\"string\"},\"description\":{\"type\":\"string\",\"nullable\":true},\"arrival_date\":{\"type\":\"int\",\"description\":\"Expected arrival (epoch seconds).\"},\"created\":{\"type\":\"int\",\"description\":\"Creation time (epoch seconds).\"},\"metadata\":{\"type\":\"object\",\"fields\":{\"order_id\":{\"type\":\"string\",\"role\":\"merchant_ref\"}}},\"failure_code\":{\"type\":\"string\",\"nullable\":true,\"role\":\"failure_code\"},\"failure_message\":{\"type\":\"string\",\"nullable\":true,\"role\":\"failure_reason\"},\"error\":{\"type\":\"object\",\"description\":\"Present instead of the payout when the request failed.\",\"fields\":{\"type\":{\"type\":\"string\"},\"code\":{\"type\":\"string\"},\"message\":{\"type\":\"string\"}}}}}}},\"query_payout\":{\"role\":\"query\",\"description\":\"Retrieve one payout by its id.\",\"method\":\"GET\",\"path\":\"/v1/payouts/{id}\",\"params\":{\"id\":{\"type\":\"string\",\"description\":\"Stripe's payout id (`po_…`).\",\"required\":true,\"role\":\"provider_ref\",\"min_len\":1,\"example\":\"po_1\"}},\"headers\":{\"Authorization\":\"Bearer {{ signatures.bearer }}\"},\"response\":{\"success\":\"object == \\\"payout\\\"\",\"error\":{\"code\":\"error.code\",\"message\":\"error.message\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"id\":{\"type\":\"string\",\"description\":\"Stripe's payout id (`po_…`).\",\"role\":\"provider_ref\"},\"object\":{\"type\":\"string\",\"description\":\"`payout`.\"},\"amount\":{\"type\":\"amount\",\"role\":\"amount\"},\"currency\":{\"type\":\"string\",\"description\":\"Lower-case currency code.\"},\"status\":{\"type\":\"string\",\"role\":\"status\"},\"method\":{\"type\":\"string\"},\"description\":{\"type\":\"string\",\"nullable\":true},\"arrival_date\":{\"type\":\"int\",\"description\":\"Expected arrival (epoch seconds).\"},\"created\":{\"type\":\"int\",\"description\":\"Creation time (epoch seconds).\"},\"metadata\":{\"type\":\"object\",\"fields\":{\"order_id\":{\"type\":\"string\",\"role\":\"merchant_ref\"}}},\"failure_code\":{\"type\":\"string\",\"nullable\":true,\"role\":\"failure_code\"},\"failure_message\":{\"type\":\"string\",\"nullable\":true,\"role\":\"failure_reason\"},\"error\":{\"type\":\"object\",\"description\":\"Present instead of the payout when the request failed.\",\"fields\":{\"type\":{\"type\":\"string\"},\"code\":{\"type\":\"string\"},\"message\":{\"type\":\"string\"}}}}}}}},\"statuses\":{\"pending\":{\"unified\":\"pending\",\"description\":\"Created, not yet submitted to the bank.\"},\"in_transit\":{\"unified\":\"processing\",\"description\":\"Submitted to the bank.\"},\"paid\":{\"unified\":\"succeeded\",\"description\":\"Expected to be available in the bank account.\"},\"failed\":{\"unified\":\"failed\",\"description\":\"Not paid; `failure_code` says why. Stripe notes a payout can go from paid to failed.\"},\"canceled\":{\"unified\":\"cancelled\",\"description\":\"Canceled before it was submitted.\"}},\"webhooks\":{\"payout_event\":{\"description\":\"A `payout.*` event (`payout.created`, `payout.updated`, `payout.paid`, `payout.failed`, `payout.canceled`) whose `data.object` is the payout.\",\"method\":\"POST\",\"headers\":{\"Stripe-Signature\":\"t={{ timestamp }},v1={{ signatures.webhook_v1 }}\"},\"header_parts\":{\"Stripe-Signature\":{\"separator\":\",\",\"pair\":\"=\"}},\"body\":{\"encoding\":\"json\",\"fields\":{\"id\":{\"type\":\"string\",\"description\":\"Event id (`evt_…`).\",\"example\":\"evt_1\"},\"object\":{\"type\":\"string\",\"example\":\"event\"},\"type\":{\"type\":\"string\",\"role\":\"event\"},\"created\":{\"type\":\"int\",\"description\":\"Event time (epoch seconds).\"},\"data\":{\"type\":\"object\",\"fields\":{\"object\":{\"type\":\"object\",\"fields\":{\"id\":{\"type\":\"string\",\"role\":\"provider_ref\"},\"object\":{\"type\":\"string\",\"example\":\"payout\"},\"amount\":{\"type\":\"amount\",\"role\":\"amount\"},\"currency\":{\"type\":\"string\",\"example\":\"usd\"},\"status\":{\"type\":\"string\",\"role\":\"status\"},\"metadata\":{\"type\":\"object\",\"fields\":{\"order_id\":{\"type\":\"string\",\"role\":\"merchant_ref\"}}},\"failure_code\":{\"type\":\"string\",\"nullable\":true,\"role\":\"failure_code\"},\"failure_message\":{\"type\":\"string\",\"nullable\":true,\"role\":\"failure_reason\"}}}}}}},\"ack\":{\"status\":200,\"body\":\"{\\\"received\\\":true}\"},\"max_age\":300,\"timestamp_unit\":\"seconds\"}},\"sandbox\":{\"success_path\":[\"pending\",\"in_transit\",\"paid\"],\"failure_path\":[\"pending\",\"in_transit\",\"failed\"],\"provider_ref_prefix\":\"po_\",\"success\":{\"object\":\"payout\"},\"events\":{\"pending\":\"payout.created\",\"in_transit\":\"payout.updated\",\"paid\":\"payout.paid\",\"failed\":\"payout.failed\",\"canceled\":\"payout.canceled\"},\"errors\":{\"unauthorized\":{\"http_status\":401,\"body\":{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}},\"duplicate\":{\"http_status\":409,\"body\":{\"error\":{\"type\":\"idempotency_error\",\"code\":\"idempotency_key_in_use\",\"message\":\"{{ message }}\"}}},\"not_found\":{\"http_status\":404,\"body\":{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\",\"message\":\"No such payout\"}}},\"invalid_request\":{\"http_status\":400,\"body\":{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"{{ message }}\"}}},\"server_error\":{\"http_status\":500,\"body\":{\"error\":{\"type\":\"api_error\",\"message\":\"Something went wrong on Stripe's end\"}}}}}}";
}

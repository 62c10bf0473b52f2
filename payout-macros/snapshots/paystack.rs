/**Paystack (transfers) — generated from `paystack.yaml` by `payout::provider!`.

Paystack's Transfers API (Nigeria, Ghana, South Africa, Kenya). A payout is two calls: `POST /transferrecipient` makes a recipient (its `recipient_code`), then `POST /transfer` sends money to it. Requests carry the secret key as a Bearer token; webhooks are signed with an HMAC-SHA512 of the raw body under the same key.

Gateway documentation: <https://paystack.com/docs/api/transfer/>

Money: NGN, amounts as exact decimals. A [`Client`] sends each operation's typed request with [`send`](::payout::runtime::TypedClient::send), and serves the unified interface, [`PayoutProvider`](::payout::runtime::PayoutProvider).*/
pub mod paystack {
    use ::payout::runtime::codegen::{self, FromJson, ToJson};
    use ::payout::runtime::{
        CompiledSpec, Decimal, IndexMap, Json, JsonRef, PayoutError, PayoutResult,
        PayoutStatus, Secret, WebhookEvent,
    };
    use ::std::sync::{Arc, OnceLock};
    const _: &[u8] = ::core::include_bytes!("$CARGO_MANIFEST_DIR/specs/paystack.yaml");
    /// The gateway, as [`TypedClient`](::payout::runtime::TypedClient) names it: a type,
    /// never a value.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Gateway {}
    ///A client of the gateway. [`send`](::payout::runtime::TypedClient::send) takes a typed request ([`CreateRecipientRequest`], [`CreateTransferRequest`], [`VerifyTransferRequest`]) and returns its typed response; [`webhook`](::payout::runtime::TypedClient::webhook) verifies and reads a [`Webhook`]; the unified interface is [`PayoutProvider`](::payout::runtime::PayoutProvider). Cheap to clone.
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
        ///Secret key (`sk_test_…` or `sk_live_…`); sent as the Bearer token and used to sign webhooks.
        pub secret_key: Secret,
    }
    impl Credentials {
        /// From values by the spec's credential names (a configuration file, the
        /// environment). Every missing one is reported.
        pub fn from_map(values: &IndexMap<String, String>) -> Result<Self, PayoutError> {
            let [secret_key] = codegen::credentials(values, ["secret_key"])?;
            Ok(Credentials {
                secret_key: Secret::new(secret_key),
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
            ])
        }
    }
    /// The gateway's deployments.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Environment {
        ///`https://api.paystack.co`
        Production,
    }
    impl Environment {
        /// The environment's base URL.
        pub fn base_url(&self) -> &'static str {
            match self {
                Environment::Production => "https://api.paystack.co",
            }
        }
    }
    impl ::payout::runtime::GatewayEnvironment for Environment {
        fn base_url(&self) -> &'static str {
            Environment::base_url(self)
        }
    }
    ///The values of `type`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum CreateRecipientRequestType {
        ///`nuban`
        Nuban,
        ///`ghipss`
        Ghipss,
        ///`mobile_money`
        MobileMoney,
        ///`basa`
        Basa,
        ///`kepss`
        Kepss,
        ///`authorization`
        Authorization,
    }
    impl CreateRecipientRequestType {
        /// The value's name in the spec.
        pub fn as_str(&self) -> &'static str {
            match self {
                CreateRecipientRequestType::Nuban => "nuban",
                CreateRecipientRequestType::Ghipss => "ghipss",
                CreateRecipientRequestType::MobileMoney => "mobile_money",
                CreateRecipientRequestType::Basa => "basa",
                CreateRecipientRequestType::Kepss => "kepss",
                CreateRecipientRequestType::Authorization => "authorization",
            }
        }
    }
    impl ToJson for CreateRecipientRequestType {
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
    impl FromJson for CreateRecipientRequestType {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let value = match v.scalar_str()? {
                "nuban" => CreateRecipientRequestType::Nuban,
                "ghipss" => CreateRecipientRequestType::Ghipss,
                "mobile_money" => CreateRecipientRequestType::MobileMoney,
                "basa" => CreateRecipientRequestType::Basa,
                "kepss" => CreateRecipientRequestType::Kepss,
                "authorization" => CreateRecipientRequestType::Authorization,
                _ => return None,
            };
            Some(value)
        }
    }
    /**Create a transfer recipient (a bank account or mobile money wallet).

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`CreateRecipientResponse`]. Retried with backoff on transient failures, freshly signed each time.

# Example

```ignore
async fn create_recipient(client: &paystack::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = paystack::CreateRecipientRequest {
        name: "Tolu Robert".into(),
        account_number: "0001234567".into(),
        bank_code: "058".into(),
        optional: Default::default(),
    };
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `duplicate_reference`: `duplicate` (`may_exist`: query before sending again)
- `insufficient_balance`: `insufficient_funds`
- `invalid_key`: `unauthorized`*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreateRecipientRequest {
        /**The account holder's name.

`name` · required · at most 100 characters · unified role `beneficiary.name`*/
        pub name: String,
        /**Account or mobile money number.

`account_number` · required · at most 20 characters · unified role `beneficiary.account_number`*/
        pub account_number: String,
        /**Bank code, from Paystack's List Banks endpoint.

`bank_code` · required · at most 20 characters · unified role `beneficiary.bank_code`*/
        pub bank_code: String,
        /// The optional fields, each `None` unless set.
        pub optional: CreateRecipientRequestOptional,
    }
    ///The optional fields of [`CreateRecipientRequest`]; `Default::default()` sets none of them.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreateRecipientRequestOptional {
        /**Recipient type.

`type` · always sent · default `nuban`*/
        pub type_: Option<CreateRecipientRequestType>,
        /**Currency of the account (default NGN).

`currency` · the spec's currency when left out · unified role `currency`*/
        pub currency: Option<String>,
        /**A note about the recipient.

`description` · at most 255 characters · unified role `remark`*/
        pub description: Option<String>,
    }
    impl CreateRecipientRequest {
        ///Sets `type`.
        pub fn type_(mut self, value: CreateRecipientRequestType) -> Self {
            self.optional.type_ = Some(value);
            self
        }
        ///Sets `currency`.
        pub fn currency(mut self, value: impl Into<String>) -> Self {
            self.optional.currency = Some(value.into());
            self
        }
        ///Sets `description`.
        pub fn description(mut self, value: impl Into<String>) -> Self {
            self.optional.description = Some(value.into());
            self
        }
    }
    impl ToJson for CreateRecipientRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put_opt(&mut o, "type", &self.optional.type_);
            codegen::put(&mut o, "name", &self.name);
            codegen::put(&mut o, "account_number", &self.account_number);
            codegen::put(&mut o, "bank_code", &self.bank_code);
            codegen::put_opt(&mut o, "currency", &self.optional.currency);
            codegen::put_opt(&mut o, "description", &self.optional.description);
            Json::Object(o)
        }
    }
    /**The `data` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreateRecipientResponseBodyData {
        /**The recipient's code (`RCP_…`).

`recipient_code`*/
        pub recipient_code: Option<String>,
        ///`currency`
        pub currency: Option<String>,
        ///`type`
        pub type_: Option<String>,
    }
    impl FromJson for CreateRecipientResponseBodyData {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = CreateRecipientResponseBodyData::default();
            for (name, value) in v.members()? {
                match name {
                    "recipient_code" => out.recipient_code = codegen::read(value),
                    "currency" => out.currency = codegen::read(value),
                    "type" => out.type_ = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The body of a successful `create_recipient` response.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreateRecipientResponseBody {
        ///`status`
        pub status: Option<bool>,
        ///`message`
        pub message: Option<String>,
        ///`data`
        pub data: Option<CreateRecipientResponseBodyData>,
    }
    impl FromJson for CreateRecipientResponseBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = CreateRecipientResponseBody::default();
            for (name, value) in v.members()? {
                match name {
                    "status" => out.status = codegen::read(value),
                    "message" => out.message = codegen::read(value),
                    "data" => out.data = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    ///The values of `source`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum CreateTransferRequestSource {
        ///`balance`
        Balance,
    }
    impl CreateTransferRequestSource {
        /// The value's name in the spec.
        pub fn as_str(&self) -> &'static str {
            match self {
                CreateTransferRequestSource::Balance => "balance",
            }
        }
    }
    impl ToJson for CreateTransferRequestSource {
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
    impl FromJson for CreateTransferRequestSource {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let value = match v.scalar_str()? {
                "balance" => CreateTransferRequestSource::Balance,
                _ => return None,
            };
            Some(value)
        }
    }
    /**Send money from the Paystack balance to a recipient.

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`CreateTransferResponse`]. Sent once, never retried: an error with `may_exist` means the payout may exist at the gateway; query before sending it again.

# Example

```ignore
async fn create_transfer(client: &paystack::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = paystack::CreateTransferRequest {
        amount: "1000.00".parse()?,
        reference: "acme-transfer-0001".into(),
        recipient: "…".into(),
        optional: Default::default(),
    };
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `duplicate_reference`: `duplicate` (`may_exist`: query before sending again)
- `insufficient_balance`: `insufficient_funds`
- `invalid_key`: `unauthorized`*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreateTransferRequest {
        /**Amount, sent in the currency's subunit (kobo, pesewas, cents).

`amount` · required · unified role `amount` · an exact amount, written as the spec's money format says*/
        pub amount: Decimal,
        /**Your unique reference for the transfer.

`reference` · required · 1 to 100 characters · pattern `[A-Za-z0-9_-]+` · unified role `merchant_ref`*/
        pub reference: String,
        /**The recipient's code (`RCP_…`); a unified create makes it first.

`recipient` · required · unified role `obtained.recipient`*/
        pub recipient: String,
        /// The optional fields, each `None` unless set.
        pub optional: CreateTransferRequestOptional,
    }
    ///The optional fields of [`CreateTransferRequest`]; `Default::default()` sets none of them.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreateTransferRequestOptional {
        /**Where the money comes from.

`source` · always sent · default `balance`*/
        pub source: Option<CreateTransferRequestSource>,
        /**Why the money is sent.

`reason` · at most 255 characters · unified role `purpose`*/
        pub reason: Option<String>,
        /**Currency (default NGN).

`currency` · the spec's currency when left out · unified role `currency`*/
        pub currency: Option<String>,
    }
    impl CreateTransferRequest {
        ///Sets `source`.
        pub fn source(mut self, value: CreateTransferRequestSource) -> Self {
            self.optional.source = Some(value);
            self
        }
        ///Sets `reason`.
        pub fn reason(mut self, value: impl Into<String>) -> Self {
            self.optional.reason = Some(value.into());
            self
        }
        ///Sets `currency`.
        pub fn currency(mut self, value: impl Into<String>) -> Self {
            self.optional.currency = Some(value.into());
            self
        }
    }
    impl ToJson for CreateTransferRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put_opt(&mut o, "source", &self.optional.source);
            codegen::put(&mut o, "amount", &self.amount);
            codegen::put(&mut o, "reference", &self.reference);
            codegen::put(&mut o, "recipient", &self.recipient);
            codegen::put_opt(&mut o, "reason", &self.optional.reason);
            codegen::put_opt(&mut o, "currency", &self.optional.currency);
            Json::Object(o)
        }
    }
    /**The `data` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreateTransferResponseBodyData {
        ///`reference` · unified role `merchant_ref`
        pub reference: Option<String>,
        /**Paystack's code for the transfer (`TRF_…`).

`transfer_code` · unified role `provider_ref`*/
        pub transfer_code: Option<String>,
        ///`amount` · unified role `amount` · an exact amount, written as the spec's money format says
        pub amount: Option<Decimal>,
        ///`currency` · the spec's currency when left out · unified role `currency`
        pub currency: Option<String>,
        ///`status` · unified role `status` · read as [`Status`]
        pub status: Option<Status>,
    }
    impl FromJson for CreateTransferResponseBodyData {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = CreateTransferResponseBodyData::default();
            for (name, value) in v.members()? {
                match name {
                    "reference" => out.reference = codegen::read(value),
                    "transfer_code" => out.transfer_code = codegen::read(value),
                    "amount" => out.amount = codegen::read(value),
                    "currency" => out.currency = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The body of a successful `create_transfer` response.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreateTransferResponseBody {
        ///`status`
        pub status: Option<bool>,
        ///`message`
        pub message: Option<String>,
        ///`data`
        pub data: Option<CreateTransferResponseBodyData>,
    }
    impl FromJson for CreateTransferResponseBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = CreateTransferResponseBody::default();
            for (name, value) in v.members()? {
                match name {
                    "status" => out.status = codegen::read(value),
                    "message" => out.message = codegen::read(value),
                    "data" => out.data = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**Fetch a transfer's status by your reference.

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`VerifyTransferResponse`]. Retried with backoff on transient failures, freshly signed each time.

# Example

```ignore
async fn verify_transfer(client: &paystack::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = paystack::VerifyTransferRequest {
        reference: "…".into(),
    };
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `duplicate_reference`: `duplicate` (`may_exist`: query before sending again)
- `insufficient_balance`: `insufficient_funds`
- `invalid_key`: `unauthorized`*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct VerifyTransferRequest {
        ///`reference` · required · unified role `merchant_ref`
        pub reference: String,
    }
    impl ToJson for VerifyTransferRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put(&mut o, "reference", &self.reference);
            Json::Object(o)
        }
    }
    /**The `data` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct VerifyTransferResponseBodyData {
        ///`reference` · unified role `merchant_ref`
        pub reference: Option<String>,
        ///`transfer_code` · unified role `provider_ref`
        pub transfer_code: Option<String>,
        ///`amount` · unified role `amount` · an exact amount, written as the spec's money format says
        pub amount: Option<Decimal>,
        ///`currency` · the spec's currency when left out · unified role `currency`
        pub currency: Option<String>,
        ///`status` · unified role `status` · read as [`Status`]
        pub status: Option<Status>,
        ///`reason`
        pub reason: Option<String>,
        ///`failures`
        pub failures: Option<Json>,
    }
    impl FromJson for VerifyTransferResponseBodyData {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = VerifyTransferResponseBodyData::default();
            for (name, value) in v.members()? {
                match name {
                    "reference" => out.reference = codegen::read(value),
                    "transfer_code" => out.transfer_code = codegen::read(value),
                    "amount" => out.amount = codegen::read(value),
                    "currency" => out.currency = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "reason" => out.reason = codegen::read(value),
                    "failures" => out.failures = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The body of a successful `verify_transfer` response.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct VerifyTransferResponseBody {
        ///`status`
        pub status: Option<bool>,
        ///`message`
        pub message: Option<String>,
        ///`data`
        pub data: Option<VerifyTransferResponseBodyData>,
    }
    impl FromJson for VerifyTransferResponseBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = VerifyTransferResponseBody::default();
            for (name, value) in v.members()? {
                match name {
                    "status" => out.status = codegen::read(value),
                    "message" => out.message = codegen::read(value),
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
    pub struct TransferEventBodyData {
        ///`amount` · unified role `amount` · an exact amount, written as the spec's money format says
        pub amount: Option<Decimal>,
        ///`currency` · the spec's currency when left out · unified role `currency`
        pub currency: Option<String>,
        ///`reference` · unified role `merchant_ref`
        pub reference: Option<String>,
        ///`status` · unified role `status` · read as [`Status`]
        pub status: Option<Status>,
        ///`transfer_code` · unified role `provider_ref`
        pub transfer_code: Option<String>,
        ///`reason`
        pub reason: Option<String>,
    }
    impl FromJson for TransferEventBodyData {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = TransferEventBodyData::default();
            for (name, value) in v.members()? {
                match name {
                    "amount" => out.amount = codegen::read(value),
                    "currency" => out.currency = codegen::read(value),
                    "reference" => out.reference = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "transfer_code" => out.transfer_code = codegen::read(value),
                    "reason" => out.reason = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The body of the `transfer_event` webhook.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct TransferEventBody {
        ///`event` · unified role `event`
        pub event: Option<String>,
        ///`data`
        pub data: Option<TransferEventBodyData>,
    }
    impl FromJson for TransferEventBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = TransferEventBody::default();
            for (name, value) in v.members()? {
                match name {
                    "event" => out.event = codegen::read(value),
                    "data" => out.data = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**What a successful `create_recipient` returns: the typed body, the gateway's status typed, and the unified view.

The typed body is a reading of the raw JSON, which stays available as `result.response` and is the source of truth: a field the spec does not list, or a value that is not of its declared type, is `None` in the body but still there.*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreateRecipientResponse {
        /// The body's fields, typed; the raw JSON is `result.response`.
        pub body: CreateRecipientResponseBody,
        /// The gateway's status, typed (`None` when the response carries none).
        pub status: Option<Status>,
        /// The unified view: status, references, amounts, and the raw JSON.
        pub result: PayoutResult,
    }
    impl ::payout::runtime::Operation for CreateRecipientRequest {
        type Gateway = Gateway;
        type Response = CreateRecipientResponse;
        const NAME: &'static str = "create_recipient";
        fn response(
            result: PayoutResult,
            body: &JsonRef<'_>,
        ) -> CreateRecipientResponse {
            CreateRecipientResponse {
                body: CreateRecipientResponseBody::from_json(body).unwrap_or_default(),
                status: result.provider_status.as_deref().map(Status::from_provider),
                result,
            }
        }
        fn write_input<'a>(&'a self, input: &mut codegen::InputWriter<'a>) {
            input.reserve(6);
            input.put_opt(0, "type", &self.optional.type_);
            input.text(1, "name", &self.name);
            input.text(2, "account_number", &self.account_number);
            input.text(3, "bank_code", &self.bank_code);
            input.text_opt(4, "currency", &self.optional.currency);
            input.text_opt(5, "description", &self.optional.description);
        }
    }
    /**What a successful `create_transfer` returns: the typed body, the gateway's status typed, and the unified view.

The typed body is a reading of the raw JSON, which stays available as `result.response` and is the source of truth: a field the spec does not list, or a value that is not of its declared type, is `None` in the body but still there.*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreateTransferResponse {
        /// The body's fields, typed; the raw JSON is `result.response`.
        pub body: CreateTransferResponseBody,
        /// The gateway's status, typed (`None` when the response carries none).
        pub status: Option<Status>,
        /// The unified view: status, references, amounts, and the raw JSON.
        pub result: PayoutResult,
    }
    impl ::payout::runtime::Operation for CreateTransferRequest {
        type Gateway = Gateway;
        type Response = CreateTransferResponse;
        const NAME: &'static str = "create_transfer";
        fn response(result: PayoutResult, body: &JsonRef<'_>) -> CreateTransferResponse {
            CreateTransferResponse {
                body: CreateTransferResponseBody::from_json(body).unwrap_or_default(),
                status: result.provider_status.as_deref().map(Status::from_provider),
                result,
            }
        }
        fn write_input<'a>(&'a self, input: &mut codegen::InputWriter<'a>) {
            input.reserve(6);
            input.put_opt(0, "source", &self.optional.source);
            input.put(1, "amount", &self.amount);
            input.text(2, "reference", &self.reference);
            input.text(3, "recipient", &self.recipient);
            input.text_opt(4, "reason", &self.optional.reason);
            input.text_opt(5, "currency", &self.optional.currency);
        }
    }
    /**What a successful `verify_transfer` returns: the typed body, the gateway's status typed, and the unified view.

The typed body is a reading of the raw JSON, which stays available as `result.response` and is the source of truth: a field the spec does not list, or a value that is not of its declared type, is `None` in the body but still there.*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct VerifyTransferResponse {
        /// The body's fields, typed; the raw JSON is `result.response`.
        pub body: VerifyTransferResponseBody,
        /// The gateway's status, typed (`None` when the response carries none).
        pub status: Option<Status>,
        /// The unified view: status, references, amounts, and the raw JSON.
        pub result: PayoutResult,
    }
    impl ::payout::runtime::Operation for VerifyTransferRequest {
        type Gateway = Gateway;
        type Response = VerifyTransferResponse;
        const NAME: &'static str = "verify_transfer";
        fn response(result: PayoutResult, body: &JsonRef<'_>) -> VerifyTransferResponse {
            VerifyTransferResponse {
                body: VerifyTransferResponseBody::from_json(body).unwrap_or_default(),
                status: result.provider_status.as_deref().map(Status::from_provider),
                result,
            }
        }
        fn write_input<'a>(&'a self, input: &mut codegen::InputWriter<'a>) {
            input.reserve(1);
            input.text(0, "reference", &self.reference);
        }
    }
    /// The gateway's payout statuses. A value the spec does not know is kept as
    /// [`Status::Other`] and is never final.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum Status {
        /**Queued.

`pending` → pending*/
        Pending,
        /**Received by Paystack, being processed.

`received` → processing*/
        Received,
        /**Waiting for the OTP that finalises it (when OTP is enabled on the account).

`otp` → pending*/
        Otp,
        /**Being processed.

`processing` → processing*/
        Processing,
        /**Paid.

`success` → succeeded*/
        Success,
        /**Failed.

`failed` → failed*/
        Failed,
        /**Paid, then returned.

`reversed` → reversed*/
        Reversed,
        /**Not finalised (OTP never given).

`abandoned` → cancelled*/
        Abandoned,
        /**Blocked by Paystack.

`blocked` → failed*/
        Blocked,
        /**Rejected.

`rejected` → failed*/
        Rejected,
        /// A value the spec does not map.
        Other(String),
    }
    impl Status {
        /// The typed status of a provider value.
        pub fn from_provider(value: &str) -> Self {
            match value {
                "pending" => Status::Pending,
                "received" => Status::Received,
                "otp" => Status::Otp,
                "processing" => Status::Processing,
                "success" => Status::Success,
                "failed" => Status::Failed,
                "reversed" => Status::Reversed,
                "abandoned" => Status::Abandoned,
                "blocked" => Status::Blocked,
                "rejected" => Status::Rejected,
                other => Status::Other(other.to_string()),
            }
        }
        /// The provider value.
        pub fn as_str(&self) -> &str {
            match self {
                Status::Pending => "pending",
                Status::Received => "received",
                Status::Otp => "otp",
                Status::Processing => "processing",
                Status::Success => "success",
                Status::Failed => "failed",
                Status::Reversed => "reversed",
                Status::Abandoned => "abandoned",
                Status::Blocked => "blocked",
                Status::Rejected => "rejected",
                Status::Other(s) => s,
            }
        }
        /// The unified status, given the reason the gateway sent with it; `None` for
        /// [`Status::Other`].
        pub fn unified(&self, reason: Option<&str>) -> Option<PayoutStatus> {
            match self {
                Status::Pending => Some(PayoutStatus::Pending),
                Status::Received => Some(PayoutStatus::Processing),
                Status::Otp => Some(PayoutStatus::Pending),
                Status::Processing => Some(PayoutStatus::Processing),
                Status::Success => Some(PayoutStatus::Succeeded),
                Status::Failed => Some(PayoutStatus::Failed),
                Status::Reversed => Some(PayoutStatus::Reversed),
                Status::Abandoned => Some(PayoutStatus::Cancelled),
                Status::Blocked => Some(PayoutStatus::Failed),
                Status::Rejected => Some(PayoutStatus::Failed),
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
        ///`transfer.success`, `transfer.failed` and `transfer.reversed`, POSTed to the URL set in the dashboard, signed in `x-paystack-signature`. Answer 200 at once.
        TransferEvent(TransferEventEvent),
    }
    ///A verified `transfer_event` webhook: its body typed, the gateway's status typed, and the unified event.
    pub type TransferEventEvent = ::payout::runtime::TypedEvent<
        TransferEventBody,
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
                "transfer_event" => {
                    Ok(
                        Webhook::TransferEvent(
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
    pub const PROVIDER_ID: &str = "paystack";
    const SPEC_JSON: &str = "{\"spec_version\":1,\"provider\":{\"id\":\"paystack\",\"name\":\"Paystack (transfers)\",\"description\":\"Paystack's Transfers API (Nigeria, Ghana, South Africa, Kenya). A payout is two calls: `POST /transferrecipient` makes a recipient (its `recipient_code`), then `POST /transfer` sends money to it. Requests carry the secret key as a Bearer token; webhooks are signed with an HMAC-SHA512 of the raw body under the same key.\",\"docs\":\"https://paystack.com/docs/api/transfer/\",\"country\":\"NG\"},\"environments\":{\"production\":{\"base_url\":\"https://api.paystack.co\"}},\"credentials\":{\"secret_key\":{\"description\":\"Secret key (`sk_test_…` or `sk_live_…`); sent as the Bearer token and used to sign webhooks.\",\"secret\":true,\"type\":\"text\"}},\"money\":{\"currency\":\"NGN\",\"amount\":{\"encoding\":\"number\",\"unit\":\"minor\",\"decimals\":2,\"min\":\"1\"},\"currencies\":{\"GHS\":{},\"ZAR\":{},\"KES\":{}}},\"signing\":{\"bearer\":{\"description\":\"The secret key, sent as an HTTP Bearer token (`Authorization: Bearer …`): Paystack authenticates every request by it, so the recipe sends the secret on purpose (TLS is its only protection).\",\"compare\":\"exact\",\"reveals_secret\":true,\"steps\":[{\"template\":\"{{ credentials.secret_key }}\"}]},\"webhook_hmac\":{\"description\":\"HMAC-SHA512 of the exact webhook body under the secret key, lowercase hex (`x-paystack-signature`).\",\"compare\":\"case_insensitive\",\"steps\":[{\"input\":\"body_bytes\"},{\"hmac\":{\"alg\":\"sha512\",\"key\":\"{{ credentials.secret_key }}\"}},{\"encode\":\"hex\"}]}},\"error_codes\":{\"duplicate_reference\":\"duplicate\",\"insufficient_balance\":\"insufficient_funds\",\"invalid_key\":\"unauthorized\"},\"http_statuses\":[400,401,404,409,422],\"operations\":{\"create_recipient\":{\"role\":\"other\",\"description\":\"Create a transfer recipient (a bank account or mobile money wallet).\",\"method\":\"POST\",\"path\":\"/transferrecipient\",\"headers\":{\"Authorization\":\"Bearer {{ signatures.bearer }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"type\":{\"type\":\"string\",\"description\":\"Recipient type.\",\"required\":true,\"enum\":[\"nuban\",\"ghipss\",\"mobile_money\",\"basa\",\"kepss\",\"authorization\"],\"default\":\"nuban\"},\"name\":{\"type\":\"string\",\"description\":\"The account holder's name.\",\"required\":true,\"role\":\"beneficiary.name\",\"max_len\":100,\"example\":\"Tolu Robert\"},\"account_number\":{\"type\":\"string\",\"description\":\"Account or mobile money number.\",\"required\":true,\"role\":\"beneficiary.account_number\",\"max_len\":20,\"example\":\"0001234567\"},\"bank_code\":{\"type\":\"string\",\"description\":\"Bank code, from Paystack's List Banks endpoint.\",\"required\":true,\"role\":\"beneficiary.bank_code\",\"max_len\":20,\"example\":\"058\"},\"currency\":{\"type\":\"string\",\"description\":\"Currency of the account (default NGN).\",\"role\":\"currency\"},\"description\":{\"type\":\"string\",\"description\":\"A note about the recipient.\",\"role\":\"remark\",\"max_len\":255}}},\"response\":{\"success\":\"status == true\",\"error\":{\"code\":\"code\",\"message\":\"message\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"status\":{\"type\":\"bool\"},\"message\":{\"type\":\"string\"},\"data\":{\"type\":\"object\",\"fields\":{\"recipient_code\":{\"type\":\"string\",\"description\":\"The recipient's code (`RCP_…`).\"},\"currency\":{\"type\":\"string\"},\"type\":{\"type\":\"string\"}}}}}}},\"create_transfer\":{\"role\":\"create\",\"description\":\"Send money from the Paystack balance to a recipient.\",\"method\":\"POST\",\"path\":\"/transfer\",\"headers\":{\"Authorization\":\"Bearer {{ signatures.bearer }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"source\":{\"type\":\"string\",\"description\":\"Where the money comes from.\",\"required\":true,\"enum\":[\"balance\"],\"default\":\"balance\"},\"amount\":{\"type\":\"amount\",\"description\":\"Amount, sent in the currency's subunit (kobo, pesewas, cents).\",\"required\":true,\"role\":\"amount\",\"example\":\"1000.00\"},\"reference\":{\"type\":\"string\",\"description\":\"Your unique reference for the transfer.\",\"required\":true,\"role\":\"merchant_ref\",\"min_len\":1,\"max_len\":100,\"pattern\":\"[A-Za-z0-9_-]+\",\"example\":\"acme-transfer-0001\"},\"recipient\":{\"type\":\"string\",\"description\":\"The recipient's code (`RCP_…`); a unified create makes it first.\",\"required\":true,\"role\":\"obtained.recipient\"},\"reason\":{\"type\":\"string\",\"description\":\"Why the money is sent.\",\"role\":\"purpose\",\"max_len\":255},\"currency\":{\"type\":\"string\",\"description\":\"Currency (default NGN).\",\"role\":\"currency\"}}},\"response\":{\"success\":\"status == true\",\"error\":{\"code\":\"code\",\"message\":\"message\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"status\":{\"type\":\"bool\"},\"message\":{\"type\":\"string\"},\"data\":{\"type\":\"object\",\"fields\":{\"reference\":{\"type\":\"string\",\"role\":\"merchant_ref\"},\"transfer_code\":{\"type\":\"string\",\"description\":\"Paystack's code for the transfer (`TRF_…`).\",\"role\":\"provider_ref\"},\"amount\":{\"type\":\"amount\",\"role\":\"amount\"},\"currency\":{\"type\":\"string\",\"role\":\"currency\"},\"status\":{\"type\":\"string\",\"role\":\"status\"}}}}}}},\"verify_transfer\":{\"role\":\"query\",\"description\":\"Fetch a transfer's status by your reference.\",\"method\":\"GET\",\"path\":\"/transfer/verify/{reference}\",\"params\":{\"reference\":{\"type\":\"string\",\"required\":true,\"role\":\"merchant_ref\"}},\"headers\":{\"Authorization\":\"Bearer {{ signatures.bearer }}\"},\"response\":{\"success\":\"status == true\",\"error\":{\"code\":\"code\",\"message\":\"message\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"status\":{\"type\":\"bool\"},\"message\":{\"type\":\"string\"},\"data\":{\"type\":\"object\",\"fields\":{\"reference\":{\"type\":\"string\",\"role\":\"merchant_ref\"},\"transfer_code\":{\"type\":\"string\",\"role\":\"provider_ref\"},\"amount\":{\"type\":\"amount\",\"role\":\"amount\"},\"currency\":{\"type\":\"string\",\"role\":\"currency\"},\"status\":{\"type\":\"string\",\"role\":\"status\"},\"reason\":{\"type\":\"string\",\"nullable\":true},\"failures\":{\"type\":\"any\",\"nullable\":true}}}}}}}},\"obtain\":{\"recipient\":{\"description\":\"The transfer recipient for the beneficiary's account: made once per account, bank and currency, then reused (Paystack itself returns the existing recipient when the same account is added again).\",\"operation\":\"create_recipient\",\"value\":\"data.recipient_code\",\"key\":\"{{ body.type }}:{{ body.bank_code }}:{{ body.account_number }}:{{ body.currency }}\"}},\"statuses\":{\"pending\":{\"unified\":\"pending\",\"description\":\"Queued.\"},\"received\":{\"unified\":\"processing\",\"description\":\"Received by Paystack, being processed.\"},\"otp\":{\"unified\":\"pending\",\"description\":\"Waiting for the OTP that finalises it (when OTP is enabled on the account).\"},\"processing\":{\"unified\":\"processing\",\"description\":\"Being processed.\"},\"success\":{\"unified\":\"succeeded\",\"description\":\"Paid.\"},\"failed\":{\"unified\":\"failed\",\"description\":\"Failed.\"},\"reversed\":{\"unified\":\"reversed\",\"description\":\"Paid, then returned.\"},\"abandoned\":{\"unified\":\"cancelled\",\"description\":\"Not finalised (OTP never given).\"},\"blocked\":{\"unified\":\"failed\",\"description\":\"Blocked by Paystack.\"},\"rejected\":{\"unified\":\"failed\",\"description\":\"Rejected.\"}},\"webhooks\":{\"transfer_event\":{\"description\":\"`transfer.success`, `transfer.failed` and `transfer.reversed`, POSTed to the URL set in the dashboard, signed in `x-paystack-signature`. Answer 200 at once.\",\"method\":\"POST\",\"headers\":{\"x-paystack-signature\":\"{{ signatures.webhook_hmac }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"event\":{\"type\":\"string\",\"role\":\"event\"},\"data\":{\"type\":\"object\",\"fields\":{\"amount\":{\"type\":\"amount\",\"role\":\"amount\"},\"currency\":{\"type\":\"string\",\"role\":\"currency\"},\"reference\":{\"type\":\"string\",\"role\":\"merchant_ref\"},\"status\":{\"type\":\"string\",\"role\":\"status\"},\"transfer_code\":{\"type\":\"string\",\"role\":\"provider_ref\"},\"reason\":{\"type\":\"string\",\"nullable\":true}}}}},\"ack\":{\"status\":200,\"body\":\"\"},\"retry\":{\"after_minutes\":[3,3,3,3,60,60,60],\"accepted_statuses\":[200]}}},\"sandbox\":{\"success_path\":[\"pending\",\"success\"],\"failure_path\":[\"pending\",\"failed\"],\"reversal\":{\"status\":\"reversed\"},\"provider_ref_prefix\":\"TRF_\",\"success\":{\"status\":true,\"message\":\"Transfer has been queued\"},\"events\":{\"success\":\"transfer.success\",\"failed\":\"transfer.failed\",\"reversed\":\"transfer.reversed\"},\"errors\":{\"unauthorized\":{\"http_status\":401,\"body\":{\"status\":false,\"message\":\"Invalid key\",\"code\":\"invalid_key\"}},\"duplicate\":{\"http_status\":400,\"body\":{\"status\":false,\"message\":\"{{ message }}\",\"code\":\"duplicate_reference\"}},\"not_found\":{\"http_status\":404,\"body\":{\"status\":false,\"message\":\"Transfer not found\"}},\"invalid_request\":{\"http_status\":400,\"body\":{\"status\":false,\"message\":\"{{ message }}\"}},\"server_error\":{\"http_status\":500,\"body\":{\"status\":false,\"message\":\"An error occurred\"}}}}}";
}

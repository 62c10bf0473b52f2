/**Wise (transfers) — generated from `wise.yaml` by `payout::provider!`.

Wise's Platform API for business payouts. A payout is four calls: a quote locks the rate (`POST /v3/profiles/{profileId}/quotes`), a recipient account says where the money goes (`POST /v1/accounts`), a transfer joins the two (`POST /v1/transfers`, idempotent by `customerTransactionId`), and a payment funds it from the balance (`POST /v3/profiles/{profileId}/transfers/{transferId}/payments`). Requests carry an API token as a Bearer token; webhooks are signed with Wise's RSA key (SHA256withRSA over the raw body).

Gateway documentation: <https://docs.wise.com/api-docs/api-reference/transfer>

Money: GBP, amounts as exact decimals. A [`Client`] sends each operation's typed request with [`send`](::payout::runtime::TypedClient::send), and serves the unified interface, [`PayoutProvider`](::payout::runtime::PayoutProvider).*/
pub mod wise {
    use ::payout::runtime::codegen::{self, FromJson, ToJson};
    use ::payout::runtime::{
        CompiledSpec, Decimal, IndexMap, Json, JsonRef, PayoutError, PayoutResult,
        PayoutStatus, Secret, WebhookEvent,
    };
    use ::std::sync::{Arc, OnceLock};
    const _: &[u8] = ::core::include_bytes!("$CARGO_MANIFEST_DIR/specs/wise.yaml");
    /// The gateway, as [`TypedClient`](::payout::runtime::TypedClient) names it: a type,
    /// never a value.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Gateway {}
    ///A client of the gateway. [`send`](::payout::runtime::TypedClient::send) takes a typed request ([`CreateQuoteRequest`], [`CreateRecipientRequest`], [`CreateTransferRequest`], [`FundTransferRequest`], [`GetTransferRequest`]) and returns its typed response; [`webhook`](::payout::runtime::TypedClient::webhook) verifies and reads a [`Webhook`]; the unified interface is [`PayoutProvider`](::payout::runtime::PayoutProvider). Cheap to clone.
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
        ///Personal or platform API token; sent as the Bearer token.
        pub api_token: Secret,
        ///The business profile the money is sent from (the `{profileId}` of the paths).
        pub profile_id: String,
        ///Your RSA private key, whose public half is uploaded to Wise: it signs the one-time token of strong customer authentication.
        pub merchant_private_key: Secret,
        ///Wise's public key (from its docs), which verifies `X-Signature-SHA256` on webhooks.
        pub wise_public_key: String,
    }
    impl Credentials {
        /// From values by the spec's credential names (a configuration file, the
        /// environment). Every missing one is reported.
        pub fn from_map(values: &IndexMap<String, String>) -> Result<Self, PayoutError> {
            let [api_token, profile_id, merchant_private_key, wise_public_key] = codegen::credentials(
                values,
                ["api_token", "profile_id", "merchant_private_key", "wise_public_key"],
            )?;
            Ok(Credentials {
                api_token: Secret::new(api_token),
                profile_id,
                merchant_private_key: Secret::new(merchant_private_key),
                wise_public_key,
            })
        }
    }
    impl ::payout::runtime::GatewayCredentials for Credentials {
        fn from_map(values: &IndexMap<String, String>) -> Result<Self, PayoutError> {
            Credentials::from_map(values)
        }
        fn values(&self) -> IndexMap<String, String> {
            IndexMap::from([
                ("api_token".to_string(), self.api_token.expose().to_string()),
                ("profile_id".to_string(), self.profile_id.clone()),
                (
                    "merchant_private_key".to_string(),
                    self.merchant_private_key.expose().to_string(),
                ),
                ("wise_public_key".to_string(), self.wise_public_key.clone()),
            ])
        }
    }
    /// The gateway's deployments.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Environment {
        ///`https://api.sandbox.transferwise.tech`
        Sandbox,
        ///`https://api.wise.com`
        Production,
    }
    impl Environment {
        /// The environment's base URL.
        pub fn base_url(&self) -> &'static str {
            match self {
                Environment::Sandbox => "https://api.sandbox.transferwise.tech",
                Environment::Production => "https://api.wise.com",
            }
        }
    }
    impl ::payout::runtime::GatewayEnvironment for Environment {
        fn base_url(&self) -> &'static str {
            Environment::base_url(self)
        }
    }
    /**Lock the rate and fees for an amount (valid 30 minutes, one transfer).

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`CreateQuoteResponse`]. Retried with backoff on transient failures, freshly signed each time.

# Example

```ignore
async fn create_quote(client: &wise::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = wise::CreateQuoteRequest {
        target_amount: "100.00".parse()?,
        optional: Default::default(),
    };
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `invalid_token`: `unauthorized`
- `transfer.insufficient_funds`: `insufficient_funds`
- `balance.payment-option-unavailable`: `insufficient_funds`
- `NOT_VALID`: `invalid_request`
- `error.route.not.found`: `not_found`*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreateQuoteRequest {
        /**What the recipient receives, in major units.

`targetAmount` · required · unified role `amount` · an exact amount, written as the spec's money format says*/
        pub target_amount: Decimal,
        /// The optional fields, each `None` unless set.
        pub optional: CreateQuoteRequestOptional,
    }
    ///The optional fields of [`CreateQuoteRequest`]; `Default::default()` sets none of them.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreateQuoteRequestOptional {
        /**The balance currency the money leaves.

`sourceCurrency` · always sent · the spec's currency when left out · unified role `currency`*/
        pub source_currency: Option<String>,
        /**The currency the recipient receives.

`targetCurrency` · always sent · the spec's currency when left out · unified role `currency`*/
        pub target_currency: Option<String>,
    }
    impl CreateQuoteRequest {
        ///Sets `sourceCurrency`.
        pub fn source_currency(mut self, value: impl Into<String>) -> Self {
            self.optional.source_currency = Some(value.into());
            self
        }
        ///Sets `targetCurrency`.
        pub fn target_currency(mut self, value: impl Into<String>) -> Self {
            self.optional.target_currency = Some(value.into());
            self
        }
    }
    impl ToJson for CreateQuoteRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put_opt(&mut o, "sourceCurrency", &self.optional.source_currency);
            codegen::put_opt(&mut o, "targetCurrency", &self.optional.target_currency);
            codegen::put(&mut o, "targetAmount", &self.target_amount);
            Json::Object(o)
        }
    }
    /**The body of a successful `create_quote` response.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreateQuoteResponseBody {
        /**The quote's id (a UUID).

`id`*/
        pub id: Option<String>,
        ///`sourceCurrency`
        pub source_currency: Option<String>,
        ///`targetCurrency`
        pub target_currency: Option<String>,
        ///`targetAmount` · an exact amount, written as the spec's money format says
        pub target_amount: Option<Decimal>,
        ///`rate`
        pub rate: Option<Decimal>,
        ///`expirationTime`
        pub expiration_time: Option<String>,
    }
    impl FromJson for CreateQuoteResponseBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = CreateQuoteResponseBody::default();
            for (name, value) in v.members()? {
                match name {
                    "id" => out.id = codegen::read(value),
                    "sourceCurrency" => out.source_currency = codegen::read(value),
                    "targetCurrency" => out.target_currency = codegen::read(value),
                    "targetAmount" => out.target_amount = codegen::read(value),
                    "rate" => out.rate = codegen::read(value),
                    "expirationTime" => out.expiration_time = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    ///The values of `legalType`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum CreateRecipientRequestDetailsLegalType {
        ///`PRIVATE`
        Private,
        ///`BUSINESS`
        Business,
    }
    impl CreateRecipientRequestDetailsLegalType {
        /// The value's name in the spec.
        pub fn as_str(&self) -> &'static str {
            match self {
                CreateRecipientRequestDetailsLegalType::Private => "PRIVATE",
                CreateRecipientRequestDetailsLegalType::Business => "BUSINESS",
            }
        }
    }
    impl ToJson for CreateRecipientRequestDetailsLegalType {
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
    impl FromJson for CreateRecipientRequestDetailsLegalType {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let value = match v.scalar_str()? {
                "PRIVATE" => CreateRecipientRequestDetailsLegalType::Private,
                "BUSINESS" => CreateRecipientRequestDetailsLegalType::Business,
                _ => return None,
            };
            Some(value)
        }
    }
    ///The `details` object.
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreateRecipientRequestDetails {
        ///`sortCode` · required · pattern `[0-9]{6}` · unified role `beneficiary.bank_code`
        pub sort_code: String,
        ///`accountNumber` · required · pattern `[0-9]{8}` · unified role `beneficiary.account_number`
        pub account_number: String,
        /// The optional fields, each `None` unless set.
        pub optional: CreateRecipientRequestDetailsOptional,
    }
    ///The optional fields of [`CreateRecipientRequestDetails`]; `Default::default()` sets none of them.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreateRecipientRequestDetailsOptional {
        ///`legalType` · always sent · default `PRIVATE`
        pub legal_type: Option<CreateRecipientRequestDetailsLegalType>,
    }
    impl CreateRecipientRequestDetails {
        ///Sets `legalType`.
        pub fn legal_type(
            mut self,
            value: CreateRecipientRequestDetailsLegalType,
        ) -> Self {
            self.optional.legal_type = Some(value);
            self
        }
    }
    impl ToJson for CreateRecipientRequestDetails {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put_opt(&mut o, "legalType", &self.optional.legal_type);
            codegen::put(&mut o, "sortCode", &self.sort_code);
            codegen::put(&mut o, "accountNumber", &self.account_number);
            Json::Object(o)
        }
    }
    /**Create a recipient account (a UK sort code account by default).

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`CreateRecipientResponse`]. Retried with backoff on transient failures, freshly signed each time.

# Example

```ignore
async fn create_recipient(client: &wise::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = wise::CreateRecipientRequest {
        account_holder_name: "Ann Johnson".into(),
        details: wise::CreateRecipientRequestDetails {
            sort_code: "040075".into(),
            account_number: "37778842".into(),
            optional: Default::default(),
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

- `invalid_token`: `unauthorized`
- `transfer.insufficient_funds`: `insufficient_funds`
- `balance.payment-option-unavailable`: `insufficient_funds`
- `NOT_VALID`: `invalid_request`
- `error.route.not.found`: `not_found`*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreateRecipientRequest {
        ///`accountHolderName` · required · 1 to 140 characters · unified role `beneficiary.name`
        pub account_holder_name: String,
        ///`details` · required
        pub details: CreateRecipientRequestDetails,
        /// The optional fields, each `None` unless set.
        pub optional: CreateRecipientRequestOptional,
    }
    ///The optional fields of [`CreateRecipientRequest`]; `Default::default()` sets none of them.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreateRecipientRequestOptional {
        ///`currency` · always sent · the spec's currency when left out · unified role `currency`
        pub currency: Option<String>,
        /**Account type.

`type` · always sent · default `sort_code`*/
        pub type_: Option<String>,
    }
    impl CreateRecipientRequest {
        ///Sets `currency`.
        pub fn currency(mut self, value: impl Into<String>) -> Self {
            self.optional.currency = Some(value.into());
            self
        }
        ///Sets `type`.
        pub fn type_(mut self, value: impl Into<String>) -> Self {
            self.optional.type_ = Some(value.into());
            self
        }
    }
    impl ToJson for CreateRecipientRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put_opt(&mut o, "currency", &self.optional.currency);
            codegen::put_opt(&mut o, "type", &self.optional.type_);
            codegen::put(&mut o, "accountHolderName", &self.account_holder_name);
            codegen::put(&mut o, "details", &self.details);
            Json::Object(o)
        }
    }
    /**The body of a successful `create_recipient` response.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreateRecipientResponseBody {
        /**The recipient account's id.

`id`*/
        pub id: Option<i64>,
        ///`currency`
        pub currency: Option<String>,
        ///`accountHolderName`
        pub account_holder_name: Option<String>,
    }
    impl FromJson for CreateRecipientResponseBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = CreateRecipientResponseBody::default();
            for (name, value) in v.members()? {
                match name {
                    "id" => out.id = codegen::read(value),
                    "currency" => out.currency = codegen::read(value),
                    "accountHolderName" => out.account_holder_name = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    ///The `details` object.
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreateTransferRequestDetails {
        ///`reference` · required · 1 to 35 characters · unified role `merchant_ref`
        pub reference: String,
    }
    impl ToJson for CreateTransferRequestDetails {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put(&mut o, "reference", &self.reference);
            Json::Object(o)
        }
    }
    /**Create a transfer from a quote to a recipient account; it waits to be funded.

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`CreateTransferResponse`]. Retried with backoff on transient failures, freshly signed each time.

# Example

```ignore
async fn create_transfer(client: &wise::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = wise::CreateTransferRequest {
        target_account: 0,
        quote_uuid: "…".into(),
        details: wise::CreateTransferRequestDetails {
            reference: "acme-wise-0001".into(),
        },
    };
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `invalid_token`: `unauthorized`
- `transfer.insufficient_funds`: `insufficient_funds`
- `balance.payment-option-unavailable`: `insufficient_funds`
- `NOT_VALID`: `invalid_request`
- `error.route.not.found`: `not_found`*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreateTransferRequest {
        /**The recipient account's id.

`targetAccount` · required · unified role `obtained.recipient`*/
        pub target_account: i64,
        /**The quote's id.

`quoteUuid` · required · unified role `obtained.quote`*/
        pub quote_uuid: String,
        ///`details` · required
        pub details: CreateTransferRequestDetails,
    }
    impl ToJson for CreateTransferRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put(&mut o, "targetAccount", &self.target_account);
            codegen::put(&mut o, "quoteUuid", &self.quote_uuid);
            codegen::put(&mut o, "details", &self.details);
            Json::Object(o)
        }
    }
    /**The body of a successful `create_transfer` response.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct CreateTransferResponseBody {
        /**The transfer's id.

`id`*/
        pub id: Option<i64>,
        ///`status`
        pub status: Option<String>,
        ///`reference`
        pub reference: Option<String>,
        ///`customerTransactionId`
        pub customer_transaction_id: Option<String>,
    }
    impl FromJson for CreateTransferResponseBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = CreateTransferResponseBody::default();
            for (name, value) in v.members()? {
                match name {
                    "id" => out.id = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "reference" => out.reference = codegen::read(value),
                    "customerTransactionId" => {
                        out.customer_transaction_id = codegen::read(value);
                    }
                    _ => {}
                }
            }
            Some(out)
        }
    }
    ///The values of `type`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum FundTransferRequestType {
        ///`BALANCE`
        Balance,
    }
    impl FundTransferRequestType {
        /// The value's name in the spec.
        pub fn as_str(&self) -> &'static str {
            match self {
                FundTransferRequestType::Balance => "BALANCE",
            }
        }
    }
    impl ToJson for FundTransferRequestType {
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
    impl FromJson for FundTransferRequestType {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let value = match v.scalar_str()? {
                "BALANCE" => FundTransferRequestType::Balance,
                _ => return None,
            };
            Some(value)
        }
    }
    /**Fund a transfer from the balance; the step that moves money.

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`FundTransferResponse`]. Sent once, never retried: an error with `may_exist` means the payout may exist at the gateway; query before sending it again.

# Example

```ignore
async fn fund_transfer(client: &wise::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = wise::FundTransferRequest {
        transfer_id: "…".into(),
        optional: Default::default(),
    };
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `invalid_token`: `unauthorized`
- `transfer.insufficient_funds`: `insufficient_funds`
- `balance.payment-option-unavailable`: `insufficient_funds`
- `NOT_VALID`: `invalid_request`
- `error.route.not.found`: `not_found`*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct FundTransferRequest {
        /**The transfer's id; a unified create makes it first.

`transferId` · required · unified role `obtained.transfer`*/
        pub transfer_id: String,
        /// The optional fields, each `None` unless set.
        pub optional: FundTransferRequestOptional,
    }
    ///The optional fields of [`FundTransferRequest`]; `Default::default()` sets none of them.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct FundTransferRequestOptional {
        ///`type` · always sent · default `BALANCE`
        pub type_: Option<FundTransferRequestType>,
    }
    impl FundTransferRequest {
        ///Sets `type`.
        pub fn type_(mut self, value: FundTransferRequestType) -> Self {
            self.optional.type_ = Some(value);
            self
        }
    }
    impl ToJson for FundTransferRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put(&mut o, "transferId", &self.transfer_id);
            codegen::put_opt(&mut o, "type", &self.optional.type_);
            Json::Object(o)
        }
    }
    /**The body of a successful `fund_transfer` response.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct FundTransferResponseBody {
        ///`type`
        pub type_: Option<String>,
        /**COMPLETED, or REJECTED with an errorCode.

`status`*/
        pub status: Option<String>,
        ///`errorCode`
        pub error_code: Option<String>,
    }
    impl FromJson for FundTransferResponseBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = FundTransferResponseBody::default();
            for (name, value) in v.members()? {
                match name {
                    "type" => out.type_ = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "errorCode" => out.error_code = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**Fetch a transfer by its id.

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`GetTransferResponse`]. Retried with backoff on transient failures, freshly signed each time.

# Example

```ignore
async fn get_transfer(client: &wise::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = wise::GetTransferRequest {
        transfer_id: "…".into(),
    };
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `invalid_token`: `unauthorized`
- `transfer.insufficient_funds`: `insufficient_funds`
- `balance.payment-option-unavailable`: `insufficient_funds`
- `NOT_VALID`: `invalid_request`
- `error.route.not.found`: `not_found`*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct GetTransferRequest {
        ///`transferId` · required · unified role `provider_ref`
        pub transfer_id: String,
    }
    impl ToJson for GetTransferRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put(&mut o, "transferId", &self.transfer_id);
            Json::Object(o)
        }
    }
    /**The body of a successful `get_transfer` response.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct GetTransferResponseBody {
        ///`id` · unified role `provider_ref`
        pub id: Option<i64>,
        ///`status` · unified role `status` · read as [`Status`]
        pub status: Option<Status>,
        ///`reference` · unified role `merchant_ref`
        pub reference: Option<String>,
        ///`targetValue` · unified role `amount` · an exact amount, written as the spec's money format says
        pub target_value: Option<Decimal>,
        ///`targetCurrency` · the spec's currency when left out · unified role `currency`
        pub target_currency: Option<String>,
        ///`created`
        pub created: Option<String>,
    }
    impl FromJson for GetTransferResponseBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = GetTransferResponseBody::default();
            for (name, value) in v.members()? {
                match name {
                    "id" => out.id = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "reference" => out.reference = codegen::read(value),
                    "targetValue" => out.target_value = codegen::read(value),
                    "targetCurrency" => out.target_currency = codegen::read(value),
                    "created" => out.created = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The `resource` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct TransferStateBodyDataResource {
        ///`type`
        pub type_: Option<String>,
        ///`id` · unified role `provider_ref`
        pub id: Option<i64>,
        ///`profile_id`
        pub profile_id: Option<i64>,
        ///`account_id`
        pub account_id: Option<i64>,
    }
    impl FromJson for TransferStateBodyDataResource {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = TransferStateBodyDataResource::default();
            for (name, value) in v.members()? {
                match name {
                    "type" => out.type_ = codegen::read(value),
                    "id" => out.id = codegen::read(value),
                    "profile_id" => out.profile_id = codegen::read(value),
                    "account_id" => out.account_id = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The `data` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct TransferStateBodyData {
        ///`resource`
        pub resource: Option<TransferStateBodyDataResource>,
        ///`current_state` · unified role `status` · read as [`Status`]
        pub current_state: Option<Status>,
        ///`previous_state`
        pub previous_state: Option<String>,
        ///`occurred_at`
        pub occurred_at: Option<String>,
    }
    impl FromJson for TransferStateBodyData {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = TransferStateBodyData::default();
            for (name, value) in v.members()? {
                match name {
                    "resource" => out.resource = codegen::read(value),
                    "current_state" => out.current_state = codegen::read(value),
                    "previous_state" => out.previous_state = codegen::read(value),
                    "occurred_at" => out.occurred_at = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The body of the `transfer_state` webhook.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct TransferStateBody {
        ///`data`
        pub data: Option<TransferStateBodyData>,
        ///`subscription_id`
        pub subscription_id: Option<String>,
        ///`event_type` · unified role `event`
        pub event_type: Option<String>,
        ///`schema_version`
        pub schema_version: Option<String>,
        ///`sent_at`
        pub sent_at: Option<String>,
    }
    impl FromJson for TransferStateBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = TransferStateBody::default();
            for (name, value) in v.members()? {
                match name {
                    "data" => out.data = codegen::read(value),
                    "subscription_id" => out.subscription_id = codegen::read(value),
                    "event_type" => out.event_type = codegen::read(value),
                    "schema_version" => out.schema_version = codegen::read(value),
                    "sent_at" => out.sent_at = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**What a successful `create_quote` returns: the typed body, the gateway's status typed, and the unified view.

The typed body is a reading of the raw JSON, which stays available as `result.response` and is the source of truth: a field the spec does not list, or a value that is not of its declared type, is `None` in the body but still there.*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct CreateQuoteResponse {
        /// The body's fields, typed; the raw JSON is `result.response`.
        pub body: CreateQuoteResponseBody,
        /// The gateway's status, typed (`None` when the response carries none).
        pub status: Option<Status>,
        /// The unified view: status, references, amounts, and the raw JSON.
        pub result: PayoutResult,
    }
    impl ::payout::runtime::Operation for CreateQuoteRequest {
        type Gateway = Gateway;
        type Response = CreateQuoteResponse;
        const NAME: &'static str = "create_quote";
        fn response(result: PayoutResult, body: &JsonRef<'_>) -> CreateQuoteResponse {
            CreateQuoteResponse {
                body: CreateQuoteResponseBody::from_json(body).unwrap_or_default(),
                status: result.provider_status.as_deref().map(Status::from_provider),
                result,
            }
        }
        fn write_input<'a>(&'a self, input: &mut codegen::InputWriter<'a>) {
            input.reserve(4);
            input.text_opt(1, "sourceCurrency", &self.optional.source_currency);
            input.text_opt(2, "targetCurrency", &self.optional.target_currency);
            input.put(3, "targetAmount", &self.target_amount);
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
            input.reserve(5);
            input.text_opt(0, "currency", &self.optional.currency);
            input.text_opt(1, "type", &self.optional.type_);
            input.text(3, "accountHolderName", &self.account_holder_name);
            input.put(4, "details", &self.details);
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
            input.reserve(4);
            input.put(0, "targetAccount", &self.target_account);
            input.text(1, "quoteUuid", &self.quote_uuid);
            input.put(3, "details", &self.details);
        }
    }
    /**What a successful `fund_transfer` returns: the typed body, the gateway's status typed, and the unified view.

The typed body is a reading of the raw JSON, which stays available as `result.response` and is the source of truth: a field the spec does not list, or a value that is not of its declared type, is `None` in the body but still there.*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct FundTransferResponse {
        /// The body's fields, typed; the raw JSON is `result.response`.
        pub body: FundTransferResponseBody,
        /// The gateway's status, typed (`None` when the response carries none).
        pub status: Option<Status>,
        /// The unified view: status, references, amounts, and the raw JSON.
        pub result: PayoutResult,
    }
    impl ::payout::runtime::Operation for FundTransferRequest {
        type Gateway = Gateway;
        type Response = FundTransferResponse;
        const NAME: &'static str = "fund_transfer";
        fn response(result: PayoutResult, body: &JsonRef<'_>) -> FundTransferResponse {
            FundTransferResponse {
                body: FundTransferResponseBody::from_json(body).unwrap_or_default(),
                status: result.provider_status.as_deref().map(Status::from_provider),
                result,
            }
        }
        fn write_input<'a>(&'a self, input: &mut codegen::InputWriter<'a>) {
            input.reserve(3);
            input.text(1, "transferId", &self.transfer_id);
            input.put_opt(2, "type", &self.optional.type_);
        }
    }
    /**What a successful `get_transfer` returns: the typed body, the gateway's status typed, and the unified view.

The typed body is a reading of the raw JSON, which stays available as `result.response` and is the source of truth: a field the spec does not list, or a value that is not of its declared type, is `None` in the body but still there.*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct GetTransferResponse {
        /// The body's fields, typed; the raw JSON is `result.response`.
        pub body: GetTransferResponseBody,
        /// The gateway's status, typed (`None` when the response carries none).
        pub status: Option<Status>,
        /// The unified view: status, references, amounts, and the raw JSON.
        pub result: PayoutResult,
    }
    impl ::payout::runtime::Operation for GetTransferRequest {
        type Gateway = Gateway;
        type Response = GetTransferResponse;
        const NAME: &'static str = "get_transfer";
        fn response(result: PayoutResult, body: &JsonRef<'_>) -> GetTransferResponse {
            GetTransferResponse {
                body: GetTransferResponseBody::from_json(body).unwrap_or_default(),
                status: result.provider_status.as_deref().map(Status::from_provider),
                result,
            }
        }
        fn write_input<'a>(&'a self, input: &mut codegen::InputWriter<'a>) {
            input.reserve(1);
            input.text(0, "transferId", &self.transfer_id);
        }
    }
    /// The gateway's payout statuses. A value the spec does not know is kept as
    /// [`Status::Other`] and is never final.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum Status {
        /**Waiting to be funded.

`incoming_payment_waiting` → pending*/
        IncomingPaymentWaiting,
        /**Funding started.

`incoming_payment_initiated` → pending*/
        IncomingPaymentInitiated,
        /**Being processed.

`processing` → processing*/
        Processing,
        /**Money converted; on its way out.

`funds_converted` → processing*/
        FundsConverted,
        /**Paid out: the final state of a successful transfer.

`outgoing_payment_sent` → succeeded*/
        OutgoingPaymentSent,
        /**Cancelled (by you, or by Wise after 14 days unfunded).

`cancelled` → cancelled*/
        Cancelled,
        /**The money was refunded to the balance.

`funds_refunded` → failed*/
        FundsRefunded,
        /**Sent, then returned by the recipient's bank.

`bounced_back` → reversed*/
        BouncedBack,
        /**The funding was charged back.

`charged_back` → reversed*/
        ChargedBack,
        /// A value the spec does not map.
        Other(String),
    }
    impl Status {
        /// The typed status of a provider value.
        pub fn from_provider(value: &str) -> Self {
            match value {
                "incoming_payment_waiting" => Status::IncomingPaymentWaiting,
                "incoming_payment_initiated" => Status::IncomingPaymentInitiated,
                "processing" => Status::Processing,
                "funds_converted" => Status::FundsConverted,
                "outgoing_payment_sent" => Status::OutgoingPaymentSent,
                "cancelled" => Status::Cancelled,
                "funds_refunded" => Status::FundsRefunded,
                "bounced_back" => Status::BouncedBack,
                "charged_back" => Status::ChargedBack,
                other => Status::Other(other.to_string()),
            }
        }
        /// The provider value.
        pub fn as_str(&self) -> &str {
            match self {
                Status::IncomingPaymentWaiting => "incoming_payment_waiting",
                Status::IncomingPaymentInitiated => "incoming_payment_initiated",
                Status::Processing => "processing",
                Status::FundsConverted => "funds_converted",
                Status::OutgoingPaymentSent => "outgoing_payment_sent",
                Status::Cancelled => "cancelled",
                Status::FundsRefunded => "funds_refunded",
                Status::BouncedBack => "bounced_back",
                Status::ChargedBack => "charged_back",
                Status::Other(s) => s,
            }
        }
        /// The unified status, given the reason the gateway sent with it; `None` for
        /// [`Status::Other`].
        pub fn unified(&self, reason: Option<&str>) -> Option<PayoutStatus> {
            match self {
                Status::IncomingPaymentWaiting => Some(PayoutStatus::Pending),
                Status::IncomingPaymentInitiated => Some(PayoutStatus::Pending),
                Status::Processing => Some(PayoutStatus::Processing),
                Status::FundsConverted => Some(PayoutStatus::Processing),
                Status::OutgoingPaymentSent => Some(PayoutStatus::Succeeded),
                Status::Cancelled => Some(PayoutStatus::Cancelled),
                Status::FundsRefunded => Some(PayoutStatus::Failed),
                Status::BouncedBack => Some(PayoutStatus::Reversed),
                Status::ChargedBack => Some(PayoutStatus::Reversed),
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
        ///`transfers#state-change`, POSTed to the subscription's URL, signed in `X-Signature-SHA256` with Wise's key. It names the transfer and its new state only.
        TransferState(TransferStateEvent),
    }
    ///A verified `transfer_state` webhook: its body typed, the gateway's status typed, and the unified event.
    pub type TransferStateEvent = ::payout::runtime::TypedEvent<
        TransferStateBody,
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
                "transfer_state" => {
                    Ok(
                        Webhook::TransferState(
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
    pub const PROVIDER_ID: &str = "wise";
    const SPEC_JSON: &str = "{\"spec_version\":1,\"provider\":{\"id\":\"wise\",\"name\":\"Wise (transfers)\",\"description\":\"Wise's Platform API for business payouts. A payout is four calls: a quote locks the rate (`POST /v3/profiles/{profileId}/quotes`), a recipient account says where the money goes (`POST /v1/accounts`), a transfer joins the two (`POST /v1/transfers`, idempotent by `customerTransactionId`), and a payment funds it from the balance (`POST /v3/profiles/{profileId}/transfers/{transferId}/payments`). Requests carry an API token as a Bearer token; webhooks are signed with Wise's RSA key (SHA256withRSA over the raw body).\",\"docs\":\"https://docs.wise.com/api-docs/api-reference/transfer\",\"country\":\"GB\"},\"environments\":{\"sandbox\":{\"base_url\":\"https://api.sandbox.transferwise.tech\"},\"production\":{\"base_url\":\"https://api.wise.com\"}},\"credentials\":{\"api_token\":{\"description\":\"Personal or platform API token; sent as the Bearer token.\",\"secret\":true,\"type\":\"text\"},\"profile_id\":{\"description\":\"The business profile the money is sent from (the `{profileId}` of the paths).\",\"type\":\"text\"},\"merchant_private_key\":{\"description\":\"Your RSA private key, whose public half is uploaded to Wise: it signs the one-time token of strong customer authentication.\",\"secret\":true,\"type\":\"rsa_private_key\"},\"wise_public_key\":{\"description\":\"Wise's public key (from its docs), which verifies `X-Signature-SHA256` on webhooks.\",\"type\":\"rsa_public_key\"}},\"money\":{\"currency\":\"GBP\",\"amount\":{\"encoding\":\"number\",\"unit\":\"major\",\"decimals\":2,\"min\":\"1\"}},\"signing\":{\"bearer\":{\"description\":\"The API token, sent as an HTTP Bearer token: Wise authenticates every request by it, so the recipe sends the secret on purpose (TLS is its only protection).\",\"compare\":\"exact\",\"reveals_secret\":true,\"steps\":[{\"template\":\"{{ credentials.api_token }}\"}]},\"sca_signature\":{\"description\":\"The answer to a strong customer authentication challenge: SHA256withRSA of the one-time token with your private key, Base64 (`X-Signature`).\",\"compare\":\"exact\",\"steps\":[{\"template\":\"{{ challenge }}\"},{\"rsa_sign\":{\"hash\":\"sha256\",\"key\":\"merchant_private_key\"}},{\"encode\":\"base64\"}]},\"webhook_rsa\":{\"description\":\"SHA256withRSA over the exact webhook body, Base64 (`X-Signature-SHA256`), checked with Wise's public key.\",\"compare\":\"exact\",\"steps\":[{\"input\":\"body_bytes\"},{\"rsa_sign\":{\"hash\":\"sha256\",\"key\":\"merchant_private_key\",\"verify_key\":\"wise_public_key\"}},{\"encode\":\"base64\"}]}},\"error_codes\":{\"invalid_token\":\"unauthorized\",\"transfer.insufficient_funds\":\"insufficient_funds\",\"balance.payment-option-unavailable\":\"insufficient_funds\",\"NOT_VALID\":\"invalid_request\",\"error.route.not.found\":\"not_found\"},\"http_statuses\":[400,401,403,404,409,422],\"operations\":{\"create_quote\":{\"role\":\"other\",\"description\":\"Lock the rate and fees for an amount (valid 30 minutes, one transfer).\",\"method\":\"POST\",\"path\":\"/v3/profiles/{profileId}/quotes\",\"params\":{\"profileId\":{\"type\":\"string\",\"required\":true,\"value\":\"{{ credentials.profile_id }}\"}},\"headers\":{\"Authorization\":\"Bearer {{ signatures.bearer }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"sourceCurrency\":{\"type\":\"string\",\"description\":\"The balance currency the money leaves.\",\"required\":true,\"role\":\"currency\"},\"targetCurrency\":{\"type\":\"string\",\"description\":\"The currency the recipient receives.\",\"required\":true,\"role\":\"currency\"},\"targetAmount\":{\"type\":\"amount\",\"description\":\"What the recipient receives, in major units.\",\"required\":true,\"role\":\"amount\"}}},\"response\":{\"success\":\"id is defined\",\"error\":{\"code\":\"errors.0.code|error\",\"message\":\"errors.0.message|error_description\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"id\":{\"type\":\"string\",\"description\":\"The quote's id (a UUID).\"},\"sourceCurrency\":{\"type\":\"string\"},\"targetCurrency\":{\"type\":\"string\"},\"targetAmount\":{\"type\":\"amount\"},\"rate\":{\"type\":\"decimal\",\"example\":1},\"expirationTime\":{\"type\":\"string\",\"example\":\"2024-05-01T13:04:56Z\"}}}}},\"create_recipient\":{\"role\":\"other\",\"description\":\"Create a recipient account (a UK sort code account by default).\",\"method\":\"POST\",\"path\":\"/v1/accounts\",\"headers\":{\"Authorization\":\"Bearer {{ signatures.bearer }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"currency\":{\"type\":\"string\",\"required\":true,\"role\":\"currency\"},\"type\":{\"type\":\"string\",\"description\":\"Account type.\",\"required\":true,\"default\":\"sort_code\"},\"profile\":{\"type\":\"string\",\"description\":\"The profile that owns the recipient.\",\"required\":true,\"value\":\"{{ credentials.profile_id }}\"},\"accountHolderName\":{\"type\":\"string\",\"required\":true,\"role\":\"beneficiary.name\",\"min_len\":1,\"max_len\":140,\"example\":\"Ann Johnson\"},\"details\":{\"type\":\"object\",\"required\":true,\"fields\":{\"legalType\":{\"type\":\"string\",\"required\":true,\"enum\":[\"PRIVATE\",\"BUSINESS\"],\"default\":\"PRIVATE\"},\"sortCode\":{\"type\":\"string\",\"required\":true,\"role\":\"beneficiary.bank_code\",\"pattern\":\"[0-9]{6}\",\"example\":\"040075\"},\"accountNumber\":{\"type\":\"string\",\"required\":true,\"role\":\"beneficiary.account_number\",\"pattern\":\"[0-9]{8}\",\"example\":\"37778842\"}}}}},\"response\":{\"success\":\"id is defined\",\"error\":{\"code\":\"errors.0.code|error\",\"message\":\"errors.0.message|error_description\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"id\":{\"type\":\"int\",\"description\":\"The recipient account's id.\"},\"currency\":{\"type\":\"string\"},\"accountHolderName\":{\"type\":\"string\"}}}}},\"create_transfer\":{\"role\":\"other\",\"description\":\"Create a transfer from a quote to a recipient account; it waits to be funded.\",\"method\":\"POST\",\"path\":\"/v1/transfers\",\"headers\":{\"Authorization\":\"Bearer {{ signatures.bearer }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"targetAccount\":{\"type\":\"int\",\"description\":\"The recipient account's id.\",\"required\":true,\"role\":\"obtained.recipient\"},\"quoteUuid\":{\"type\":\"string\",\"description\":\"The quote's id.\",\"required\":true,\"role\":\"obtained.quote\"},\"customerTransactionId\":{\"type\":\"string\",\"description\":\"The idempotency key, derived from the reference.\",\"value\":\"{{ body.details.reference | uuid5('6ba7b811-9dad-11d1-80b4-00c04fd430c8') }}\"},\"details\":{\"type\":\"object\",\"required\":true,\"fields\":{\"reference\":{\"type\":\"string\",\"required\":true,\"role\":\"merchant_ref\",\"min_len\":1,\"max_len\":35,\"example\":\"acme-wise-0001\"}}}}},\"response\":{\"success\":\"id is defined\",\"error\":{\"code\":\"errors.0.code|error\",\"message\":\"errors.0.message|error_description\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"id\":{\"type\":\"int\",\"description\":\"The transfer's id.\"},\"status\":{\"type\":\"string\",\"example\":\"incoming_payment_waiting\"},\"reference\":{\"type\":\"string\"},\"customerTransactionId\":{\"type\":\"string\"}}}}},\"fund_transfer\":{\"role\":\"create\",\"description\":\"Fund a transfer from the balance; the step that moves money.\",\"method\":\"POST\",\"path\":\"/v3/profiles/{profileId}/transfers/{transferId}/payments\",\"params\":{\"profileId\":{\"type\":\"string\",\"required\":true,\"value\":\"{{ credentials.profile_id }}\"},\"transferId\":{\"type\":\"string\",\"description\":\"The transfer's id; a unified create makes it first.\",\"required\":true,\"role\":\"obtained.transfer\"}},\"headers\":{\"Authorization\":\"Bearer {{ signatures.bearer }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"type\":{\"type\":\"string\",\"required\":true,\"enum\":[\"BALANCE\"],\"default\":\"BALANCE\"}}},\"response\":{\"success\":\"status == \\\"COMPLETED\\\"\",\"error\":{\"code\":\"errorCode|errors.0.code|error\",\"message\":\"errors.0.message|error_description|errorCode\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"type\":{\"type\":\"string\",\"example\":\"BALANCE\"},\"status\":{\"type\":\"string\",\"description\":\"COMPLETED, or REJECTED with an errorCode.\",\"example\":\"COMPLETED\"},\"errorCode\":{\"type\":\"string\",\"nullable\":true}}}},\"challenge\":{\"description\":\"Wise's one-time token (SCA): signed with your private key and sent back.\",\"status\":403,\"header\":\"x-2fa-approval\",\"headers\":{\"x-2fa-approval\":\"{{ challenge }}\",\"X-Signature\":\"{{ signatures.sca_signature }}\"}}},\"get_transfer\":{\"role\":\"query\",\"description\":\"Fetch a transfer by its id.\",\"method\":\"GET\",\"path\":\"/v1/transfers/{transferId}\",\"params\":{\"transferId\":{\"type\":\"string\",\"required\":true,\"role\":\"provider_ref\"}},\"headers\":{\"Authorization\":\"Bearer {{ signatures.bearer }}\"},\"response\":{\"success\":\"id is defined\",\"error\":{\"code\":\"errors.0.code|error\",\"message\":\"errors.0.message|error_description\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"id\":{\"type\":\"int\",\"role\":\"provider_ref\"},\"status\":{\"type\":\"string\",\"role\":\"status\"},\"reference\":{\"type\":\"string\",\"role\":\"merchant_ref\"},\"targetValue\":{\"type\":\"amount\",\"role\":\"amount\"},\"targetCurrency\":{\"type\":\"string\",\"role\":\"currency\"},\"created\":{\"type\":\"string\",\"example\":\"2024-05-01 12:34:56\"}}}}}},\"obtain\":{\"quote\":{\"description\":\"The quote: Wise's docs call its id \\\"a one-time token, which can only be used for a single transaction\\\", so one is made for every payout and never cached.\",\"operation\":\"create_quote\",\"value\":\"id\",\"single_use\":true},\"recipient\":{\"description\":\"The recipient account for the beneficiary's bank account, made once per account and reused.\",\"operation\":\"create_recipient\",\"value\":\"id\",\"key\":\"{{ body.currency }}:{{ body.details.sortCode }}:{{ body.details.accountNumber }}\"},\"transfer\":{\"description\":\"The transfer, Wise's id of the payout: made once per merchant reference (Wise itself answers a repeated `customerTransactionId` with the same transfer), then funded.\",\"operation\":\"create_transfer\",\"value\":\"id\",\"key\":\"{{ body.customerTransactionId }}\",\"role\":\"provider_ref\"}},\"statuses\":{\"incoming_payment_waiting\":{\"unified\":\"pending\",\"description\":\"Waiting to be funded.\"},\"incoming_payment_initiated\":{\"unified\":\"pending\",\"description\":\"Funding started.\"},\"processing\":{\"unified\":\"processing\",\"description\":\"Being processed.\"},\"funds_converted\":{\"unified\":\"processing\",\"description\":\"Money converted; on its way out.\"},\"outgoing_payment_sent\":{\"unified\":\"succeeded\",\"description\":\"Paid out: the final state of a successful transfer.\"},\"cancelled\":{\"unified\":\"cancelled\",\"description\":\"Cancelled (by you, or by Wise after 14 days unfunded).\"},\"funds_refunded\":{\"unified\":\"failed\",\"description\":\"The money was refunded to the balance.\"},\"bounced_back\":{\"unified\":\"reversed\",\"description\":\"Sent, then returned by the recipient's bank.\"},\"charged_back\":{\"unified\":\"reversed\",\"description\":\"The funding was charged back.\"}},\"webhooks\":{\"transfer_state\":{\"description\":\"`transfers#state-change`, POSTed to the subscription's URL, signed in `X-Signature-SHA256` with Wise's key. It names the transfer and its new state only.\",\"method\":\"POST\",\"headers\":{\"X-Signature-SHA256\":\"{{ signatures.webhook_rsa }}\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"data\":{\"type\":\"object\",\"fields\":{\"resource\":{\"type\":\"object\",\"fields\":{\"type\":{\"type\":\"string\",\"example\":\"transfer\"},\"id\":{\"type\":\"int\",\"role\":\"provider_ref\"},\"profile_id\":{\"type\":\"int\",\"example\":4444},\"account_id\":{\"type\":\"int\",\"example\":5555}}},\"current_state\":{\"type\":\"string\",\"role\":\"status\"},\"previous_state\":{\"type\":\"string\",\"example\":\"processing\"},\"occurred_at\":{\"type\":\"string\",\"example\":\"2024-05-01T12:34:56Z\"}}},\"subscription_id\":{\"type\":\"string\",\"example\":\"01234567-89ab-cdef-0123-456789abcdef\"},\"event_type\":{\"type\":\"string\",\"role\":\"event\"},\"schema_version\":{\"type\":\"string\",\"example\":\"2.0.0\"},\"sent_at\":{\"type\":\"string\",\"example\":\"2024-05-01T12:34:56Z\"}}},\"ack\":{\"status\":200,\"body\":\"\"},\"retry\":{\"after_minutes\":[1,5,15,60,240],\"accepted_statuses\":[200]}}},\"sandbox\":{\"success_path\":[\"processing\",\"funds_converted\",\"outgoing_payment_sent\"],\"failure_path\":[\"processing\",\"funds_refunded\"],\"reversal\":{\"status\":\"bounced_back\"},\"events\":{\"outgoing_payment_sent\":\"transfers#state-change\",\"funds_refunded\":\"transfers#state-change\",\"bounced_back\":\"transfers#state-change\",\"processing\":\"transfers#state-change\",\"funds_converted\":\"transfers#state-change\"},\"errors\":{\"unauthorized\":{\"http_status\":401,\"body\":{\"error\":\"invalid_token\",\"error_description\":\"{{ message }}\"}},\"duplicate\":{\"http_status\":409,\"body\":{\"errors\":[{\"code\":\"DUPLICATE\",\"message\":\"{{ message }}\"}]}},\"not_found\":{\"http_status\":404,\"body\":{\"errors\":[{\"code\":\"error.route.not.found\",\"message\":\"{{ message }}\"}]}},\"invalid_request\":{\"http_status\":422,\"body\":{\"errors\":[{\"code\":\"NOT_VALID\",\"message\":\"{{ message }}\"}]}},\"server_error\":{\"http_status\":500,\"body\":{\"errors\":[{\"code\":\"error.system\",\"message\":\"An error occurred\"}]}}}}}";
}

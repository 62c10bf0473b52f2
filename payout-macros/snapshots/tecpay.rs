/**Tecpay (India) — generated from `tecpay.yaml` by `payout::provider!`.

Indian payout gateway of the PayAtom family (UPI / IMPS, INR). Only the status query is documented. Requests and responses carry a `post_hash`: an MD5 of some of their values and the secret key, AES-256-CBC encrypted with a key derived from the secret key, a random IV and an HMAC-SHA256, Base64.

Gateway documentation: <https://github.com/tecpay555/tecpay>

Money: INR, amounts as exact decimals. A [`Client`] sends each operation's typed request with [`send`](::payout::runtime::TypedClient::send), and serves the unified interface, [`PayoutProvider`](::payout::runtime::PayoutProvider).*/
pub mod tecpay {
    use ::payout::runtime::codegen::{self, FromJson, ToJson};
    use ::payout::runtime::{
        CompiledSpec, Decimal, IndexMap, Json, JsonRef, PayoutError, PayoutResult,
        PayoutStatus, Secret, WebhookEvent,
    };
    use ::std::sync::{Arc, OnceLock};
    const _: &[u8] = ::core::include_bytes!("$CARGO_MANIFEST_DIR/specs/tecpay.yaml");
    /// The gateway, as [`TypedClient`](::payout::runtime::TypedClient) names it: a type,
    /// never a value.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Gateway {}
    ///A client of the gateway. [`send`](::payout::runtime::TypedClient::send) takes a typed request ([`QueryPayoutRequest`]) and returns its typed response; [`webhook`](::payout::runtime::TypedClient::webhook) verifies and reads a [`Webhook`]; the unified interface is [`PayoutProvider`](::payout::runtime::PayoutProvider). Cheap to clone.
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
        ///Partner (merchant) id, sent as `pid` in the body and mixed into `post_hash`.
        pub pid: String,
        ///Secret key; only ever used inside `post_hash` (MD5 input and AES key).
        pub secret_key: Secret,
    }
    impl Credentials {
        /// From values by the spec's credential names (a configuration file, the
        /// environment). Every missing one is reported.
        pub fn from_map(values: &IndexMap<String, String>) -> Result<Self, PayoutError> {
            let [pid, secret_key] = codegen::credentials(values, ["pid", "secret_key"])?;
            Ok(Credentials {
                pid,
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
                ("pid".to_string(), self.pid.clone()),
                ("secret_key".to_string(), self.secret_key.expose().to_string()),
            ])
        }
    }
    /// The gateway's deployments.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Environment {
        /**Placeholder; use the base URL Tecpay gives the merchant.

`https://gateway.tecpay.invalid`*/
        Production,
    }
    impl Environment {
        /// The environment's base URL.
        pub fn base_url(&self) -> &'static str {
            match self {
                Environment::Production => "https://gateway.tecpay.invalid",
            }
        }
    }
    impl ::payout::runtime::GatewayEnvironment for Environment {
        fn base_url(&self) -> &'static str {
            Environment::base_url(self)
        }
    }
    /**Get a payout's status by order id (Payout Status check API). Tecpay documents no create call for this family's payouts.

Sent with [`Client::send`](::payout::runtime::TypedClient::send), which returns a [`QueryPayoutResponse`]. Retried with backoff on transient failures, freshly signed each time.

# Example

```ignore
async fn query_payout(client: &tecpay::Client) -> Result<(), Box<dyn std::error::Error>> {
    let request = tecpay::QueryPayoutRequest {
        order_id: "ORD-54321-ABC".into(),
    };
    let response = client.send(&request).await?;
    println!("{:?}", response.result.status);
    Ok(())
}
```

# Errors

A [`PayoutError`](::payout::runtime::PayoutError) whose `kind` says what happened: refused before sending (`validation`), not answered, or answered with an error. The gateway's error codes, as the spec reads them:

- `no valid data format recieved`: `invalid_request`
- `Invalid PID`: `unauthorized`
- `Invalid Hash`: `unauthorized`
- `order id does not exist`: `not_found`
- `Internal Server Error`: `ambiguous` (`may_exist`: query before sending again)*/
    #[derive(Debug, Clone, PartialEq)]
    pub struct QueryPayoutRequest {
        /**The unique order ID of the payout to query.

`order_id` · required · at least 1 characters · unified role `merchant_ref`*/
        pub order_id: String,
    }
    impl ToJson for QueryPayoutRequest {
        fn to_json(&self) -> Json {
            let mut o = codegen::object();
            codegen::put(&mut o, "order_id", &self.order_id);
            Json::Object(o)
        }
    }
    /**The `Item` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct QueryPayoutResponseBodyTransactionInfoItem {
        ///`date`
        pub date: Option<String>,
        ///`status`
        pub status: Option<String>,
        ///`ref_number`
        pub ref_number: Option<String>,
        ///`message`
        pub message: Option<String>,
    }
    impl FromJson for QueryPayoutResponseBodyTransactionInfoItem {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = QueryPayoutResponseBodyTransactionInfoItem::default();
            for (name, value) in v.members()? {
                match name {
                    "date" => out.date = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "ref_number" => out.ref_number = codegen::read(value),
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
        /**Error message; present only on errors.

`error`*/
        pub error: Option<String>,
        /**The amount originally requested.

`requested_amount` · an exact amount, written as the spec's money format says*/
        pub requested_amount: Option<Decimal>,
        /**The final amount processed (signed in `post_hash` as printed).

`processed_amount` · unified role `amount` · an exact amount, written as the spec's money format says*/
        pub processed_amount: Option<Decimal>,
        /**The order ID.

`order_id` · unified role `merchant_ref`*/
        pub order_id: Option<String>,
        /**SUCCESS, PENDING, FAILED (family: Approved, Declined, Pending, User Timed Out, Cancelled).

`status` · unified role `status` · read as [`Status`]*/
        pub status: Option<Status>,
        /**Time of the last action (`H:i:s`).

`time`*/
        pub time: Option<String>,
        /**An internal reference code or hash value; not covered by `post_hash`.

`ref_code`*/
        pub ref_code: Option<String>,
        /**Response hash (recipe `response_hash`), verified by decrypting.

`post_hash`*/
        pub post_hash: Option<String>,
        /**When the payout was initiated (India time).

`request_time` · unified role `created_at`*/
        pub request_time: Option<String>,
        /**When the status was last updated (India time).

`action_time`*/
        pub action_time: Option<String>,
        /**UPI or IMPS.

`payment_type`*/
        pub payment_type: Option<String>,
        /**The UPI VPA, if applicable.

`upi_vpa`*/
        pub upi_vpa: Option<String>,
        /**The beneficiary account number, if applicable.

`account_no`*/
        pub account_no: Option<String>,
        /**The beneficiary name, if applicable.

`account_holder`*/
        pub account_holder: Option<String>,
        /**The IFSC of the beneficiary bank, if applicable.

`ifsc`*/
        pub ifsc: Option<String>,
        ///`bank_name`
        pub bank_name: Option<String>,
        ///`bank_address`
        pub bank_address: Option<String>,
        /**The status changes of the payout, oldest first.

`transaction_info`*/
        pub transaction_info: Option<Vec<QueryPayoutResponseBodyTransactionInfoItem>>,
        /**The UTR or bank reference number.

`bank_reference` · unified role `utr`*/
        pub bank_reference: Option<String>,
    }
    impl FromJson for QueryPayoutResponseBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = QueryPayoutResponseBody::default();
            for (name, value) in v.members()? {
                match name {
                    "error" => out.error = codegen::read(value),
                    "requested_amount" => out.requested_amount = codegen::read(value),
                    "processed_amount" => out.processed_amount = codegen::read(value),
                    "order_id" => out.order_id = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "time" => out.time = codegen::read(value),
                    "ref_code" => out.ref_code = codegen::read(value),
                    "post_hash" => out.post_hash = codegen::read(value),
                    "request_time" => out.request_time = codegen::read(value),
                    "action_time" => out.action_time = codegen::read(value),
                    "payment_type" => out.payment_type = codegen::read(value),
                    "upi_vpa" => out.upi_vpa = codegen::read(value),
                    "account_no" => out.account_no = codegen::read(value),
                    "account_holder" => out.account_holder = codegen::read(value),
                    "ifsc" => out.ifsc = codegen::read(value),
                    "bank_name" => out.bank_name = codegen::read(value),
                    "bank_address" => out.bank_address = codegen::read(value),
                    "transaction_info" => out.transaction_info = codegen::read(value),
                    "bank_reference" => out.bank_reference = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The `Item` object.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct PayoutStatusBodyTransactionInfoItem {
        ///`date`
        pub date: Option<String>,
        ///`status`
        pub status: Option<String>,
        ///`ref_number`
        pub ref_number: Option<String>,
        ///`message`
        pub message: Option<String>,
    }
    impl FromJson for PayoutStatusBodyTransactionInfoItem {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = PayoutStatusBodyTransactionInfoItem::default();
            for (name, value) in v.members()? {
                match name {
                    "date" => out.date = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "ref_number" => out.ref_number = codegen::read(value),
                    "message" => out.message = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
        }
    }
    /**The body of the `payout_status` webhook.

Read leniently: a field that is missing, `null` or not of its type is `None`. The raw JSON (`result.response` of a response, `event.body` of a webhook) is the source of truth for anything not read here.*/
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct PayoutStatusBody {
        ///`requested_amount` · an exact amount, written as the spec's money format says
        pub requested_amount: Option<Decimal>,
        ///`processed_amount` · unified role `amount` · an exact amount, written as the spec's money format says
        pub processed_amount: Option<Decimal>,
        ///`order_id` · unified role `merchant_ref`
        pub order_id: Option<String>,
        ///`status` · unified role `status` · read as [`Status`]
        pub status: Option<Status>,
        ///`time`
        pub time: Option<String>,
        /**Not covered by `post_hash`.

`ref_code`*/
        pub ref_code: Option<String>,
        ///`post_hash`
        pub post_hash: Option<String>,
        ///`request_time` · unified role `created_at`
        pub request_time: Option<String>,
        ///`action_time`
        pub action_time: Option<String>,
        ///`payment_type`
        pub payment_type: Option<String>,
        ///`upi_vpa`
        pub upi_vpa: Option<String>,
        ///`account_no`
        pub account_no: Option<String>,
        ///`account_holder`
        pub account_holder: Option<String>,
        ///`ifsc`
        pub ifsc: Option<String>,
        ///`bank_name`
        pub bank_name: Option<String>,
        ///`bank_address`
        pub bank_address: Option<String>,
        ///`transaction_info`
        pub transaction_info: Option<Vec<PayoutStatusBodyTransactionInfoItem>>,
        ///`bank_reference` · unified role `utr`
        pub bank_reference: Option<String>,
    }
    impl FromJson for PayoutStatusBody {
        fn from_json(v: &JsonRef<'_>) -> Option<Self> {
            let mut out = PayoutStatusBody::default();
            for (name, value) in v.members()? {
                match name {
                    "requested_amount" => out.requested_amount = codegen::read(value),
                    "processed_amount" => out.processed_amount = codegen::read(value),
                    "order_id" => out.order_id = codegen::read(value),
                    "status" => out.status = codegen::read(value),
                    "time" => out.time = codegen::read(value),
                    "ref_code" => out.ref_code = codegen::read(value),
                    "post_hash" => out.post_hash = codegen::read(value),
                    "request_time" => out.request_time = codegen::read(value),
                    "action_time" => out.action_time = codegen::read(value),
                    "payment_type" => out.payment_type = codegen::read(value),
                    "upi_vpa" => out.upi_vpa = codegen::read(value),
                    "account_no" => out.account_no = codegen::read(value),
                    "account_holder" => out.account_holder = codegen::read(value),
                    "ifsc" => out.ifsc = codegen::read(value),
                    "bank_name" => out.bank_name = codegen::read(value),
                    "bank_address" => out.bank_address = codegen::read(value),
                    "transaction_info" => out.transaction_info = codegen::read(value),
                    "bank_reference" => out.bank_reference = codegen::read(value),
                    _ => {}
                }
            }
            Some(out)
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
            input.text(1, "order_id", &self.order_id);
        }
    }
    /// The gateway's payout statuses. A value the spec does not know is kept as
    /// [`Status::Other`] and is never final.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum Status {
        /**Paid.

`SUCCESS` → succeeded*/
        Success,
        /**Being processed.

`PENDING` → processing*/
        Pending,
        /**Failed; no money moved.

`FAILED` → failed*/
        Failed,
        /**Approved by the gateway (family value).

`Approved` → succeeded*/
        Approved,
        /**Declined by the gateway (family value).

`Declined` → failed*/
        Declined,
        /**Still in progress (family value).

`Pending` → processing*/
        Pending_,
        /**Not completed within the session period (family value).

`User Timed Out` → failed*/
        UserTimedOut,
        /**Cancelled (family value).

`Cancelled` → cancelled*/
        Cancelled,
        /// A value the spec does not map.
        Other(String),
    }
    impl Status {
        /// The typed status of a provider value.
        pub fn from_provider(value: &str) -> Self {
            match value {
                "SUCCESS" => Status::Success,
                "PENDING" => Status::Pending,
                "FAILED" => Status::Failed,
                "Approved" => Status::Approved,
                "Declined" => Status::Declined,
                "Pending" => Status::Pending_,
                "User Timed Out" => Status::UserTimedOut,
                "Cancelled" => Status::Cancelled,
                other => Status::Other(other.to_string()),
            }
        }
        /// The provider value.
        pub fn as_str(&self) -> &str {
            match self {
                Status::Success => "SUCCESS",
                Status::Pending => "PENDING",
                Status::Failed => "FAILED",
                Status::Approved => "Approved",
                Status::Declined => "Declined",
                Status::Pending_ => "Pending",
                Status::UserTimedOut => "User Timed Out",
                Status::Cancelled => "Cancelled",
                Status::Other(s) => s,
            }
        }
        /// The unified status, given the reason the gateway sent with it; `None` for
        /// [`Status::Other`].
        pub fn unified(&self, reason: Option<&str>) -> Option<PayoutStatus> {
            match self {
                Status::Success => Some(PayoutStatus::Succeeded),
                Status::Pending => Some(PayoutStatus::Processing),
                Status::Failed => Some(PayoutStatus::Failed),
                Status::Approved => Some(PayoutStatus::Succeeded),
                Status::Declined => Some(PayoutStatus::Failed),
                Status::Pending_ => Some(PayoutStatus::Processing),
                Status::UserTimedOut => Some(PayoutStatus::Failed),
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
        ///Status notification. Assumed, not documented for payouts: the body is the status response's shape with its `post_hash` (md5hex(order_id + processed_amount + status + secret_key), encrypted like the request's). The family's pay-in webhook instead posts `order_id, amount, status, post_hash` with md5hex(order_id + amount + status + secret_key).
        PayoutStatus(PayoutStatusEvent),
    }
    ///A verified `payout_status` webhook: its body typed, the gateway's status typed, and the unified event.
    pub type PayoutStatusEvent = ::payout::runtime::TypedEvent<PayoutStatusBody, Status>;
    impl Webhook {
        /// The kind of a verified event, by the spec's name of its webhook, its body typed
        /// from `fields` (the body as read).
        fn from_event(
            event: WebhookEvent,
            fields: &JsonRef<'_>,
        ) -> Result<Self, PayoutError> {
            match event.webhook.as_str() {
                "payout_status" => {
                    Ok(
                        Webhook::PayoutStatus(
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
    pub const PROVIDER_ID: &str = "tecpay";
    const SPEC_JSON: &str = "{\"spec_version\":1,\"provider\":{\"id\":\"tecpay\",\"name\":\"Tecpay (India)\",\"description\":\"Indian payout gateway of the PayAtom family (UPI / IMPS, INR). Only the status query is documented. Requests and responses carry a `post_hash`: an MD5 of some of their values and the secret key, AES-256-CBC encrypted with a key derived from the secret key, a random IV and an HMAC-SHA256, Base64.\",\"docs\":\"https://github.com/tecpay555/tecpay\",\"country\":\"IN\"},\"environments\":{\"production\":{\"base_url\":\"https://gateway.tecpay.invalid\",\"description\":\"Placeholder; use the base URL Tecpay gives the merchant.\"}},\"credentials\":{\"pid\":{\"description\":\"Partner (merchant) id, sent as `pid` in the body and mixed into `post_hash`.\",\"type\":\"text\"},\"secret_key\":{\"description\":\"Secret key; only ever used inside `post_hash` (MD5 input and AES key).\",\"secret\":true,\"type\":\"text\"}},\"money\":{\"currency\":\"INR\",\"amount\":{\"encoding\":\"string\",\"unit\":\"major\",\"decimals\":2}},\"signing\":{\"post_hash\":{\"description\":\"The request's `post_hash`: md5hex(order_id + pid + secret_key), encrypted as the family's public code does (Status_Polling `encrypt()`): key = raw SHA-256 of the secret key, 16 random IV bytes, AES-256-CBC with PKCS#7, mac = HMAC-SHA256(key, ciphertext + iv), Base64 of iv + mac + ciphertext. The seed says only \\\"AES-256-CBC with your secret_key as the password\\\"; the other readings are the `post_hash_*` alternatives below.\",\"compare\":\"exact\",\"steps\":[{\"template\":\"{{ body.order_id }}{{ credentials.pid }}{{ credentials.secret_key }}\"},{\"hash\":\"md5\"},{\"encode\":\"hex\"},{\"aes_encrypt\":{\"key\":\"{{ credentials.secret_key }}\",\"key_derivation\":\"sha256\",\"iv\":\"random\",\"mac\":{\"alg\":\"hmac_sha256\",\"over\":[\"ciphertext\",\"iv\"]},\"layout\":[\"iv\",\"mac\",\"ciphertext\"]}},{\"encode\":\"base64\"}]},\"response_hash\":{\"description\":\"The `post_hash` of a status response (and of a webhook): md5hex(order_id + processed_amount + status + secret_key), the amount exactly as Tecpay printed it, encrypted like `post_hash`. Tecpay's IV is random, so it is verified by decrypting and comparing, never by re-encrypting.\",\"compare\":\"exact\",\"steps\":[{\"template\":\"{{ body.order_id }}{{ body.processed_amount }}{{ body.status }}{{ credentials.secret_key }}\"},{\"hash\":\"md5\"},{\"encode\":\"hex\"},{\"aes_encrypt\":{\"key\":\"{{ credentials.secret_key }}\",\"key_derivation\":\"sha256\",\"iv\":\"random\",\"mac\":{\"alg\":\"hmac_sha256\",\"over\":[\"ciphertext\",\"iv\"]},\"layout\":[\"iv\",\"mac\",\"ciphertext\"]}},{\"encode\":\"base64\"}]},\"post_hash_key_zero_pad\":{\"description\":\"Not used. Variant: the AES key is the secret key itself, padded with zero bytes (or cut) to 32 bytes, as OpenSSL/PHP treat a short password given as the key.\",\"compare\":\"exact\",\"steps\":[{\"template\":\"{{ body.order_id }}{{ credentials.pid }}{{ credentials.secret_key }}\"},{\"hash\":\"md5\"},{\"encode\":\"hex\"},{\"aes_encrypt\":{\"key\":\"{{ credentials.secret_key }}\",\"key_derivation\":\"zero_pad\",\"iv\":\"random\",\"mac\":{\"alg\":\"hmac_sha256\",\"over\":[\"ciphertext\",\"iv\"]},\"layout\":[\"iv\",\"mac\",\"ciphertext\"]}},{\"encode\":\"base64\"}]},\"post_hash_fixed_iv\":{\"description\":\"Not used. Variant: a fixed IV instead of a random one (the value here is a test value; a gateway that uses one hands it out), layout and MAC as the family's.\",\"compare\":\"exact\",\"steps\":[{\"template\":\"{{ body.order_id }}{{ credentials.pid }}{{ credentials.secret_key }}\"},{\"hash\":\"md5\"},{\"encode\":\"hex\"},{\"aes_encrypt\":{\"key\":\"{{ credentials.secret_key }}\",\"key_derivation\":\"sha256\",\"iv\":{\"fixed\":\"000102030405060708090a0b0c0d0e0f\"},\"mac\":{\"alg\":\"hmac_sha256\",\"over\":[\"ciphertext\",\"iv\"]},\"layout\":[\"iv\",\"mac\",\"ciphertext\"]}},{\"encode\":\"base64\"}]},\"post_hash_seed_literal\":{\"description\":\"Not used. Variant: the seed read literally, as PHP's `openssl_encrypt($md5, 'AES-256-CBC', $secret_key, OPENSSL_RAW_DATA)` would do it: the password zero-padded to the key, a zero IV that is not sent, no MAC, Base64 of the ciphertext alone.\",\"compare\":\"exact\",\"steps\":[{\"template\":\"{{ body.order_id }}{{ credentials.pid }}{{ credentials.secret_key }}\"},{\"hash\":\"md5\"},{\"encode\":\"hex\"},{\"aes_encrypt\":{\"key\":\"{{ credentials.secret_key }}\",\"key_derivation\":\"zero_pad\",\"iv\":\"zero\",\"layout\":[\"ciphertext\"]}},{\"encode\":\"base64\"}]},\"post_hash_no_mac\":{\"description\":\"Not used. Variant: the family's key and random IV without the HMAC: Base64 of iv + ciphertext.\",\"compare\":\"exact\",\"steps\":[{\"template\":\"{{ body.order_id }}{{ credentials.pid }}{{ credentials.secret_key }}\"},{\"hash\":\"md5\"},{\"encode\":\"hex\"},{\"aes_encrypt\":{\"key\":\"{{ credentials.secret_key }}\",\"key_derivation\":\"sha256\",\"iv\":\"random\",\"layout\":[\"iv\",\"ciphertext\"]}},{\"encode\":\"base64\"}]},\"post_hash_double_base64\":{\"description\":\"Not used. Variant: the family's value Base64-encoded a second time (PHP `openssl_encrypt` with options 0 already returns Base64, and the seed's step 4 encodes again).\",\"compare\":\"exact\",\"steps\":[{\"template\":\"{{ body.order_id }}{{ credentials.pid }}{{ credentials.secret_key }}\"},{\"hash\":\"md5\"},{\"encode\":\"hex\"},{\"aes_encrypt\":{\"key\":\"{{ credentials.secret_key }}\",\"key_derivation\":\"sha256\",\"iv\":\"random\",\"mac\":{\"alg\":\"hmac_sha256\",\"over\":[\"ciphertext\",\"iv\"]},\"layout\":[\"iv\",\"mac\",\"ciphertext\"]}},{\"encode\":\"base64\"},{\"encode\":\"base64\"}]}},\"error_codes\":{\"no valid data format recieved\":\"invalid_request\",\"Invalid PID\":\"unauthorized\",\"Invalid Hash\":\"unauthorized\",\"order id does not exist\":\"not_found\",\"Internal Server Error\":\"ambiguous\"},\"operations\":{\"query_payout\":{\"role\":\"query\",\"description\":\"Get a payout's status by order id (Payout Status check API). Tecpay documents no create call for this family's payouts.\",\"method\":\"POST\",\"path\":\"/payout/api/order_status_polling.php\",\"body\":{\"encoding\":\"json\",\"fields\":{\"pid\":{\"type\":\"string\",\"description\":\"Your unique Partner ID.\",\"value\":\"{{ credentials.pid }}\"},\"order_id\":{\"type\":\"string\",\"description\":\"The unique order ID of the payout to query.\",\"required\":true,\"role\":\"merchant_ref\",\"min_len\":1,\"example\":\"ORD-54321-ABC\"},\"post_hash\":{\"type\":\"string\",\"description\":\"Security hash (recipe `post_hash`).\",\"value\":\"{{ signatures.post_hash }}\"}}},\"response\":{\"success\":\"error is undefined\",\"error\":{\"code\":\"error\",\"message\":\"error\"},\"body\":{\"encoding\":\"json\",\"fields\":{\"error\":{\"type\":\"string\",\"description\":\"Error message; present only on errors.\"},\"requested_amount\":{\"type\":\"amount\",\"description\":\"The amount originally requested.\",\"example\":\"100.00\"},\"processed_amount\":{\"type\":\"amount\",\"description\":\"The final amount processed (signed in `post_hash` as printed).\",\"role\":\"amount\"},\"order_id\":{\"type\":\"string\",\"description\":\"The order ID.\",\"role\":\"merchant_ref\"},\"status\":{\"type\":\"string\",\"description\":\"SUCCESS, PENDING, FAILED (family: Approved, Declined, Pending, User Timed Out, Cancelled).\",\"role\":\"status\"},\"time\":{\"type\":\"string\",\"description\":\"Time of the last action (`H:i:s`).\",\"example\":\"18:30:05\"},\"ref_code\":{\"type\":\"string\",\"description\":\"An internal reference code or hash value; not covered by `post_hash`.\",\"example\":\"some_hash_value\"},\"post_hash\":{\"type\":\"string\",\"description\":\"Response hash (recipe `response_hash`), verified by decrypting.\",\"value\":\"{{ signatures.response_hash }}\"},\"request_time\":{\"type\":\"datetime\",\"description\":\"When the payout was initiated (India time).\",\"role\":\"created_at\",\"format\":\"%d-%m-%Y %H:%M:%S\",\"offset\":\"+05:30\"},\"action_time\":{\"type\":\"datetime\",\"description\":\"When the status was last updated (India time).\",\"format\":\"%d-%m-%Y %H:%M:%S\",\"offset\":\"+05:30\",\"example\":\"15-07-2025 18:30:05\"},\"payment_type\":{\"type\":\"string\",\"description\":\"UPI or IMPS.\",\"example\":\"IMPS\"},\"upi_vpa\":{\"type\":\"string\",\"description\":\"The UPI VPA, if applicable.\",\"nullable\":true},\"account_no\":{\"type\":\"string\",\"description\":\"The beneficiary account number, if applicable.\",\"nullable\":true},\"account_holder\":{\"type\":\"string\",\"description\":\"The beneficiary name, if applicable.\",\"nullable\":true},\"ifsc\":{\"type\":\"string\",\"description\":\"The IFSC of the beneficiary bank, if applicable.\",\"nullable\":true},\"bank_name\":{\"type\":\"string\",\"nullable\":true},\"bank_address\":{\"type\":\"string\",\"nullable\":true},\"transaction_info\":{\"type\":\"array\",\"description\":\"The status changes of the payout, oldest first.\",\"items\":{\"type\":\"object\",\"fields\":{\"date\":{\"type\":\"datetime\",\"format\":\"%Y-%m-%d %H:%M:%S\",\"offset\":\"+05:30\"},\"status\":{\"type\":\"string\"},\"ref_number\":{\"type\":\"string\",\"nullable\":true},\"message\":{\"type\":\"string\"}}},\"example\":[{\"date\":\"2025-07-15 18:29:00\",\"status\":\"PENDING\",\"ref_number\":null,\"message\":\"Transaction initiated\"}]},\"bank_reference\":{\"type\":\"string\",\"description\":\"The UTR or bank reference number.\",\"nullable\":true,\"role\":\"utr\"}}}}}},\"statuses\":{\"SUCCESS\":{\"unified\":\"succeeded\",\"description\":\"Paid.\"},\"PENDING\":{\"unified\":\"processing\",\"description\":\"Being processed.\"},\"FAILED\":{\"unified\":\"failed\",\"description\":\"Failed; no money moved.\"},\"Approved\":{\"unified\":\"succeeded\",\"description\":\"Approved by the gateway (family value).\"},\"Declined\":{\"unified\":\"failed\",\"description\":\"Declined by the gateway (family value).\"},\"Pending\":{\"unified\":\"processing\",\"description\":\"Still in progress (family value).\"},\"User Timed Out\":{\"unified\":\"failed\",\"description\":\"Not completed within the session period (family value).\"},\"Cancelled\":{\"unified\":\"cancelled\",\"description\":\"Cancelled (family value).\"}},\"webhooks\":{\"payout_status\":{\"description\":\"Status notification. Assumed, not documented for payouts: the body is the status response's shape with its `post_hash` (md5hex(order_id + processed_amount + status + secret_key), encrypted like the request's). The family's pay-in webhook instead posts `order_id, amount, status, post_hash` with md5hex(order_id + amount + status + secret_key).\",\"method\":\"POST\",\"body\":{\"encoding\":\"json\",\"fields\":{\"requested_amount\":{\"type\":\"amount\",\"example\":\"100.00\"},\"processed_amount\":{\"type\":\"amount\",\"role\":\"amount\"},\"order_id\":{\"type\":\"string\",\"role\":\"merchant_ref\"},\"status\":{\"type\":\"string\",\"role\":\"status\"},\"time\":{\"type\":\"string\",\"example\":\"18:30:05\"},\"ref_code\":{\"type\":\"string\",\"description\":\"Not covered by `post_hash`.\",\"example\":\"some_hash_value\"},\"post_hash\":{\"type\":\"string\",\"value\":\"{{ signatures.response_hash }}\"},\"request_time\":{\"type\":\"datetime\",\"role\":\"created_at\",\"format\":\"%d-%m-%Y %H:%M:%S\",\"offset\":\"+05:30\"},\"action_time\":{\"type\":\"datetime\",\"format\":\"%d-%m-%Y %H:%M:%S\",\"offset\":\"+05:30\",\"example\":\"15-07-2025 18:30:05\"},\"payment_type\":{\"type\":\"string\",\"example\":\"IMPS\"},\"upi_vpa\":{\"type\":\"string\",\"nullable\":true},\"account_no\":{\"type\":\"string\",\"nullable\":true},\"account_holder\":{\"type\":\"string\",\"nullable\":true},\"ifsc\":{\"type\":\"string\",\"nullable\":true},\"bank_name\":{\"type\":\"string\",\"nullable\":true},\"bank_address\":{\"type\":\"string\",\"nullable\":true},\"transaction_info\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"fields\":{\"date\":{\"type\":\"datetime\",\"format\":\"%Y-%m-%d %H:%M:%S\",\"offset\":\"+05:30\"},\"status\":{\"type\":\"string\"},\"ref_number\":{\"type\":\"string\",\"nullable\":true},\"message\":{\"type\":\"string\"}}},\"example\":[{\"date\":\"2025-07-15 18:29:00\",\"status\":\"PENDING\",\"ref_number\":null,\"message\":\"Transaction initiated\"}]},\"bank_reference\":{\"type\":\"string\",\"nullable\":true,\"role\":\"utr\"}}},\"ack\":{\"status\":200,\"body\":\"{\\\"hash_status\\\":\\\"Hash Matched\\\",\\\"acknowledge\\\":\\\"yes\\\"}\"}}},\"sandbox\":{\"success_path\":[\"PENDING\",\"SUCCESS\"],\"failure_path\":[\"PENDING\",\"FAILED\"],\"provider_ref_prefix\":\"TPREF\",\"errors\":{\"unauthorized\":{\"http_status\":200,\"body\":{\"error\":\"Invalid Hash\"}},\"not_found\":{\"http_status\":200,\"body\":{\"error\":\"order id does not exist\"}},\"invalid_request\":{\"http_status\":200,\"body\":{\"error\":\"no valid data format recieved\"}},\"duplicate\":{\"http_status\":200,\"body\":{\"error\":\"order id already exists\"}},\"server_error\":{\"http_status\":500,\"body\":{\"error\":\"Internal Server Error\"}}}}}";
}

//! Webhooks the gateway sends, and how the sandbox imitates the gateway.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::field::Body;
use super::operation::{HttpMethod, NonceFormat};
use crate::json::{Json, JsonMap};

/// How the merchant acknowledges a webhook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ack {
    /// HTTP status of the acknowledgement.
    #[serde(default = "ok")]
    pub status: u16,
    /// Exact body of the acknowledgement (`SUCCESS`, `{"code":"OK"}`).
    pub body: String,
    /// Content type of the acknowledgement; guessed from the body when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
}

fn ok() -> u16 {
    200
}

impl Ack {
    /// The content type in effect: JSON when the body looks like JSON, text otherwise.
    pub fn content_type(&self) -> &str {
        match &self.content_type {
            Some(c) => c,
            None if self.body.trim_start().starts_with(['{', '[']) => "application/json",
            None => "text/plain",
        }
    }
}

/// How a header of several `key=value` parts is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeaderParts {
    /// Between parts.
    #[serde(default = "comma")]
    pub separator: String,
    /// Between a part's key and its value.
    #[serde(default = "equals")]
    pub pair: String,
}

impl Default for HeaderParts {
    fn default() -> Self {
        HeaderParts {
            separator: comma(),
            pair: equals(),
        }
    }
}

fn comma() -> String {
    ",".into()
}

fn equals() -> String {
    "=".into()
}

/// The gateway's delivery schedule (documentation, and what the sandbox does).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Retry {
    /// Delay before each retry, in minutes.
    pub after_minutes: Vec<u32>,
    /// HTTP statuses of the merchant's answer that count as delivered.
    #[serde(default = "accepted")]
    pub accepted_statuses: Vec<u16>,
}

fn accepted() -> Vec<u16> {
    vec![200]
}

/// A notification the gateway sends to the merchant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Webhook {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// When the gateway sends this webhook and what it carries.
    pub description: Option<String>,
    #[serde(default = "post")]
    /// The HTTP method the gateway delivers with (`POST` unless said otherwise).
    pub method: HttpMethod,
    /// Headers the gateway sends; templates using `signatures.NAME` are verified.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, String>,
    /// Headers made of `key=value` parts (`Stripe-Signature: t=…,v1=…,v0=…`), read by key in
    /// any order: header name → how its parts are written. The header's template names the
    /// parts it uses (`t={{ timestamp }},v1={{ signatures.v1 }}`); parts it does not name are
    /// ignored, and a signature part sent several times matches if any one of them does.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub header_parts: IndexMap<String, HeaderParts>,
    /// The body; fields with a `value` template using `signatures.NAME` are verified, and
    /// roles (`merchant_ref`, `status`...) say what the event carries.
    pub body: Body,
    /// The shape of the nonce the gateway sends, for the sandbox.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<NonceFormat>,
    pub ack: Ack,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// How the gateway retries a delivery the merchant did not acknowledge.
    pub retry: Option<Retry>,
    /// The oldest a webhook may be, in seconds, by the `{{ timestamp }}` it carries (epoch
    /// seconds, or milliseconds when it has more than 11 digits); one further in the
    /// future than this is refused too. The timestamp must be covered by the webhook's
    /// signature (`payout lint` checks): a captured webhook then stops verifying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u64>,
    /// How the gateway writes `{{ timestamp }}` in this webhook: `milliseconds` (the
    /// default) or `seconds` (Stripe's `t=`). The sandbox writes it so; the receiver reads
    /// either (11 digits or fewer are seconds).
    #[serde(default, skip_serializing_if = "TimestampUnit::is_default")]
    pub timestamp_unit: TimestampUnit,
    /// Verification by postback: the webhook is sent back to the gateway with this
    /// operation (`role: other`; its fields take the webhook's parts by the roles
    /// `webhook.header.NAME` and `webhook.body`), and read only when that operation's
    /// `success` holds (PayPal's `verification_status == "SUCCESS"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postback: Option<String>,
}

/// The unit of a timestamp written as epoch time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimestampUnit {
    #[default]
    Milliseconds,
    Seconds,
}

impl TimestampUnit {
    fn is_default(&self) -> bool {
        *self == TimestampUnit::Milliseconds
    }

    /// Epoch milliseconds written in this unit.
    pub fn write(self, millis: u64) -> String {
        match self {
            TimestampUnit::Milliseconds => millis.to_string(),
            TimestampUnit::Seconds => (millis / 1000).to_string(),
        }
    }
}

/// The role prefix of a postback operation's field that takes a received webhook's header
/// (`webhook.header.PAYPAL-TRANSMISSION-ID`).
pub const WEBHOOK_HEADER_ROLE: &str = "webhook.header.";
/// The role of a postback operation's field that takes the received webhook's body, as JSON.
pub const WEBHOOK_BODY_ROLE: &str = "webhook.body";

fn post() -> HttpMethod {
    HttpMethod::POST
}

/// A reply the sandbox sends for one kind of error, in the gateway's own shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SandboxReply {
    #[serde(default = "ok")]
    /// The HTTP status of the reply, e.g. `401` (some gateways refuse with `200`).
    pub http_status: u16,
    /// The JSON body. String values may use `{{ message }}`.
    pub body: Json,
}

/// A reversal the sandbox can apply to a paid payout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SandboxReversal {
    /// Provider status after the reversal.
    pub status: String,
    /// Reason sent with it (the `failure_reason` role), if the gateway sends one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// How the sandbox imitates the gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sandbox {
    /// Provider statuses a payout goes through when it succeeds, first to last.
    pub success_path: Vec<String>,
    /// Provider statuses a payout goes through when it fails, first to last.
    pub failure_path: Vec<String>,
    /// How a paid payout is reversed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reversal: Option<SandboxReversal>,
    /// Prefix of the provider references the sandbox makes up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_ref_prefix: Option<String>,
    /// Top-level values of every successful reply (`{ code: 200, msg: SUCCESS }`): the
    /// envelope that the response's success predicate checks.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub success: JsonMap,
    /// Provider status → the event name a webhook carries in its `event` role
    /// (`processed: payout.transfer.success`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub events: IndexMap<String, String>,
    /// Error replies by kind: `unauthorized`, `duplicate`, `not_found`, `invalid_request`...
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub errors: IndexMap<String, SandboxReply>,
}

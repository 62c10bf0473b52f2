//! Known-answer vectors: fixed inputs and the exact output the gateway expects.
//!
//! Every expected value in a spec's vectors comes from an independent computation (openssl,
//! PHP, Python) whose command sits beside it in a comment, never from this engine.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::operation::ErrorKind;
use crate::json::JsonMap;

/// What a vector checks. Exactly one of `operation`, `response`, `webhook`, `recipe` is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vector {
    /// What the vector shows, as a test name.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Where the expected values come from (documentation, an independent computation).
    pub description: Option<String>,
    /// Build this operation's request from `input` and compare with `expect`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// Read `body` (and `headers`, `http_status`) as this operation's response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    /// Verify and read `body` and `headers` as this webhook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook: Option<String>,
    /// Run this recipe over `body`, `url`, `method`, `headers`, `timestamp` and `nonce`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipe: Option<String>,

    /// Credentials, by the spec's credential names.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub credentials: IndexMap<String, String>,
    /// Request input, by the gateway's field names.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub input: JsonMap,
    /// Values the flow's earlier steps obtained (`obtained.NAME`: a token), fixed.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub obtained: IndexMap<String, String>,
    /// The one-time token of a gateway's challenge the request answers: the operation's
    /// `challenge.headers` are added and checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<String>,
    /// Fixed clock, epoch milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<u64>,
    /// Fixed nonce.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// Bytes (hex) the random source returns, in order: random IVs, nonces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub random: Option<String>,
    /// Base URL for the request (default: the first environment's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,

    /// The request a response answers (`method`, `url`), for response vectors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The URL a webhook was delivered to, for recipes that sign it, e.g. `https://merchant.example/notify`.
    pub url: Option<String>,
    /// A received message: HTTP status, headers and exact body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    /// Headers received with a response or webhook, by name.
    pub headers: IndexMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The exact body received with a response or webhook.
    pub body: Option<String>,
    /// For a `recipe` vector: a value as received from the gateway (a signature header, a
    /// `post_hash`), checked as the gateway's with the recipe; `expect.verified` says
    /// whether it must verify.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<String>,

    pub expect: Expect,
}

/// An expected unified status, or `unmapped` for a provider value the spec does not map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExpectStatus {
    Pending,
    Processing,
    Succeeded,
    Failed,
    Reversed,
    Cancelled,
    /// The provider value is not in `statuses`: kept raw, not final.
    Unmapped,
}

/// An expected error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpectError {
    pub kind: ErrorKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Whether the error says the payout may exist at the gateway.
    pub may_exist: Option<bool>,
    /// The gateway's error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The expected outcome; only what is given is compared.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    // Requests and recipes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The request's HTTP method.
    pub method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The request's full URL, query included, e.g. `https://sandbox.acme.example/v1/payouts`.
    pub url: Option<String>,
    /// The exact body bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Headers that must have exactly these values.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, String>,
    /// Recipe → the text that goes into its first hash, HMAC, RSA or AES step.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub string_to_sign: IndexMap<String, String>,
    /// Recipe → its final output.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub signatures: IndexMap<String, String>,
    /// Field names the input is expected to be refused for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub invalid: Vec<String>,

    // Responses and webhooks.
    /// Whether the signatures of a received message (or a recipe vector's `received`
    /// value) verify.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The unified status read from the message: `pending`, `processing`, `succeeded`, `failed`, `reversed` or `cancelled`.
    pub status: Option<ExpectStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The gateway's own status value, as read.
    pub provider_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The merchant reference read from the message.
    pub merchant_ref: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The gateway's reference read from the message.
    pub provider_ref: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The error the message must give: its kind, whether the payout may exist, the gateway's code.
    pub error: Option<ExpectError>,
}

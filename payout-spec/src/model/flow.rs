//! Flows: values a payout needs that the gateway hands out first — a token, a recipient, a
//! quote — each *obtained* by running another operation of the same spec.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A value obtained by running an operation of the spec before the operations that use it.
///
/// Templates read it as `obtained.NAME` (`Authorization: "Bearer {{ obtained.token }}"`);
/// a request field receives it with `role: obtained.NAME` (Paystack's `recipient`). The
/// step is run when an operation needs the value and the cache has none; it is never the
/// step that moves money, so running it twice costs nothing, and an error in it means no
/// payout exists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Obtain {
    /// What the value is, for generated documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The operation that hands the value out (an operation with `role: other`).
    pub operation: String,
    /// Dotted path of the value in that operation's response body (`access_token`,
    /// `data.recipient_code`).
    pub value: String,
    /// Dotted path of the value's lifetime in seconds in the response (`expires_in`): a
    /// token. It is cached until it expires, minus `margin_s`, and fetched again once when
    /// the gateway answers with its own "unauthorized".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<String>,
    /// Seconds before the expiry at which a token is fetched anew (default 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub margin_s: Option<u64>,
    /// The cache key of a resource, a template over the step's own request (`"{{
    /// body.account_number }}:{{ body.bank_code }}:{{ body.currency }}"`): a second payout
    /// to the same beneficiary reuses the recipient. Without it, the value is cached per
    /// client only (a token). Keys are always scoped to the client's credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The value is a secret (a bearer token): never printed. Default: true for a value
    /// with `expires_in`, false otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<bool>,
    /// The value serves one payout only and is never cached: the step runs for every
    /// payout (Wise's quote, "a one-time token, used for a single transfer").
    #[serde(default, skip_serializing_if = "is_false")]
    pub single_use: bool,
    /// The unified role the value also plays: `provider_ref` when the gateway's id of the
    /// payout is made by this step rather than by the money step (Wise's transfer, which
    /// its fund step only names). The unified result's `provider_ref` is then this value,
    /// and the sandbox keys its payout by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Obtain {
    /// Margin before expiry, in seconds.
    pub fn margin(&self) -> u64 {
        self.margin_s.unwrap_or(60)
    }

    /// Whether the value must never be shown.
    pub fn is_secret(&self) -> bool {
        self.secret.unwrap_or(self.expires_in.is_some())
    }

    /// Whether the value is the gateway's id of the payout (`role: provider_ref`).
    pub fn is_provider_ref(&self) -> bool {
        self.role.as_deref() == Some(PROVIDER_REF_ROLE)
    }

    /// Whether the value expires (a token).
    pub fn is_token(&self) -> bool {
        self.expires_in.is_some()
    }
}

/// The prefix of a role that receives an obtained value (`obtained.recipient`).
pub const OBTAINED_ROLE: &str = "obtained.";

/// The only role an obtained value may play in a payout.
pub const PROVIDER_REF_ROLE: &str = "provider_ref";

/// A gateway's challenge to a request: it refuses it with `status` and a one-time token in
/// the header `header`, and wants the same request again with `headers` added, templates
/// that read the token as `challenge` (`X-Signature: "{{ signatures.sca }}"`, a recipe over
/// `{{ challenge }}`). The refusal means nothing was done, so the one resend is safe even
/// for the money step; a second challenge is an error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    /// What the challenge is, for generated documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The HTTP status of the refusal that carries the challenge (default 403).
    #[serde(default = "default_challenge_status")]
    pub status: u16,
    /// The response header with the one-time token (`x-2fa-approval`).
    pub header: String,
    /// Headers added to the resent request: name → template (`challenge` is the token).
    pub headers: indexmap::IndexMap<String, String>,
}

fn default_challenge_status() -> u16 {
    403
}

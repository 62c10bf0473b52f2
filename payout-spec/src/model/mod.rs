//! The spec model: what a gateway spec file says, as Rust types.
//!
//! These types are the single description of the spec language: the loader deserialises
//! them, the JSON Schema is generated from them (doc comments become the descriptions an
//! editor shows), the runtime executes them and the macro generates code from them.

mod field;
mod flow;
mod operation;
mod provider;
mod signing;
mod status;
mod vector;
mod webhook;

pub use field::*;
pub use flow::*;
pub use operation::*;
pub use provider::*;
pub use signing::*;
pub use status::*;
pub use vector::*;
pub use webhook::*;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

/// Decimal limits are text (`"0.01"`), but a YAML integer (`10000`) reads as its text too.
pub(crate) fn decimal_text(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "A decimal number, as text (\"0.01\") or a whole number.",
        "type": ["string", "integer"]
    })
}

/// Error codes → the gateway-facing [`ErrorKind`]s they mean: only those, in the schema as
/// in the checks (`check/error_codes.rs`).
pub(crate) fn gateway_error_codes(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let kinds: Vec<&str> = ErrorKind::ALL
        .iter()
        .filter(|k| k.is_gateway_facing())
        .map(ErrorKind::as_str)
        .collect();
    schemars::json_schema!({
        "type": "object",
        "additionalProperties": { "type": "string", "enum": kinds }
    })
}

/// A payout gateway, described as data: its endpoints, fields, signature recipes, statuses,
/// webhooks and known-answer vectors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Version of the spec language this file is written in. Always `1`.
    pub spec_version: u32,
    /// Who the gateway is.
    pub provider: Provider,
    /// Named base URLs, e.g. `sandbox` and `production`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub environments: IndexMap<String, Environment>,
    /// The credentials a merchant holds, by name. Templates refer to them as
    /// `credentials.NAME`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub credentials: IndexMap<String, Credential>,
    /// The currency and how amounts are written on the wire.
    pub money: Money,
    /// Signature recipes by name: a list of steps that pass bytes along. Templates use a
    /// recipe's result as `signatures.NAME`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub signing: IndexMap<String, Recipe>,
    /// What the gateway's error codes mean, shared by all operations (an operation's
    /// `response.codes` adds to or overrides these).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    #[schemars(schema_with = "crate::model::gateway_error_codes")]
    pub error_codes: IndexMap<String, ErrorKind>,
    /// The HTTP error statuses the gateway itself answers with, as its documentation lists
    /// them (`[400, 401, 404]`). An error answer is the gateway's word (a definite refusal,
    /// a definite `not_found`) only when its error code is one the spec knows, or when its
    /// status is listed here and its body has the gateway's error envelope
    /// (`response.error`). Anything else (a proxy's HTML page, an empty body, a bare 4xx
    /// or 5xx, a redirect) may come from a hop in between: `may_exist` on a create, never
    /// `not_found` on a query.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub http_statuses: Vec<u16>,
    /// The gateway's API calls by name (`create_payout`, `query_payout`, ...).
    pub operations: IndexMap<String, Operation>,
    /// Values obtained by running another operation first (a token, a recipient, a
    /// quote), by name. Templates read them as `obtained.NAME`; a request field receives
    /// one with `role: obtained.NAME`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub obtain: IndexMap<String, Obtain>,
    /// Provider status value → unified status. Values not listed are kept raw and are
    /// never treated as final.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub statuses: IndexMap<String, StatusEntry>,
    /// Notifications the gateway sends to the merchant, by name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub webhooks: IndexMap<String, Webhook>,
    /// How the sandbox imitates this gateway (error bodies, status schedule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sandbox: Option<Sandbox>,
    /// Known answers: fixed inputs and the exact output the gateway expects, checked by
    /// `cargo test` and `payout lint`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vectors: Vec<Vector>,
}

impl Spec {
    /// The operation that plays a unified role (`create`, `query`), if the gateway has one.
    pub fn operation_for(&self, role: OperationRole) -> Option<(&str, &Operation)> {
        self.operations
            .iter()
            .find(|(_, op)| op.role == role)
            .map(|(n, op)| (n.as_str(), op))
    }

    /// Names of the secret credentials: marked `secret`, and RSA private keys.
    pub fn secret_credentials(&self) -> impl Iterator<Item = &str> {
        self.credentials
            .iter()
            .filter(|(_, c)| c.is_secret())
            .map(|(n, _)| n.as_str())
    }

    /// The obtained values whose step is this operation.
    pub fn obtained_by<'a>(&'a self, op: &'a str) -> impl Iterator<Item = (&'a str, &'a Obtain)> {
        self.obtain
            .iter()
            .filter(move |(_, o)| o.operation == op)
            .map(|(n, o)| (n.as_str(), o))
    }

    /// The provider value's unified meaning, if the spec maps it.
    pub fn status(&self, provider_value: &str) -> Option<&StatusEntry> {
        // A gateway has a handful of statuses: comparing them costs less than hashing the
        // value. A long list is hashed.
        if self.statuses.len() <= 16 {
            return self
                .statuses
                .iter()
                .find(|(k, _)| k.as_str() == provider_value)
                .map(|(_, e)| e);
        }
        self.statuses.get(provider_value)
    }
}

//! Operations: one API call each, from the request's parts to how its response is read.

use std::fmt;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::field::{Body, Field};

/// The unified role of an operation: what `PayoutProvider` method it serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OperationRole {
    /// Create a payout.
    Create,
    /// Query one payout's status.
    Query,
    /// Cancel a payout.
    Cancel,
    /// Query the merchant's balance.
    Balance,
    /// Anything else; reachable by name only.
    Other,
}

impl fmt::Display for OperationRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OperationRole::Create => "create",
            OperationRole::Query => "query",
            OperationRole::Cancel => "cancel",
            OperationRole::Balance => "balance",
            OperationRole::Other => "other",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum HttpMethod {
    GET,
    POST,
    PUT,
    PATCH,
    DELETE,
}

impl HttpMethod {
    pub fn as_str(&self) -> &'static str {
        match self {
            HttpMethod::GET => "GET",
            HttpMethod::POST => "POST",
            HttpMethod::PUT => "PUT",
            HttpMethod::PATCH => "PATCH",
            HttpMethod::DELETE => "DELETE",
        }
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Characters a nonce is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Charset {
    /// `0-9a-f`
    #[default]
    Hex,
    /// `0-9A-F`
    HexUpper,
    /// `0-9`
    Digits,
    /// `0-9A-Za-z`
    Alphanumeric,
}

/// The shape of a message's nonce (`{{ nonce }}` and `generate: nonce`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NonceFormat {
    #[serde(default)]
    /// The characters of generated nonces: `hex`, `hex_upper`, `digits` or `alphanumeric`.
    pub charset: Charset,
    /// How many characters a generated nonce has.
    pub length: usize,
}

impl Default for NonceFormat {
    fn default() -> Self {
        NonceFormat {
            charset: Charset::Hex,
            length: 32,
        }
    }
}

/// What went wrong, in the one vocabulary of every crate: the class of a gateway's error
/// code (`error_codes`), the kind of a runtime error (`PayoutError::kind`) and the kind a
/// vector expects. `as_str` is the name specs and the CLI use.
///
/// Only the gateway-facing kinds ([`ErrorKind::is_gateway_facing`]) can stand for a
/// gateway's error code; the others name what the engine itself found (a refused input, an
/// unreachable host, a signature that does not verify), and a spec giving them to an error
/// code is refused by the checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The outcome is unknown: a payout may exist. The caller must query before resending.
    Ambiguous,
    /// The merchant reference was used before: a payout with it exists.
    Duplicate,
    /// Credentials or signature refused.
    Unauthorized,
    /// The request was malformed or a field was refused.
    InvalidRequest,
    /// The payout (or another object) was not found.
    NotFound,
    InsufficientFunds,
    RateLimited,
    /// Refused for another reason; no payout was created.
    Rejected,
    /// The caller's input was refused before anything was sent.
    InvalidInput,
    /// The gateway has no such operation.
    Unsupported,
    /// Credentials, URLs or the spec are unusable.
    Config,
    /// Nothing could be sent (connection refused, DNS).
    Connect,
    /// A query got no answer in time (a create that times out is `Ambiguous`).
    Timeout,
    /// The connection failed during a query (nothing can have been created).
    Network,
    /// A response or webhook signature did not verify.
    BadSignature,
    /// The answer could not be read.
    MalformedResponse,
}

impl ErrorKind {
    /// Every kind, the gateway-facing ones first.
    pub const ALL: [ErrorKind; 16] = [
        ErrorKind::Ambiguous,
        ErrorKind::Duplicate,
        ErrorKind::Unauthorized,
        ErrorKind::InvalidRequest,
        ErrorKind::NotFound,
        ErrorKind::InsufficientFunds,
        ErrorKind::RateLimited,
        ErrorKind::Rejected,
        ErrorKind::InvalidInput,
        ErrorKind::Unsupported,
        ErrorKind::Config,
        ErrorKind::Connect,
        ErrorKind::Timeout,
        ErrorKind::Network,
        ErrorKind::BadSignature,
        ErrorKind::MalformedResponse,
    ];

    /// Whether a gateway's error code can mean this (`error_codes`, a response's `codes`).
    pub fn is_gateway_facing(&self) -> bool {
        matches!(
            self,
            ErrorKind::Ambiguous
                | ErrorKind::Duplicate
                | ErrorKind::Unauthorized
                | ErrorKind::InvalidRequest
                | ErrorKind::NotFound
                | ErrorKind::InsufficientFunds
                | ErrorKind::RateLimited
                | ErrorKind::Rejected
        )
    }

    /// Whether a payout may exist at the gateway after a create that got this error code.
    pub fn may_exist(&self) -> bool {
        matches!(self, ErrorKind::Ambiguous | ErrorKind::Duplicate)
    }

    /// The key of the sandbox's reply for this kind (`sandbox.errors.KEY`), for the kinds it
    /// imitates: its name, except a gateway's own failure, which its client cannot read as
    /// anything but `ambiguous`, and whose reply is `server_error`.
    pub fn sandbox_reply(&self) -> Option<&'static str> {
        match self {
            ErrorKind::Unauthorized
            | ErrorKind::Duplicate
            | ErrorKind::NotFound
            | ErrorKind::InvalidRequest => Some(self.as_str()),
            ErrorKind::Ambiguous => Some("server_error"),
            _ => None,
        }
    }

    /// No answer was had: nothing could be sent, or the answer was lost.
    pub fn is_transport(&self) -> bool {
        matches!(
            self,
            ErrorKind::Connect | ErrorKind::Timeout | ErrorKind::Network
        )
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            ErrorKind::Ambiguous => "ambiguous",
            ErrorKind::Duplicate => "duplicate",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::InvalidRequest => "invalid_request",
            ErrorKind::NotFound => "not_found",
            ErrorKind::InsufficientFunds => "insufficient_funds",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Rejected => "rejected",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::Config => "config",
            ErrorKind::Connect => "connect",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Network => "network",
            ErrorKind::BadSignature => "bad_signature",
            ErrorKind::MalformedResponse => "malformed_response",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ErrorKind {
    type Err = String;

    /// A kind by its name (`invalid_request`).
    fn from_str(s: &str) -> Result<Self, String> {
        ErrorKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("no error kind `{s}`"))
    }
}

/// Where an error response keeps its code and message (dotted paths into the JSON).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorPaths {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Path of the gateway's error code in the response body, e.g. `error.code`.
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Path of the gateway's error message in the response body, e.g. `error.message`.
    pub message: Option<String>,
}

/// How a response is read.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// An expression over the response JSON that is true for success
    /// (`code == "0x0200"`, `error is undefined`). `http_status` is also available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<String>,
    /// Where an error response keeps its code and message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorPaths>,
    /// Error code → meaning, for this operation (on top of the spec's `error_codes`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    #[schemars(schema_with = "crate::model::gateway_error_codes")]
    pub codes: IndexMap<String, ErrorKind>,
    /// Headers of the response; templates that use `signatures.NAME` are verified.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, String>,
    /// Response headers made of `key=value` parts, read by key in any order (as a
    /// webhook's `header_parts`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub header_parts: IndexMap<String, super::webhook::HeaderParts>,
    /// The response body's fields; roles (`provider_ref`, `status`...) say what is extracted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
}

/// One API call of the gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// Which unified call this operation serves.
    pub role: OperationRole,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// What the operation does, for readers and generated docs.
    pub description: Option<String>,
    /// The HTTP method: `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    pub method: HttpMethod,
    /// Path after the base URL; `{name}` is filled from the `params` field `name`.
    pub path: String,
    /// Path parameters.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub params: IndexMap<String, Field>,
    /// Query-string parameters, in order.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub query: IndexMap<String, Field>,
    /// Header name → template.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The request body: its encoding and fields.
    pub body: Option<Body>,
    /// The shape of `{{ nonce }}` for this call (default: 32 lowercase hex digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<NonceFormat>,
    pub response: Response,
    /// How the gateway may challenge this request, and how it is answered (Wise's strong
    /// customer authentication).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<crate::model::Challenge>,
}

impl Operation {
    /// Every field of the request, with where it goes.
    pub fn request_fields(&self) -> impl Iterator<Item = (Location, &str, &Field)> {
        let params = self
            .params
            .iter()
            .map(|(n, f)| (Location::Path, n.as_str(), f));
        let query = self
            .query
            .iter()
            .map(|(n, f)| (Location::Query, n.as_str(), f));
        let body = self
            .body
            .iter()
            .flat_map(|b| b.fields.iter())
            .map(|(n, f)| (Location::Body, n.as_str(), f));
        params.chain(query).chain(body)
    }

    /// Names of the `{name}` parameters in the path.
    pub fn path_parameters(&self) -> Vec<&str> {
        path_parameters(&self.path)
    }
}

/// Where a request field goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Body,
}

impl Location {
    /// The YAML key of the location, for paths in messages.
    pub fn key(&self) -> &'static str {
        match self {
            Location::Path => "params",
            Location::Query => "query",
            Location::Body => "body.fields",
        }
    }
}

/// `{name}` parameters of a path template.
pub fn path_parameters(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.push(&rest[start + 1..start + len]);
        rest = &rest[start + len + 1..];
    }
    out
}

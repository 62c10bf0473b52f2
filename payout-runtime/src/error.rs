//! Errors of the runtime. Every one says whether the payout may exist at the gateway.

use std::fmt;
use std::time::Duration;

/// What went wrong, in the unified vocabulary. `as_str` is the `kind` printed by the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
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
    /// The outcome is unknown (5xx, connection lost after sending, an ambiguous code).
    Ambiguous,
    /// The merchant reference was used before.
    Duplicate,
    Unauthorized,
    InvalidRequest,
    NotFound,
    InsufficientFunds,
    RateLimited,
    /// Refused by the gateway for another reason.
    Rejected,
    /// A response or webhook signature did not verify.
    BadSignature,
    /// The answer could not be read.
    MalformedResponse,
}

impl ErrorKind {
    /// No answer was had: nothing could be sent, or the answer was lost.
    pub fn is_transport(&self) -> bool {
        matches!(
            self,
            ErrorKind::Connect | ErrorKind::Timeout | ErrorKind::Network
        )
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::Config => "config",
            ErrorKind::Connect => "connect",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Network => "network",
            ErrorKind::Ambiguous => "ambiguous",
            ErrorKind::Duplicate => "duplicate",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::InvalidRequest => "invalid_request",
            ErrorKind::NotFound => "not_found",
            ErrorKind::InsufficientFunds => "insufficient_funds",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Rejected => "rejected",
            ErrorKind::BadSignature => "bad_signature",
            ErrorKind::MalformedResponse => "malformed_response",
        }
    }

    /// The runtime kind of a gateway error code's meaning (from the spec).
    pub fn from_spec(k: payout_spec::ErrorKind) -> Self {
        use payout_spec::ErrorKind as S;
        match k {
            S::Ambiguous => ErrorKind::Ambiguous,
            S::Duplicate => ErrorKind::Duplicate,
            S::Unauthorized => ErrorKind::Unauthorized,
            S::InvalidRequest => ErrorKind::InvalidRequest,
            S::NotFound => ErrorKind::NotFound,
            S::InsufficientFunds => ErrorKind::InsufficientFunds,
            S::RateLimited => ErrorKind::RateLimited,
            S::Rejected => ErrorKind::Rejected,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Dotted path of the field (`payoutMethod.vpa`), or empty for the request as a whole.
    pub field: String,
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

/// An error of a payout operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoutError {
    pub kind: ErrorKind,
    pub message: String,
    /// Whether a payout may exist at the gateway because of this call: the caller must
    /// query before sending the create again.
    pub may_exist: bool,
    /// The gateway's own error code and message, when it sent them. (Boxed, as
    /// `provider_ref` is: errors stay small, clippy's `result_large_err`.)
    pub provider_code: Option<Box<str>>,
    pub provider_message: Option<Box<str>>,
    pub http_status: Option<u16>,
    /// For `InvalidInput`: every field problem.
    pub fields: Vec<FieldError>,
    /// How long the gateway asked to be left alone: the `Retry-After` of the answer that
    /// gave this error (RFC 9110 §10.2.3; 429 and 503 answers carry it), as a delay from
    /// when it was received. Whoever asks again (the ledger's reconciler, an
    /// application's own loop) asks no sooner.
    pub retry_after: Option<Duration>,
    /// The gateway's id of the payout when it is known although the call failed: a step
    /// of the flow made it before the money step (Wise's transfer), so a payout in doubt
    /// can still be queried by it. (Boxed: errors stay small, clippy's `result_large_err`.)
    pub provider_ref: Option<Box<str>>,
}

impl PayoutError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        PayoutError {
            kind,
            message: message.into(),
            may_exist: false,
            provider_code: None,
            provider_message: None,
            http_status: None,
            fields: Vec::new(),
            retry_after: None,
            provider_ref: None,
        }
    }

    pub fn may_exist(mut self, yes: bool) -> Self {
        self.may_exist = yes;
        self
    }

    pub fn invalid(fields: Vec<FieldError>) -> Self {
        let message = fields
            .iter()
            .map(|f| f.to_string())
            .collect::<Vec<_>>()
            .join("; ");
        PayoutError {
            fields,
            ..PayoutError::new(ErrorKind::InvalidInput, message)
        }
    }

    pub fn config(message: impl Into<String>) -> Self {
        PayoutError::new(ErrorKind::Config, message)
    }
}

impl fmt::Display for PayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)?;
        if self.may_exist {
            f.write_str(" (the payout may exist: query before retrying)")?;
        }
        Ok(())
    }
}

impl std::error::Error for PayoutError {}

//! Errors of the runtime. Every one says whether the payout may exist at the gateway.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// What went wrong: the one list of kinds, defined by the spec crate (a gateway's error
/// codes are classed with its gateway-facing part). `as_str` is the `kind` printed by the CLI.
pub use payout_spec::ErrorKind;

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
    /// For `InvalidInput`: every field problem (a boxed slice, so that errors stay under
    /// clippy's `result_large_err` with their cause).
    pub fields: Box<[FieldError]>,
    /// How long the gateway asked to be left alone: the `Retry-After` of the answer that
    /// gave this error (RFC 9110 §10.2.3; 429 and 503 answers carry it), as a delay from
    /// when it was received. Whoever asks again (the ledger's reconciler, an
    /// application's own loop) asks no sooner.
    pub retry_after: Option<Duration>,
    /// The gateway's id of the payout when it is known although the call failed: a step
    /// of the flow made it before the money step (Wise's transfer), so a payout in doubt
    /// can still be queried by it. (Boxed: errors stay small, clippy's `result_large_err`.)
    pub provider_ref: Option<Box<str>>,
    /// The error this one comes from, when it comes from another's (the HTTP client's, the
    /// JSON reader's): what [`std::error::Error::source`] gives. Boxed, as the fields
    /// above are.
    pub cause: Option<Box<Cause>>,
}

/// The error a [`PayoutError`] comes from. Shared, so that an error stays `Clone`; two
/// causes are equal when they say the same thing.
#[derive(Debug, Clone)]
pub struct Cause(pub Arc<dyn std::error::Error + Send + Sync + 'static>);

impl PartialEq for Cause {
    fn eq(&self, other: &Cause) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0.to_string() == other.0.to_string()
    }
}

impl Eq for Cause {}

impl PayoutError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        PayoutError {
            kind,
            message: message.into(),
            may_exist: false,
            provider_code: None,
            provider_message: None,
            http_status: None,
            fields: Box::default(),
            retry_after: None,
            provider_ref: None,
            cause: None,
        }
    }

    /// The error this one comes from, kept for [`std::error::Error::source`]. It must not
    /// show a secret (a URL with a key in its query): its message is printed with the
    /// chain.
    pub fn caused_by(mut self, cause: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.cause = Some(Box::new(Cause(Arc::new(cause))));
        self
    }

    /// [`PayoutError::caused_by`], for a cause whose type was already erased.
    pub fn caused_by_boxed(mut self, cause: Box<dyn std::error::Error + Send + Sync>) -> Self {
        self.cause = Some(Box::new(Cause(Arc::from(cause))));
        self
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
            fields: fields.into_boxed_slice(),
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

impl std::error::Error for PayoutError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        let cause: &(dyn std::error::Error + 'static) = self.cause.as_deref()?.0.as_ref();
        Some(cause)
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error;

    use super::*;

    /// Clippy's `result_large_err` draws the line at 128 bytes: every `Result` of the
    /// runtime carries a `PayoutError`.
    #[test]
    fn an_error_stays_small_and_keeps_its_cause() {
        assert!(
            std::mem::size_of::<PayoutError>() < 128,
            "{}",
            std::mem::size_of::<PayoutError>()
        );
        let parse = "x".parse::<u32>().unwrap_err();
        let e = PayoutError::new(ErrorKind::MalformedResponse, "not a number").caused_by(parse);
        let source = e.source().map(ToString::to_string);
        assert_eq!(source.as_deref(), Some("invalid digit found in string"));
        assert_eq!(e.clone(), e);
        assert!(PayoutError::config("x").source().is_none());
    }
}

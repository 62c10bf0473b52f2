//! The ledger's errors.

use payout_runtime::{FieldError, PayoutError};

use crate::record::Payout;

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// The request is unusable; every field problem is listed.
    #[error("invalid payout request: {}", .0.iter().map(|f| f.to_string()).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    #[error("no gateway `{0}` is served")]
    UnknownGateway(String),
    /// The reference is taken by a different request.
    #[error("merchant reference `{}` of {} was used for a different request", .0.merchant_ref, .0.gateway)]
    Conflict(Box<Payout>),
    #[error("no payout `{1}` at {0}")]
    NotFound(String, String),
    /// A webhook that does not verify (never parsed into an event).
    #[error("webhook refused: {0}")]
    Webhook(PayoutError),
    #[error("storage: {0}")]
    Storage(String),
    #[error("configuration: {0}")]
    Config(String),
}

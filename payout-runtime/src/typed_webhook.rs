//! The typed reading of a verified webhook, the same for every gateway: a generated module
//! names its kinds of webhook ([`TypedEvent`] with its body type) and which name is which
//! kind; reading the body and the gateway's status is done here.

use payout_spec::JsonRef;

use crate::codegen::FromJson;
use crate::error::PayoutError;
use crate::unified::WebhookEvent;

/// A verified webhook of one kind: its body typed, the gateway's status typed, and the
/// unified event (with the acknowledgement to answer and the raw JSON).
///
/// The typed body is a reading of the raw JSON, which stays available as `event.body` and
/// is the source of truth: a field the spec does not list, or a value that is not of its
/// declared type, is `None` in the body but still there.
#[derive(Debug, Clone, PartialEq)]
pub struct TypedEvent<B, S> {
    /// The body's fields, typed; the raw JSON is `event.body`.
    pub body: B,
    /// The gateway's status, typed (`None` when the webhook carries none, or its
    /// signatures do not cover it).
    pub status: Option<S>,
    /// The unified event, with the acknowledgement to answer.
    pub event: WebhookEvent,
}

impl<B: FromJson + Default, S> TypedEvent<B, S> {
    /// Types a verified event: its body (from `fields`, the body as read, lent by the
    /// request), and the status the runtime read (the same value the unified status comes
    /// from), typed by `status` (the generated `Status::from_provider`) straight from its
    /// text.
    pub fn read(event: WebhookEvent, fields: &JsonRef<'_>, status: impl FnOnce(&str) -> S) -> Self {
        TypedEvent {
            body: B::from_json(fields).unwrap_or_default(),
            status: event.provider_status.as_deref().map(status),
            event,
        }
    }
}

/// The error for an event of a kind the generated module does not know (the module was
/// generated from another version of the spec than the client runs).
pub fn unknown_webhook(event: &WebhookEvent) -> PayoutError {
    PayoutError::config(format!("unknown webhook `{}`", event.webhook))
}

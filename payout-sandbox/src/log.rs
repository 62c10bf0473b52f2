//! One log line per request (`tracing`, target `payout_sandbox::log`): gateway, operation,
//! merchant reference, outcome, faults injected, latency — what an integration engineer
//! watches while pointing a client at the sandbox. A refused signature gets its own line
//! with the recipe and the string the sandbox expected to be signed, secrets redacted.

use std::time::Duration;

use axum::response::Response;

use crate::faults::Fault;
use crate::server::DropConnection;

/// What the handler learnt about a request, filled in as it goes.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    pub merchant_ref: Option<String>,
    pub faults: Vec<String>,
}

impl RequestLog {
    pub fn faults(&mut self, faults: &[Fault]) {
        self.faults = faults.iter().map(fault_name).collect();
    }
}

/// Marks a reply that refuses the request, with the kind of refusal (`unauthorized`,
/// `duplicate`, ...): its HTTP status alone may be a 200, as some gateways refuse in-band.
#[derive(Debug, Clone)]
pub(crate) struct Refused(pub payout_spec::ErrorKind);

/// The fault's name as the admin API takes it (`drop_after_store`).
fn fault_name(f: &Fault) -> String {
    serde_json::to_value(f)
        .ok()
        .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_string))
        .unwrap_or_else(|| format!("{f:?}"))
}

/// The outcome as a log reads it: `200 ok`, `401 refused: unauthorized`, `dropped`.
pub(crate) fn outcome(resp: &Response) -> String {
    if resp.extensions().get::<DropConnection>().is_some() {
        return "connection dropped".into();
    }
    let status = resp.status().as_u16();
    match resp.extensions().get::<Refused>() {
        Some(Refused(kind)) => format!(
            "{status} refused: {}",
            kind.sandbox_reply().unwrap_or(kind.as_str())
        ),
        None if resp.status().is_success() => format!("{status} ok"),
        None => format!("{status}"),
    }
}

/// The line of one request.
pub(crate) fn request(
    gateway: &str,
    operation: &str,
    log: &RequestLog,
    resp: &Response,
    latency: Duration,
) {
    // Formatting the outcome and faults costs allocations on every request: only when the
    // line is wanted.
    if !tracing::enabled!(tracing::Level::INFO) {
        return;
    }
    let faults = if log.faults.is_empty() {
        "none".to_string()
    } else {
        log.faults.join(",")
    };
    tracing::info!(
        gateway,
        operation,
        merchant_ref = log.merchant_ref.as_deref().unwrap_or("-"),
        outcome = %outcome(resp),
        faults = %faults,
        latency_ms = latency.as_millis() as u64,
        "request"
    );
}

/// The line of a refused signature.
pub(crate) fn refused_signature(
    gateway: &str,
    operation: &str,
    refusal: &payout_runtime::verify::Refusal,
) {
    tracing::warn!(
        gateway,
        operation,
        recipe = refusal.recipe.as_deref().unwrap_or("-"),
        expected_string_to_sign = refusal.expected_string_to_sign.as_deref().unwrap_or("-"),
        "refused: {}",
        refusal.message
    );
}

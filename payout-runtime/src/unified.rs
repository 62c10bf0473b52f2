//! The unified model: one vocabulary of payouts, statuses and events for every gateway,
//! and the [`PayoutProvider`] trait that generated clients and [`crate::DynamicClient`]
//! implement.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use payout_spec::{Ack, Json, JsonBody, JsonMap, PayoutStatus};
use rust_decimal::Decimal;

use crate::error::PayoutError;
use crate::extract::Extracted;
use crate::freshness::{ReplayInput, ReplayKey};

/// A boxed future, so that [`PayoutProvider`] can be used as `dyn PayoutProvider`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// An amount in a currency. The amount is an exact decimal, never a float.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    pub amount: Decimal,
    /// ISO 4217 code.
    pub currency: String,
}

impl Money {
    pub fn new(amount: Decimal, currency: impl Into<String>) -> Self {
        Money {
            amount,
            currency: currency.into(),
        }
    }

    /// `Money::parse("100.50", "INR")`; text, so that no float is ever involved.
    pub fn parse(amount: &str, currency: impl Into<String>) -> Result<Self, String> {
        let amount = Decimal::from_str_exact(amount.trim())
            .map_err(|_| format!("`{amount}` is not a decimal amount"))?;
        Ok(Money::new(amount, currency))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

/// How the money reaches the beneficiary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PayoutMethod {
    BankAccount,
    Upi,
    Wallet,
    /// A beneficiary registered at the gateway beforehand (Xettle's contacts).
    Contact,
}

impl PayoutMethod {
    const ALL: [PayoutMethod; 4] = [
        PayoutMethod::BankAccount,
        PayoutMethod::Upi,
        PayoutMethod::Wallet,
        PayoutMethod::Contact,
    ];

    /// The method a spec's name stands for (the inverse of [`PayoutMethod::as_str`]).
    pub fn from_name(name: &str) -> Option<PayoutMethod> {
        Self::ALL.into_iter().find(|m| m.as_str() == name)
    }

    /// The name specs use (`unified: bank_account`).
    pub fn as_str(&self) -> &'static str {
        match self {
            PayoutMethod::BankAccount => "bank_account",
            PayoutMethod::Upi => "upi",
            PayoutMethod::Wallet => "wallet",
            PayoutMethod::Contact => "contact",
        }
    }
}

/// Who receives the money. Gateways need different parts of it; a part the gateway's spec
/// requires but the request lacks is reported before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Beneficiary {
    pub method: Option<PayoutMethod>,
    pub name: Option<String>,
    pub account_number: Option<String>,
    /// Bank code (IFSC in India).
    pub bank_code: Option<String>,
    pub bank_name: Option<String>,
    /// UPI virtual payment address.
    pub vpa: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// A beneficiary registered at the gateway.
    pub contact_id: Option<String>,
    pub id_type: Option<String>,
    pub id_number: Option<String>,
    pub account_type: Option<String>,
}

/// A payout to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatePayout {
    /// The merchant's reference: unique per payout, it is the idempotency key.
    pub merchant_ref: String,
    pub amount: Money,
    pub beneficiary: Beneficiary,
    pub purpose: Option<String>,
    pub remark: Option<String>,
    /// Where the gateway sends webhooks for this payout, if it takes one per payout.
    pub notify_url: Option<String>,
    /// Transfer rail (`IMPS`, `NEFT`...) where the gateway asks.
    pub transfer_mode: Option<String>,
    /// Gateway-specific fields by the gateway's own names; they override unified values.
    pub extras: JsonMap,
}

impl CreatePayout {
    pub fn new(merchant_ref: impl Into<String>, amount: Money) -> Self {
        CreatePayout {
            merchant_ref: merchant_ref.into(),
            amount,
            beneficiary: Beneficiary::default(),
            purpose: None,
            remark: None,
            notify_url: None,
            transfer_mode: None,
            extras: JsonMap::default(),
        }
    }

    /// Adds a gateway-specific field.
    pub fn extra(mut self, name: impl Into<String>, value: impl Into<Json>) -> Self {
        self.extras.insert(name.into(), value.into());
        self
    }
}

/// Which payout a query is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayoutRef {
    Merchant(String),
    Provider(String),
    /// Both known; the gateway's preferred one is used.
    Both {
        merchant: String,
        provider: String,
    },
}

impl PayoutRef {
    pub fn merchant(&self) -> Option<&str> {
        match self {
            PayoutRef::Merchant(m) | PayoutRef::Both { merchant: m, .. } => Some(m),
            PayoutRef::Provider(_) => None,
        }
    }

    pub fn provider(&self) -> Option<&str> {
        match self {
            PayoutRef::Provider(p) | PayoutRef::Both { provider: p, .. } => Some(p),
            PayoutRef::Merchant(_) => None,
        }
    }
}

/// What the gateway says about a payout, after a create or a query.
#[derive(Debug, Clone, PartialEq)]
pub struct PayoutResult {
    /// The unified status; `None` when the gateway's value is not mapped by the spec (then
    /// the payout must be treated as not final).
    pub status: Option<PayoutStatus>,
    /// The gateway's own status value.
    pub provider_status: Option<String>,
    pub merchant_ref: Option<String>,
    pub provider_ref: Option<String>,
    pub amount: Option<Decimal>,
    pub fee: Option<Decimal>,
    /// Bank reference (UTR, RRN).
    pub utr: Option<String>,
    pub failure_reason: Option<String>,
    /// The gateway's JSON, numbers as sent: its text, and its tree (through `Deref`) read
    /// when first looked at.
    pub response: JsonBody,
    /// How many signatures on the response were verified.
    pub verified_signatures: usize,
}

impl PayoutResult {
    pub(crate) fn from_extracted(x: Extracted, response: JsonBody, verified: usize) -> Self {
        PayoutResult {
            status: x.status,
            provider_status: x.provider_status,
            merchant_ref: x.merchant_ref,
            provider_ref: x.provider_ref,
            amount: x.amount,
            fee: x.fee,
            utr: x.utr,
            failure_reason: x.failure_reason,
            response,
            verified_signatures: verified,
        }
    }

    /// Final by the unified status (an unmapped status is never final).
    pub fn is_final(&self) -> bool {
        self.status.is_some_and(|s| s.is_final())
    }
}

/// A verified webhook.
#[derive(Debug, Clone, PartialEq)]
pub struct WebhookEvent {
    /// The spec's name of the webhook.
    pub webhook: String,
    pub status: Option<PayoutStatus>,
    pub provider_status: Option<String>,
    pub merchant_ref: Option<String>,
    pub provider_ref: Option<String>,
    pub amount: Option<Decimal>,
    pub utr: Option<String>,
    pub failure_reason: Option<String>,
    /// The event name when the gateway sends one (`payout.transfer.success`).
    pub event: Option<String>,
    /// The body as received: its JSON tree (`event.body.get_path(..)`, through `Deref`) is
    /// read from its text when first looked at.
    pub body: JsonBody,
    /// How many signatures were verified (at least one, unless the spec has none).
    pub verified_signatures: usize,
    /// What to answer the gateway: the spec's, shared by every event of the webhook.
    pub ack: Arc<Ack>,
    /// What identifies this delivery is made from (its signed nonce, or the declared
    /// headers and the body): [`WebhookEvent::replay_key`] computes the key.
    pub replay: ReplayInput,
}

impl WebhookEvent {
    /// What identifies this delivery (its signed nonce, or a SHA-256 of the headers the spec
    /// declares and the body): the key a durable receiver records so that the same webhook
    /// is not acted on twice. Computed when asked for (each call computes it again), so a
    /// receiver that keeps no replay store does not pay for the digest.
    pub fn replay_key(&self) -> ReplayKey {
        self.replay.replay_key()
    }
}

/// A webhook as the merchant's server received it.
#[derive(Debug, Clone, Copy)]
pub struct WebhookRequest<'a> {
    /// The URL it was delivered to (the notify URL). Some gateways sign a webhook over it,
    /// as they sign a request over its URL.
    pub url: Option<&'a str>,
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

impl<'a> WebhookRequest<'a> {
    pub fn new(headers: &'a [(String, String)], body: &'a [u8]) -> Self {
        WebhookRequest {
            url: None,
            headers,
            body,
        }
    }

    /// The URL the webhook was delivered to.
    pub fn at(mut self, url: &'a str) -> Self {
        self.url = Some(url);
        self
    }
}

/// The operations a gateway may support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Capability {
    Create,
    Query,
    Webhooks,
}

/// A payout gateway, whatever its API: implemented by every generated client and by
/// [`crate::DynamicClient`], so applications can hold several in one collection.
pub trait PayoutProvider: Send + Sync {
    /// The spec's provider id (`cashy`).
    fn provider_id(&self) -> &str;

    /// Whether the gateway has this operation. The others return `Unsupported`.
    fn supports(&self, capability: Capability) -> bool;

    /// Creates a payout. Never retried automatically: an error with `may_exist` means the
    /// caller must query before sending it again.
    fn create_payout<'a>(
        &'a self,
        request: &'a CreatePayout,
    ) -> BoxFuture<'a, Result<PayoutResult, PayoutError>>;

    /// Queries a payout (retried with backoff on transient failures).
    fn query_payout<'a>(
        &'a self,
        reference: &'a PayoutRef,
    ) -> BoxFuture<'a, Result<PayoutResult, PayoutError>>;

    /// Verifies a webhook and reads it. One that does not verify is an error, never an event.
    fn parse_webhook(&self, request: &WebhookRequest<'_>) -> Result<WebhookEvent, PayoutError>;

    /// [`PayoutProvider::parse_webhook`], for every gateway: also those that verify a
    /// webhook only by sending it back to them (PayPal), which needs a call.
    fn verify_webhook<'a>(
        &'a self,
        request: WebhookRequest<'a>,
    ) -> BoxFuture<'a, Result<WebhookEvent, PayoutError>> {
        Box::pin(async move { self.parse_webhook(&request) })
    }
}

/// Why an observed status should be believed: the one input of [`transition`] besides the
/// statuses themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Evidence {
    /// A webhook or an answer that may be late, replayed or out of order.
    Report,
    /// The spec marks this status or its reason as a reversal (a status mapped to
    /// `reversed`, or a reason such as Cashy's `PAYMENT_OFFSET` that the spec maps to
    /// `reversed` anywhere): the gateway changed its mind on purpose.
    Reversal,
    /// The gateway confirmed it just now: a query answered with this status.
    Confirmed,
}

/// The status rule, in one place for every caller ([`StatusTracker`], the ledger):
///
/// - the same status again is a duplicate;
/// - a non-final status never overwrites a final one, and an earlier non-final status
///   (pending) never overwrites a later one (processing) unless the gateway confirms it;
/// - a final status changes to another final one only with evidence: a reversal the spec
///   marks (succeeded → reversed, Cashy's failure → success with `PAYMENT_OFFSET`), or a
///   query that agrees. Without it, the change is `Unconfirmed` and the current status
///   stays — a late or replayed webhook cannot flip a payout. Reversed and cancelled are
///   the end unless a query says otherwise.
pub fn transition(current: Option<PayoutStatus>, new: PayoutStatus, evidence: Evidence) -> Applied {
    use PayoutStatus::*;
    let Some(cur) = current else {
        return Applied::Changed;
    };
    if cur == new {
        return Applied::Same;
    }
    match (cur.is_final(), new.is_final()) {
        (true, false) => Applied::Stale,
        (false, true) => Applied::Changed,
        (false, false) => {
            if cur == Processing && new == Pending && evidence != Evidence::Confirmed {
                Applied::Stale
            } else {
                Applied::Changed
            }
        }
        (true, true) => match evidence {
            Evidence::Confirmed => Applied::Changed,
            Evidence::Reversal if !matches!(cur, Reversed | Cancelled) => Applied::Changed,
            _ if new == Reversed && cur == Succeeded => Applied::Changed,
            _ if matches!(cur, Reversed | Cancelled) => Applied::Stale,
            _ => Applied::Unconfirmed,
        },
    }
}

/// Whether the spec marks this observation as a reversal: its status maps to `reversed`,
/// or its reason is one the spec maps to `reversed` under any status (Cashy's
/// `PAYMENT_OFFSET` reverses a failure into a success as well as a success into a failure).
pub fn marked_reversal(
    spec: &payout_spec::Spec,
    status: Option<PayoutStatus>,
    reason: Option<&str>,
) -> bool {
    if status == Some(PayoutStatus::Reversed) {
        return true;
    }
    reason.is_some_and(|r| {
        spec.statuses
            .values()
            .any(|e| e.0.reasons.get(r) == Some(&PayoutStatus::Reversed))
    })
}

/// A payout's status over time, applying [`transition`]: an older, non-final status never
/// overwrites a newer final one, and a final status changes to another final one only with
/// evidence (a reversal the spec marks, or a query that agrees).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusTracker {
    history: Vec<PayoutStatus>,
}

/// What [`StatusTracker::apply`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The status changed.
    Changed,
    /// The same status again (a duplicate webhook).
    Same,
    /// A non-final status arrived after a final one: stale, ignored.
    Stale,
    /// A final status would change to another without evidence: kept as it is until a
    /// query confirms the change.
    Unconfirmed,
}

impl StatusTracker {
    pub fn new() -> Self {
        StatusTracker::default()
    }

    pub fn current(&self) -> Option<PayoutStatus> {
        self.history.last().copied()
    }

    /// Every status taken, in order.
    pub fn history(&self) -> &[PayoutStatus] {
        &self.history
    }

    /// Applies a status reported by a webhook or an answer ([`Evidence::Report`]).
    pub fn apply(&mut self, status: PayoutStatus) -> Applied {
        self.apply_with(status, Evidence::Report)
    }

    /// Applies a status with the evidence behind it (a query's answer is
    /// [`Evidence::Confirmed`]; see [`marked_reversal`]).
    pub fn apply_with(&mut self, status: PayoutStatus, evidence: Evidence) -> Applied {
        let applied = transition(self.current(), status, evidence);
        if applied == Applied::Changed {
            self.history.push(status);
        }
        applied
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PayoutStatus::*;

    #[test]
    fn a_late_non_final_status_does_not_undo_a_final_one() {
        let mut t = StatusTracker::new();
        assert_eq!(t.apply(Pending), Applied::Changed);
        assert_eq!(t.apply(Succeeded), Applied::Changed);
        assert_eq!(t.apply(Processing), Applied::Stale);
        assert_eq!(t.apply(Succeeded), Applied::Same);
        assert_eq!(t.apply(Reversed), Applied::Changed);
        assert_eq!(t.history(), &[Pending, Succeeded, Reversed]);
    }

    #[test]
    fn a_reversal_is_the_end() {
        let mut t = StatusTracker::new();
        t.apply(Succeeded);
        t.apply(Reversed);
        assert_eq!(
            t.apply(Succeeded),
            Applied::Stale,
            "a late success after a reversal"
        );
        assert_eq!(t.current(), Some(Reversed));
        let mut c = StatusTracker::new();
        c.apply(Cancelled);
        assert_eq!(c.apply(Failed), Applied::Stale);
    }

    #[test]
    fn a_failure_turns_into_a_success_only_with_evidence() {
        let mut t = StatusTracker::new();
        t.apply(Failed);
        assert_eq!(t.apply(Succeeded), Applied::Unconfirmed);
        assert_eq!(t.current(), Some(Failed));
        assert_eq!(
            t.apply_with(Succeeded, Evidence::Reversal),
            Applied::Changed
        );
        assert_eq!(t.current(), Some(Succeeded));
        let mut q = StatusTracker::new();
        q.apply(Failed);
        assert_eq!(
            q.apply_with(Succeeded, Evidence::Confirmed),
            Applied::Changed
        );
    }

    /// The trial's bug: Cashy's FAIL webhook is refused once, the gateway turns the payout
    /// into a success, then retries the old FAIL. The payout stays succeeded.
    #[test]
    fn a_replayed_failure_does_not_flip_a_success() {
        let mut t = StatusTracker::new();
        t.apply(Pending);
        assert_eq!(t.apply(Succeeded), Applied::Changed);
        assert_eq!(t.apply(Failed), Applied::Unconfirmed);
        assert_eq!(t.current(), Some(Succeeded));
        assert_eq!(t.history(), &[Pending, Succeeded]);
    }

    #[test]
    fn an_earlier_non_final_status_does_not_undo_a_later_one() {
        assert_eq!(
            transition(Some(Processing), Pending, Evidence::Report),
            Applied::Stale
        );
        assert_eq!(
            transition(Some(Pending), Processing, Evidence::Report),
            Applied::Changed
        );
        assert_eq!(transition(None, Failed, Evidence::Report), Applied::Changed);
    }

    #[test]
    fn unified_statuses_print_in_the_contract_form() {
        let names: Vec<String> = PayoutStatus::ALL.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            names,
            [
                "pending",
                "processing",
                "succeeded",
                "failed",
                "reversed",
                "cancelled"
            ]
        );
    }

    #[test]
    fn money_parses_exactly() {
        let m = Money::parse("12345678901234567.89", "INR").unwrap();
        assert_eq!(m.amount.to_string(), "12345678901234567.89");
        assert!(Money::parse("1e3", "INR").is_err());
    }
}

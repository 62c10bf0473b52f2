//! The unified model: one vocabulary of payouts, statuses and events for every gateway,
//! and the [`PayoutProvider`] trait that generated clients and [`crate::DynamicClient`]
//! implement.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use indexmap::IndexMap;
use payout_spec::{Ack, Json, PayoutStatus};
use rust_decimal::Decimal;

use crate::error::PayoutError;
use crate::extract::Extracted;

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
    pub extras: IndexMap<String, Json>,
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
            extras: IndexMap::new(),
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
    /// The gateway's JSON, numbers as sent.
    pub response: Json,
    /// How many signatures on the response were verified.
    pub verified_signatures: usize,
}

impl PayoutResult {
    pub(crate) fn from_extracted(x: Extracted, response: Json, verified: usize) -> Self {
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
    pub body: Json,
    /// How many signatures were verified (at least one, unless the spec has none).
    pub verified_signatures: usize,
    /// What to answer the gateway.
    pub ack: Ack,
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

/// A payout's status over time, applying the rule that an older, non-final status never
/// overwrites a newer final one, while a final status can still change to another final
/// one (a paid payout reversed; Cashy even turns a failure into a success).
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

    /// A final status changes only the ways gateways change it: paid to reversed (or to
    /// failed, Cashy's reversal without a reason), failed to paid. Reversed and cancelled are
    /// the end; a late `succeeded` after a reversal is a stale webhook.
    pub fn apply(&mut self, status: PayoutStatus) -> Applied {
        use PayoutStatus::*;
        match self.current() {
            Some(cur) if cur == status => Applied::Same,
            Some(cur) if cur.is_final() && !status.is_final() => Applied::Stale,
            Some(Reversed | Cancelled) => Applied::Stale,
            _ => {
                self.history.push(status);
                Applied::Changed
            }
        }
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
    fn a_failure_can_turn_into_a_success() {
        let mut t = StatusTracker::new();
        t.apply(Failed);
        assert_eq!(t.apply(Succeeded), Applied::Changed);
        assert_eq!(t.current(), Some(Succeeded));
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

//! What the ledger keeps: a payout, the observations of it, and the status vocabulary of the
//! ledger (the unified statuses plus the three a payout has before the gateway answers).

use std::fmt;
use std::str::FromStr;

use payout_runtime::PayoutStatus;
use serde_json::json;

/// A payout's status in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// The intent is committed; the create is being sent.
    Submitting,
    /// The create may have made a payout; the reconciler resolves it, never by resending
    /// blindly.
    InDoubt,
    /// The gateway clearly refused: nothing exists.
    Refused,
    Pending,
    Processing,
    Succeeded,
    Failed,
    Reversed,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Submitting,
        Status::InDoubt,
        Status::Refused,
        Status::Pending,
        Status::Processing,
        Status::Succeeded,
        Status::Failed,
        Status::Reversed,
        Status::Cancelled,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Submitting => "submitting",
            Status::InDoubt => "in_doubt",
            Status::Refused => "refused",
            Status::Pending => "pending",
            Status::Processing => "processing",
            Status::Succeeded => "succeeded",
            Status::Failed => "failed",
            Status::Reversed => "reversed",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn from_unified(s: PayoutStatus) -> Status {
        match s {
            PayoutStatus::Pending => Status::Pending,
            PayoutStatus::Processing => Status::Processing,
            PayoutStatus::Succeeded => Status::Succeeded,
            PayoutStatus::Failed => Status::Failed,
            PayoutStatus::Reversed => Status::Reversed,
            PayoutStatus::Cancelled => Status::Cancelled,
        }
    }

    /// The unified status, once the gateway has said something about the payout.
    pub fn unified(&self) -> Option<PayoutStatus> {
        match self {
            Status::Submitting | Status::InDoubt | Status::Refused => None,
            Status::Pending => Some(PayoutStatus::Pending),
            Status::Processing => Some(PayoutStatus::Processing),
            Status::Succeeded => Some(PayoutStatus::Succeeded),
            Status::Failed => Some(PayoutStatus::Failed),
            Status::Reversed => Some(PayoutStatus::Reversed),
            Status::Cancelled => Some(PayoutStatus::Cancelled),
        }
    }

    /// Nothing more is expected: a final unified status, or refused.
    pub fn is_final(&self) -> bool {
        *self == Status::Refused || self.unified().is_some_and(|u| u.is_final())
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Status::ALL
            .into_iter()
            .find(|x| x.as_str() == s)
            .ok_or_else(|| format!("`{s}` is not a ledger status"))
    }
}

/// Where an observation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// The answer (or the failure) of the create.
    Create,
    /// A create sent again to learn whether the first one made a payout (only to gateways
    /// that refuse a duplicate reference recognisably).
    Probe,
    Query,
    Webhook,
    /// A create found unfinished (its sender died or lost its lease).
    Recovery,
    /// The reconciler's own judgement (a deadline passed).
    Reconciler,
}

impl Source {
    pub fn as_str(&self) -> &'static str {
        match self {
            Source::Create => "create",
            Source::Probe => "probe",
            Source::Query => "query",
            Source::Webhook => "webhook",
            Source::Recovery => "recovery",
            Source::Reconciler => "reconciler",
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing learnt about a payout, kept whether or not it changed the status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub at_ms: i64,
    pub source: String,
    /// The status this observation stands for (`in_doubt` for an ambiguous create), if any.
    pub status: Option<String>,
    pub provider_status: Option<String>,
    pub reason: Option<String>,
    /// What the status rule did with it (`changed`, `same`, `stale`, `unconfirmed`, `noted`;
    /// `superseded`: a query answer that came back after the payout changed, not applied).
    pub applied: String,
    /// Evidence for a person: the error, the provider reference learnt.
    pub detail: Option<String>,
}

/// A payout as the ledger keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payout {
    pub id: i64,
    pub gateway: String,
    pub merchant_ref: String,
    /// SHA-256 of the request's canonical form: the same reference with another request is
    /// a conflict.
    pub fingerprint: String,
    /// The request as received (canonical JSON), kept to probe with the very same create.
    pub request: String,
    pub amount: String,
    pub currency: String,
    pub provider_ref: Option<String>,
    pub status: Status,
    pub provider_status: Option<String>,
    pub reason: Option<String>,
    /// Creates sent (the first, and any duplicate probe).
    pub attempts: i64,
    /// Reconciler checks done.
    pub checks: i64,
    pub next_check_ms: Option<i64>,
    pub doubt_since_ms: Option<i64>,
    pub created_ms: i64,
    pub updated_ms: i64,
    /// Filled when the payout is read with its history.
    pub history: Vec<Observation>,
}

/// Epoch milliseconds as RFC 3339 (UTC, milliseconds).
pub fn rfc3339(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Payout {
    /// The contract's JSON: `{"gateway", "merchant_ref", "provider_ref", "status",
    /// "provider_status", "history": [{"at", "source", "status", "provider_status"}]}`, plus
    /// the amount, reason and counters.
    pub fn to_json(&self) -> serde_json::Value {
        let history: Vec<serde_json::Value> = self
            .history
            .iter()
            .map(|o| {
                json!({
                    "at": rfc3339(o.at_ms),
                    "source": o.source,
                    "status": o.status,
                    "provider_status": o.provider_status,
                    "reason": o.reason,
                    "applied": o.applied,
                    "detail": o.detail,
                })
            })
            .collect();
        json!({
            "gateway": self.gateway,
            "merchant_ref": self.merchant_ref,
            "provider_ref": self.provider_ref,
            "status": self.status.as_str(),
            "provider_status": self.provider_status,
            "reason": self.reason,
            "amount": self.amount,
            "currency": self.currency,
            "attempts": self.attempts,
            "created_at": rfc3339(self.created_ms),
            "updated_at": rfc3339(self.updated_ms),
            "history": history,
        })
    }
}

/// A status change, as the application reads it from the event log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Increases with every event; read the log after the last cursor you handled.
    pub cursor: i64,
    pub gateway: String,
    pub merchant_ref: String,
    pub status: Status,
    pub previous: Option<Status>,
    pub provider_status: Option<String>,
    pub source: String,
    pub at_ms: i64,
}

impl Event {
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "cursor": self.cursor,
            "gateway": self.gateway,
            "merchant_ref": self.merchant_ref,
            "status": self.status.as_str(),
            "previous": self.previous.map(|p| p.as_str()),
            "provider_status": self.provider_status,
            "source": self.source,
            "at": rfc3339(self.at_ms),
        })
    }
}

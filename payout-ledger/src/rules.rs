//! The ledger's status rule: what one observation does to a payout. Pure: the store calls
//! it inside the transaction that holds the payout's row, so every writer (create,
//! webhook, reconciler, on any instance) goes through this one function, and the unified
//! part of it is the runtime's [`payout_runtime::transition`].

use payout_runtime::{transition, Applied, Evidence, PayoutStatus};

use crate::record::{Payout, Source, Status};

/// What was learnt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// The gateway reported a status (`None`: a value the spec does not map; never final).
    Status {
        status: Option<PayoutStatus>,
        provider_status: Option<String>,
        reason: Option<String>,
        evidence: Evidence,
    },
    /// The gateway says the payout exists (a duplicate answer to a probe), status unknown.
    /// `followable`: the ledger can ask for its status (a query by merchant reference), so
    /// it is `pending` until asked; otherwise it stays `in_doubt` with this evidence, for
    /// a webhook or a person (Xettle, whose query needs the reference the lost answer
    /// carried).
    Exists { followable: bool },
    /// The create may have made a payout (timeout, 5xx, lost connection, ambiguous code).
    Ambiguous,
    /// The gateway clearly refused the create: nothing exists.
    Refused,
    /// A query found no such payout.
    NotFound,
    /// Nothing learnt (a query that failed); only the next check is rescheduled.
    Nothing,
}

/// One observation, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub source: Source,
    pub seen: Seen,
    pub provider_ref: Option<String>,
    pub detail: Option<String>,
}

/// What applying an observation does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub status: Status,
    pub provider_status: Option<String>,
    pub reason: Option<String>,
    /// `changed`, `same`, `stale`, `unconfirmed`, `noted`.
    pub applied: &'static str,
    /// A final status would change without evidence: query the gateway to confirm.
    pub confirm: bool,
    pub doubt_since_ms: Option<i64>,
}

impl Decision {
    pub fn changed(&self) -> bool {
        self.applied == "changed"
    }
}

/// How long a query's "not found" must hold after the doubt began before the payout is
/// judged never created (a create still in flight may land after an early query).
pub fn decide(p: &Payout, o: &Observed, now_ms: i64, not_found_grace_ms: i64) -> Decision {
    let keep = |applied: &'static str| Decision {
        status: p.status,
        provider_status: p.provider_status.clone(),
        reason: p.reason.clone(),
        applied,
        confirm: false,
        doubt_since_ms: p.doubt_since_ms,
    };
    let to = |status: Status, reason: Option<String>| Decision {
        status,
        provider_status: p.provider_status.clone(),
        reason,
        applied: "changed",
        confirm: false,
        doubt_since_ms: p.doubt_since_ms,
    };
    // Before the gateway said anything, any report that the payout exists is the truth,
    // even over a refusal (the gateway knows better than our reading of its answer).
    let unknown = matches!(
        p.status,
        Status::Submitting | Status::InDoubt | Status::Refused
    );
    match &o.seen {
        Seen::Status {
            status,
            provider_status,
            reason,
            evidence,
        } => {
            let Some(new) = status else {
                // An unmapped value: the payout exists and is not final.
                let mut d = if unknown {
                    to(Status::Pending, reason.clone())
                } else if p.status.is_final() {
                    return keep("stale");
                } else {
                    keep("noted")
                };
                d.provider_status = provider_status.clone();
                return d;
            };
            let applied = if unknown {
                Applied::Changed
            } else {
                transition(p.status.unified(), *new, *evidence)
            };
            match applied {
                Applied::Changed => Decision {
                    status: Status::from_unified(*new),
                    provider_status: provider_status.clone(),
                    reason: reason.clone(),
                    applied: "changed",
                    confirm: false,
                    doubt_since_ms: None,
                },
                Applied::Same => {
                    let mut d = keep("same");
                    d.provider_status = provider_status.clone().or(d.provider_status);
                    d
                }
                Applied::Stale => keep("stale"),
                Applied::Unconfirmed => {
                    let mut d = keep("unconfirmed");
                    d.confirm = true;
                    d
                }
            }
        }
        Seen::Exists { followable: true } if unknown => Decision {
            doubt_since_ms: None,
            ..to(Status::Pending, None)
        },
        Seen::Exists { followable: false } if p.status == Status::InDoubt => Decision {
            reason: o.detail.clone(),
            ..keep("noted")
        },
        Seen::Ambiguous if p.status == Status::Submitting => Decision {
            doubt_since_ms: Some(now_ms),
            ..to(Status::InDoubt, o.detail.clone())
        },
        Seen::Refused if p.status == Status::Submitting => to(Status::Refused, o.detail.clone()),
        // A probe refused for another reason says nothing about the earlier attempt.
        Seen::NotFound
            if p.status == Status::InDoubt
                && p.doubt_since_ms
                    .is_some_and(|t| now_ms - t >= not_found_grace_ms) =>
        {
            Decision {
                doubt_since_ms: None,
                ..to(
                    Status::Refused,
                    Some("the gateway has no such payout".into()),
                )
            }
        }
        _ => keep("noted"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payout(status: Status) -> Payout {
        Payout {
            id: 1,
            gateway: "cashy".into(),
            merchant_ref: "R".into(),
            fingerprint: String::new(),
            request: String::new(),
            amount: "1".into(),
            currency: "INR".into(),
            provider_ref: None,
            status,
            provider_status: None,
            reason: None,
            attempts: 1,
            checks: 0,
            next_check_ms: None,
            doubt_since_ms: Some(0),
            created_ms: 0,
            updated_ms: 0,
            history: vec![],
        }
    }

    fn webhook(s: PayoutStatus, evidence: Evidence) -> Observed {
        Observed {
            source: Source::Webhook,
            seen: Seen::Status {
                status: Some(s),
                provider_status: Some(s.to_string().to_uppercase()),
                reason: None,
                evidence,
            },
            provider_ref: None,
            detail: None,
        }
    }

    #[test]
    fn a_late_failure_asks_for_a_query_and_changes_nothing() {
        let d = decide(
            &payout(Status::Succeeded),
            &webhook(PayoutStatus::Failed, Evidence::Report),
            5,
            0,
        );
        assert_eq!(
            (d.status, d.applied, d.confirm),
            (Status::Succeeded, "unconfirmed", true)
        );
        let d = decide(
            &payout(Status::Succeeded),
            &webhook(PayoutStatus::Failed, Evidence::Confirmed),
            5,
            0,
        );
        assert_eq!((d.status, d.applied), (Status::Failed, "changed"));
    }

    #[test]
    fn doubt_is_resolved_only_by_the_gateway() {
        let amb = Observed {
            source: Source::Create,
            seen: Seen::Ambiguous,
            provider_ref: None,
            detail: Some("timeout".into()),
        };
        let d = decide(&payout(Status::Submitting), &amb, 7, 0);
        assert_eq!((d.status, d.doubt_since_ms), (Status::InDoubt, Some(7)));
        let refused = Observed {
            seen: Seen::Refused,
            ..amb.clone()
        };
        assert_eq!(
            decide(&payout(Status::InDoubt), &refused, 7, 0).status,
            Status::InDoubt
        );
        assert_eq!(
            decide(&payout(Status::Submitting), &refused, 7, 0).status,
            Status::Refused
        );
        let nf = Observed {
            seen: Seen::NotFound,
            ..amb.clone()
        };
        assert_eq!(
            decide(&payout(Status::InDoubt), &nf, 7, 100).status,
            Status::InDoubt
        );
        assert_eq!(
            decide(&payout(Status::InDoubt), &nf, 700, 100).status,
            Status::Refused
        );
        let exists = Observed {
            seen: Seen::Exists { followable: true },
            ..amb.clone()
        };
        assert_eq!(
            decide(&payout(Status::InDoubt), &exists, 7, 0).status,
            Status::Pending
        );
        // Known to exist, but nothing can ask for its status: still in doubt, with why.
        let unknowable = Observed {
            seen: Seen::Exists { followable: false },
            detail: Some("exists".into()),
            ..amb
        };
        let d = decide(&payout(Status::InDoubt), &unknowable, 7, 0);
        assert_eq!(
            (d.status, d.reason.as_deref(), d.applied),
            (Status::InDoubt, Some("exists"), "noted")
        );
        assert_eq!(
            decide(&payout(Status::Succeeded), &exists, 7, 0).status,
            Status::Succeeded
        );
    }
}

//! Faults the sandbox injects, per request or by probability, to show how a client behaves
//! when a gateway misbehaves.

use std::time::Duration;

use payout_runtime::source::{Entropy, OsEntropy};
use payout_spec::ErrorKind;
use serde::{Deserialize, Serialize};

/// Something going wrong.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Fault {
    /// Answer only after this long (a client timeout).
    Delay { millis: u64 },
    /// Refuse the request with the gateway's error of this kind (its reply in `sandbox.errors`:
    /// `invalid_request`, `unauthorized`, ...), before anything is stored; signed like the
    /// gateway's answers (wrongly, with `wrong_signature` too).
    Refuse { error: ErrorKind },
    /// Answer with this HTTP status (429 or 503) and `Retry-After: {retry_after}` (seconds
    /// or an HTTP-date), before anything is stored: a gateway asking to be left alone.
    Throttle { status: u16, retry_after: String },
    /// Answer with an HTTP 5xx after the payout was stored.
    ServerError,
    /// Answer with the gateway's own system-error reply (`sandbox.errors.server_error`,
    /// with its HTTP status: Cashy says `code: 500` in a 200) after the payout was stored.
    SystemError,
    /// Close the connection without an answer, before the payout is stored.
    DropBeforeStore,
    /// Close the connection without an answer, after the payout is stored.
    DropAfterStore,
    /// Answer 200 with a body that is not JSON.
    MalformedBody,
    /// Answer with a response signature that does not match.
    WrongSignature,
    /// Deliver each webhook twice.
    DuplicateWebhook,
    /// After a final status, deliver the previous status again (out of order).
    OutOfOrderWebhook,
    /// Once the payout is paid, the gateway reverses it (the bank returned the money) and
    /// sends the reversal webhook.
    ReversalWebhook,
}

impl Fault {
    pub fn delay(d: Duration) -> Self {
        Fault::Delay {
            millis: d.as_millis() as u64,
        }
    }

    /// When a fault is drawn: per request, per webhook, or when a payout is paid.
    fn moment(&self) -> Moment {
        match self {
            Fault::DuplicateWebhook | Fault::OutOfOrderWebhook => Moment::Webhook,
            Fault::ReversalWebhook => Moment::Paid,
            _ => Moment::Request,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Moment {
    Request,
    Webhook,
    Paid,
}

/// When a fault applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaultRule {
    #[serde(flatten)]
    pub fault: Fault,
    /// Only for this operation (by the spec's name).
    #[serde(default)]
    pub operation: Option<String>,
    /// Only for this merchant reference.
    #[serde(default)]
    pub merchant_ref: Option<String>,
    /// Chance of applying to a matching request, 0 to 1.
    #[serde(default = "always")]
    pub probability: f64,
    /// How many more times it may apply (none: unlimited).
    #[serde(default)]
    pub times: Option<u32>,
}

fn always() -> f64 {
    1.0
}

impl FaultRule {
    /// A fault that applies to every matching request, forever.
    pub fn always(fault: Fault) -> Self {
        FaultRule {
            fault,
            operation: None,
            merchant_ref: None,
            probability: 1.0,
            times: None,
        }
    }

    pub fn for_ref(mut self, merchant_ref: impl Into<String>) -> Self {
        self.merchant_ref = Some(merchant_ref.into());
        self
    }

    pub fn for_operation(mut self, op: impl Into<String>) -> Self {
        self.operation = Some(op.into());
        self
    }

    pub fn once(mut self) -> Self {
        self.times = Some(1);
        self
    }

    fn matches(&self, op: Option<&str>, merchant_ref: Option<&str>) -> bool {
        let op_ok = match (&self.operation, op) {
            (Some(want), Some(got)) => want == got,
            (Some(_), None) => false,
            (None, _) => true,
        };
        let ref_ok = match (&self.merchant_ref, merchant_ref) {
            (Some(want), Some(got)) => want == got,
            (Some(_), None) => false,
            (None, _) => true,
        };
        op_ok && ref_ok && self.times != Some(0)
    }
}

/// The rules in force at one gateway.
#[derive(Debug, Default)]
pub struct Faults {
    rules: Vec<FaultRule>,
}

impl Faults {
    pub fn add(&mut self, rule: FaultRule) {
        self.rules.push(rule);
    }

    pub fn clear(&mut self) {
        self.rules.clear();
    }

    pub fn rules(&self) -> &[FaultRule] {
        &self.rules
    }

    /// The request faults that fire for this request (used up as they fire).
    pub fn take(&mut self, op: &str, merchant_ref: Option<&str>) -> Vec<Fault> {
        self.fire(Some(op), merchant_ref, Moment::Request)
    }

    /// The webhook faults that fire for this payout.
    pub fn take_webhook(&mut self, merchant_ref: &str) -> Vec<Fault> {
        self.fire(None, Some(merchant_ref), Moment::Webhook)
    }

    /// The faults that fire when this payout has just been paid.
    pub fn take_paid(&mut self, merchant_ref: &str) -> Vec<Fault> {
        self.fire(None, Some(merchant_ref), Moment::Paid)
    }

    fn fire(&mut self, op: Option<&str>, merchant_ref: Option<&str>, at: Moment) -> Vec<Fault> {
        let mut out = Vec::new();
        for rule in &mut self.rules {
            if rule.fault.moment() != at || !rule.matches(op, merchant_ref) {
                continue;
            }
            if rule.probability < 1.0 && random_unit() >= rule.probability {
                continue;
            }
            if let Some(t) = &mut rule.times {
                *t -= 1;
            }
            out.push(rule.fault.clone());
        }
        out
    }
}

/// A random number in [0, 1).
fn random_unit() -> f64 {
    let mut b = [0u8; 8];
    if OsEntropy.fill(&mut b).is_err() {
        return 0.0;
    }
    (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_match_and_wear_out() {
        let mut f = Faults::default();
        f.add(FaultRule::always(Fault::ServerError).for_ref("A").once());
        f.add(FaultRule::always(Fault::DuplicateWebhook));
        assert!(f.take("create_payout", Some("B")).is_empty());
        assert_eq!(f.take("create_payout", Some("A")), vec![Fault::ServerError]);
        assert!(f.take("create_payout", Some("A")).is_empty());
        assert_eq!(f.take_webhook("A"), vec![Fault::DuplicateWebhook]);
    }

    #[test]
    fn a_probability_fires_about_that_often() {
        let mut f = Faults::default();
        f.add(FaultRule {
            probability: 0.5,
            ..FaultRule::always(Fault::ServerError)
        });
        let fired = (0..400).filter(|_| !f.take("x", None).is_empty()).count();
        // Binomial(400, 0.5): mean 200, sd 10; outside 130..270 by chance is p < 1e-11.
        assert!((130..270).contains(&fired), "{fired} of 400");
    }

    #[test]
    fn a_reversal_waits_for_the_payout_to_be_paid() {
        let mut f = Faults::default();
        f.add(
            FaultRule::always(Fault::ReversalWebhook)
                .for_ref("A")
                .once(),
        );
        assert!(f.take("create_payout", Some("A")).is_empty());
        assert!(f.take_webhook("A").is_empty());
        assert!(f.take_paid("B").is_empty());
        assert_eq!(f.take_paid("A"), vec![Fault::ReversalWebhook]);
        assert!(f.take_paid("A").is_empty());
    }

    #[test]
    fn rules_read_from_json() {
        let r: FaultRule = serde_json::from_str(
            r#"{"kind":"delay","millis":50,"operation":"create_payout","probability":0.5}"#,
        )
        .unwrap();
        assert_eq!(r.fault, Fault::Delay { millis: 50 });
        assert_eq!(r.probability, 0.5);
        let r: FaultRule =
            serde_json::from_str(r#"{"kind":"refuse","error":"invalid_request"}"#).unwrap();
        assert_eq!(
            r.fault,
            Fault::Refuse {
                error: ErrorKind::InvalidRequest
            }
        );
        assert_eq!(r.probability, 1.0);
        let never = FaultRule {
            probability: 0.0,
            ..FaultRule::always(Fault::ServerError)
        };
        let mut f = Faults::default();
        f.add(never);
        assert!(f.take("x", None).is_empty());
    }
}

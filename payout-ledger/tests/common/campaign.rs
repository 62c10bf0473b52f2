//! The fault campaign: many payouts through `payout serve` (the ledger's HTTP service)
//! against the sandbox, each payout with faults drawn from a seeded generator, then a
//! comparison of the ledger with the sandbox's truth.
//!
//! Faults drawn per payout (probabilities in [`Mix`]): 5xx and the gateway's own system
//! error after storing, connections dropped before and after storing, answers slower than
//! the client's timeout, malformed and wrongly signed answers, clear refusals, a failed
//! query; duplicate, out-of-order and late webhooks, reversals of paid payouts, and the
//! same request sent twice by the application.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use payout_sandbox::{Fault, FaultRule, Options, Outcome};
use serde_json::Value;

use super::{payout_json, test_config, World, CREATORS};

/// SplitMix64: a fixed seed gives the same faults on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// True with probability `p` (in per mille, to keep floats out).
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.next_u64() % 1000 < per_mille
    }
}

/// Per-mille chances of each fault.
#[derive(Debug, Clone)]
pub struct Mix {
    pub server_error: u64,
    pub system_error: u64,
    pub drop_before_store: u64,
    pub drop_after_store: u64,
    pub timeout: u64,
    pub malformed: u64,
    pub wrong_signature: u64,
    pub refuse: u64,
    pub query_fails: u64,
    pub duplicate_webhook: u64,
    pub out_of_order_webhook: u64,
    pub reversal: u64,
    pub fail: u64,
    pub resubmit: u64,
    /// A webhook forged by someone else (no valid signature) claiming the payout succeeded.
    pub forged_webhook: u64,
}

impl Mix {
    pub fn faults() -> Mix {
        Mix {
            server_error: 40,
            system_error: 30,
            drop_before_store: 40,
            drop_after_store: 50,
            timeout: 10,
            malformed: 30,
            wrong_signature: 30,
            refuse: 30,
            query_fails: 100,
            duplicate_webhook: 100,
            out_of_order_webhook: 100,
            reversal: 50,
            fail: 200,
            resubmit: 50,
            forged_webhook: 50,
        }
    }

    pub fn none() -> Mix {
        Mix {
            server_error: 0,
            system_error: 0,
            drop_before_store: 0,
            drop_after_store: 0,
            timeout: 0,
            malformed: 0,
            wrong_signature: 0,
            refuse: 0,
            query_fails: 0,
            duplicate_webhook: 0,
            out_of_order_webhook: 0,
            reversal: 0,
            fail: 0,
            resubmit: 0,
            forged_webhook: 0,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub payouts: usize,
    pub seed: u64,
    pub concurrency: usize,
    pub mix: Mix,
    /// How long the ledger may take to converge after the last create.
    pub settle: Duration,
}

/// What a campaign found.
#[derive(Debug, Default)]
pub struct Report {
    pub payouts: usize,
    pub faults_injected: usize,
    /// Payouts the gateway holds more than once (the sandbox would refuse a second; the
    /// count is read from the gateway, not assumed).
    pub duplicates_at_gateway: usize,
    /// Creates sent beyond the first (duplicate probes), and of those refused as duplicates.
    pub creates_resent: usize,
    /// Payouts whose ledger status differs from the sandbox's truth after settling.
    pub lost_or_wrong: Vec<String>,
    pub in_doubt: usize,
    pub by_status: BTreeMap<String, usize>,
    pub panics: usize,
    /// Requests answered 5xx by the ledger.
    pub ledger_errors: usize,
    pub resubmitted: usize,
    /// Forged webhooks sent, and how many the ledger accepted (must be 0).
    pub forged: usize,
    pub forged_accepted: usize,
    pub create_seconds: f64,
    pub settle_seconds: f64,
}

impl Report {
    pub fn payouts_per_second(&self) -> f64 {
        self.payouts as f64 / self.create_seconds.max(1e-9)
    }

    pub fn summary(&self) -> String {
        format!(
            "payouts {} | faults injected {} | duplicates at the gateway {} | creates resent as probes {} | final states lost or wrong {} | left in_doubt {} | panics {} | ledger 5xx {} | resubmitted (answered from the ledger) {} | forged webhooks {} (accepted {}) | statuses {:?} | creates took {:.1}s ({:.0} payouts/s) | settled in {:.1}s",
            self.payouts,
            self.faults_injected,
            self.duplicates_at_gateway,
            self.creates_resent,
            self.lost_or_wrong.len(),
            self.in_doubt,
            self.panics,
            self.ledger_errors,
            self.resubmitted,
            self.forged,
            self.forged_accepted,
            self.by_status,
            self.create_seconds,
            self.payouts_per_second(),
            self.settle_seconds,
        )
    }
}

static PANICS: AtomicUsize = AtomicUsize::new(0);

/// Counts panics anywhere in the process (server tasks included), then reports as usual.
fn count_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        previous(info);
    }));
}

/// The ledger status the sandbox's truth stands for.
fn truth(w: &World, id: &str, r: &str) -> Option<String> {
    let gw = w.gateway(id);
    gw.order(r).map(|o| {
        gw.unified(&o)
            .map(|s| s.to_string())
            .unwrap_or_else(|| "pending".into())
    })
}

pub async fn run(db: &str, plan: Plan) -> Report {
    count_panics();
    let panics_before = PANICS.load(Ordering::SeqCst);
    let mut config = test_config();
    config.check_cap = Duration::from_secs(2);
    let options = Options {
        step_delay: Some(Duration::from_millis(100)),
        minute: Duration::from_millis(20),
        ..Options::default()
    };
    let w = Arc::new(World::start_with(db, options, config).await);
    let mut rng = Rng::new(plan.seed);
    let mut report = Report {
        payouts: plan.payouts,
        ..Report::default()
    };
    let mut jobs = Vec::new();
    for i in 0..plan.payouts {
        let id = CREATORS[i % CREATORS.len()];
        let r = format!("{id}-S{}-{i}", plan.seed);
        let gw = w.gateway(id);
        let m = &plan.mix;
        let create = |f: Fault| {
            FaultRule::always(f)
                .for_ref(&r)
                .for_operation("create_payout")
                .once()
        };
        let mut faults = Vec::new();
        // At most one create fault per payout: the first drawn.
        let drawn = [
            (m.server_error, Fault::ServerError),
            (m.system_error, Fault::SystemError),
            (m.drop_before_store, Fault::DropBeforeStore),
            (m.drop_after_store, Fault::DropAfterStore),
            (m.timeout, Fault::Delay { millis: 3_500 }),
            (m.malformed, Fault::MalformedBody),
            (m.wrong_signature, Fault::WrongSignature),
            (
                m.refuse,
                Fault::Refuse {
                    error: payout_runtime::ErrorKind::InvalidRequest,
                },
            ),
        ]
        .into_iter()
        .find(|(p, _)| rng.chance(*p));
        if let Some((_, f)) = drawn {
            faults.push(create(f));
        }
        if rng.chance(m.query_fails) {
            faults.push(
                FaultRule::always(Fault::ServerError)
                    .for_ref(&r)
                    .for_operation("query_payout")
                    .once(),
            );
        }
        for (p, f) in [
            (m.duplicate_webhook, Fault::DuplicateWebhook),
            (m.out_of_order_webhook, Fault::OutOfOrderWebhook),
            (m.reversal, Fault::ReversalWebhook),
        ] {
            if rng.chance(p) {
                faults.push(FaultRule::always(f).for_ref(&r).once());
            }
        }
        if rng.chance(m.fail) {
            gw.set_outcome(&r, Outcome::Fail);
        }
        report.faults_injected += faults.len();
        for f in faults {
            gw.add_fault(f);
        }
        let resubmit = rng.chance(m.resubmit);
        let forge = rng.chance(m.forged_webhook);
        jobs.push((id, r, resubmit, forge));
    }
    let started = Instant::now();
    let sem = Arc::new(tokio::sync::Semaphore::new(plan.concurrency));
    let mut set = tokio::task::JoinSet::new();
    for (id, r, resubmit, forge) in jobs.clone() {
        let w = w.clone();
        let permit = sem.clone().acquire_owned().await.unwrap();
        set.spawn(async move {
            let _permit = permit;
            let body = payout_json(id, &r);
            let (s, v) = w.post(&body).await;
            let mut errors = usize::from(s >= 500);
            assert!(s == 201 || s >= 500, "{id}/{r}: {s} {v}");
            let mut again = 0;
            if resubmit {
                let (s2, v2) = w.post(&body).await;
                assert!(s2 == 200 || s2 >= 500, "{id}/{r}: second send {s2} {v2}");
                errors += usize::from(s2 >= 500);
                again = 1;
            }
            let mut forged = (0, 0);
            if forge {
                // Unsigned, claiming success: refused before it is read.
                let fake = serde_json::json!({"merchant_ref": r, "mchOrderNo": r, "clientRefId": r, "status": "SUCCESS", "orderStatus": "SUCCESS", "sign": "forged"});
                let res = w.http.post(format!("{}/webhooks/{id}", w.url)).json(&fake).send().await.unwrap();
                forged = (1, usize::from(res.status().is_success()));
            }
            (errors, again, forged)
        });
    }
    while let Some(done) = set.join_next().await {
        let (errors, again, forged) = done.expect("a create task panicked");
        report.ledger_errors += errors;
        report.resubmitted += again;
        report.forged += forged.0;
        report.forged_accepted += forged.1;
    }
    report.create_seconds = started.elapsed().as_secs_f64();
    // Settle: until every payout matches the gateway (or nothing more can change).
    let settle_start = Instant::now();
    let mut pending: Vec<(&str, String)> =
        jobs.iter().map(|(id, r, _, _)| (*id, r.clone())).collect();
    let mut last: BTreeMap<String, Value> = BTreeMap::new();
    while !pending.is_empty() && settle_start.elapsed() < plan.settle {
        let mut still = Vec::new();
        for (id, r) in pending {
            let p = w
                .ledger
                .get(id, &r)
                .await
                .map(|p| p.to_json())
                .unwrap_or(Value::Null);
            let status = p["status"].as_str().unwrap_or("missing").to_string();
            let ok = match truth(&w, id, &r) {
                Some(t) => status == t && is_final(&t),
                None => status == "refused",
            };
            if !ok {
                last.insert(r.clone(), p);
                still.push((id, r));
            }
        }
        pending = still;
        if !pending.is_empty() {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    report.settle_seconds = settle_start.elapsed().as_secs_f64();
    for (id, r) in &pending {
        let p = &last[r];
        let status = p["status"].as_str().unwrap_or("missing");
        if status == "in_doubt" {
            report.in_doubt += 1;
        } else {
            report.lost_or_wrong.push(format!(
                "{id}/{r}: ledger {status}, gateway {:?}; history {}",
                truth(&w, id, r),
                p["history"]
            ));
        }
    }
    for (id, r, _, _) in &jobs {
        let gw = w.gateway(id);
        if gw.count(r) > 1 {
            report.duplicates_at_gateway += 1;
        }
        report.creates_resent += gw.requests("create_payout", r).saturating_sub(1);
        if let Ok(p) = w.ledger.get(id, r).await {
            *report.by_status.entry(p.status.to_string()).or_default() += 1;
        }
    }
    report.panics = PANICS.load(Ordering::SeqCst) - panics_before;
    if let Ok(w) = Arc::try_unwrap(w) {
        w.stop().await;
    }
    report
}

fn is_final(s: &str) -> bool {
    matches!(s, "succeeded" | "failed" | "reversed" | "cancelled")
}

//! Two `payout serve` processes (the real binary) on one PostgreSQL database and one
//! sandbox: both take payouts — some references posted to both at once — and webhooks,
//! and both reconcilers lease work with `FOR UPDATE SKIP LOCKED`. Nothing is created
//! twice at the gateway, every payout ends as the gateway says, and each instance did its
//! share of the checking. The cluster is the ledger tests' throwaway one (a machine
//! without PostgreSQL gets Debian's package as root, or the test fails: it never skips).

#[path = "../../payout-ledger/tests/common/postgres.rs"]
mod postgres;

mod serving;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use std::time::Duration;

use payout_sandbox::{Fault, FaultRule, Options, Outcome};
use serde_json::Value;
use serving::{body, free_port, start, Server, GATEWAYS};

/// Stops a server with SIGTERM, which must end it gracefully.
trait Stop {
    fn stop(self);
}

impl Stop for Server {
    fn stop(mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let status = self.child.wait().unwrap();
        assert!(status.success(), "a graceful stop: {status:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_serve_processes_share_one_postgres_database() {
    let pg = postgres::Postgres::start();
    let db = pg.database("shared").await;
    let dir = std::env::temp_dir().join(format!("payout-serve-two-{}", std::process::id()));
    let creds = dir.join("creds");
    let sandbox = serving::sandbox(
        &creds,
        Options {
            step_delay: Some(Duration::from_millis(500)),
            minute: Duration::from_millis(20),
            ..Options::default()
        },
    )
    .await;
    let a = start(&db, &creds, free_port(), &sandbox, Some(&dir.join("a.log")));
    let b = start(&db, &creds, free_port(), &sandbox, Some(&dir.join("b.log")));
    // Xettle's webhooks go to the merchant's one URL: the second instance's. Cashy's go
    // to the instance that created the payout (its notify URL).
    sandbox
        .gateway("xettle")
        .unwrap()
        .set_notify_url(Some(format!("{}/webhooks/xettle", b.url)));

    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let mut tasks = tokio::task::JoinSet::new();
    let mut refs = Vec::new();
    for i in 0..80usize {
        let id = GATEWAYS[i % 2];
        let r = format!("{id}-TWO-{i}");
        let gw = sandbox.gateway(id).unwrap();
        match (i / 2) % 6 {
            0 => gw.add_fault(FaultRule::always(Fault::DropAfterStore).for_ref(&r).once()),
            1 => gw.add_fault(
                FaultRule::always(Fault::ServerError)
                    .for_ref(&r)
                    .for_operation("create_payout")
                    .once(),
            ),
            2 => gw.add_fault(FaultRule::always(Fault::DuplicateWebhook).for_ref(&r)),
            3 => gw.set_outcome(&r, Outcome::Fail),
            4 => gw.add_fault(FaultRule::always(Fault::ReversalWebhook).for_ref(&r).once()),
            _ => {}
        }
        // Every third reference is posted to both instances at once; the others to one.
        let targets: Vec<String> = match i % 3 {
            0 => vec![a.url.clone(), b.url.clone()],
            1 => vec![a.url.clone()],
            _ => vec![b.url.clone()],
        };
        refs.push((id, r.clone(), targets.len()));
        for url in targets {
            let (http, b) = (http.clone(), body(id, &r));
            // A stream of traffic (one payout every 40 ms), so that work falls due
            // throughout the run rather than in one burst a single poll could take.
            let after = Duration::from_millis(40 * i as u64);
            tasks.spawn(async move {
                tokio::time::sleep(after).await;
                let res = http
                    .post(format!("{url}/payouts"))
                    .json(&b)
                    .send()
                    .await
                    .unwrap();
                (
                    b["merchant_ref"].as_str().unwrap().to_string(),
                    res.status().as_u16(),
                )
            });
        }
    }
    let mut codes: BTreeMap<String, Vec<u16>> = BTreeMap::new();
    while let Some(done) = tasks.join_next().await {
        let (r, code) = done.unwrap();
        codes.entry(r).or_default().push(code);
    }
    for (id, r, sent) in &refs {
        let mut got = codes[r].clone();
        got.sort();
        let want = if *sent == 2 {
            vec![200, 201]
        } else {
            vec![201]
        };
        assert_eq!(
            got, want,
            "{id}/{r}: one create per reference, the other answered from the ledger"
        );
    }

    // Every payout ends as the gateway says; nothing was created twice.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
    let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
    for (id, r, _) in &refs {
        let gw = sandbox.gateway(id).unwrap();
        loop {
            // Either instance answers for every payout.
            let url = if r.len() % 2 == 0 { &a.url } else { &b.url };
            let p: Value = http
                .get(format!("{url}/payouts/{id}/{r}"))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            let truth = gw
                .order(r)
                .and_then(|o| gw.unified(&o))
                .map(|s| s.to_string());
            let ok = match &truth {
                Some(t) => {
                    p["status"] == t.as_str()
                        && matches!(t.as_str(), "succeeded" | "failed" | "reversed")
                }
                None => p["status"] == "refused",
            };
            if ok {
                *by_status
                    .entry(p["status"].as_str().unwrap().to_string())
                    .or_default() += 1;
                break;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{id}/{r}: gateway {truth:?}, ledger {p:#}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(gw.count(r) <= 1, "{id}/{r}: a duplicate at the gateway");
    }

    // Both instances did reconciler work and took webhooks: each observation names the
    // instance that made it.
    let rows = pg.psql(
        "shared",
        "SELECT observer, source, count(*) FROM observations GROUP BY observer, source ORDER BY 1, 2",
    );
    let mut checks: BTreeMap<String, i64> = BTreeMap::new();
    let mut hooks: BTreeSet<String> = BTreeSet::new();
    for line in rows.lines() {
        let cols: Vec<&str> = line.split('|').collect();
        assert_eq!(cols.len(), 3, "{line}");
        let n: i64 = cols[2].parse().unwrap();
        match cols[1] {
            "query" | "probe" | "recovery" | "reconciler" => {
                *checks.entry(cols[0].to_string()).or_default() += n
            }
            "webhook" => {
                hooks.insert(cols[0].to_string());
            }
            _ => {}
        }
    }
    let warnings = |log: &str| {
        std::fs::read_to_string(dir.join(log))
            .unwrap_or_default()
            .lines()
            .filter(|l| {
                l.contains("WARN")
                    || l.contains("ERROR")
                    || l.contains("reconciler")
                    || l.contains("dropped")
            })
            .take(30)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        checks.len(),
        2,
        "both reconcilers checked payouts: {rows}\na: {}\nb: {}",
        warnings("a.log"),
        warnings("b.log")
    );
    assert!(checks.values().all(|n| *n > 0), "{rows}");
    assert_eq!(hooks.len(), 2, "both instances took webhooks: {rows}");
    println!(
        "two payout serve processes on one PostgreSQL: {} payouts ({} posted to both at once), 0 duplicates at the gateway, final states {by_status:?}, reconciler checks by instance {:?}",
        refs.len(),
        refs.iter().filter(|r| r.2 == 2).count(),
        checks.values().collect::<Vec<_>>()
    );
    a.stop();
    b.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

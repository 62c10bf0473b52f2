//! The ledger on a real PostgreSQL server (a throwaway cluster this test starts; a machine
//! without PostgreSQL fails here, loudly): the contract, and two `payout serve` instances
//! on one database, both taking payouts and webhooks, racing on the same references.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use common::postgres::Postgres;
use common::{payout_json, World, CREATORS};
use payout_sandbox::{Fault, FaultRule, Options, Outcome};
use serde_json::{json, Value};

const SECS: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres() {
    let pg = Postgres::start();
    common::replay::durable_store_refuses_replays_across_processes(&pg.database("replay").await)
        .await;
    contract(&pg.database("contract").await).await;
    two_instances(&pg.database("shared").await).await;
}

async fn contract(db: &str) {
    let w = World::start(db, Options::default()).await;
    let (s, v) = w.get("/healthz").await;
    assert_eq!((s, &v["database"]), (200, &json!("postgres")), "{v}");
    for id in CREATORS {
        let r = format!("{id}-PG-1");
        let body = payout_json(id, &r);
        assert_eq!(w.post(&body).await.0, 201, "{id}");
        assert_eq!(w.post(&body).await.0, 200, "{id}");
        let mut other = body.clone();
        other["remark"] = json!("another");
        assert_eq!(w.post(&other).await.0, 409, "{id}");
        let gw = w.gateway(id);
        while gw.advance(&r).unwrap().is_some() {}
        w.wait_status(id, &r, "succeeded", SECS).await;
        // In doubt, then resolved by the gateway's word.
        let d = format!("{id}-PG-2");
        gw.add_fault(FaultRule::always(Fault::DropAfterStore).for_ref(&d).once());
        let (_, p) = w.post(&payout_json(id, &d)).await;
        assert_eq!(p["status"], "in_doubt", "{id}: {p}");
        if id == "xettle" {
            // Its query needs the reference the lost answer carried: a probe proves it
            // exists; a webhook settles it.
            let deadline = tokio::time::Instant::now() + SECS;
            loop {
                let p = w.payout(id, &d).await;
                let reason = p["reason"].as_str().unwrap_or("");
                if p["status"] == "in_doubt" && reason.contains("exists at the gateway") {
                    break;
                }
                assert!(tokio::time::Instant::now() < deadline, "{p:#}");
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
            while gw.advance(&d).unwrap().is_some() {}
            w.wait_status(id, &d, "succeeded", SECS).await;
        } else {
            w.wait_until(id, &d, |s| s == "pending" || s == "processing", SECS)
                .await;
        }
    }
    w.stop().await;
}

/// Two instances share the database and the sandbox. Every payout is posted to both at
/// once (one is created, the other answered from the ledger), webhooks go to either, and
/// both reconcilers run. Nothing is created twice and every payout ends as the gateway
/// says.
async fn two_instances(db: &str) {
    let options = Options {
        step_delay: Some(Duration::from_millis(100)),
        minute: Duration::from_millis(20),
        ..Options::default()
    };
    let a = World::start(db, options).await;
    let b = a.another(db).await;
    let urls = [a.url.clone(), b.url.clone()];
    let http = reqwest::Client::new();
    let mut tasks = tokio::task::JoinSet::new();
    let mut refs = Vec::new();
    for i in 0..60usize {
        let id = CREATORS[i % CREATORS.len()];
        let r = format!("{id}-TWO-{i}");
        let gw = a.gateway(id);
        match i % 6 {
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
        let mut body = payout_json(id, &r);
        // Webhooks of odd payouts go to the instance that did not create them.
        body["notify_url"] = json!(format!("{}/webhooks/{id}", urls[(i + 1) % 2]));
        refs.push((id, r));
        for url in urls.clone() {
            let http = http.clone();
            let body = body.clone();
            tasks.spawn(async move {
                let res = http
                    .post(format!("{url}/payouts"))
                    .json(&body)
                    .send()
                    .await
                    .unwrap();
                res.status().as_u16()
            });
        }
    }
    let mut codes = BTreeMap::new();
    while let Some(c) = tasks.join_next().await {
        *codes.entry(c.unwrap()).or_insert(0) += 1;
    }
    assert_eq!(
        codes.get(&201),
        Some(&60),
        "one create per reference: {codes:?}"
    );
    assert_eq!(
        codes.get(&200),
        Some(&60),
        "the other answered from the ledger: {codes:?}"
    );
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    for (id, r) in &refs {
        let gw = a.gateway(id);
        assert!(gw.requests("create_payout", r) <= 2, "{id}/{r}");
        assert!(gw.count(r) <= 1, "{id}/{r}: a duplicate at the gateway");
        loop {
            let p: Value = a.payout(id, r).await;
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
                break;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{id}/{r}: gateway {truth:?}, ledger {p:#}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    // The event log is one sequence, whichever instance wrote it.
    let events = a.ledger.events(0, 100_000).await.unwrap();
    assert!(events.windows(2).all(|e| e[0].cursor < e[1].cursor));
    for (id, r) in &refs {
        let p = a.ledger.get(id, r).await.unwrap();
        let last = events.iter().rev().find(|e| &e.merchant_ref == r).unwrap();
        assert_eq!(
            last.status, p.status,
            "{id}/{r}: the last event is the status"
        );
    }
    b.stop().await;
    a.stop().await;
}

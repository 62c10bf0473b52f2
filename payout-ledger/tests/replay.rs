//! The ledger as the runtime's `ReplayStore`: a webhook accepted once is refused as a
//! replay by every process on the same database, and the webhook inbox keeps its keys in
//! the same table (one mechanism). PostgreSQL runs the same checks in `tests/postgres.rs`.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::replay::{durable_store_refuses_replays_across_processes, sqlite_file};
use common::{payout_json, World};
use payout_sandbox::Options;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_durable_replay_store_on_sqlite() {
    let (db, dir) = sqlite_file("replay-store");
    durable_store_refuses_replays_across_processes(&db).await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn a_durable_replay_store_refuses_a_current_thread_runtime() {
    let store = payout_ledger::Store::open("sqlite::memory:").await.unwrap();
    let e = payout_ledger::DurableReplayStore::new(store).unwrap_err();
    assert!(e.to_string().contains("multi-thread"), "{e}");
}

/// The inbox records the runtime's replay key with the webhook it applies: the same
/// delivery taken by another instance on the same database (another process, another
/// `Host`) is acknowledged and not applied again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_inbox_refuses_a_replay_taken_by_another_instance() {
    let (db, dir) = sqlite_file("replay-inbox");
    let w = World::start(&db, Options::default()).await;
    let b = w.another(&db).await;
    let (hook, got) = common::recorder().await;
    let r = "cashy-REPLAY-1";
    let gw = w.gateway("cashy");
    let mut body = payout_json("cashy", r);
    body["notify_url"] = serde_json::json!(hook);
    assert_eq!(w.post(&body).await.0, 201);
    while gw.advance(r).unwrap().is_some() {}
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    let (headers, raw) = loop {
        if let Some(first) = got.lock().unwrap().first().cloned() {
            break first;
        }
        assert!(tokio::time::Instant::now() < deadline, "no webhook sent");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let deliver = |url: String| {
        let headers = headers.clone();
        let raw = raw.clone();
        async move {
            let mut req = reqwest::Client::new().post(format!("{url}/webhooks/cashy"));
            for (k, v) in &headers {
                if !k.eq_ignore_ascii_case("host") && !k.eq_ignore_ascii_case("content-length") {
                    req = req.header(k, v);
                }
            }
            let res = req.body(raw).send().await.unwrap();
            let status = res.status().as_u16();
            (status, res.text().await.unwrap())
        }
    };
    let webhooks =
        |p: &payout_ledger::Payout| p.history.iter().filter(|o| o.source == "webhook").count();
    let (s, ack) = deliver(w.url.clone()).await;
    assert_eq!(s, 200, "{ack}");
    let p = w.ledger.get("cashy", r).await.unwrap();
    assert_eq!(webhooks(&p), 1, "{p:?}");
    // The same delivery to the other instance: the same acknowledgement, nothing applied.
    let (s, again) = deliver(b.url.clone()).await;
    assert_eq!((s, &again), (200, &ack));
    let p = b.ledger.get("cashy", r).await.unwrap();
    assert_eq!(webhooks(&p), 1, "applied twice: {p:?}");
    // What the inbox recorded is what the runtime's own check refuses.
    let store = Arc::new(payout_ledger::DurableReplayStore::new(b.ledger.store().clone()).unwrap());
    let client = common::clients(&w.sandbox, &w.creds)
        .into_iter()
        .find(|c| c.spec().spec().provider.id == "cashy")
        .unwrap()
        .with_replay_store(store);
    let e = client
        .webhook(&payout_runtime::WebhookRequest::new(&headers, &raw))
        .unwrap_err();
    assert_eq!(e.kind, payout_runtime::ErrorKind::Duplicate, "{e}");
    b.stop().await;
    w.stop().await;
    let _ = std::fs::remove_dir_all(dir);
}

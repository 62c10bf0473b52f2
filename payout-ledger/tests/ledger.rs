//! The ledger over HTTP against the sandbox, on SQLite: the contract of `payout serve`, the
//! exactly-once create, doubt resolved per gateway, the status rule, the event log.

mod common;

use std::time::Duration;

use common::{payout_json, World, CREATORS};
use payout_sandbox::{Fault, FaultRule, Options, Outcome};
use serde_json::{json, Value};

const SECS: Duration = Duration::from_secs(15);

#[tokio::test]
async fn the_same_request_is_sent_once_and_another_with_the_same_reference_conflicts() {
    let w = World::start("sqlite::memory:", Options::default()).await;
    for id in CREATORS {
        let r = format!("{id}-ONCE-1");
        let body = payout_json(id, &r);
        let (s, first) = w.post(&body).await;
        assert_eq!(s, 201, "{id}: {first}");
        assert_eq!(first["gateway"], id);
        assert_eq!(first["merchant_ref"], r.as_str());
        let order = w.gateway(id).order(&r).expect("the gateway has the payout");
        assert_eq!(first["provider_ref"], order.provider_ref.as_str(), "{id}");
        let first_status = first["status"].as_str().unwrap();
        assert!(
            ["pending", "processing"].contains(&first_status),
            "{id}: {first}"
        );
        assert_eq!(first["history"][0]["source"], "create", "{id}");
        let (s, again) = w.post(&body).await;
        assert_eq!(s, 200, "{id}: {again}");
        assert_eq!(again["provider_ref"], first["provider_ref"]);
        assert_eq!(
            w.gateway(id).requests("create_payout", &r),
            1,
            "{id}: sent again"
        );
        let mut other = body.clone();
        other["remark"] = json!("another");
        let (s, conflict) = w.post(&other).await;
        assert_eq!(s, 409, "{id}: {conflict}");
        assert_eq!(conflict["error"]["kind"], "conflict");
        assert_eq!(w.gateway(id).requests("create_payout", &r), 1, "{id}");
    }
    w.stop().await;
}

#[tokio::test]
async fn bad_requests_list_every_problem_and_unknown_gateways_are_404() {
    let w = World::start("sqlite::memory:", Options::default()).await;
    let (s, v) = w
        .post(&json!({"gateway": "cashy", "amount": 12.5, "currency": 7, "beneficiary": {"nme": "x"}}))
        .await;
    assert_eq!(s, 400, "{v}");
    let fields: Vec<&str> = v["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["merchant_ref", "currency", "beneficiary.nme"],
        "{v}"
    );
    // The spec's own checks: Cashy needs the account's owner; nothing is stored or sent.
    let mut body = payout_json("cashy", "cashy-BAD-1");
    body["beneficiary"].as_object_mut().unwrap().remove("name");
    body["beneficiary"]
        .as_object_mut()
        .unwrap()
        .remove("account_number");
    let (s, v) = w.post(&body).await;
    assert_eq!(s, 400, "{v}");
    assert!(v["error"]["fields"].as_array().unwrap().len() >= 2, "{v}");
    assert_eq!(w.get("/payouts/cashy/cashy-BAD-1").await.0, 404);
    assert_eq!(
        w.gateway("cashy").requests("create_payout", "cashy-BAD-1"),
        0
    );
    let (s, v) = w.post(&payout_json("nopay", "N-1")).await;
    assert_eq!(s, 404, "{v}");
    let (s, v) = w.get("/healthz").await;
    assert_eq!(
        (s, &v["ok"], &v["database"]),
        (200, &json!(true), &json!("sqlite")),
        "{v}"
    );
    let (s, v) = w.get("/openapi.json").await;
    assert_eq!(s, 200);
    assert_eq!(v["openapi"], "3.1.0");
    assert!(v["paths"]["/payouts"]["post"]["responses"]["409"].is_object());
    w.stop().await;
}

/// Webhooks take each payout to its final status; a duplicate and an out-of-order webhook
/// change nothing; a reversal does; every change is in the event log, in order.
#[tokio::test]
async fn webhooks_drive_payouts_and_every_change_is_an_event() {
    let w = World::start("sqlite::memory:", Options::default()).await;
    for id in CREATORS {
        let r = format!("{id}-LIFE-1");
        let gw = w.gateway(id);
        gw.add_fault(FaultRule::always(Fault::DuplicateWebhook).for_ref(&r));
        gw.add_fault(FaultRule::always(Fault::OutOfOrderWebhook).for_ref(&r));
        assert_eq!(w.post(&payout_json(id, &r)).await.0, 201);
        while gw.advance(&r).unwrap().is_some() {}
        w.wait_status(id, &r, "succeeded", SECS).await;
        gw.reverse(&r).unwrap();
        let p = w.wait_status(id, &r, "reversed", SECS).await;
        let applied: Vec<&str> = p["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["applied"].as_str().unwrap())
            .collect();
        assert!(
            applied.contains(&"stale") || applied.contains(&"same"),
            "{id}: {applied:?}"
        );
    }
    // Deliveries settle: wait until each webhook was acknowledged, then read the log.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (s, v) = w.get("/events?after=0&limit=1000").await;
    assert_eq!(s, 200);
    let events = v["events"].as_array().unwrap();
    let cursors: Vec<i64> = events
        .iter()
        .map(|e| e["cursor"].as_i64().unwrap())
        .collect();
    assert!(cursors.windows(2).all(|c| c[0] < c[1]), "{cursors:?}");
    assert_eq!(v["next"], *cursors.last().unwrap());
    for id in CREATORS {
        let r = format!("{id}-LIFE-1");
        let statuses: Vec<&str> = events
            .iter()
            .filter(|e| e["merchant_ref"] == r.as_str())
            .map(|e| e["status"].as_str().unwrap())
            .collect();
        assert_eq!(statuses.first(), Some(&"submitting"), "{id}: {statuses:?}");
        assert_eq!(
            statuses.iter().filter(|s| **s == "succeeded").count(),
            1,
            "{id}: {statuses:?}"
        );
        assert_eq!(statuses.last(), Some(&"reversed"), "{id}: {statuses:?}");
    }
    let (_, page) = w
        .get(&format!("/events?after={}&limit=10", v["next"]))
        .await;
    assert_eq!(page["events"], json!([]));
    assert_eq!(page["next"], v["next"]);
    w.stop().await;
}

/// The trial's bug: Cashy's FAIL webhook is refused once, the gateway turns the failure into
/// a success (`PAYMENT_OFFSET`) and says so, then retries the old FAIL. The payout stays
/// succeeded: the late FAIL is kept as evidence, and the query it prompts agrees with the
/// success.
#[tokio::test]
async fn a_retried_old_failure_does_not_flip_a_success() {
    let w = World::start("sqlite::memory:", Options::default()).await;
    let (hook, got) = common::recorder().await;
    let r = "cashy-FLIP-1";
    let gw = w.gateway("cashy");
    gw.set_outcome(r, Outcome::Fail);
    let mut body = payout_json("cashy", r);
    body["notify_url"] = json!(hook);
    assert_eq!(w.post(&body).await.0, 201);
    while gw.advance(r).unwrap().is_some() {}
    gw.set_status(r, "SUCCESS", Some("PAYMENT_OFFSET".into()))
        .unwrap();
    let deadline = tokio::time::Instant::now() + SECS;
    let (fail, success) = loop {
        let seen = got.lock().unwrap().clone();
        let find = |s: &str| {
            seen.iter()
                .find(|(_, b)| {
                    String::from_utf8_lossy(b).contains(&format!("\"orderStatus\":\"{s}\""))
                })
                .cloned()
        };
        if let (Some(f), Some(s)) = (find("FAIL"), find("SUCCESS")) {
            break (f, s);
        }
        assert!(tokio::time::Instant::now() < deadline, "webhooks not sent");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let deliver = |(headers, body): (Vec<(String, String)>, Vec<u8>)| {
        let mut req = w.http.post(format!("{}/webhooks/cashy", w.url)).body(body);
        for (k, v) in headers {
            if k != "host" && k != "content-length" {
                req = req.header(k, v);
            }
        }
        req.send()
    };
    let ack = deliver(success).await.unwrap();
    assert_eq!(ack.status(), 200);
    assert_eq!(w.payout("cashy", r).await["status"], "succeeded");
    let ack = deliver(fail).await.unwrap();
    assert_eq!(ack.status(), 200, "stored, so acknowledged");
    // The late FAIL is unconfirmed: a query follows, and it agrees with the success.
    let deadline = tokio::time::Instant::now() + SECS;
    loop {
        let p = w.payout("cashy", r).await;
        assert_eq!(p["status"], "succeeded", "{p:#}");
        let h = p["history"].as_array().unwrap();
        let late = h
            .iter()
            .position(|o| o["source"] == "webhook" && o["applied"] == "unconfirmed");
        let confirmed = late.is_some_and(|i| {
            h[i..]
                .iter()
                .any(|o| o["source"] == "query" && o["provider_status"] == "SUCCESS")
        });
        if confirmed {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "{p:#}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    w.stop().await;
}

/// An ambiguous create is never resent blindly; each gateway resolves it its own way.
#[tokio::test]
async fn in_doubt_payouts_are_resolved_per_gateway() {
    let w = World::start("sqlite::memory:", Options::default()).await;
    for id in CREATORS {
        // Stored at the gateway, but the answer is lost.
        let stored = format!("{id}-DOUBT-1");
        w.gateway(id).add_fault(
            FaultRule::always(Fault::DropAfterStore)
                .for_ref(&stored)
                .once(),
        );
        let (s, p) = w.post(&payout_json(id, &stored)).await;
        assert_eq!((s, &p["status"]), (201, &json!("in_doubt")), "{id}: {p}");
        // Never reached the gateway.
        let lost = format!("{id}-DOUBT-2");
        w.gateway(id).add_fault(
            FaultRule::always(Fault::DropBeforeStore)
                .for_ref(&lost)
                .once(),
        );
        let (s, p) = w.post(&payout_json(id, &lost)).await;
        assert_eq!((s, &p["status"]), (201, &json!("in_doubt")), "{id}: {p}");
    }
    for id in CREATORS {
        let stored = format!("{id}-DOUBT-1");
        let lost = format!("{id}-DOUBT-2");
        let p = if id == "xettle" {
            // Xettle's query needs the provider reference the lost answer carried: a probe
            // proves the payout exists, and it stays in doubt with that evidence until a
            // webhook says more (or a person decides).
            let deadline = tokio::time::Instant::now() + SECS;
            let p = loop {
                let p = w.payout(id, &stored).await;
                let proved = p["history"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|h| h["source"] == "probe" && h["status"] == "exists");
                if proved {
                    break p;
                }
                assert!(tokio::time::Instant::now() < deadline, "{p:#}");
                tokio::time::sleep(Duration::from_millis(25)).await;
            };
            assert_eq!(p["status"], "in_doubt", "{p:#}");
            assert!(
                p["reason"]
                    .as_str()
                    .unwrap_or("")
                    .contains("exists at the gateway"),
                "{p:#}"
            );
            let gw = w.gateway(id);
            while gw.advance(&stored).unwrap().is_some() {}
            w.wait_status(id, &stored, "succeeded", SECS).await
        } else {
            w.wait_until(id, &stored, |s| s == "pending" || s == "processing", SECS)
                .await
        };
        assert_eq!(w.gateway(id).count(&stored), 1, "{id}");
        let ways: Vec<&str> = p["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["source"].as_str().unwrap())
            .collect();
        // A gateway that cannot be queried by merchant reference (Xettle) is probed.
        let expected = if id == "xettle" { "probe" } else { "query" };
        assert!(ways.contains(&expected), "{id}: {ways:?}");
        // The lost one: a query says "not found" long enough (refused), or a probe makes it.
        let deadline = tokio::time::Instant::now() + SECS;
        let end = loop {
            let p = w.payout(id, &lost).await;
            if p["status"] != "in_doubt" {
                break p;
            }
            assert!(tokio::time::Instant::now() < deadline, "{id}: {p:#}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        assert!(w.gateway(id).count(&lost) <= 1, "{id}");
        let exists = w.gateway(id).count(&lost) == 1;
        let status = end["status"].as_str().unwrap();
        assert_eq!(exists, status != "refused", "{id}: {end:#}");
    }
    w.stop().await;
}

/// A create the gateway clearly refuses is `refused`, and nothing exists.
#[tokio::test]
async fn a_clear_refusal_is_refused() {
    let w = World::start("sqlite::memory:", Options::default()).await;
    let r = "teemopay-NO-1";
    w.gateway("teemopay").add_fault(
        // A kind TeemoPay's spec declares a reply for (its code 414): the gateway's own word.
        // An undeclared kind gets the sandbox's bare refusal, which is rightly ambiguous.
        FaultRule::always(Fault::Refuse {
            error: payout_runtime::ErrorKind::InvalidRequest,
        })
        .for_ref(r),
    );
    let (s, p) = w.post(&payout_json("teemopay", r)).await;
    assert_eq!((s, &p["status"]), (201, &json!("refused")), "{p}");
    assert_eq!(w.gateway("teemopay").count(r), 0);
    let (_, list) = w.get("/payouts?gateway=teemopay&status=refused").await;
    let refs: Vec<&Value> = list["payouts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["merchant_ref"])
        .collect();
    assert_eq!(refs, [&json!(r)]);
    w.stop().await;
}

/// The event log as a library stream: every change, in order, resumable from a cursor.
#[tokio::test]
async fn the_event_stream_delivers_every_change_in_order() {
    let w = World::start("sqlite::memory:", Options::default()).await;
    let r = "teemopay-STREAM-1";
    assert_eq!(w.post(&payout_json("teemopay", r)).await.0, 201);
    let gw = w.gateway("teemopay");
    while gw.advance(r).unwrap().is_some() {}
    w.wait_status("teemopay", r, "succeeded", SECS).await;
    let mut stream = payout_ledger::EventStream::new(w.ledger.clone(), 0);
    let mut seen = Vec::new();
    while seen.last().map(String::as_str) != Some("succeeded") {
        let e = tokio::time::timeout(SECS, stream.next())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(e.merchant_ref, r);
        seen.push(e.status.to_string());
    }
    assert_eq!(seen, ["submitting", "processing", "succeeded"]);
    // From the cursor on, the next event is the next change: a reversal.
    let cursor = stream.cursor();
    gw.reverse(r).unwrap();
    let mut again = payout_ledger::EventStream::new(w.ledger.clone(), cursor);
    let e = tokio::time::timeout(SECS, again.next())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (e.status.to_string(), e.previous.map(|p| p.to_string())),
        ("reversed".into(), Some("succeeded".into()))
    );
    w.stop().await;
}

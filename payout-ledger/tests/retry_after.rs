//! A gateway's `Retry-After` reaches the reconciler: the next check of a payout is stored
//! no sooner than the gateway asked (capped by `max_retry_after`). The sandbox answers
//! 429 or 503 with `Retry-After` by a fault; the test reads the stored next-check time,
//! never the wall clock's idea of when a request went out.

mod common;

use std::time::Duration;

use common::{payout_json, test_config, World};
use payout_ledger::{Config, Payout, Source};
use payout_sandbox::{Fault, FaultRule, Options};

const SECS: Duration = Duration::from_secs(15);

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn throttle(status: u16, retry_after: &str) -> FaultRule {
    FaultRule::always(Fault::Throttle {
        status,
        retry_after: retry_after.to_string(),
    })
}

/// Waits for an observation by `source` whose evidence names the throttled answer.
async fn throttled(w: &World, id: &str, r: &str, source: Source, status: u16) -> Payout {
    let needle = format!("HTTP {status}");
    let deadline = tokio::time::Instant::now() + SECS;
    loop {
        let p = w.ledger.get(id, r).await.unwrap();
        if p.history.iter().any(|o| {
            o.source == source.as_str() && o.detail.as_deref().is_some_and(|d| d.contains(&needle))
        }) {
            return p;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{id}/{r}: no {source:?} observed: {p:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The next check, relative to the time the throttled answer came (`since_ms` is before
/// the request went out, so `next - since_ms` is at least the wait asked for).
fn assert_waits(p: &Payout, since_ms: i64, at_least_ms: i64, at_most_ms: i64) {
    let next = p.next_check_ms.expect("a check is scheduled");
    let last = p.history.last().expect("history").at_ms;
    assert!(
        next - since_ms >= at_least_ms,
        "next check {} ms after the throttled answer, asked {at_least_ms} ms: {p:?}",
        next - since_ms
    );
    assert!(
        next - last <= at_most_ms,
        "next check {} ms after it was stored, at most {at_most_ms} ms expected: {p:?}",
        next - last
    );
}

#[tokio::test]
async fn a_throttled_query_is_asked_again_no_sooner_than_retry_after() {
    let w = World::start("sqlite::memory:", Options::default()).await;
    let gw = w.gateway("cashy");
    // 429 with delay-seconds. The reconciler's own backoff is under a second
    // (test_config), so only `Retry-After` explains a wait of two minutes.
    let r = "cashy-RA-1";
    assert_eq!(w.post(&payout_json("cashy", r)).await.0, 201);
    let since = now_ms();
    gw.add_fault(
        throttle(429, "120")
            .for_ref(r)
            .for_operation("query_payout"),
    );
    let p = throttled(&w, "cashy", r, Source::Query, 429).await;
    assert!(!p.status.is_final(), "{p:?}");
    // No sooner than 120 s; at most a tenth more (the spread that keeps throttled payouts
    // from coming back together).
    assert_waits(&p, since, 120_000, 132_000);

    // 503 with an HTTP-date, 90 s ahead.
    let r = "cashy-RA-2";
    assert_eq!(w.post(&payout_json("cashy", r)).await.0, 201);
    let since = now_ms();
    let at = chrono::Utc::now() + chrono::Duration::seconds(90);
    let date = at.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    gw.add_fault(
        throttle(503, &date)
            .for_ref(r)
            .for_operation("query_payout"),
    );
    let p = throttled(&w, "cashy", r, Source::Query, 503).await;
    // The date has one-second resolution: up to a second less than 90 s from `since`.
    assert_waits(&p, since, 89_000, 99_000 + 1_000);
    w.stop().await;
}

#[tokio::test]
async fn a_throttled_create_is_in_doubt_and_checked_no_sooner_than_retry_after() {
    let w = World::start("sqlite::memory:", Options::default()).await;
    let r = "cashy-RA-3";
    w.gateway("cashy").add_fault(
        throttle(503, "60")
            .for_ref(r)
            .for_operation("create_payout")
            .once(),
    );
    let since = now_ms();
    let (s, v) = w.post(&payout_json("cashy", r)).await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["status"], "in_doubt", "{v}");
    let p = w.ledger.get("cashy", r).await.unwrap();
    assert_waits(&p, since, 60_000, 66_000);
    assert_eq!(
        w.gateway("cashy").count(r),
        0,
        "nothing was stored at the gateway"
    );
    w.stop().await;
}

#[tokio::test]
async fn a_retry_after_beyond_the_maximum_is_capped() {
    let config = Config {
        max_retry_after: Duration::from_secs(300),
        ..test_config()
    };
    let w = World::start_with("sqlite::memory:", Options::default(), config).await;
    let r = "cashy-RA-4";
    assert_eq!(w.post(&payout_json("cashy", r)).await.0, 201);
    let since = now_ms();
    w.gateway("cashy").add_fault(
        throttle(429, "86400")
            .for_ref(r)
            .for_operation("query_payout"),
    );
    let p = throttled(&w, "cashy", r, Source::Query, 429).await;
    // A day asked, five minutes (the maximum) waited, plus the spread.
    assert_waits(&p, since, 300_000, 330_000);
    w.stop().await;
}

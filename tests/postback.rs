//! A webhook verified by postback (PayPal) is held to the same freshness rules as a signed
//! one: the spec's `max_age`, by the time the gateway's yes covers, on the client's clock,
//! and the replay store. Against the sandbox on loopback.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use payout::runtime::source::{Clock, OsEntropy};
use payout::runtime::*;
use payout_sandbox::{GatewaySetup, Options, Sandbox};

/// PayPal's spec with a bound on a webhook's age (PayPal documents none; 300 s, as Stripe).
fn paypal_with_max_age() -> Arc<CompiledSpec> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/paypal.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    let marked = "    postback: verify_webhook_signature\n";
    assert!(text.contains(marked));
    let text = text.replace(marked, &format!("{marked}    max_age: 300\n"));
    Arc::new(CompiledSpec::from_str(&text, "paypal-max-age.yaml").unwrap_or_else(|e| panic!("{e}")))
}

/// A clock tests move by hand.
struct ManualClock(AtomicU64);

impl Clock for ManualClock {
    fn now_millis(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

fn options() -> ClientOptions {
    ClientOptions {
        allow_insecure_http: true,
        request_timeout: Duration::from_secs(5),
        ..ClientOptions::default()
    }
}

#[tokio::test]
async fn a_postback_webhook_is_refused_when_old_or_seen_before() {
    let s = paypal_with_max_age();
    let setup = GatewaySetup::with_test_credentials(s.clone()).unwrap();
    let creds = Credentials::new(s.spec(), setup.credentials.clone()).unwrap();
    let sandbox = Sandbox::start(vec![setup], Options::default())
        .await
        .unwrap();
    let base = sandbox.base_url("paypal").unwrap();
    let gw = sandbox.gateway("paypal").unwrap();
    let plain = DynamicClient::new(s.clone(), creds.clone(), &base, options()).unwrap();
    // A webhook the sandbox (PayPal) sends, captured as the merchant's endpoint got it.
    let mut providers: std::collections::HashMap<String, Arc<dyn PayoutProvider>> =
        std::collections::HashMap::new();
    providers.insert("paypal".into(), Arc::new(plain.clone()));
    let receiver = payout_sandbox::receiver::Receiver::start(providers)
        .await
        .unwrap();
    let url = receiver.url("paypal");
    gw.set_notify_url(Some(url.clone()));
    let mut p = CreatePayout::new("pp-fresh-1", Money::parse("5.00", "USD").unwrap());
    p.beneficiary.email = Some("receiver@example.com".into());
    plain.create_payout(&p).await.unwrap();
    gw.advance("pp-fresh-1").unwrap();
    let got = receiver
        .wait_for(Duration::from_secs(5), |r| r.outcome.is_ok())
        .await
        .expect("a webhook the receiver verified by postback");
    let (headers, body) = (got.headers.clone(), got.body.clone());
    let sent_at: u64 = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("paypal-transmission-time"))
        .and_then(|(_, v)| v.parse().ok())
        .expect("the sandbox's transmission time, epoch milliseconds");

    // On a clock 300 s after it was sent, with a replay store: accepted once, then a
    // duplicate.
    let clock = Arc::new(ManualClock(AtomicU64::new(sent_at + 300_000)));
    let client = plain
        .clone()
        .with_sources(clock.clone(), Arc::new(OsEntropy))
        .with_replay_store(Arc::new(MemoryReplayStore::new()));
    let ev = client
        .verify_webhook(WebhookRequest::new(&headers, &body).at(&url))
        .await
        .unwrap();
    assert_eq!(ev.merchant_ref.as_deref(), Some("pp-fresh-1"));
    let e = client
        .verify_webhook(WebhookRequest::new(&headers, &body).at(&url))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Duplicate, "{e}");

    // A second later it is too old, even for a client that never saw it.
    clock.0.store(sent_at + 301_000, Ordering::SeqCst);
    let fresh_store = plain
        .clone()
        .with_sources(clock.clone(), Arc::new(OsEntropy))
        .with_replay_store(Arc::new(MemoryReplayStore::new()));
    let e = fresh_store
        .verify_webhook(WebhookRequest::new(&headers, &body).at(&url))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadSignature, "{e}");
    assert!(e.message.contains("301s old"), "{e}");

    // A transmission time moved forward to look fresh is not what PayPal confirms.
    let moved: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| {
            if k.eq_ignore_ascii_case("paypal-transmission-time") {
                (k.clone(), (sent_at + 300_000).to_string())
            } else {
                (k.clone(), v.clone())
            }
        })
        .collect();
    let e = fresh_store
        .verify_webhook(WebhookRequest::new(&moved, &body).at(&url))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadSignature, "{e}");
}

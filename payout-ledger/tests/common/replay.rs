//! The durable replay store's checks, run on SQLite and on PostgreSQL.

use std::path::PathBuf;
use std::sync::Arc;

use indexmap::IndexMap;
use payout_ledger::{DurableReplayStore, Store};
use payout_runtime::{
    ClientOptions, CompiledSpec, Credentials, DynamicClient, ErrorKind, WebhookRequest,
};

/// A webhook signed over its timestamp header and body (no `max_age`: the fixed
/// timestamp below stays valid).
const SPEC: &str = r#"
spec_version: 1
provider: { id: fresh, name: Fresh }
money: { currency: IDR, amount: { encoding: string, decimals: 0 } }
signing:
  s:
    steps:
      - template: "{{ timestamp }}.{{ body.a }}"
      - hash: md5
      - encode: hex
operations: {}
webhooks:
  w:
    headers: { X-Timestamp: "{{ timestamp }}", X-Sign: "{{ signatures.s }}" }
    body: { fields: { a: { type: string, role: merchant_ref } } }
    ack: { body: OK }
"#;

/// A fresh SQLite file URL, and its folder (to remove).
pub fn sqlite_file(name: &str) -> (String, PathBuf) {
    let dir = std::env::temp_dir().join(format!(
        "payout-{name}-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    (format!("sqlite://{}", dir.join("ledger.db").display()), dir)
}

fn client(store: Store) -> DynamicClient {
    let spec = Arc::new(CompiledSpec::from_str(SPEC, "fresh.yaml").unwrap());
    let creds = Credentials::new(spec.spec(), IndexMap::new()).unwrap();
    let options = ClientOptions {
        allow_insecure_http: true,
        ..ClientOptions::default()
    };
    DynamicClient::new(spec, creds, "http://127.0.0.1:9", options)
        .unwrap()
        .with_replay_store(Arc::new(DurableReplayStore::new(store).unwrap()))
}

fn delivery(a: &str, sign: &str, extra: Option<(&str, &str)>) -> (Vec<(String, String)>, Vec<u8>) {
    let mut headers = vec![
        ("X-Timestamp".to_string(), "1700000000".to_string()),
        ("X-Sign".to_string(), sign.to_string()),
    ];
    if let Some((k, v)) = extra {
        headers.push((k.to_string(), v.to_string()));
    }
    (headers, format!(r#"{{"a":"{a}"}}"#).into_bytes())
}

/// Two stores on one database stand for two processes: a webhook accepted by one is a
/// replay to both; another webhook is not; a key is forgotten once it expires.
pub async fn durable_store_refuses_replays_across_processes(db: &str) {
    let first = client(Store::open(db).await.unwrap());
    let second = client(Store::open(db).await.unwrap());
    // python3 -c "import hashlib;print(hashlib.md5(b'1700000000.x').hexdigest())"
    let (h, body) = delivery("x", "b1489932fd53f2b19f79d0690652dd94", None);
    let ev = first
        .webhook(&WebhookRequest::new(&h, &body))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ev.merchant_ref.as_deref(), Some("x"));
    for c in [&first, &second] {
        let e = c.webhook(&WebhookRequest::new(&h, &body)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Duplicate, "{e}");
    }
    // Through another proxy (a header the spec does not declare): still the same webhook.
    let (h2, body2) = delivery(
        "x",
        "b1489932fd53f2b19f79d0690652dd94",
        Some(("X-Forwarded-For", "10.0.0.9")),
    );
    let e = second
        .webhook(&WebhookRequest::new(&h2, &body2))
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Duplicate, "{e}");
    // python3 -c "import hashlib;print(hashlib.md5(b'1700000000.y').hexdigest())"
    let (h3, body3) = delivery("y", "15a451e02e76f1da32f26b910518edf4", None);
    let ev = second
        .webhook(&WebhookRequest::new(&h3, &body3))
        .unwrap_or_else(|e| panic!("another webhook: {e}"));
    assert_eq!(ev.merchant_ref.as_deref(), Some("y"));

    // Expiry, on the table itself: remembered until `expires_ms`, then new again.
    let store = Store::open(db).await.unwrap();
    assert!(store.first_seen("k", 0, 10).await.unwrap());
    assert!(!store.first_seen("k", 9, 19).await.unwrap());
    assert!(store.first_seen("k", 10, 20).await.unwrap());
    assert!(!store.first_seen("k", 19, 30).await.unwrap());
    assert_eq!(store.forget_expired_replays(15).await.unwrap(), 0);
    assert_eq!(store.forget_expired_replays(20).await.unwrap(), 1);
    assert!(store.first_seen("k", 30, 40).await.unwrap());
}

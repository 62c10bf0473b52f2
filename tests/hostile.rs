//! Hostile webhooks (issue 8): only signed values are trusted, and the merchant's receiver
//! survives bodies too deep or too large for it.

mod common;

use std::collections::HashMap;
use std::sync::Arc;

use payout::runtime::source::FixedBytes;
use payout::runtime::*;
use payout_sandbox::receiver::Receiver;

/// The vector "success webhook, post_hash made by openssl" of specs/tecpay.yaml: its
/// `post_hash` is md5hex('ORD-77001-XYZ2500.50SUCCESStecpay-test-secret-key'), encrypted by
/// `openssl enc -aes-256-cbc` (the commands are beside the vector).
const TECPAY_WEBHOOK: &str = r#"{"requested_amount":"2500.50","processed_amount":"2500.50","order_id":"ORD-77001-XYZ","status":"SUCCESS","time":"11:05:09","ref_code":"TP77001","post_hash":"Dyq7WJkvNjDavLKVsCKaEYNeYxikv0FpSYl4BQ9Jl2W2l3VwXwZonOSoAQ3YeGuRJppI39xJevKVpObKD6KuUm2FSFcxT43dt+2H7g4zPZhy3XWGPoHpNlwn+TIDl/2I","request_time":"16-07-2025 11:04:50","action_time":"16-07-2025 11:05:09","payment_type":"IMPS","upi_vpa":null,"account_no":"50100012345678","account_holder":"Asha Rao","ifsc":"HDFC0000001","bank_name":"HDFC Bank","bank_address":"Mumbai","transaction_info":[],"bank_reference":"619712345678"}"#;

fn tecpay() -> (Arc<CompiledSpec>, Credentials) {
    let spec = common::spec("tecpay");
    let mut values = IndexMap::new();
    values.insert("pid".to_string(), "TEC1001".to_string());
    values.insert(
        "secret_key".to_string(),
        "tecpay-test-secret-key".to_string(),
    );
    let creds = Credentials::new(spec.spec(), values).unwrap();
    (spec, creds)
}

/// Issue 8, defect 4: `ref_code` is not covered by `post_hash`, yet the event reported it
/// as the provider reference; a forged one still verified.
#[test]
fn a_forged_unsigned_ref_code_is_not_the_provider_reference() {
    let (spec, creds) = tecpay();
    let entropy = FixedBytes::new(&[]);
    let forged = TECPAY_WEBHOOK.replace("\"TP77001\"", "\"ATTACKER-REF\"");
    assert_ne!(forged, TECPAY_WEBHOOK);
    for body in [TECPAY_WEBHOOK, forged.as_str()] {
        let (ev, _) = webhook::receive(
            &spec,
            &creds,
            &entropy,
            &WebhookRequest::new(&[], body.as_bytes()),
        )
        .unwrap();
        // The signed values are read; the unsigned one is not, forged or not.
        assert_eq!(ev.extracted.merchant_ref.as_deref(), Some("ORD-77001-XYZ"));
        assert_eq!(ev.extracted.status, Some(PayoutStatus::Succeeded));
        assert_eq!(ev.extracted.amount, Some(Decimal::new(250050, 2)));
        assert_eq!(ev.extracted.provider_ref, None, "{body}");
    }
    // A signed value changed does not verify.
    let changed = TECPAY_WEBHOOK.replace("ORD-77001-XYZ", "ORD-77001-XYY");
    let e = webhook::receive(
        &spec,
        &creds,
        &entropy,
        &WebhookRequest::new(&[], changed.as_bytes()),
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadSignature);
}

/// Issue 8, defect 1: a 35 KB nested webhook killed the receiving server. Now it is refused
/// (401, so a real gateway would retry) and the server keeps serving; a body over the
/// limit is answered 413 before it is read.
#[tokio::test]
async fn the_receiver_survives_deep_and_large_webhooks() {
    let (spec, creds) = tecpay();
    let client = DynamicClient::new(
        spec,
        creds,
        "https://gateway.tecpay.invalid",
        common::client_options(),
    )
    .unwrap();
    let mut providers: HashMap<String, Arc<dyn PayoutProvider>> = HashMap::new();
    providers.insert("tecpay".into(), Arc::new(client));
    let receiver = Receiver::start_with_limit(providers, 64 * 1024)
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let post = |body: String| {
        http.post(receiver.url("tecpay"))
            .header("Content-Type", "application/json")
            .body(body)
            .send()
    };
    let deep = format!("{}1{}", r#"{"a":"#.repeat(7_000), "}".repeat(7_000));
    assert!(deep.len() < 64 * 1024);
    let r = post(deep).await.unwrap();
    assert_eq!(r.status().as_u16(), 401);
    let text = r.text().await.unwrap();
    assert!(text.contains("deeper than 128 levels"), "{text}");

    let large = format!("{{\"a\":\"{}\"}}", "x".repeat(100 * 1024));
    let r = post(large).await.unwrap();
    assert_eq!(r.status().as_u16(), 413);

    // Still serving: the signed webhook is an event.
    let r = post(TECPAY_WEBHOOK.to_string()).await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let got = receiver.received();
    assert_eq!(got.len(), 2, "the 413 never reached the handler");
    let ev = got[1].outcome.as_ref().unwrap();
    assert_eq!(ev.merchant_ref.as_deref(), Some("ORD-77001-XYZ"));
    assert_eq!(ev.provider_ref, None);
}

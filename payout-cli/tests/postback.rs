//! `payout webhook` on a gateway that verifies its webhooks by postback (PayPal): with
//! `--base-url` the binary asks the gateway (a sandbox on loopback) and reads the webhook
//! only if it says yes; without it, it refuses and says how.

// `common` also exports the gateway list, which this file does not need.
#[allow(unused_imports)]
mod common;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use common::{payout, root, tmp};
use payout_runtime::{
    ClientOptions, CompiledSpec, Credentials, DynamicClient, Money, PayoutProvider,
};
use payout_sandbox::{GatewaySetup, Options, Sandbox};
use serde_json::Value;

fn json_out(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

// The binary blocks one worker thread while the sandbox serves from the other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_verifies_a_paypal_webhook_by_asking_the_gateway() {
    let spec = Arc::new(CompiledSpec::from_file(root().join("specs/paypal.yaml")).unwrap());
    let setup = GatewaySetup::with_test_credentials(spec.clone()).unwrap();
    let creds = setup.credentials.clone();
    let sb = Sandbox::start(vec![setup], Options::default())
        .await
        .unwrap();
    let base = sb.base_url("paypal").unwrap();
    let gw = sb.gateway("paypal").unwrap();
    let options = ClientOptions {
        allow_insecure_http: true,
        request_timeout: Duration::from_secs(5),
        ..ClientOptions::default()
    };
    let client = DynamicClient::new(
        spec.clone(),
        Credentials::new(spec.spec(), creds.clone()).unwrap(),
        &base,
        options,
    )
    .unwrap();
    let mut providers: HashMap<String, Arc<dyn PayoutProvider>> = HashMap::new();
    providers.insert("paypal".into(), Arc::new(client.clone()));
    let receiver = payout_sandbox::receiver::Receiver::start(providers)
        .await
        .unwrap();
    gw.set_notify_url(Some(receiver.url("paypal")));
    let mut p = payout_runtime::CreatePayout::new("pp-cli-1", Money::parse("5.00", "USD").unwrap());
    p.beneficiary.email = Some("receiver@example.com".into());
    client.create_payout(&p).await.unwrap();
    gw.advance("pp-cli-1").unwrap();
    let got = receiver
        .wait_for(Duration::from_secs(5), |r| r.outcome.is_ok())
        .await
        .expect("a webhook from the sandbox");

    let dir = tmp("postback");
    let creds_file = dir.join("creds.json");
    std::fs::write(&creds_file, serde_json::to_string(&creds).unwrap()).unwrap();
    let headers: serde_json::Map<String, Value> = got
        .headers
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    let headers_file = dir.join("headers.json");
    std::fs::write(&headers_file, Value::Object(headers).to_string()).unwrap();
    let body_file = dir.join("body.json");
    let run = |body: &[u8], extra: &[&str]| {
        std::fs::write(&body_file, body).unwrap();
        payout()
            .args(["webhook", "--spec", "specs/paypal.yaml", "--credentials"])
            .arg(&creds_file)
            .arg("--headers")
            .arg(&headers_file)
            .arg("--body")
            .arg(&body_file)
            .args(extra)
            .output()
            .unwrap()
    };

    // Without the gateway's address: refused, saying how.
    let out = run(&got.body, &[]);
    assert_eq!(out.status.code(), Some(1));
    let j = json_out(&out);
    assert_eq!(j["error"]["kind"], "unsupported", "{j}");
    let message = j["error"]["message"].as_str().unwrap();
    assert!(message.contains("--base-url"), "{message}");
    assert!(message.contains("verify_webhook_signature"), "{message}");

    // With it: the sandbox (PayPal) confirms, and the event is read.
    let out = run(&got.body, &["--base-url", &base, "--insecure-http"]);
    let j = json_out(&out);
    assert!(out.status.success(), "{j}");
    assert_eq!(j["ok"], true);
    assert_eq!(j["merchant_ref"], "pp-cli-1");
    assert_eq!(j["status"], "succeeded", "{j}");

    // A tampered body: the gateway does not confirm it.
    let tampered = String::from_utf8(got.body.clone())
        .unwrap()
        .replace("5.00", "500.00");
    let out = run(
        tampered.as_bytes(),
        &["--base-url", &base, "--insecure-http"],
    );
    assert_eq!(out.status.code(), Some(1));
    let j = json_out(&out);
    assert_eq!(j["error"]["kind"], "bad_signature", "{j}");
}

//! The `call`, `webhook`, `sandbox` and `demo` commands through the real binary, against a
//! sandbox on loopback.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;

use common::{payout, root, tmp, GATEWAYS};
use payout_runtime::CompiledSpec;
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
async fn call_creates_and_queries_against_a_sandbox() {
    let spec = Arc::new(CompiledSpec::from_file(root().join("specs/cashy.yaml")).unwrap());
    let setup = GatewaySetup::with_test_credentials(spec).unwrap();
    let creds = setup.credentials.clone();
    let sb = Sandbox::start(vec![setup], Options::default())
        .await
        .unwrap();
    let base = sb.base_url("cashy").unwrap();
    let dir = tmp("call");
    let creds_file = dir.join("creds.json");
    std::fs::write(&creds_file, serde_json::to_string(&creds).unwrap()).unwrap();
    let input = dir.join("input.json");
    std::fs::write(
        &input,
        std::fs::read_to_string(root().join("examples/cashy-payout.json")).unwrap(),
    )
    .unwrap();

    let run = |extra: &[&str], input: &Path, op: &str| {
        let mut c = payout();
        c.args([
            "call",
            "--spec",
            "specs/cashy.yaml",
            "--op",
            op,
            "--credentials",
        ])
        .arg(&creds_file)
        .arg("--input")
        .arg(input)
        .args(["--base-url", &base])
        .args(extra);
        c.output().unwrap()
    };
    let out = run(&["--insecure-http"], &input, "create_payout");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_out(&out);
    assert_eq!(v["ok"], true);
    assert_eq!(v["status"], "processing");
    assert_eq!(v["provider_status"], "PROCESSING");
    assert_eq!(v["merchant_ref"], "order00000001");
    assert_eq!(v["response"]["code"], 200);
    let provider_ref = v["provider_ref"].as_str().unwrap().to_string();

    // The same merchant reference again: the gateway's duplicate error, may exist.
    let out = run(&["--insecure-http"], &input, "create_payout");
    assert_eq!(out.status.code(), Some(1));
    let v = json_out(&out);
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["kind"], "duplicate");
    assert_eq!(v["error"]["may_exist"], true);

    let q = dir.join("query.json");
    std::fs::write(&q, format!(r#"{{"orderNo":"{provider_ref}"}}"#)).unwrap();
    let out = run(&["--insecure-http"], &q, "query_payout");
    let v = json_out(&out);
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["provider_ref"], provider_ref.as_str());

    // Plain HTTP without the opt-in is refused before anything is sent.
    let out = run(&[], &input, "create_payout");
    assert_eq!(out.status.code(), Some(1));
    let v = json_out(&out);
    assert_eq!(v["error"]["kind"], "config");
    assert_eq!(v["error"]["may_exist"], false);
    assert!(v["error"]["message"]
        .as_str()
        .unwrap()
        .contains("plain-HTTP"));
    let gw = sb.gateway("cashy").unwrap();
    assert_eq!(gw.count("order00000001"), 1);
    // The second create reached the gateway and was refused there; the plain-HTTP one
    // never left the client.
    assert_eq!(gw.requests("create_payout", "order00000001"), 2);
}

#[test]
fn webhook_verifies_and_acknowledges_and_refuses_a_forgery() {
    let dir = tmp("webhook");
    let spec = payout_spec::load_file(root().join("specs/cashy.yaml"))
        .unwrap()
        .spec;
    let v = spec
        .vectors
        .iter()
        .find(|v| v.webhook.is_some() && v.expect.verified == Some(true))
        .unwrap();
    let creds = dir.join("creds.json");
    std::fs::write(&creds, serde_json::to_string(&v.credentials).unwrap()).unwrap();
    let headers = dir.join("headers.json");
    std::fs::write(&headers, serde_json::to_string(&v.headers).unwrap()).unwrap();
    let body = dir.join("body.json");
    let run = |body_text: &str| {
        std::fs::write(&body, body_text).unwrap();
        payout()
            .args(["webhook", "--spec", "specs/cashy.yaml", "--credentials"])
            .arg(&creds)
            .arg("--headers")
            .arg(&headers)
            .arg("--body")
            .arg(&body)
            .output()
            .unwrap()
    };
    let good = v.body.clone().unwrap();
    let out = run(&good);
    assert!(out.status.success());
    let j = json_out(&out);
    assert_eq!(j["ok"], true);
    assert_eq!(j["status"], "succeeded");
    assert_eq!(j["provider_status"], "SUCCESS");
    assert_eq!(j["merchant_ref"], "1863484722378907648");
    assert_eq!(j["ack"]["status"], 200);
    assert_eq!(j["ack"]["body"], r#"{"status":"SUCCESS"}"#);

    let out = run(&good.replace("60000.00", "90000.00"));
    assert_eq!(out.status.code(), Some(1));
    let j = json_out(&out);
    assert_eq!(j["ok"], false);
    assert_eq!(j["error"]["kind"], "bad_signature");
}

#[test]
fn sandbox_prints_base_urls_and_serves() {
    let dir = tmp("sandbox");
    let mut child = payout()
        .args([
            "sandbox",
            "--spec",
            "specs/cashy.yaml",
            "--spec",
            "specs/xettle.yaml",
            "--listen",
            "127.0.0.1:0",
            "--write-credentials",
        ])
        .arg(&dir)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let cashy = lines.next().unwrap().unwrap();
    let xettle = lines.next().unwrap().unwrap();
    assert!(
        first.starts_with("payout sandbox on http://127.0.0.1:"),
        "{first}"
    );
    assert!(
        cashy.trim_start().starts_with("cashy") && cashy.contains("/cashy"),
        "{cashy}"
    );
    assert!(xettle.contains("/xettle"), "{xettle}");
    let base = cashy.split_whitespace().nth(1).unwrap().to_string();
    let out = payout()
        .args([
            "call",
            "--spec",
            "specs/cashy.yaml",
            "--op",
            "create_payout",
            "--credentials",
        ])
        .arg(dir.join("cashy.json"))
        .args([
            "--input",
            "examples/cashy-payout.json",
            "--base-url",
            &base,
            "--insecure-http",
        ])
        .output()
        .unwrap();
    child.kill().ok();
    child.wait().ok();
    let j = json_out(&out);
    assert_eq!(j["ok"], true, "{j}");
}

#[test]
fn demo_runs_every_gateway_and_exits_zero() {
    let out = payout().arg("demo").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for g in GATEWAYS {
        assert!(
            text.lines().any(|l| l.starts_with(g)),
            "{g} missing:\n{text}"
        );
    }
    for s in [
        "paid",
        "failed",
        "reversed",
        "again",
        "in doubt",
        "challenge",
    ] {
        assert!(text.contains(s), "{s} missing");
    }
    // Through the ledger: each created payout starts `submitting`; a lost answer is `in_doubt`.
    assert!(text.contains("submitting → in_doubt → "), "{text}");
    for l in text.lines() {
        assert!(l.chars().count() <= 120, "wider than 120 columns: {l}");
    }
    // The README shows this table: its header and legend are the demo's own.
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let header = text.lines().next().unwrap();
    assert!(
        readme.contains(header),
        "the README shows another header than {header}"
    );
    let legend = text
        .lines()
        .skip_while(|l| !l.starts_with("Each payout's"))
        .take_while(|l| !l.is_empty());
    for l in legend {
        assert!(readme.contains(l), "the README lacks the legend line {l}");
    }
    assert!(!text.contains("FAILED:"), "{text}");
    assert!(text.contains("everything behaved as the specs say"));
}

#[test]
fn demo_fails_on_a_spec_that_misbehaves() {
    // A Cashy whose sandbox answers without the success envelope: every create "fails".
    let dir = tmp("demo-bad");
    let spec = std::fs::read_to_string(root().join("specs/cashy.yaml")).unwrap();
    let broken = spec.replace("  success: { code: 200, msg: SUCCESS }\n", "");
    assert_ne!(broken, spec);
    std::fs::write(dir.join("cashy.yaml"), broken).unwrap();
    let out = payout()
        .args(["demo", "--specs"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("FAILED:"));
}

/// A bare HTTP/1.1 POST with no body (the sandbox's admin API), returning status and body.
fn admin_post(base: &str, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let rest = base.trim_start_matches("http://");
    let host = rest.split('/').next().unwrap();
    let mut s = std::net::TcpStream::connect(host).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status = text.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = text.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
    (status, body)
}

/// The README's "Add a gateway" tutorial, step by step, as a new user runs it.
#[test]
fn the_readme_tutorial_runs_as_written() {
    // Step 2: the example spec lints clean.
    let out = payout()
        .args(["lint", "examples/acme.yaml"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // Step 3: sign --explain shows the string-to-sign and the signature the README shows.
    let out = payout()
        .args([
            "sign",
            "--spec",
            "examples/acme.yaml",
            "--op",
            "create_payout",
            "--credentials",
            "examples/acme-credentials.json",
            "--input",
            "examples/acme-payout.json",
            "--timestamp",
            "1714128828114",
            "--explain",
        ])
        .output()
        .unwrap();
    let j = json_out(&out);
    let body = r#"{"reference":"ACME-0001","amount":"2500.00","currency":"INR","purpose":"salary","beneficiary":{"name":"Asha Rao","account_number":"000123456789","ifsc":"HDFC0001234"}}"#;
    assert_eq!(j["body"], body);
    // printf '%s' '1714128828114.<body above>' | openssl dgst -sha256 -hmac acme-test-secret
    assert_eq!(
        j["headers"]["X-Acme-Signature"],
        "afbbf403e0fa56a834ff894da1a84adafcc893203738f39177c58686da143743"
    );
    let steps = j["steps"].as_array().unwrap();
    assert!(steps
        .iter()
        .any(|s| s["value"] == format!("1714128828114.{body}")));
    assert!(!j.to_string().contains("acme-test-secret"));

    // Step 4: the sandbox, two specs after one `--spec`, payouts moved by the admin API.
    let dir = tmp("tutorial");
    let mut child = payout()
        .args([
            "sandbox",
            "--spec",
            "examples/acme.yaml",
            "specs/cashy.yaml",
            "--listen",
            "127.0.0.1:0",
            "--step-ms",
            "0",
            "--write-credentials",
        ])
        .arg(&dir)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let _banner = lines.next().unwrap().unwrap();
    let mut acme = String::new();
    let mut cashy = String::new();
    for _ in 0..2 {
        let l = lines.next().unwrap().unwrap();
        let base = l.split_whitespace().nth(1).unwrap_or_default().to_string();
        if l.trim_start().starts_with("acme") {
            acme = base;
        } else if l.trim_start().starts_with("cashy") {
            cashy = base;
        }
    }
    assert!(
        acme.ends_with("/acme") && cashy.ends_with("/cashy"),
        "{acme} {cashy}"
    );

    // Step 5: call it; the same call again is the duplicate; query by the gateway's id.
    let call = |op: &str, input: &Path| {
        payout()
            .args([
                "call",
                "--spec",
                "examples/acme.yaml",
                "--op",
                op,
                "--credentials",
            ])
            .arg(dir.join("acme.json"))
            .arg("--input")
            .arg(input)
            .args(["--base-url", &acme, "--insecure-http"])
            .output()
            .unwrap()
    };
    let payout_file = root().join("examples/acme-payout.json");
    let first = call("create_payout", &payout_file);
    let j = json_out(&first);
    assert_eq!(j["ok"], true, "{j}");
    assert_eq!(j["status"], "pending");
    assert_eq!(j["merchant_ref"], "ACME-0001");
    let id = j["provider_ref"].as_str().unwrap().to_string();

    let again = call("create_payout", &payout_file);
    assert_eq!(again.status.code(), Some(1));
    let j = json_out(&again);
    assert_eq!(j["error"]["kind"], "duplicate", "{j}");
    assert_eq!(j["error"]["may_exist"], true);

    let (status, _) = admin_post(&acme, "/_admin/acme/orders/ACME-0001/advance");
    assert_eq!(status, 200);
    let query = dir.join("query.json");
    std::fs::write(&query, format!(r#"{{"id": "{id}"}}"#)).unwrap();
    let j = json_out(&call("query_payout", &query));
    child.kill().ok();
    child.wait().ok();
    assert_eq!(j["ok"], true, "{j}");
    assert_eq!(j["provider_ref"], id.as_str());
    assert_eq!(j["status"], "processing", "{j}");
}

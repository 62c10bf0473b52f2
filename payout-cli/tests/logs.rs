//! Logs through the real binary: the sandbox's line per request and its line for a refused
//! signature (the recipe, and the string it expected to be signed, secrets redacted), and no
//! secret in anything any command prints at `RUST_LOG=trace`.

#[allow(dead_code, unused_imports)]
mod common;

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Output, Stdio};

use common::{payout, root, tmp};

/// A secret nothing else contains, to grep for.
const SECRET: &str = "s3cr3t-ZQXJ-acme-never-printed";

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// `payout sandbox` on a free loopback port, at `RUST_LOG=trace`; its base URL for `acme`.
fn sandbox(creds: &Path) -> (Child, String) {
    let mut child = payout()
        .args([
            "sandbox",
            "--spec",
            "examples/acme.yaml",
            "--listen",
            "127.0.0.1:0",
            "--write-credentials",
        ])
        .arg(creds)
        .env("RUST_LOG", "trace")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let _banner = lines.next().unwrap().unwrap();
    let acme = lines.next().unwrap().unwrap();
    let base = acme.split_whitespace().nth(1).unwrap().to_string();
    (child, base)
}

fn stop(mut child: Child) -> String {
    child.kill().ok();
    child.wait().ok();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    err
}

fn call(creds: &Path, base: &str) -> Output {
    payout()
        .args([
            "call",
            "--spec",
            "examples/acme.yaml",
            "--op",
            "create_payout",
            "--credentials",
        ])
        .arg(creds)
        .args([
            "--input",
            "examples/acme-payout.json",
            "--base-url",
            base,
            "--insecure-http",
        ])
        .env("RUST_LOG", "trace")
        .output()
        .unwrap()
}

#[test]
fn the_sandbox_logs_each_request_and_what_a_refused_signature_should_have_signed() {
    let dir = tmp("logs-refused");
    let (child, base) = sandbox(&dir);
    // The sandbox's own secret, and a wrong one of ours.
    let good: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("acme.json")).unwrap()).unwrap();
    let sandbox_secret = good["secret"].as_str().unwrap().to_string();
    let wrong = dir.join("wrong.json");
    std::fs::write(
        &wrong,
        serde_json::json!({ "key_id": good["key_id"], "secret": SECRET }).to_string(),
    )
    .unwrap();
    let refused = call(&wrong, &base);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    let accepted = call(&dir.join("acme.json"), &base);
    assert_eq!(accepted.status.code(), Some(0), "{}", text(&accepted));
    let log = stop(child);

    let line = log
        .lines()
        .find(|l| {
            l.contains("refused: the signature in the header `X-Acme-Signature` does not match")
        })
        .unwrap_or_else(|| panic!("no refusal line in:\n{log}"));
    assert!(line.contains("gateway=\"acme\""), "{line}");
    assert!(line.contains("operation=\"create_payout\""), "{line}");
    assert!(line.contains("recipe=\"body_hmac\""), "{line}");
    // The recipe signs `TIMESTAMP.BODY`: the expected string is the request's timestamp, a
    // dot and its exact body (examples/acme-payout.json as the spec writes it).
    let expected = line
        .split("expected_string_to_sign=\"")
        .nth(1)
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or_else(|| panic!("no expected string in {line}"));
    let (timestamp, body) = expected.split_once('.').unwrap();
    assert_eq!(timestamp.len(), 13, "{expected}");
    assert!(timestamp.bytes().all(|b| b.is_ascii_digit()), "{expected}");
    assert_eq!(
        body,
        r#"{\"reference\":\"ACME-0001\",\"amount\":\"2500.00\",\"currency\":\"INR\",\"purpose\":\"salary\",\"beneficiary\":{\"name\":\"Asha Rao\",\"account_number\":\"000123456789\",\"ifsc\":\"HDFC0001234\"}}"#
    );

    // One line per request: the refused one, then the accepted one.
    let requests: Vec<&str> = log
        .lines()
        .filter(|l| l.contains(" request gateway="))
        .collect();
    assert_eq!(requests.len(), 2, "{log}");
    for (line, outcome) in requests.iter().zip(["401 refused: unauthorized", "200 ok"]) {
        assert!(
            line.contains("gateway=\"acme\" operation=\"create_payout\""),
            "{line}"
        );
        assert!(line.contains("merchant_ref=\"ACME-0001\""), "{line}");
        assert!(line.contains(&format!("outcome={outcome} ")), "{line}");
        assert!(line.contains("faults=none"), "{line}");
        assert!(line.contains("latency_ms="), "{line}");
    }

    for out in [text(&refused), text(&accepted), log] {
        assert!(!out.contains(SECRET), "our secret printed:\n{out}");
        assert!(
            !out.contains(&sandbox_secret),
            "the sandbox's secret printed:\n{out}"
        );
    }
}

/// Every command, at `RUST_LOG=trace` and `-vvv`, with credentials whose secrets are
/// distinctive strings: none of them appears in stdout or stderr.
#[test]
fn no_command_prints_a_secret_at_trace_level() {
    let dir = tmp("logs-secrets");
    let creds = dir.join("creds.json");
    std::fs::write(
        &creds,
        serde_json::json!({ "key_id": "ak_test_1", "secret": SECRET }).to_string(),
    )
    .unwrap();
    let run = |args: &[&str]| -> String {
        let out = payout()
            .args(args)
            .env("RUST_LOG", "trace")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        text(&out)
    };
    let creds_arg = creds.to_str().unwrap();
    let mut outputs = vec![
        (
            "sign",
            run(&[
                "-vvv",
                "sign",
                "--spec",
                "examples/acme.yaml",
                "--op",
                "create_payout",
                "--credentials",
                creds_arg,
                "--input",
                "examples/acme-payout.json",
                "--explain",
            ]),
        ),
        ("lint", run(&["lint", "specs", "examples/acme.yaml"])),
        ("schema", run(&["schema"])),
        ("completions", run(&["completions", "bash"])),
    ];
    // A webhook signed with our secret: `printf '%s' "1714128900000.$BODY" | openssl dgst
    // -sha256 -hmac s3cr3t-ZQXJ-acme-never-printed` would verify; this one does not, and
    // the refusal must not print the secret either.
    let headers = dir.join("headers.json");
    std::fs::write(
        &headers,
        r#"{"X-Acme-Timestamp": "1714128900000", "X-Acme-Signature": "00"}"#,
    )
    .unwrap();
    let body = dir.join("body.json");
    std::fs::write(&body, r#"{"event":"payout.paid","data":{"id":"po_1","reference":"A","amount":"1.00","state":"PAID","utr":null}}"#).unwrap();
    outputs.push((
        "webhook",
        run(&[
            "webhook",
            "--spec",
            "examples/acme.yaml",
            "--credentials",
            creds_arg,
            "--headers",
            headers.to_str().unwrap(),
            "--body",
            body.to_str().unwrap(),
        ]),
    ));
    let new_spec = dir.join("newgw.yaml");
    let _ = std::fs::remove_file(&new_spec);
    outputs.push((
        "new",
        run(&["new", "newgw", "-o", new_spec.to_str().unwrap()]),
    ));

    // call and sandbox, against each other.
    let sb_dir = dir.join("sandbox");
    let (child, base) = sandbox(&sb_dir);
    outputs.push(("call", text(&call(&creds, &base))));
    outputs.push(("call", text(&call(&sb_dir.join("acme.json"), &base))));
    outputs.push(("sandbox", stop(child)));
    let sandbox_secret = "sandbox-acme-secret";

    // The demo: every gateway's test credentials, RSA private keys included.
    outputs.push(("demo", run(&["demo"])));
    let key =
        std::fs::read_to_string(root().join("tests/keys/test-only-merchant-private.pem")).unwrap();
    let key_line = key.lines().nth(5).unwrap().to_string();
    let mut demo_secrets: Vec<String> = vec![key_line];
    for id in common::GATEWAYS {
        let spec = payout_spec::load_file(root().join(format!("specs/{id}.yaml")))
            .unwrap()
            .spec;
        for (name, c) in &spec.credentials {
            if c.secret {
                demo_secrets.push(format!("sandbox-{id}-{name}"));
            }
        }
    }
    assert!(demo_secrets.len() > 3, "{demo_secrets:?}");

    for (command, out) in &outputs {
        assert!(
            !out.is_empty() || *command == "completions",
            "{command} printed nothing"
        );
        for secret in [SECRET, sandbox_secret]
            .into_iter()
            .chain(demo_secrets.iter().map(String::as_str))
        {
            assert!(
                !out.contains(secret),
                "`{command}` printed the secret `{secret}`:\n{out}"
            );
        }
    }
    // The trace level was really on (a test of nothing otherwise).
    let call_log = &outputs.iter().find(|(c, _)| *c == "call").unwrap().1;
    assert!(call_log.contains("DEBUG"), "{call_log}");
}

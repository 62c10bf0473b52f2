//! Hostile input through the real binary (issue 8): bodies too deep or too large end in an
//! error and exit 1, never in an abort; an unreadable answer to a create says `may_exist`.

#[allow(unused_imports)]
mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;

use common::{payout, root, tmp};
use payout_runtime::CompiledSpec;
use payout_sandbox::GatewaySetup;
use serde_json::Value;

fn json_out(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}), status {:?}: {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// Issue 8, defect 1: `payout webhook` died with signal 6 on a 50,000-deep body.
#[test]
fn webhook_with_a_50000_deep_body_exits_1_with_an_error() {
    let dir = tmp("hostile-webhook");
    let body = format!("{}1{}", r#"{"a":"#.repeat(50_000), "}".repeat(50_000));
    std::fs::write(dir.join("body"), &body).unwrap();
    std::fs::write(dir.join("headers.json"), "{}").unwrap();
    std::fs::write(
        dir.join("creds.json"),
        r#"{"pid":"TEC1001","secret_key":"tecpay-test-secret-key"}"#,
    )
    .unwrap();
    let out = payout()
        .args(["webhook", "--spec", "specs/tecpay.yaml", "--credentials"])
        .arg(dir.join("creds.json"))
        .arg("--headers")
        .arg(dir.join("headers.json"))
        .arg("--body")
        .arg(dir.join("body"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let v = json_out(&out);
    assert_eq!(v["ok"], false);
    let message = v["error"]["message"].as_str().unwrap();
    assert!(message.contains("deeper than 128 levels"), "{message}");

    // A body over the limit is refused unread.
    let out = payout()
        .args(["webhook", "--spec", "specs/tecpay.yaml", "--credentials"])
        .arg(dir.join("creds.json"))
        .arg("--headers")
        .arg(dir.join("headers.json"))
        .arg("--body")
        .arg(dir.join("body"))
        .args(["--max-body-bytes", "1000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let message = json_out(&out)["error"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("limit of 1000 bytes"), "{message}");
}

/// A gateway on loopback that answers one request with `answer`, then stops.
fn answer_once(answer: impl FnOnce(&mut std::net::TcpStream) + Send + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let Ok((mut s, _)) = listener.accept() else {
            return;
        };
        // Read the request's head and body (its length is in the head).
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let Ok(n) = s.read(&mut buf) else { return };
            if n == 0 {
                return;
            }
            got.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&got).to_string();
            if let Some(end) = text.find("\r\n\r\n") {
                let len = text[..end]
                    .lines()
                    .find_map(|l| {
                        let (k, v) = l.split_once(':')?;
                        k.eq_ignore_ascii_case("content-length")
                            .then(|| v.trim().parse::<usize>().ok())?
                    })
                    .unwrap_or(0);
                if got.len() >= end + 4 + len {
                    break;
                }
            }
        }
        answer(&mut s);
    });
    base
}

fn call_create(base: &str, name: &str) -> std::process::Output {
    let spec = Arc::new(CompiledSpec::from_file(root().join("specs/cashy.yaml")).unwrap());
    let setup = GatewaySetup::with_test_credentials(spec).unwrap();
    let dir = tmp(name);
    let creds = dir.join("creds.json");
    std::fs::write(&creds, serde_json::to_string(&setup.credentials).unwrap()).unwrap();
    payout()
        .args([
            "call",
            "--spec",
            "specs/cashy.yaml",
            "--op",
            "create_payout",
        ])
        .arg("--credentials")
        .arg(&creds)
        .args(["--input", "examples/cashy-payout.json", "--base-url", base])
        .args(["--insecure-http", "--timeout", "20"])
        .output()
        .unwrap()
}

fn assert_may_exist(out: &std::process::Output) -> String {
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let v = json_out(out);
    assert_eq!(v["ok"], false, "{v}");
    assert_eq!(v["error"]["may_exist"], true, "{v}");
    v["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Issue 8, defect 1: a 200,000-deep answer to a create aborted `payout call`.
#[test]
fn call_with_a_200000_deep_answer_to_a_create_exits_1_may_exist() {
    let base = answer_once(|s| {
        let body = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = s.write_all(head.as_bytes());
        let _ = s.write_all(body.as_bytes());
    });
    let message = assert_may_exist(&call_create(&base, "hostile-deep"));
    assert!(message.contains("deeper than 128 levels"), "{message}");
}

/// Issue 8, defect 2: a 40 MB answer was read whole (250–310 MB of memory). Sent chunked,
/// with no length announced, so the cap is met while reading.
#[test]
fn call_with_a_40mb_answer_to_a_create_exits_1_may_exist() {
    let base = answer_once(|s| {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        if s.write_all(head.as_bytes()).is_err() {
            return;
        }
        let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, "7".repeat(64 * 1024));
        let _ = s.write_all(b"6\r\n[\"1\",7\r\n");
        for _ in 0..640 {
            // The client stops reading at its limit and closes: then writing fails.
            if s.write_all(chunk.as_bytes()).is_err() {
                return;
            }
        }
        let _ = s.write_all(b"1\r\n]\r\n0\r\n\r\n");
    });
    let message = assert_may_exist(&call_create(&base, "hostile-large"));
    assert!(
        message.contains("larger than the limit of 1048576 bytes"),
        "{message}"
    );

    // Announced by its length: refused before a byte of it is read.
    let base = answer_once(|s| {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 41943040\r\nConnection: close\r\n\r\n";
        let _ = s.write_all(head.as_bytes());
        let _ = s.write_all(&vec![b' '; 1 << 20]);
    });
    let message = assert_may_exist(&call_create(&base, "hostile-large-length"));
    assert!(message.contains("larger than the limit"), "{message}");
}

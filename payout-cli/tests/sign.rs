//! `payout sign` reproduces every request vector of every spec through the real binary:
//! the exact body and headers (whose expected values come from independent computations,
//! commands beside them in the specs), and with `--explain` the string to sign and the
//! final signature of each recipe, secrets redacted.

mod common;

use std::path::{Path, PathBuf};

use common::{payout, root, tmp, GATEWAYS};
use payout_spec::{Json, Vector};
use serde_json::Value;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Runs `payout sign` for a request vector; returns the parsed output. Credentials the
/// vector leaves out (it uses only some) get unused stand-ins, as the CLI wants them all.
fn sign(spec: &Path, v: &Vector, dir: &Path, extra: &[&str]) -> (Value, String) {
    let declared = payout_spec::load_file(spec).unwrap().spec.credentials;
    let creds: serde_json::Map<String, Value> = declared
        .iter()
        .map(|(k, c)| {
            let value = v
                .credentials
                .get(k)
                .cloned()
                .unwrap_or_else(|| match c.kind {
                    payout_spec::CredentialKind::RsaPublicKey => std::fs::read_to_string(
                        root().join("tests/keys/test-only-platform-public.pem"),
                    )
                    .unwrap(),
                    payout_spec::CredentialKind::RsaPrivateKey => std::fs::read_to_string(
                        root().join("tests/keys/test-only-merchant-private.pem"),
                    )
                    .unwrap(),
                    payout_spec::CredentialKind::Ed25519PrivateKey => std::fs::read_to_string(
                        root().join("tests/keys/test-only-merchant-ed25519-private.pem"),
                    )
                    .unwrap(),
                    payout_spec::CredentialKind::Ed25519PublicKey => std::fs::read_to_string(
                        root().join("tests/keys/test-only-platform-ed25519-public.pem"),
                    )
                    .unwrap(),
                    payout_spec::CredentialKind::P256PrivateKey => std::fs::read_to_string(
                        root().join("tests/keys/test-only-merchant-p256-private.pem"),
                    )
                    .unwrap(),
                    payout_spec::CredentialKind::P256PublicKey => std::fs::read_to_string(
                        root().join("tests/keys/test-only-platform-p256-public.pem"),
                    )
                    .unwrap(),
                    payout_spec::CredentialKind::Text => "unused".to_string(),
                });
            (k.clone(), Value::String(value))
        })
        .collect();
    let creds = write(dir, "creds.json", &Value::Object(creds).to_string());
    let input = write(
        dir,
        "input.json",
        &Json::Object(v.input.clone()).to_compact(false),
    );
    let mut cmd = payout();
    cmd.arg("sign")
        .arg("--spec")
        .arg(spec)
        .arg("--op")
        .arg(v.operation.as_deref().unwrap())
        .arg("--credentials")
        .arg(&creds)
        .arg("--input")
        .arg(&input)
        .args(extra);
    if let Some(t) = v.timestamp {
        cmd.arg("--timestamp").arg(t.to_string());
    }
    if let Some(n) = &v.nonce {
        cmd.arg("--nonce").arg(n);
    }
    if let Some(r) = &v.random {
        cmd.arg("--random").arg(r);
    }
    if let Some(b) = &v.base_url {
        cmd.arg("--base-url").arg(b);
    }
    for (name, value) in &v.obtained {
        cmd.arg("--obtained").arg(format!("{name}={value}"));
    }
    if let Some(token) = &v.challenge {
        cmd.arg("--challenge").arg(token);
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{}: {stderr}", v.name);
    (serde_json::from_slice(&out.stdout).unwrap(), stderr)
}

#[test]
fn sign_reproduces_every_request_vector_and_explains_it() {
    let dir = tmp("sign");
    let mut checked = 0;
    let mut recipes_explained = 0;
    for name in GATEWAYS {
        let path = root().join("specs").join(format!("{name}.yaml"));
        let spec = payout_spec::load_file(&path).unwrap().spec;
        let secrets: Vec<&str> = spec.secret_credentials().collect();
        let vectors: Vec<&Vector> = spec
            .vectors
            .iter()
            .filter(|v| v.operation.is_some() && v.expect.invalid.is_empty())
            .collect();
        assert!(!vectors.is_empty(), "{name} has no request vector");
        for v in vectors {
            let (out, _) = sign(&path, v, &dir, &["--explain", "--reveal-secrets"]);
            let e = &v.expect;
            if let Some(b) = &e.body {
                assert_eq!(out["body"], Value::String(b.clone()), "{name}: {}", v.name);
            }
            if let Some(u) = &e.url {
                assert_eq!(out["url"], Value::String(u.clone()), "{name}: {}", v.name);
            }
            for (h, want) in &e.headers {
                assert_eq!(
                    out["headers"][h],
                    Value::String(want.clone()),
                    "{name}: {}: header {h}",
                    v.name
                );
            }
            let steps = out["steps"].as_array().unwrap();
            // The string to sign is shown, with the vector's test secrets redacted.
            for (recipe, want) in &e.string_to_sign {
                let mut shown = want.clone();
                for s in &secrets {
                    if let Some(value) = v.credentials.get(*s) {
                        shown = shown.replace(value.as_str(), &format!("<redacted:{s}>"));
                    }
                }
                assert!(
                    steps
                        .iter()
                        .any(|st| st["recipe"] == recipe.as_str() && st["value"] == shown.as_str()),
                    "{name}: {}: the string to sign of {recipe} is not shown as {shown:?}",
                    v.name
                );
            }
            // Each recipe's final value is shown and is exactly what went into the request
            // (a header or the body), whose expected value was checked above.
            let placed = format!("{}{}", out["headers"], out["body"]);
            let recipes: std::collections::BTreeSet<&str> = steps
                .iter()
                .filter_map(|st| st["recipe"].as_str())
                .collect();
            for recipe in &recipes {
                let last = steps
                    .iter()
                    .rev()
                    .find(|st| st["recipe"] == *recipe)
                    .unwrap();
                let value = last["value"].as_str().unwrap();
                if !value.starts_with("<redacted:") {
                    assert!(
                        placed.contains(value),
                        "{name}: {}: {recipe}'s result {value} is not in the request",
                        v.name
                    );
                }
            }
            // Every request that is signed explains its recipes (a request that carries only
            // an obtained token, as PayPal's payouts do, has none).
            let op = &spec.operations[v.operation.as_deref().unwrap()];
            let signed = serde_json::to_string(op).unwrap().contains("signatures.");
            assert!(
                !signed || !recipes.is_empty(),
                "{name}: {}: nothing explained",
                v.name
            );
            for (recipe, want) in &e.signatures {
                let last = steps
                    .iter()
                    .rev()
                    .find(|st| st["recipe"] == recipe.as_str())
                    .unwrap();
                assert_eq!(
                    last["value"],
                    Value::String(want.clone()),
                    "{name}: {}: {recipe}",
                    v.name
                );
                recipes_explained += 1;
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} request vectors");
    assert!(recipes_explained >= 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn headers_that_reveal_a_secret_print_redacted_by_default() {
    let dir = tmp("sign-redact");
    let path = root().join("specs/xettle.yaml");
    let spec = payout_spec::load_file(&path).unwrap().spec;
    let v = spec
        .vectors
        .iter()
        .find(|v| v.operation.as_deref() == Some("create_payout"))
        .unwrap();
    let (out, _) = sign(&path, v, &dir, &["--explain"]);
    let auth = out["headers"]["Authorization"].as_str().unwrap();
    assert!(auth.contains("<redacted:"), "{auth}");
    let text = out.to_string();
    for s in ["client_secret", "salt_key"] {
        let value = &v.credentials[s];
        assert!(!text.contains(value.as_str()), "the secret {s} was printed");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn invalid_input_exits_1_with_every_problem_and_a_bad_spec_exits_2() {
    let dir = tmp("sign-bad");
    let creds = write(&dir, "c.json", r#"{"merchant_id":"1","api_key":"k"}"#);
    let input = write(
        &dir,
        "i.json",
        r#"{"amount":"1.001","bankId":"x","bogus":1}"#,
    );
    let out = payout()
        .args(["sign", "--spec"])
        .arg(root().join("specs/cashy.yaml"))
        .args(["--op", "create_payout", "--credentials"])
        .arg(&creds)
        .arg("--input")
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for field in ["bogus", "amount", "bankId", "accountName", "mchOrderNo"] {
        assert!(
            err.lines().any(|l| l.starts_with(&format!("{field}:"))),
            "{field} not reported:\n{err}"
        );
    }
    let out = payout()
        .args(["sign", "--spec"])
        .arg(root().join("tests/specs/bad/three_problems.yaml"))
        .args(["--op", "create_payout", "--credentials"])
        .arg(&creds)
        .arg("--input")
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 3);
    std::fs::remove_dir_all(&dir).ok();
}

/// A spec whose request carries an Ed25519 signature of the body and an ES256 token:
/// `payout sign --explain` writes what openssl and python `cryptography` compute, and shows
/// each step with the merchant's keys nowhere in the output.
#[test]
fn sign_explains_ed25519_and_es256_steps() {
    let dir = tmp("sign-curves");
    let spec = write(
        &dir,
        "curves.yaml",
        r#"spec_version: 1
provider: { id: curves, name: Curves }
environments: { sandbox: { base_url: "http://127.0.0.1:9" } }
credentials:
  merchant_ed: { type: ed25519_private_key }
  merchant_ec: { type: p256_private_key }
money: { currency: USD, amount: { encoding: string, decimals: 2 } }
signing:
  body_signature:
    steps: [ { input: body_bytes }, { ed25519_sign: { key: merchant_ed } }, { encode: base64 } ]
  body_token:
    steps: [ { input: body_bytes }, { jws_sign: { alg: es256, key: merchant_ec, typ: JWT } } ]
operations:
  create_payout:
    role: create
    method: POST
    path: /payouts
    headers:
      X-Signature: "{{ signatures.body_signature }}"
      X-Token: "{{ signatures.body_token }}"
    body:
      fields:
        amount: { type: amount, required: true, role: amount }
        ref: { type: string, required: true, role: merchant_ref }
    response: { success: "true" }
"#,
    );
    let key = |f: &str| std::fs::read_to_string(root().join("tests/keys").join(f)).unwrap();
    let creds = serde_json::json!({
        "merchant_ed": key("test-only-merchant-ed25519-private.pem"),
        "merchant_ec": key("test-only-merchant-p256-private.pem"),
    });
    let creds = write(&dir, "creds.json", &creds.to_string());
    let input = write(&dir, "input.json", r#"{"amount":"10.00","ref":"ORDER-42"}"#);
    let out = payout()
        .args(["sign", "--op", "create_payout", "--explain", "--spec"])
        .arg(&spec)
        .arg("--credentials")
        .arg(&creds)
        .arg("--input")
        .arg(&input)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["body"], r#"{"amount":"10.00","ref":"ORDER-42"}"#);
    // printf '%s' '{"amount":"10.00","ref":"ORDER-42"}' > m
    // openssl pkeyutl -sign -rawin -inkey tests/keys/test-only-merchant-ed25519-private.pem -in m | base64 -w0
    assert_eq!(
        v["headers"]["X-Signature"],
        "JdIgPpqgp2jbKp31ZK1dO+bNCdePfhGjq2r9WXMMjhLluyqAG6XIQf9REAYJGZ8Iqr31JSHo6A4dIBZ3Z3neBQ=="
    );
    // The command of payout-runtime's crypto::jws::tests::es256_matches_python_cryptography.
    assert_eq!(
        v["headers"]["X-Token"],
        "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJhbW91bnQiOiIxMC4wMCIsInJlZiI6Ik9SREVSLTQyIn0.JkH_Pgv9x5YjXdrnw8lPQ2Cnk-pgwTOhRcHSukvgAEm79bgRPQMlYuREZYyzS5_jRvMAN6uOFqKWKeUNZrNa7Q"
    );
    let steps: Vec<String> = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}: {}",
                s["recipe"].as_str().unwrap(),
                s["step"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        steps.contains(&"body_signature: ed25519_sign".to_string()),
        "{steps:?}"
    );
    assert!(
        steps.contains(&"body_token: jws_sign: ES256".to_string()),
        "{steps:?}"
    );
    for f in [
        "test-only-merchant-ed25519-private.pem",
        "test-only-merchant-p256-private.pem",
    ] {
        let pem = key(f);
        let body: Vec<&str> = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        assert!(body.iter().all(|l| !text.contains(l)), "{f} is printed");
    }
}

/// Wise's funding step needs a transfer, made from a recipient whose id the gateway writes
/// as a number: `sign --explain` cannot show `<obtained:recipient>` there, so it says which
/// `--obtained` values to give, and with them shows all three steps of the flow.
#[test]
fn explain_names_the_obtained_values_a_flow_needs() {
    let dir = tmp("sign-wise-flow");
    let path = root().join("specs/wise.yaml");
    let spec = payout_spec::load_file(&path).unwrap().spec;
    let creds: serde_json::Map<String, Value> = spec.vectors[0]
        .credentials
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    let creds = write(&dir, "c.json", &Value::Object(creds).to_string());
    let input = write(
        &dir,
        "i.json",
        r#"{"sourceCurrency":"GBP","targetCurrency":"GBP","targetAmount":"110.00","currency":"GBP",
            "accountHolderName":"Ann Johnson",
            "details":{"sortCode":"040075","accountNumber":"37778842","reference":"acme-1"}}"#,
    );
    let run = |extra: &[&str]| {
        payout()
            .args(["sign", "--spec"])
            .arg(&path)
            .args(["--op", "fund_transfer", "--explain", "--credentials"])
            .arg(&creds)
            .arg("--input")
            .arg(&input)
            .args(extra)
            .output()
            .unwrap()
    };
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("targetAccount"), "{err}");
    assert!(err.contains("--obtained recipient=VALUE"), "{err}");

    let out = run(&["--obtained", "recipient=10000001"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let steps: Vec<&str> = v["flow"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["obtains"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["quote", "recipient", "transfer"]);
    assert!(v["flow"][2]["body"]
        .as_str()
        .unwrap()
        .contains("\"targetAccount\":10000001"));
    std::fs::remove_dir_all(&dir).ok();
}

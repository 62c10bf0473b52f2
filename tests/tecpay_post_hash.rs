//! Tecpay's `post_hash`, built by the runtime with the operating system's random source (a
//! real random IV, so no fixed vector can cover it), taken apart and checked by an
//! independent implementation: the `openssl` binary authenticates the HMAC, decrypts the
//! AES-256-CBC ciphertext and computes the MD5 it must hold.
//!
//! The test fails (it never skips) when `openssl` is missing.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use payout::runtime::request::{prepare, Preparation, RequestOptions};
use payout::runtime::source::{OsEntropy, SystemClock};
use payout::runtime::{CompiledSpec, Credentials, Json};

const PID: &str = "TEC1001";
// Not the vectors' key: spaces and symbols check that the key text is used byte for byte.
const SECRET: &str = "another tecpay/secret+key=42";
const BASE_URL: &str = "https://gateway.tecpay.invalid";

/// Runs `openssl ARGS` with `stdin`, returns its stdout; panics with a clear message when the
/// binary is missing or fails.
fn openssl(args: &[&str], stdin: &[u8]) -> Vec<u8> {
    let mut child = Command::new("openssl")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `openssl` ({e}): this test checks the engine's Tecpay post_hash \
                 against an independent implementation; install OpenSSL's command-line tool \
                 (e.g. `apt-get install openssl`)"
            )
        });
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write to openssl");
    let out = child.wait_with_output().expect("wait for openssl");
    assert!(
        out.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `openssl dgst -md5 -r` prints `HEX *stdin`.
fn md5_hex(text: &str) -> String {
    let out = String::from_utf8(openssl(&["dgst", "-md5", "-r"], text.as_bytes())).unwrap();
    out.split_whitespace().next().unwrap().to_string()
}

fn spec() -> CompiledSpec {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("specs/tecpay.yaml");
    CompiledSpec::from_file(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// Builds the status query for `order_id` with the system clock and the OS random source,
/// and returns the body's `pid`, `order_id` and `post_hash`.
fn build(spec: &CompiledSpec, creds: &Credentials, order_id: &str) -> (String, String, String) {
    let prep = Preparation {
        spec,
        creds,
        clock: &SystemClock,
        entropy: &OsEntropy,
    };
    let input: payout::runtime::JsonMap = [(String::from("order_id"), Json::from(order_id))]
        .into_iter()
        .collect();
    let req = prepare(
        &prep,
        "query_payout",
        BASE_URL,
        &input,
        &RequestOptions::default(),
    )
    .unwrap_or_else(|e| panic!("the request could not be built: {e}"));
    assert_eq!(
        req.url(),
        format!("{BASE_URL}/payout/api/order_status_polling.php")
    );
    let body = Json::parse(&req.body_text()).expect("the body is JSON");
    let field = |k: &str| {
        body.get_path(k)
            .and_then(Json::as_str)
            .unwrap_or_else(|| panic!("no `{k}` in {}", req.body_text()))
            .to_string()
    };
    (field("pid"), field("order_id"), field("post_hash"))
}

#[test]
fn openssl_decrypts_the_engines_post_hash_to_the_md5_of_order_pid_and_secret() {
    let spec = spec();
    let creds = Credentials::new(
        spec.spec(),
        [
            (String::from("pid"), String::from(PID)),
            (String::from("secret_key"), String::from(SECRET)),
        ]
        .into_iter()
        .collect(),
    )
    .unwrap_or_else(|e| panic!("{e:?}"));

    // key = raw SHA-256 of the secret key.
    let key = hex(&openssl(&["dgst", "-sha256", "-binary"], SECRET.as_bytes()));
    assert_eq!(key.len(), 64);

    let mut ivs = Vec::new();
    for order_id in [
        "ORD-54321-ABC",
        "ORD-1",
        "2025071500001234567890",
        "ord with spaces",
    ] {
        let (pid, sent_order, post_hash) = build(&spec, &creds, order_id);
        assert_eq!(pid, PID);
        assert_eq!(sent_order, order_id);

        // post_hash = base64(iv[16] ‖ mac[32] ‖ ciphertext)
        let raw = openssl(&["base64", "-d", "-A"], post_hash.as_bytes());
        assert!(
            raw.len() >= 16 + 32 + 16 && (raw.len() - 48).is_multiple_of(16),
            "unexpected post_hash length {} ({post_hash})",
            raw.len()
        );
        let (iv, rest) = raw.split_at(16);
        let (mac, ciphertext) = rest.split_at(32);

        // mac = HMAC-SHA256(key, ciphertext ‖ iv)
        let macopt = format!("hexkey:{key}");
        let expected_mac = openssl(
            &[
                "dgst", "-sha256", "-mac", "HMAC", "-macopt", &macopt, "-binary",
            ],
            &[ciphertext, iv].concat(),
        );
        assert_eq!(hex(mac), hex(&expected_mac), "HMAC of {post_hash}");

        // AES-256-CBC with PKCS#7 padding (openssl's default) under that key and IV.
        let iv_hex = hex(iv);
        let plain = openssl(
            &["enc", "-d", "-aes-256-cbc", "-K", &key, "-iv", &iv_hex],
            ciphertext,
        );
        let plain = String::from_utf8(plain).expect("the plaintext is text");
        assert_eq!(
            plain,
            md5_hex(&format!("{order_id}{PID}{SECRET}")),
            "decrypted post_hash of {order_id}"
        );
        ivs.push(iv_hex);
    }

    // The IVs come from the OS random source: fresh for every request.
    let mut unique = ivs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ivs.len(), "IVs repeat: {ivs:?}");
    assert!(!ivs.contains(&"0".repeat(32)), "a zero IV: {ivs:?}");
}

//! HTTP in the caller's hands, against real servers on loopback: a sandbox that requires a
//! client certificate (mutual TLS) accepts a client that presents one — through
//! `ClientOptions::tls` or through the caller's own `reqwest::Client` — and refuses one that
//! does not; query retries wait for the gateway's `Retry-After`.
//!
//! The certificates are the test-only ones of `tests/keys/tls/` (made by `make.sh` there).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use payout_runtime::http::{ClientIdentity, TlsOptions};
use payout_runtime::{
    ClientOptions, CompiledSpec, Credentials, DynamicClient, ErrorKind, Json, JsonMap,
};
use payout_sandbox::{GatewaySetup, Options, Sandbox, Tls};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo(path)).unwrap()
}

fn acme() -> Arc<CompiledSpec> {
    Arc::new(CompiledSpec::from_file(repo("examples/acme.yaml")).unwrap())
}

fn payout_input() -> JsonMap {
    serde_json::from_str(&read("examples/acme-payout.json")).unwrap()
}

/// A sandbox for Acme over HTTPS that requires a client certificate from the test CA.
async fn mtls_sandbox() -> (Sandbox, GatewaySetup) {
    let setup = GatewaySetup::with_test_credentials(acme()).unwrap();
    let creds = GatewaySetup::with_test_credentials(acme()).unwrap();
    let options = Options {
        tls: Some(Tls {
            cert_pem: read("tests/keys/tls/test-only-server.pem"),
            key_pem: read("tests/keys/tls/test-only-server.key"),
            client_ca_pem: Some(read("tests/keys/tls/test-only-ca.pem")),
        }),
        ..Options::default()
    };
    (Sandbox::start(vec![setup], options).await.unwrap(), creds)
}

fn client(sb: &Sandbox, setup: &GatewaySetup, options: ClientOptions) -> DynamicClient {
    let base = sb
        .base_url("acme")
        .unwrap()
        .replacen("http://", "https://", 1);
    let creds = Credentials::new(setup.spec.spec(), setup.credentials.clone()).unwrap();
    DynamicClient::new(setup.spec.clone(), creds, &base, options).unwrap()
}

fn ca_only() -> TlsOptions {
    TlsOptions {
        identity: None,
        root_certificates: vec![read("tests/keys/tls/test-only-ca.pem")],
    }
}

fn identity() -> ClientIdentity {
    ClientIdentity::from_pem(
        read("tests/keys/tls/test-only-client.pem").as_bytes(),
        read("tests/keys/tls/test-only-client.key").as_bytes(),
    )
    .unwrap()
}

#[tokio::test]
async fn mutual_tls_succeeds_with_the_client_certificate_and_fails_without() {
    let (sb, setup) = mtls_sandbox().await;
    let gw = sb.gateway("acme").unwrap();

    // Without a client certificate: the handshake is refused, nothing reaches the gateway.
    let without = client(
        &sb,
        &setup,
        ClientOptions {
            tls: ca_only(),
            ..ClientOptions::default()
        },
    );
    let err = without
        .call("create_payout", &payout_input())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err.kind,
            ErrorKind::Connect | ErrorKind::Network | ErrorKind::Ambiguous
        ),
        "{err:?}"
    );
    assert_eq!(gw.count("ACME-0001"), 0);
    println!("without a client certificate: {err}");
    // TLS 1.3: the server asks for the certificate after the client sent its request.
    assert!(err.message.contains("CertificateRequired"), "{err}");
    // The key is never in the options' Debug.
    let mut with_tls = ca_only();
    with_tls.identity = Some(identity());
    assert!(!format!("{with_tls:?}").contains("PRIVATE KEY"));

    // With it: created.
    let with = client(
        &sb,
        &setup,
        ClientOptions {
            tls: with_tls,
            ..ClientOptions::default()
        },
    );
    let out = with.call("create_payout", &payout_input()).await.unwrap();
    assert_eq!(out.result.merchant_ref.as_deref(), Some("ACME-0001"));
    assert_eq!(gw.count("ACME-0001"), 1);
}

#[tokio::test]
async fn the_callers_own_reqwest_client_is_used_as_given() {
    let (sb, setup) = mtls_sandbox().await;
    let pem = format!(
        "{}\n{}",
        read("tests/keys/tls/test-only-client.key"),
        read("tests/keys/tls/test-only-client.pem")
    );
    let own = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .add_root_certificate(
            reqwest::Certificate::from_pem(read("tests/keys/tls/test-only-ca.pem").as_bytes())
                .unwrap(),
        )
        .identity(reqwest::Identity::from_pem(pem.as_bytes()).unwrap())
        .build()
        .unwrap();
    // The options' own TLS settings (none here) do not apply: the client's do.
    let c = client(
        &sb,
        &setup,
        ClientOptions {
            http_client: Some(own),
            ..ClientOptions::default()
        },
    );
    let out = c.call("create_payout", &payout_input()).await.unwrap();
    assert_eq!(out.result.merchant_ref.as_deref(), Some("ACME-0001"));
}

/// A gateway that answers 503 with `Retry-After` first, then the real answer; it records
/// when each request arrived.
async fn retry_after_server(retry_after: &'static str) -> (String, Arc<Mutex<Vec<Instant>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let seen = arrivals.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut s, _)) = listener.accept().await else {
                return;
            };
            let mut buf = vec![0u8; 8192];
            let _ = s.read(&mut buf).await;
            let n = {
                let mut a = seen.lock().unwrap();
                a.push(Instant::now());
                a.len()
            };
            let reply = if n == 1 {
                format!("HTTP/1.1 503 Service Unavailable\r\nRetry-After: {retry_after}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            } else {
                let body = r#"{"status":"ok","data":{"id":"po_1","reference":"ACME-0001","amount":"2500.00","state":"PAID","utr":"1"}}"#;
                format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len())
            };
            let _ = s.write_all(reply.as_bytes()).await;
            let _ = s.shutdown().await;
        }
    });
    (format!("http://{addr}"), arrivals)
}

fn plain_client(base: &str, max_retry_after: Duration) -> DynamicClient {
    let setup = GatewaySetup::with_test_credentials(acme()).unwrap();
    let creds = Credentials::new(setup.spec.spec(), setup.credentials.clone()).unwrap();
    let options = ClientOptions {
        allow_insecure_http: true,
        retry_backoff: Duration::from_millis(1),
        max_retry_after,
        ..ClientOptions::default()
    };
    DynamicClient::new(setup.spec, creds, base, options).unwrap()
}

fn query() -> JsonMap {
    [("id".to_string(), Json::from("po_1"))]
        .into_iter()
        .collect()
}

#[tokio::test]
async fn a_query_retry_waits_for_retry_after() {
    let (base, arrivals) = retry_after_server("1").await;
    let out = plain_client(&base, Duration::from_secs(30))
        .call("query_payout", &query())
        .await
        .unwrap();
    assert_eq!(out.result.provider_ref.as_deref(), Some("po_1"));
    let a = arrivals.lock().unwrap().clone();
    assert_eq!(a.len(), 2);
    // The backoff alone is 1 ms: only the gateway's `Retry-After: 1` explains the wait. A
    // lower bound, which a slow machine cannot break.
    let waited = a[1] - a[0];
    println!("waited {waited:?} for Retry-After: 1");
    assert!(waited >= Duration::from_secs(1), "{waited:?}");
}

#[tokio::test]
async fn a_retry_after_beyond_the_limit_returns_the_error_at_once() {
    let (base, arrivals) = retry_after_server("120").await;
    let err = plain_client(&base, Duration::from_secs(30))
        .call("query_payout", &query())
        .await
        .unwrap_err();
    assert_eq!(err.http_status, Some(503), "{err:?}");
    // The caller learns how long the gateway asked for, to ask again no sooner.
    assert_eq!(err.retry_after, Some(Duration::from_secs(120)), "{err:?}");
    assert_eq!(arrivals.lock().unwrap().len(), 1);
}

/// An operation's own time limit applies instead of `request_timeout`.
#[tokio::test]
async fn an_operation_timeout_overrides_the_request_timeout() {
    // A gateway that accepts and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((s, _)) = listener.accept().await {
            held.push(s);
        }
    });
    let setup = GatewaySetup::with_test_credentials(acme()).unwrap();
    let creds = Credentials::new(setup.spec.spec(), setup.credentials.clone()).unwrap();
    let options = ClientOptions {
        allow_insecure_http: true,
        request_timeout: Duration::from_secs(600),
        query_attempts: 1,
        operation_timeouts: [("query_payout".to_string(), Duration::from_millis(200))].into(),
        ..ClientOptions::default()
    };
    let c = DynamicClient::new(setup.spec, creds, &base, options).unwrap();
    let err = c.call("query_payout", &query()).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Timeout, "{err}");
    assert!(err.message.contains("`query_payout`, 200ms"), "{err}");
    assert!(!err.may_exist);
}

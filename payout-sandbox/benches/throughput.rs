//! Sandbox creates per second on loopback, one request at a time, against a bare axum
//! server answering the same body, in the same run: from an empty store, and from one
//! holding 50,000 payouts (the store's indexes should keep the two alike).
//!
//! `cargo bench -p payout-sandbox --bench throughput`
//!
//! Each create is a real Cashy create (its own merchant reference, MD5-signed by the
//! engine); the requests are prepared before the clock starts, so what is timed is the
//! HTTP exchange and, for the sandbox, its verifying, validating and storing. Both
//! sandboxes grow by the requests the benchmark sends (a few thousand).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use payout_runtime::request::{self, Preparation, PreparedRequest, RequestOptions};
use payout_runtime::source::{OsEntropy, SystemClock};
use payout_runtime::{CompiledSpec, Credentials, Json};
use payout_sandbox::{GatewaySetup, Options, Sandbox};
use rust_decimal::Decimal;

const STORED: usize = 50_000;

struct Target {
    sandbox: Sandbox,
    creds: Credentials,
    base: String,
}

async fn sandbox(spec: &Arc<CompiledSpec>, stored: usize) -> Target {
    let setup = GatewaySetup::with_test_credentials(spec.clone()).expect("setup");
    let creds = Credentials::new(spec.spec(), setup.credentials.clone()).expect("credentials");
    let sandbox = Sandbox::start(vec![setup], Options::default())
        .await
        .expect("sandbox");
    let gw = sandbox.gateway("cashy").expect("cashy");
    for i in 0..stored {
        gw.insert_order(&format!("fill{i:08}"), Decimal::new(10_000, 2), None)
            .expect("fill");
    }
    let base = sandbox.base_url("cashy").expect("base url");
    Target {
        sandbox,
        creds,
        base,
    }
}

/// A Cashy create with its own merchant reference, signed.
fn prepare(spec: &CompiledSpec, creds: &Credentials, base: &str, n: u64) -> PreparedRequest {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/cashy-payout.json"),
    )
    .expect("example input");
    let mut input = Json::parse(&text)
        .ok()
        .and_then(|j| j.as_object().cloned())
        .expect("input object");
    input.insert("mchOrderNo".into(), Json::String(format!("bench{n:012}")));
    let prep = Preparation {
        spec,
        creds,
        clock: &SystemClock,
        entropy: &OsEntropy,
    };
    request::prepare(
        &prep,
        "create_payout",
        base,
        &input,
        &RequestOptions::default(),
    )
    .expect("request")
}

async fn send(http: &reqwest::Client, req: &PreparedRequest) -> (u16, Vec<u8>) {
    let mut r = http.post(req.url()).body(req.body.clone());
    for (k, v) in &req.headers {
        r = r.header(k, v);
    }
    let resp = r.send().await.expect("send");
    let status = resp.status().as_u16();
    (status, resp.bytes().await.expect("body").to_vec())
}

/// A bare axum server that reads each request's body and answers `body`.
async fn bare(body: Vec<u8>) -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let body = Arc::new(body);
    let app = axum::Router::new().fallback(move |_req: axum::body::Bytes| {
        let body = body.clone();
        async move {
            (
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                body.as_ref().clone(),
            )
        }
    });
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}"), task)
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let spec = Arc::new(
        CompiledSpec::from_file(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/cashy.yaml"),
        )
        .expect("cashy spec"),
    );
    let empty = rt.block_on(sandbox(&spec, 0));
    let full = rt.block_on(sandbox(&spec, STORED));
    let http = reqwest::Client::new();
    let counter = AtomicU64::new(0);

    // The sandbox's answer, checked, is what the bare server sends back.
    let first = prepare(
        &spec,
        &empty.creds,
        &empty.base,
        counter.fetch_add(1, Ordering::Relaxed),
    );
    let (status, answer) = rt.block_on(send(&http, &first));
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&answer));
    let (bare_base, _task) = rt.block_on(bare(answer.clone()));
    let gw_full = full.sandbox.gateway("cashy").expect("cashy");
    assert!(gw_full.orders().len() >= STORED);

    let mut g = c.benchmark_group("sandbox creates, c=1");
    g.throughput(Throughput::Elements(1))
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    let targets: [(&str, &Target); 2] = [
        ("sandbox, from 0 stored", &empty),
        ("sandbox, from 50,000 stored", &full),
    ];
    for (name, t) in targets {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let reqs: Vec<PreparedRequest> = (0..iters)
                    .map(|_| {
                        prepare(
                            &spec,
                            &t.creds,
                            &t.base,
                            counter.fetch_add(1, Ordering::Relaxed),
                        )
                    })
                    .collect();
                rt.block_on(async {
                    let start = Instant::now();
                    for r in &reqs {
                        let (status, _) = send(&http, r).await;
                        assert_eq!(status, 200);
                    }
                    start.elapsed()
                })
            })
        });
    }
    g.bench_function("bare axum, same answer", |b| {
        b.iter_custom(|iters| {
            let reqs: Vec<PreparedRequest> = (0..iters)
                .map(|_| {
                    prepare(
                        &spec,
                        &empty.creds,
                        &bare_base,
                        counter.fetch_add(1, Ordering::Relaxed),
                    )
                })
                .collect();
            rt.block_on(async {
                let start = Instant::now();
                for r in &reqs {
                    let (status, body) = send(&http, r).await;
                    assert_eq!((status, body.len()), (200, answer.len()));
                }
                start.elapsed()
            })
        })
    });
    g.finish();
    eprintln!(
        "stored at the end: {} (from 0), {} (from {STORED})",
        empty
            .sandbox
            .gateway("cashy")
            .map_or(0, |g| g.orders().len()),
        gw_full.orders().len()
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);

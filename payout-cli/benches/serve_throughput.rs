//! Payouts per second through `payout serve` (the real binary) on SQLite and on
//! PostgreSQL, against the sandbox, at one and at sixteen payouts in flight. The baseline,
//! in the same run, is the same payouts sent straight to the sandbox by the runtime's
//! client: no ledger, no database. The difference is what the ledger's guarantees cost
//! (the intent committed before the create is sent, the answer after, one HTTP hop more).
//!
//! While it runs, payouts move on every 500 ms at the sandbox, so webhooks and the
//! reconciler's queries share the service with the creates, as they would in production.
//! SQLite commits with `synchronous = FULL`; the throwaway PostgreSQL cluster runs with
//! `fsync = off` (as the tests do), so its figure is an upper bound for a real server.
//!
//! `cargo bench -p payout-cli --bench serve_throughput`
//! (PostgreSQL's tools are needed, as for `cargo test`: Debian's `postgresql` package.)

#[allow(dead_code)] // the tests use more of it
#[path = "../../payout-ledger/tests/common/postgres.rs"]
mod postgres;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use payout_ledger::NewPayout;
use payout_runtime::{ClientOptions, CompiledSpec, Credentials, DynamicClient, Json};
use payout_sandbox::{GatewaySetup, Options, Sandbox};

/// Payouts per measured iteration.
const BATCH: u64 = 64;

fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

fn body(r: &str) -> serde_json::Value {
    serde_json::json!({
        "gateway": "cashy", "merchant_ref": r, "amount": "50000.00", "currency": "COP", "remark": "salary",
        "beneficiary": {"name": "Jeson", "account_number": "3023612345", "id_type": "1", "id_number": "43912345", "account_type": "0"},
        "extras": {"bankId": 33}
    })
}

/// A `payout serve` process; stopped with SIGTERM when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }
}

fn serve(db: &str, creds: &Path, sandbox: &Sandbox) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let mut child = Command::new(env!("CARGO_BIN_EXE_payout"))
        .arg("serve")
        .arg("--specs")
        .arg(specs())
        .arg("--db")
        .arg(db)
        .arg("--credentials")
        .arg(creds)
        .arg("--listen")
        .arg(format!("127.0.0.1:{port}"))
        .arg("--insecure-http")
        .arg("--base-url")
        .arg(format!(
            "cashy={}",
            sandbox.base_url("cashy").expect("cashy")
        ))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("payout serve starts");
    let mut first = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = BufReader::new(out).read_line(&mut first);
    }
    assert!(first.starts_with("payout serve on"), "{first}");
    Server {
        child,
        url: format!("http://127.0.0.1:{port}"),
    }
}

/// Where the baseline's webhooks go: a merchant endpoint that answers 200 to anything.
async fn webhook_sink() -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a sink");
    let addr = listener.local_addr().expect("its address");
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = vec![0u8; 64 * 1024];
                let _ = s.read(&mut buf).await;
                let _ = s
                    .write_all(
                        b"HTTP/1.1 200 OK\r\nContent-Length: 7\r\nConnection: close\r\n\r\nSUCCESS",
                    )
                    .await;
                let _ = s.shutdown().await;
            });
        }
    });
    format!("http://{addr}/webhooks/cashy")
}

/// Where payouts go: straight to the gateway (with the notify URL the ledger would have
/// filled in), or through a ledger service.
#[derive(Clone)]
enum Target {
    Direct(DynamicClient, String),
    Serve(reqwest::Client, String),
}

/// Sends `n` payouts, `concurrency` at a time, each with a new reference; every one must
/// be taken (201) or the measurement means nothing.
async fn send(target: &Target, n: u64, concurrency: usize, next: &Arc<AtomicU64>) -> Duration {
    let started = Instant::now();
    let sem = Arc::new(tokio::sync::Semaphore::new(concurrency));
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..n {
        let permit = sem.clone().acquire_owned().await.expect("semaphore");
        let r = format!("BENCH-{}", next.fetch_add(1, Ordering::Relaxed));
        let target = target.clone();
        set.spawn(async move {
            let _permit = permit;
            match target {
                Target::Direct(client, notify) => {
                    let mut b = body(&r);
                    b["notify_url"] = serde_json::json!(notify);
                    let new = NewPayout::from_json(&Json::parse(&b.to_string()).expect("json"))
                        .expect("a valid payout");
                    client
                        .create(&new.to_create())
                        .await
                        .expect("created at the gateway");
                }
                Target::Serve(http, url) => {
                    let res = http
                        .post(format!("{url}/payouts"))
                        .json(&body(&r))
                        .send()
                        .await
                        .expect("an answer");
                    assert_eq!(res.status().as_u16(), 201, "{r}");
                }
            }
        });
    }
    while let Some(done) = set.join_next().await {
        done.expect("a payout task");
    }
    started.elapsed()
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    let dir = std::env::temp_dir().join(format!("payout-bench-serve-{}", std::process::id()));
    let creds = dir.join("creds");
    std::fs::create_dir_all(&creds).expect("a temporary folder");
    let spec = Arc::new(CompiledSpec::from_file(specs().join("cashy.yaml")).expect("cashy spec"));
    let setup = GatewaySetup::with_test_credentials(spec.clone()).expect("test credentials");
    std::fs::write(
        creds.join("cashy.json"),
        serde_json::to_string(&setup.credentials).expect("json"),
    )
    .expect("credentials written");
    let merchant = Credentials::new(spec.spec(), setup.credentials.clone()).expect("credentials");
    let options = Options {
        step_delay: Some(Duration::from_millis(500)),
        minute: Duration::from_millis(20),
        ..Options::default()
    };
    let sandbox = rt
        .block_on(Sandbox::start(vec![setup], options))
        .expect("the sandbox");
    let pg = postgres::Postgres::start();
    let pg_url = rt.block_on(pg.database("bench"));
    let sqlite_url = format!("sqlite://{}/ledger.db", dir.display());
    let client_options = ClientOptions {
        allow_insecure_http: true,
        ..ClientOptions::default()
    };
    let direct = DynamicClient::new(
        spec,
        merchant,
        &sandbox.base_url("cashy").expect("cashy"),
        client_options,
    )
    .expect("a client");
    let servers = [
        ("serve_sqlite", serve(&sqlite_url, &creds, &sandbox)),
        ("serve_postgres", serve(&pg_url, &creds, &sandbox)),
    ];
    let http = reqwest::Client::new();
    let sink = rt.block_on(webhook_sink());
    let next = Arc::new(AtomicU64::new(0));

    let mut g = c.benchmark_group("payouts");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::Elements(BATCH));
    for concurrency in [1usize, 16] {
        let mut targets = vec![(
            "direct_client",
            Target::Direct(direct.clone(), sink.clone()),
        )];
        for (name, s) in &servers {
            targets.push((name, Target::Serve(http.clone(), s.url.clone())));
        }
        for (name, target) in targets {
            g.bench_with_input(BenchmarkId::new(name, concurrency), &target, |b, t| {
                b.iter_custom(|iters| {
                    rt.block_on(async {
                        let mut total = Duration::ZERO;
                        for _ in 0..iters {
                            total += send(t, BATCH, concurrency, &next).await;
                        }
                        total
                    })
                })
            });
        }
    }
    g.finish();
    drop(servers);
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, bench);
criterion_main!(benches);

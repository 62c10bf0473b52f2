//! N Cashy creates sent over loopback, one at a time, to the sandbox or to a bare axum
//! server answering the sandbox's answer (as `benches/throughput.rs` does), for counting
//! what a sandbox request costs beyond a bare server's: `valgrind --tool=callgrind` on this
//! binary with a small and a large N, for each server (`scripts/callgrind.sh` does it), and
//! `callgrind_annotate --inclusive=yes` to see where it goes. Both runs prepare and send the
//! same requests, so the difference per create is the sandbox's own work.
//!
//! `cargo run --release -p payout-sandbox --example creates -- sandbox|bare N`

use std::sync::Arc;

use payout_runtime::request::{self, Preparation, PreparedRequest, RequestOptions};
use payout_runtime::source::{OsEntropy, SystemClock};
use payout_runtime::{CompiledSpec, Credentials, Json};
use payout_sandbox::{GatewaySetup, Options, Sandbox};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(server), Some(n)) = (
        args.first(),
        args.get(1).and_then(|a| a.parse::<u64>().ok()),
    ) else {
        return Err("usage: creates sandbox|bare N".into());
    };
    let bare = match server.as_str() {
        "sandbox" => false,
        "bare" => true,
        _ => return Err("usage: creates sandbox|bare N".into()),
    };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let spec = Arc::new(CompiledSpec::from_file(root.join("specs/cashy.yaml"))?);
    let text = std::fs::read_to_string(root.join("examples/cashy-payout.json"))?;
    let input = Json::parse(&text)?
        .as_object()
        .cloned()
        .ok_or("the example input is not an object")?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let setup = GatewaySetup::with_test_credentials(spec.clone())?;
        let creds = Credentials::new(spec.spec(), setup.credentials.clone())?;
        let sandbox = Sandbox::start(vec![setup], Options::default()).await?;
        let mut base = sandbox.base_url("cashy").ok_or("no cashy")?;
        let prep = Preparation {
            spec: &spec,
            creds: &creds,
            clock: &SystemClock,
            entropy: &OsEntropy,
        };
        let http = reqwest::Client::new();
        if bare {
            // The sandbox's own answer to one create, served by a bare server.
            let mut input = input.clone();
            input.insert("mchOrderNo".into(), Json::String("count-first".into()));
            let opts = RequestOptions::default();
            let first = request::prepare(&prep, "create_payout", &base, &input, &opts)?;
            let answer = send(&http, &first).await?;
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
            base = format!("http://{}", listener.local_addr()?);
            let app = axum::Router::new().fallback(move |_body: axum::body::Bytes| {
                let answer = answer.clone();
                async move {
                    (
                        [(axum::http::header::CONTENT_TYPE, "application/json")],
                        answer,
                    )
                }
            });
            tokio::spawn(async move { axum::serve(listener, app).await });
        }
        let mut reqs = Vec::new();
        for i in 0..n {
            let mut input = input.clone();
            input.insert("mchOrderNo".into(), Json::String(format!("count{i:012}")));
            let opts = RequestOptions::default();
            reqs.push(request::prepare(
                &prep,
                "create_payout",
                &base,
                &input,
                &opts,
            )?);
        }
        for r in &reqs {
            send(&http, r).await?;
        }
        println!("{n} creates to the {server} server");
        Ok::<(), Box<dyn std::error::Error>>(())
    })
}

/// Sends a prepared create; its answer's body, which must be a 200.
async fn send(
    http: &reqwest::Client,
    r: &PreparedRequest,
) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let mut b = http.post(r.url()).body(r.body.clone());
    for (k, v) in &r.headers {
        b = b.header(k, v);
    }
    let resp = b.send().await?;
    if resp.status() != 200 {
        return Err(format!("HTTP {}", resp.status()).into());
    }
    Ok(resp.bytes().await?.to_vec())
}

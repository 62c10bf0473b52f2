//! N Cashy creates sent to the sandbox over loopback, one at a time, for counting where a
//! sandbox request's instructions go: `valgrind --tool=callgrind` on this binary, with a
//! small and a large N, and `callgrind_annotate --inclusive=yes` on the large one
//! (`scripts/callgrind.sh sandbox` does both). The requests are prepared before they are
//! sent, so the engine's preparing is counted apart (`Gateway`'s `respond` is the sandbox).
//!
//! `cargo run --release -p payout-sandbox --example creates -- N`

use std::sync::Arc;

use payout_runtime::request::{self, Env, RequestOptions};
use payout_runtime::source::{OsEntropy, SystemClock};
use payout_runtime::{CompiledSpec, Credentials, Json};
use payout_sandbox::{GatewaySetup, Options, Sandbox};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .ok_or("usage: creates N")?;
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
        let base = sandbox.base_url("cashy").ok_or("no cashy")?;
        let env = Env {
            spec: &spec,
            creds: &creds,
            clock: &SystemClock,
            entropy: &OsEntropy,
        };
        let mut reqs = Vec::new();
        for i in 0..n {
            let mut input = input.clone();
            input.insert("mchOrderNo".into(), Json::String(format!("count{i:012}")));
            let opts = RequestOptions::default();
            reqs.push(request::prepare(
                &env,
                "create_payout",
                &base,
                &input,
                &opts,
            )?);
        }
        let http = reqwest::Client::new();
        for r in &reqs {
            let mut b = http.post(&r.url).body(r.body.clone());
            for (k, v) in &r.headers {
                b = b.header(k, v);
            }
            let resp = b.send().await?;
            if resp.status() != 200 {
                return Err(format!("HTTP {}", resp.status()).into());
            }
            resp.bytes().await?;
        }
        println!("{n} creates");
        Ok::<(), Box<dyn std::error::Error>>(())
    })
}

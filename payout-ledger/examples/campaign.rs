//! The fault campaign, or a throughput run, from the command line:
//!
//! ```text
//! cargo run -p payout-ledger --release --example campaign -- \
//!     [--payouts 10000] [--seed 20261130] [--concurrency 32] [--db sqlite|postgres|URL] [--no-faults]
//! ```
//!
//! Prints the report (duplicates at the gateway, final states lost or wrong, payouts left
//! in doubt, panics, payouts per second through the ledger's HTTP service) and exits 1
//! if anything is wrong. `--db postgres` starts a throwaway PostgreSQL cluster.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Duration;

use common::campaign::{run, Mix, Plan};

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let mut plan = Plan {
        payouts: 10_000,
        seed: 20_261_130,
        concurrency: 32,
        mix: Mix::faults(),
        settle: Duration::from_secs(600),
    };
    let mut db = "sqlite".to_string();
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match a.as_str() {
            "--payouts" => plan.payouts = value().parse().unwrap_or(plan.payouts),
            "--seed" => plan.seed = value().parse().unwrap_or(plan.seed),
            "--concurrency" => plan.concurrency = value().parse().unwrap_or(plan.concurrency),
            "--db" => db = value(),
            "--no-faults" => plan.mix = Mix::none(),
            other => {
                eprintln!("unknown argument `{other}`");
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    let report = rt.block_on(async {
        let dir = std::env::temp_dir().join(format!("payout-campaign-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let (_pg, url) = match db.as_str() {
            "sqlite" => (None, format!("sqlite://{}/ledger.db", dir.display())),
            "postgres" => {
                let pg = common::postgres::Postgres::start();
                let url = pg.database("campaign").await;
                (Some(pg), url)
            }
            url => (None, url.to_string()),
        };
        let r = run(&url, plan).await;
        let _ = std::fs::remove_dir_all(&dir);
        r
    });
    println!("{}", report.summary());
    for l in report.lost_or_wrong.iter().take(20) {
        println!("  {l}");
    }
    let ok =
        report.duplicates_at_gateway == 0 && report.lost_or_wrong.is_empty() && report.panics == 0;
    if ok {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}

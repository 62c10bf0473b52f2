//! The fault campaign with a fixed seed (see `common/campaign.rs`). A quick run here; the
//! full one (10,000 payouts) is
//! `cargo test -p payout-ledger --release --test campaign -- --ignored --nocapture`,
//! or `cargo run -p payout-ledger --release --example campaign -- --payouts 10000`.

mod common;

use std::time::Duration;

use common::campaign::{run, Mix, Plan};

fn check(report: &common::campaign::Report) {
    println!("{}", report.summary());
    assert_eq!(report.duplicates_at_gateway, 0, "{}", report.summary());
    assert!(
        report.lost_or_wrong.is_empty(),
        "{:#?}",
        report.lost_or_wrong
    );
    assert_eq!(report.panics, 0);
    assert_eq!(report.ledger_errors, 0);
    assert_eq!(report.forged_accepted, 0, "a forged webhook was accepted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_fault_campaign() {
    let report = run(
        "sqlite::memory:",
        Plan {
            payouts: 300,
            seed: 20_261_130,
            concurrency: 16,
            mix: Mix::faults(),
            settle: Duration::from_secs(60),
        },
    )
    .await;
    check(&report);
    assert!(report.faults_injected > 100, "{}", report.summary());
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "10,000 payouts: minutes; run with --ignored --nocapture"]
async fn full_fault_campaign() {
    let dir = std::env::temp_dir().join(format!("payout-campaign-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}/ledger.db", dir.display());
    let report = run(
        &db,
        Plan {
            payouts: 10_000,
            seed: 20_261_130,
            concurrency: 32,
            mix: Mix::faults(),
            settle: Duration::from_secs(600),
        },
    )
    .await;
    let _ = std::fs::remove_dir_all(&dir);
    check(&report);
}

//! A database made by the ledger's first release — migration 0001 alone, rows written as
//! that release wrote them — opens with today's `Store::open`: every later migration runs,
//! and the payout, its history and its event read back unchanged, and new payouts can be
//! written. On SQLite and on PostgreSQL, since each has its own migration files.

mod common;

use std::path::{Path, PathBuf};

use common::postgres::Postgres;
use payout_ledger::store::Intent;
use payout_ledger::{Status, Store};
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;

/// The migration files of a dialect (`sqlite`, `postgres`), in order.
fn migrations(dialect: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(dialect);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    files
}

/// Makes the database as the first release left it: migration 0001 applied (recorded by
/// sqlx as the release recorded it), one payout with an observation, a webhook and an
/// event.
async fn first_release(url: &str, dialect: &str) {
    sqlx::any::install_default_drivers();
    let first = migrations(dialect)
        .into_iter()
        .next()
        .expect("a first migration");
    assert!(
        first.ends_with("0001_ledger.sql"),
        "the first migration is {}",
        first.display()
    );
    let only_first = tempdir(dialect);
    std::fs::copy(&first, only_first.join("0001_ledger.sql")).expect("copy 0001");
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .expect("connect");
    Migrator::new(only_first.as_path())
        .await
        .expect("a migrator of 0001")
        .run(&pool)
        .await
        .expect("migration 0001");
    for sql in [
        "INSERT INTO payouts (gateway, merchant_ref, fingerprint, request, amount, currency, provider_ref, status, provider_status, reason, attempts, checks, next_check_ms, doubt_since_ms, created_ms, updated_ms) \
         VALUES ('cashy', 'OLD-1', 'f1', '{\"amount\":\"150.50\"}', '150.50', 'COP', 'PAYOUT-9', 'succeeded', 'SUCCESS', NULL, 1, 2, NULL, NULL, 1700000000000, 1700000005000)",
        "INSERT INTO observations (payout_id, at_ms, source, status, provider_status, reason, applied, detail) \
         VALUES (1, 1700000005000, 'webhook', 'succeeded', 'SUCCESS', NULL, 'changed', NULL)",
        "INSERT INTO webhooks (gateway, digest, payout_id, received_ms, body) \
         VALUES ('cashy', 'd1', 1, 1700000005000, '{}')",
        "INSERT INTO events (payout_id, gateway, merchant_ref, status, previous, provider_status, source, at_ms) \
         VALUES (1, 'cashy', 'OLD-1', 'succeeded', 'processing', 'SUCCESS', 'webhook', 1700000005000)",
    ] {
        sqlx::query(sql)
            .execute(&pool)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    pool.close().await;
}

fn tempdir(dialect: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "payout-ledger-upgrade-{dialect}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

/// Today's store on the old database: migrated to the last version, the old rows intact.
async fn upgrade(url: &str, dialect: &str) {
    let store = Store::open(url).await.expect("today's store opens it");
    let payout = store
        .get("cashy", "OLD-1")
        .await
        .expect("read")
        .expect("the old payout is there");
    assert_eq!(
        (
            payout.status,
            payout.amount.as_str(),
            payout.currency.as_str(),
            payout.provider_ref.as_deref(),
            payout.provider_status.as_deref(),
            payout.attempts,
            payout.checks,
            payout.created_ms,
        ),
        (
            Status::Succeeded,
            "150.50",
            "COP",
            Some("PAYOUT-9"),
            Some("SUCCESS"),
            1,
            2,
            1_700_000_000_000
        )
    );
    assert_eq!(payout.history.len(), 1);
    assert_eq!(payout.history[0].applied, "changed");
    let events = store.events(0, 10).await.expect("events");
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0].status, events[0].previous),
        (Status::Succeeded, Some(Status::Processing))
    );
    // A new payout is written next to it.
    let intent = store
        .insert_intent("cashy", "NEW-1", "f2", "{}", "10.00", "COP", "test", 0)
        .await
        .expect("a new intent");
    assert!(matches!(intent, Intent::New(_)));
    store.close().await;

    // Every migration of the dialect is recorded as applied.
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .expect("connect");
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
        .fetch_one(&pool)
        .await
        .expect("the migrations table");
    assert_eq!(applied as usize, migrations(dialect).len());
    pool.close().await;
}

#[tokio::test]
async fn a_first_release_sqlite_database_upgrades() {
    let dir = tempdir("sqlite-db");
    let url = format!("sqlite://{}", dir.join("ledger.db").display());
    first_release(&format!("{url}?mode=rwc"), "sqlite").await;
    upgrade(&url, "sqlite").await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn a_first_release_postgres_database_upgrades() {
    let pg = Postgres::start();
    let url = pg.database("upgrade").await;
    first_release(&url, "postgres").await;
    upgrade(&url, "postgres").await;
}

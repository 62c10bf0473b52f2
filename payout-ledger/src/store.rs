//! Storage through sqlx, on SQLite (an embedded file, or `:memory:`) or PostgreSQL, with
//! the migrations embedded in the binary. Every change to a payout happens in one
//! transaction that holds the payout's row (`FOR UPDATE` on PostgreSQL; SQLite has one
//! writer), decides with [`crate::rules::decide`], records the observation, and appends an
//! event when the status changed.

use std::borrow::Cow;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyRow};
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use sqlx::{Any, AnyPool, Row, Transaction};

use crate::error::LedgerError;
use crate::record::{Event, Observation, Payout, Status};
use crate::rules::{decide, Decision, Observed, Seen};

/// Which database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The ledger's database.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// How long a query's "not found" must hold before an in-doubt payout is refused.
    pub not_found_grace_ms: i64,
    /// This instance's name, recorded with each observation it makes.
    pub owner: Option<String>,
}

/// The migrations, embedded: one list per backend.
#[derive(Debug)]
struct Embedded(Backend);

const SQLITE: &[(i64, &str, &str)] = &[
    (
        1,
        "ledger",
        include_str!("../migrations/sqlite/0001_ledger.sql"),
    ),
    (
        2,
        "replay keys",
        include_str!("../migrations/sqlite/0002_replay_keys.sql"),
    ),
    (
        3,
        "webhook digest dropped",
        include_str!("../migrations/sqlite/0003_webhook_digest.sql"),
    ),
];
const POSTGRES: &[(i64, &str, &str)] = &[
    (
        1,
        "ledger",
        include_str!("../migrations/postgres/0001_ledger.sql"),
    ),
    (
        2,
        "replay keys",
        include_str!("../migrations/postgres/0002_replay_keys.sql"),
    ),
    (
        3,
        "webhook digest dropped",
        include_str!("../migrations/postgres/0003_webhook_digest.sql"),
    ),
];

impl MigrationSource<'static> for Embedded {
    fn resolve(
        self,
    ) -> futures_core::future::BoxFuture<'static, Result<Vec<Migration>, sqlx::error::BoxDynError>>
    {
        let list = match self.0 {
            Backend::Sqlite => SQLITE,
            Backend::Postgres => POSTGRES,
        };
        let out = list
            .iter()
            .map(|(v, d, sql)| {
                Migration::new(
                    *v,
                    Cow::Borrowed(*d),
                    MigrationType::Simple,
                    Cow::Borrowed(*sql),
                    false,
                )
            })
            .collect();
        Box::pin(async move { Ok(out) })
    }
}

const COLS: &str = "id, gateway, merchant_ref, fingerprint, request, amount, currency, provider_ref, status, provider_status, reason, attempts, checks, next_check_ms, doubt_since_ms, created_ms, updated_ms";

fn db(context: &str) -> impl Fn(sqlx::Error) -> LedgerError + '_ {
    move |e| LedgerError::Storage(format!("{context}: {e}"))
}

fn payout(r: &AnyRow) -> Result<Payout, LedgerError> {
    let e = db("reading a payout");
    let status: String = r.try_get("status").map_err(&e)?;
    Ok(Payout {
        id: r.try_get("id").map_err(&e)?,
        gateway: r.try_get("gateway").map_err(&e)?,
        merchant_ref: r.try_get("merchant_ref").map_err(&e)?,
        fingerprint: r.try_get("fingerprint").map_err(&e)?,
        request: r.try_get("request").map_err(&e)?,
        amount: r.try_get("amount").map_err(&e)?,
        currency: r.try_get("currency").map_err(&e)?,
        provider_ref: r.try_get("provider_ref").map_err(&e)?,
        status: status.parse().map_err(LedgerError::Storage)?,
        provider_status: r.try_get("provider_status").map_err(&e)?,
        reason: r.try_get("reason").map_err(&e)?,
        attempts: r.try_get("attempts").map_err(&e)?,
        checks: r.try_get("checks").map_err(&e)?,
        next_check_ms: r.try_get("next_check_ms").map_err(&e)?,
        doubt_since_ms: r.try_get("doubt_since_ms").map_err(&e)?,
        created_ms: r.try_get("created_ms").map_err(&e)?,
        updated_ms: r.try_get("updated_ms").map_err(&e)?,
        history: Vec::new(),
    })
}

fn event(r: &AnyRow) -> Result<Event, LedgerError> {
    let e = db("reading an event");
    let status: String = r.try_get("status").map_err(&e)?;
    let previous: Option<String> = r.try_get("previous").map_err(&e)?;
    Ok(Event {
        cursor: r.try_get("id").map_err(&e)?,
        gateway: r.try_get("gateway").map_err(&e)?,
        merchant_ref: r.try_get("merchant_ref").map_err(&e)?,
        status: status.parse().map_err(LedgerError::Storage)?,
        previous: previous
            .map(|p| p.parse())
            .transpose()
            .map_err(LedgerError::Storage)?,
        provider_status: r.try_get("provider_status").map_err(&e)?,
        source: r.try_get("source").map_err(&e)?,
        at_ms: r.try_get("at_ms").map_err(&e)?,
    })
}

/// When the reconciler looks at a payout next, unless the observation settles it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    At(i64),
    /// Nothing more can be done by the ledger alone (a person decides, or a webhook comes).
    Stop,
    /// As it was (now, if it had no check due).
    Keep,
}

/// What inserting an intent found.
#[derive(Debug)]
pub enum Intent {
    /// New: committed as `submitting`, leased to this sender.
    New(Payout),
    /// The reference was taken already.
    Existing(Payout),
}

/// The current time in epoch milliseconds.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl Store {
    /// Opens `sqlite://PATH`, `sqlite::memory:` or `postgres://...` and migrates it.
    pub async fn open(url: &str) -> Result<Store, LedgerError> {
        sqlx::any::install_default_drivers();
        let (backend, url) = if url == "sqlite::memory:" || url == "sqlite://:memory:" {
            (Backend::Sqlite, "sqlite::memory:".to_string())
        } else if let Some(path) = url.strip_prefix("sqlite://") {
            let sep = if path.contains('?') { '&' } else { '?' };
            (Backend::Sqlite, format!("sqlite://{path}{sep}mode=rwc"))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_string())
        } else {
            return Err(LedgerError::Config(format!(
                "the database URL must start with sqlite:// or postgres:// (got `{}`)",
                url.split(':').next().unwrap_or("")
            )));
        };
        let options: AnyConnectOptions = url
            .parse()
            .map_err(|e| LedgerError::Config(format!("bad database URL: {e}")))?;
        let pool = match backend {
            // One connection: SQLite has one writer anyway, and `:memory:` is per
            // connection, so it must never be closed.
            Backend::Sqlite => {
                AnyPoolOptions::new()
                    .max_connections(1)
                    .min_connections(1)
                    .idle_timeout(None)
                    .max_lifetime(None)
                    .acquire_timeout(Duration::from_secs(60))
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            // WAL: readers never block the writer; FULL: a committed intent
                            // survives a crash of the machine, not only of the process.
                            sqlx::query("PRAGMA journal_mode = WAL")
                                .execute(&mut *conn)
                                .await?;
                            sqlx::query("PRAGMA synchronous = FULL")
                                .execute(&mut *conn)
                                .await?;
                            sqlx::query("PRAGMA busy_timeout = 10000")
                                .execute(&mut *conn)
                                .await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await
            }
            Backend::Postgres => {
                AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(60))
                    .connect_with(options)
                    .await
            }
        }
        .map_err(db("cannot open the database"))?;
        let migrator = Migrator::new(Embedded(backend))
            .await
            .map_err(|e| LedgerError::Storage(format!("migrations: {e}")))?;
        migrator
            .run(&pool)
            .await
            .map_err(|e| LedgerError::Storage(format!("cannot migrate the database: {e}")))?;
        Ok(Store {
            pool,
            backend,
            not_found_grace_ms: 60_000,
            owner: None,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    async fn begin(&self) -> Result<Transaction<'static, Any>, LedgerError> {
        self.pool
            .begin()
            .await
            .map_err(db("cannot begin a transaction"))
    }

    /// `FOR UPDATE` where the database has row locks.
    fn lock(&self) -> &'static str {
        match self.backend {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        }
    }

    /// Commits the intent to send a create, unless the reference is taken. The row is
    /// leased to `owner` until `lease_until_ms`: if the sender dies, the reconciler finds it
    /// `submitting` after that and makes it `in_doubt`.
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_intent(
        &self,
        gateway: &str,
        merchant_ref: &str,
        fingerprint: &str,
        request: &str,
        amount: &str,
        currency: &str,
        owner: &str,
        lease_until_ms: i64,
    ) -> Result<Intent, LedgerError> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let sql = format!(
            "INSERT INTO payouts (gateway, merchant_ref, fingerprint, request, amount, currency, status, attempts, checks, next_check_ms, lease_owner, lease_until_ms, created_ms, updated_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, 'submitting', 1, 0, $7, $8, $7, $9, $9) \
             ON CONFLICT (gateway, merchant_ref) DO NOTHING RETURNING {COLS}"
        );
        let row = sqlx::query(&sql)
            .bind(gateway)
            .bind(merchant_ref)
            .bind(fingerprint)
            .bind(request)
            .bind(amount)
            .bind(currency)
            .bind(lease_until_ms)
            .bind(owner)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db("cannot store the payout"))?;
        let out = match row {
            Some(r) => {
                let p = payout(&r)?;
                self.append_event(&mut tx, &p, Status::Submitting, None, "create", now)
                    .await?;
                Intent::New(p)
            }
            None => {
                let p = self
                    .find_in(&mut tx, gateway, merchant_ref)
                    .await?
                    .ok_or_else(|| {
                        LedgerError::Storage("a taken reference has no payout".into())
                    })?;
                Intent::Existing(p)
            }
        };
        tx.commit().await.map_err(db("cannot commit the payout"))?;
        Ok(out)
    }

    /// Records a payout made elsewhere (a gateway with no create call, such as Tecpay's
    /// dashboard payouts): `pending`, no create sent, due for a check now.
    pub async fn insert_tracked(
        &self,
        gateway: &str,
        merchant_ref: &str,
        fingerprint: &str,
        request: &str,
        amount: &str,
        currency: &str,
    ) -> Result<Intent, LedgerError> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let sql = format!(
            "INSERT INTO payouts (gateway, merchant_ref, fingerprint, request, amount, currency, status, attempts, checks, next_check_ms, created_ms, updated_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, 0, $7, $7, $7) \
             ON CONFLICT (gateway, merchant_ref) DO NOTHING RETURNING {COLS}"
        );
        let row = sqlx::query(&sql)
            .bind(gateway)
            .bind(merchant_ref)
            .bind(fingerprint)
            .bind(request)
            .bind(amount)
            .bind(currency)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db("cannot store the payout"))?;
        let out = match row {
            Some(r) => {
                let p = payout(&r)?;
                self.append_event(&mut tx, &p, Status::Pending, None, "track", now)
                    .await?;
                Intent::New(p)
            }
            None => {
                let p = self
                    .find_in(&mut tx, gateway, merchant_ref)
                    .await?
                    .ok_or_else(|| {
                        LedgerError::Storage("a taken reference has no payout".into())
                    })?;
                Intent::Existing(p)
            }
        };
        tx.commit().await.map_err(db("cannot commit the payout"))?;
        Ok(out)
    }

    async fn find_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        gateway: &str,
        merchant_ref: &str,
    ) -> Result<Option<Payout>, LedgerError> {
        let sql = format!(
            "SELECT {COLS} FROM payouts WHERE gateway = $1 AND merchant_ref = $2{}",
            self.lock()
        );
        sqlx::query(&sql)
            .bind(gateway)
            .bind(merchant_ref)
            .fetch_optional(&mut **tx)
            .await
            .map_err(db("cannot read the payout"))?
            .as_ref()
            .map(payout)
            .transpose()
    }

    async fn by_id_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        id: i64,
    ) -> Result<Payout, LedgerError> {
        let sql = format!("SELECT {COLS} FROM payouts WHERE id = $1{}", self.lock());
        let r = sqlx::query(&sql)
            .bind(id)
            .fetch_one(&mut **tx)
            .await
            .map_err(db("cannot read the payout"))?;
        payout(&r)
    }

    /// A payout with its history, read in one snapshot: read apart, a reader could see
    /// an observation in the history whose effect on the payout (status, next check) is
    /// not there yet, because the two were read on either side of its commit.
    pub async fn get(
        &self,
        gateway: &str,
        merchant_ref: &str,
    ) -> Result<Option<Payout>, LedgerError> {
        let mut tx = self.begin().await?;
        if self.backend == Backend::Postgres {
            // READ COMMITTED, PostgreSQL's default, takes a snapshot per statement.
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await
                .map_err(db("cannot begin a snapshot"))?;
        }
        let sql = format!("SELECT {COLS} FROM payouts WHERE gateway = $1 AND merchant_ref = $2");
        let row = sqlx::query(&sql)
            .bind(gateway)
            .bind(merchant_ref)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db("cannot read the payout"))?;
        let Some(r) = row else { return Ok(None) };
        let mut p = payout(&r)?;
        p.history = history(&mut tx, p.id).await?;
        // Nothing was written: ending the read-only transaction either way is the same.
        tx.rollback().await.map_err(db("cannot end the snapshot"))?;
        Ok(Some(p))
    }

    /// Payouts in id order, after `after`, filtered by gateway and status.
    pub async fn list(
        &self,
        gateway: Option<&str>,
        status: Option<Status>,
        after: i64,
        limit: i64,
    ) -> Result<Vec<Payout>, LedgerError> {
        let sql = format!(
            "SELECT {COLS} FROM payouts WHERE id > $1 AND ($2 IS NULL OR gateway = $2) AND ($3 IS NULL OR status = $3) ORDER BY id LIMIT $4"
        );
        let rows = sqlx::query(&sql)
            .bind(after)
            .bind(gateway)
            .bind(status.map(|s| s.as_str()))
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .map_err(db("cannot list payouts"))?;
        rows.iter().map(payout).collect()
    }

    /// How many payouts have each status.
    pub async fn counts(&self) -> Result<Vec<(Status, i64)>, LedgerError> {
        let rows = sqlx::query(
            "SELECT status, COUNT(*) AS n FROM payouts GROUP BY status ORDER BY status",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db("cannot count payouts"))?;
        let e = db("reading counts");
        rows.iter()
            .map(|r| {
                let s: String = r.try_get("status").map_err(&e)?;
                Ok((
                    s.parse().map_err(LedgerError::Storage)?,
                    r.try_get("n").map_err(&e)?,
                ))
            })
            .collect()
    }

    /// Applies an observation to a payout; `next` says when the reconciler should look
    /// next if the payout is not settled by it.
    pub async fn apply(
        &self,
        id: i64,
        o: &Observed,
        next: Next,
    ) -> Result<(Payout, Decision), LedgerError> {
        let mut tx = self.begin().await?;
        let p = self.by_id_in(&mut tx, id).await?;
        let out = self.apply_in(&mut tx, p, o, next).await?;
        tx.commit()
            .await
            .map_err(db("cannot commit the observation"))?;
        Ok(out)
    }

    /// [`Store::apply`] for an answer to a question asked when the payout was last updated
    /// at `asked_at_ms`: a query's answer is the gateway's word at the time it was sent, so
    /// when a webhook changed the payout while the query was in flight, the answer may be
    /// older than what is stored and is not applied (the payout is checked again at once).
    /// `None` when it was not applied.
    pub async fn apply_if_unchanged(
        &self,
        id: i64,
        o: &Observed,
        next: Next,
        asked_at_ms: i64,
    ) -> Result<Option<(Payout, Decision)>, LedgerError> {
        let mut tx = self.begin().await?;
        let p = self.by_id_in(&mut tx, id).await?;
        if p.updated_ms != asked_at_ms {
            // Kept as evidence, not applied; and the payout is checked again at once.
            self.record(&mut tx, p.id, o, "superseded", now_ms())
                .await?;
            sqlx::query("UPDATE payouts SET next_check_ms = $1, lease_owner = NULL, lease_until_ms = NULL WHERE id = $2")
                .bind(now_ms())
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(db("cannot reschedule"))?;
            tx.commit()
                .await
                .map_err(db("cannot commit the observation"))?;
            return Ok(None);
        }
        let out = self.apply_in(&mut tx, p, o, next).await?;
        tx.commit()
            .await
            .map_err(db("cannot commit the observation"))?;
        Ok(Some(out))
    }

    /// [`Store::apply`] inside a transaction that already holds the row.
    async fn apply_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        p: Payout,
        o: &Observed,
        next: Next,
    ) -> Result<(Payout, Decision), LedgerError> {
        let now = now_ms();
        let d = decide(&p, o, now, self.not_found_grace_ms);
        self.record(tx, p.id, o, d.applied, now).await?;
        // Settled payouts are left alone, unless a change waits for the gateway's word.
        let next_check = if d.confirm {
            Some(now)
        } else if d.status.is_final() {
            None
        } else {
            match next {
                Next::At(t) => Some(t),
                Next::Stop => None,
                // Out of doubt (a webhook said what it is): it can be followed now, not
                // at the deadline its doubt was given.
                Next::Keep
                    if d.status != p.status
                        && matches!(p.status, Status::InDoubt | Status::Submitting) =>
                {
                    Some(now)
                }
                Next::Keep => p.next_check_ms.or(Some(now)),
            }
        };
        let checks = if o.source == crate::record::Source::Query {
            p.checks + 1
        } else {
            p.checks
        };
        // A probe's attempt was counted before it was sent (`begin_probe`).
        let attempts = p.attempts;
        let provider_ref = p.provider_ref.clone().or(o.provider_ref.clone());
        sqlx::query(
            "UPDATE payouts SET status = $1, provider_status = $2, reason = $3, provider_ref = $4, next_check_ms = $5, doubt_since_ms = $6, checks = $7, attempts = $8, lease_owner = NULL, lease_until_ms = NULL, updated_ms = $9 WHERE id = $10",
        )
        .bind(d.status.as_str())
        .bind(d.provider_status.clone())
        .bind(d.reason.clone())
        .bind(provider_ref.clone())
        .bind(next_check)
        .bind(d.doubt_since_ms)
        .bind(checks)
        .bind(attempts)
        .bind(now)
        .bind(p.id)
        .execute(&mut **tx)
        .await
        .map_err(db("cannot update the payout"))?;
        let previous = p.status;
        let updated = Payout {
            status: d.status,
            provider_status: d.provider_status.clone(),
            reason: d.reason.clone(),
            provider_ref,
            next_check_ms: next_check,
            doubt_since_ms: d.doubt_since_ms,
            checks,
            attempts,
            updated_ms: now,
            ..p
        };
        if d.status != previous {
            self.append_event(
                tx,
                &updated,
                d.status,
                Some(previous),
                o.source.as_str(),
                now,
            )
            .await?;
        }
        Ok((updated, d))
    }

    /// Adds an observation to a payout's history, with what the status rule did with it.
    async fn record(
        &self,
        tx: &mut Transaction<'static, Any>,
        payout_id: i64,
        o: &Observed,
        applied: &str,
        now: i64,
    ) -> Result<(), LedgerError> {
        let status_seen: Option<String> = match &o.seen {
            Seen::Status { status, .. } => status.map(|s| s.to_string()),
            Seen::Exists { .. } => Some("exists".into()),
            Seen::Ambiguous => Some(Status::InDoubt.to_string()),
            Seen::Refused => Some(Status::Refused.to_string()),
            Seen::NotFound => Some("not_found".into()),
            Seen::Nothing => None,
        };
        let (ps, reason) = match &o.seen {
            Seen::Status {
                provider_status,
                reason,
                ..
            } => (provider_status.clone(), reason.clone()),
            _ => (None, None),
        };
        sqlx::query(
            "INSERT INTO observations (payout_id, at_ms, source, status, provider_status, reason, applied, detail, observer) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(payout_id)
        .bind(now)
        .bind(o.source.as_str())
        .bind(status_seen)
        .bind(ps)
        .bind(reason)
        .bind(applied.to_string())
        .bind(o.detail.clone())
        .bind(self.owner.clone())
        .execute(&mut **tx)
        .await
        .map_err(db("cannot record the observation"))?;
        Ok(())
    }

    /// Appends to the event log. On PostgreSQL, a transaction-wide advisory lock makes
    /// events commit in cursor order, so a reader never skips one committed late.
    async fn append_event(
        &self,
        tx: &mut Transaction<'static, Any>,
        p: &Payout,
        status: Status,
        previous: Option<Status>,
        source: &str,
        now: i64,
    ) -> Result<(), LedgerError> {
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT 1 AS locked FROM pg_advisory_xact_lock(7314)")
                .fetch_one(&mut **tx)
                .await
                .map_err(db("cannot order the event log"))?;
        }
        sqlx::query(
            "INSERT INTO events (payout_id, gateway, merchant_ref, status, previous, provider_status, source, at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(p.id)
        .bind(p.gateway.clone())
        .bind(p.merchant_ref.clone())
        .bind(status.as_str())
        .bind(previous.map(|s| s.as_str()))
        .bind(p.provider_status.clone())
        .bind(source.to_string())
        .bind(now)
        .execute(&mut **tx)
        .await
        .map_err(db("cannot append the event"))?;
        Ok(())
    }

    /// Events after a cursor, oldest first.
    pub async fn events(&self, after: i64, limit: i64) -> Result<Vec<Event>, LedgerError> {
        let rows = sqlx::query(
            "SELECT id, gateway, merchant_ref, status, previous, provider_status, source, at_ms FROM events WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .map_err(db("cannot read events"))?;
        rows.iter().map(event).collect()
    }

    /// Records a replay key unless it was recorded before and has not expired: `true` the
    /// first time (or once the old one expired), `false` for a replay. One statement, so
    /// atomic on both databases: of two concurrent calls with one key, one gets `false`
    /// (on PostgreSQL the second waits for the first's transaction to end).
    pub async fn first_seen(
        &self,
        key: &str,
        now_ms: i64,
        expires_ms: i64,
    ) -> Result<bool, LedgerError> {
        let mut tx = self.begin().await?;
        let first = self.first_seen_in(&mut tx, key, now_ms, expires_ms).await?;
        tx.commit()
            .await
            .map_err(db("cannot commit the replay key"))?;
        Ok(first)
    }

    async fn first_seen_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        key: &str,
        now_ms: i64,
        expires_ms: i64,
    ) -> Result<bool, LedgerError> {
        let row = sqlx::query(
            "INSERT INTO replay_keys (key, expires_ms) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET expires_ms = excluded.expires_ms \
             WHERE replay_keys.expires_ms <= $3 RETURNING key",
        )
        .bind(key)
        .bind(expires_ms)
        .bind(now_ms)
        .fetch_optional(&mut **tx)
        .await
        .map_err(db("cannot record the replay key"))?;
        Ok(row.is_some())
    }

    /// Forgets replay keys that expired before `now_ms`; returns how many.
    pub async fn forget_expired_replays(&self, now_ms: i64) -> Result<u64, LedgerError> {
        let r = sqlx::query("DELETE FROM replay_keys WHERE expires_ms <= $1")
            .bind(now_ms)
            .execute(&self.pool)
            .await
            .map_err(db("cannot forget expired replay keys"))?;
        Ok(r.rows_affected())
    }

    /// Stores a verified webhook and applies it, in one transaction that also records its
    /// replay key (the runtime's [`payout_runtime::ReplayStore`], durable): a delivery seen
    /// before is recognised and not applied twice, and a crash before the commit leaves
    /// neither the key nor the change, so the gateway's next delivery is applied. `None`
    /// when it was a replay; otherwise the payout it was about, if the ledger has it.
    #[allow(clippy::too_many_arguments)]
    pub async fn webhook(
        &self,
        gateway: &str,
        replay: &payout_runtime::ReplayKey,
        body: &str,
        merchant_ref: Option<&str>,
        provider_ref: Option<&str>,
        o: &Observed,
    ) -> Result<Option<Option<(Payout, Decision)>>, LedgerError> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let expires =
            now.saturating_add(i64::try_from(replay.retention_millis).unwrap_or(i64::MAX));
        if !self
            .first_seen_in(&mut tx, &replay.key, now, expires)
            .await?
        {
            tx.rollback().await.map_err(db("rollback"))?;
            return Ok(None);
        }
        let row = sqlx::query(
            "INSERT INTO webhooks (gateway, replay_key, received_ms, body) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(gateway)
        .bind(replay.key.clone())
        .bind(now)
        .bind(body)
        .fetch_one(&mut *tx)
        .await
        .map_err(db("cannot store the webhook"))?;
        let webhook_id: i64 = row.try_get("id").map_err(db("reading the webhook id"))?;
        let mut found = None;
        if let Some(m) = merchant_ref {
            found = self.find_in(&mut tx, gateway, m).await?;
        }
        if let (None, Some(pr)) = (&found, provider_ref) {
            let sql = format!(
                "SELECT {COLS} FROM payouts WHERE gateway = $1 AND provider_ref = $2{}",
                self.lock()
            );
            found = sqlx::query(&sql)
                .bind(gateway)
                .bind(pr)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db("cannot read the payout"))?
                .as_ref()
                .map(payout)
                .transpose()?;
        }
        let out = match found {
            Some(p) => {
                let id = p.id;
                let applied = self.apply_in(&mut tx, p, o, Next::Keep).await?;
                sqlx::query("UPDATE webhooks SET payout_id = $1 WHERE id = $2")
                    .bind(id)
                    .bind(webhook_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db("cannot link the webhook"))?;
                Some(applied)
            }
            None => None,
        };
        tx.commit().await.map_err(db("cannot commit the webhook"))?;
        Ok(Some(out))
    }

    /// Leases payouts due for a check to `owner`: with `FOR UPDATE SKIP LOCKED` on
    /// PostgreSQL, so instances never take the same row.
    pub async fn claim_due(
        &self,
        owner: &str,
        lease_ms: i64,
        limit: i64,
    ) -> Result<Vec<Payout>, LedgerError> {
        let now = now_ms();
        let skip = match self.backend {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE payouts SET lease_owner = $1, lease_until_ms = $2 WHERE id IN (\
             SELECT id FROM payouts WHERE next_check_ms IS NOT NULL AND next_check_ms <= $3 \
             AND (lease_until_ms IS NULL OR lease_until_ms < $3) ORDER BY next_check_ms LIMIT $4{skip}) \
             RETURNING {COLS}"
        );
        let rows = sqlx::query(&sql)
            .bind(owner)
            .bind(now + lease_ms)
            .bind(now)
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .map_err(db("cannot lease due payouts"))?;
        rows.iter().map(payout).collect()
    }

    /// Releases a lease and sets the next check (after a check that learnt nothing).
    pub async fn reschedule(&self, id: i64, next_check_ms: Option<i64>) -> Result<(), LedgerError> {
        sqlx::query("UPDATE payouts SET next_check_ms = $1, lease_owner = NULL, lease_until_ms = NULL WHERE id = $2")
            .bind(next_check_ms)
            .bind(id)
            .execute(&self.pool)
            .await
            .map_err(db("cannot reschedule"))?;
        Ok(())
    }

    /// Extends the lease of a payout about to be probed, and counts the attempt before it
    /// is sent (the intent of a resend is committed like the first create's).
    pub async fn begin_probe(
        &self,
        id: i64,
        owner: &str,
        lease_until_ms: i64,
    ) -> Result<bool, LedgerError> {
        let r = sqlx::query(
            "UPDATE payouts SET attempts = attempts + 1, lease_until_ms = $1 WHERE id = $2 AND lease_owner = $3 AND status = 'in_doubt'",
        )
        .bind(lease_until_ms)
        .bind(id)
        .bind(owner)
        .execute(&self.pool)
        .await
        .map_err(db("cannot record the probe"))?;
        Ok(r.rows_affected() == 1)
    }

    /// After a restart of a single-process ledger (SQLite): every lease belongs to the
    /// process that died, so each leased payout is due now, and every `submitting` row is
    /// a create cut short (the reconciler makes it `in_doubt`).
    pub async fn expire_submitting(&self) -> Result<u64, LedgerError> {
        let r = sqlx::query(
            "UPDATE payouts SET lease_owner = NULL, lease_until_ms = NULL, next_check_ms = $1 WHERE status = 'submitting' OR lease_owner IS NOT NULL",
        )
        .bind(now_ms())
        .execute(&self.pool)
        .await
        .map_err(db("cannot recover unfinished work"))?;
        Ok(r.rows_affected())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A payout's observations, oldest first.
async fn history(
    tx: &mut Transaction<'static, Any>,
    id: i64,
) -> Result<Vec<Observation>, LedgerError> {
    let rows = sqlx::query(
        "SELECT at_ms, source, status, provider_status, reason, applied, detail FROM observations WHERE payout_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await
    .map_err(db("cannot read the history"))?;
    let e = db("reading an observation");
    rows.iter()
        .map(|r| {
            Ok(Observation {
                at_ms: r.try_get("at_ms").map_err(&e)?,
                source: r.try_get("source").map_err(&e)?,
                status: r.try_get("status").map_err(&e)?,
                provider_status: r.try_get("provider_status").map_err(&e)?,
                reason: r.try_get("reason").map_err(&e)?,
                applied: r.try_get("applied").map_err(&e)?,
                detail: r.try_get("detail").map_err(&e)?,
            })
        })
        .collect()
}

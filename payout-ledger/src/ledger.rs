//! The ledger: creates a payout exactly once, takes webhooks, and resolves what is in
//! doubt, all through the [`Store`] and its one status rule.

use std::sync::Arc;
use std::time::Duration;

use indexmap::IndexMap;
use payout_runtime::spec::{ErrorKind as SpecErrorKind, OperationRole, Spec};
use payout_runtime::{
    mapping, marked_reversal, DynamicClient, ErrorKind, Evidence, FieldError, Json, PayoutError,
    PayoutRef, PayoutResult, RequestOptions, WebhookRequest,
};

use crate::error::LedgerError;
use crate::record::{Event, Payout, Source, Status};
use crate::request::NewPayout;
use crate::rules::{Observed, Seen};
use crate::store::{now_ms, Intent, Next, Store};

/// How a gateway's doubts can be resolved, derived from its spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolution {
    /// The query operation takes the merchant reference.
    pub query_by_merchant_ref: bool,
    /// The query operation takes the provider reference (known once an answer or a
    /// webhook gave it).
    pub query_by_provider_ref: bool,
    /// The gateway refuses a reused merchant reference with an answer the spec names
    /// (`error_codes: ... duplicate`), so the very same create can be sent again as a
    /// probe: it either makes the payout (there was none) or is refused as a duplicate
    /// (there is one), never a second payout.
    pub duplicate_probe: bool,
}

impl Resolution {
    pub fn of(spec: &Spec) -> Resolution {
        let query_roles: Vec<&payout_spec::Role> = spec
            .operation_for(OperationRole::Query)
            .map(|(_, op)| {
                op.request_fields()
                    .filter_map(|(_, _, f)| f.role.as_ref())
                    .collect()
            })
            .unwrap_or_default();
        Resolution {
            query_by_merchant_ref: query_roles.contains(&&payout_spec::Role::MerchantRef),
            query_by_provider_ref: query_roles.contains(&&payout_spec::Role::ProviderRef),
            duplicate_probe: spec.operation_for(OperationRole::Create).is_some()
                && spec
                    .error_codes
                    .values()
                    .any(|k| *k == SpecErrorKind::Duplicate),
        }
    }

    /// The words the README and `/healthz` use.
    pub fn describe(&self) -> String {
        let mut ways = Vec::new();
        if self.query_by_merchant_ref {
            ways.push("query by merchant reference");
        }
        if self.query_by_provider_ref {
            ways.push("query by provider reference once known");
        }
        if self.duplicate_probe {
            ways.push("duplicate probe");
        }
        ways.push("webhook");
        ways.join(", ")
    }
}

/// How the ledger behaves.
#[derive(Debug, Clone)]
pub struct Config {
    /// This instance's name in leases.
    pub owner: String,
    /// How long the sender of a create owns its `submitting` row; longer than the
    /// client's request timeout. After it, the reconciler treats the row as in doubt.
    pub send_lease: Duration,
    /// How long the reconciler owns a row it checks.
    pub check_lease: Duration,
    /// First wait between checks of a payout; doubled each check, with jitter.
    pub check_base: Duration,
    pub check_cap: Duration,
    /// How long an in-doubt payout that nothing can query waits for a webhook before the
    /// ledger stops checking it (it stays `in_doubt`, for a person).
    pub webhook_deadline: Duration,
    /// How long a query's "not found" must hold before an in-doubt payout is refused.
    pub not_found_grace: Duration,
    /// The reconciler's idle poll.
    pub poll: Duration,
    /// Payouts the reconciler checks at once.
    pub batch: i64,
    /// The longest `Retry-After` honoured: a gateway asking for more is asked again after
    /// this long (a payout is never left unchecked for a day because one answer said so).
    pub max_retry_after: Duration,
    /// Where gateways deliver webhooks (`http://host:port`), for payouts that name no
    /// notify URL: `{public_url}/webhooks/{gateway}`.
    pub public_url: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            owner: format!("ledger-{}", random_u64()),
            send_lease: Duration::from_secs(60),
            check_lease: Duration::from_secs(60),
            check_base: Duration::from_secs(2),
            check_cap: Duration::from_secs(600),
            webhook_deadline: Duration::from_secs(24 * 3600),
            not_found_grace: Duration::from_secs(120),
            poll: Duration::from_millis(500),
            max_retry_after: Duration::from_secs(3600),
            batch: 32,
            public_url: None,
        }
    }
}

pub(crate) fn random_u64() -> u64 {
    let mut b = [0u8; 8];
    let _ = getrandom::getrandom(&mut b);
    u64::from_le_bytes(b)
}

/// One gateway the ledger serves.
#[derive(Clone)]
struct Gateway {
    client: DynamicClient,
    resolution: Resolution,
}

/// What a create did.
#[derive(Debug)]
pub enum Created {
    /// A new payout (its create was sent).
    New(Payout),
    /// The same request was taken before: the stored payout, nothing sent.
    Stored(Payout),
}

/// The ledger.
pub struct Ledger {
    store: Store,
    gateways: IndexMap<String, Gateway>,
    config: Config,
    changed: tokio::sync::Notify,
}

impl Ledger {
    /// A ledger over a store, serving these clients (one per gateway).
    pub fn new(mut store: Store, clients: Vec<DynamicClient>, config: Config) -> Ledger {
        store.not_found_grace_ms = config.not_found_grace.as_millis() as i64;
        store.owner = Some(config.owner.clone());
        let gateways = clients
            .into_iter()
            .map(|c| {
                let resolution = Resolution::of(c.spec().spec());
                (
                    c.spec().spec().provider.id.clone(),
                    Gateway {
                        client: c,
                        resolution,
                    },
                )
            })
            .collect();
        Ledger {
            store,
            gateways,
            config,
            changed: tokio::sync::Notify::new(),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The gateways served, with how each resolves doubt.
    pub fn gateways(&self) -> impl Iterator<Item = (&str, Resolution)> {
        self.gateways
            .iter()
            .map(|(k, g)| (k.as_str(), g.resolution))
    }

    fn gateway(&self, id: &str) -> Result<&Gateway, LedgerError> {
        self.gateways
            .get(id)
            .ok_or_else(|| LedgerError::UnknownGateway(id.to_string()))
    }

    /// Creates a payout exactly once: the intent is committed before the create is sent,
    /// the answer after. The same reference with the same request gives the stored payout
    /// (nothing is sent); with another request, a conflict.
    pub async fn create(&self, new: NewPayout) -> Result<Created, LedgerError> {
        let gw = self.gateway(&new.gateway)?;
        let fingerprint = new.fingerprint();
        let mut effective = new.clone();
        if effective.notify_url.is_none() {
            effective.notify_url = self
                .config
                .public_url
                .as_ref()
                .map(|u| format!("{}/webhooks/{}", u.trim_end_matches('/'), new.gateway));
        }
        let req = effective.to_create();
        check_request(&gw.client, &req)?;
        let now = now_ms();
        let lease_until = now + self.config.send_lease.as_millis() as i64;
        let intent = self
            .store
            .insert_intent(
                &new.gateway,
                &new.merchant_ref,
                &fingerprint,
                &effective.canonical(),
                &new.amount.to_string(),
                &new.currency,
                &self.config.owner,
                lease_until,
            )
            .await?;
        let p = match intent {
            Intent::Existing(p) if p.fingerprint == fingerprint => {
                return Ok(Created::Stored(self.with_history(p).await?))
            }
            Intent::Existing(p) => return Err(LedgerError::Conflict(Box::new(p))),
            Intent::New(p) => p,
        };
        self.changed.notify_waiters();
        let answer = gw.client.create(&req).await;
        let next = Next::At(now_ms() + self.wait_after(0, answer.as_ref().err()));
        let observed = match answer {
            Ok(r) => from_result(Source::Create, r, Evidence::Report),
            Err(e) => Observed {
                source: Source::Create,
                seen: if e.may_exist || e.kind == ErrorKind::Duplicate {
                    Seen::Ambiguous
                } else {
                    Seen::Refused
                },
                // Known although the answer was lost when a flow's step made it (Wise's
                // transfer): the payout in doubt can then be queried.
                provider_ref: e.provider_ref.as_deref().map(str::to_string),
                detail: Some(e.to_string()),
            },
        };
        let (p, d) = self.store.apply(p.id, &observed, next).await?;
        if d.changed() {
            self.changed.notify_waiters();
        }
        Ok(Created::New(self.with_history(p).await?))
    }

    /// Keeps a payout made outside the ledger (a gateway without a create call): stored
    /// as `pending`, then followed by query and webhook like any other. Nothing is sent.
    pub async fn track(&self, new: NewPayout) -> Result<Created, LedgerError> {
        self.gateway(&new.gateway)?;
        let fingerprint = new.fingerprint();
        let intent = self
            .store
            .insert_tracked(
                &new.gateway,
                &new.merchant_ref,
                &fingerprint,
                &new.canonical(),
                &new.amount.to_string(),
                &new.currency,
            )
            .await?;
        match intent {
            Intent::Existing(p) if p.fingerprint == fingerprint => {
                Ok(Created::Stored(self.with_history(p).await?))
            }
            Intent::Existing(p) => Err(LedgerError::Conflict(Box::new(p))),
            Intent::New(p) => {
                self.changed.notify_waiters();
                Ok(Created::New(self.with_history(p).await?))
            }
        }
    }

    async fn with_history(&self, p: Payout) -> Result<Payout, LedgerError> {
        Ok(self
            .store
            .get(&p.gateway, &p.merchant_ref)
            .await?
            .unwrap_or(p))
    }

    /// A payout with its history.
    pub async fn get(&self, gateway: &str, merchant_ref: &str) -> Result<Payout, LedgerError> {
        self.store
            .get(gateway, merchant_ref)
            .await?
            .ok_or_else(|| LedgerError::NotFound(gateway.to_string(), merchant_ref.to_string()))
    }

    /// Takes a webhook: verify with the spec → deduplicate → store the raw event → apply
    /// it, all before the acknowledgement it returns is sent. One that does not verify is an
    /// error, never stored as an event.
    pub async fn webhook(
        &self,
        gateway: &str,
        url: Option<&str>,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Result<payout_runtime::spec::Ack, LedgerError> {
        let gw = self.gateway(gateway)?;
        let mut req = WebhookRequest::new(headers, body);
        req.url = url;
        // A gateway that verifies its webhooks by postback (PayPal) is asked first; the
        // event is read only once it has said yes.
        let by_postback = gw
            .client
            .spec()
            .spec()
            .webhooks
            .values()
            .any(|w| w.postback.is_some());
        let ev = if by_postback {
            gw.client.postback_webhook(req).await
        } else {
            gw.client.webhook(&req)
        }
        .map_err(LedgerError::Webhook)?;
        let evidence = if marked_reversal(
            gw.client.spec().spec(),
            ev.status,
            ev.failure_reason.as_deref(),
        ) {
            Evidence::Reversal
        } else {
            Evidence::Report
        };
        let observed = Observed {
            source: Source::Webhook,
            seen: Seen::Status {
                status: ev.status,
                provider_status: ev.provider_status.clone(),
                reason: ev.failure_reason.clone(),
                evidence,
            },
            provider_ref: ev.provider_ref.clone(),
            detail: ev.event.clone(),
        };
        // The runtime's replay key (its signed nonce, or a digest of what the spec
        // declares), as the event carries it: recorded by the store in the transaction
        // that applies the webhook.
        let text = String::from_utf8_lossy(body);
        let stored = self
            .store
            .webhook(
                gateway,
                &ev.replay_key(),
                &text,
                ev.merchant_ref.as_deref(),
                ev.provider_ref.as_deref(),
                &observed,
            )
            .await?;
        match stored {
            None => tracing::debug!(gateway, "webhook received before (replay key) acknowledged"),
            Some(None) => tracing::warn!(
                gateway,
                merchant_ref = ev.merchant_ref.as_deref().unwrap_or(""),
                "webhook for a payout this ledger does not hold; stored and acknowledged"
            ),
            Some(Some((_, d))) if d.changed() => self.changed.notify_waiters(),
            Some(Some(_)) => {}
        }
        Ok(payout_runtime::spec::Ack::clone(&ev.ack))
    }

    /// Events after a cursor.
    pub async fn events(&self, after: i64, limit: i64) -> Result<Vec<Event>, LedgerError> {
        self.store.events(after, limit).await
    }

    /// Waits until something may have changed (or `max` passes: other instances on the
    /// same database do not wake this one).
    pub async fn wait_for_change(&self, max: Duration) {
        let _ = tokio::time::timeout(max, self.changed.notified()).await;
    }

    /// Time before the next check of a payout checked `n` times: the base doubled each
    /// time up to the cap, times a random factor in [0.5, 1.5) so that payouts created
    /// together are not checked together.
    fn backoff(&self, n: i64) -> i64 {
        let base = self.config.check_base.as_millis() as i64;
        let cap = self.config.check_cap.as_millis() as i64;
        let exp = base.saturating_mul(1i64 << n.clamp(0, 20)).min(cap).max(1);
        let jitter = 500 + (random_u64() % 1000) as i64;
        exp * jitter / 1000
    }

    /// Time before the next check after an answer: the backoff, but never sooner than
    /// the `Retry-After` the gateway sent with an error (capped at `max_retry_after`),
    /// plus a random spread of up to a tenth of it, so that payouts throttled together are
    /// not all asked again at the same instant. A gateway that says "too many requests"
    /// without saying how long is left alone for the longest backoff.
    fn wait_after(&self, n: i64, error: Option<&PayoutError>) -> i64 {
        let backoff = self.backoff(n);
        let Some(e) = error else { return backoff };
        match e.retry_after {
            Some(asked) => {
                let floor = asked.min(self.config.max_retry_after).as_millis() as i64;
                let spread = (random_u64() % (floor as u64 / 10 + 1)) as i64;
                backoff.max(floor + spread)
            }
            None if e.kind == ErrorKind::RateLimited => {
                backoff.max(self.config.check_cap.as_millis() as i64)
            }
            None => backoff,
        }
    }

    /// After a restart of a single-process ledger: creates found `submitting` are due for
    /// recovery (they become `in_doubt`; never resent blindly).
    pub async fn recover(&self) -> Result<u64, LedgerError> {
        self.store.expire_submitting().await
    }

    /// One round of the reconciler: leases due payouts and checks each. Returns how many.
    pub async fn reconcile_once(self: &Arc<Self>) -> Result<usize, LedgerError> {
        let lease = self.config.check_lease.as_millis() as i64;
        let due = self
            .store
            .claim_due(&self.config.owner, lease, self.config.batch)
            .await?;
        let n = due.len();
        if n > 0 {
            tracing::debug!(owner = %self.config.owner, leased = n, "reconciler round");
        }
        let mut set = tokio::task::JoinSet::new();
        for p in due {
            let me = self.clone();
            set.spawn(async move {
                if let Err(e) = me.check(p).await {
                    tracing::warn!(error = %e, "reconciler check failed");
                }
            });
        }
        while set.join_next().await.is_some() {}
        Ok(n)
    }

    /// Runs the reconciler until `stop` says so.
    ///
    /// It comes back at once only after a full batch (more is due); otherwise it waits
    /// for the poll, jittered, so that instances sharing a database take turns: one that
    /// went straight back after every round would lease every payout as it fell due and
    /// leave the others idle.
    pub async fn run_reconciler(self: Arc<Self>, mut stop: tokio::sync::watch::Receiver<bool>) {
        loop {
            if *stop.borrow() {
                return;
            }
            match self.reconcile_once().await {
                Ok(n) if n as i64 >= self.config.batch => continue,
                Ok(n) if n > 0 => {}
                Ok(_) => {
                    if let Err(e) = self.store.forget_expired_replays(now_ms()).await {
                        tracing::warn!(error = %e, "cannot forget expired replay keys");
                    }
                }
                Err(e) => tracing::warn!(error = %e, "reconciler round failed"),
            }
            let poll = self
                .config
                .poll
                .mul_f64(0.5 + (random_u64() % 1000) as f64 / 1000.0);
            tokio::select! {
                _ = tokio::time::sleep(poll) => {}
                _ = stop.changed() => {}
            }
        }
    }

    async fn check(&self, p: Payout) -> Result<(), LedgerError> {
        let Ok(gw) = self.gateway(&p.gateway) else {
            // A gateway no longer served: leave the payout for an instance that serves it.
            return self
                .store
                .reschedule(p.id, Some(now_ms() + self.backoff(p.checks)))
                .await;
        };
        let r = gw.resolution;
        tracing::debug!(gateway = %p.gateway, merchant_ref = %p.merchant_ref, status = %p.status, provider_ref = ?p.provider_ref, "reconciler check");
        match p.status {
            Status::Submitting => {
                let o = Observed {
                    source: Source::Recovery,
                    seen: Seen::Ambiguous,
                    provider_ref: None,
                    detail: Some("the create's sender stopped before recording the answer; it may have reached the gateway".into()),
                };
                self.applied(p.id, &o, Next::At(now_ms())).await
            }
            Status::InDoubt => {
                let queryable = r.query_by_merchant_ref
                    || (r.query_by_provider_ref && p.provider_ref.is_some());
                // A probe that proved the payout exists set the next check at the
                // webhook deadline: from then on only a webhook or a person can help.
                if queryable {
                    self.query(gw, &p).await
                } else if r.duplicate_probe && now_ms() < self.webhook_deadline(&p) {
                    self.probe(gw, &p).await
                } else {
                    self.await_webhook(&p).await
                }
            }
            _ => {
                let queryable = r.query_by_merchant_ref
                    || (r.query_by_provider_ref && p.provider_ref.is_some());
                if queryable {
                    self.query(gw, &p).await
                } else {
                    // Only a webhook can move it.
                    self.store.reschedule(p.id, None).await
                }
            }
        }
    }

    async fn applied(&self, id: i64, o: &Observed, next: Next) -> Result<(), LedgerError> {
        let (_, d) = self.store.apply(id, o, next).await?;
        if d.changed() {
            self.changed.notify_waiters();
        }
        Ok(())
    }

    async fn query(&self, gw: &Gateway, p: &Payout) -> Result<(), LedgerError> {
        let r = gw.resolution;
        let reference = match (
            &p.provider_ref,
            r.query_by_provider_ref,
            r.query_by_merchant_ref,
        ) {
            (Some(pr), true, true) => PayoutRef::Both {
                merchant: p.merchant_ref.clone(),
                provider: pr.clone(),
            },
            (Some(pr), true, false) => PayoutRef::Provider(pr.clone()),
            _ => PayoutRef::Merchant(p.merchant_ref.clone()),
        };
        let answer = gw.client.query(&reference).await;
        let next = Next::At(now_ms() + self.wait_after(p.checks + 1, answer.as_ref().err()));
        let o = match answer {
            Ok(res)
                if res
                    .merchant_ref
                    .as_deref()
                    .is_some_and(|m| m != p.merchant_ref) =>
            {
                Observed {
                    source: Source::Query,
                    seen: Seen::Nothing,
                    provider_ref: None,
                    detail: Some(format!(
                        "the answer is about another payout (`{}`)",
                        res.merchant_ref.unwrap_or_default()
                    )),
                }
            }
            Ok(res) => from_result(Source::Query, res, Evidence::Confirmed),
            Err(e) => Observed {
                source: Source::Query,
                seen: if e.kind == ErrorKind::NotFound {
                    Seen::NotFound
                } else {
                    Seen::Nothing
                },
                provider_ref: None,
                detail: Some(e.to_string()),
            },
        };
        // Applied only if no webhook changed the payout while the query was in flight: an
        // answer older than a stored reversal must not turn it back.
        self.applied_if_unchanged(p, &o, next).await
    }

    /// [`Ledger::applied`], unless the payout changed while the gateway was being asked
    /// (a webhook came): the answer is then kept as `superseded` evidence and the payout is
    /// checked again at once, from what it is now.
    async fn applied_if_unchanged(
        &self,
        p: &Payout,
        o: &Observed,
        next: Next,
    ) -> Result<(), LedgerError> {
        if let Some((_, d)) = self
            .store
            .apply_if_unchanged(p.id, o, next, p.updated_ms)
            .await?
        {
            if d.changed() {
                self.changed.notify_waiters();
            }
        }
        Ok(())
    }

    /// Sends the very same create again, to a gateway that refuses a duplicate reference
    /// recognisably: a duplicate answer proves the payout exists; a payout made now is the
    /// only one.
    async fn probe(&self, gw: &Gateway, p: &Payout) -> Result<(), LedgerError> {
        let new = Json::parse(&p.request)
            .ok()
            .and_then(|j| NewPayout::from_json(&j).ok())
            .ok_or_else(|| {
                LedgerError::Storage(format!(
                    "the stored request of {} cannot be read",
                    p.merchant_ref
                ))
            })?;
        let lease_until = now_ms() + self.config.send_lease.as_millis() as i64;
        if !self
            .store
            .begin_probe(p.id, &self.config.owner, lease_until)
            .await?
        {
            return Ok(());
        }
        let answer = gw.client.create(&new.to_create()).await;
        let made = answer.is_ok();
        // It exists; if nothing can ask for its status, wait for a webhook until the
        // deadline (probing again would only prove the same thing again).
        let followable = gw.resolution.query_by_merchant_ref;
        let wait = now_ms() + self.wait_after(p.attempts, answer.as_ref().err());
        let (o, next) = match answer {
            Ok(r) => (from_result(Source::Probe, r, Evidence::Report), Next::At(wait)),
            Err(e) if e.kind == ErrorKind::Duplicate && !followable => (
                Observed {
                    source: Source::Probe,
                    seen: Seen::Exists { followable: false },
                    provider_ref: None,
                    detail: Some(format!(
                        "the payout exists at the gateway (a resent create was refused as a duplicate: {e}), but its status cannot be asked for: the query needs the provider reference, which the lost answer carried; only a webhook, or a person, can settle it"
                    )),
                },
                Next::At(self.webhook_deadline(p)),
            ),
            Err(e) => (
                Observed {
                    source: Source::Probe,
                    seen: match e.kind {
                        ErrorKind::Duplicate => Seen::Exists { followable: true },
                        _ if e.may_exist => Seen::Ambiguous,
                        // Refused for another reason: says nothing about the first attempt.
                        _ => Seen::Refused,
                    },
                    provider_ref: None,
                    detail: Some(e.to_string()),
                },
                Next::At(wait),
            ),
        };
        if made {
            // The payout made now is the only one: its reference is recorded whatever came.
            self.applied(p.id, &o, next).await
        } else {
            // What the probe learnt is about the payout as it was: a webhook that came
            // meanwhile (with the provider reference a query needs) must not be undone by
            // "wait for a webhook".
            self.applied_if_unchanged(p, &o, next).await
        }
    }

    /// Until when an in-doubt payout that nothing can query waits for a webhook.
    fn webhook_deadline(&self, p: &Payout) -> i64 {
        let since = p.doubt_since_ms.unwrap_or(p.created_ms);
        since + self.config.webhook_deadline.as_millis() as i64
    }

    /// Nothing can ask the gateway: wait for a webhook up to the deadline, then stop
    /// checking (the payout stays `in_doubt` with its evidence, for a person).
    async fn await_webhook(&self, p: &Payout) -> Result<(), LedgerError> {
        let deadline = self.webhook_deadline(p);
        if now_ms() >= deadline {
            let o = Observed {
                source: Source::Reconciler,
                seen: Seen::Nothing,
                provider_ref: None,
                detail: Some("no webhook came before the deadline and the gateway cannot be queried for it: a person must decide".into()),
            };
            return self.applied(p.id, &o, Next::Stop).await;
        }
        self.store
            .reschedule(p.id, Some(deadline.min(now_ms() + self.backoff(p.checks))))
            .await
    }
}

/// An answer's observation.
fn from_result(source: Source, r: PayoutResult, evidence: Evidence) -> Observed {
    Observed {
        source,
        seen: Seen::Status {
            status: r.status,
            provider_status: r.provider_status,
            reason: r.failure_reason,
            evidence,
        },
        provider_ref: r.provider_ref,
        detail: None,
    }
}

/// Builds (and signs, then drops) the create's request: every field problem is found
/// before the intent is stored, and a request the spec refuses is never sent.
fn check_request(
    client: &DynamicClient,
    req: &payout_runtime::CreatePayout,
) -> Result<(), LedgerError> {
    let invalid = |e: PayoutError| {
        if e.fields.is_empty() {
            LedgerError::Invalid(vec![FieldError {
                field: String::new(),
                message: e.message,
            }])
        } else {
            LedgerError::Invalid(e.fields.into_vec())
        }
    };
    let spec = client.spec().spec();
    let Some((name, op)) = spec.operation_for(OperationRole::Create) else {
        return Err(LedgerError::Invalid(vec![FieldError {
            field: "gateway".into(),
            message: format!("{} has no create operation", spec.provider.id),
        }]));
    };
    // Values the flow obtains first (a token, a recipient) do not exist yet: a stand-in
    // for each lets every field the caller gave be checked now, before the intent is
    // stored; the real ones are obtained when the payout is sent.
    let stand_ins: IndexMap<String, payout_runtime::context::ObtainedValue> = client
        .spec()
        .flow(name)
        .iter()
        .map(|n| {
            let value = payout_runtime::context::ObtainedValue {
                text: format!("stand-in-{n}"),
                secret: false,
            };
            (n.clone(), value)
        })
        .collect();
    let obtained: payout_runtime::JsonMap = stand_ins
        .iter()
        .map(|(n, v)| (n.clone(), payout_runtime::Json::String(v.text.clone())))
        .collect();
    let input = mapping::flow_input(client.spec(), op, req, &obtained, false)
        .map_err(|e| invalid(mapping::hint_extras(e, op)))?;
    let opts = RequestOptions {
        obtained: stand_ins,
        ..RequestOptions::default()
    };
    client
        .prepare(name, &input, &opts)
        .map_err(|e| invalid(mapping::hint_extras(e, op)))?;
    Ok(())
}

//! Flows: the steps a payout needs before the one that moves money — a token, a recipient,
//! a quote — run from the same spec, their values cached.
//!
//! Rules (DESIGN.md, "Flows"): a step before the money step is safe to repeat, so it is
//! retried like a query and an error in it is `may_exist: false`. The money step keeps
//! every create rule; the one exception is the gateway's own "unauthorized" answer to it,
//! a refusal: the token is fetched anew (once) and the request sent again.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use indexmap::IndexMap;
use payout_spec::{Json, JsonMap, Obtain, OperationRole};
use sha2::{Digest, Sha256};

use crate::client::{CallOutcome, DynamicClient};
use crate::context::ObtainedValue;
use crate::error::{ErrorKind, PayoutError};
use crate::mapping;
use crate::request::RequestOptions;
use crate::source::{Clock, SystemClock};
use crate::unified::{BoxFuture, CreatePayout};

/// Where an obtained value is kept: provider, the spec's name for the value, and its key
/// (the client's credentials, hashed, and the spec's `key` rendered over the step's
/// request).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheKey {
    pub provider: String,
    pub name: String,
    pub key: String,
}

/// A value a step handed out.
#[derive(Clone, PartialEq, Eq)]
pub struct Obtained {
    pub value: String,
    /// Epoch milliseconds after which the gateway no longer accepts it (a token).
    pub expires_at_ms: Option<u64>,
}

/// Never shows the value: it may be a bearer token.
impl std::fmt::Debug for Obtained {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Obtained")
            .field("value", &"<redacted>")
            .field("expires_at_ms", &self.expires_at_ms)
            .finish()
    }
}

/// Keeps obtained values between payouts. The default, [`MemoryCache`], lives as long as
/// the client; a durable store (the ledger) implements it to keep recipients across
/// restarts. A failing store may answer `None`: the step then runs again, which is safe.
pub trait FlowCache: Send + Sync {
    fn get<'a>(&'a self, key: &'a CacheKey) -> BoxFuture<'a, Option<Obtained>>;
    fn put<'a>(&'a self, key: &'a CacheKey, value: Obtained) -> BoxFuture<'a, ()>;
    fn remove<'a>(&'a self, key: &'a CacheKey) -> BoxFuture<'a, ()>;
}

/// The in-memory [`FlowCache`], bounded: an expired value is dropped when it is read or
/// when the cache is full, and a full cache then forgets its least recently used eighth.
/// Forgetting is safe: the step that obtained the value runs again (a token is fetched, a
/// recipient made or found anew), as after a restart.
pub struct MemoryCache {
    values: Mutex<HashMap<CacheKey, Entry>>,
    capacity: usize,
    clock: Arc<dyn Clock>,
    /// Increases with every use, so that entries can be ordered by their last use.
    tick: std::sync::atomic::AtomicU64,
}

struct Entry {
    value: Obtained,
    last_used: u64,
}

impl MemoryCache {
    /// How many values the default cache keeps: many more tokens and recipients than one
    /// merchant's payouts in flight need, a few megabytes at most.
    pub const DEFAULT_CAPACITY: usize = 10_000;

    /// A cache of at most `capacity` values (at least 1), on the system clock.
    pub fn with_capacity(capacity: usize) -> Self {
        MemoryCache {
            values: Mutex::new(HashMap::new()),
            capacity: capacity.max(1),
            clock: Arc::new(SystemClock),
            tick: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// The same cache, telling expiry by `clock` (tests, or the client's own clock).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// How many values are kept now.
    pub fn len(&self) -> usize {
        self.values().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn values(&self) -> std::sync::MutexGuard<'_, HashMap<CacheKey, Entry>> {
        self.values.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn next_tick(&self) -> u64 {
        self.tick.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    /// Makes room for one more value: expired ones go first, then, if still full, the least
    /// recently used eighth (so that a full cache sorts once per capacity/8 insertions).
    fn make_room(&self, values: &mut HashMap<CacheKey, Entry>) {
        if values.len() < self.capacity {
            return;
        }
        let now = self.clock.now_millis();
        values.retain(|_, e| !is_expired(&e.value, now));
        if values.len() < self.capacity {
            return;
        }
        let target = self.capacity - self.capacity.div_ceil(8);
        let mut uses: Vec<u64> = values.values().map(|e| e.last_used).collect();
        uses.sort_unstable();
        let cut = uses[values.len() - target - 1];
        values.retain(|_, e| e.last_used > cut);
    }
}

impl Default for MemoryCache {
    fn default() -> Self {
        MemoryCache::with_capacity(Self::DEFAULT_CAPACITY)
    }
}

impl std::fmt::Debug for MemoryCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryCache")
            .field("len", &self.len())
            .field("capacity", &self.capacity)
            .finish()
    }
}

/// Whether the gateway no longer accepts the value at `now`.
fn is_expired(v: &Obtained, now: u64) -> bool {
    v.expires_at_ms.is_some_and(|at| at <= now)
}

impl FlowCache for MemoryCache {
    fn get<'a>(&'a self, key: &'a CacheKey) -> BoxFuture<'a, Option<Obtained>> {
        let now = self.clock.now_millis();
        let tick = self.next_tick();
        let mut values = self.values();
        let v = match values.get_mut(key) {
            Some(e) if is_expired(&e.value, now) => {
                values.remove(key);
                None
            }
            Some(e) => {
                e.last_used = tick;
                Some(e.value.clone())
            }
            None => None,
        };
        drop(values);
        Box::pin(async move { v })
    }

    fn put<'a>(&'a self, key: &'a CacheKey, value: Obtained) -> BoxFuture<'a, ()> {
        let tick = self.next_tick();
        let mut values = self.values();
        if !values.contains_key(key) {
            self.make_room(&mut values);
        }
        values.insert(
            key.clone(),
            Entry {
                value,
                last_used: tick,
            },
        );
        drop(values);
        Box::pin(async {})
    }

    fn remove<'a>(&'a self, key: &'a CacheKey) -> BoxFuture<'a, ()> {
        self.values().remove(key);
        Box::pin(async {})
    }
}

/// A client's flow state: its cache, one lock per cached value (one refresh at a time),
/// and the hash that scopes its keys to its credentials.
pub(crate) struct FlowState {
    pub cache: Arc<dyn FlowCache>,
    locks: Mutex<HashMap<CacheKey, Arc<tokio::sync::Mutex<()>>>>,
    client_id: String,
}

impl FlowState {
    pub fn new(cache: Arc<dyn FlowCache>, creds: &crate::credentials::Credentials) -> Self {
        // The credentials identify the client: two merchants never share a token or a
        // recipient, and the key shows no secret.
        let mut h = Sha256::new();
        for (name, v) in creds.iter() {
            h.update(name.as_bytes());
            h.update([0]);
            h.update(v.expose().as_bytes());
            h.update([0]);
        }
        FlowState {
            cache,
            locks: Mutex::new(HashMap::new()),
            client_id: hex::encode(&h.finalize()[..16]),
        }
    }

    fn lock_for(&self, key: &CacheKey) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = self.locks.lock().unwrap_or_else(|p| p.into_inner());
        // One lock per key ever used would grow without end: past 1024, whenever the count
        // reaches a power of two, the locks nobody holds or waits for are dropped
        // (amortised constant per key).
        if locks.len() >= 1024 && locks.len().is_power_of_two() {
            locks.retain(|_, l| Arc::strong_count(l) > 1);
        }
        locks.entry(key.clone()).or_default().clone()
    }
}

/// Where a flow's values come from.
#[derive(Clone, Copy)]
pub enum FlowInput<'a> {
    /// Input by the gateway's own field names, for every step at once (`payout call`, a
    /// typed method): each step takes the fields it has.
    Raw(&'a JsonMap),
    /// A unified create: each step's fields are filled by their roles.
    Unified(&'a CreatePayout),
}

type Values = IndexMap<String, ObtainedValue>;

impl DynamicClient {
    /// Runs an operation with its flow: the values it needs are obtained first (from the
    /// cache, or by running their steps), then the operation is sent. A token the gateway
    /// refuses with its own "unauthorized" is fetched anew once and the refused request
    /// sent again.
    pub(crate) async fn run(
        &self,
        op_name: &str,
        from: FlowInput<'_>,
    ) -> Result<CallOutcome, PayoutError> {
        let spec = self.compiled();
        let given = match from {
            FlowInput::Raw(input) => given_values(spec.spec(), op_name, input),
            FlowInput::Unified(_) => Vec::new(),
        };
        // With nothing given, the whole flow runs: its order was worked out once, when the
        // spec was compiled, so no template is analysed again per call.
        let names: Vec<String> = if given.is_empty() {
            spec.flow(op_name).to_vec()
        } else {
            let wanted = wanted(spec.spec(), op_name, &given);
            spec.flow(op_name)
                .iter()
                .filter(|n| wanted.contains(*n))
                .cloned()
                .collect()
        };
        let mut values = Values::new();
        for name in &names {
            let v = self.obtain(name, from, &values, None).await?;
            values.insert(name.clone(), v);
        }
        let input = self.operation_input(op_name, from, &values, false)?;
        let first = self.call_with(op_name, &*input, &values).await;
        let tokens: Vec<&String> = names
            .iter()
            .filter(|n| spec.spec().obtain.get(*n).is_some_and(Obtain::is_token))
            .collect();
        let outcome = match first {
            // The gateway refused the token: nothing was made, so a new token and one
            // resend are safe, even for the money step.
            Err(e) if e.kind == ErrorKind::Unauthorized && !e.may_exist && !tokens.is_empty() => {
                tracing::info!(
                    operation = op_name,
                    "token refused; fetching a new one and sending again"
                );
                for name in tokens {
                    let stale = values.get(name).map(|v| v.text.clone());
                    let v = self.obtain(name, from, &values, stale.as_deref()).await?;
                    values.insert(name.clone(), v);
                }
                let input = self.operation_input(op_name, from, &values, false)?;
                self.call_with(op_name, &*input, &values).await
            }
            other => other,
        };
        match outcome {
            Ok(mut o) => {
                self.complete_result(&mut o.result, from, &values);
                Ok(o)
            }
            Err(mut e) => {
                if e.may_exist {
                    e.provider_ref = self.made_provider_ref(&values).map(String::into_boxed_str);
                }
                Err(e)
            }
        }
    }

    /// The payout's id, when a step of the flow made it (`role: provider_ref`).
    fn made_provider_ref(&self, values: &Values) -> Option<String> {
        let spec = self.compiled().spec();
        values
            .iter()
            .find(|(n, _)| spec.obtain.get(*n).is_some_and(Obtain::is_provider_ref))
            .map(|(_, v)| v.text.clone())
    }

    /// What the money step's answer may leave out and the flow knows: the payout's id when
    /// a step made it (`role: provider_ref`, Wise's transfer), and the merchant reference a
    /// unified create was given.
    fn complete_result(
        &self,
        result: &mut crate::PayoutResult,
        from: FlowInput<'_>,
        values: &Values,
    ) {
        if result.provider_ref.is_none() {
            result.provider_ref = self.made_provider_ref(values);
        }
        if let (None, FlowInput::Unified(req)) = (&result.merchant_ref, from) {
            if !values.is_empty() {
                result.merchant_ref = Some(req.merchant_ref.clone());
            }
        }
    }

    /// The input of one operation of the flow (`step`: one before the operation asked
    /// for), with the obtained values in the fields that receive them.
    fn operation_input<'f>(
        &self,
        op_name: &str,
        from: FlowInput<'f>,
        values: &Values,
        step: bool,
    ) -> Result<Cow<'f, JsonMap>, PayoutError> {
        let spec = self.compiled().spec();
        let op = operation(spec, op_name)?;
        match from {
            FlowInput::Unified(req) => {
                let step = step || op.role != OperationRole::Create;
                mapping::flow_input(self.compiled(), op, req, &as_json(values), step)
                    .map(Cow::Owned)
                    .map_err(|e| mapping::hint_extras(e, op))
            }
            // An operation without a flow takes its input as it is: no copy per call.
            FlowInput::Raw(input)
                if !step && values.is_empty() && self.compiled().flow(op_name).is_empty() =>
            {
                Ok(Cow::Borrowed(input))
            }
            FlowInput::Raw(input) => Ok(Cow::Owned(raw_input(
                self.compiled(),
                op_name,
                input,
                values,
                step,
            ))),
        }
    }

    /// One obtained value: from the cache while it is good, else by running its step.
    /// `stale` is a value the gateway refused: dropped from the cache unless another task
    /// has replaced it already. One task at a time fetches a given value; the others wait
    /// and take what it fetched.
    async fn obtain(
        &self,
        name: &str,
        from: FlowInput<'_>,
        values: &Values,
        stale: Option<&str>,
    ) -> Result<ObtainedValue, PayoutError> {
        let spec = self.compiled();
        let o = spec.spec().obtain.get(name).ok_or_else(|| {
            PayoutError::config(format!("no obtained value `{name}` in the spec"))
        })?;
        let fail = |e: PayoutError| step_error(e, name, &o.operation);
        let input = self
            .operation_input(&o.operation, from, values, true)
            .map_err(fail)?;
        let key = CacheKey {
            provider: spec.spec().provider.id.clone(),
            name: name.to_string(),
            key: self.cache_key(name, o, &input, values).map_err(fail)?,
        };
        let flow = self.flow_state();
        let lock = flow.lock_for(&key);
        let _one_at_a_time = lock.lock().await;
        let now = self.now_millis();
        let cached = match o.single_use {
            true => None,
            false => flow.cache.get(&key).await,
        };
        if let Some(cached) = cached {
            if stale == Some(cached.value.as_str()) {
                flow.cache.remove(&key).await;
            } else if cached
                .expires_at_ms
                .is_none_or(|at| now + o.margin() * 1000 < at)
            {
                return Ok(ObtainedValue {
                    text: cached.value,
                    secret: o.is_secret(),
                });
            }
        }
        let outcome = self
            .call_with(&o.operation, &*input, values)
            .await
            .map_err(fail)?;
        let response = &outcome.result.response;
        let value = response
            .get_path(&o.value)
            .and_then(Json::scalar_text)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| {
                fail(PayoutError::new(
                    ErrorKind::MalformedResponse,
                    format!("the answer has no `{}`", o.value),
                ))
            })?;
        let expires_at_ms = match &o.expires_in {
            None => None,
            Some(path) => {
                let secs = response
                    .get_path(path)
                    .and_then(Json::scalar_text)
                    .and_then(|t| t.parse::<u64>().ok())
                    .ok_or_else(|| {
                        fail(PayoutError::new(
                            ErrorKind::MalformedResponse,
                            format!("the answer has no whole number of seconds at `{path}`"),
                        ))
                    })?;
                Some(now.saturating_add(secs.saturating_mul(1000)))
            }
        };
        let got = Obtained {
            value,
            expires_at_ms,
        };
        if !o.single_use {
            flow.cache.put(&key, got.clone()).await;
        }
        tracing::debug!(value = name, operation = %o.operation, "obtained");
        Ok(ObtainedValue {
            text: got.value,
            secret: o.is_secret(),
        })
    }

    /// The client's hash, then the spec's `key` rendered over the step's request.
    fn cache_key(
        &self,
        name: &str,
        o: &Obtain,
        input: &JsonMap,
        values: &Values,
    ) -> Result<String, PayoutError> {
        let id = &self.flow_state().client_id;
        if o.key.is_none() {
            return Ok(id.clone());
        }
        let opts = RequestOptions {
            obtained: values.clone(),
            ..RequestOptions::default()
        };
        let req = self.prepare(&o.operation, input, &opts)?;
        let path = format!("obtain.{name}.key");
        let compiled = self.compiled();
        let template = compiled
            .plan()
            .id(&path)
            .ok_or_else(|| PayoutError::config(format!("{path}: no such template")))?;
        let values = crate::plan::Values {
            msg: &req.message,
            creds: self.credentials(),
            input: None,
            redacted: false,
        };
        let key = compiled
            .render_template(template, &values)
            .map_err(|e| PayoutError::config(format!("{path}: {e}")))?;
        Ok(format!("{id}:{key}"))
    }
}

/// The input of one operation of a flow from input keyed by the gateway's field names for
/// every step at once: a step (`step`) takes only its own fields; the operation asked for
/// also keeps keys no step has (so that a typo is still reported). Fields that receive an
/// obtained value get it unless the input gives them.
pub fn raw_input(
    spec: &crate::CompiledSpec,
    op_name: &str,
    input: &JsonMap,
    values: &IndexMap<String, ObtainedValue>,
    step: bool,
) -> JsonMap {
    let s = spec.spec();
    let Some(op) = s.operations.get(op_name) else {
        return input.clone();
    };
    let others: Vec<&str> = spec
        .flow(op_name)
        .iter()
        .filter_map(|n| s.obtain.get(n))
        .filter_map(|o| s.operations.get(&o.operation))
        .flat_map(|o| o.request_fields().map(|(_, n, _)| n))
        .collect();
    let own = |k: &str| op.request_fields().any(|(_, n, _)| n == k);
    let mut out: JsonMap = input
        .iter()
        .filter(|(k, _)| own(k) || (!step && !others.contains(&k.as_str())))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    // Steps may share an object's name (Wise's recipient and transfer both have `details`):
    // a step takes only the keys it declares in it.
    if step {
        for (_, name, f) in op.request_fields() {
            if let (Some(fields), Some(v)) = (&f.fields, out.get_mut(name)) {
                keep_declared(fields, v);
            }
        }
    }
    for (_, name, f) in op.request_fields() {
        let obtained = match &f.role {
            Some(payout_spec::Role::Obtained(o)) => Some(o),
            _ => None,
        };
        if let (Some(o), false) = (obtained, out.contains_key(name)) {
            if let Some(v) = values.get(o) {
                out.insert(name.to_string(), Json::String(v.text.clone()));
            }
        }
    }
    out
}

/// Drops the keys of an object value that its field does not declare, at every depth.
fn keep_declared(fields: &IndexMap<String, payout_spec::Field>, v: &mut Json) {
    if let Json::Object(obj) = v {
        obj.retain(|k, _| fields.contains_key(k));
        for (k, inner) in obj.iter_mut() {
            if let Some(nested) = fields.get(k).and_then(|f| f.fields.as_ref()) {
                keep_declared(nested, inner);
            }
        }
    }
}

/// The obtained values a raw input gives itself (the recipient's code, already known): their
/// steps are not run.
pub fn given_values(spec: &payout_spec::Spec, op_name: &str, input: &JsonMap) -> Vec<String> {
    let Some(op) = spec.operations.get(op_name) else {
        return Vec::new();
    };
    op.request_fields()
        .filter(|(_, n, _)| input.get(*n).is_some_and(|v| !v.is_null()))
        .filter_map(|(_, _, f)| match &f.role {
            Some(payout_spec::Role::Obtained(o)) => Some(o.clone()),
            _ => None,
        })
        .collect()
}

/// The obtained values an operation needs once `given` are known: those it uses, and
/// those their steps use in turn, but not the steps of a given value (a transfer already
/// made needs no quote).
pub fn wanted(
    spec: &payout_spec::Spec,
    op_name: &str,
    given: &[String],
) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    let mut todo: Vec<String> = payout_spec::flows::needs(spec, op_name)
        .into_iter()
        .collect();
    while let Some(name) = todo.pop() {
        if given.contains(&name) || !out.insert(name.clone()) {
            continue;
        }
        if let Some(o) = spec.obtain.get(&name) {
            todo.extend(payout_spec::flows::needs(spec, &o.operation));
        }
    }
    out
}

fn operation<'a>(
    spec: &'a payout_spec::Spec,
    name: &str,
) -> Result<&'a payout_spec::Operation, PayoutError> {
    spec.operations.get(name).ok_or_else(|| {
        PayoutError::new(
            ErrorKind::Unsupported,
            format!("{} has no operation `{name}`", spec.provider.id),
        )
    })
}

fn as_json(values: &Values) -> JsonMap {
    values
        .iter()
        .map(|(k, v)| (k.clone(), Json::String(v.text.clone())))
        .collect()
}

/// An error of a step before the money step: it says which step, and no payout can exist.
fn step_error(mut e: PayoutError, name: &str, op: &str) -> PayoutError {
    e.message = format!("obtaining `{name}` (operation `{op}`): {}", e.message);
    e.may_exist = false;
    e
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, Ordering};

    use super::*;

    struct ManualClock(AtomicU64);

    impl Clock for ManualClock {
        fn now_millis(&self) -> u64 {
            self.0.load(Ordering::SeqCst)
        }
    }

    fn key(i: usize) -> CacheKey {
        CacheKey {
            provider: "p".into(),
            name: "recipient".into(),
            key: format!("k{i}"),
        }
    }

    fn value(expires_at_ms: Option<u64>) -> Obtained {
        Obtained {
            value: "v".into(),
            expires_at_ms,
        }
    }

    fn get(c: &MemoryCache, k: &CacheKey) -> Option<Obtained> {
        ready(c.get(k))
    }

    fn put(c: &MemoryCache, k: &CacheKey, v: Obtained) {
        ready(c.put(k, v))
    }

    /// The cache's futures are ready at once.
    fn ready<T>(f: BoxFuture<'_, T>) -> T {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn an_expired_value_is_dropped_when_read() {
        let clock = Arc::new(ManualClock(AtomicU64::new(1_000)));
        let c = MemoryCache::with_capacity(8).with_clock(clock.clone());
        put(&c, &key(1), value(Some(2_000)));
        put(&c, &key(2), value(None));
        assert!(get(&c, &key(1)).is_some());
        clock.0.store(2_000, Ordering::SeqCst);
        assert_eq!(get(&c, &key(1)), None);
        assert_eq!(c.len(), 1);
        // A value without an expiry (a recipient) stays.
        assert!(get(&c, &key(2)).is_some());
    }

    #[test]
    fn a_full_cache_forgets_the_least_recently_used() {
        let c = MemoryCache::with_capacity(16);
        put(&c, &key(0), value(None));
        for i in 1..1000 {
            put(&c, &key(i), value(None));
            // Key 0 is used all along, so it is never the least recently used.
            assert!(get(&c, &key(0)).is_some(), "key 0 forgotten at {i}");
            assert!(c.len() <= 16, "{} values at {i}", c.len());
        }
        assert!(get(&c, &key(999)).is_some());
        assert_eq!(get(&c, &key(1)), None);
        // Replacing a value does not evict another.
        let before = c.len();
        put(&c, &key(999), value(Some(u64::MAX)));
        assert_eq!(c.len(), before);
    }

    #[test]
    fn expired_values_go_before_live_ones_when_full() {
        let clock = Arc::new(ManualClock(AtomicU64::new(0)));
        let c = MemoryCache::with_capacity(4).with_clock(clock.clone());
        put(&c, &key(0), value(None));
        for i in 1..4 {
            put(&c, &key(i), value(Some(100)));
        }
        clock.0.store(100, Ordering::SeqCst);
        put(&c, &key(4), value(None));
        // The three expired tokens went; the oldest entry, still valid, stayed.
        assert_eq!(c.len(), 2);
        assert!(get(&c, &key(0)).is_some());
        assert!(get(&c, &key(4)).is_some());
    }
}

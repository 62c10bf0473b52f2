//! `DynamicClient`: a gateway client for a spec loaded at run time. Generated clients wrap
//! the same type, so both run exactly the same code.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use indexmap::IndexMap;
use payout_spec::{JsonMap, JsonRef, OperationRole};

use crate::compiled::CompiledSpec;
use crate::context::{Message, ObtainedValue};
use crate::credentials::Credentials;
use crate::error::{ErrorKind, PayoutError};
use crate::flow::{FlowCache, FlowInput, FlowState, MemoryCache};
use crate::freshness::{self, Guard, ReplayStore};
use crate::http::{self, RawResponse};
use crate::input::RequestInput;
use crate::mapping;
use crate::request::{self, Preparation, PreparedRequest, RequestOptions};
use crate::response::{self, Received};
use crate::source::{Clock, Entropy, OsEntropy, SystemClock};
use crate::unified::{
    BoxFuture, Capability, CreatePayout, PayoutProvider, PayoutRef, PayoutResult, WebhookEvent,
    WebhookRequest,
};
use crate::webhook;

mod retry;

/// How a client talks to its gateway.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub connect_timeout: Duration,
    /// Time for the whole exchange; a create that runs out of it may have created a payout.
    pub request_timeout: Duration,
    /// Attempts for queries (creates are never retried).
    pub query_attempts: u32,
    /// Wait before the first query retry; doubled each time.
    pub retry_backoff: Duration,
    /// Allow plain `http://` base URLs (local sandboxes). Off by default: credentials and
    /// signatures would travel in the clear.
    pub allow_insecure_http: bool,
    /// The merchant's webhook (notify) URL, for gateways that sign webhooks over the URL
    /// they deliver to, when a [`WebhookRequest`] does not carry its URL.
    pub webhook_url: Option<String>,
    /// The caller's own HTTP client, used as given: its proxies, connection pool, timeouts,
    /// TLS roots and client certificate. `connect_timeout`, `request_timeout` and `tls` then
    /// do not apply (build it with redirects off: a redirected POST loses its signed body).
    pub http_client: Option<reqwest::Client>,
    /// Time for the whole exchange of one operation (by its name in the spec), instead of
    /// `request_timeout`: a slow payout creation, a quick status query.
    pub operation_timeouts: HashMap<String, Duration>,
    /// A client certificate (mutual TLS) and extra trusted CAs.
    pub tls: http::TlsOptions,
    /// The longest `Retry-After` a query retry waits for; a gateway asking for longer gets
    /// its error returned instead.
    pub max_retry_after: Duration,
    /// The largest answer read, in bytes ([`http::DEFAULT_MAX_BODY_BYTES`], 1 MiB, by
    /// default). A larger one is not read: an error, with `may_exist` on a create.
    pub max_body_bytes: usize,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
            query_attempts: 3,
            retry_backoff: Duration::from_millis(200),
            allow_insecure_http: false,
            webhook_url: None,
            http_client: None,
            operation_timeouts: HashMap::new(),
            tls: http::TlsOptions::default(),
            max_retry_after: Duration::from_secs(30),
            max_body_bytes: http::DEFAULT_MAX_BODY_BYTES,
        }
    }
}

/// A gateway client for a spec loaded at run time. Cheap to clone (shared inside).
#[derive(Clone)]
pub struct DynamicClient {
    inner: Arc<Inner>,
}

#[derive(Clone)]
struct Inner {
    spec: Arc<CompiledSpec>,
    creds: Credentials,
    base_url: String,
    /// The URLs of the operations whose URL is the same for every request (no path
    /// parameter, no query), parsed once: reqwest would parse the text on every send.
    fixed_urls: Vec<reqwest::Url>,
    http: http::Transport,
    /// The time limit `http` holds every request to, when this client built it: an
    /// operation with that limit needs none of its own (reqwest keeps a request's own
    /// limit in an allocated extension).
    http_limit: Option<Duration>,
    options: ClientOptions,
    clock: Arc<dyn Clock>,
    entropy: Arc<dyn Entropy>,
    /// Where accepted webhooks are recorded, so a replay is refused.
    replay: Option<Arc<dyn ReplayStore>>,
    flow: Arc<FlowState>,
    /// The flow cache is the client's own [`MemoryCache`] (not one given by `with_cache`):
    /// it tells expiry by the client's clock, and follows it when the clock is replaced.
    own_cache: bool,
}

impl std::fmt::Debug for DynamicClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DynamicClient")
            .field("provider", &self.inner.spec.spec().provider.id)
            .field("base_url", &self.inner.base_url)
            .field("credentials", &self.inner.creds)
            .finish()
    }
}

/// The URLs of the operations that send every request to the same URL: no parameter in
/// the path and no query. One that does not parse is left out (sending it reports why).
fn fixed_urls(spec: &CompiledSpec, base_url: &str) -> Vec<reqwest::Url> {
    spec.spec()
        .operations
        .values()
        .filter(|op| op.params.is_empty() && op.query.is_empty())
        .filter_map(|op| reqwest::Url::parse(&format!("{base_url}{}", op.path)).ok())
        .collect()
}

/// A raw operation's outcome, for `payout call`.
#[derive(Debug, Clone)]
pub struct CallOutcome {
    pub result: PayoutResult,
    pub latency: Duration,
}

impl DynamicClient {
    /// A client for `base_url`. Refuses `http://` unless the options allow it.
    pub fn new(
        spec: Arc<CompiledSpec>,
        creds: Credentials,
        base_url: &str,
        options: ClientOptions,
    ) -> Result<Self, PayoutError> {
        // Parsed and written back once: the URL a recipe signs as `{{ url }}` is then the one
        // the HTTP client sends (host lower-cased, default port dropped).
        let parsed = reqwest::Url::parse(base_url)
            .map_err(|e| PayoutError::config(format!("`{base_url}` is not a valid URL: {e}")))?;
        // Named without its password: a credential belongs in the spec's `credentials`,
        // which are kept secret, not in a URL that is shown and logged.
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(PayoutError::config(format!(
                "the base URL of {} carries a user name or password; give credentials through the spec's `credentials` instead",
                parsed.host_str().unwrap_or("the gateway")
            )));
        }
        let base_url = parsed.as_str().trim_end_matches('/').to_string();
        if base_url.starts_with("http://") && !options.allow_insecure_http {
            return Err(PayoutError::config(format!(
                "refusing the plain-HTTP base URL {base_url}: credentials and signatures would travel in the clear (allow it explicitly for a local sandbox)"
            )));
        }
        if !base_url.starts_with("http://") && !base_url.starts_with("https://") {
            return Err(PayoutError::config(format!(
                "`{base_url}` is not an http(s) URL"
            )));
        }
        // Long enough for the slowest operation: each request is then held to its own.
        let slowest = options
            .operation_timeouts
            .values()
            .fold(options.request_timeout, |a, b| a.max(*b));
        let (http, http_limit) = match &options.http_client {
            Some(c) => (http::Transport::Reqwest(c.clone()), None),
            None => match http::client(options.connect_timeout, slowest, &options.tls)? {
                // A reqwest client built here holds every request to the slowest limit.
                t @ http::Transport::Reqwest(_) => (t, Some(slowest)),
                t @ http::Transport::Direct(_) => (t, None),
            },
        };
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let cache = MemoryCache::default().with_clock(clock.clone());
        let flow = Arc::new(FlowState::new(Arc::new(cache), &creds));
        // Only a reqwest client parses a URL's text on every send.
        let fixed_urls = match http {
            http::Transport::Reqwest(_) => fixed_urls(&spec, &base_url),
            http::Transport::Direct(_) => Vec::new(),
        };
        Ok(DynamicClient {
            inner: Arc::new(Inner {
                flow,
                spec,
                creds,
                base_url,
                fixed_urls,
                http,
                http_limit,
                options,
                clock,
                entropy: Arc::new(OsEntropy),
                replay: None,
                own_cache: true,
            }),
        })
    }

    /// A client for one of the spec's environments (`sandbox`, `production`).
    pub fn for_environment(
        spec: Arc<CompiledSpec>,
        creds: Credentials,
        environment: &str,
        options: ClientOptions,
    ) -> Result<Self, PayoutError> {
        let env = spec.spec().environments.get(environment).ok_or_else(|| {
            PayoutError::config(format!(
                "{} has no environment `{environment}`",
                spec.spec().provider.id
            ))
        })?;
        let url = env.base_url.clone();
        DynamicClient::new(spec, creds, &url, options)
    }

    /// Replaces the clock and random source (tests).
    pub fn with_sources(self, clock: Arc<dyn Clock>, entropy: Arc<dyn Entropy>) -> Self {
        self.changed(|i| {
            if i.own_cache {
                // A new empty cache on the new clock: the old one judged expiry by the old.
                let cache = MemoryCache::default().with_clock(clock.clone());
                i.flow = Arc::new(FlowState::new(Arc::new(cache), &i.creds));
            }
            i.clock = clock;
            i.entropy = entropy;
        })
    }

    /// A client like this one with one part changed (the builder methods below).
    fn changed(&self, change: impl FnOnce(&mut Inner)) -> Self {
        let mut inner = Inner::clone(&self.inner);
        change(&mut inner);
        DynamicClient {
            inner: Arc::new(inner),
        }
    }

    /// Records every accepted webhook in `store`: one received before is refused as a
    /// `Duplicate` (acknowledge it, do not act on it again). Use a durable store when
    /// several processes receive webhooks or a restart must not forget.
    pub fn with_replay_store(self, store: Arc<dyn ReplayStore>) -> Self {
        self.changed(|i| i.replay = Some(store))
    }

    /// Keeps obtained values (tokens, recipients) in `cache` instead of in memory: a
    /// durable store keeps recipients across restarts, a shared one across clients.
    pub fn with_cache(self, cache: Arc<dyn FlowCache>) -> Self {
        self.changed(|i| {
            i.flow = Arc::new(FlowState::new(cache, &i.creds));
            i.own_cache = false;
        })
    }

    pub(crate) fn compiled(&self) -> &CompiledSpec {
        &self.inner.spec
    }

    pub(crate) fn credentials(&self) -> &Credentials {
        &self.inner.creds
    }

    pub(crate) fn flow_state(&self) -> &FlowState {
        &self.inner.flow
    }

    pub(crate) fn now_millis(&self) -> u64 {
        self.inner.clock.now_millis()
    }

    pub fn spec(&self) -> &CompiledSpec {
        &self.inner.spec
    }

    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Builds and signs an operation's request without sending it.
    pub fn prepare<'i>(
        &self,
        op: &str,
        input: impl Into<RequestInput<'i>>,
        opts: &RequestOptions,
    ) -> Result<PreparedRequest, PayoutError> {
        let i = &self.inner;
        let prep = Preparation {
            spec: &i.spec,
            creds: &i.creds,
            clock: i.clock.as_ref(),
            entropy: i.entropy.as_ref(),
        };
        request::prepare(&prep, op, &i.base_url, input, opts)
    }

    /// Runs an operation by name with the gateway's own input, its flow included: values
    /// it needs (a token, a recipient) are obtained first, from the cache or by running
    /// their steps with the fields of `input` they have. A create is sent once; a query is
    /// retried with backoff on transient failures, each time freshly signed (a nonce is
    /// never reused).
    pub async fn call(&self, op: &str, input: &JsonMap) -> Result<CallOutcome, PayoutError> {
        self.run(op, FlowInput::Raw(input)).await
    }

    /// One operation alone, with the values its flow obtained.
    pub(crate) async fn call_with<'i>(
        &self,
        op: &str,
        input: impl Into<RequestInput<'i>>,
        obtained: &IndexMap<String, ObtainedValue>,
    ) -> Result<CallOutcome, PayoutError> {
        self.call_reading(op, input, obtained, |outcome, _| outcome)
            .await
    }

    /// [`DynamicClient::call_with`], its outcome given to `read` with the answer's body as
    /// the runtime read it, while the answer's bytes are at hand: a generated client types
    /// the answer from that reading, without reading the body again.
    pub(crate) async fn call_reading<'i, T>(
        &self,
        op: &str,
        input: impl Into<RequestInput<'i>>,
        obtained: &IndexMap<String, ObtainedValue>,
        read: fn(CallOutcome, &JsonRef<'_>) -> T,
    ) -> Result<T, PayoutError> {
        let input = input.into();
        let i = &self.inner;
        let role = i
            .spec
            .spec()
            .operations
            .get(op)
            .map(|o| o.role)
            .ok_or_else(|| {
                PayoutError::new(
                    ErrorKind::Unsupported,
                    format!("{} has no operation `{op}`", i.spec.spec().provider.id),
                )
            })?;
        let create = role == OperationRole::Create;
        let attempts = if create {
            1
        } else {
            i.options.query_attempts.max(1)
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut retry_after = None;
            let outcome = self
                .attempt(op, input, obtained, create, &mut retry_after, read)
                .await;
            match outcome {
                Err(e) if attempt < attempts && retryable(&e) => {
                    let backoff = i.options.retry_backoff * 2u32.saturating_pow(attempt - 1);
                    let Some(wait) = retry::wait(
                        backoff,
                        retry_after,
                        i.options.max_retry_after,
                        i.entropy.as_ref(),
                    ) else {
                        tracing::info!(operation = op, attempt, error = %e, ?retry_after, "not retrying: the gateway asks to wait longer than max_retry_after");
                        return Err(e);
                    };
                    tracing::info!(operation = op, attempt, error = %e, "retrying query in {wait:?}");
                    tokio::time::sleep(wait).await;
                }
                other => return other,
            }
        }
    }

    /// One exchange. `retry_after` receives the answer's `Retry-After`, if it has one.
    async fn attempt<T>(
        &self,
        op: &str,
        input: RequestInput<'_>,
        obtained: &IndexMap<String, ObtainedValue>,
        create: bool,
        retry_after: &mut Option<Duration>,
        read: fn(CallOutcome, &JsonRef<'_>) -> T,
    ) -> Result<T, PayoutError> {
        let i = &self.inner;
        let mut opts = RequestOptions {
            obtained: obtained.clone(),
            ..RequestOptions::default()
        };
        let limit = i
            .options
            .operation_timeouts
            .get(op)
            .copied()
            .unwrap_or(i.options.request_timeout);
        let limit = http::Limit {
            time: limit,
            client_has_it: i.http_limit == Some(limit),
        };
        let send = |req: PreparedRequest| {
            // Compared, not assumed: a URL the parser would write differently is parsed.
            let url = i
                .fixed_urls
                .iter()
                .find(|u| u.as_str() == req.url())
                .cloned();
            http::send(&i.http, req, url, create, limit, i.options.max_body_bytes)
        };
        // The request goes to the wire; the message it was signed as stays, to read the
        // answer against.
        let (mut sent, mut raw): (Box<Message>, RawResponse) =
            send(self.prepare(op, input, &opts)?).await?;
        // The gateway's challenge refused the request, so nothing was done: the same
        // request, with the challenge answered, is sent once (even a create).
        if let Some(token) = challenge_token(i.spec.spec(), op, &raw) {
            tracing::info!(operation = op, "challenged; answering and sending again");
            opts.challenge = Some(token);
            (sent, raw) = send(self.prepare(op, input, &opts)?).await?;
        }
        *retry_after =
            retry::retry_after(raw.header("retry-after").as_deref(), i.clock.now_millis());
        // The headers as text, for an answer whose spec reads them (signatures, a
        // credential, a recipe's input); most answers are read from their body alone.
        let reads_headers = i
            .spec
            .received()
            .answers
            .get(op)
            .is_none_or(|plan| plan.reads_headers());
        let headers = if reads_headers {
            http::header_pairs(&raw.headers)
        } else {
            Vec::new()
        };
        let got = Received {
            http_status: raw.status,
            headers: &headers,
            body: &raw.body,
        };
        let (out, fields) =
            response::read_viewed(&i.spec, &i.creds, i.entropy.as_ref(), op, &sent, &got).map_err(
                |mut e| {
                    // The caller, not only this loop, must know how long the gateway asked for.
                    e.retry_after = *retry_after;
                    e
                },
            )?;
        let outcome = CallOutcome {
            result: PayoutResult::from_extracted(
                out.extracted,
                out.response,
                out.verified_signatures,
            ),
            latency: raw.latency,
        };
        Ok(read(outcome, &fields))
    }

    fn op_for(&self, role: OperationRole) -> Result<(&str, &payout_spec::Operation), PayoutError> {
        let s = self.inner.spec.spec();
        s.operation_for(role).ok_or_else(|| {
            PayoutError::new(
                ErrorKind::Unsupported,
                format!("{} has no `{role}` operation", s.provider.id),
            )
        })
    }

    /// The unified create, by roles.
    pub async fn create(&self, req: &CreatePayout) -> Result<PayoutResult, PayoutError> {
        let (name, op) = self.op_for(OperationRole::Create)?;
        match self.run(name, FlowInput::Unified(req)).await {
            Ok(o) => Ok(o.result),
            Err(e) => Err(mapping::hint_extras(e, op)),
        }
    }

    /// The unified query, by roles.
    pub async fn query(&self, reference: &PayoutRef) -> Result<PayoutResult, PayoutError> {
        let (name, op) = self.op_for(OperationRole::Query)?;
        let input = mapping::query_input(op, reference);
        self.call(name, &input).await.map(|o| o.result)
    }

    /// Verifies and reads a webhook. Without its URL, the configured `webhook_url` is used.
    pub fn webhook(&self, request: &WebhookRequest<'_>) -> Result<WebhookEvent, PayoutError> {
        self.webhook_viewed(request).map(|(event, _)| event)
    }

    /// [`DynamicClient::webhook`], with the body lent as read: what a generated client
    /// types the webhook from.
    pub(crate) fn webhook_viewed<'a>(
        &'a self,
        request: &WebhookRequest<'a>,
    ) -> Result<(WebhookEvent, JsonRef<'a>), PayoutError> {
        let i = &self.inner;
        let mut req = *request;
        if req.url.is_none() {
            req.url = i.options.webhook_url.as_deref();
        }
        // Bounded before anything reads it (a server should refuse it earlier still).
        if req.body.len() > i.options.max_body_bytes {
            return Err(PayoutError::new(
                ErrorKind::MalformedResponse,
                format!(
                    "the webhook body ({} bytes) is larger than the limit of {} bytes (`max_body_bytes`)",
                    req.body.len(),
                    i.options.max_body_bytes
                ),
            ));
        }
        let guard = Guard {
            clock: i.clock.as_ref(),
            replay: i.replay.as_deref(),
        };
        webhook::receive_unified(&i.spec, &i.creds, i.entropy.as_ref(), &req, &guard)
    }

    /// Verifies and reads a webhook, asking the gateway where the spec says it verifies its
    /// webhooks by postback (its `postback` operation, run with its flow: a token first).
    /// The event is read only once the gateway has said yes; a postback that fails to get
    /// an answer is an error (the gateway delivers the webhook again).
    pub async fn postback_webhook(
        &self,
        request: WebhookRequest<'_>,
    ) -> Result<WebhookEvent, PayoutError> {
        let i = &self.inner;
        let s = i.spec.spec();
        let mut req = request;
        if req.url.is_none() {
            req.url = i.options.webhook_url.as_deref();
        }
        if req.body.len() > i.options.max_body_bytes {
            return Err(PayoutError::new(
                ErrorKind::MalformedResponse,
                format!(
                    "the webhook body ({} bytes) is larger than the limit of {} bytes (`max_body_bytes`)",
                    req.body.len(),
                    i.options.max_body_bytes
                ),
            ));
        }
        let guard = Guard {
            clock: i.clock.as_ref(),
            replay: i.replay.as_deref(),
        };
        let mut last = None;
        // The plans are in the spec's order, one per webhook.
        let plans = i.spec.received().webhooks.values();
        for ((name, wh), plan) in s.webhooks.iter().zip(plans) {
            let Some(op) = &wh.postback else {
                match webhook::receive_as(&i.spec, &i.creds, i.entropy.as_ref(), name, &req) {
                    Ok(ev) => {
                        // Fresh as on the other path: `max_age`, then the replay store.
                        let key =
                            freshness::check_signed(&i.spec, name, req.headers, req.body, &guard)?;
                        return Ok(ev.unified(plan.ack.clone(), key));
                    }
                    Err(e) => last = Some(e),
                }
                continue;
            };
            // The time and id the gateway's yes covers: those sent back to it.
            let (t, n) = freshness::confirmed_time_and_nonce(&i.spec, name, req.headers);
            // A stale webhook is refused before the gateway is asked (a replay costs it no
            // call); the replay store is consulted only once the gateway said yes, so only
            // genuine webhooks are recorded.
            freshness::check_age(name, wh.max_age, t.as_deref(), guard.clock)?;
            let input = webhook::postback_input(s, op, &req)?;
            match self.call(op, &input).await {
                Ok(_) => {
                    let ev =
                        webhook::read_as(&i.spec, &i.creds, i.entropy.as_ref(), name, &req, true)?;
                    let key = freshness::check_replay(
                        &i.spec,
                        name,
                        n.as_deref(),
                        req.headers,
                        req.body,
                        &guard,
                    )?;
                    return Ok(ev.unified(plan.ack.clone(), key));
                }
                // No answer: nothing is known; the gateway will deliver it again.
                Err(e) if e.kind.is_transport() => return Err(e),
                Err(e) => {
                    last = Some(PayoutError::new(
                        ErrorKind::BadSignature,
                        format!("the gateway did not confirm the webhook `{name}`: {e}"),
                    ))
                }
            }
        }
        Err(last.unwrap_or_else(|| {
            PayoutError::new(
                ErrorKind::Unsupported,
                format!("{} sends no webhooks", s.provider.id),
            )
        }))
    }
}

/// The one-time token of a challenge the operation declares, when the answer is one.
fn challenge_token(spec: &payout_spec::Spec, op: &str, raw: &RawResponse) -> Option<String> {
    let ch = spec.operations.get(op)?.challenge.as_ref()?;
    if raw.status != ch.status {
        return None;
    }
    raw.header(&ch.header)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Transient failures worth another query attempt (only queries are ever retried): no
/// connection, no answer, a 5xx, or a code the spec marks ambiguous (a gateway's in-band
/// "system error", such as Cashy's `code: 500` or Xettle's `0x0205`).
fn retryable(e: &PayoutError) -> bool {
    match e.kind {
        ErrorKind::Connect
        | ErrorKind::Timeout
        | ErrorKind::Network
        | ErrorKind::RateLimited
        | ErrorKind::Ambiguous => true,
        ErrorKind::Rejected => e.http_status.is_some_and(|s| s >= 500),
        _ => false,
    }
}

impl PayoutProvider for DynamicClient {
    fn provider_id(&self) -> &str {
        &self.inner.spec.spec().provider.id
    }

    fn supports(&self, capability: Capability) -> bool {
        let s = self.inner.spec.spec();
        match capability {
            Capability::Create => s.operation_for(OperationRole::Create).is_some(),
            Capability::Query => s.operation_for(OperationRole::Query).is_some(),
            Capability::Webhooks => !s.webhooks.is_empty(),
        }
    }

    fn create_payout<'a>(
        &'a self,
        request: &'a CreatePayout,
    ) -> BoxFuture<'a, Result<PayoutResult, PayoutError>> {
        Box::pin(self.create(request))
    }

    fn query_payout<'a>(
        &'a self,
        reference: &'a PayoutRef,
    ) -> BoxFuture<'a, Result<PayoutResult, PayoutError>> {
        Box::pin(self.query(reference))
    }

    fn parse_webhook(&self, request: &WebhookRequest<'_>) -> Result<WebhookEvent, PayoutError> {
        self.webhook(request)
    }

    fn verify_webhook<'a>(
        &'a self,
        request: WebhookRequest<'a>,
    ) -> BoxFuture<'a, Result<WebhookEvent, PayoutError>> {
        Box::pin(self.postback_webhook(request))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use payout_spec::Json;

    const SPEC: &str = r#"
spec_version: 1
provider: { id: t, name: T }
credentials: { key: {} }
money: { currency: INR, amount: { encoding: string, decimals: 2 } }
operations:
  create_payout:
    role: create
    method: POST
    path: /p
    headers: { X-Key: "{{ credentials.key }}" }
    body: { fields: { ref: { type: string, required: true, role: merchant_ref }, amount: { type: amount, required: true, role: amount } } }
    response: { success: "true" }
"#;

    fn client(key: &str, base: &str) -> Result<DynamicClient, PayoutError> {
        let spec = Arc::new(CompiledSpec::from_str(SPEC, "t.yaml").unwrap());
        let mut v = IndexMap::new();
        v.insert("key".to_string(), key.to_string());
        let creds = Credentials::new(spec.spec(), v).unwrap();
        DynamicClient::new(spec, creds, base, ClientOptions::default())
    }

    /// A request that cannot even be built was never sent: no payout can exist.
    #[tokio::test]
    async fn a_request_that_cannot_be_built_is_not_ambiguous() {
        let c = client("line\nbreak", "https://127.0.0.1:9").unwrap();
        let mut input = JsonMap::default();
        input.insert("ref".to_string(), Json::from("r1"));
        input.insert("amount".to_string(), Json::from("1.00"));
        let e = c.call("create_payout", &input).await.unwrap_err();
        assert_eq!((e.kind, e.may_exist), (ErrorKind::Config, false), "{e}");
    }

    /// The clock and random source a client is given are the ones its requests use.
    #[test]
    fn injected_clock_and_random_source_are_used() {
        let spec = SPEC.replace(
            r#"headers: { X-Key: "{{ credentials.key }}" }"#,
            r#"headers: { X-Time: "{{ timestamp }}", X-Nonce: "{{ nonce }}" }"#,
        );
        let spec = Arc::new(CompiledSpec::from_str(&spec, "t.yaml").unwrap());
        let mut v = IndexMap::new();
        v.insert("key".to_string(), "k".to_string());
        let creds = Credentials::new(spec.spec(), v).unwrap();
        let bytes: Vec<u8> = (0..32).collect();
        let c = DynamicClient::new(spec, creds, "https://g.example", ClientOptions::default())
            .unwrap()
            .with_sources(
                Arc::new(crate::source::FixedClock(1_700_000_000_123)),
                Arc::new(crate::source::FixedBytes::new(&bytes)),
            );
        let mut input = JsonMap::default();
        input.insert("ref".to_string(), Json::from("r1"));
        input.insert("amount".to_string(), Json::from("1.00"));
        let req = c
            .prepare("create_payout", &input, &RequestOptions::default())
            .unwrap();
        let header = |n: &str| {
            req.headers
                .iter()
                .find(|(k, _)| k == n)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(header("X-Time"), Some("1700000000123"));
        // python3 -c "print(''.join('0123456789abcdef'[b%16] for b in range(32)))"
        assert_eq!(header("X-Nonce"), Some("0123456789abcdef0123456789abcdef"));
    }

    /// Only an operation whose URL never changes is parsed ahead; one whose text the parser
    /// would write differently is not found by it, so its request's own text is parsed.
    #[test]
    fn fixed_urls_are_the_operations_without_parameters_or_query() {
        let spec = SPEC.replace(
            "response: { success: \"true\" }\n",
            "response: { success: \"true\" }
  query_payout:
    role: query
    method: GET
    path: /p/{id}
    params: { id: { type: string, required: true, role: provider_ref } }
    response: { success: \"true\" }
  balance:
    role: balance
    method: GET
    path: /balance
    query: { currency: { type: string, value: INR } }
    response: { success: \"true\" }
  spaced:
    role: other
    method: GET
    path: /a b
    response: { success: \"true\" }
",
        );
        let spec = CompiledSpec::from_str(&spec, "t.yaml").unwrap();
        assert_eq!(spec.spec().operations.len(), 4, "the replacement took");
        let urls = fixed_urls(&spec, "https://g.example/v1");
        let texts: Vec<&str> = urls.iter().map(reqwest::Url::as_str).collect();
        // `/a b` parses to `/a%20b`: a request's text `…/a b` matches none of them.
        assert_eq!(
            texts,
            ["https://g.example/v1/p", "https://g.example/v1/a%20b"]
        );
    }

    #[test]
    fn base_urls_are_checked_and_normalised() {
        assert!(client("k", "https://a b.example").is_err());
        assert!(
            client("k", "http://gateway.example").is_err(),
            "plain http needs the opt-in"
        );
        let c = client("k", "https://Gateway.EXAMPLE:443/v1/").unwrap();
        assert_eq!(c.base_url(), "https://gateway.example/v1");
    }

    /// A loopback server for one exchange: it reads one request (its head, then as many
    /// bytes as it declares), answers `reply` (nothing: it hangs up) and gives back what it
    /// read.
    async fn one_exchange(reply: &'static [u8]) -> (String, tokio::task::JoinHandle<String>) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let server = tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut got = Vec::new();
            let mut buf = [0u8; 4096];
            loop {
                let text = String::from_utf8_lossy(&got).to_string();
                if let Some(end) = text.find("\r\n\r\n") {
                    let length = text
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length: "))
                        .and_then(|n| n.trim().parse::<usize>().ok())
                        .unwrap_or(0);
                    if got.len() >= end + 4 + length {
                        break;
                    }
                }
                let n = socket.read(&mut buf).await.unwrap();
                if n == 0 {
                    break;
                }
                got.extend_from_slice(&buf[..n]);
            }
            socket.write_all(reply).await.unwrap();
            socket.shutdown().await.unwrap();
            String::from_utf8(got).unwrap()
        });
        (base, server)
    }

    /// The client this engine builds, whatever the environment's proxy variables say.
    fn direct(c: DynamicClient) -> DynamicClient {
        let o = &c.inner.options;
        let t = http::DirectClient::new(o.connect_timeout, &o.tls, http::USER_AGENT).unwrap();
        c.changed(|i| {
            i.http = http::Transport::Direct(t);
            i.http_limit = None;
            i.fixed_urls = Vec::new();
        })
    }

    fn insecure(key: &str, base: &str, max_body_bytes: usize) -> DynamicClient {
        let spec = Arc::new(CompiledSpec::from_str(SPEC, "t.yaml").unwrap());
        let mut v = IndexMap::new();
        v.insert("key".to_string(), key.to_string());
        let creds = Credentials::new(spec.spec(), v).unwrap();
        let options = ClientOptions {
            allow_insecure_http: true,
            max_body_bytes,
            ..ClientOptions::default()
        };
        direct(DynamicClient::new(spec, creds, base, options).unwrap())
    }

    fn payout() -> JsonMap {
        let mut input = JsonMap::default();
        input.insert("ref".to_string(), Json::from("r1"));
        input.insert("amount".to_string(), Json::from("1.00"));
        input
    }

    /// The client built here sends the prepared request as it is (its `Content-Type` and
    /// the spec's header), with the headers reqwest added before (`User-Agent`, `Accept`)
    /// and those HTTP/1.1 needs (`Host`, the length).
    #[tokio::test]
    async fn the_client_built_here_sends_the_prepared_bytes() {
        let (base, server) =
            one_exchange(b"HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\ntrue").await;
        let c = insecure("k", &base, 1 << 20);
        let sent = c
            .prepare("create_payout", &payout(), &RequestOptions::default())
            .unwrap();
        let outcome = c.call("create_payout", &payout()).await;
        let got = server.await.unwrap();
        let (head, body) = got.split_once("\r\n\r\n").unwrap();
        let mut lines = head.lines();
        assert_eq!(lines.next(), Some("POST /p HTTP/1.1"));
        let mut headers: Vec<&str> = lines.collect();
        headers.sort_unstable();
        let host = format!("host: {}", base.trim_start_matches("http://"));
        let length = format!("content-length: {}", sent.body.len());
        let agent = format!("user-agent: payout/{}", env!("CARGO_PKG_VERSION"));
        let mut expected = vec![
            "accept: */*",
            "content-type: application/json",
            length.as_str(),
            host.as_str(),
            agent.as_str(),
            "x-key: k",
        ];
        expected.sort_unstable();
        assert_eq!(headers, expected);
        assert_eq!(body.as_bytes(), &sent.body[..]);
        assert!(outcome.is_ok(), "{outcome:?}");
    }

    /// No connection: nothing was sent, so no payout can exist.
    #[tokio::test]
    async fn a_refused_connection_is_not_ambiguous() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        drop(listener);
        let e = insecure("k", &base, 1 << 20)
            .call("create_payout", &payout())
            .await
            .unwrap_err();
        assert_eq!((e.kind, e.may_exist), (ErrorKind::Connect, false), "{e}");
    }

    /// A create whose connection drops once it was sent may have made the payout.
    #[tokio::test]
    async fn a_create_without_an_answer_may_exist() {
        let (base, server) = one_exchange(b"").await;
        let e = insecure("k", &base, 1 << 20)
            .call("create_payout", &payout())
            .await
            .unwrap_err();
        let got = server.await.unwrap();
        assert!(got.starts_with("POST /p HTTP/1.1"), "{got}");
        assert_eq!((e.kind, e.may_exist), (ErrorKind::Ambiguous, true), "{e}");
    }

    /// An answer declared larger than the limit is not read, and a create is then in doubt.
    #[tokio::test]
    async fn an_answer_over_the_limit_is_not_read() {
        let (base, _server) = one_exchange(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n").await;
        let e = insecure("k", &base, 64)
            .call("create_payout", &payout())
            .await
            .unwrap_err();
        assert_eq!((e.kind, e.may_exist), (ErrorKind::Ambiguous, true), "{e}");
        assert!(
            e.to_string().contains("larger than the limit of 64 bytes"),
            "{e}"
        );
    }

    /// A gateway that takes the connection and never finishes the TLS handshake has
    /// received nothing: the connect timeout covers the handshake, so the create is not in
    /// doubt. The hello it read asks for HTTP/1.1 by ALPN.
    #[tokio::test]
    async fn a_handshake_that_never_ends_is_a_connect_failure() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("https://{}", listener.local_addr().unwrap());
        let server = tokio::spawn(async move {
            // Reads the client's hello, holds the connection open and says nothing.
            use tokio::io::AsyncReadExt;
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut hello = vec![0u8; 4096];
            let n = socket.read(&mut hello).await.unwrap();
            hello.truncate(n);
            tokio::time::sleep(Duration::from_secs(1)).await;
            hello
        });
        let spec = Arc::new(CompiledSpec::from_str(SPEC, "t.yaml").unwrap());
        let mut v = IndexMap::new();
        v.insert("key".to_string(), "k".to_string());
        let creds = Credentials::new(spec.spec(), v).unwrap();
        let options = ClientOptions {
            connect_timeout: Duration::from_millis(300),
            request_timeout: Duration::from_secs(8),
            ..ClientOptions::default()
        };
        let c = direct(DynamicClient::new(spec, creds, &base, options).unwrap());
        let e = c.call("create_payout", &payout()).await.unwrap_err();
        let hello = server.await.unwrap();
        assert_eq!((e.kind, e.may_exist), (ErrorKind::Connect, false), "{e}");
        assert!(e.to_string().contains("(TCP and TLS)"), "{e}");
        // A TLS handshake record (22) whose hello offers HTTP/1.1 by ALPN, as reqwest's did.
        assert_eq!(hello.first(), Some(&22), "{hello:?}");
        assert!(hello.windows(8).any(|w| w == b"http/1.1"), "{hello:?}");
    }

    /// A password in the base URL would be shown wherever the URL is: it is refused, and
    /// the refusal does not repeat it.
    #[test]
    fn a_base_url_with_a_password_is_refused() {
        let e = client("k", "https://merchant:hunter2@gateway.example/v1").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Config);
        assert!(
            e.to_string()
                .contains("gateway.example carries a user name or password"),
            "{e}"
        );
        assert!(!e.to_string().contains("hunter2"), "{e}");
    }
}

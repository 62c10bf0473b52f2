//! A verified webhook is also a fresh one: not older than the spec's `max_age` (by the
//! signed timestamp it carries), and not one received before (a [`ReplayStore`]).
//!
//! A signature proves who made a webhook, not when: without these checks a captured
//! webhook verifies forever and can be sent again at will.

use std::collections::HashMap;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use crate::compiled::CompiledSpec;
use crate::error::{ErrorKind, PayoutError};
use crate::received::MessagePlan;
use crate::source::Clock;

/// Remembers the webhooks already accepted, so that one cannot be accepted twice.
///
/// Only webhooks whose signatures verified are recorded, so an attacker cannot fill the
/// store. Keys name the gateway, the webhook and what identifies the delivery: the signed
/// nonce when the webhook carries one, else a SHA-256 of its body and headers. A durable
/// implementation (a database table with a unique key and an expiry column) makes the
/// check hold across restarts and processes; [`MemoryReplayStore`] is the in-process one.
pub trait ReplayStore: Send + Sync {
    /// Records `key` as seen until `expires_at` and returns `true`; returns `false` when it
    /// was recorded before and has not expired at `now` (a replay). Times are epoch
    /// milliseconds of the receiver's clock. Must be atomic: of two concurrent calls with
    /// one key, one gets `false`. An `Err` (the store is unavailable) refuses the webhook,
    /// so that the gateway delivers it again later.
    fn first_seen(&self, key: &str, now: u64, expires_at: u64) -> Result<bool, String>;
}

/// A [`ReplayStore`] in memory: for one process, forgotten on restart. Expired keys are
/// dropped as new ones arrive.
#[derive(Debug, Default)]
pub struct MemoryReplayStore {
    seen: Mutex<HashMap<String, u64>>,
}

impl MemoryReplayStore {
    pub fn new() -> Self {
        MemoryReplayStore::default()
    }
}

impl ReplayStore for MemoryReplayStore {
    fn first_seen(&self, key: &str, now: u64, expires_at: u64) -> Result<bool, String> {
        let mut seen = self
            .seen
            .lock()
            .map_err(|_| "the replay store's lock is poisoned".to_string())?;
        // Sweeping the expired keys whenever the map reaches a power of two keeps the
        // cost amortised constant per key.
        if seen.len() >= 1024 && seen.len().is_power_of_two() {
            seen.retain(|_, until| *until > now);
        }
        match seen.get(key) {
            Some(until) if *until > now => Ok(false),
            _ => {
                seen.insert(key.to_string(), expires_at);
                Ok(true)
            }
        }
    }
}

/// How long a webhook is remembered when its spec sets no `max_age`: 30 days, longer than
/// any gateway's retry schedule.
pub const RETENTION_MILLIS: u64 = 30 * 24 * 3600 * 1000;

/// What the receiver checks besides the signatures.
#[derive(Clone, Copy)]
pub struct Guard<'a> {
    /// The clock `max_age` is checked with.
    pub clock: &'a dyn Clock,
    /// Where accepted webhooks are recorded; `None`: replays are not detected.
    pub replay: Option<&'a dyn ReplayStore>,
}

/// A webhook `{{ timestamp }}` in epoch milliseconds: 11 digits or fewer are seconds; an
/// RFC 3339 date (`2024-04-26T11:33:48Z`, PayPal's transmission time) is read as one.
fn timestamp_millis(text: &str) -> Option<u64> {
    let t = text.trim();
    if t.len() <= 40 && t.contains('T') {
        let at = chrono::DateTime::parse_from_rfc3339(t).ok()?;
        return u64::try_from(at.timestamp_millis()).ok();
    }
    if t.is_empty() || t.len() > 16 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = t.parse().ok()?;
    Some(if t.len() <= 11 {
        n.checked_mul(1000)?
    } else {
        n
    })
}

/// Both checks of a verified webhook named `webhook`: its signed timestamp against the
/// spec's `max_age`, then its signed nonce (or its bytes) against the replay store. One
/// place for every receiving path (signed, by postback or not). Returns what the webhook's
/// replay key is made from, which the event carries (a durable receiver such as the ledger
/// records the key).
pub fn check_signed(
    spec: &CompiledSpec,
    webhook: &str,
    headers: &[(String, String)],
    body: &[u8],
    guard: &Guard,
) -> Result<ReplayInput, PayoutError> {
    match spec.received().webhooks.get(webhook) {
        Some(plan) => check_planned(spec, webhook, &plan.message, headers, body, guard),
        None => check_replay(spec, webhook, None, headers, body, guard),
    }
}

/// [`check_signed`] with the webhook's plan at hand (the receiving path found it already).
pub(crate) fn check_planned(
    spec: &CompiledSpec,
    webhook: &str,
    plan: &MessagePlan,
    headers: &[(String, String)],
    body: &[u8],
    guard: &Guard,
) -> Result<ReplayInput, PayoutError> {
    let (timestamp, nonce) = plan.signed_time_and_nonce(headers);
    check_age(webhook, plan.max_age, timestamp.as_deref(), guard.clock)?;
    let input = replay_planned(spec, webhook, Some(plan), nonce.as_deref(), headers, body);
    record(webhook, input, guard)
}

/// Refuses a webhook older (or further in the future) than its spec's `max_age`, by the
/// timestamp its signature covers. Checked after the signatures verified.
pub fn check_age(
    webhook: &str,
    max_age: Option<u64>,
    timestamp: Option<&str>,
    clock: &dyn Clock,
) -> Result<(), PayoutError> {
    let Some(max_age) = max_age else {
        return Ok(());
    };
    let stale = |m: String| PayoutError::new(ErrorKind::BadSignature, m);
    let ts = timestamp.ok_or_else(|| {
        stale(format!(
            "the webhook `{webhook}` carries no timestamp, and its spec bounds its age (max_age {max_age}s)"
        ))
    })?;
    let at = timestamp_millis(ts).ok_or_else(|| {
        stale(format!(
            "the webhook's timestamp `{}` is not epoch seconds or milliseconds, nor an RFC 3339 date",
            crate::response::preview(ts)
        ))
    })?;
    let now = clock.now_millis();
    let limit = max_age.saturating_mul(1000);
    if now.abs_diff(at) > limit {
        let (secs, when) = if at <= now {
            ((now - at) / 1000, "old")
        } else {
            ((at - now) / 1000, "in the future")
        };
        return Err(stale(format!(
            "the webhook is {secs}s {when}, more than its spec's max_age of {max_age}s: it may be a replay"
        )));
    }
    Ok(())
}

/// What identifies one delivery of a webhook in a [`ReplayStore`], and how long it is
/// remembered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayKey {
    /// `gateway:webhook:nonce:N` when the signatures cover a nonce, else
    /// `gateway:webhook:sha256:HEX` over the headers the spec declares and the body.
    pub key: String,
    /// Milliseconds to remember it: twice the spec's `max_age` (after that, `max_age`
    /// refuses the webhook anyway), else [`RETENTION_MILLIS`].
    pub retention_millis: u64,
}

/// What a verified webhook's replay key is made from, kept with the event so that the key
/// is computed only when someone needs it: a replay store's check, or a durable receiver
/// such as the ledger ([`ReplayInput::replay_key`]). A typed client's user who keeps no
/// store never pays for the SHA-256 over the body.
///
/// Only the headers the spec declares for the webhook count, with the body: the same
/// webhook delivered again through another proxy (another `Host`, `X-Forwarded-For` or
/// request id) is the same webhook.
#[derive(Clone, PartialEq, Eq)]
pub struct ReplayInput {
    /// `gateway:webhook:nonce:N` (the whole key) when the signatures cover a nonce; else
    /// `gateway:webhook:sha256:` followed by the bytes the digest is taken over (each
    /// declared header's lower-cased name, NUL, value, NUL; then the body). One buffer: one
    /// allocation per webhook.
    text: Vec<u8>,
    /// Where the key's prefix ends and the digested bytes start; `None` for a nonce.
    digest_from: Option<usize>,
    retention_millis: u64,
}

impl ReplayInput {
    /// The webhook's replay key: its signed nonce, or the SHA-256 of its declared headers and
    /// body (computed on every call: keep the result if it is needed twice).
    pub fn replay_key(&self) -> ReplayKey {
        let key = match self.digest_from {
            None => String::from_utf8_lossy(&self.text).into_owned(),
            Some(at) => {
                let (prefix, digested) = self.text.split_at(at.min(self.text.len()));
                let mut key = String::with_capacity(prefix.len() + 64);
                key.push_str(&String::from_utf8_lossy(prefix));
                key.push_str(&hex::encode(Sha256::digest(digested)));
                key
            }
        };
        ReplayKey {
            key,
            retention_millis: self.retention_millis,
        }
    }
}

/// The digested bytes may hold a header the spec declares as a shared secret: only the
/// key's prefix is shown.
impl std::fmt::Debug for ReplayInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = match self.digest_from {
            None => self.text.len(),
            Some(at) => at.min(self.text.len()),
        };
        f.debug_struct("ReplayInput")
            .field("key", &String::from_utf8_lossy(&self.text[..shown]))
            .field("retention_millis", &self.retention_millis)
            .finish_non_exhaustive()
    }
}

/// What the replay key of a verified webhook named `webhook` is made from (see
/// [`ReplayInput`]); `nonce` is the one its signatures cover, if any.
pub fn replay_input(
    spec: &CompiledSpec,
    webhook: &str,
    nonce: Option<&str>,
    headers: &[(String, String)],
    body: &[u8],
) -> ReplayInput {
    let plan = spec.received().webhooks.get(webhook).map(|p| &p.message);
    replay_planned(spec, webhook, plan, nonce, headers, body)
}

/// [`replay_input`] with the webhook's plan (if the spec has the webhook) at hand.
fn replay_planned(
    spec: &CompiledSpec,
    webhook: &str,
    plan: Option<&MessagePlan>,
    nonce: Option<&str>,
    headers: &[(String, String)],
    body: &[u8],
) -> ReplayInput {
    let provider = &spec.spec().provider.id;
    let retention_millis = plan
        .and_then(|p| p.max_age)
        .map_or(RETENTION_MILLIS, |a| a.saturating_mul(2000));
    let prefix = provider.len() + webhook.len() + 2;
    if let Some(n) = nonce {
        let mut text = Vec::with_capacity(prefix + "nonce:".len() + n.len());
        for part in [provider.as_str(), ":", webhook, ":nonce:", n] {
            text.extend_from_slice(part.as_bytes());
        }
        return ReplayInput {
            text,
            digest_from: None,
            retention_millis,
        };
    }
    let declared: &[String] = plan.map_or(&[], |p| &p.declared_headers);
    // Each received header the spec declares, by its declared (lower-cased) name: the
    // same bytes as the received name lower-cased.
    let counted = |k: &str| declared.iter().find(|d| d.eq_ignore_ascii_case(k));
    // Room for every header (a request has a few): one allocation, one pass.
    let size: usize = headers.iter().map(|(k, v)| k.len() + v.len() + 2).sum();
    let mut text = Vec::with_capacity(prefix + "sha256:".len() + size + body.len());
    for part in [provider.as_str(), ":", webhook, ":sha256:"] {
        text.extend_from_slice(part.as_bytes());
    }
    let digest_from = Some(text.len());
    for (name, v) in headers.iter().filter_map(|(k, v)| Some((counted(k)?, v))) {
        text.extend_from_slice(name.as_bytes());
        text.push(0);
        text.extend_from_slice(v.as_bytes());
        text.push(0);
    }
    text.extend_from_slice(body);
    ReplayInput {
        text,
        digest_from,
        retention_millis,
    }
}

/// The replay key of a verified webhook (see [`ReplayInput`]).
pub fn replay_key(
    spec: &CompiledSpec,
    webhook: &str,
    nonce: Option<&str>,
    headers: &[(String, String)],
    body: &[u8],
) -> ReplayKey {
    replay_input(spec, webhook, nonce, headers, body).replay_key()
}

/// Records a verified webhook in the replay store; a second delivery of the same one is
/// an error of kind `Duplicate` (a receiver acknowledges it and does not act on it again).
/// The key is computed only when there is a store to record it in.
pub fn check_replay(
    spec: &CompiledSpec,
    webhook: &str,
    nonce: Option<&str>,
    headers: &[(String, String)],
    body: &[u8],
    guard: &Guard,
) -> Result<ReplayInput, PayoutError> {
    record(
        webhook,
        replay_input(spec, webhook, nonce, headers, body),
        guard,
    )
}

/// Records a webhook's replay key in the guard's store, if it has one.
fn record(webhook: &str, input: ReplayInput, guard: &Guard) -> Result<ReplayInput, PayoutError> {
    let Some(store) = guard.replay else {
        return Ok(input);
    };
    let k = input.replay_key();
    let now = guard.clock.now_millis();
    match store.first_seen(&k.key, now, now.saturating_add(k.retention_millis)) {
        Ok(true) => Ok(input),
        Ok(false) => Err(PayoutError::new(
            ErrorKind::Duplicate,
            format!("this `{webhook}` webhook was received before (replay store): acknowledge it, do not act on it again"),
        )),
        Err(e) => Err(PayoutError::new(
            ErrorKind::Ambiguous,
            format!("the replay store cannot be consulted ({e}); refuse the webhook so that it is delivered again"),
        )),
    }
}

/// The `{{ timestamp }}` and `{{ nonce }}` of a webhook verified by postback, read from the
/// headers its postback operation sends back to the gateway (`role: webhook.header.NAME`):
/// the gateway's yes covers those, and nothing else the webhook carries.
pub fn confirmed_time_and_nonce(
    spec: &CompiledSpec,
    webhook: &str,
    headers: &[(String, String)],
) -> (Option<String>, Option<String>) {
    let s = spec.spec();
    let Some(op) = s
        .webhooks
        .get(webhook)
        .and_then(|w| w.postback.as_deref())
        .and_then(|op| s.operations.get(op))
    else {
        return (None, None);
    };
    let sent_back: Vec<&str> = op
        .request_fields()
        .filter_map(|(_, _, f)| match &f.role {
            Some(payout_spec::Role::WebhookHeader(h)) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    let (mut timestamp, mut nonce) = (None, None);
    for h in sent_back {
        let Some(segments) = spec
            .info(&format!("webhooks.{webhook}.headers.{h}"))
            .and_then(|i| i.segments.as_ref())
        else {
            continue;
        };
        let Some(received) = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(h))
            .map(|(_, v)| v)
        else {
            continue;
        };
        for (name, text) in payout_spec::template::read_back(segments, received).unwrap_or_default()
        {
            match name {
                "timestamp" => timestamp = timestamp.or(Some(text.to_string())),
                "nonce" => nonce = nonce.or(Some(text.to_string())),
                _ => {}
            }
        }
    }
    (timestamp, nonce)
}

/// The `{{ timestamp }}` and `{{ nonce }}` a webhook's headers carry, each only when the
/// webhook's signatures cover it (an unsigned one proves nothing).
pub fn signed_time_and_nonce(
    spec: &CompiledSpec,
    webhook: &str,
    headers: &[(String, String)],
) -> (Option<String>, Option<String>) {
    match spec.received().webhooks.get(webhook) {
        Some(plan) => plan.message.signed_time_and_nonce(headers),
        None => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use indexmap::IndexMap;

    use super::*;
    use crate::credentials::Credentials;
    use crate::source::{FixedBytes, FixedClock};
    use crate::unified::WebhookRequest;
    use crate::webhook::receive_with;

    /// A webhook signed over its timestamp header, at most 300 s old.
    const SPEC: &str = r#"
spec_version: 1
provider: { id: fresh, name: Fresh }
money: { currency: IDR, amount: { encoding: string, decimals: 0 } }
signing:
  s:
    steps:
      - template: "{{ timestamp }}.{{ body.a }}"
      - hash: md5
      - encode: hex
operations: {}
webhooks:
  w:
    headers: { X-Timestamp: "{{ timestamp }}", X-Sign: "{{ signatures.s }}" }
    max_age: 300
    body: { fields: { a: { type: string, role: merchant_ref } } }
    ack: { body: OK }
"#;

    fn receive_at(now_secs: u64, replay: Option<&dyn ReplayStore>) -> Result<(), PayoutError> {
        let spec = CompiledSpec::from_str(SPEC, "fresh.yaml").unwrap();
        let creds = Credentials::new(spec.spec(), IndexMap::new()).unwrap();
        // python3 -c "import hashlib;print(hashlib.md5(b'1700000000.x').hexdigest())"
        let headers = vec![
            ("X-Timestamp".to_string(), "1700000000".to_string()),
            (
                "X-Sign".to_string(),
                "b1489932fd53f2b19f79d0690652dd94".to_string(),
            ),
        ];
        let clock = FixedClock(now_secs * 1000);
        let guard = Guard {
            clock: &clock,
            replay,
        };
        let req = WebhookRequest::new(&headers, br#"{"a":"x"}"#);
        receive_with(&spec, &creds, &FixedBytes::new(&[]), &req, &guard).map(|_| ())
    }

    /// Issue 8, defect 4: a captured webhook verified forever.
    #[test]
    fn a_webhook_older_than_max_age_is_refused_by_the_injected_clock() {
        assert!(receive_at(1_700_000_000 + 300, None).is_ok());
        assert!(receive_at(1_700_000_000 - 300, None).is_ok());
        let e = receive_at(1_700_000_000 + 301, None).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadSignature);
        assert!(e.message.contains("301s old"), "{e}");
        let e = receive_at(1_700_000_000 - 3600, None).unwrap_err();
        assert!(e.message.contains("in the future"), "{e}");
    }

    /// The key a receiver records comes with the event: the digest of the declared headers
    /// and the body (a proxy's `Host` does not count), remembered for twice `max_age`.
    #[test]
    fn the_replay_key_comes_with_the_event() {
        let spec = CompiledSpec::from_str(SPEC, "fresh.yaml").unwrap();
        let creds = Credentials::new(spec.spec(), IndexMap::new()).unwrap();
        let headers = vec![
            ("Host".to_string(), "proxy.example".to_string()),
            ("X-Timestamp".to_string(), "1700000000".to_string()),
            (
                "X-Sign".to_string(),
                "b1489932fd53f2b19f79d0690652dd94".to_string(),
            ),
        ];
        let guard = Guard {
            clock: &FixedClock(1_700_000_000_000),
            replay: None,
        };
        let req = WebhookRequest::new(&headers, br#"{"a":"x"}"#);
        let (_, _, input) =
            receive_with(&spec, &creds, &FixedBytes::new(&[]), &req, &guard).unwrap();
        let key = input.replay_key();
        // python3 -c "import hashlib;print(hashlib.sha256(b'x-timestamp\x001700000000\x00x-sign\x00b1489932fd53f2b19f79d0690652dd94\x00{\"a\":\"x\"}').hexdigest())"
        assert_eq!(
            key.key,
            "fresh:w:sha256:50621e7b3b97d8879c0528b57e50b8bb3a23229a4f6db7027b403c7278f372d1"
        );
        assert_eq!(key.retention_millis, 600_000);
        // What it is made from prints as the key's prefix only: a declared header may be a
        // shared secret.
        let shown = format!("{input:?}");
        assert!(shown.contains("fresh:w:sha256:"), "{shown}");
        assert!(
            !shown.contains("b1489932") && !shown.contains("1700000000"),
            "{shown}"
        );
    }

    #[test]
    fn a_webhook_received_twice_is_a_duplicate() {
        let store = MemoryReplayStore::new();
        assert!(receive_at(1_700_000_000, Some(&store)).is_ok());
        let e = receive_at(1_700_000_010, Some(&store)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Duplicate, "{e}");
        // Remembered for twice max_age; by then max_age refuses it anyway.
        let e = receive_at(1_700_000_000 + 700, Some(&store)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadSignature, "{e}");
    }

    #[test]
    fn the_memory_store_forgets_expired_keys() {
        let store = MemoryReplayStore::new();
        assert_eq!(store.first_seen("k", 0, 10), Ok(true));
        assert_eq!(store.first_seen("k", 9, 19), Ok(false));
        assert_eq!(store.first_seen("k", 10, 20), Ok(true));
        for i in 0..5000 {
            assert_eq!(
                store.first_seen(&format!("n{i}"), 100 + i, 101 + i),
                Ok(true)
            );
        }
        assert!(store.seen.lock().unwrap().len() < 5000);
    }

    /// Stripe's tolerance: `t` in Unix seconds, at most 300 s from the receiver's clock.
    /// The event and signature are the vector of specs/stripe.yaml:
    ///   printf '%s' "1714131228.$B" | openssl dgst -sha256 -hmac 'whsec_test_secret' -r
    #[test]
    fn stripe_refuses_a_t_older_than_300_seconds() {
        let spec =
            CompiledSpec::from_str(include_str!("../../specs/stripe.yaml"), "specs/stripe.yaml")
                .unwrap();
        let mut v = IndexMap::new();
        v.insert(
            "secret_key".to_string(),
            "sk_test_4eC39HqLyjWDarjtT1zdp7dc".to_string(),
        );
        v.insert(
            "webhook_secret".to_string(),
            "whsec_test_secret".to_string(),
        );
        let creds = Credentials::new(spec.spec(), v).unwrap();
        let headers = vec![(
            "Stripe-Signature".to_string(),
            "t=1714131228,v1=6f850ef42bb07047e869afd322d40606b80950f5d0373c32108360f9c9a2092f"
                .to_string(),
        )];
        let body = br#"{"id":"evt_1","object":"event","type":"payout.paid","data":{"object":{"id":"po_1","object":"payout","amount":1000,"currency":"usd","status":"paid","metadata":{"order_id":"ORDER-42"},"failure_code":null,"failure_message":null}}}"#;
        let at = |now_secs: u64| {
            let clock = FixedClock(now_secs * 1000);
            let guard = Guard {
                clock: &clock,
                replay: None,
            };
            let req = WebhookRequest::new(&headers, body);
            receive_with(&spec, &creds, &FixedBytes::new(&[]), &req, &guard).map(|_| ())
        };
        assert!(at(1_714_131_228).is_ok());
        assert!(at(1_714_131_228 + 300).is_ok());
        let e = at(1_714_131_228 + 301).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadSignature);
        assert!(e.message.contains("301s old"), "{e}");
        // A day later the captured event no longer verifies.
        assert!(at(1_714_131_228 + 86_400).is_err());
        assert_eq!(
            spec.spec().webhooks["payout_event"].timestamp_unit,
            payout_spec::TimestampUnit::Seconds
        );
    }

    #[test]
    fn timestamps_are_seconds_or_milliseconds() {
        assert_eq!(timestamp_millis("1700000000"), Some(1_700_000_000_000));
        assert_eq!(timestamp_millis("1700000000123"), Some(1_700_000_000_123));
        assert_eq!(timestamp_millis("-1"), None);
        assert_eq!(timestamp_millis("99999999999999999999"), None);
        assert_eq!(timestamp_millis(""), None);
        // PayPal's transmission time; python3 -c "from datetime import datetime;
        //   print(int(datetime.fromisoformat('2024-04-26T11:33:48.114+00:00').timestamp()*1000))"
        assert_eq!(
            timestamp_millis("2024-04-26T11:33:48.114Z"),
            Some(1_714_131_228_114)
        );
        assert_eq!(
            timestamp_millis("2024-04-26T13:33:48+02:00"),
            Some(1_714_131_228_000)
        );
        assert_eq!(timestamp_millis("2024-04-26T11:33:48"), None);
        assert_eq!(timestamp_millis("1969-12-31T23:59:59Z"), None);
    }
}

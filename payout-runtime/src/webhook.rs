//! Webhooks: verify first, then read. A webhook that does not verify is an error and is
//! never turned into an event.

use std::borrow::Cow;
use std::sync::Arc;

use payout_spec::{Ack, BodyEncoding, Json, JsonBody, JsonMap, JsonRef, Webhook};

use crate::compiled::CompiledSpec;
use crate::context::Message;
use crate::credentials::Credentials;
use crate::error::{ErrorKind, PayoutError};
use crate::extract::{self, Extracted};
use crate::freshness::{self, Guard, ReplayInput};
use crate::received::{MessagePlan, WebhookPlan};
use crate::response::preview;
use crate::signing::Signer;
use crate::source::Entropy;
use crate::source::SystemClock;
use crate::unified::{WebhookEvent, WebhookRequest};
use crate::verify;

/// A verified webhook, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The spec's name of the webhook.
    pub webhook: String,
    pub extracted: Extracted,
    /// The body as received; its JSON tree is read when it is first looked at.
    pub body: JsonBody,
    /// How many signatures were verified.
    pub verified_signatures: usize,
}

/// Verifies and reads a webhook; the spec's acknowledgement comes with the event. A spec's
/// `max_age` is checked with the system clock; replays are not detected (see
/// [`receive_with`]).
pub fn receive(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    req: &WebhookRequest,
) -> Result<(Event, Ack), PayoutError> {
    let guard = Guard {
        clock: &SystemClock,
        replay: None,
    };
    receive_with(spec, creds, entropy, req, &guard).map(|(event, ack, _)| (event, ack))
}

/// [`receive`], then the freshness checks: the spec's `max_age` against the guard's clock,
/// and the guard's replay store (a webhook received before is a `Duplicate` error). With the
/// event and its acknowledgement comes what its replay key is made from (the key a durable
/// receiver records, computed when asked for).
pub fn receive_with(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    req: &WebhookRequest,
    guard: &Guard,
) -> Result<(Event, Ack, ReplayInput), PayoutError> {
    let (event, plan, _) = receive_any(spec, creds, entropy, req)?;
    let replay = freshness::check_planned(
        spec,
        &event.webhook,
        &plan.message,
        req.headers,
        req.body,
        guard,
    )?;
    Ok((event, Ack::clone(&plan.ack), replay))
}

/// [`receive_with`], as the unified event, with the body lent as read (for the typed
/// reading of a generated client, which then needs no tree of its own). Written out
/// rather than built on a shared helper: the event is large, and each layer that hands
/// it on copies it (measured: 350 instructions a webhook).
pub(crate) fn receive_unified<'r>(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    req: &WebhookRequest<'r>,
    guard: &Guard,
) -> Result<(WebhookEvent, JsonRef<'r>), PayoutError> {
    let (event, plan, fields) = receive_any(spec, creds, entropy, req)?;
    let replay = freshness::check_planned(
        spec,
        &event.webhook,
        &plan.message,
        req.headers,
        req.body,
        guard,
    )?;
    Ok((event.unified(plan.ack.clone(), replay), fields))
}

impl Event {
    /// The unified event: what was read, with the acknowledgement to answer and what the
    /// replay key is made from.
    pub(crate) fn unified(self, ack: Arc<Ack>, replay: ReplayInput) -> WebhookEvent {
        let x = self.extracted;
        WebhookEvent {
            webhook: self.webhook,
            status: x.status,
            provider_status: x.provider_status,
            merchant_ref: x.merchant_ref,
            provider_ref: x.provider_ref,
            amount: x.amount,
            utr: x.utr,
            failure_reason: x.failure_reason,
            event: x.event,
            body: self.body,
            verified_signatures: self.verified_signatures,
            ack,
            replay,
        }
    }
}

/// The first kind of webhook of the spec that the request verifies as, with its plan.
fn receive_any<'r, 's>(
    spec: &'s CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    req: &WebhookRequest<'r>,
) -> Result<(Event, &'s WebhookPlan, JsonRef<'r>), PayoutError> {
    let s = spec.spec();
    if s.webhooks.is_empty() {
        return Err(PayoutError::new(
            ErrorKind::Unsupported,
            format!("{} sends no webhooks", s.provider.id),
        ));
    }
    let mut last = None;
    // A gateway with several kinds of webhook: the one whose signature verifies is the one.
    // The plans are in the spec's order, one per webhook.
    let plans = spec.received().webhooks.values();
    for ((name, wh), plan) in s.webhooks.iter().zip(plans) {
        if wh.postback.is_some() {
            last = Some(PayoutError::new(
                ErrorKind::Unsupported,
                format!("the webhook `{name}` is verified by asking the gateway: use the client's async `verify_webhook`"),
            ));
            continue;
        }
        match read_planned(spec, creds, entropy, (name, wh, &plan.message), req, false) {
            Ok((ev, fields)) => return Ok((ev, plan, fields)),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| PayoutError::new(ErrorKind::BadSignature, "no webhook matched")))
}

/// Verifies and reads a webhook as the named kind (its signatures only: see
/// [`receive_with`] for its age and replays). Some gateways sign a callback as they
/// sign a request, over its method and URL (EaniShop's `V2_SHA256`): their recipes see the
/// URL it was delivered to as `{{ url }}` and its path as `{{ path }}` (empty when the
/// request does not say).
pub fn receive_as(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    name: &str,
    req: &WebhookRequest,
) -> Result<Event, PayoutError> {
    read_as(spec, creds, entropy, name, req, false)
}

/// [`receive_as`]; `confirmed` says the gateway confirmed the webhook by postback, which
/// authenticates it when it carries no signature of its own.
pub fn read_as(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    name: &str,
    req: &WebhookRequest,
    confirmed: bool,
) -> Result<Event, PayoutError> {
    let s = spec.spec();
    let (Some(wh), Some(plan)) = (s.webhooks.get(name), spec.received().webhooks.get(name)) else {
        return Err(PayoutError::new(
            ErrorKind::Unsupported,
            format!("no webhook `{name}`"),
        ));
    };
    read_planned(
        spec,
        creds,
        entropy,
        (name, wh, &plan.message),
        req,
        confirmed,
    )
    .map(|(event, _)| event)
}

/// [`read_as`] for the named webhook (its spec and plan at hand), with the body lent as
/// read: the unified values are read from it, and a generated client types it without a
/// tree of its own.
fn read_planned<'r>(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    (name, wh, plan): (&str, &Webhook, &MessagePlan),
    req: &WebhookRequest<'r>,
    confirmed: bool,
) -> Result<(Event, JsonRef<'r>), PayoutError> {
    let (url, headers, body) = (req.url.unwrap_or_default(), req.headers, req.body);
    let s = spec.spec();
    // Borrowed when the body is UTF-8 (the usual case).
    let text = crate::response::text_of(body);
    let not_json = |e: payout_spec::json::JsonError| {
        PayoutError::new(
            ErrorKind::MalformedResponse,
            format!("the webhook body is not JSON ({e}): {}", preview(&text)),
        )
        .caused_by(e)
    };
    // The body read borrowed, and kept as received (its tree read when first looked at).
    // A form is decoded into a tree at once: its text is not JSON.
    let parse = || -> Result<(JsonRef<'r>, JsonBody), PayoutError> {
        Ok(match wh.body.encoding {
            BodyEncoding::Json => {
                let fields = crate::response::read_borrowed(&text).map_err(not_json)?;
                (fields, JsonBody::from_text(&*text))
            }
            BodyEncoding::Form => {
                let json = Json::Object(parse_form(&text));
                (json.view().into_owned(), JsonBody::from(json))
            }
        })
    };
    let bad = |m: String| {
        PayoutError::new(
            ErrorKind::BadSignature,
            format!("the webhook does not verify: {m}"),
        )
    };
    // The webhook as recipes see it; given its headers and bytes only where a recipe reads
    // them.
    let mut msg = Message {
        method: Cow::Borrowed(wh.method.as_str()),
        path: crate::context::path_of(url),
        url: url.to_string(),
        // The bytes are lent to the check, not copied (`verify::verify`'s `body`).
        body_bytes: None,
        headers: if plan.reads.headers {
            headers.to_vec()
        } else {
            Vec::new()
        },
        ..Message::default()
    };
    let check = |msg: &mut Message| -> Result<verify::Verified, PayoutError> {
        let carriers = plan.carriers(headers, Some(&msg.body));
        let verified = verify::verify(
            spec,
            creds,
            entropy,
            msg,
            Some(body),
            &carriers,
            Signer::Gateway,
        )
        .map_err(bad)?;
        // Anyone can POST to a notify URL: a webhook nothing authenticates is not an event.
        if !verified.authenticated() && !confirmed {
            return Err(bad(
                "it carries no signature or secret that the spec can check".into(),
            ));
        }
        Ok(verified)
    };
    // Signatures in headers over the body's bytes (and headers, URL) are checked before the
    // body is parsed: a forged body then costs one digest, never a parse. Recipes that read
    // parsed fields (a sorted `k=v` string, a field template) or a signature carried in the
    // body need the parse first; it is bounded (size by the receiver, depth by the reader).
    let (fields, json, verified) = if !plan.reads_fields {
        let verified = check(&mut msg)?;
        let (fields, json) = parse()?;
        (fields, json, verified)
    } else {
        // Recipes read the body's fields as a tree: it is lent to the message for the
        // check, then kept as the event's.
        let (fields, json) = parse()?;
        let (text, mut tree) = json.into_parts();
        if let Json::Object(members) = &mut tree {
            msg.body = std::mem::take(members);
        }
        let verified = check(&mut msg);
        if let Json::Object(members) = &mut tree {
            *members = std::mem::take(&mut msg.body);
        }
        (fields, JsonBody::from_parts(text, tree), verified?)
    };
    let mut extracted = extract::read(s, &plan.roles, &fields)
        .map_err(|m| PayoutError::new(ErrorKind::MalformedResponse, m))?;
    // A webhook the gateway confirmed by postback is its word as a whole; otherwise only
    // what a signature covers is trusted.
    if !confirmed {
        extract::leave_out(&mut extracted, &plan.unsigned);
    }
    let event = Event {
        webhook: name.to_string(),
        extracted,
        body: json,
        // The gateway's confirmation is the check of a webhook verified by postback.
        verified_signatures: verified.signatures + verified.secrets + usize::from(confirmed),
    };
    Ok((event, fields))
}

/// The input of a postback operation: its fields with `role: webhook.header.NAME` take the
/// received webhook's headers, the one with `role: webhook.body` its body as JSON.
pub fn postback_input(
    spec: &payout_spec::Spec,
    op_name: &str,
    req: &WebhookRequest,
) -> Result<JsonMap, PayoutError> {
    let op = spec
        .operations
        .get(op_name)
        .ok_or_else(|| PayoutError::config(format!("no postback operation `{op_name}`")))?;
    let mut input = JsonMap::default();
    for (_, name, f) in op.request_fields() {
        let Some(role) = &f.role else {
            continue;
        };
        if let payout_spec::Role::WebhookBody = role {
            let text = crate::response::text_of(req.body);
            let json = Json::parse(&text).map_err(|e| {
                PayoutError::new(
                    ErrorKind::MalformedResponse,
                    format!("the webhook body is not JSON ({e}): {}", preview(&text)),
                )
                .caused_by(e)
            })?;
            input.insert(name.to_string(), json);
        } else if let payout_spec::Role::WebhookHeader(h) = role {
            let value = req
                .headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(h))
                .map(|(_, v)| v.clone());
            if let Some(v) = value {
                input.insert(name.to_string(), Json::String(v));
            }
        }
    }
    Ok(input)
}

/// `a=1&b=x%20y` → {a: "1", b: "x y"}.
pub fn parse_form(text: &str) -> JsonMap {
    let pairs = text
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    // Bracket keys (`metadata[order_id]`) nest again, as the gateway wrote them.
    crate::crypto::canonical::unflatten(pairs)
}

/// Form decoding: `+` is a space, `%XX` a byte (a `%` without two hex digits stays as it is).
fn percent_decode(s: &str) -> String {
    let spaced = s.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FixedBytes;
    use indexmap::IndexMap;

    /// A webhook signed over the URL it is delivered to, as a request is.
    const SPEC: &str = r#"
spec_version: 1
provider: { id: urlsig, name: URL signature }
money: { currency: INR, amount: { encoding: string, decimals: 2 } }
signing:
  s:
    steps:
      - input: body_bytes
      - template: "{{ method }} {{ url }} {{ path }} {{ input }}"
      - hash: md5
      - encode: hex
operations: {}
webhooks:
  w:
    headers: { Sign: "{{ signatures.s }}" }
    body: { fields: { a: { type: string } } }
    ack: { body: OK }
"#;

    /// A body that is not UTF-8 is read with U+FFFD where a byte is not, and its values
    /// outlive the request's bytes as owned text; its signature is over the bytes as sent.
    #[test]
    fn a_body_that_is_not_utf8_is_read_with_replacement_characters() {
        let spec = CompiledSpec::from_str(
            &SPEC
                .replace("input: body_bytes\n      - template: \"{{ method }} {{ url }} {{ path }} {{ input }}\"\n", "input: body_bytes\n"),
            "bytesig.yaml",
        )
        .unwrap();
        let creds = Credentials::new(spec.spec(), IndexMap::new()).unwrap();
        let body = b"{\"a\":\"x\xffy\"}";
        let entropy = FixedBytes::new(&[]);
        let read = |sign: &str| {
            let headers = vec![("Sign".to_string(), sign.to_string())];
            let req = WebhookRequest::new(&headers, body);
            let (wh, plan) = (&spec.spec().webhooks["w"], &spec.received().webhooks["w"]);
            read_planned(
                &spec,
                &creds,
                &entropy,
                ("w", wh, &plan.message),
                &req,
                false,
            )
            .map(|(event, fields)| (event, fields.to_json()))
        };
        // python3 -c "import hashlib;print(hashlib.md5(b'{\"a\":\"x\xffy\"}').hexdigest())"
        let (event, fields) = read("010875a6b7a43c70de2e0e4e496ab09c").unwrap();
        assert_eq!(fields.get_path("a"), Some(&Json::from("x\u{fffd}y")));
        assert_eq!(*event.body, fields);
        // The same over the text with U+FFFD is not what was signed:
        // ... md5(b'{"a":"x\xffy"}'.decode('utf-8', 'replace').encode()) → e53a499e...
        let e = read("e53a499e2db315c396839af12469cbe0").unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadSignature);
    }

    #[test]
    fn a_webhook_recipe_sees_the_url_it_was_delivered_to() {
        let spec = CompiledSpec::from_str(SPEC, "urlsig.yaml").unwrap();
        let creds = Credentials::new(spec.spec(), IndexMap::new()).unwrap();
        // python3 -c "import hashlib;print(hashlib.md5(b'POST https://m.test/n?x=1 /n {\"a\":\"1\"}').hexdigest())"
        let headers = vec![(
            "Sign".to_string(),
            "c9db9b8ecbd2218a43db6733e7b00547".to_string(),
        )];
        let body = br#"{"a":"1"}"#;
        let entropy = FixedBytes::new(&[]);
        let at = |url: &str| {
            receive_as(
                &spec,
                &creds,
                &entropy,
                "w",
                &WebhookRequest::new(&headers, body).at(url),
            )
        };
        assert_eq!(at("https://m.test/n?x=1").unwrap().verified_signatures, 1);
        let e = at("https://m.test/other").unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadSignature);
        // Without the URL the recipe signs an empty one, and the signature does not match.
        let e = receive_as(
            &spec,
            &creds,
            &entropy,
            "w",
            &WebhookRequest::new(&headers, body),
        )
        .unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadSignature);
    }

    /// Issue 8, defect 1: the body was parsed before its signature was checked, so an
    /// unauthenticated 28 KB body reached the (then recursive) parser.
    #[test]
    fn a_signature_over_the_body_bytes_is_checked_before_the_body_is_parsed() {
        let spec = CompiledSpec::from_str(SPEC, "urlsig.yaml").unwrap();
        assert_eq!(
            spec.coverage("webhooks.w").map(|c| c.reads_fields),
            Some(false)
        );
        let creds = Credentials::new(spec.spec(), IndexMap::new()).unwrap();
        let headers = vec![("Sign".to_string(), "0".repeat(32))];
        let deep = format!("{}1{}", r#"{"a":"#.repeat(50_000), "}".repeat(50_000));
        let e = receive_as(
            &spec,
            &creds,
            &FixedBytes::new(&[]),
            "w",
            &WebhookRequest::new(&headers, deep.as_bytes()),
        )
        .unwrap_err();
        // Refused for its signature: the parser never saw it.
        assert_eq!(e.kind, ErrorKind::BadSignature, "{e}");
    }

    #[test]
    fn form_bodies_decode() {
        let m = parse_form("a=1&b=x%20y+z&c=%zz&d=%E2%82%AC&e");
        assert_eq!(m["a"], Json::from("1"));
        assert_eq!(m["b"], Json::from("x y z"));
        assert_eq!(m["c"], Json::from("%zz"));
        assert_eq!(m["d"], Json::from("€"));
        assert_eq!(m["e"], Json::from(""));
    }
}

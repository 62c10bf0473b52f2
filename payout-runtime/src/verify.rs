//! Verifying a received message against the templates that say where its signatures are.
//!
//! A header such as `V2_SHA256 appId={{ credentials.app_id }},sign={{ signatures.v2 }},
//! timestamp={{ timestamp }},nonce={{ nonce }}` is read back into its parts: the
//! timestamp and nonce join the context, credentials must match ours, and each signature
//! is recomputed (or its random step undone) and compared in constant time.
//! A template without a signature (TeemoPay's `nonce` header, `{{ nonce }}` alone) gives
//! its nonce and timestamp to the context too, since a signature elsewhere may cover them.

use std::borrow::Cow;

use indexmap::IndexMap;
use payout_spec::template::Segment;
use payout_spec::{Field, HeaderParts, Json, JsonMap};

use crate::compiled::{CompiledSpec, TemplateInfo};
use crate::context::Message;
use crate::credentials::Credentials;
use crate::crypto::ct;
use crate::plan::TemplateId;
use crate::signing::{Engine, Signer};
use crate::source::Entropy;

/// A template of the message and the value received for it (`None`: not received).
/// Borrowed where it can be: a received message's carriers are planned once per spec
/// ([`crate::received`]) and only their values are read per message.
pub struct Carrier<'a> {
    /// The template's YAML path.
    pub path: Cow<'a, str>,
    /// What carries it, for messages (`header Sign`, `field sign`).
    pub what: Cow<'a, str>,
    pub received: Option<Cow<'a, str>>,
    /// Set when the value is `key=value` parts read by key (`header_parts`).
    pub parts: Option<&'a HeaderParts>,
    /// The template by handle, when a plan found it once per spec; otherwise it is looked
    /// up by `path`.
    pub template: Option<TemplateId>,
}

/// At most this many parts are read from one received header: it is unauthenticated.
const MAX_PARTS: usize = 32;

/// Reads a received header of `key=value` parts through its template's segments
/// (`t={{ timestamp }},v1={{ signatures.v1 }}`): each placeholder gets every value sent
/// under its key, in any order; keys the template does not name are ignored.
pub fn read_parts<'s, 'v>(
    segments: &'s [Segment],
    how: &HeaderParts,
    received: &'v str,
) -> Result<Vec<(&'s str, Vec<&'v str>)>, String> {
    let mut sent: IndexMap<&str, Vec<&str>> = IndexMap::new();
    for (i, part) in received.split(how.separator.as_str()).enumerate() {
        if i >= MAX_PARTS {
            return Err(format!("more than {MAX_PARTS} parts"));
        }
        if let Some((k, v)) = part.split_once(how.pair.as_str()) {
            sent.entry(k.trim()).or_default().push(v.trim());
        }
    }
    let mut out = Vec::new();
    let mut key = None;
    for seg in segments {
        match seg {
            Segment::Literal(l) => key = Some(part_key(l, how)),
            Segment::Var(name) => {
                let k = key
                    .take()
                    .ok_or("the template has no key before a placeholder")?;
                let values = sent
                    .get(k.as_str())
                    .ok_or_else(|| format!("no part `{k}`"))?;
                out.push((name.as_str(), values.clone()));
            }
        }
    }
    Ok(out)
}

/// The key a literal of a parts template ends with: `,v1=` → `v1`.
pub fn part_key(literal: &str, how: &HeaderParts) -> String {
    let last = literal
        .rsplit(how.separator.as_str())
        .next()
        .unwrap_or(literal);
    last.strip_suffix(how.pair.as_str())
        .unwrap_or(last)
        .trim()
        .to_string()
}

/// One part of a received message (its body, query or path parameters).
pub struct Part<'a> {
    /// The part's YAML key under the message (`body.fields`, `query`).
    pub key: &'a str,
    /// The spec's field definitions for it.
    pub fields: &'a IndexMap<String, Field>,
    /// The values received.
    pub values: &'a JsonMap,
}

/// The carriers of a received message: its header templates, and the fields of its parts
/// whose value is a template. `base` is the message's YAML path (`operations.x.response`,
/// `webhooks.y`).
pub fn carriers<'a>(
    base: &str,
    headers: &IndexMap<String, String>,
    received_headers: &'a [(String, String)],
    parts: &[Part<'_>],
) -> Vec<Carrier<'a>> {
    let mut out: Vec<Carrier> = headers
        .keys()
        .map(|h| Carrier {
            path: Cow::Owned(format!("{base}.headers.{h}")),
            what: Cow::Owned(format!("header `{h}`")),
            received: header(received_headers, h).map(Cow::Borrowed),
            parts: None,
            template: None,
        })
        .collect();
    for part in parts {
        for (name, f) in part.fields.iter() {
            if f.value.is_some() {
                out.push(Carrier {
                    path: Cow::Owned(format!("{base}.{}.{name}.value", part.key)),
                    what: Cow::Owned(format!("field `{name}`")),
                    received: part
                        .values
                        .get(name)
                        .and_then(Json::scalar_text)
                        .map(Cow::Owned),
                    parts: None,
                    template: None,
                });
            }
        }
    }
    out
}

/// A received header's value, its name compared without regard to case.
pub fn header<'a>(received: &'a [(String, String)], name: &str) -> Option<&'a str> {
    received
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// What was checked on a received message.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Verified {
    /// Signatures recomputed (or undone) and matched.
    pub signatures: usize,
    /// Secret credentials the message carried and that matched ours (a callback token).
    pub secrets: usize,
}

impl Verified {
    /// Whether anything authenticated the message.
    pub fn authenticated(&self) -> bool {
        self.signatures + self.secrets > 0
    }
}

/// Checks every signature and credential a message carries, in constant time. The error
/// says which one failed and why, never with a secret. `body` is the received body's
/// bytes, lent, for a message that holds none of its own (`input: body_bytes` reads them).
pub fn verify(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    msg: &mut Message,
    body: Option<&[u8]>,
    carriers: &[Carrier<'_>],
    signer: Signer,
) -> Result<Verified, String> {
    check(spec, creds, entropy, msg, body, carriers, signer, None).map_err(|r| r.message)
}

pub use crate::credentials::GatewayKeys;

/// Why a message was refused: the message [`verify`] gives, and for a signature that does
/// not match, the recipe and the string it expected to be signed (secrets redacted) — what
/// an integration engineer compares with their own string to sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub recipe: Option<String>,
    pub expected_string_to_sign: Option<String>,
}

impl From<String> for Refusal {
    fn from(message: String) -> Self {
        Refusal {
            message,
            recipe: None,
            expected_string_to_sign: None,
        }
    }
}

/// [`verify`], with the details of a mismatch. `gateway_keys` are the private keys behind
/// the spec's public-key credentials, held by the gateway's side (the sandbox): with them it
/// can also check what a merchant encrypted (`rsa_encrypt`).
#[allow(clippy::too_many_arguments)]
pub fn check(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    msg: &mut Message,
    body: Option<&[u8]>,
    carriers: &[Carrier<'_>],
    signer: Signer,
    gateway_keys: Option<&GatewayKeys>,
) -> Result<Verified, Refusal> {
    // First what the carriers say besides signatures (a timestamp, a nonce, a credential):
    // a signature may cover them, so they are in the message before any is checked.
    let mut verified = Verified::default();
    let mut signed = false;
    for c in carriers {
        // A carrier of signatures alone has nothing for this pass: it is read back once,
        // in the second.
        if info_of(spec, c).is_some_and(carries_signatures_only) {
            signed = true;
            continue;
        }
        each_carried(spec, c, msg, false, &mut |name, texts, msg| {
            if name.starts_with("signatures.") {
                signed = true;
                return Ok(());
            }
            // Anything but a signature is one value: the first sent.
            let Some(text) = texts.first() else {
                return Ok(());
            };
            match name.split_once('.') {
                Some(("credentials", cred)) => {
                    let ours = creds
                        .get(cred)
                        .map(|s| s.expose().as_bytes())
                        .unwrap_or_default();
                    if !ct::eq(ours, text.as_bytes()) {
                        return Err(
                            format!("the {} names another `{cred}` than ours", c.what).into()
                        );
                    }
                    if creds.is_secret(cred) {
                        verified.secrets += 1;
                    }
                }
                None if name == "timestamp" => msg.timestamp = Some(text.to_string()),
                None if name == "nonce" => msg.nonce = Some(text.to_string()),
                _ => {}
            }
            Ok(())
        })?;
    }
    if !signed {
        return Ok(verified);
    }
    // Then each signature, any one of the values sent for it matching.
    let mut engine = Engine::new(spec, creds, entropy).over_body(body);
    if let Some(keys) = gateway_keys {
        engine = engine.as_gateway(keys);
    }
    for c in carriers {
        each_carried(spec, c, msg, true, &mut |name, texts, msg| {
            let Some(recipe) = name.strip_prefix("signatures.") else {
                return Ok(());
            };
            for text in texts {
                if engine
                    .verify(recipe, msg, text, signer)
                    .map_err(|e| e.to_string())?
                {
                    verified.signatures += 1;
                    return Ok(());
                }
            }
            // Only now, once: the recipe again with a redacting engine, for its string to sign.
            let mut explaining = Engine::new(spec, creds, entropy)
                .over_body(body)
                .explaining();
            if let Some(keys) = gateway_keys {
                explaining = explaining.as_gateway(keys);
            }
            let first = texts.first().copied().unwrap_or_default();
            let _ = explaining.verify(recipe, &mut msg.clone(), first, signer);
            Err(Refusal {
                message: format!(
                    "the signature in the {} does not match (recipe `{recipe}`)",
                    c.what
                ),
                recipe: Some(recipe.to_string()),
                expected_string_to_sign: explaining.shown_strings_to_sign.shift_remove(recipe),
            })
        })?;
    }
    Ok(verified)
}

/// What [`each_carried`] hands each name to: the name, the values sent for it, the message.
type OnCarried<'f> = dyn FnMut(&str, &[&str], &mut Message) -> Result<(), Refusal> + 'f;

/// Reads one carrier back into the names its template places in it, each with the values
/// sent for it (one, unless the carrier is made of parts that may repeat), and hands each
/// to `f`; both are lent (by the template and the received value), so nothing is copied.
/// A carrier whose template carries neither a signature nor a credential only gives the
/// message its `{{ nonce }}` and `{{ timestamp }}`. With `signatures_only` (the second
/// pass of [`check`]), carriers that hold no signature are skipped: they were read already.
fn each_carried(
    spec: &CompiledSpec,
    c: &Carrier<'_>,
    msg: &mut Message,
    signatures_only: bool,
    f: &mut OnCarried<'_>,
) -> Result<(), Refusal> {
    let Some(info) = info_of(spec, c) else {
        return Ok(());
    };
    if signatures_only && info.signatures.is_empty() {
        // Read in the first pass already.
        return Ok(());
    }
    if info.signatures.is_empty() && info.credentials.is_empty() {
        // A template that carries no signature may still carry what one covers: TeemoPay
        // signs `...&nonce=<the nonce header>`, and that header is `{{ nonce }}` alone.
        read_nonce_and_timestamp(info, c.received.as_deref(), msg);
        return Ok(());
    }
    let received = c
        .received
        .as_deref()
        .ok_or_else(|| format!("the {} is missing", c.what))?;
    let segments = info
        .segments
        .as_ref()
        .ok_or_else(|| format!("the {} template cannot be read back", c.what))?;
    match &c.parts {
        Some(how) => {
            let parts = read_parts(segments, how, received)
                .map_err(|e| format!("the {} does not have the expected parts: {e}", c.what))?;
            for (name, texts) in &parts {
                f(name, texts, msg)?;
            }
        }
        None => {
            let parts = payout_spec::template::read_back(segments, received)
                .ok_or_else(|| format!("the {} does not have the expected shape", c.what))?;
            for (name, text) in parts {
                f(name, &[text], msg)?;
            }
        }
    }
    Ok(())
}

/// The analysis of a carrier's template.
fn info_of<'s>(spec: &'s CompiledSpec, c: &Carrier<'_>) -> Option<&'s TemplateInfo> {
    match c.template {
        Some(id) => Some(&spec.plan().template(id).info),
        None => spec.info(&c.path),
    }
}

/// Whether a template places signatures and nothing else (`{{ signatures.sign }}`,
/// `sha256={{ signatures.s }}`): no credential, timestamp or nonce to read before the
/// signatures are checked.
fn carries_signatures_only(info: &TemplateInfo) -> bool {
    let Some(segments) = &info.segments else {
        return false;
    };
    info.credentials.is_empty()
        && !info.signatures.is_empty()
        && segments.iter().all(|s| match s {
            Segment::Var(name) => name.starts_with("signatures."),
            Segment::Literal(_) => true,
        })
}

/// Reads `{{ nonce }}` and `{{ timestamp }}` out of a received value whose template carries
/// no signature, into the context the signatures are checked in. Nothing else of such a
/// value is checked (a header naming a credential is not a signature); a value that is
/// absent or does not fit the template adds nothing, so a recipe that needs it fails.
fn read_nonce_and_timestamp(info: &TemplateInfo, received: Option<&str>, msg: &mut Message) {
    let (Some(segments), Some(received)) = (info.segments.as_ref(), received) else {
        return;
    };
    let Some(parts) = payout_spec::template::read_back(segments, received) else {
        return;
    };
    for (name, text) in parts {
        match name {
            "timestamp" => msg.timestamp = Some(text.to_string()),
            "nonce" => msg.nonce = Some(text.to_string()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use indexmap::IndexMap;

    use crate::compiled::CompiledSpec;
    use crate::credentials::Credentials;
    use crate::source::FixedBytes;
    use crate::webhook::receive_as;

    /// A webhook whose signature covers its `nonce` header, which is a template of its own.
    const SPEC: &str = r#"
spec_version: 1
provider: { id: noncehdr, name: Nonce header }
money: { currency: IDR, amount: { encoding: string, decimals: 0 } }
signing:
  s:
    steps:
      - template: "{{ body.a }}&nonce={{ nonce }}"
      - hash: md5
      - encode: hex
operations: {}
webhooks:
  w:
    headers: { nonce: "{{ nonce }}" }
    body:
      fields:
        a: { type: string }
        sign: { type: string, value: "{{ signatures.s }}" }
    ack: { body: SUCCESS }
"#;

    fn check(headers: &[(&str, &str)]) -> Result<usize, String> {
        let spec = CompiledSpec::from_str(SPEC, "noncehdr.yaml").unwrap();
        let creds = Credentials::new(spec.spec(), IndexMap::new()).unwrap();
        let headers: Vec<(String, String)> = headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        // python3 -c "import hashlib;print(hashlib.md5(b'x&nonce=N1').hexdigest())"
        let body = br#"{"a":"x","sign":"4a9d4368aa297cb504c3efacd07f334d"}"#;
        receive_as(
            &spec,
            &creds,
            &FixedBytes::new(&[]),
            "w",
            &crate::unified::WebhookRequest::new(&headers, body),
        )
        .map(|ev| ev.verified_signatures)
        .map_err(|e| e.to_string())
    }

    #[test]
    fn a_nonce_header_without_a_signature_feeds_the_signature_it_covers() {
        assert_eq!(check(&[("Nonce", "N1")]), Ok(1));
        // Another nonce: the signature no longer matches.
        let e = check(&[("nonce", "N2")]).unwrap_err();
        assert!(e.contains("does not match"), "{e}");
        // No nonce header: the recipe cannot run, and the webhook is refused.
        let e = check(&[]).unwrap_err();
        assert!(e.contains("undefined"), "{e}");
    }

    const PARTS_SPEC: &str = r#"
spec_version: 1
provider: { id: parts, name: Parts }
credentials: { endpoint_secret: { secret: true } }
money: { currency: USD, amount: { encoding: number, unit: minor, decimals: 2 } }
signing:
  v1:
    steps:
      - input: body_bytes
      - template: "{{ timestamp }}.{{ input }}"
      - hmac: { alg: sha256, key: "{{ credentials.endpoint_secret }}" }
      - encode: hex
operations: {}
webhooks:
  w:
    headers: { Stripe-Signature: "t={{ timestamp }},v1={{ signatures.v1 }}" }
    header_parts: { Stripe-Signature: {} }
    body: { fields: { id: { type: string } } }
    ack: { body: "" }
"#;

    fn check_parts(header: &str) -> Result<usize, String> {
        let spec = CompiledSpec::from_str(PARTS_SPEC, "parts.yaml").unwrap();
        let mut v = IndexMap::new();
        v.insert("endpoint_secret".to_string(), "whsec_test".to_string());
        let creds = Credentials::new(spec.spec(), v).unwrap();
        let headers = vec![("Stripe-Signature".to_string(), header.to_string())];
        receive_as(
            &spec,
            &creds,
            &FixedBytes::new(&[]),
            "w",
            &crate::unified::WebhookRequest::new(&headers, br#"{"id":"evt_1"}"#),
        )
        .map(|ev| ev.verified_signatures)
        .map_err(|e| e.to_string())
    }

    /// A header of parts is read by key, in any order; unknown parts are ignored and any
    /// one of several `v1` parts may match.
    #[test]
    fn a_header_of_parts_is_read_by_key_in_any_order() {
        // printf '%s' '1714131228.{"id":"evt_1"}' | openssl dgst -sha256 -hmac whsec_test -r
        let good = "104d8c62fd75f45edc3bb27099a498daec3c78584aa483f5c66739388a4141d2";
        let bad = "0000000000000000000000000000000000000000000000000000000000000000";
        assert_eq!(check_parts(&format!("t=1714131228,v1={good}")), Ok(1));
        assert_eq!(
            check_parts(&format!("v0=abc,v1={good},t=1714131228,x=1")),
            Ok(1)
        );
        assert_eq!(
            check_parts(&format!("t=1714131228, v1={bad}, v1={good}")),
            Ok(1)
        );
        let e = check_parts(&format!("t=1714131229,v1={good}")).unwrap_err();
        assert!(e.contains("does not match"), "{e}");
        let e = check_parts(&format!("t=1714131228,v1={bad}")).unwrap_err();
        assert!(e.contains("does not match"), "{e}");
        let e = check_parts(&format!("v1={good}")).unwrap_err();
        assert!(e.contains("no part `t`"), "{e}");
        let many = vec!["x=1"; 40].join(",");
        let e = check_parts(&many).unwrap_err();
        assert!(e.contains("parts"), "{e}");
    }
}

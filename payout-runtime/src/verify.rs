//! Verifying a received message against the templates that say where its signatures are.
//!
//! A header such as `V2_SHA256 appId={{ credentials.app_id }},sign={{ signatures.v2 }},
//! timestamp={{ timestamp }},nonce={{ nonce }}` is read back into its parts: the
//! timestamp and nonce join the context, credentials must match ours, and each signature
//! is recomputed (or its random step undone) and compared in constant time.
//! A template without a signature (TeemoPay's `nonce` header, `{{ nonce }}` alone) gives
//! its nonce and timestamp to the context too, since a signature elsewhere may cover them.

use indexmap::IndexMap;
use payout_spec::{Field, Json};

use crate::compiled::{CompiledSpec, TemplateInfo};
use crate::context::Message;
use crate::credentials::Credentials;
use crate::crypto::ct;
use crate::signing::{Engine, Signer};
use crate::source::Entropy;

/// A template of the message and the value received for it (`None`: not received).
pub struct Carrier {
    /// The template's YAML path.
    pub path: String,
    /// What carries it, for messages (`header Sign`, `field sign`).
    pub what: String,
    pub received: Option<String>,
}

/// One part of a received message (its body, query or path parameters).
pub struct Part<'a> {
    /// The part's YAML key under the message (`body.fields`, `query`).
    pub key: &'a str,
    /// The spec's field definitions for it.
    pub fields: &'a IndexMap<String, Field>,
    /// The values received.
    pub values: &'a IndexMap<String, Json>,
}

/// The carriers of a received message: its header templates, and the fields of its parts
/// whose value is a template. `base` is the message's YAML path (`operations.x.response`,
/// `webhooks.y`).
pub fn carriers(
    base: &str,
    headers: &IndexMap<String, String>,
    received_headers: &[(String, String)],
    parts: &[Part<'_>],
) -> Vec<Carrier> {
    let mut out: Vec<Carrier> = headers
        .keys()
        .map(|h| Carrier {
            path: format!("{base}.headers.{h}"),
            what: format!("header `{h}`"),
            received: received_headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(h))
                .map(|(_, v)| v.clone()),
        })
        .collect();
    for part in parts {
        for (name, f) in part.fields.iter() {
            if f.value.is_some() {
                out.push(Carrier {
                    path: format!("{base}.{}.{name}.value", part.key),
                    what: format!("field `{name}`"),
                    received: part.values.get(name).and_then(Json::scalar_text),
                });
            }
        }
    }
    out
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
/// says which one failed and why, never with a secret.
pub fn verify(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    msg: Message,
    carriers: &[Carrier],
    signer: Signer,
) -> Result<Verified, String> {
    verify_holding(spec, creds, entropy, msg, carriers, signer, None)
}

/// [`verify`] by the gateway's side, which holds the private keys behind the spec's
/// public-key credentials (the sandbox): it can also check what a merchant encrypted
/// with them (`rsa_encrypt`).
pub fn verify_holding(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    mut msg: Message,
    carriers: &[Carrier],
    signer: Signer,
    gateway_keys: Option<&std::collections::HashMap<String, crate::crypto::rsa::PrivateKey>>,
) -> Result<Verified, String> {
    let mut checks: Vec<(String, String, String)> = Vec::new();
    let mut verified = Verified::default();
    for c in carriers {
        let Some(info) = spec.info(&c.path) else {
            continue;
        };
        if info.signatures.is_empty() && info.credentials.is_empty() {
            // A template that carries no signature may still carry what one covers: TeemoPay
            // signs `...&nonce=<the nonce header>`, and that header is `{{ nonce }}` alone.
            read_nonce_and_timestamp(info, c.received.as_deref(), &mut msg);
            continue;
        }
        let received = c
            .received
            .as_deref()
            .ok_or_else(|| format!("the {} is missing", c.what))?;
        let segments = info
            .segments
            .as_ref()
            .ok_or_else(|| format!("the {} template cannot be read back", c.what))?;
        let parts = payout_spec::template::read_back(segments, received)
            .ok_or_else(|| format!("the {} does not have the expected shape", c.what))?;
        for (name, text) in parts {
            match name.split_once('.') {
                Some(("signatures", r)) => checks.push((r.to_string(), text, c.what.clone())),
                Some(("credentials", cred)) => {
                    let ours = creds
                        .get(cred)
                        .map(|s| s.expose().as_bytes())
                        .unwrap_or_default();
                    if !ct::eq(ours, text.as_bytes()) {
                        return Err(format!("the {} names another `{cred}` than ours", c.what));
                    }
                    if creds.is_secret(cred) {
                        verified.secrets += 1;
                    }
                }
                None if name == "timestamp" => msg.timestamp = Some(text),
                None if name == "nonce" => msg.nonce = Some(text),
                _ => {}
            }
        }
    }
    let mut engine = Engine::new(spec, creds, entropy);
    if let Some(keys) = gateway_keys {
        engine = engine.as_gateway(keys);
    }
    for (recipe, text, what) in &checks {
        let ok = engine
            .verify(recipe, &mut msg, text, signer)
            .map_err(|e| e.to_string())?;
        if !ok {
            return Err(format!(
                "the signature in the {what} does not match (recipe `{recipe}`)"
            ));
        }
        verified.signatures += 1;
    }
    Ok(verified)
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
        match name.as_str() {
            "timestamp" => msg.timestamp = Some(text),
            "nonce" => msg.nonce = Some(text),
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
}

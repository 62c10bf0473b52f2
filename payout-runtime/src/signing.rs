//! The signing engine: runs a recipe's steps as a pipeline over bytes, records each step's
//! value for `--explain` with secrets redacted, and verifies received signatures.
//!
//! Verification recomputes the recipe and compares in constant time, except after a step
//! that cannot be recomputed (an RSA signature, a random-IV encryption): that step is
//! undone instead (RSA verify, decrypt-and-compare), and only encodings may follow it.

use std::collections::HashMap;

use indexmap::IndexMap;
use payout_spec::{Compare, Input, Iv, Recipe, Step};

use crate::compiled::CompiledSpec;
use crate::context::{Message, Signature};
use crate::credentials::Credentials;
use crate::crypto::{aes, canonical, ct, digest, encoding, mac, rsa};
use crate::source::Entropy;

/// One step's value, as `payout sign --explain` shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StepTrace {
    pub recipe: String,
    pub step: String,
    pub value: String,
}

/// A recipe that could not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignError {
    pub recipe: String,
    pub step: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.step {
            Some(i) => write!(f, "recipe `{}`, step {i}: {}", self.recipe, self.message),
            None => write!(f, "recipe `{}`: {}", self.recipe, self.message),
        }
    }
}

impl std::error::Error for SignError {}

/// Who signed a received message, which decides the RSA key that verifies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signer {
    /// The gateway signed (responses, webhooks): its public key, `verify_key`.
    Gateway,
    /// The merchant signed (requests, as the sandbox sees them): the public half of `key`.
    Merchant,
}

/// A value passing through a recipe.
#[derive(Debug, Clone)]
struct Value {
    bytes: Vec<u8>,
    /// What the trace shows.
    display: String,
    /// Derived reversibly from a secret (a template that used one, then encodings): the
    /// trace must not show it.
    secret: Option<String>,
}

impl Value {
    fn text(bytes: Vec<u8>) -> Value {
        let display = shown(&bytes);
        Value {
            bytes,
            display,
            secret: None,
        }
    }
}

/// Text when the bytes are printable UTF-8, else `hex:` and the bytes in hex.
fn shown(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s)
            if !s
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) =>
        {
            s.to_string()
        }
        _ => format!("hex:{}", hex::encode(bytes)),
    }
}

/// Runs recipes for one message.
pub struct Engine<'a> {
    pub spec: &'a CompiledSpec,
    pub creds: &'a Credentials,
    pub entropy: &'a dyn Entropy,
    /// Every step of every recipe run, in order (redacted).
    pub trace: Vec<StepTrace>,
    /// Recipe → the exact text that went into its first cryptographic step (secrets
    /// included): for the known-answer vectors only, never shown.
    pub(crate) strings_to_sign: IndexMap<String, String>,
    /// Whether to record `trace` (a second, redacted rendering of every template).
    explain: bool,
    /// When set, the engine signs as the gateway (the sandbox): an RSA step signs with the
    /// private key of its `verify_key` credential, found here by that credential's name.
    gateway_keys: Option<&'a HashMap<String, rsa::PrivateKey>>,
}

impl<'a> Engine<'a> {
    pub fn new(spec: &'a CompiledSpec, creds: &'a Credentials, entropy: &'a dyn Entropy) -> Self {
        Engine {
            spec,
            creds,
            entropy,
            trace: Vec::new(),
            strings_to_sign: IndexMap::new(),
            gateway_keys: None,
            explain: false,
        }
    }

    /// Records every step's value in `trace`, secrets redacted (`payout sign --explain`).
    pub fn explaining(mut self) -> Self {
        self.explain = true;
        self
    }

    /// Signs as the gateway: RSA steps use the gateway's private keys (by the name of the
    /// public-key credential a merchant verifies them with).
    pub fn as_gateway(mut self, keys: &'a HashMap<String, rsa::PrivateKey>) -> Self {
        self.gateway_keys = Some(keys);
        self
    }

    fn recipe(&self, name: &str) -> Result<&'a Recipe, SignError> {
        self.spec.spec().signing.get(name).ok_or_else(|| SignError {
            recipe: name.to_string(),
            step: None,
            message: "no such signing recipe".into(),
        })
    }

    /// Computes the named recipes (and those they use) into `msg.signatures`, once each.
    pub fn ensure(&mut self, names: &[String], msg: &mut Message) -> Result<(), SignError> {
        for name in names {
            self.ensure_one(name, msg, 0)?;
        }
        Ok(())
    }

    fn ensure_one(&mut self, name: &str, msg: &mut Message, depth: usize) -> Result<(), SignError> {
        if msg.signatures.contains_key(name) {
            return Ok(());
        }
        if depth > 16 {
            return Err(SignError {
                recipe: name.into(),
                step: None,
                message: "recipes use each other too deeply".into(),
            });
        }
        let spec = self.spec;
        for dep in spec.recipe_dependencies(name) {
            self.ensure_one(dep, msg, depth + 1)?;
        }
        let out = self.run(name, msg)?;
        let text = String::from_utf8(out.bytes).map_err(|_| SignError {
            recipe: name.into(),
            step: None,
            message: "the result is raw bytes, not text: end the recipe with an `encode` step"
                .into(),
        })?;
        let display = match &out.secret {
            Some(s) => format!("<redacted:derived from {s}>"),
            None => text.clone(),
        };
        msg.signatures
            .insert(name.to_string(), Signature { text, display });
        Ok(())
    }

    /// Runs a whole recipe.
    fn run(&mut self, name: &str, msg: &Message) -> Result<Value, SignError> {
        let recipe = self.recipe(name)?;
        self.run_steps(name, recipe, 0..recipe.steps.len(), msg, None)
    }

    fn run_steps(
        &mut self,
        name: &str,
        recipe: &Recipe,
        range: std::ops::Range<usize>,
        msg: &Message,
        start: Option<Value>,
    ) -> Result<Value, SignError> {
        let mut cur = start;
        for i in range {
            let step = &recipe.steps[i];
            let err = |message: String| SignError {
                recipe: name.to_string(),
                step: Some(i),
                message,
            };
            if step.is_cryptographic() && !self.strings_to_sign.contains_key(name) {
                if let Some(c) = &cur {
                    self.strings_to_sign.insert(
                        name.to_string(),
                        String::from_utf8_lossy(&c.bytes).into_owned(),
                    );
                }
            }
            let prev = cur.take();
            let need = |p: Option<Value>| {
                p.ok_or_else(|| {
                    err(format!(
                        "`{}` has no input: a recipe starts with `input` or `template`",
                        step.name()
                    ))
                })
            };
            let next = match step {
                Step::Input(src) => self.input(src, msg).map_err(err)?,
                Step::Template(_) => {
                    let path = format!("signing.{name}.steps[{i}].template");
                    self.template(&path, msg, prev.as_ref()).map_err(err)?
                }
                Step::Hash(alg) => Value::text_raw(digest::hash(*alg, &need(prev)?.bytes)),
                Step::Hmac(h) => {
                    let path = format!("signing.{name}.steps[{i}].hmac.key");
                    let key = self.template(&path, msg, None).map_err(err)?;
                    let key = match h.key_encoding {
                        Some(e) => encoding::decode(e, &utf8(&key.bytes).map_err(err)?)
                            .map_err(|e| err(format!("the HMAC key: {e}")))?,
                        None => key.bytes,
                    };
                    Value::text_raw(mac::hmac(h.alg, &key, &need(prev)?.bytes))
                }
                Step::RsaSign(r) => {
                    // As the gateway, sign with the private key behind `verify_key`.
                    let key = match (self.gateway_keys, &r.verify_key) {
                        (Some(keys), Some(vk)) => keys
                            .get(vk)
                            .ok_or_else(|| err(format!("no gateway private key for `{vk}`")))?,
                        _ => self.creds.private_key(&r.key).ok_or_else(|| {
                            err(format!(
                                "the credential `{}` is not an RSA private key",
                                r.key
                            ))
                        })?,
                    };
                    let sig = rsa::sign(key, r.hash, &need(prev)?.bytes)
                        .map_err(|e| err(e.to_string()))?;
                    Value::text_raw(sig)
                }
                Step::AesEncrypt(a) => {
                    let key = self.aes_key(name, i, "aes_encrypt", a, msg).map_err(err)?;
                    let iv = if a.iv == Iv::Random {
                        // A failing random source is an error, never zeros.
                        let mut iv = [0u8; 16];
                        self.entropy.fill(&mut iv).map_err(err)?;
                        iv
                    } else {
                        aes::configured_iv(&a.iv).map_err(|e| err(e.to_string()))?
                    };
                    Value::text_raw(aes::encrypt(a, &key, &iv, &need(prev)?.bytes))
                }
                Step::AesDecrypt(a) => {
                    let key = self.aes_key(name, i, "aes_decrypt", a, msg).map_err(err)?;
                    let plain = aes::decrypt(a, &key, &need(prev)?.bytes)
                        .map_err(|e| err(e.to_string()))?;
                    Value::text(plain)
                }
                Step::Encode(e) => {
                    let p = need(prev)?;
                    let text = encoding::encode(*e, &p.bytes);
                    keep_secret(p.secret, text.into_bytes())
                }
                Step::Decode(e) => {
                    let p = need(prev)?;
                    let bytes = encoding::decode(*e, &utf8(&p.bytes).map_err(err)?)
                        .map_err(|x| err(x.to_string()))?;
                    keep_secret(p.secret, bytes)
                }
            };
            if self.explain {
                self.trace.push(StepTrace {
                    recipe: name.to_string(),
                    step: step_label(step),
                    value: next.display.clone(),
                });
            }
            cur = Some(next);
        }
        cur.ok_or_else(|| SignError {
            recipe: name.to_string(),
            step: None,
            message: "the recipe has no steps".into(),
        })
    }

    fn input(&self, src: &Input, msg: &Message) -> Result<Value, String> {
        if let Input::Header(h) = src {
            // A header may carry a secret (Basic auth): then it is shown redacted.
            let value = msg
                .header(h)
                .ok_or_else(|| format!("the message has no header `{h}`"))?;
            let secret = self
                .creds
                .iter()
                .find(|(n, v)| {
                    self.creds.is_secret(n) && !v.expose().is_empty() && value.contains(v.expose())
                })
                .map(|(n, _)| n.to_string());
            return Ok(keep_secret(secret, value.as_bytes().to_vec()));
        }
        Ok(Value::text(match src {
            Input::BodyBytes => msg
                .body_bytes
                .clone()
                .ok_or("the body bytes do not exist yet (a body field cannot sign its own body)")?,
            Input::Path => msg.path.clone().into_bytes(),
            Input::Url => msg.url.clone().into_bytes(),
            Input::Method => msg.method.clone().into_bytes(),
            Input::Header(_) => Vec::new(),
            Input::Canonical(c) => canonical::canonical(&msg.body, c).into_bytes(),
            Input::Form => canonical::form(&msg.body).into_bytes(),
        }))
    }

    /// Renders a recipe template, and again with secrets redacted for the trace.
    fn template(&self, path: &str, msg: &Message, input: Option<&Value>) -> Result<Value, String> {
        let input_text = match input {
            Some(v) => Some(utf8(&v.bytes)?),
            None => None,
        };
        let real = self
            .spec
            .render(path, &msg.context(self.creds, false, input_text.as_deref()))?;
        // The second, redacted rendering only when someone will read it.
        let display = if self.explain {
            self.spec.render(
                path,
                &msg.context(self.creds, true, input.map(|v| v.display.as_str())),
            )?
        } else {
            String::new()
        };
        // Derived from a secret when the template names a secret credential (known from its
        // analysis when the spec was compiled), or its input already was.
        let named = self
            .spec
            .info(path)
            .into_iter()
            .flat_map(|i| i.credentials.iter())
            .find(|c| self.creds.is_secret(c))
            .cloned();
        let secret = named.or_else(|| input.and_then(|v| v.secret.clone()));
        Ok(Value {
            bytes: real.into_bytes(),
            display,
            secret,
        })
    }

    fn aes_key(
        &self,
        name: &str,
        i: usize,
        kind: &str,
        a: &payout_spec::Aes,
        msg: &Message,
    ) -> Result<[u8; 32], String> {
        let path = format!("signing.{name}.steps[{i}].{kind}.key");
        let text = self.template(&path, msg, None)?;
        aes::derive_key(a.key_derivation, &text.bytes).map_err(|e| e.to_string())
    }

    /// Whether `received` is the recipe's valid result for this message (constant time).
    pub fn verify(
        &mut self,
        name: &str,
        msg: &Message,
        received: &str,
        signer: Signer,
    ) -> Result<bool, SignError> {
        let recipe = self.recipe(name)?;
        let mut scratch = msg.clone();
        let spec = self.spec;
        for dep in spec.recipe_dependencies(name) {
            self.ensure_one(dep, &mut scratch, 1)?;
        }
        let random = recipe.steps.iter().rposition(|s| match s {
            Step::RsaSign(_) => true,
            Step::AesEncrypt(a) => a.iv == Iv::Random,
            _ => false,
        });
        let Some(k) = random else {
            let out = self.run(name, &scratch)?;
            return Ok(match recipe.compare {
                Compare::Exact => ct::eq(&out.bytes, received.as_bytes()),
                Compare::CaseInsensitive => {
                    ct::eq_ignore_ascii_case(&out.bytes, received.as_bytes())
                }
            });
        };
        let err = |step: usize, message: String| SignError {
            recipe: name.to_string(),
            step: Some(step),
            message,
        };
        let expected = self.run_steps(name, recipe, 0..k, &scratch, None)?;
        // Undo the encodings after the random step, last first.
        let mut got = received.as_bytes().to_vec();
        for i in (k + 1..recipe.steps.len()).rev() {
            got = match &recipe.steps[i] {
                Step::Encode(e) => match encoding::decode(*e, &String::from_utf8_lossy(&got)) {
                    Ok(b) => b,
                    // A value that does not even decode is simply not a valid signature.
                    Err(_) => return Ok(false),
                },
                Step::Decode(e) => encoding::encode(*e, &got).into_bytes(),
                other => {
                    return Err(err(
                        i,
                        format!("`{}` after the random step cannot be undone", other.name()),
                    ))
                }
            };
        }
        match &recipe.steps[k] {
            Step::RsaSign(r) => {
                let key = match signer {
                    Signer::Gateway => {
                        let Some(vk) = &r.verify_key else {
                            return Err(err(
                                k,
                                "no `verify_key` for signatures made by the gateway".into(),
                            ));
                        };
                        self.creds.public_key(vk).cloned().ok_or_else(|| {
                            err(k, format!("the credential `{vk}` is not an RSA public key"))
                        })?
                    }
                    Signer::Merchant => self
                        .creds
                        .private_key(&r.key)
                        .map(|p| p.public_key())
                        .ok_or_else(|| {
                            err(
                                k,
                                format!("the credential `{}` is not an RSA private key", r.key),
                            )
                        })?,
                };
                Ok(rsa::verify(&key, r.hash, &expected.bytes, &got))
            }
            Step::AesEncrypt(a) => {
                let key = self
                    .aes_key(name, k, "aes_encrypt", a, &scratch)
                    .map_err(|m| err(k, m))?;
                Ok(match aes::decrypt(a, &key, &got) {
                    Ok(plain) => ct::eq(&plain, &expected.bytes),
                    Err(_) => false,
                })
            }
            _ => Err(err(k, "not a random step".into())),
        }
    }
}

impl Value {
    fn text_raw(bytes: Vec<u8>) -> Value {
        Value {
            display: format!("hex:{}", hex::encode(&bytes)),
            bytes,
            secret: None,
        }
    }
}

/// A value computed reversibly from a secret-derived one (an encoding) stays secret: it is
/// shown redacted, and so is everything a later template builds from it.
fn keep_secret(secret: Option<String>, bytes: Vec<u8>) -> Value {
    match secret {
        Some(s) => Value {
            display: format!("<redacted:derived from {s}>"),
            bytes,
            secret: Some(s),
        },
        None => Value::text(bytes),
    }
}

fn utf8(bytes: &[u8]) -> Result<String, String> {
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        "`{{ input }}` needs text, but the previous step produced raw bytes: add an `encode` step before it".to_string()
    })
}

/// The YAML paths of the templates inside one step.
pub fn step_templates(recipe: &str, i: usize, step: &Step) -> Vec<String> {
    let base = format!("signing.{recipe}.steps[{i}]");
    match step {
        Step::Template(_) => vec![format!("{base}.template")],
        Step::Hmac(_) => vec![format!("{base}.hmac.key")],
        Step::AesEncrypt(_) => vec![format!("{base}.aes_encrypt.key")],
        Step::AesDecrypt(_) => vec![format!("{base}.aes_decrypt.key")],
        _ => Vec::new(),
    }
}

/// `hash: md5`, `input: body_bytes`, ... for the trace.
fn step_label(step: &Step) -> String {
    match step {
        Step::Input(i) => format!(
            "input: {}",
            match i {
                Input::BodyBytes => "body_bytes".to_string(),
                Input::Path => "path".into(),
                Input::Url => "url".into(),
                Input::Method => "method".into(),
                Input::Header(h) => format!("header {h}"),
                Input::Canonical(_) => "canonical".into(),
                Input::Form => "form".into(),
            }
        ),
        Step::Template(_) => "template".into(),
        Step::Hash(a) => format!("hash: {}", serde_name(a)),
        Step::Hmac(h) => format!("hmac: {}", serde_name(&h.alg)),
        Step::RsaSign(r) => format!("rsa_sign: {}", serde_name(&r.hash)),
        Step::AesEncrypt(_) => "aes_encrypt".into(),
        Step::AesDecrypt(_) => "aes_decrypt".into(),
        Step::Encode(e) => format!("encode: {}", encoding::name(*e)),
        Step::Decode(e) => format!("decode: {}", encoding::name(*e)),
    }
}

/// The YAML name of a unit enum value.
fn serde_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|j| j.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::OsEntropy;

    const SPEC: &str = r#"
spec_version: 1
provider: { id: basic, name: Basic auth }
credentials: { key: {}, secret: { secret: true } }
money: { currency: INR, amount: { encoding: string, decimals: 2 } }
signing:
  auth:
    steps:
      - template: "{{ credentials.key }}:{{ credentials.secret }}"
      - encode: base64
      - template: "Basic {{ input }}"
operations:
  query_payout:
    role: query
    method: GET
    path: /p/{id}
    params: { id: { type: string, required: true, role: provider_ref } }
    headers: { Authorization: "{{ signatures.auth }}" }
    response: { success: "true" }
"#;

    /// A secret survives no reversible step into the explanation: not the template that
    /// names it, not its Base64, not a template built on that.
    #[test]
    fn the_explanation_never_shows_a_secret_or_its_encoding() {
        let spec = CompiledSpec::from_str(SPEC, "basic.yaml").unwrap();
        let mut v = IndexMap::new();
        v.insert("key".to_string(), "k1".to_string());
        v.insert("secret".to_string(), "TOPSECRET".to_string());
        let creds = Credentials::new(spec.spec(), v).unwrap();
        let mut engine = Engine::new(&spec, &creds, &OsEntropy).explaining();
        let mut msg = Message::default();
        engine.ensure(&["auth".to_string()], &mut msg).unwrap();
        // printf '%s' 'k1:TOPSECRET' | base64  -> azE6VE9QU0VDUkVU
        assert_eq!(msg.signatures["auth"].text, "Basic azE6VE9QU0VDUkVU");
        assert_eq!(engine.trace.len(), 3);
        for step in &engine.trace {
            assert!(!step.value.contains("TOPSECRET"), "{step:?}");
            assert!(!step.value.contains("azE6VE9QU0VDUkVU"), "{step:?}");
        }
        assert_eq!(engine.trace[0].value, "k1:<redacted:secret>");
        assert_eq!(
            engine.trace[2].value,
            "Basic <redacted:derived from secret>"
        );
        assert_eq!(
            msg.signatures["auth"].display,
            "<redacted:derived from secret>"
        );
        assert!(!format!("{:?}", msg.signatures).contains("azE6"));
    }
}

//! The signing engine: runs a recipe's steps as a pipeline over bytes, records each step's
//! value for `--explain` with secrets redacted, and verifies received signatures.
//!
//! Verification recomputes the recipe and compares in constant time, except after a step
//! that cannot be recomputed (an RSA signature, a random-IV encryption): that step is
//! undone instead (RSA verify, decrypt-and-compare), and only encodings may follow it.

use std::borrow::Cow;

use indexmap::IndexMap;
use payout_spec::{Compare, Encoding, Input, Iv, Recipe, Step};

use crate::compiled::CompiledSpec;
use crate::context::{Message, Signature};
use crate::credentials::{Credentials, GatewayKeys};
use crate::crypto::keys::Algorithm;
use crate::crypto::{aes, canonical, ct, digest, ec, ed25519, encoding, jws, mac, rsa};
use crate::plan::{RecipeId, RecipePlan, TemplateId, Values};
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

/// A text per recipe (its string to sign). Keyed by the spec's own recipe names, so hashed
/// with a fixed seed: an engine is made per message, and most never record anything.
pub type RecipeTexts = IndexMap<String, String, foldhash::fast::FixedState>;

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
struct Value<'m> {
    /// Borrowed from the message when a recipe starts from its bytes (the body), so the
    /// body is not copied to be signed.
    bytes: Cow<'m, [u8]>,
    /// How the trace shows it; worked out only when someone reads it ([`Value::display`]).
    shown: Shown,
    /// Derived reversibly from a secret (a template that used one, then encodings): the
    /// trace must not show it.
    secret: Option<Cow<'m, str>>,
}

/// How a step's value is shown.
#[derive(Debug, Clone)]
enum Shown {
    /// As text when printable, else as hex.
    Text,
    /// As hex (a digest, a MAC, a signature, a ciphertext).
    Hex,
    /// As rendered again with secrets redacted (a template, when explaining).
    Rendered(String),
}

impl<'m> Value<'m> {
    fn text(bytes: impl Into<Cow<'m, [u8]>>) -> Value<'m> {
        Value {
            bytes: bytes.into(),
            shown: Shown::Text,
            secret: None,
        }
    }

    /// What `--explain` shows of the value: never a secret.
    fn display(&self) -> String {
        match (&self.shown, &self.secret) {
            (Shown::Rendered(r), _) => r.clone(),
            (_, Some(s)) => redacted(s),
            (Shown::Hex, None) => format!("hex:{}", hex::encode(&self.bytes)),
            (Shown::Text, None) => shown(&self.bytes),
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
    /// included): for the known-answer vectors only, never shown, and recorded only when
    /// asked for ([`Engine::recording_strings_to_sign`]).
    pub(crate) strings_to_sign: RecipeTexts,
    /// The same, secrets redacted, when explaining: what a refused signature is logged with.
    pub shown_strings_to_sign: RecipeTexts,
    /// Whether to record `trace` (a second, redacted rendering of every template).
    explain: bool,
    /// Whether to render headers that reveal a secret again, redacted, for showing.
    show: bool,
    /// Whether to record `strings_to_sign`.
    record_strings_to_sign: bool,
    /// When set, the engine signs as the gateway (the sandbox): an asymmetric step signs
    /// with the private key of its `verify_key` credential, found here by that credential's
    /// name.
    gateway_keys: Option<&'a GatewayKeys>,
    /// The body's bytes of a received message, lent (the message holds none of its own):
    /// what `input: body_bytes` reads when the message has no bytes.
    received_body: Option<&'a [u8]>,
}

impl<'a> Engine<'a> {
    pub fn new(spec: &'a CompiledSpec, creds: &'a Credentials, entropy: &'a dyn Entropy) -> Self {
        Engine {
            spec,
            creds,
            entropy,
            trace: Vec::new(),
            strings_to_sign: RecipeTexts::default(),
            shown_strings_to_sign: RecipeTexts::default(),
            gateway_keys: None,
            received_body: None,
            explain: false,
            show: false,
            record_strings_to_sign: false,
        }
    }

    /// Reads a received message's body from `bytes` where the message holds none: a
    /// webhook's bytes are checked where they lie, not copied into the message.
    pub fn over_body(mut self, bytes: Option<&'a [u8]>) -> Self {
        self.received_body = bytes;
        self
    }

    /// Records every step's value in `trace`, secrets redacted (`payout sign --explain`);
    /// implies [`Engine::showing`].
    pub fn explaining(mut self) -> Self {
        self.explain = true;
        self.show = true;
        self
    }

    /// Renders each header that reveals a secret a second time, redacted, for showing
    /// (`payout sign`); without it such a header shows as `<redacted>`.
    pub fn showing(mut self) -> Self {
        self.show = true;
        self
    }

    /// Whether the redacted renderings are made.
    pub fn shows(&self) -> bool {
        self.show
    }

    /// Records the exact string each recipe signs, secrets included (the known-answer
    /// vectors check them).
    pub fn recording_strings_to_sign(mut self) -> Self {
        self.record_strings_to_sign = true;
        self
    }

    /// Signs as the gateway: asymmetric steps use the gateway's private keys (by the name of
    /// the public-key credential a merchant verifies them with).
    pub fn as_gateway(mut self, keys: &'a GatewayKeys) -> Self {
        self.gateway_keys = Some(keys);
        self
    }

    /// A recipe and its plan (the templates of its steps, the recipes they use).
    fn recipe(&self, name: &str) -> Result<(&'a Recipe, &'a RecipePlan), SignError> {
        let spec: &'a CompiledSpec = self.spec;
        spec.spec()
            .signing
            .get_full(name)
            .and_then(|(i, _, r)| Some((r, spec.plan().recipe(i)?)))
            .ok_or_else(|| no_recipe(name))
    }

    /// Computes the named recipes (and those they use) into `msg.signatures`, once each.
    pub fn ensure(&mut self, names: &[String], msg: &mut Message) -> Result<(), SignError> {
        for name in names {
            let i = self
                .spec
                .spec()
                .signing
                .get_index_of(name.as_str())
                .ok_or_else(|| no_recipe(name))?;
            self.ensure_one(RecipeId(i as u32), msg, 0)?;
        }
        Ok(())
    }

    /// Computes the recipes (and those they use) into `msg.signatures`, once each, by
    /// handle (a template's `recipes`).
    pub fn ensure_ids(&mut self, ids: &[RecipeId], msg: &mut Message) -> Result<(), SignError> {
        for id in ids {
            self.ensure_one(*id, msg, 0)?;
        }
        Ok(())
    }

    fn ensure_one(
        &mut self,
        id: RecipeId,
        msg: &mut Message,
        depth: usize,
    ) -> Result<(), SignError> {
        let spec: &'a CompiledSpec = self.spec;
        let (name, recipe, plan) = spec
            .spec()
            .signing
            .get_index(id.index())
            .and_then(|(n, r)| Some((n, r, spec.plan().recipe(id.index())?)))
            .ok_or_else(|| no_recipe(&format!("#{}", id.index())))?;
        if msg.signatures.contains_key(name) {
            return Ok(());
        }
        if depth > 16 {
            return Err(SignError {
                recipe: name.clone(),
                step: None,
                message: "recipes use each other too deeply".into(),
            });
        }
        for dep in &plan.uses {
            self.ensure_one(*dep, msg, depth + 1)?;
        }
        let out = self.run_steps(name, recipe, plan, 0..recipe.steps.len(), msg, None)?;
        let text = String::from_utf8(out.bytes.into_owned()).map_err(|_| SignError {
            recipe: name.into(),
            step: None,
            message: "the result is raw bytes, not text: end the recipe with an `encode` step"
                .into(),
        })?;
        let signature = Signature {
            text,
            redacted: out.secret.as_deref().map(redacted),
        };
        msg.signatures.insert(name.clone(), signature);
        Ok(())
    }

    /// Runs steps `range` of a recipe, each one's output the next one's input, recording
    /// the string to sign and (when explaining) every step's value.
    fn run_steps<'m>(
        &mut self,
        name: &str,
        recipe: &Recipe,
        plan: &RecipePlan,
        range: std::ops::Range<usize>,
        msg: &'m Message,
        start: Option<Value<'m>>,
    ) -> Result<Value<'m>, SignError>
    where
        'a: 'm,
    {
        let mut cur = start;
        let mut steps = range.clone();
        while let Some(i) = steps.next() {
            let step = &recipe.steps[i];
            // A template hashed next is written straight into the digest, when nobody
            // will look at the string to sign.
            if let (Step::Template(_), Some(Step::Hash(alg))) = (step, recipe.steps.get(i + 1)) {
                let quiet = !self.explain && !self.record_strings_to_sign;
                let at = plan.steps.get(i).copied().flatten();
                if let Some(digest) = at
                    .filter(|_| quiet && range.contains(&(i + 1)))
                    .and_then(|id| self.hashed_template(id, *alg, msg, cur.as_ref()))
                {
                    cur = Some(digest);
                    steps.next();
                    continue;
                }
            }
            if step.is_cryptographic() {
                if let Some(c) = &cur {
                    self.note_string_to_sign(name, c);
                }
            }
            let at = StepAt {
                template: plan.steps.get(i).copied().flatten(),
            };
            let next = self
                .step(&at, step, cur.take(), msg)
                .map_err(|message| SignError {
                    recipe: name.to_string(),
                    step: Some(i),
                    message,
                })?;
            if self.explain {
                self.trace.push(StepTrace {
                    recipe: name.to_string(),
                    step: step_label(step),
                    value: next.display(),
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

    /// The text that goes into a recipe's first cryptographic step, kept for the vectors.
    fn note_string_to_sign(&mut self, name: &str, value: &Value) {
        if self.record_strings_to_sign && !self.strings_to_sign.contains_key(name) {
            self.strings_to_sign.insert(
                name.to_string(),
                String::from_utf8_lossy(&value.bytes).into_owned(),
            );
        }
        if self.explain && !self.shown_strings_to_sign.contains_key(name) {
            self.shown_strings_to_sign
                .insert(name.to_string(), value.display());
        }
    }

    /// Runs one step on the previous step's value (`None` before the first step).
    fn step<'m>(
        &self,
        at: &StepAt,
        step: &Step,
        prev: Option<Value<'m>>,
        msg: &'m Message,
    ) -> Result<Value<'m>, String>
    where
        'a: 'm,
    {
        // Every step but the two that start a recipe works on the previous value.
        let prev_of = |p: Option<Value<'m>>| {
            p.ok_or_else(|| {
                format!(
                    "`{}` has no input: a recipe starts with `input` or `template`",
                    step.name()
                )
            })
        };
        match step {
            Step::Input(src) => self.input(src, msg),
            Step::Template(_) => self.template(at, msg, prev.as_ref()),
            Step::Hash(alg) => Ok(hash_step(*alg, &prev_of(prev)?)),
            Step::Hmac(h) => self.hmac_step(at, h, &prev_of(prev)?, msg),
            Step::RsaSign(r) => self.rsa_sign_step(r, &prev_of(prev)?),
            Step::RsaEncrypt(r) => self.rsa_encrypt_step(r, &prev_of(prev)?),
            Step::JwsSign(j) => self.jws_step(at, j, &prev_of(prev)?, msg),
            Step::Ed25519Sign(e) => self.ed25519_sign_step(e, &prev_of(prev)?),
            Step::AesEncrypt(a) => self.aes_encrypt_step(at, a, &prev_of(prev)?, msg),
            Step::AesDecrypt(a) => self.aes_decrypt_step(at, a, &prev_of(prev)?, msg),
            Step::Encode(e) => Ok(encode_step(*e, prev_of(prev)?)),
            Step::Decode(e) => decode_step(*e, prev_of(prev)?),
        }
    }

    /// `input:` starts a recipe from part of the message.
    ///
    /// A header may carry a secret (an HTTP Basic `Authorization` is the password, merely
    /// Base64-encoded): such a value is shown redacted, and so is all that is built from it.
    fn input<'m>(&self, src: &Input, msg: &'m Message) -> Result<Value<'m>, String>
    where
        'a: 'm,
    {
        let bytes = match src {
            Input::Header(h) => {
                let value = msg
                    .header(h)
                    .ok_or_else(|| format!("the message has no header `{h}`"))?;
                let secret = self.secret_in(value);
                return Ok(keep_secret(
                    secret.map(Cow::Owned),
                    value.as_bytes().to_vec(),
                ));
            }
            Input::BodyBytes => {
                let body = msg.body_bytes.as_deref().or(self.received_body).ok_or(
                    "the body bytes do not exist yet (a body field cannot sign its own body)",
                )?;
                return Ok(Value::text(body));
            }
            Input::Path => msg.path.clone().into_bytes(),
            Input::Url => msg.url.clone().into_bytes(),
            Input::Method => msg.method.as_bytes().to_vec(),
            Input::Canonical(c) => canonical::canonical(&msg.body, c).into_bytes(),
            Input::Form => canonical::form(&msg.body).into_bytes(),
        };
        Ok(Value::text(bytes))
    }

    /// The secret credential a received text carries, if any: written out (a bearer token),
    /// or inside one of its words once decoded from Base64 or hex (`Basic base64(user:pass)`,
    /// `token=HEX`).
    fn secret_in(&self, text: &str) -> Option<String> {
        let words: Vec<&str> = text
            .split(|c: char| c.is_ascii_whitespace() || c == ',' || c == ';')
            .flat_map(|w| [Some(w), w.split_once('=').map(|(_, v)| v)])
            .flatten()
            .filter(|w| !w.is_empty())
            .collect();
        let decoded: Vec<Vec<u8>> = words
            .iter()
            .flat_map(|w| {
                [Encoding::Base64, Encoding::Base64url, Encoding::Hex]
                    .into_iter()
                    .filter_map(|e| encoding::decode(e, w).ok())
            })
            .collect();
        self.creds
            .iter()
            .filter(|(n, v)| self.creds.is_secret(n) && !v.expose().is_empty())
            .find(|(_, v)| {
                let s = v.expose().as_bytes();
                contains(text.as_bytes(), s) || decoded.iter().any(|d| contains(d, s))
            })
            .map(|(n, _)| n.to_string())
    }

    /// Renders the template of a step, and again with secrets redacted for the trace when
    /// explaining.
    fn template<'m>(
        &self,
        at: &StepAt,
        msg: &'m Message,
        input: Option<&Value<'m>>,
    ) -> Result<Value<'m>, String>
    where
        'a: 'm,
    {
        let id = at.template.ok_or("the step's template was not compiled")?;
        let input_text = match input {
            Some(v) => Some(utf8(&v.bytes)?),
            None => None,
        };
        let values = Values {
            msg,
            creds: self.creds,
            input: input_text,
            redacted: false,
        };
        let real = self.spec.render_template(id, &values)?;
        // The second, redacted rendering only when someone will read it.
        let shown = if self.explain {
            let input_shown = input.map(Value::display);
            let values = Values {
                input: input_shown.as_deref(),
                redacted: true,
                ..values
            };
            Shown::Rendered(self.spec.render_template(id, &values)?)
        } else {
            Shown::Text
        };
        // Derived from a secret when the template names a secret credential (known from its
        // analysis when the spec was compiled), or its input already was.
        let named = self
            .spec
            .plan()
            .template(id)
            .info
            .credentials
            .iter()
            .find(|c| self.creds.is_secret(c))
            .map(|c| Cow::Borrowed(c.as_str()));
        let secret = named.or_else(|| input.and_then(|v| v.secret.clone()));
        Ok(Value {
            bytes: Cow::Owned(real.into_bytes()),
            shown,
            secret,
        })
    }

    /// A plain template's text fed to the digest `alg` as it is written: the template
    /// step and the hash step after it in one, without the string. `None` when the
    /// template is not plain or a value is missing: the two steps then run one by one,
    /// and say what is wrong.
    fn hashed_template<'m>(
        &self,
        id: TemplateId,
        alg: payout_spec::HashAlg,
        msg: &'m Message,
        input: Option<&Value<'m>>,
    ) -> Option<Value<'static>> {
        let input = match input {
            Some(v) => Some(std::str::from_utf8(&v.bytes).ok()?),
            None => None,
        };
        let values = Values {
            msg,
            creds: self.creds,
            input,
            redacted: false,
        };
        let mut digest = digest::Hasher::new(alg);
        self.spec
            .plan()
            .template(id)
            .write_plain(&values, &mut digest)?;
        Some(Value::raw(digest.finish()))
    }

    /// `hmac:` keyed with its key template, decoded first when the key text is itself an
    /// encoding of the key bytes.
    fn hmac_step(
        &self,
        at: &StepAt,
        h: &payout_spec::Hmac,
        prev: &Value,
        msg: &Message,
    ) -> Result<Value<'static>, String> {
        let key = self.template(at, msg, None)?;
        let key = match h.key_encoding {
            Some(e) => {
                encoding::decode(e, utf8(&key.bytes)?).map_err(|e| format!("the HMAC key: {e}"))?
            }
            None => key.bytes.into_owned(),
        };
        Ok(Value::raw(mac::hmac(h.alg, &key, &prev.bytes)))
    }

    /// `rsa_sign:` with the merchant's private key; as the gateway (the sandbox), with the
    /// private key behind `verify_key`, so that merchants can verify it with the public one.
    fn rsa_sign_step(
        &self,
        r: &payout_spec::RsaSign,
        prev: &Value,
    ) -> Result<Value<'static>, String> {
        let key: &rsa::PrivateKey =
            self.signing_key(Some(&r.key), r.verify_key.as_deref(), "rsa_sign")?;
        let sig = rsa::sign(key, r.hash, &prev.bytes).map_err(|e| e.to_string())?;
        Ok(Value::raw(sig))
    }

    /// `rsa_encrypt:` with the public key credential, the padding's random bytes from the
    /// entropy source (a failing source is an error).
    fn rsa_encrypt_step(
        &self,
        r: &payout_spec::RsaEncrypt,
        prev: &Value,
    ) -> Result<Value<'static>, String> {
        let key = self
            .creds
            .public_key::<rsa::PrivateKey>(&r.key)
            .ok_or_else(|| format!("the credential `{}` is not an RSA public key", r.key))?;
        let fill = |buf: &mut [u8]| self.entropy.fill(buf);
        let out = rsa::encrypt(key, r.padding, &prev.bytes, &fill).map_err(|e| e.to_string())?;
        Ok(Value::raw(out))
    }

    /// `ed25519_sign:` with the merchant's private key; as the gateway (the sandbox), with the
    /// private key behind `verify_key`.
    fn ed25519_sign_step(
        &self,
        e: &payout_spec::Ed25519Sign,
        prev: &Value,
    ) -> Result<Value<'static>, String> {
        let key: &ed25519::PrivateKey =
            self.signing_key(e.key.as_deref(), e.verify_key.as_deref(), "ed25519_sign")?;
        Ok(Value::raw(ed25519::sign(key, &prev.bytes)))
    }

    /// `jws_sign:` the previous value as the payload of a compact JWS. HS256 keys with its
    /// `secret` template; RS256 and ES256 sign with the merchant's `key` (the gateway's
    /// key behind `verify_key` in the sandbox).
    fn jws_step(
        &self,
        at: &StepAt,
        j: &payout_spec::JwsSign,
        prev: &Value,
        msg: &Message,
    ) -> Result<Value<'static>, String> {
        let header = jws_header(j);
        let token = match j.alg {
            payout_spec::JwsAlg::Hs256 => {
                let secret = self.template(at, msg, None)?;
                jws::sign(
                    &header,
                    &prev.bytes,
                    jws::SigningKey::Hmac(&secret.bytes),
                    j.detached,
                )
            }
            payout_spec::JwsAlg::Rs256 => {
                let key =
                    self.signing_key(j.key.as_deref(), j.verify_key.as_deref(), "jws_sign")?;
                jws::sign(&header, &prev.bytes, jws::SigningKey::Rsa(key), j.detached)
            }
            payout_spec::JwsAlg::Es256 => {
                let key =
                    self.signing_key(j.key.as_deref(), j.verify_key.as_deref(), "jws_sign")?;
                jws::sign(&header, &prev.bytes, jws::SigningKey::Ec(key), j.detached)
            }
        }
        .map_err(|e| e.to_string())?;
        Ok(Value::text(token.into_bytes()))
    }

    /// The private key a step signs with: the merchant's `key`, or as the gateway (the
    /// sandbox) the private half of `verify_key`, so that merchants can verify it with the
    /// public one. `A` is the algorithm the step needs; a credential of another is refused.
    fn signing_key<A: Algorithm>(
        &self,
        key: Option<&str>,
        verify_key: Option<&str>,
        step: &str,
    ) -> Result<&'a A, String> {
        match (self.gateway_keys, verify_key) {
            (Some(keys), Some(vk)) => keys
                .get::<A>(vk)
                .ok_or_else(|| format!("no gateway private key for `{vk}` ({})", A::PRIVATE)),
            _ => {
                let name = key.ok_or_else(|| {
                    format!("`{step}` has no `key:` to sign with (it only verifies the gateway's signatures)")
                })?;
                self.creds
                    .private_key::<A>(name)
                    .ok_or_else(|| format!("the credential `{name}` is not {}", A::PRIVATE))
            }
        }
    }

    /// `aes_encrypt:` with a fresh IV from the entropy source when the IV is random (a
    /// failing source is an error, never zeros), else the configured one.
    fn aes_encrypt_step(
        &self,
        at: &StepAt,
        a: &payout_spec::Aes,
        prev: &Value,
        msg: &Message,
    ) -> Result<Value<'static>, String> {
        let key = self.aes_key(at, a, msg)?;
        let iv = if a.iv == Iv::Random {
            let mut iv = [0u8; 16];
            self.entropy.fill(&mut iv)?;
            iv
        } else {
            aes::configured_iv(&a.iv).map_err(|e| e.to_string())?
        };
        Ok(Value::raw(aes::encrypt(a, &key, &iv, &prev.bytes)))
    }

    /// `aes_decrypt:` the reverse of `aes_encrypt`: the MAC (if any) is checked before
    /// anything is decrypted.
    fn aes_decrypt_step<'m>(
        &self,
        at: &StepAt,
        a: &payout_spec::Aes,
        prev: &Value<'m>,
        msg: &Message,
    ) -> Result<Value<'m>, String> {
        let key = self.aes_key(at, a, msg)?;
        let plain = aes::decrypt(a, &key, &prev.bytes).map_err(|e| e.to_string())?;
        // Decryption is reversible: what came from a secret stays redacted.
        Ok(keep_secret(prev.secret.clone(), plain))
    }

    /// The 32-byte AES key from the step's key template.
    fn aes_key(
        &self,
        at: &StepAt,
        a: &payout_spec::Aes,
        msg: &Message,
    ) -> Result<[u8; 32], String> {
        let text = self.template(at, msg, None)?;
        aes::derive_key(a.key_derivation, &text.bytes).map_err(|e| e.to_string())
    }

    /// Whether `received` is the recipe's valid result for this message (constant time).
    ///
    /// The string to sign is recorded as when signing, so that vectors can check it.
    pub fn verify(
        &mut self,
        name: &str,
        msg: &mut Message,
        received: &str,
        signer: Signer,
    ) -> Result<bool, SignError> {
        let (recipe, plan) = self.recipe(name)?;
        // The recipes this one builds on are computed into the received message once, and
        // serve every later check of the same message.
        for dep in &plan.uses {
            self.ensure_one(*dep, msg, 1)?;
        }
        let scratch: &Message = msg;
        let Some(k) = recipe.steps.iter().rposition(is_random) else {
            let out = self.run_steps(name, recipe, plan, 0..recipe.steps.len(), scratch, None)?;
            return Ok(compare(recipe.compare, &out.bytes, received.as_bytes()));
        };
        let err = |message: String| SignError {
            recipe: name.to_string(),
            step: Some(k),
            message,
        };
        let expected = self.run_steps(name, recipe, plan, 0..k, scratch, None)?;
        self.note_string_to_sign(name, &expected);
        // A value that does not even decode is simply not a valid signature.
        let Some(got) = undo_encodings(name, recipe, k, received)? else {
            return Ok(false);
        };
        let at = StepAt {
            template: plan.steps.get(k).copied().flatten(),
        };
        match &recipe.steps[k] {
            Step::RsaSign(r) => {
                let key = self
                    .verifying_key::<rsa::PrivateKey>(Some(&r.key), r.verify_key.as_deref(), signer)
                    .map_err(err)?;
                Ok(rsa::verify(&key, r.hash, &expected.bytes, &got))
            }
            Step::JwsSign(j) => {
                let token = String::from_utf8_lossy(&got);
                Ok(match j.alg {
                    payout_spec::JwsAlg::Hs256 => {
                        let secret = self.template(&at, scratch, None).map_err(err)?;
                        jws::verify(
                            &token,
                            j.alg,
                            &expected.bytes,
                            jws::VerifyingKey::Hmac(&secret.bytes),
                        )
                    }
                    payout_spec::JwsAlg::Rs256 => {
                        let key = self
                            .verifying_key::<rsa::PrivateKey>(
                                j.key.as_deref(),
                                j.verify_key.as_deref(),
                                signer,
                            )
                            .map_err(err)?;
                        jws::verify(&token, j.alg, &expected.bytes, jws::VerifyingKey::Rsa(&key))
                    }
                    payout_spec::JwsAlg::Es256 => {
                        let key = self
                            .verifying_key::<ec::PrivateKey>(
                                j.key.as_deref(),
                                j.verify_key.as_deref(),
                                signer,
                            )
                            .map_err(err)?;
                        jws::verify(&token, j.alg, &expected.bytes, jws::VerifyingKey::Ec(&key))
                    }
                })
            }
            Step::Ed25519Sign(e) => {
                let key = self
                    .verifying_key::<ed25519::PrivateKey>(
                        e.key.as_deref(),
                        e.verify_key.as_deref(),
                        signer,
                    )
                    .map_err(err)?;
                Ok(ed25519::verify(&key, &expected.bytes, &got))
            }
            Step::RsaEncrypt(r) => {
                // Only the holder of the private key can read it: the gateway (the sandbox,
                // checking what a merchant sent). Nothing a gateway sends is checked so.
                let keys = match (signer, self.gateway_keys) {
                    (Signer::Merchant, Some(keys)) => keys,
                    _ => {
                        return Err(err(format!(
                            "what is encrypted with `{}` can only be checked by the holder of its private key",
                            r.key
                        )))
                    }
                };
                let private = keys
                    .get::<rsa::PrivateKey>(&r.key)
                    .ok_or_else(|| err(format!("no private key for `{}`", r.key)))?;
                Ok(match rsa::decrypt(private, r.padding, &got) {
                    Ok(plain) => ct::eq(&plain, &expected.bytes),
                    Err(_) => false,
                })
            }
            Step::AesEncrypt(a) => {
                let key = self.aes_key(&at, a, scratch).map_err(err)?;
                // Decrypt and compare: a random IV cannot be recomputed.
                Ok(match aes::decrypt(a, &key, &got) {
                    Ok(plain) => ct::eq(&plain, &expected.bytes),
                    Err(_) => false,
                })
            }
            _ => Err(err("not a random step".into())),
        }
    }

    /// The public key that checks a signature of algorithm `A`: the gateway's
    /// (`verify_key`) for what the gateway signed, the public half of the merchant's own
    /// `key` for what a merchant signed (the sandbox's view).
    fn verifying_key<A: Algorithm>(
        &self,
        key: Option<&str>,
        verify_key: Option<&str>,
        signer: Signer,
    ) -> Result<A::Public, String> {
        match signer {
            Signer::Gateway => {
                let vk = verify_key.ok_or("no `verify_key` for signatures made by the gateway")?;
                self.creds
                    .public_key::<A>(vk)
                    .cloned()
                    .ok_or_else(|| format!("the credential `{vk}` is not {}", A::PUBLIC))
            }
            Signer::Merchant => {
                let k = key.ok_or("no `key` for signatures made by the merchant")?;
                self.creds
                    .private_key::<A>(k)
                    .map(A::public_of)
                    .ok_or_else(|| format!("the credential `{k}` is not {}", A::PRIVATE))
            }
        }
    }
}

/// A JWS step's protected header.
fn jws_header(j: &payout_spec::JwsSign) -> String {
    let extra: Vec<(String, String)> = j
        .header
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    jws::header(j.alg, j.typ.as_deref(), &extra)
}

/// The step of a recipe that runs: its template (a `template` step, an HMAC, JWS or AES
/// key), by handle.
struct StepAt {
    template: Option<TemplateId>,
}

/// A step whose output cannot be recomputed by the receiver: an RSA or Ed25519 signature (only the
/// signer has the private key) or an encryption with a fresh random IV.
fn is_random(step: &Step) -> bool {
    match step {
        Step::RsaSign(_) | Step::RsaEncrypt(_) | Step::JwsSign(_) | Step::Ed25519Sign(_) => true,
        Step::AesEncrypt(a) => a.iv == Iv::Random,
        _ => false,
    }
}

/// Compares a computed value with a received one in constant time, as the recipe says.
fn compare(how: Compare, computed: &[u8], received: &[u8]) -> bool {
    match how {
        Compare::Exact => ct::eq(computed, received),
        Compare::CaseInsensitive => ct::eq_ignore_ascii_case(computed, received),
    }
}

/// Takes the received value back through the encodings that follow the random step `k`,
/// last first, to the raw output of step `k`; `None` when it does not decode.
fn undo_encodings(
    name: &str,
    recipe: &Recipe,
    k: usize,
    received: &str,
) -> Result<Option<Vec<u8>>, SignError> {
    let mut got = received.as_bytes().to_vec();
    for i in (k + 1..recipe.steps.len()).rev() {
        got = match &recipe.steps[i] {
            Step::Encode(e) => match encoding::decode(*e, &String::from_utf8_lossy(&got)) {
                Ok(b) => b,
                Err(_) => return Ok(None),
            },
            Step::Decode(e) => encoding::encode(*e, &got).into_bytes(),
            other => {
                return Err(SignError {
                    recipe: name.to_string(),
                    step: Some(i),
                    message: format!("`{}` after the random step cannot be undone", other.name()),
                })
            }
        };
    }
    Ok(Some(got))
}

impl Value<'_> {
    /// Raw bytes (a digest, a MAC, a signature, a ciphertext): shown as hex. Nothing
    /// reversible of a secret survives these steps, so they are never redacted.
    fn raw(bytes: Vec<u8>) -> Value<'static> {
        Value {
            shown: Shown::Hex,
            bytes: Cow::Owned(bytes),
            secret: None,
        }
    }
}

/// `hash:` a plain digest.
fn hash_step(alg: payout_spec::HashAlg, prev: &Value) -> Value<'static> {
    Value::raw(digest::hash(alg, &prev.bytes))
}

/// The error for a recipe the spec does not have.
fn no_recipe(name: &str) -> SignError {
    SignError {
        recipe: name.to_string(),
        step: None,
        message: "no such signing recipe".into(),
    }
}

/// `encode:` bytes to text; a secret stays secret through it.
fn encode_step(enc: Encoding, prev: Value<'_>) -> Value<'_> {
    let text = encoding::encode(enc, &prev.bytes);
    keep_secret(prev.secret, text.into_bytes())
}

/// `decode:` text to bytes; a secret stays secret through it.
fn decode_step(enc: Encoding, prev: Value<'_>) -> Result<Value<'_>, String> {
    let bytes = encoding::decode(enc, utf8(&prev.bytes)?).map_err(|e| e.to_string())?;
    Ok(keep_secret(prev.secret, bytes))
}

/// A value computed reversibly from a secret-derived one (an encoding) stays secret: it is
/// shown as `<redacted:NAME>` (NAME the credential), and so is everything a later template
/// builds from it.
fn keep_secret(secret: Option<Cow<'_, str>>, bytes: Vec<u8>) -> Value<'_> {
    match secret {
        // Shown as the secret's label: `display` puts `secret` first.
        Some(s) => Value {
            shown: Shown::Text,
            bytes: Cow::Owned(bytes),
            secret: Some(s),
        },
        None => Value::text(bytes),
    }
}

/// How a value derived from the secret credential `name` is shown.
fn redacted(name: &str) -> String {
    crate::redact::label(name)
}

/// Whether `needle` occurs in `hay`.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn utf8(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes).map_err(|_| {
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
        Step::JwsSign(j) if j.secret.is_some() => vec![format!("{base}.jws_sign.secret")],
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
        Step::RsaEncrypt(r) => format!("rsa_encrypt: {}", serde_name(&r.padding)),
        Step::JwsSign(j) => format!("jws_sign: {}", jws::alg_name(j.alg)),
        Step::Ed25519Sign(_) => "ed25519_sign".into(),
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
    //! Each step kind run through the engine, against values computed independently (the
    //! command that produced each expected value is beside it).

    use super::*;
    use crate::crypto::keys::PrivateKey;
    use crate::source::{FixedBytes, OsEntropy};
    use payout_spec::Json;

    const SPEC: &str = r#"
spec_version: 1
provider: { id: basic, name: Basic auth }
credentials: { key: {}, secret: { secret: true } }
money: { currency: INR, amount: { encoding: string, decimals: 2 } }
signing:
  auth:
    reveals_secret: true
    steps:
      - template: "{{ credentials.key }}:{{ credentials.secret }}"
      - encode: base64
      - template: "Basic {{ input }}"
  url_sha256: { steps: [ { input: url }, { hash: sha256 }, { encode: hex } ] }
  method_md5: { steps: [ { input: method }, { hash: md5 }, { encode: hex } ] }
  path_sha1: { steps: [ { input: path }, { hash: sha1 }, { encode: hex_upper } ] }
  form_sha512: { steps: [ { input: form }, { hash: sha512 }, { encode: base64 } ] }
  header_sha256: { steps: [ { input: { header: Authorization } }, { hash: sha256 }, { encode: hex } ] }
  header_copy: { steps: [ { input: { header: Authorization } }, { encode: base64url } ] }
  hex_to_base64: { steps: [ { template: "{{ body.hexval }}" }, { decode: hex }, { encode: base64 } ] }
  base64_to_hex: { steps: [ { template: "{{ body.b64val }}" }, { decode: base64 }, { encode: hex } ] }
  secret_decoded: { steps: [ { template: "{{ credentials.secret }}" }, { decode: hex }, { encode: base64 } ] }
  open_box:
    steps:
      - template: "{{ body.sealed }}"
      - decode: base64
      - aes_decrypt: { key: "{{ credentials.secret }}", key_derivation: sha256, iv: random, layout: [iv, ciphertext] }
  seal_box:
    steps:
      - template: "{{ body.plain }}"
      - aes_encrypt: { key: "{{ credentials.secret }}", key_derivation: sha256, iv: random, layout: [iv, ciphertext] }
      - encode: base64
  open_padded:
    steps:
      - template: "{{ body.sealed }}"
      - decode: base64
      - aes_decrypt: { key: "{{ credentials.secret }}", key_derivation: zero_pad, iv: { fixed: 000102030405060708090a0b0c0d0e0f }, layout: [ciphertext] }
operations:
  query_payout:
    role: query
    method: GET
    path: /p/{id}
    params: { id: { type: string, required: true, role: provider_ref } }
    headers: { Authorization: "{{ signatures.auth }}" }
    response: { success: "true" }
"#;

    fn spec() -> CompiledSpec {
        CompiledSpec::from_str(SPEC, "basic.yaml").unwrap()
    }

    fn creds(spec: &CompiledSpec, secret: &str) -> Credentials {
        let mut v = IndexMap::new();
        v.insert("key".to_string(), "k1".to_string());
        v.insert("secret".to_string(), secret.to_string());
        Credentials::new(spec.spec(), v).unwrap()
    }

    /// A message whose body is these string fields.
    fn with_body(fields: &[(&str, &str)]) -> Message {
        Message {
            body: fields
                .iter()
                .map(|(k, v)| (k.to_string(), Json::String(v.to_string())))
                .collect(),
            ..Message::default()
        }
    }

    /// Runs one recipe over `msg` and gives its text and the explanation.
    fn run(recipe: &str, msg: &mut Message, secret: &str) -> (String, Vec<StepTrace>) {
        let spec = spec();
        let creds = creds(&spec, secret);
        let mut engine = Engine::new(&spec, &creds, &OsEntropy).explaining();
        engine.ensure(&[recipe.to_string()], msg).unwrap();
        (msg.signatures[recipe].text.clone(), engine.trace)
    }

    /// A secret survives no reversible step into the explanation: not the template that
    /// names it, not its Base64, not a template built on that.
    #[test]
    fn the_explanation_never_shows_a_secret_or_its_encoding() {
        let mut msg = Message::default();
        let (text, trace) = run("auth", &mut msg, "TOPSECRET");
        // printf '%s' 'k1:TOPSECRET' | base64  -> azE6VE9QU0VDUkVU
        assert_eq!(text, "Basic azE6VE9QU0VDUkVU");
        assert_eq!(trace.len(), 3);
        for step in &trace {
            assert!(!step.value.contains("TOPSECRET"), "{step:?}");
            assert!(!step.value.contains("azE6VE9QU0VDUkVU"), "{step:?}");
        }
        assert_eq!(trace[0].value, "k1:<redacted:secret>");
        assert_eq!(trace[1].value, "<redacted:secret>");
        assert_eq!(trace[2].value, "Basic <redacted:secret>");
        assert_eq!(msg.signatures["auth"].shown(true), "<redacted:secret>");
        assert!(!format!("{:?}", msg.signatures).contains("azE6"));
    }

    #[test]
    fn input_url_method_and_path() {
        let mut msg = Message {
            method: "POST".into(),
            url: "https://gw.example/v1/pay/ORD-1?x=1".into(),
            path: "/v1/pay/ORD-1".into(),
            ..Message::default()
        };
        let (url, trace) = run("url_sha256", &mut msg, "s");
        // printf '%s' 'https://gw.example/v1/pay/ORD-1?x=1' | sha256sum
        assert_eq!(
            url,
            "505cbd27c4d3d1ced0e1210572ed185367b4f9a4ce3375eb7962785d412a0917"
        );
        assert_eq!(trace[0].step, "input: url");
        assert_eq!(trace[0].value, "https://gw.example/v1/pay/ORD-1?x=1");
        // printf '%s' 'POST' | openssl dgst -md5 -r
        assert_eq!(
            run("method_md5", &mut msg, "s").0,
            "a02439ec229d8be0e74b0c1602392310"
        );
        // printf '%s' '/v1/pay/ORD-1' | openssl dgst -sha1 -r   (uppercased)
        assert_eq!(
            run("path_sha1", &mut msg, "s").0,
            "C91FEDCC937B2A552A557EED4EE88C1F67A442B8"
        );
    }

    /// Form encoding keeps body order, writes numbers as received, leaves nulls out and
    /// percent-encodes per RFC 3986 (a space is `%20`, `~` stays).
    #[test]
    fn input_form() {
        let mut msg = with_body(&[("note", "x y/z~")]);
        msg.body
            .insert("amount".into(), Json::Number("150.50".into()));
        msg.body.insert("skip".into(), Json::Null);
        msg.body.insert("name".into(), Json::String("Zoë".into()));
        let (sig, trace) = run("form_sha512", &mut msg, "s");
        // python3 -c "from urllib.parse import quote; print('&'.join(quote(k,safe='-._~')+'='+quote(v,safe='-._~') for k,v in [('note','x y/z~'),('amount','150.50'),('name','Zoë')]))"
        assert_eq!(
            trace[0].value,
            "note=x%20y%2Fz~&amount=150.50&name=Zo%C3%AB"
        );
        // printf '%s' 'note=x%20y%2Fz~&amount=150.50&name=Zo%C3%AB' | openssl dgst -sha512 -binary | base64 -w0
        assert_eq!(
            sig,
            "wlydAA2TzGA0o/nj7xnEXiMoojTZb9eAYZpl4IC/xdO3yjPGMQTOvrDshc+LsqDy1RpAE3/iOcjB6FYIj8zAiQ=="
        );
    }

    /// A header is signed as received; one that carries a secret (HTTP Basic is the password
    /// in Base64) is redacted in the explanation, and so is what is encoded from it, while
    /// its hash is shown.
    #[test]
    fn input_header_with_basic_auth_is_redacted() {
        let mut msg = Message {
            // printf '%s' 'k1:TOPSECRET' | base64  -> azE6VE9QU0VDUkVU
            headers: vec![("authorization".into(), "Basic azE6VE9QU0VDUkVU".into())],
            ..Message::default()
        };
        let (sig, trace) = run("header_sha256", &mut msg, "TOPSECRET");
        // printf '%s' 'Basic azE6VE9QU0VDUkVU' | sha256sum
        assert_eq!(
            sig,
            "446ca6e597b801959ed883da475722b3bc48a56084285e6f0916762bc347201a"
        );
        assert_eq!(trace[0].step, "input: header Authorization");
        assert_eq!(trace[0].value, "<redacted:secret>");
        assert_eq!(
            trace[1].value,
            "hex:446ca6e597b801959ed883da475722b3bc48a56084285e6f0916762bc347201a"
        );

        let (copy, trace) = run("header_copy", &mut msg, "TOPSECRET");
        // printf '%s' 'Basic azE6VE9QU0VDUkVU' | basenc --base64url
        assert_eq!(copy, "QmFzaWMgYXpFNlZFOVFVMFZEVWtWVQ==");
        assert!(
            trace.iter().all(|t| t.value == "<redacted:secret>"),
            "{trace:?}"
        );
        assert_eq!(
            msg.signatures["header_copy"].shown(true),
            "<redacted:secret>"
        );

        // The same header with credentials whose secret it does not carry is shown.
        let mut other = Message {
            headers: msg.headers.clone(),
            ..Message::default()
        };
        let (_, trace) = run("header_sha256", &mut other, "another-secret");
        assert_eq!(trace[0].value, "Basic azE6VE9QU0VDUkVU");
    }

    #[test]
    fn a_missing_header_is_an_error_naming_it() {
        let spec = spec();
        let creds = creds(&spec, "s");
        let mut engine = Engine::new(&spec, &creds, &OsEntropy);
        let e = engine
            .ensure(&["header_sha256".to_string()], &mut Message::default())
            .unwrap_err();
        assert_eq!(e.step, Some(0));
        assert!(e.message.contains("no header `Authorization`"), "{e}");
    }

    #[test]
    fn decode_hex_and_base64() {
        let mut msg = with_body(&[("hexval", "C0ffee00FF"), ("b64val", "3q2+7w==")]);
        // printf '%s' 'c0ffee00ff' | xxd -r -p | base64   (hex of either case decodes)
        assert_eq!(run("hex_to_base64", &mut msg, "s").0, "wP/uAP8=");
        // printf '%s' '3q2+7w==' | base64 -d | xxd -p
        let (hex, trace) = run("base64_to_hex", &mut msg, "s");
        assert_eq!(hex, "deadbeef");
        assert_eq!(trace[1].step, "decode: base64");
        assert_eq!(trace[1].value, "hex:deadbeef");
    }

    #[test]
    fn decode_refuses_what_does_not_decode() {
        let spec = spec();
        let creds = creds(&spec, "s");
        let mut engine = Engine::new(&spec, &creds, &OsEntropy);
        let mut msg = with_body(&[("hexval", "c0ffe")]);
        let e = engine
            .ensure(&["hex_to_base64".to_string()], &mut msg)
            .unwrap_err();
        assert_eq!(e.step, Some(1));
        assert!(e.message.contains("hex"), "{e}");
    }

    /// Decoding a secret's text keeps it secret: its bytes and their re-encoding are shown
    /// redacted.
    #[test]
    fn decode_keeps_a_secret_redacted() {
        let mut msg = Message::default();
        let (text, trace) = run("secret_decoded", &mut msg, "deadbeef");
        // printf '%s' 'deadbeef' | xxd -r -p | base64
        assert_eq!(text, "3q2+7w==");
        assert!(
            trace.iter().all(|t| t.value == "<redacted:secret>"),
            "{trace:?}"
        );
    }

    /// `aes_decrypt` opens what `openssl enc` sealed: key = SHA-256 of the secret, the IV
    /// sent in front of the ciphertext.
    #[test]
    fn aes_decrypt_opens_an_openssl_ciphertext() {
        // K=$(printf '%s' TOPSECRET | openssl dgst -sha256 -binary | xxd -p -c64); IV=ec4bbe76f6291ca8b652029dab3cdcd4
        // { printf '%s' $IV | xxd -r -p; printf '%s' 'payout-ok' | openssl enc -aes-256-cbc -K $K -iv $IV; } | base64 -w0
        let sealed = "7Eu+dvYpHKi2UgKdqzzc1B+i47AeM/0D05FhqJQtYm4=";
        let mut msg = with_body(&[("sealed", sealed)]);
        let (plain, trace) = run("open_box", &mut msg, "TOPSECRET");
        assert_eq!(plain, "payout-ok");
        assert_eq!(trace[2].step, "aes_decrypt");
        // A zero-padded key, a fixed IV that is not sent:
        // ZK=$(printf '%-64s' $(printf '%s' TOPSECRET | xxd -p -c64) | tr ' ' 0)
        // printf '%s' 'zero padded key' | openssl enc -aes-256-cbc -K $ZK -iv 000102030405060708090a0b0c0d0e0f | base64 -w0
        let mut msg = with_body(&[("sealed", "+iFCht/iwjLM4FbATOfAqg==")]);
        assert_eq!(
            run("open_padded", &mut msg, "TOPSECRET").0,
            "zero padded key"
        );
    }

    /// What `aes_encrypt` seals with a given IV is byte for byte what openssl makes, and
    /// `aes_decrypt` opens it again.
    #[test]
    fn aes_round_trip_matches_openssl() {
        let spec = spec();
        let creds = creds(&spec, "TOPSECRET");
        let iv = hex::decode("ec4bbe76f6291ca8b652029dab3cdcd4").unwrap();
        let entropy = FixedBytes::new(&iv);
        let mut engine = Engine::new(&spec, &creds, &entropy);
        let mut msg = with_body(&[("plain", "payout-ok")]);
        engine.ensure(&["seal_box".to_string()], &mut msg).unwrap();
        let sealed = msg.signatures["seal_box"].text.clone();
        // The openssl command of `aes_decrypt_opens_an_openssl_ciphertext`.
        assert_eq!(sealed, "7Eu+dvYpHKi2UgKdqzzc1B+i47AeM/0D05FhqJQtYm4=");
        let mut back = with_body(&[("sealed", &sealed)]);
        engine.ensure(&["open_box".to_string()], &mut back).unwrap();
        assert_eq!(back.signatures["open_box"].text, "payout-ok");
    }

    /// A wrong key or a cut ciphertext is an error of the step, never a panic or garbage.
    #[test]
    fn aes_decrypt_refuses_a_wrong_key_or_a_short_value() {
        let spec = spec();
        for (secret, sealed) in [
            ("WRONGKEY", "7Eu+dvYpHKi2UgKdqzzc1B+i47AeM/0D05FhqJQtYm4="),
            ("TOPSECRET", "7Eu+dvYpHKi2UgKdqzzc1A=="),
        ] {
            let creds = creds(&spec, secret);
            let mut engine = Engine::new(&spec, &creds, &OsEntropy);
            let mut msg = with_body(&[("sealed", sealed)]);
            let e = engine
                .ensure(&["open_box".to_string()], &mut msg)
                .unwrap_err();
            assert_eq!(e.step, Some(2), "{e}");
        }
    }

    const NEW_STEPS: &str = r#"
spec_version: 1
provider: { id: newsteps, name: New steps }
credentials:
  client_id: {}
  gateway_public: { type: rsa_public_key }
money: { currency: INR, amount: { encoding: string, decimals: 2 } }
signing:
  crc:
    steps: [ { template: "{{ body.a }}" }, { hash: crc32 }, { encode: decimal } ]
  sealed:
    steps:
      - template: "{{ credentials.client_id }}.{{ timestamp }}"
      - rsa_encrypt: { padding: oaep_sha256, key: gateway_public }
      - encode: base64
operations: {}
"#;

    /// `hash: crc32` then `encode: decimal`, and `rsa_encrypt` through the engine, checked
    /// by zlib and by openssl decrypting the result.
    #[test]
    fn crc32_decimal_and_rsa_encrypt_steps() {
        let spec = CompiledSpec::from_str(NEW_STEPS, "newsteps.yaml").unwrap();
        let mut v = IndexMap::new();
        v.insert("client_id".to_string(), "client-42".to_string());
        v.insert(
            "gateway_public".to_string(),
            include_str!("../../tests/keys/test-only-platform-public.pem").to_string(),
        );
        let creds = Credentials::new(spec.spec(), v).unwrap();
        let mut engine = Engine::new(&spec, &creds, &OsEntropy).explaining();
        let mut msg = with_body(&[("a", "123456789")]);
        msg.timestamp = Some("1714131228114".into());
        engine
            .ensure(&["crc".to_string(), "sealed".to_string()], &mut msg)
            .unwrap();
        // python3 -c "import zlib; print(zlib.crc32(b'123456789'))"  -> 3421780262
        assert_eq!(msg.signatures["crc"].text, "3421780262");
        let sealed = msg.signatures["sealed"].text.clone();
        // base64 -d | openssl pkeyutl -decrypt -inkey tests/keys/test-only-platform-private.pem
        //   -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256
        let ct = crate::crypto::encoding::decode(Encoding::Base64, &sealed).unwrap();
        let key = format!(
            "{}/../tests/keys/test-only-platform-private.pem",
            env!("CARGO_MANIFEST_DIR")
        );
        let mut child = std::process::Command::new("openssl")
            .args(["pkeyutl", "-decrypt", "-inkey", &key])
            .args([
                "-pkeyopt",
                "rsa_padding_mode:oaep",
                "-pkeyopt",
                "rsa_oaep_md:sha256",
            ])
            .args(["-pkeyopt", "rsa_mgf1_md:sha256"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("openssl is needed: it checks our RSA encryption independently");
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), &ct).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        assert_eq!(out.stdout, b"client-42.1714131228114");
        let labels: Vec<&str> = engine.trace.iter().map(|t| t.step.as_str()).collect();
        assert!(labels.contains(&"hash: crc32"), "{labels:?}");
        assert!(labels.contains(&"encode: decimal"), "{labels:?}");
        assert!(labels.contains(&"rsa_encrypt: oaep_sha256"), "{labels:?}");

        // The gateway's side (the sandbox) checks it by decrypting with the private half.
        let gateway = {
            let mut m = GatewayKeys::default();
            m.0.insert(
                "gateway_public".to_string(),
                PrivateKey::Rsa(
                    rsa::parse_private_key(include_str!(
                        "../../tests/keys/test-only-platform-private.pem"
                    ))
                    .unwrap(),
                ),
            );
            m
        };
        let mut checker = Engine::new(&spec, &creds, &OsEntropy).as_gateway(&gateway);
        let mut received = msg.clone();
        received.signatures.clear();
        assert!(checker
            .verify("sealed", &mut received, &sealed, Signer::Merchant)
            .unwrap());
        received.timestamp = Some("1714131228115".into());
        assert!(!checker
            .verify("sealed", &mut received, &sealed, Signer::Merchant)
            .unwrap());
        // The merchant's side cannot check it, and says so.
        let mut merchant = Engine::new(&spec, &creds, &OsEntropy);
        assert!(merchant
            .verify("sealed", &mut received, &sealed, Signer::Gateway)
            .is_err());
    }

    const JWS_SPEC: &str = r#"
spec_version: 1
provider: { id: jwsgw, name: JWS }
credentials:
  jwt_secret: { secret: true }
money: { currency: INR, amount: { encoding: string, decimals: 2 } }
signing:
  token:
    steps:
      - input: body_bytes
      - jws_sign: { alg: hs256, secret: "{{ credentials.jwt_secret }}", typ: JWT }
operations: {}
"#;

    /// `jws_sign` through the engine: the token openssl computes, redacted nowhere (an
    /// HMAC hides its key), and a received token with another header member still verifies
    /// while one over another body does not.
    #[test]
    fn jws_sign_step_signs_and_verifies() {
        let spec = CompiledSpec::from_str(JWS_SPEC, "jws.yaml").unwrap();
        let mut v = IndexMap::new();
        v.insert("jwt_secret".to_string(), "jws-secret".to_string());
        let creds = Credentials::new(spec.spec(), v).unwrap();
        let mut engine = Engine::new(&spec, &creds, &OsEntropy).explaining();
        let mut msg = Message {
            body_bytes: Some(br#"{"amount":"10.00","ref":"ORDER-42"}"#.to_vec()),
            ..Message::default()
        };
        engine.ensure(&["token".to_string()], &mut msg).unwrap();
        // The HS256 command of crypto::jws::tests::hs256_matches_openssl (same payload).
        assert_eq!(
            msg.signatures["token"].text,
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhbW91bnQiOiIxMC4wMCIsInJlZiI6Ik9SREVSLTQyIn0.OU3Xg6Hi46-NiyYM_nlMveHtYCTfRGRfhrsu_NISSVQ"
        );
        assert_eq!(engine.trace[1].step, "jws_sign: HS256");
        // H=$(printf '%s' '{"alg":"HS256","kid":"k9"}' | basenc --base64url | tr -d '=')
        // P=$(printf '%s' '{"amount":"10.00","ref":"ORDER-42"}' | basenc --base64url | tr -d '=')
        // printf '%s' "$H.$P" | openssl dgst -sha256 -hmac jws-secret -binary | basenc --base64url | tr -d '='
        let with_kid = "eyJhbGciOiJIUzI1NiIsImtpZCI6Ims5In0.eyJhbW91bnQiOiIxMC4wMCIsInJlZiI6Ik9SREVSLTQyIn0.JHc_lOvlo46dWWTSJS6xIdHVl9Nmojm14VsUnvzaCVY";
        let mut received = Message {
            body_bytes: msg.body_bytes.clone(),
            ..Message::default()
        };
        let mut checker = Engine::new(&spec, &creds, &OsEntropy);
        assert!(checker
            .verify("token", &mut received, with_kid, Signer::Gateway)
            .unwrap());
        let mut other = Message {
            body_bytes: Some(br#"{"amount":"99.00","ref":"ORDER-42"}"#.to_vec()),
            ..Message::default()
        };
        assert!(!checker
            .verify("token", &mut other, with_kid, Signer::Gateway)
            .unwrap());
    }

    const CURVES: &str = r#"
spec_version: 1
provider: { id: curves, name: Curves }
credentials:
  merchant_ed: { type: ed25519_private_key }
  gateway_ed: { type: ed25519_public_key }
  merchant_ec: { type: p256_private_key }
  gateway_ec: { type: p256_public_key }
money: { currency: INR, amount: { encoding: string, decimals: 2 } }
signing:
  request_ed:
    steps: [ { input: body_bytes }, { ed25519_sign: { key: merchant_ed, verify_key: gateway_ed } }, { encode: base64 } ]
  webhook_ed:
    steps: [ { input: body_bytes }, { ed25519_sign: { verify_key: gateway_ed } }, { encode: hex } ]
  request_es:
    steps: [ { input: body_bytes }, { jws_sign: { alg: es256, key: merchant_ec, typ: JWT } } ]
  webhook_es:
    steps: [ { input: body_bytes }, { jws_sign: { alg: es256, verify_key: gateway_ec, detached: true } } ]
operations: {}
"#;

    fn curve_creds(spec: &CompiledSpec) -> Credentials {
        let mut v = IndexMap::new();
        for (name, file) in [
            ("merchant_ed", "test-only-merchant-ed25519-private.pem"),
            ("gateway_ed", "test-only-platform-ed25519-public.pem"),
            ("merchant_ec", "test-only-merchant-p256-private.pem"),
            ("gateway_ec", "test-only-platform-p256-public.pem"),
        ] {
            let path = format!("{}/../tests/keys/{file}", env!("CARGO_MANIFEST_DIR"));
            v.insert(name.to_string(), std::fs::read_to_string(path).unwrap());
        }
        Credentials::new(spec.spec(), v).unwrap()
    }

    fn gateway_curve_keys() -> GatewayKeys {
        let read = |f: &str| {
            std::fs::read_to_string(format!("{}/../tests/keys/{f}", env!("CARGO_MANIFEST_DIR")))
                .unwrap()
        };
        let mut keys = GatewayKeys::default();
        keys.0.insert(
            "gateway_ed".into(),
            PrivateKey::Ed25519(
                ed25519::parse_private_key(&read("test-only-platform-ed25519-private.pem"))
                    .unwrap(),
            ),
        );
        keys.0.insert(
            "gateway_ec".into(),
            PrivateKey::P256(
                ec::parse_private_key(&read("test-only-platform-p256-private.pem")).unwrap(),
            ),
        );
        keys
    }

    const CURVE_BODY: &[u8] = br#"{"amount":"10.00","ref":"ORDER-42"}"#;

    /// The merchant signs a request with Ed25519 (the bytes openssl makes) and ES256 (the
    /// token python `cryptography` makes, RFC 6979); the gateway's side checks both with the
    /// merchant's public half; `--explain` names the steps.
    #[test]
    fn ed25519_and_es256_sign_requests_the_gateway_can_check() {
        let spec = CompiledSpec::from_str(CURVES, "curves.yaml").unwrap();
        let creds = curve_creds(&spec);
        let mut engine = Engine::new(&spec, &creds, &OsEntropy).explaining();
        let mut msg = Message {
            body_bytes: Some(CURVE_BODY.to_vec()),
            ..Message::default()
        };
        engine
            .ensure(&["request_ed".into(), "request_es".into()], &mut msg)
            .unwrap();
        // printf '%s' '{"amount":"10.00","ref":"ORDER-42"}' > m
        // openssl pkeyutl -sign -rawin -inkey tests/keys/test-only-merchant-ed25519-private.pem -in m | base64 -w0
        assert_eq!(
            msg.signatures["request_ed"].text,
            "JdIgPpqgp2jbKp31ZK1dO+bNCdePfhGjq2r9WXMMjhLluyqAG6XIQf9REAYJGZ8Iqr31JSHo6A4dIBZ3Z3neBQ=="
        );
        // The command of crypto::jws::tests::es256_matches_python_cryptography.
        assert_eq!(
            msg.signatures["request_es"].text,
            "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJhbW91bnQiOiIxMC4wMCIsInJlZiI6Ik9SREVSLTQyIn0.JkH_Pgv9x5YjXdrnw8lPQ2Cnk-pgwTOhRcHSukvgAEm79bgRPQMlYuREZYyzS5_jRvMAN6uOFqKWKeUNZrNa7Q"
        );
        let labels: Vec<&str> = engine.trace.iter().map(|t| t.step.as_str()).collect();
        assert!(labels.contains(&"ed25519_sign"), "{labels:?}");
        assert!(labels.contains(&"jws_sign: ES256"), "{labels:?}");

        let keys = gateway_curve_keys();
        let mut gateway = Engine::new(&spec, &creds, &OsEntropy).as_gateway(&keys);
        for name in ["request_ed", "request_es"] {
            let sent = msg.signatures[name].text.clone();
            let mut received = Message {
                body_bytes: Some(CURVE_BODY.to_vec()),
                ..Message::default()
            };
            assert!(gateway
                .verify(name, &mut received, &sent, Signer::Merchant)
                .unwrap());
            let mut tampered = Message {
                body_bytes: Some(br#"{"amount":"99.00","ref":"ORDER-42"}"#.to_vec()),
                ..Message::default()
            };
            assert!(!gateway
                .verify(name, &mut tampered, &sent, Signer::Merchant)
                .unwrap());
        }
    }

    /// What the gateway signs (an Ed25519 webhook signature made by openssl with its key, a
    /// detached ES256 token) verifies with its public key, and nothing else does.
    #[test]
    fn ed25519_and_es256_verify_what_the_gateway_signed() {
        let spec = CompiledSpec::from_str(CURVES, "curves.yaml").unwrap();
        let creds = curve_creds(&spec);
        let mut merchant = Engine::new(&spec, &creds, &OsEntropy);
        let received = || Message {
            body_bytes: Some(CURVE_BODY.to_vec()),
            ..Message::default()
        };
        // openssl pkeyutl -sign -rawin -inkey tests/keys/test-only-platform-ed25519-private.pem -in m | xxd -p -c128
        let by_gateway = "dda4759605887a308ef0fa4c1c30ec642433a68447da34545844bbb7b766bc8e3efddd5a86a0595da4591426b01d326cb9a40fcd73ecca4778bf52cc85543c06";
        assert!(merchant
            .verify("webhook_ed", &mut received(), by_gateway, Signer::Gateway)
            .unwrap());
        // The merchant's own signature is not the gateway's.
        let by_merchant = "25d2203e9aa0a768db2a9df564ad5d3be6cd09d78f7e11a3ab6afd59730c8e12e5bb2a801ba5c841ff51100609199f08aabdf52521e8e80e1d2016776779de05";
        assert!(!merchant
            .verify("webhook_ed", &mut received(), by_merchant, Signer::Gateway)
            .unwrap());
        assert!(!merchant
            .verify("webhook_ed", &mut received(), "zz", Signer::Gateway)
            .unwrap());

        // The sandbox signs as the gateway, and the merchant accepts it.
        let keys = gateway_curve_keys();
        let mut gateway = Engine::new(&spec, &creds, &OsEntropy).as_gateway(&keys);
        let mut out = received();
        gateway
            .ensure(&["webhook_ed".into(), "webhook_es".into()], &mut out)
            .unwrap();
        assert_eq!(out.signatures["webhook_ed"].text, by_gateway);
        let token = out.signatures["webhook_es"].text.clone();
        // Deterministic ES256 (RFC 6979) by python `cryptography` over the same header and body:
        // k = load_pem_private_key(open("tests/keys/test-only-platform-p256-private.pem","rb").read(), None)
        // h, p = b64url('{"alg":"ES256"}'), b64url(CURVE_BODY)
        // r, s = decode_dss_signature(k.sign(f"{h}.{p}".encode(), ECDSA(SHA256(), deterministic_signing=True)))
        // print(f"{h}..{b64url(r.to_bytes(32,'big') + s.to_bytes(32,'big'))}")
        assert_eq!(
            token,
            "eyJhbGciOiJFUzI1NiJ9..PkQKh-QbVU7dq3Yfe2apslrOnapKmcfvTCD6H7ldYk2zPcOfEUqAZDJgPN4AJWG-EWGrdFDzolApuC8oV27oug"
        );
        assert!(merchant
            .verify("webhook_es", &mut received(), &token, Signer::Gateway)
            .unwrap());
        // A token by the merchant's key (python, as in jws::tests) is refused.
        let wrong = "eyJhbGciOiJFUzI1NiIsImtpZCI6Imd3LTEifQ..icwXFcwJWSw3xEh-gERTeWfvu36DfmQuQsVPqqWlbnVZXe-V4xKl8vXVFy8QFDCe23pZHpC8ywDFwSHKbZXwvw";
        assert!(!merchant
            .verify("webhook_es", &mut received(), wrong, Signer::Gateway)
            .unwrap());

        // A recipe with only `verify_key` cannot sign on the merchant's side, and says so.
        let e = merchant
            .ensure(&["webhook_ed".into()], &mut received())
            .unwrap_err();
        assert!(e.message.contains("no `key:`"), "{e}");
    }
}

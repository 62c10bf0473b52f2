//! A merchant's credentials for one spec: checked against the spec, keys parsed once, and
//! secrets that never print.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use indexmap::IndexMap;
use payout_spec::{CredentialKind, Spec};

use crate::crypto::rsa::{self, PrivateKey, PublicKey};
use crate::crypto::{ec, ed25519};

/// A text that `Debug` and `Display` never show.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value, for signing. Call sites are the only places a secret is read.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Credentials that do not fit the spec: every problem, never a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialsError(pub Vec<String>);

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("; "))
    }
}

impl std::error::Error for CredentialsError {}

impl From<CredentialsError> for crate::error::PayoutError {
    fn from(e: CredentialsError) -> Self {
        crate::error::PayoutError::config(e.to_string())
    }
}

/// Credentials by the spec's names.
#[derive(Clone)]
pub struct Credentials {
    values: IndexMap<String, Secret>,
    secret: Vec<String>,
    private_keys: HashMap<String, PrivateKey>,
    public_keys: HashMap<String, PublicKey>,
    curve_keys: CurveKeys,
    /// `credentials` as templates see it, built once: every render of every request
    /// uses it.
    template_value: minijinja::Value,
    /// The same with secrets as `<redacted:NAME>`, for `--explain` and shown headers.
    redacted_template_value: minijinja::Value,
    /// The secret values with their labels, shared with every prepared request so that
    /// what it shows is redacted on demand (`PreparedRequest::shown_url`).
    secrets: Arc<[(String, String)]>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        for (name, value) in &self.values {
            if self.is_secret(name) {
                m.entry(name, &format_args!("<redacted:{name}>"));
            } else {
                m.entry(name, &value.0);
            }
        }
        m.finish()
    }
}

impl Credentials {
    /// Checks the values against the spec: every declared credential present, no unknown
    /// names, keys parseable. Every problem is returned, never a value.
    pub fn new(spec: &Spec, values: IndexMap<String, String>) -> Result<Self, CredentialsError> {
        Self::build(spec, values, true)
    }

    /// Like [`Credentials::new`], but credentials may be left out: for known-answer vectors
    /// that check a part of a spec needing only some. A template that uses a missing one
    /// fails, since templates refuse undefined names.
    pub fn subset(spec: &Spec, values: IndexMap<String, String>) -> Result<Self, CredentialsError> {
        Self::build(spec, values, false)
    }

    fn build(
        spec: &Spec,
        values: IndexMap<String, String>,
        all: bool,
    ) -> Result<Self, CredentialsError> {
        let mut problems = Vec::new();
        for name in values.keys() {
            if !spec.credentials.contains_key(name) {
                problems.push(format!(
                    "unknown credential `{name}`; {} expects {}",
                    spec.provider.id,
                    names(spec)
                ));
            }
        }
        let mut private_keys = HashMap::new();
        let mut public_keys = HashMap::new();
        let mut curve_keys = CurveKeys::default();
        for (name, decl) in &spec.credentials {
            let Some(v) = values.get(name) else {
                if all {
                    problems.push(format!("missing credential `{name}`"));
                }
                continue;
            };
            match decl.kind {
                CredentialKind::Text => {}
                CredentialKind::RsaPrivateKey => match rsa::parse_private_key(v) {
                    Ok(k) => {
                        private_keys.insert(name.clone(), k);
                    }
                    Err(e) => problems.push(format!("credential `{name}`: {e}")),
                },
                CredentialKind::RsaPublicKey => match rsa::parse_public_key(v) {
                    Ok(k) => {
                        public_keys.insert(name.clone(), k);
                    }
                    Err(e) => problems.push(format!("credential `{name}`: {e}")),
                },
                CredentialKind::Ed25519PrivateKey => match ed25519::parse_private_key(v) {
                    Ok(k) => {
                        curve_keys.ed25519_private.insert(name.clone(), k);
                    }
                    Err(e) => problems.push(format!("credential `{name}`: {e}")),
                },
                CredentialKind::Ed25519PublicKey => match ed25519::parse_public_key(v) {
                    Ok(k) => {
                        curve_keys.ed25519_public.insert(name.clone(), k);
                    }
                    Err(e) => problems.push(format!("credential `{name}`: {e}")),
                },
                CredentialKind::P256PrivateKey => match ec::parse_private_key(v) {
                    Ok(k) => {
                        curve_keys.p256_private.insert(name.clone(), k);
                    }
                    Err(e) => problems.push(format!("credential `{name}`: {e}")),
                },
                CredentialKind::P256PublicKey => match ec::parse_public_key(v) {
                    Ok(k) => {
                        curve_keys.p256_public.insert(name.clone(), k);
                    }
                    Err(e) => problems.push(format!("credential `{name}`: {e}")),
                },
            }
        }
        if !problems.is_empty() {
            return Err(CredentialsError(problems));
        }
        let secret: Vec<String> = spec.secret_credentials().map(str::to_string).collect();
        let template_value = values
            .iter()
            .map(|(k, v)| (k.clone(), minijinja::Value::from(v.clone())))
            .collect();
        let redacted_template_value = values
            .iter()
            .map(|(k, v)| {
                let shown = if secret.contains(k) {
                    crate::redact::label(k)
                } else {
                    v.clone()
                };
                (k.clone(), minijinja::Value::from(shown))
            })
            .collect();
        let secrets = values
            .iter()
            .filter(|(k, v)| secret.contains(k) && !v.is_empty())
            .map(|(k, v)| (v.clone(), crate::redact::label(k)))
            .collect();
        Ok(Credentials {
            secrets,
            values: values.into_iter().map(|(k, v)| (k, Secret(v))).collect(),
            secret,
            private_keys,
            public_keys,
            curve_keys,
            template_value,
            redacted_template_value,
        })
    }

    /// `credentials` as templates see it; `redacted` shows secrets as `<redacted:NAME>`.
    pub(crate) fn template_value(&self, redacted: bool) -> &minijinja::Value {
        if redacted {
            &self.redacted_template_value
        } else {
            &self.template_value
        }
    }

    /// A credential's value as it may be shown: a secret one as `<redacted:NAME>`.
    pub(crate) fn shown(&self, name: &str) -> Option<Cow<'_, str>> {
        let v = self.values.get(name)?;
        Some(if self.secret.iter().any(|s| s == name) {
            Cow::Owned(crate::redact::label(name))
        } else {
            Cow::Borrowed(v.expose())
        })
    }

    /// The secret values and their labels, for redacting text they may be written in.
    pub(crate) fn secrets(&self) -> Arc<[(String, String)]> {
        Arc::clone(&self.secrets)
    }

    pub fn get(&self, name: &str) -> Option<&Secret> {
        self.values.get(name)
    }

    /// Whether the spec says the credential is secret (an RSA private key always is).
    pub fn is_secret(&self, name: &str) -> bool {
        self.secret.iter().any(|s| s == name)
    }

    pub fn private_key(&self, name: &str) -> Option<&PrivateKey> {
        self.private_keys.get(name)
    }

    pub fn public_key(&self, name: &str) -> Option<&PublicKey> {
        self.public_keys.get(name)
    }

    pub fn ed25519_private_key(&self, name: &str) -> Option<&ed25519::PrivateKey> {
        self.curve_keys.ed25519_private.get(name)
    }

    pub fn ed25519_public_key(&self, name: &str) -> Option<&ed25519::PublicKey> {
        self.curve_keys.ed25519_public.get(name)
    }

    pub fn p256_private_key(&self, name: &str) -> Option<&ec::PrivateKey> {
        self.curve_keys.p256_private.get(name)
    }

    pub fn p256_public_key(&self, name: &str) -> Option<&ec::PublicKey> {
        self.curve_keys.p256_public.get(name)
    }

    /// (name, value) pairs, for building template contexts.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Secret)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// Ed25519 and P-256 keys, parsed once like the RSA ones.
#[derive(Clone, Default)]
struct CurveKeys {
    ed25519_private: HashMap<String, ed25519::PrivateKey>,
    ed25519_public: HashMap<String, ed25519::PublicKey>,
    p256_private: HashMap<String, ec::PrivateKey>,
    p256_public: HashMap<String, ec::PublicKey>,
}

/// The gateway's private keys, held by its side (the sandbox), by the name of the
/// public-key credential a merchant verifies their signatures with: with them the engine
/// signs as the gateway, and can read what a merchant encrypted (`rsa_encrypt`).
#[derive(Debug, Clone, Default)]
pub struct GatewayKeys {
    pub rsa: HashMap<String, PrivateKey>,
    pub ed25519: HashMap<String, ed25519::PrivateKey>,
    pub p256: HashMap<String, ec::PrivateKey>,
}

fn names(spec: &Spec) -> String {
    spec.credentials
        .keys()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

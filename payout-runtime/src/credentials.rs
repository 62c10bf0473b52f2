//! A merchant's credentials for one spec: checked against the spec, keys parsed once, and
//! secrets that never print.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use indexmap::IndexMap;
use payout_spec::Spec;

use crate::crypto::keys::{self, Algorithm, Key, PrivateKey};

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
    values: IndexMap<String, Secret, foldhash::fast::RandomState>,
    secret: Vec<String>,
    /// Key credentials, parsed once, by name.
    keys: HashMap<String, Key>,
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
        let mut keys = HashMap::new();
        for (name, decl) in &spec.credentials {
            let Some(v) = values.get(name) else {
                if all {
                    problems.push(format!("missing credential `{name}`"));
                }
                continue;
            };
            match keys::parse(decl.kind, v) {
                Ok(Some(key)) => {
                    keys.insert(name.clone(), key);
                }
                Ok(None) => {}
                Err(e) => problems.push(format!("credential `{name}`: {e}")),
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
            keys,
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
        Some(if self.is_secret(name) {
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

    /// The private key credential `name`, when it is a key of algorithm `A`
    /// (`creds.private_key::<rsa::PrivateKey>("key")`).
    pub fn private_key<A: Algorithm>(&self, name: &str) -> Option<&A> {
        match self.keys.get(name)? {
            Key::Private(k) => A::private(k),
            Key::Public(_) => None,
        }
    }

    /// The public key credential `name`, when it is a key of algorithm `A`.
    pub fn public_key<A: Algorithm>(&self, name: &str) -> Option<&A::Public> {
        match self.keys.get(name)? {
            Key::Public(k) => A::public(k),
            Key::Private(_) => None,
        }
    }

    /// (name, value) pairs, for building template contexts.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Secret)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// The gateway's private keys, held by its side (the sandbox), by the name of the
/// public-key credential a merchant verifies their signatures with: with them the engine
/// signs as the gateway, and can read what a merchant encrypted (`rsa_encrypt`).
#[derive(Debug, Clone, Default)]
pub struct GatewayKeys(pub HashMap<String, PrivateKey>);

impl GatewayKeys {
    /// The gateway's private key behind the public-key credential `name`, when it is a key
    /// of algorithm `A`.
    pub fn get<A: Algorithm>(&self, name: &str) -> Option<&A> {
        self.0.get(name).and_then(A::private)
    }
}

fn names(spec: &Spec) -> String {
    spec.credentials
        .keys()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

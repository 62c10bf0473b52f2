//! Test-only credentials for any spec, shared by the sandbox and the clients that talk to
//! it (the demo, the end-to-end tests), so that a new spec works with no setup.
//!
//! Text credentials get readable made-up values; RSA credentials get the test-only keys of
//! `tests/keys/` (never to be used for anything real): the merchant's key pair, and the
//! gateway's, whose private half the sandbox signs with.

use std::collections::HashMap;

use indexmap::IndexMap;
use payout_runtime::crypto::rsa::{self, PrivateKey};
use payout_spec::{CredentialKind, Spec};

const MERCHANT_PRIVATE: &str = include_str!("../../tests/keys/test-only-merchant-private.pem");
const PLATFORM_PRIVATE: &str = include_str!("../../tests/keys/test-only-platform-private.pem");
const PLATFORM_PUBLIC: &str = include_str!("../../tests/keys/test-only-platform-public.pem");

/// The merchant's credentials for a spec, by the spec's names.
pub fn merchant(spec: &Spec) -> IndexMap<String, String> {
    spec.credentials
        .iter()
        .map(|(name, c)| {
            let v = match c.kind {
                CredentialKind::Text => format!("sandbox-{}-{name}", spec.provider.id),
                CredentialKind::RsaPrivateKey => MERCHANT_PRIVATE.to_string(),
                CredentialKind::RsaPublicKey => PLATFORM_PUBLIC.to_string(),
            };
            (name.clone(), v)
        })
        .collect()
}

/// Credentials that sign wrongly: every secret altered, and RSA private keys swapped for
/// another valid key (a wrong-signature fault must still produce a well-formed signature).
pub fn wrong(spec: &Spec, good: &IndexMap<String, String>) -> IndexMap<String, String> {
    good.iter()
        .map(|(name, v)| {
            let c = spec.credentials.get(name);
            let v = match c.map(|c| (c.kind, c.secret)) {
                Some((CredentialKind::RsaPrivateKey, _)) => PLATFORM_PRIVATE.to_string(),
                Some((CredentialKind::Text, true)) => format!("wrong-{v}"),
                _ => v.clone(),
            };
            (name.clone(), v)
        })
        .collect()
}

/// Gateway keys that sign wrongly: the merchant's key in place of the gateway's.
pub fn wrong_gateway_keys(
    keys: &HashMap<String, PrivateKey>,
) -> Result<HashMap<String, PrivateKey>, String> {
    let other = rsa::parse_private_key(MERCHANT_PRIVATE).map_err(|e| e.to_string())?;
    Ok(keys.keys().map(|k| (k.clone(), other.clone())).collect())
}

/// The gateway's private keys, by the name of the public-key credential that verifies them.
pub fn gateway_keys(spec: &Spec) -> Result<HashMap<String, PrivateKey>, String> {
    let mut out = HashMap::new();
    for (name, c) in &spec.credentials {
        if c.kind == CredentialKind::RsaPublicKey {
            let key = rsa::parse_private_key(PLATFORM_PRIVATE).map_err(|e| e.to_string())?;
            out.insert(name.clone(), key);
        }
    }
    Ok(out)
}

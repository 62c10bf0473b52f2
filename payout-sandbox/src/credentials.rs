//! Test-only credentials for any spec, shared by the sandbox and the clients that talk to
//! it (the demo, the end-to-end tests), so that a new spec works with no setup.
//!
//! Text credentials get readable made-up values; key credentials (RSA, Ed25519, P-256) get
//! the test-only keys of `tests/keys/` (never to be used for anything real): the merchant's
//! key pair, and the gateway's, whose private half the sandbox signs with.

use indexmap::IndexMap;
use payout_runtime::credentials::GatewayKeys;
use payout_runtime::crypto::keys::{self, Key, PrivateKey};
use payout_spec::{CredentialKind, Spec};

const MERCHANT_PRIVATE: &str = include_str!("../../tests/keys/test-only-merchant-private.pem");
const PLATFORM_PRIVATE: &str = include_str!("../../tests/keys/test-only-platform-private.pem");
const PLATFORM_PUBLIC: &str = include_str!("../../tests/keys/test-only-platform-public.pem");
const MERCHANT_ED25519: &str =
    include_str!("../../tests/keys/test-only-merchant-ed25519-private.pem");
const PLATFORM_ED25519: &str =
    include_str!("../../tests/keys/test-only-platform-ed25519-private.pem");
const PLATFORM_ED25519_PUBLIC: &str =
    include_str!("../../tests/keys/test-only-platform-ed25519-public.pem");
const MERCHANT_P256: &str = include_str!("../../tests/keys/test-only-merchant-p256-private.pem");
const PLATFORM_P256: &str = include_str!("../../tests/keys/test-only-platform-p256-private.pem");
const PLATFORM_P256_PUBLIC: &str =
    include_str!("../../tests/keys/test-only-platform-p256-public.pem");

/// The merchant's credentials for a spec, by the spec's names.
pub fn merchant(spec: &Spec) -> IndexMap<String, String> {
    spec.credentials
        .iter()
        .map(|(name, c)| {
            let v = match c.kind {
                CredentialKind::Text => format!("sandbox-{}-{name}", spec.provider.id),
                CredentialKind::RsaPrivateKey => MERCHANT_PRIVATE.to_string(),
                CredentialKind::RsaPublicKey => PLATFORM_PUBLIC.to_string(),
                CredentialKind::Ed25519PrivateKey => MERCHANT_ED25519.to_string(),
                CredentialKind::Ed25519PublicKey => PLATFORM_ED25519_PUBLIC.to_string(),
                CredentialKind::P256PrivateKey => MERCHANT_P256.to_string(),
                CredentialKind::P256PublicKey => PLATFORM_P256_PUBLIC.to_string(),
            };
            (name.clone(), v)
        })
        .collect()
}

/// Credentials that sign wrongly: every secret altered, and private keys swapped for
/// another valid key (a wrong-signature fault must still produce a well-formed signature).
pub fn wrong(spec: &Spec, good: &IndexMap<String, String>) -> IndexMap<String, String> {
    good.iter()
        .map(|(name, v)| {
            let c = spec.credentials.get(name);
            let v = match c.map(|c| (c.kind, c.secret)) {
                Some((CredentialKind::RsaPrivateKey, _)) => PLATFORM_PRIVATE.to_string(),
                Some((CredentialKind::Ed25519PrivateKey, _)) => PLATFORM_ED25519.to_string(),
                Some((CredentialKind::P256PrivateKey, _)) => PLATFORM_P256.to_string(),
                Some((CredentialKind::Text, true)) => format!("wrong-{v}"),
                _ => v.clone(),
            };
            (name.clone(), v)
        })
        .collect()
}

/// Gateway keys that sign wrongly: the merchant's keys of the same algorithm in place of
/// the gateway's.
pub fn wrong_gateway_keys(keys: &GatewayKeys) -> Result<GatewayKeys, String> {
    keyed(keys.0.iter(), |key| match key {
        PrivateKey::Rsa(_) => (CredentialKind::RsaPrivateKey, MERCHANT_PRIVATE),
        PrivateKey::Ed25519(_) => (CredentialKind::Ed25519PrivateKey, MERCHANT_ED25519),
        PrivateKey::P256(_) => (CredentialKind::P256PrivateKey, MERCHANT_P256),
    })
}

/// The gateway's private keys, by the name of the public-key credential that verifies them.
pub fn gateway_keys(spec: &Spec) -> Result<GatewayKeys, String> {
    let public = spec.credentials.iter().filter_map(|(name, c)| {
        let key = match c.kind {
            CredentialKind::RsaPublicKey => CredentialKind::RsaPrivateKey,
            CredentialKind::Ed25519PublicKey => CredentialKind::Ed25519PrivateKey,
            CredentialKind::P256PublicKey => CredentialKind::P256PrivateKey,
            _ => return None,
        };
        Some((name, key))
    });
    keyed(public, |kind| {
        let text = match kind {
            CredentialKind::RsaPrivateKey => PLATFORM_PRIVATE,
            CredentialKind::Ed25519PrivateKey => PLATFORM_ED25519,
            _ => PLATFORM_P256,
        };
        (kind, text)
    })
}

/// Private keys by name, each parsed from the test key `pick` names for it.
fn keyed<'a, T>(
    names: impl Iterator<Item = (&'a String, T)>,
    pick: impl Fn(T) -> (CredentialKind, &'static str),
) -> Result<GatewayKeys, String> {
    let mut out = GatewayKeys::default();
    for (name, which) in names {
        let (kind, text) = pick(which);
        match keys::parse(kind, text).map_err(|e| e.to_string())? {
            Some(Key::Private(key)) => {
                out.0.insert(name.clone(), key);
            }
            _ => return Err(format!("the test key for `{name}` is not a private key")),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use payout_runtime::credentials::Credentials;
    use payout_runtime::crypto::{ec, ed25519};

    const CURVES: &str = r#"
spec_version: 1
provider: { id: curves, name: Curves }
credentials:
  merchant_ed: { type: ed25519_private_key }
  gateway_ed: { type: ed25519_public_key }
  merchant_ec: { type: p256_private_key }
  gateway_ec: { type: p256_public_key }
money: { currency: INR, amount: { encoding: string, decimals: 2 } }
operations: {}
"#;

    /// What the sandbox signs as the gateway verifies with the public keys it hands the
    /// merchant, and its wrong-signature keys are other valid keys.
    #[test]
    fn curve_keys_pair_up_between_merchant_and_gateway() {
        let spec = payout_spec::load_str(CURVES, "curves.yaml").unwrap().spec;
        let good = merchant(&spec);
        let creds = Credentials::new(&spec, good.clone()).unwrap();
        let keys = gateway_keys(&spec).unwrap();
        let ed = |k: &GatewayKeys, name| k.get::<ed25519::PrivateKey>(name).map(|k| k.public_key());
        let p256 = |k: &GatewayKeys, name| k.get::<ec::PrivateKey>(name).map(|k| k.public_key());
        assert_eq!(
            ed(&keys, "gateway_ed").as_ref(),
            creds.public_key::<ed25519::PrivateKey>("gateway_ed")
        );
        assert_eq!(
            p256(&keys, "gateway_ec").as_ref(),
            creds.public_key::<ec::PrivateKey>("gateway_ec")
        );
        let wrong_keys = wrong_gateway_keys(&keys).unwrap();
        assert!(ed(&wrong_keys, "gateway_ed").is_some());
        assert_ne!(
            ed(&wrong_keys, "gateway_ed").as_ref(),
            creds.public_key::<ed25519::PrivateKey>("gateway_ed")
        );
        assert_ne!(
            p256(&wrong_keys, "gateway_ec").as_ref(),
            creds.public_key::<ec::PrivateKey>("gateway_ec")
        );
        let wrong = Credentials::new(&spec, wrong(&spec, &good)).unwrap();
        assert_ne!(
            wrong
                .private_key::<ec::PrivateKey>("merchant_ec")
                .map(|k| k.public_key()),
            creds
                .private_key::<ec::PrivateKey>("merchant_ec")
                .map(|k| k.public_key())
        );
    }
}

//! Test-only credentials for any spec, shared by the sandbox and the clients that talk to
//! it (the demo, the end-to-end tests), so that a new spec works with no setup.
//!
//! Text credentials get readable made-up values; key credentials (RSA, Ed25519, P-256) get
//! the test-only keys of `tests/keys/` (never to be used for anything real): the merchant's
//! key pair, and the gateway's, whose private half the sandbox signs with.

use indexmap::IndexMap;
use payout_runtime::credentials::GatewayKeys;
use payout_runtime::crypto::{ec, ed25519, rsa};
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

/// Gateway keys that sign wrongly: the merchant's keys in place of the gateway's.
pub fn wrong_gateway_keys(keys: &GatewayKeys) -> Result<GatewayKeys, String> {
    let rsa_key = rsa::parse_private_key(MERCHANT_PRIVATE).map_err(|e| e.to_string())?;
    let ed = ed25519::parse_private_key(MERCHANT_ED25519).map_err(|e| e.to_string())?;
    let p256 = ec::parse_private_key(MERCHANT_P256).map_err(|e| e.to_string())?;
    Ok(GatewayKeys {
        rsa: keys
            .rsa
            .keys()
            .map(|k| (k.clone(), rsa_key.clone()))
            .collect(),
        ed25519: keys
            .ed25519
            .keys()
            .map(|k| (k.clone(), ed.clone()))
            .collect(),
        p256: keys
            .p256
            .keys()
            .map(|k| (k.clone(), p256.clone()))
            .collect(),
    })
}

/// The gateway's private keys, by the name of the public-key credential that verifies them.
pub fn gateway_keys(spec: &Spec) -> Result<GatewayKeys, String> {
    let mut out = GatewayKeys::default();
    for (name, c) in &spec.credentials {
        match c.kind {
            CredentialKind::RsaPublicKey => {
                let key = rsa::parse_private_key(PLATFORM_PRIVATE).map_err(|e| e.to_string())?;
                out.rsa.insert(name.clone(), key);
            }
            CredentialKind::Ed25519PublicKey => {
                let key =
                    ed25519::parse_private_key(PLATFORM_ED25519).map_err(|e| e.to_string())?;
                out.ed25519.insert(name.clone(), key);
            }
            CredentialKind::P256PublicKey => {
                let key = ec::parse_private_key(PLATFORM_P256).map_err(|e| e.to_string())?;
                out.p256.insert(name.clone(), key);
            }
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use payout_runtime::credentials::Credentials;

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
        assert_eq!(
            Some(&keys.ed25519["gateway_ed"].public_key()),
            creds.ed25519_public_key("gateway_ed")
        );
        assert_eq!(
            Some(&keys.p256["gateway_ec"].public_key()),
            creds.p256_public_key("gateway_ec")
        );
        let wrong_keys = wrong_gateway_keys(&keys).unwrap();
        assert_ne!(
            Some(&wrong_keys.ed25519["gateway_ed"].public_key()),
            creds.ed25519_public_key("gateway_ed")
        );
        let wrong = Credentials::new(&spec, wrong(&spec, &good)).unwrap();
        assert_ne!(
            wrong
                .p256_private_key("merchant_ec")
                .map(|k| k.public_key()),
            creds
                .p256_private_key("merchant_ec")
                .map(|k| k.public_key())
        );
    }
}

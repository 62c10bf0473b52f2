//! Ed25519 signatures (RFC 8032), on `ed25519-dalek`, and the key formats gateways hand out:
//! PKCS#8 / SPKI PEM as `openssl genpkey -algorithm ed25519` writes them, the same DER in
//! bare Base64, or the raw 32 bytes (seed or point) in Base64 or hex; a 64-byte
//! `seed || public` secret key (libsodium, NaCl) is read too, its halves checked to match.
//!
//! Ed25519 is deterministic: the same key and message always give the same 64 bytes, so
//! tests compare with openssl byte for byte. The receiver still verifies with the public
//! key, since it does not hold the private one.

use std::fmt;

use ed25519_dalek::pkcs8::{DecodePrivateKey, DecodePublicKey};
use ed25519_dalek::Signer;

use super::keytext::{
    self, key_error, private_where_public_expected, public_where_private_expected, KeyText,
};
use super::CryptoError;

/// An Ed25519 private key. Its `Debug` never shows key material.
#[derive(Clone)]
pub struct PrivateKey(ed25519_dalek::SigningKey);

/// An Ed25519 public key.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(ed25519_dalek::VerifyingKey);

impl PrivateKey {
    /// The matching public key (to verify what this key signed).
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Ed25519PrivateKey(<redacted>)")
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ed25519PublicKey({})", hex::encode(self.0.as_bytes()))
    }
}

/// Reads a private key: PKCS#8 PEM (`BEGIN PRIVATE KEY`), bare Base64 of that DER, or the
/// 32-byte seed (or 64-byte `seed || public`) in Base64 or hex.
pub fn parse_private_key(text: &str) -> Result<PrivateKey, CryptoError> {
    let key = match keytext::read(text)? {
        KeyText::Pem { label, der } => match label.as_str() {
            "PRIVATE KEY" => from_pkcs8(&der)?,
            "PUBLIC KEY" => return Err(public_where_private_expected("an Ed25519")),
            other => {
                return Err(key_error(format!(
                    "a `{other}` PEM block is not an Ed25519 private key (expected PRIVATE KEY)"
                )))
            }
        },
        KeyText::Bytes(bytes) => match bytes.len() {
            32 => ed25519_dalek::SigningKey::from_bytes(&seed(&bytes)?),
            64 => {
                let key = ed25519_dalek::SigningKey::from_bytes(&seed(&bytes[..32])?);
                if key.verifying_key().as_bytes()[..] != bytes[32..] {
                    return Err(key_error(
                        "the 64-byte key's second half is not the public key of its first",
                    ));
                }
                key
            }
            _ if ed25519_dalek::VerifyingKey::from_public_key_der(&bytes).is_ok() => {
                return Err(public_where_private_expected("an Ed25519"))
            }
            _ => from_pkcs8(&bytes)?,
        },
    };
    Ok(PrivateKey(key))
}

/// Reads a public key: SPKI PEM (`BEGIN PUBLIC KEY`), bare Base64 of that DER, or the raw
/// 32-byte point in Base64 or hex.
pub fn parse_public_key(text: &str) -> Result<PublicKey, CryptoError> {
    let key = match keytext::read(text)? {
        KeyText::Pem { label, der } => match label.as_str() {
            "PUBLIC KEY" => from_spki(&der)?,
            "PRIVATE KEY" => return Err(private_where_public_expected()),
            other => {
                return Err(key_error(format!(
                    "a `{other}` PEM block is not an Ed25519 public key (expected PUBLIC KEY)"
                )))
            }
        },
        KeyText::Bytes(bytes) if bytes.len() == 32 => {
            let mut point = [0u8; 32];
            point.copy_from_slice(&bytes);
            ed25519_dalek::VerifyingKey::from_bytes(&point)
                .map_err(|_| key_error("the 32 bytes are not an Ed25519 public key"))?
        }
        KeyText::Bytes(bytes) => {
            if ed25519_dalek::SigningKey::from_pkcs8_der(&bytes).is_ok() {
                return Err(private_where_public_expected());
            }
            from_spki(&bytes)?
        }
    };
    Ok(PublicKey(key))
}

/// The 64-byte signature of `data` (the message itself: Ed25519 hashes internally).
pub fn sign(key: &PrivateKey, data: &[u8]) -> Vec<u8> {
    key.0.sign(data).to_bytes().to_vec()
}

/// Whether `signature` is `key`'s valid signature of `data`. Strict verification (RFC 8032
/// with the malleability checks): a malformed or non-canonical signature is simply invalid.
pub fn verify(key: &PublicKey, data: &[u8], signature: &[u8]) -> bool {
    let Ok(sig) = ed25519_dalek::Signature::from_slice(signature) else {
        return false;
    };
    key.0.verify_strict(data, &sig).is_ok()
}

fn seed(bytes: &[u8]) -> Result<[u8; 32], CryptoError> {
    bytes
        .try_into()
        .map_err(|_| key_error("an Ed25519 seed is 32 bytes"))
}

fn from_pkcs8(der: &[u8]) -> Result<ed25519_dalek::SigningKey, CryptoError> {
    ed25519_dalek::SigningKey::from_pkcs8_der(der)
        .map_err(|e| key_error(format!("not a PKCS#8 Ed25519 private key ({e})")))
}

fn from_spki(der: &[u8]) -> Result<ed25519_dalek::VerifyingKey, CryptoError> {
    ed25519_dalek::VerifyingKey::from_public_key_der(der)
        .map_err(|e| key_error(format!("not an Ed25519 public key (SPKI) ({e})")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRIVATE_PEM: &str =
        include_str!("../../../tests/keys/test-only-merchant-ed25519-private.pem");
    const PUBLIC_PEM: &str =
        include_str!("../../../tests/keys/test-only-merchant-ed25519-public.pem");

    /// openssl pkey -in tests/keys/test-only-merchant-ed25519-private.pem -outform DER | tail -c 32 | xxd -p -c64
    const SEED_HEX: &str = "74c1bde3c85a2db2755f7c87b752d1675a8de323f205f54e2fa34a3c3a2b71d9";
    /// openssl pkey -in tests/keys/test-only-merchant-ed25519-private.pem -pubout -outform DER | tail -c 32 | base64
    const POINT_B64: &str = "05Ws5PR0C4Tn6QzP5vulRGM4dp/DGbBGhyHQpztrfSI=";

    const MESSAGE: &[u8] = br#"{"amount":"10.00","ref":"ORDER-42"}"#;

    /// printf '%s' '{"amount":"10.00","ref":"ORDER-42"}' > m
    /// openssl pkeyutl -sign -rawin -inkey tests/keys/test-only-merchant-ed25519-private.pem -in m | xxd -p -c128
    const SIGNATURE_HEX: &str = "25d2203e9aa0a768db2a9df564ad5d3be6cd09d78f7e11a3ab6afd59730c8e12e5bb2a801ba5c841ff51100609199f08aabdf52521e8e80e1d2016776779de05";

    #[test]
    fn signs_as_openssl_does_from_every_key_format() {
        let der_b64: String = PRIVATE_PEM
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        for text in [PRIVATE_PEM, der_b64.as_str(), SEED_HEX] {
            let key = parse_private_key(text).unwrap();
            assert_eq!(hex::encode(sign(&key, MESSAGE)), SIGNATURE_HEX);
        }
        // libsodium's 64-byte secret key: seed then public key.
        let point =
            super::super::encoding::decode(payout_spec::Encoding::Base64, POINT_B64).unwrap();
        let long = format!("{SEED_HEX}{}", hex::encode(&point));
        let key = parse_private_key(&long).unwrap();
        assert_eq!(hex::encode(sign(&key, MESSAGE)), SIGNATURE_HEX);
        let mut wrong = point.clone();
        wrong[0] ^= 1;
        assert!(parse_private_key(&format!("{SEED_HEX}{}", hex::encode(&wrong))).is_err());
    }

    #[test]
    fn verifies_openssls_signature_from_every_public_key_format() {
        let sig = hex::decode(SIGNATURE_HEX).unwrap();
        for text in [PUBLIC_PEM, POINT_B64] {
            let key = parse_public_key(text).unwrap();
            assert!(verify(&key, MESSAGE, &sig));
            assert!(!verify(&key, b"{}", &sig));
            let mut bad = sig.clone();
            bad[10] ^= 1;
            assert!(!verify(&key, MESSAGE, &bad));
            assert!(!verify(&key, MESSAGE, &sig[..63]));
            assert!(!verify(&key, MESSAGE, b""));
        }
        let private = parse_private_key(PRIVATE_PEM).unwrap();
        assert_eq!(private.public_key(), parse_public_key(PUBLIC_PEM).unwrap());
    }

    #[test]
    fn the_wrong_kind_of_key_is_named_never_quoted() {
        let e = parse_public_key(PRIVATE_PEM).unwrap_err().to_string();
        assert!(e.contains("private key"), "{e}");
        assert!(parse_private_key(PUBLIC_PEM)
            .unwrap_err()
            .to_string()
            .contains("public key"));
        let rsa = include_str!("../../../tests/keys/test-only-merchant-private.pem");
        let e = parse_private_key(rsa).unwrap_err().to_string();
        assert!(e.contains("Ed25519"), "{e}");
        assert!(!format!("{:?}", parse_private_key(PRIVATE_PEM).unwrap()).contains(SEED_HEX));
    }
}

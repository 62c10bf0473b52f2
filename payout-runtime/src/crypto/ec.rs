//! ECDSA on P-256 with SHA-256 (JWS `ES256`), on RustCrypto's `p256`, and its key formats:
//! PKCS#8 or SEC1 PEM (`BEGIN PRIVATE KEY`, `BEGIN EC PRIVATE KEY`), SPKI PEM for public
//! keys, the same DER in bare Base64, and a public key as its SEC1 point (65 bytes
//! uncompressed or 33 compressed) in Base64 or hex.
//!
//! Signatures are the fixed 64-byte `r || s` that JWS uses (RFC 7518 §3.4), not the DER
//! that openssl and Java write. Signing is deterministic (RFC 6979), so tests compare with
//! python `cryptography`'s deterministic signing byte for byte.

use std::fmt;

use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use p256::pkcs8::{DecodePrivateKey, DecodePublicKey};

use super::keytext::{
    self, key_error, private_where_public_expected, public_where_private_expected, KeyText,
};
use super::CryptoError;

/// A P-256 private key. Its `Debug` never shows key material.
#[derive(Clone)]
pub struct PrivateKey(SigningKey);

/// A P-256 public key.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl PrivateKey {
    /// The matching public key.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(*self.0.verifying_key())
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("P256PrivateKey(<redacted>)")
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("P256PublicKey")
    }
}

/// Reads a private key: PKCS#8 or SEC1 PEM, or bare Base64 of either DER.
pub fn parse_private_key(text: &str) -> Result<PrivateKey, CryptoError> {
    let key = match keytext::read(text)? {
        KeyText::Pem { label, der } => match label.as_str() {
            "PRIVATE KEY" => SigningKey::from_pkcs8_der(&der)
                .map_err(|e| key_error(format!("not a PKCS#8 P-256 private key ({e})")))?,
            "EC PRIVATE KEY" => sec1(&der)?,
            "PUBLIC KEY" => return Err(public_where_private_expected("a P-256")),
            other => {
                return Err(key_error(format!(
                    "a `{other}` PEM block is not a P-256 private key (expected PRIVATE KEY or EC PRIVATE KEY)"
                )))
            }
        },
        KeyText::Bytes(der) => match SigningKey::from_pkcs8_der(&der) {
            Ok(k) => k,
            Err(e) => {
                if let Ok(k) = sec1(&der) {
                    k
                } else if VerifyingKey::from_public_key_der(&der).is_ok() {
                    return Err(public_where_private_expected("a P-256"));
                } else {
                    return Err(key_error(format!(
                        "not a PKCS#8 or SEC1 P-256 private key ({e})"
                    )));
                }
            }
        },
    };
    Ok(PrivateKey(key))
}

/// Reads a public key: SPKI PEM, bare Base64 SPKI DER, or a SEC1 point.
pub fn parse_public_key(text: &str) -> Result<PublicKey, CryptoError> {
    let key = match keytext::read(text)? {
        KeyText::Pem { label, der } => match label.as_str() {
            "PUBLIC KEY" => spki(&der)?,
            "PRIVATE KEY" | "EC PRIVATE KEY" => return Err(private_where_public_expected()),
            other => {
                return Err(key_error(format!(
                    "a `{other}` PEM block is not a P-256 public key (expected PUBLIC KEY)"
                )))
            }
        },
        KeyText::Bytes(bytes) if matches!(bytes.first(), Some(2..=4)) && bytes.len() <= 65 => {
            VerifyingKey::from_sec1_bytes(&bytes)
                .map_err(|_| key_error("the bytes are not a P-256 point"))?
        }
        KeyText::Bytes(der) => {
            if parse_private_key_der(&der) {
                return Err(private_where_public_expected());
            }
            spki(&der)?
        }
    };
    Ok(PublicKey(key))
}

/// The 64-byte `r || s` ECDSA signature of SHA-256(`data`), deterministic (RFC 6979).
pub fn sign(key: &PrivateKey, data: &[u8]) -> Vec<u8> {
    let sig: Signature = key.0.sign(data);
    sig.to_bytes().to_vec()
}

/// Whether `signature` (64 bytes, `r || s`) is `key`'s valid ECDSA signature of
/// SHA-256(`data`). Anything else (DER, a wrong length) is simply invalid.
pub fn verify(key: &PublicKey, data: &[u8], signature: &[u8]) -> bool {
    if signature.len() != 64 {
        return false;
    }
    let Ok(sig) = Signature::from_slice(signature) else {
        return false;
    };
    key.0.verify(data, &sig).is_ok()
}

fn sec1(der: &[u8]) -> Result<SigningKey, CryptoError> {
    p256::SecretKey::from_sec1_der(der)
        .map(SigningKey::from)
        .map_err(|e| key_error(format!("not a SEC1 P-256 private key ({e})")))
}

fn spki(der: &[u8]) -> Result<VerifyingKey, CryptoError> {
    VerifyingKey::from_public_key_der(der)
        .map_err(|e| key_error(format!("not a P-256 public key (SPKI) ({e})")))
}

fn parse_private_key_der(der: &[u8]) -> bool {
    SigningKey::from_pkcs8_der(der).is_ok() || sec1(der).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRIVATE_PEM: &str =
        include_str!("../../../tests/keys/test-only-merchant-p256-private.pem");
    const PRIVATE_SEC1: &str =
        include_str!("../../../tests/keys/test-only-merchant-p256-private-sec1.pem");
    const PUBLIC_PEM: &str = include_str!("../../../tests/keys/test-only-merchant-p256-public.pem");
    const MESSAGE: &[u8] = br#"{"amount":"10.00","ref":"ORDER-42"}"#;

    /// python3 -c "
    /// from cryptography.hazmat.primitives import serialization, hashes
    /// from cryptography.hazmat.primitives.asymmetric import ec, utils
    /// k = serialization.load_pem_private_key(open('tests/keys/test-only-merchant-p256-private.pem','rb').read(), None)
    /// r, s = utils.decode_dss_signature(k.sign(b'{\"amount\":\"10.00\",\"ref\":\"ORDER-42\"}', ec.ECDSA(hashes.SHA256(), deterministic_signing=True)))
    /// print((r.to_bytes(32,'big') + s.to_bytes(32,'big')).hex())"
    const RFC6979_HEX: &str = "2503271af2ce9a64ebead56c4218fd9d3a10ed7a792e2e15709e951e68994b197af77fbf49bd4baeb63ffeab9baf2a31cdee0604445992cf00f51e61fe3871e6";

    /// openssl pkey -in tests/keys/test-only-merchant-p256-private.pem -pubout -outform DER | tail -c 65 | base64 -w0
    const POINT_B64: &str =
        "BIjGXHA7Ae02hbN6IPnvn7kXKO18/bzZa/jZ4uXfwPTwWnK1t9aHNZjkoF1riSkPFgbH6M4tJN4A5CeYsKdwPsk=";

    #[test]
    fn signs_as_python_cryptography_does_deterministically() {
        for text in [PRIVATE_PEM, PRIVATE_SEC1] {
            let key = parse_private_key(text).unwrap();
            assert_eq!(hex::encode(sign(&key, MESSAGE)), RFC6979_HEX);
        }
    }

    /// A signature openssl made (randomised, DER) verifies once written as `r || s`;
    /// the DER form itself is refused, as JWS requires.
    #[test]
    fn verifies_an_openssl_signature() {
        // openssl dgst -sha256 -sign tests/keys/test-only-merchant-p256-private.pem m > sig.der
        // openssl asn1parse -inform DER -in sig.der   (r and s, each left-padded to 32 bytes)
        let r_s = hex::decode(OPENSSL_R_S).unwrap();
        let der = hex::decode(OPENSSL_DER).unwrap();
        for text in [PUBLIC_PEM, POINT_B64] {
            let key = parse_public_key(text).unwrap();
            assert!(verify(&key, MESSAGE, &r_s));
            assert!(!verify(&key, b"{}", &r_s));
            assert!(!verify(&key, MESSAGE, &der));
            assert!(!verify(&key, MESSAGE, &r_s[..63]));
        }
        let private = parse_private_key(PRIVATE_PEM).unwrap();
        assert_eq!(private.public_key(), parse_public_key(PUBLIC_PEM).unwrap());
    }

    const OPENSSL_DER: &str = "3046022100d67396c64285a4d58be593b13d6ada7e7267b2d2dd7ea6de2d063cb13a6d0521022100ff4aa976a01b45b85f14e453d7ff39a3d68647678ef3272e4174061b5e84cde8";
    const OPENSSL_R_S: &str = "d67396c64285a4d58be593b13d6ada7e7267b2d2dd7ea6de2d063cb13a6d0521ff4aa976a01b45b85f14e453d7ff39a3d68647678ef3272e4174061b5e84cde8";

    #[test]
    fn the_wrong_kind_of_key_is_named() {
        assert!(parse_public_key(PRIVATE_PEM)
            .unwrap_err()
            .to_string()
            .contains("private key"));
        assert!(parse_private_key(PUBLIC_PEM)
            .unwrap_err()
            .to_string()
            .contains("public key"));
        let ed = include_str!("../../../tests/keys/test-only-merchant-ed25519-private.pem");
        assert!(parse_private_key(ed).is_err());
        assert_eq!(
            format!("{:?}", parse_private_key(PRIVATE_PEM).unwrap()),
            "P256PrivateKey(<redacted>)"
        );
    }
}

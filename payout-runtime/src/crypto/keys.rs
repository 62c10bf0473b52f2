//! Keys of every type as one value: a credential of any key type is parsed here once, and
//! the signing engine asks for "the private key named X" without knowing which maps hold
//! which algorithm. The algorithm modules (`rsa`, `ed25519`, `ec`) stay bytes in, bytes out.

use payout_spec::CredentialKind;

use super::{ec, ed25519, rsa, CryptoError};

/// A private key of one of the algorithms a recipe can sign with. Its `Debug` never shows
/// key material (each algorithm's key redacts itself).
#[derive(Debug, Clone)]
pub enum PrivateKey {
    Rsa(rsa::PrivateKey),
    Ed25519(ed25519::PrivateKey),
    P256(ec::PrivateKey),
}

/// A public key of one of the algorithms a recipe can verify with.
#[derive(Debug, Clone)]
pub enum PublicKey {
    Rsa(rsa::PublicKey),
    Ed25519(ed25519::PublicKey),
    P256(ec::PublicKey),
}

/// A parsed key credential.
#[derive(Debug, Clone)]
pub enum Key {
    Private(PrivateKey),
    Public(PublicKey),
}

impl PrivateKey {
    /// The matching public key (to verify what this key signed).
    pub fn public_key(&self) -> PublicKey {
        match self {
            PrivateKey::Rsa(k) => PublicKey::Rsa(k.public_key()),
            PrivateKey::Ed25519(k) => PublicKey::Ed25519(k.public_key()),
            PrivateKey::P256(k) => PublicKey::P256(k.public_key()),
        }
    }
}

/// Parses a credential's text as its declared kind: `None` for a plain text credential.
/// The error never quotes the text (it may be a private key pasted into the wrong place).
pub fn parse(kind: CredentialKind, text: &str) -> Result<Option<Key>, CryptoError> {
    use Key::{Private, Public};
    Ok(Some(match kind {
        CredentialKind::Text => return Ok(None),
        CredentialKind::RsaPrivateKey => Private(PrivateKey::Rsa(rsa::parse_private_key(text)?)),
        CredentialKind::RsaPublicKey => Public(PublicKey::Rsa(rsa::parse_public_key(text)?)),
        CredentialKind::Ed25519PrivateKey => {
            Private(PrivateKey::Ed25519(ed25519::parse_private_key(text)?))
        }
        CredentialKind::Ed25519PublicKey => {
            Public(PublicKey::Ed25519(ed25519::parse_public_key(text)?))
        }
        CredentialKind::P256PrivateKey => Private(PrivateKey::P256(ec::parse_private_key(text)?)),
        CredentialKind::P256PublicKey => Public(PublicKey::P256(ec::parse_public_key(text)?)),
    }))
}

/// One algorithm's key type, picked out of the enums: lets the signing engine look a key up
/// once, generically, and say which type it expected when the credential is another.
pub trait Algorithm: Sized + Clone {
    type Public: Clone;
    /// How a refusal names the private key (`an RSA private key`).
    const PRIVATE: &'static str;
    /// How a refusal names the public key (`an RSA public key`).
    const PUBLIC: &'static str;
    fn private(key: &PrivateKey) -> Option<&Self>;
    fn public(key: &PublicKey) -> Option<&Self::Public>;
    fn public_of(key: &Self) -> Self::Public;
}

impl Algorithm for rsa::PrivateKey {
    type Public = rsa::PublicKey;
    const PRIVATE: &'static str = "an RSA private key";
    const PUBLIC: &'static str = "an RSA public key";
    fn private(key: &PrivateKey) -> Option<&Self> {
        match key {
            PrivateKey::Rsa(k) => Some(k),
            _ => None,
        }
    }
    fn public(key: &PublicKey) -> Option<&Self::Public> {
        match key {
            PublicKey::Rsa(k) => Some(k),
            _ => None,
        }
    }
    fn public_of(key: &Self) -> Self::Public {
        key.public_key()
    }
}

impl Algorithm for ed25519::PrivateKey {
    type Public = ed25519::PublicKey;
    const PRIVATE: &'static str = "an Ed25519 private key";
    const PUBLIC: &'static str = "an Ed25519 public key";
    fn private(key: &PrivateKey) -> Option<&Self> {
        match key {
            PrivateKey::Ed25519(k) => Some(k),
            _ => None,
        }
    }
    fn public(key: &PublicKey) -> Option<&Self::Public> {
        match key {
            PublicKey::Ed25519(k) => Some(k),
            _ => None,
        }
    }
    fn public_of(key: &Self) -> Self::Public {
        key.public_key()
    }
}

impl Algorithm for ec::PrivateKey {
    type Public = ec::PublicKey;
    const PRIVATE: &'static str = "a P-256 private key";
    const PUBLIC: &'static str = "a P-256 public key";
    fn private(key: &PrivateKey) -> Option<&Self> {
        match key {
            PrivateKey::P256(k) => Some(k),
            _ => None,
        }
    }
    fn public(key: &PublicKey) -> Option<&Self::Public> {
        match key {
            PublicKey::P256(k) => Some(k),
            _ => None,
        }
    }
    fn public_of(key: &Self) -> Self::Public {
        key.public_key()
    }
}

//! Cryptographic and encoding primitives: bytes in, bytes out, one small function each.
//!
//! Named for exactly what they do (as reqsign does). The signing pipeline composes them;
//! nothing here knows about specs, templates or HTTP.

pub mod aes;
pub mod canonical;
pub mod ct;
pub mod digest;
pub mod ec;
pub mod ed25519;
pub mod encoding;
pub mod jws;
pub mod keys;
pub mod keytext;
pub mod mac;
pub mod rsa;

/// A primitive that could not run on its input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    #[error("invalid key: {0}")]
    Key(String),
    #[error("cannot decode {encoding}: {detail}")]
    Decode {
        encoding: &'static str,
        detail: String,
    },
    #[error("decryption failed: {0}")]
    Decrypt(String),
    #[error("signature failed: {0}")]
    Sign(String),
}

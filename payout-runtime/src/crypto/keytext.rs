//! Key text as gateways hand it out, for every key type (RSA, Ed25519, P-256): a PEM block,
//! or bare bytes written in Base64 (standard or URL-safe) or hex. Each key module reads the
//! text here and only interprets the DER, so that armour, wrapping and the refusals every
//! key type shares (an encrypted key, a key of the wrong half) are written once.
//!
//! Keys arrive re-wrapped, with CRLF, or indented in config files; none of that changes the
//! bytes, so the PEM is taken apart by hand rather than with a strict RFC 7468 parser. No
//! message quotes the text: it may be a private key pasted into the wrong place.

use payout_spec::Encoding;

use super::{encoding, CryptoError};

/// What a key text holds.
pub enum KeyText {
    /// A PEM block: its label (`PRIVATE KEY`, `PUBLIC KEY`, `EC PRIVATE KEY`) and its DER.
    Pem { label: String, der: Vec<u8> },
    /// Bytes without armour: DER, or a raw key (a 32-byte Ed25519 seed or point).
    Bytes(Vec<u8>),
}

/// Reads a key text: a PEM block, else hex (an even number of hex digits), else Base64.
pub fn read(text: &str) -> Result<KeyText, CryptoError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(CryptoError::Key("the key text is empty".into()));
    }
    if let Some(rest) = text.strip_prefix("-----BEGIN ") {
        let (label, rest) = rest.split_once("-----").ok_or_else(|| {
            CryptoError::Key("malformed PEM: the BEGIN line is not closed".into())
        })?;
        if label == "ENCRYPTED PRIVATE KEY" {
            return Err(encrypted());
        }
        let end = format!("-----END {label}-----");
        let (body, _) = rest
            .split_once(end.as_str())
            .ok_or_else(|| CryptoError::Key(format!("malformed PEM: no `{end}` line")))?;
        if body.contains(':') {
            // Legacy OpenSSL encryption puts `Proc-Type: 4,ENCRYPTED` headers in the body.
            return Err(encrypted());
        }
        let der = compact_base64(body)
            .map_err(|d| CryptoError::Key(format!("malformed PEM body: {d}")))?;
        return Ok(KeyText::Pem {
            label: label.to_string(),
            der,
        });
    }
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if compact.len().is_multiple_of(2) && compact.bytes().all(|b| b.is_ascii_hexdigit()) {
        if let Ok(bytes) = encoding::decode(Encoding::Hex, &compact) {
            return Ok(KeyText::Bytes(bytes));
        }
    }
    compact_base64(&compact)
        .map(KeyText::Bytes)
        .map_err(|d| CryptoError::Key(format!("neither PEM (-----BEGIN ...), hex nor Base64: {d}")))
}

/// A key error with this message.
pub(super) fn key_error(message: impl Into<String>) -> CryptoError {
    CryptoError::Key(message.into())
}

fn encrypted() -> CryptoError {
    key_error(
        "encrypted private keys are not supported; decrypt it first \
         (`openssl pkey -in KEY -out PLAIN`)",
    )
}

/// A public key where a private one belongs (`kind`: `an RSA`, `a P-256`).
pub(super) fn public_where_private_expected(kind: &str) -> CryptoError {
    key_error(format!(
        "this is a public key; {kind} private key is expected here"
    ))
}

/// A private key where a public one belongs: refused rather than quietly reduced to its
/// public half, because a private key in a public-key slot is a secret in the wrong place.
pub(super) fn private_where_public_expected() -> CryptoError {
    key_error(
        "this is a private key; a public key is expected here \
         (extract it with `openssl pkey -in KEY -pubout`)",
    )
}

/// Base64 (standard or URL-safe, padded or not) with whitespace removed; the error says
/// what went wrong without quoting the text.
fn compact_base64(text: &str) -> Result<Vec<u8>, String> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if compact.is_empty() {
        return Err("there is no Base64 data".into());
    }
    let (enc, unpadded) = if compact.contains(['-', '_']) {
        (Encoding::Base64urlNopad, compact.trim_end_matches('='))
    } else {
        (Encoding::Base64, compact.as_str())
    };
    encoding::decode(enc, unpadded).map_err(|e| match e {
        CryptoError::Decode { detail, .. } => detail,
        other => other.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_hex_and_base64() {
        let pem = "-----BEGIN PUBLIC KEY-----\r\n  AAEC\r\n-----END PUBLIC KEY-----\n";
        match read(pem).unwrap() {
            KeyText::Pem { label, der } => {
                assert_eq!(label, "PUBLIC KEY");
                assert_eq!(der, [0, 1, 2]);
            }
            KeyText::Bytes(_) => panic!("PEM read as bytes"),
        }
        assert!(matches!(read("00ff").unwrap(), KeyText::Bytes(b) if b == [0, 255]));
        // printf '\xfb\xff' | base64   -> +/8=   ; basenc --base64url -> -_8=
        assert!(matches!(read("+/8=").unwrap(), KeyText::Bytes(b) if b == [0xfb, 0xff]));
        assert!(matches!(read("-_8").unwrap(), KeyText::Bytes(b) if b == [0xfb, 0xff]));
    }

    #[test]
    fn bad_text_is_an_error_that_does_not_quote_it() {
        for bad in [
            "",
            "-----BEGIN PUBLIC KEY",
            "-----BEGIN PUBLIC KEY-----\nAAEC\n",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAEC\n-----END ENCRYPTED PRIVATE KEY-----",
            "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nAAEC\n-----END EC PRIVATE KEY-----",
            "not*a*key SECRETWORD",
        ] {
            let e = read(bad).err().expect(bad).to_string();
            assert!(!e.contains("SECRETWORD"), "{e}");
        }
        // Legacy OpenSSL encryption (headers inside the PEM body) is named, not misread.
        let legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAEC\n-----END RSA PRIVATE KEY-----";
        let e = read(legacy).err().expect("refused").to_string();
        assert!(
            e.contains("encrypted private keys are not supported"),
            "{e}"
        );
    }
}

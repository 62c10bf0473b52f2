//! Bytes ↔ text: hex (either case) and Base64 (standard or URL-safe, padded or not).
//!
//! Decoding is lenient where gateways disagree and nothing is lost by it: hex of either case,
//! Base64 with or without padding, surrounding whitespace (a trailing newline from a shell or a
//! config file). Decoded bytes are what gets compared, so leniency cannot make a wrong
//! signature pass. Error messages give positions, never the input, which may be a key.

use base64::alphabet::{Alphabet, STANDARD, URL_SAFE};
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{DecodeError, Engine};
use payout_spec::Encoding;

use super::CryptoError;

/// Standard Base64 (`+/`) written with padding.
const B64: GeneralPurpose = GeneralPurpose::new(&STANDARD, GeneralPurposeConfig::new());
/// URL-safe Base64 (`-_`) written with padding.
const B64URL: GeneralPurpose = GeneralPurpose::new(&URL_SAFE, GeneralPurposeConfig::new());
/// URL-safe Base64 written without padding.
const B64URL_NOPAD: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new().with_encode_padding(false),
);

/// Bytes to text in the given encoding.
pub fn encode(enc: Encoding, data: &[u8]) -> String {
    match enc {
        Encoding::Hex => hex_text(data, false),
        Encoding::HexUpper => hex_text(data, true),
        Encoding::Base64 => B64.encode(data),
        Encoding::Base64url => B64URL.encode(data),
        Encoding::Base64urlNopad => B64URL_NOPAD.encode(data),
        Encoding::Decimal => decimal(data),
    }
}

/// Hex digits of the bytes, written into one buffer (`hex::encode` collects `char`s one by
/// one, several times slower on a signature's 16 to 64 bytes).
fn hex_text(data: &[u8], upper: bool) -> String {
    let mut buf = vec![0u8; data.len() * 2];
    // The buffer is exactly twice the input's length, which is all encode_to_slice asks.
    if hex::encode_to_slice(data, &mut buf).is_err() {
        return hex::encode(data);
    }
    if upper {
        buf.make_ascii_uppercase();
    }
    // Hex digits are ASCII.
    String::from_utf8(buf).unwrap_or_default()
}

/// The bytes as one unsigned big-endian number, in decimal (`[0x01, 0x00]` → `256`; no
/// bytes or all zeros → `0`). Schoolbook division by 10, so any length works.
pub fn decimal(data: &[u8]) -> String {
    let mut num: Vec<u8> = data.iter().copied().skip_while(|b| *b == 0).collect();
    let mut digits = Vec::new();
    while !num.is_empty() {
        let mut rem = 0u32;
        for b in num.iter_mut() {
            let cur = (rem << 8) | u32::from(*b);
            *b = (cur / 10) as u8;
            rem = cur % 10;
        }
        digits.push(b'0' + rem as u8);
        let lead = num.iter().take_while(|b| **b == 0).count();
        num.drain(..lead);
    }
    if digits.is_empty() {
        return "0".into();
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// A decimal number back to its shortest big-endian bytes (`0` → no bytes).
fn from_decimal(text: &str) -> Result<Vec<u8>, String> {
    if text.is_empty() {
        return Err("empty number".into());
    }
    let mut out: Vec<u8> = Vec::new();
    for (i, c) in text.bytes().enumerate() {
        if !c.is_ascii_digit() {
            return Err(format!("invalid decimal digit at position {i}"));
        }
        let mut carry = u32::from(c - b'0');
        for b in out.iter_mut().rev() {
            let cur = u32::from(*b) * 10 + carry;
            *b = (cur & 0xff) as u8;
            carry = cur >> 8;
        }
        while carry > 0 {
            out.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    Ok(out)
}

/// Text to bytes. Hex accepts either case for both hex encodings; Base64 accepts padding or
/// none; surrounding ASCII whitespace is ignored.
pub fn decode(enc: Encoding, text: &str) -> Result<Vec<u8>, CryptoError> {
    let text = text.trim_ascii();
    match enc {
        Encoding::Hex | Encoding::HexUpper => {
            decode_hex(text).map_err(|detail| CryptoError::Decode {
                encoding: name(enc),
                detail,
            })
        }
        Encoding::Base64 => decode_base64(&STANDARD, enc, text),
        Encoding::Base64url | Encoding::Base64urlNopad => decode_base64(&URL_SAFE, enc, text),
        Encoding::Decimal => from_decimal(text).map_err(|detail| CryptoError::Decode {
            encoding: name(enc),
            detail,
        }),
    }
}

/// The encoding's name as written in a spec.
pub fn name(enc: Encoding) -> &'static str {
    match enc {
        Encoding::Hex => "hex",
        Encoding::HexUpper => "hex_upper",
        Encoding::Base64 => "base64",
        Encoding::Base64url => "base64url",
        Encoding::Base64urlNopad => "base64url_nopad",
        Encoding::Decimal => "decimal",
    }
}

/// Hex of either case, with a message that names the position of the problem.
fn decode_hex(text: &str) -> Result<Vec<u8>, String> {
    hex::decode(text).map_err(|e| match e {
        hex::FromHexError::InvalidHexCharacter { index, .. } => {
            format!("invalid hex digit at position {index}")
        }
        hex::FromHexError::OddLength | hex::FromHexError::InvalidStringLength => {
            format!("odd number of hex digits ({})", text.len())
        }
    })
}

/// Base64 in `alphabet`, padding optional.
fn decode_base64(alphabet: &Alphabet, enc: Encoding, text: &str) -> Result<Vec<u8>, CryptoError> {
    let engine = GeneralPurpose::new(
        alphabet,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    engine.decode(text).map_err(|e| CryptoError::Decode {
        encoding: name(enc),
        detail: base64_problem(&e),
    })
}

/// What was wrong with Base64 text, without quoting the offending byte.
fn base64_problem(e: &DecodeError) -> String {
    match e {
        DecodeError::InvalidByte(offset, _) => {
            format!("invalid character at offset {offset} (not in this Base64 alphabet)")
        }
        DecodeError::InvalidLength(len) => {
            format!("invalid length: {len} characters cannot be Base64")
        }
        DecodeError::InvalidLastSymbol(offset, _) => {
            format!("invalid last character at offset {offset} (stray bits; truncated text?)")
        }
        DecodeError::InvalidPadding => "invalid padding".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_reads_the_bytes_as_one_big_endian_number() {
        // python3 -c "import zlib; print(zlib.crc32(b'123456789'))"  -> 3421780262
        assert_eq!(
            encode(Encoding::Decimal, &[0xcb, 0xf4, 0x39, 0x26]),
            "3421780262"
        );
        assert_eq!(encode(Encoding::Decimal, &[]), "0");
        assert_eq!(encode(Encoding::Decimal, &[0, 0, 1, 0]), "256");
        // python3 -c "import hashlib; print(int.from_bytes(hashlib.sha256(b'abc').digest(), 'big'))"
        let sha = hex::decode("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            .unwrap();
        let dec = "84342368487090800366523834928142263660104883695016514377462985829716817089965";
        assert_eq!(encode(Encoding::Decimal, &sha), dec);
        assert_eq!(decode(Encoding::Decimal, dec).unwrap(), sha);
        assert_eq!(decode(Encoding::Decimal, "256").unwrap(), vec![1, 0]);
        assert!(decode(Encoding::Decimal, "12a").is_err());
        assert!(decode(Encoding::Decimal, "").is_err());
    }

    /// Bytes that differ between the standard and URL-safe alphabets (`+/` vs `-_`).
    const BYTES: &[u8] = &[0xfb, 0xff, 0xfe, 0x3e];

    #[test]
    fn hex_both_cases() {
        // printf '\xfb\xff\xfe\x3e' | xxd -p
        assert_eq!(encode(Encoding::Hex, BYTES), "fbfffe3e");
        // printf '\xfb\xff\xfe\x3e' | xxd -p -u
        assert_eq!(encode(Encoding::HexUpper, BYTES), "FBFFFE3E");
        for enc in [Encoding::Hex, Encoding::HexUpper] {
            assert_eq!(decode(enc, "fbfffe3e").unwrap(), BYTES);
            assert_eq!(decode(enc, "FBFFFE3E").unwrap(), BYTES);
            assert_eq!(decode(enc, "FbfFFe3E\n").unwrap(), BYTES);
        }
        assert_eq!(encode(Encoding::Hex, b""), "");
        assert_eq!(decode(Encoding::Hex, "").unwrap(), b"");
    }

    #[test]
    fn bad_hex_says_what_and_where_without_quoting() {
        let e = decode(Encoding::Hex, "abcg").unwrap_err();
        assert_eq!(
            e,
            CryptoError::Decode {
                encoding: "hex",
                detail: "invalid hex digit at position 3".into()
            }
        );
        let e = decode(Encoding::HexUpper, "ABC").unwrap_err().to_string();
        assert_eq!(e, "cannot decode hex_upper: odd number of hex digits (3)");
    }

    #[test]
    fn base64_standard() {
        // printf '\xfb\xff\xfe\x3e' | base64
        assert_eq!(encode(Encoding::Base64, BYTES), "+//+Pg==");
        assert_eq!(decode(Encoding::Base64, "+//+Pg==").unwrap(), BYTES);
        assert_eq!(decode(Encoding::Base64, " +//+Pg==\r\n").unwrap(), BYTES);
        assert_eq!(decode(Encoding::Base64, "+//+Pg").unwrap(), BYTES);
        // python3 -c "import base64; print(base64.b64encode(b'hello'))"
        assert_eq!(encode(Encoding::Base64, b"hello"), "aGVsbG8=");
        assert_eq!(encode(Encoding::Base64, b""), "");
    }

    #[test]
    fn base64_url_safe_padded_and_not() {
        // printf '\xfb\xff\xfe\x3e' | basenc --base64url
        assert_eq!(encode(Encoding::Base64url, BYTES), "-__-Pg==");
        // python3 -c "import base64; print(base64.urlsafe_b64encode(bytes([0xfb,0xff,0xfe,0x3e])).rstrip(b'='))"
        assert_eq!(encode(Encoding::Base64urlNopad, BYTES), "-__-Pg");
        for enc in [Encoding::Base64url, Encoding::Base64urlNopad] {
            assert_eq!(decode(enc, "-__-Pg==").unwrap(), BYTES);
            assert_eq!(decode(enc, "-__-Pg").unwrap(), BYTES);
        }
    }

    #[test]
    fn base64_alphabets_are_not_mixed() {
        let e = decode(Encoding::Base64, "-__-Pg==").unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot decode base64: invalid character at offset 0 (not in this Base64 alphabet)"
        );
        let e = decode(Encoding::Base64url, "+//+Pg==").unwrap_err();
        assert!(
            matches!(
                e,
                CryptoError::Decode {
                    encoding: "base64url",
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn bad_base64_is_an_error() {
        for bad in ["abcde", "ab=c", "a", "aGVsbG8=x", "aGVs bG8="] {
            let e = decode(Encoding::Base64, bad).unwrap_err();
            assert!(
                matches!(
                    e,
                    CryptoError::Decode {
                        encoding: "base64",
                        ..
                    }
                ),
                "{bad}: {e}"
            );
        }
        // A last character with bits beyond the data ("aGVsbG9=" is not canonical for "hello").
        let e = decode(Encoding::Base64, "aGVsbG9=")
            .unwrap_err()
            .to_string();
        assert!(e.contains("offset 6"), "{e}");
    }

    #[test]
    fn names_are_the_spec_spelling() {
        assert_eq!(name(Encoding::Hex), "hex");
        assert_eq!(name(Encoding::HexUpper), "hex_upper");
        assert_eq!(name(Encoding::Base64), "base64");
        assert_eq!(name(Encoding::Base64url), "base64url");
        assert_eq!(name(Encoding::Base64urlNopad), "base64url_nopad");
    }
}

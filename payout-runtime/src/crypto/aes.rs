//! AES-256-CBC with PKCS#7 padding, optional encrypt-then-MAC (HMAC-SHA256) and a configurable
//! byte layout, as gateways of the PayAtom family (Tecpay's `post_hash`) use it.
//!
//! Decryption checks the MAC before it touches the ciphertext, so a forged or corrupted value
//! is refused without acting as a padding oracle. Every length is checked before slicing:
//! input from the network never makes this panic.

use ::aes::Aes256;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use payout_spec::{Aes, AesPart, Iv, KeyDerivation};
use sha2::Digest;

use super::{ct, mac, CryptoError};

type Encryptor = cbc::Encryptor<Aes256>;
type Decryptor = cbc::Decryptor<Aes256>;

/// Bytes of an IV, of one AES block, of an HMAC-SHA256 tag.
const IV_LEN: usize = 16;
const BLOCK_LEN: usize = 16;
const MAC_LEN: usize = 32;

/// The 32-byte AES key made from the key text as the spec's `key_derivation` says.
///
/// `zero_pad` is what PHP's `openssl_encrypt` does with a password given as the key (pad
/// with NUL bytes or cut to the key size). An empty key text is refused under every
/// derivation: it would give a key anyone can compute, and is always a missing credential.
pub fn derive_key(derivation: KeyDerivation, key_text: &[u8]) -> Result<[u8; 32], CryptoError> {
    if key_text.is_empty() {
        return Err(CryptoError::Key("the AES key text is empty".into()));
    }
    match derivation {
        KeyDerivation::Sha256 => Ok(sha2::Sha256::digest(key_text).into()),
        KeyDerivation::Raw => <[u8; 32]>::try_from(key_text).map_err(|_| {
            CryptoError::Key(format!(
                "a raw AES-256 key must be exactly 32 bytes, got {} bytes",
                key_text.len()
            ))
        }),
        KeyDerivation::ZeroPad => {
            let mut key = [0u8; 32];
            for (dst, src) in key.iter_mut().zip(key_text) {
                *dst = *src;
            }
            Ok(key)
        }
    }
}

/// Encrypts `plaintext` and lays the parts out as `cfg.layout()` says: `iv` (16 bytes), `mac`
/// (32 bytes, HMAC-SHA256 keyed with the AES key over the parts in `mac.over`), `ciphertext`.
/// A `mac` part without a configured MAC (which the spec checks refuse) contributes nothing.
pub fn encrypt(cfg: &Aes, key: &[u8; 32], iv: &[u8; 16], plaintext: &[u8]) -> Vec<u8> {
    let ciphertext =
        Encryptor::new(key.into(), iv.into()).encrypt_padded_vec_mut::<Pkcs7>(plaintext);
    let tag = cfg
        .mac
        .as_ref()
        .map(|m| mac_over(key, &m.over, iv, &ciphertext));
    let mut out = Vec::with_capacity(IV_LEN + MAC_LEN + ciphertext.len());
    for part in cfg.layout() {
        match part {
            AesPart::Iv => out.extend_from_slice(iv),
            AesPart::Mac => out.extend_from_slice(tag.as_deref().unwrap_or_default()),
            AesPart::Ciphertext => out.extend_from_slice(&ciphertext),
        }
    }
    out
}

/// Splits `data` by `cfg.layout()`, verifies the MAC in constant time (when one is
/// configured) and only then decrypts and removes the padding.
///
/// Without `iv` in the layout the IV comes from the configuration (zero or fixed); a random
/// IV that was not sent cannot be recovered, so that is an error.
pub fn decrypt(cfg: &Aes, key: &[u8; 32], data: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let parts = split(&cfg.layout(), data)?;
    let iv = match parts.iv {
        Some(sent) => to_iv(sent)?,
        None => configured_iv(&cfg.iv)?,
    };
    if let Some(m) = &cfg.mac {
        let sent = parts
            .mac
            .ok_or_else(|| decrypt_error("a MAC is configured but the layout has no `mac` part"))?;
        let expected = mac_over(key, &m.over, &iv, parts.ciphertext);
        if !ct::eq(&expected, sent) {
            return Err(decrypt_error("MAC mismatch"));
        }
    } else if parts.mac.is_some() {
        return Err(decrypt_error(
            "the layout has a `mac` part but no MAC is configured",
        ));
    }
    Decryptor::new(key.into(), (&iv).into())
        .decrypt_padded_vec_mut::<Pkcs7>(parts.ciphertext)
        .map_err(|_| decrypt_error("bad padding (wrong key, or corrupted ciphertext)"))
}

/// The parts of a received value.
struct Parts<'a> {
    iv: Option<&'a [u8]>,
    mac: Option<&'a [u8]>,
    ciphertext: &'a [u8],
}

/// Cuts `data` along `layout`: the IV and MAC have fixed sizes and the ciphertext is what
/// remains, which must be a whole, non-zero number of blocks.
fn split<'a>(layout: &[AesPart], data: &'a [u8]) -> Result<Parts<'a>, CryptoError> {
    check_layout(layout)?;
    let fixed: usize = layout.iter().map(|p| fixed_len(*p)).sum();
    if data.len() < fixed + BLOCK_LEN {
        return Err(decrypt_error(format!(
            "too short: {} bytes, this layout needs at least {}",
            data.len(),
            fixed + BLOCK_LEN
        )));
    }
    let ct_len = data.len() - fixed;
    // (Not `is_multiple_of`: the workspace's declared minimum Rust is 1.85.)
    let partial_block = ct_len % BLOCK_LEN;
    if partial_block != 0 {
        return Err(decrypt_error(format!(
            "the ciphertext is {ct_len} bytes, not a whole number of 16-byte blocks"
        )));
    }
    let mut parts = Parts {
        iv: None,
        mac: None,
        ciphertext: &[],
    };
    let mut rest = data;
    for part in layout {
        let len = match part {
            AesPart::Ciphertext => ct_len,
            other => fixed_len(*other),
        };
        let (here, after) = rest
            .split_at_checked(len)
            .ok_or_else(|| decrypt_error("too short"))?;
        rest = after;
        match part {
            AesPart::Iv => parts.iv = Some(here),
            AesPart::Mac => parts.mac = Some(here),
            AesPart::Ciphertext => parts.ciphertext = here,
        }
    }
    Ok(parts)
}

/// A layout the split can follow: the ciphertext once, the IV and MAC at most once each
/// (the spec checks say the same; this keeps `decrypt` safe on its own).
fn check_layout(layout: &[AesPart]) -> Result<(), CryptoError> {
    let count = |p: AesPart| layout.iter().filter(|x| **x == p).count();
    if count(AesPart::Ciphertext) != 1 || count(AesPart::Iv) > 1 || count(AesPart::Mac) > 1 {
        return Err(decrypt_error(
            "the layout must hold `ciphertext` once and `iv`, `mac` at most once",
        ));
    }
    Ok(())
}

fn fixed_len(part: AesPart) -> usize {
    match part {
        AesPart::Iv => IV_LEN,
        AesPart::Mac => MAC_LEN,
        AesPart::Ciphertext => 0,
    }
}

/// HMAC-SHA256 keyed with the AES key over the parts in `over`, in that order (`mac` itself
/// is never covered).
fn mac_over(key: &[u8; 32], over: &[AesPart], iv: &[u8; 16], ciphertext: &[u8]) -> Vec<u8> {
    let mut input = Vec::with_capacity(IV_LEN + ciphertext.len());
    for part in over {
        match part {
            AesPart::Iv => input.extend_from_slice(iv),
            AesPart::Ciphertext => input.extend_from_slice(ciphertext),
            AesPart::Mac => {}
        }
    }
    mac::hmac_sha256(key, &input)
}

/// The IV of the configuration (zeros, or the fixed hex value): what encryption uses unless
/// the IV is random, and what decryption uses for layouts that do not send it.
pub fn configured_iv(iv: &Iv) -> Result<[u8; 16], CryptoError> {
    match iv {
        Iv::Zero => Ok([0u8; IV_LEN]),
        Iv::Fixed(hex) => fixed_iv(hex),
        Iv::Random => Err(decrypt_error(
            "the IV is random but the layout does not carry it (add `iv` to the layout)",
        )),
    }
}

/// A fixed IV written as 32 hex digits.
fn fixed_iv(hex: &str) -> Result<[u8; 16], CryptoError> {
    let bytes = super::encoding::decode(payout_spec::Encoding::Hex, hex)?;
    <[u8; 16]>::try_from(bytes.as_slice()).map_err(|_| CryptoError::Decode {
        encoding: "hex",
        detail: format!(
            "a fixed IV is 16 bytes (32 hex digits), got {} bytes",
            bytes.len()
        ),
    })
}

fn to_iv(bytes: &[u8]) -> Result<[u8; 16], CryptoError> {
    <[u8; 16]>::try_from(bytes).map_err(|_| decrypt_error("the IV is not 16 bytes"))
}

fn decrypt_error(message: impl Into<String>) -> CryptoError {
    CryptoError::Decrypt(message.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use payout_spec::{AesMac, MacAlg};
    use std::io::Write;
    use std::process::{Command, Stdio};

    const SECRET: &str = "tecpay-test-secret";
    const FIXED_IV: &str = "000102030405060708090a0b0c0d0e0f";
    // printf '%s' ORD-0001 1001 tecpay-test-secret | openssl dgst -md5 -r
    const TECPAY_PLAIN: &str = "13b209af85659214381b27eda27d31e8";

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    fn unb64(text: &str) -> Vec<u8> {
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .unwrap()
    }

    /// Tecpay's scheme: key = sha256(secret), MAC over ciphertext||iv, output iv||mac||ct.
    fn tecpay(iv: Iv) -> Aes {
        Aes {
            key: "{{ credentials.secret_key }}".into(),
            key_derivation: KeyDerivation::Sha256,
            iv,
            mac: Some(AesMac {
                alg: MacAlg::HmacSha256,
                over: vec![AesPart::Ciphertext, AesPart::Iv],
            }),
            layout: None,
        }
    }

    fn plain(derivation: KeyDerivation, iv: Iv, layout: Vec<AesPart>) -> Aes {
        Aes {
            key: "k".into(),
            key_derivation: derivation,
            iv,
            mac: None,
            layout: Some(layout),
        }
    }

    fn tecpay_key() -> [u8; 32] {
        derive_key(KeyDerivation::Sha256, SECRET.as_bytes()).unwrap()
    }

    #[test]
    fn sha256_derivation_matches_openssl() {
        // printf '%s' tecpay-test-secret | openssl dgst -sha256 -binary | xxd -p -c256
        assert_eq!(
            hex::encode(tecpay_key()),
            "844b13e1ee05ff7aa0617e6011c1953f8ed771ba1376646737ce2a0b1a61a1f5"
        );
    }

    #[test]
    fn zero_pad_derivation_pads_or_cuts() {
        // printf '%-64s' $(printf '%s' short-pw | xxd -p -c256) | tr ' ' 0
        assert_eq!(
            hex::encode(derive_key(KeyDerivation::ZeroPad, b"short-pw").unwrap()),
            "73686f72742d7077000000000000000000000000000000000000000000000000"
        );
        // printf '%s' 'this-password-is-longer-than-32-bytes!' | head -c 32 | xxd -p -c256
        assert_eq!(
            hex::encode(
                derive_key(
                    KeyDerivation::ZeroPad,
                    b"this-password-is-longer-than-32-bytes!"
                )
                .unwrap()
            ),
            "746869732d70617373776f72642d69732d6c6f6e6765722d7468616e2d33322d"
        );
    }

    #[test]
    fn raw_derivation_needs_exactly_32_bytes_and_never_quotes_the_key() {
        let raw = b"0123456789abcdef0123456789abcdef";
        assert_eq!(&derive_key(KeyDerivation::Raw, raw).unwrap(), raw);
        let e = derive_key(KeyDerivation::Raw, b"my-31-byte-secret-key-123456789")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "invalid key: a raw AES-256 key must be exactly 32 bytes, got 31 bytes"
        );
        assert!(derive_key(KeyDerivation::Raw, &[7u8; 33]).is_err());
    }

    #[test]
    fn an_empty_key_text_is_refused() {
        for d in [
            KeyDerivation::Sha256,
            KeyDerivation::Raw,
            KeyDerivation::ZeroPad,
        ] {
            assert!(
                matches!(derive_key(d, b""), Err(CryptoError::Key(_))),
                "{d:?}"
            );
        }
    }

    #[test]
    fn configured_ivs() {
        assert_eq!(configured_iv(&Iv::Zero).unwrap(), [0; 16]);
        assert!(configured_iv(&Iv::Random).is_err());
        let fixed = configured_iv(&Iv::Fixed(FIXED_IV.into())).unwrap();
        assert_eq!(
            fixed,
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]
        );
        for bad in ["0001", "zz0102030405060708090a0b0c0d0e0f", ""] {
            let e = configured_iv(&Iv::Fixed(bad.into())).unwrap_err();
            assert!(matches!(e, CryptoError::Decode { .. }), "{bad}: {e}");
        }
    }

    #[test]
    fn tecpay_post_hash_matches_openssl() {
        // SECRET=tecpay-test-secret; PLAIN=13b209af85659214381b27eda27d31e8
        // IV=000102030405060708090a0b0c0d0e0f
        // KEY=$(printf '%s' "$SECRET" | openssl dgst -sha256 -binary | xxd -p -c256)
        // CT=$(printf '%s' "$PLAIN" | openssl enc -aes-256-cbc -K $KEY -iv $IV | xxd -p -c256)
        // MAC=$(printf '%s%s' $CT $IV | xxd -r -p | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY -r | cut -d' ' -f1)
        // printf '%s%s%s' $IV $MAC $CT | xxd -r -p | base64 -w0
        const WANT: &str = "AAECAwQFBgcICQoLDA0OD/v1BN0hq9lV9b3aR+kxSLsG/UFgqDDYcUklgy1/j36J4Dh1csQ/WeQd+iEEZtGFNQm7CsEiCVwMeD8emAVUVWPYOpk+IdZjwX+KRJVgg8t8";
        let cfg = tecpay(Iv::Fixed(FIXED_IV.into()));
        let key = tecpay_key();
        let iv = configured_iv(&cfg.iv).unwrap();
        let out = encrypt(&cfg, &key, &iv, TECPAY_PLAIN.as_bytes());
        assert_eq!(b64(&out), WANT);
        assert_eq!(
            decrypt(&cfg, &key, &unb64(WANT)).unwrap(),
            TECPAY_PLAIN.as_bytes()
        );
    }

    #[test]
    fn zero_pad_zero_iv_ciphertext_only_matches_openssl() {
        let cfg = plain(KeyDerivation::ZeroPad, Iv::Zero, vec![AesPart::Ciphertext]);
        let iv = configured_iv(&cfg.iv).unwrap();
        let cases = [
            // ZKEY=$(printf '%-64s' $(printf '%s' short-pw | xxd -p -c256) | tr ' ' 0)
            // printf '%s' 'hello tecpay' | openssl enc -aes-256-cbc -K $ZKEY -iv 00000000000000000000000000000000 | base64 -w0
            ("short-pw", "9YjzT6MgHJa1xZcy+vaVBw=="),
            // TKEY=$(printf '%s' 'this-password-is-longer-than-32-bytes!' | head -c 32 | xxd -p -c256)
            // printf '%s' 'hello tecpay' | openssl enc -aes-256-cbc -K $TKEY -iv 00000000000000000000000000000000 | base64 -w0
            (
                "this-password-is-longer-than-32-bytes!",
                "JSFTPrM+JZrStoNb7uoBQg==",
            ),
        ];
        for (password, want) in cases {
            let key = derive_key(cfg.key_derivation, password.as_bytes()).unwrap();
            let out = encrypt(&cfg, &key, &iv, b"hello tecpay");
            assert_eq!(b64(&out), want, "{password}");
            assert_eq!(decrypt(&cfg, &key, &out).unwrap(), b"hello tecpay");
        }
    }

    #[test]
    fn raw_key_fixed_iv_without_mac_matches_openssl() {
        // RKEY=$(printf '%s' 0123456789abcdef0123456789abcdef | xxd -p -c256); RIV=f0e0d0c0b0a090807060504030201000
        // printf '%s%s' $RIV $(printf '%s' 'exactly sixteen!' | openssl enc -aes-256-cbc -K $RKEY -iv $RIV | xxd -p -c256) | xxd -r -p | base64 -w0
        const WANT: &str = "8ODQwLCgkIBwYFBAMCAQAIqgec3siPHFhvRgEIHnVriBGVnSpGrPh/FI50qWgbPe";
        let cfg = Aes {
            layout: None, // default without a MAC: iv, ciphertext
            ..plain(
                KeyDerivation::Raw,
                Iv::Fixed("f0e0d0c0b0a090807060504030201000".into()),
                vec![],
            )
        };
        let key = derive_key(cfg.key_derivation, b"0123456789abcdef0123456789abcdef").unwrap();
        let iv = configured_iv(&cfg.iv).unwrap();
        // A 16-byte plaintext gets a whole block of padding: 16 (iv) + 32 (ciphertext).
        let out = encrypt(&cfg, &key, &iv, b"exactly sixteen!");
        assert_eq!(out.len(), 48);
        assert_eq!(b64(&out), WANT);
        assert_eq!(decrypt(&cfg, &key, &out).unwrap(), b"exactly sixteen!");
    }

    #[test]
    fn decrypts_a_post_hash_made_by_python_cryptography_with_its_own_random_iv() {
        // python3 /tmp/tecpay_py.py, that script being:
        //   secret = b'tecpay-test-secret'
        //   plain = hashlib.md5(b'ORD-0002' + b'2500.00' + b'SUCCESS' + secret).hexdigest().encode()
        //   key = hashlib.sha256(secret).digest(); iv = os.urandom(16)
        //   p = padding.PKCS7(128).padder(); data = p.update(plain) + p.finalize()
        //   e = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor(); ct = e.update(data) + e.finalize()
        //   mac = hmac.new(key, ct + iv, hashlib.sha256).digest()
        //   print(plain.decode()); print(base64.b64encode(iv + mac + ct).decode())
        const PLAIN: &str = "d2ee3bfcfbc12725e9a7dd3ee33ba37f";
        const POST_HASH: &str = "on89GLaaR7cQmINYXT08ZCUJ9etkubMu8QvfpH/q0tbXx89s2Bz+z5JksEsJAJESbenrAKhKiQinJ35FcJOn6wBA8UbqzpJDF2t0T2ypg6eYzvlEuXIkGOlRKRm6fSAc";
        let out = decrypt(&tecpay(Iv::Random), &tecpay_key(), &unb64(POST_HASH)).unwrap();
        assert_eq!(out, PLAIN.as_bytes());
    }

    #[test]
    fn decrypts_an_openssl_value_in_another_layout() {
        // KEY=$(printf '%s' tecpay-test-secret | openssl dgst -sha256 -binary | xxd -p -c256)
        // IV=$(openssl rand -hex 16)   # gave 4aeb1cfefa3501492a3c681f6dd5da83
        // CT=$(printf '%s' 'layout test: ct, iv, mac' | openssl enc -aes-256-cbc -K $KEY -iv $IV | xxd -p -c256)
        // MAC=$(printf '%s%s' $IV $CT | xxd -r -p | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY -r | cut -d' ' -f1)
        // printf '%s%s%s' $CT $IV $MAC | xxd -r -p | base64 -w0
        const VALUE: &str = "nWnqfyNMdOTQUb04zDJC+8xq8OVr+IaOGuWZfn8UaX9K6xz++jUBSSo8aB9t1dqDz+/hTtby9P8CbgX0AdmuJri+//obPAT+R//Q3+evNT8=";
        let cfg = Aes {
            mac: Some(AesMac {
                alg: MacAlg::HmacSha256,
                over: vec![AesPart::Iv, AesPart::Ciphertext],
            }),
            layout: Some(vec![AesPart::Ciphertext, AesPart::Iv, AesPart::Mac]),
            ..tecpay(Iv::Random)
        };
        let out = decrypt(&cfg, &tecpay_key(), &unb64(VALUE)).unwrap();
        assert_eq!(out, b"layout test: ct, iv, mac");
        // The same bytes read with Tecpay's default layout are refused, not misread.
        let e = decrypt(&tecpay(Iv::Random), &tecpay_key(), &unb64(VALUE)).unwrap_err();
        assert_eq!(e, CryptoError::Decrypt("MAC mismatch".into()));
    }

    /// Runs the `openssl` binary; fails the test (never skips it) when it is missing.
    fn openssl(args: &[&str], stdin: &[u8]) -> Vec<u8> {
        let mut child = Command::new("openssl")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot run `openssl` ({e}): this test checks our AES against an independent \
                     implementation; install openssl (e.g. `apt-get install openssl`)"
                )
            });
        child.stdin.take().unwrap().write_all(stdin).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "openssl {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    #[test]
    fn openssl_decrypts_and_authenticates_what_we_encrypt_with_a_random_iv() {
        let cfg = tecpay(Iv::Random);
        let key = tecpay_key();
        let mut iv = [0u8; 16];
        getrandom::getrandom(&mut iv).unwrap();
        let message = "md5hex of order, pid and key: 13b209af85659214381b27eda27d31e8";
        let out = encrypt(&cfg, &key, &iv, message.as_bytes());

        let (sent_iv, rest) = out.split_at(16);
        let (sent_mac, ciphertext) = rest.split_at(32);
        assert_eq!(sent_iv, iv);
        let (key_hex, iv_hex) = (hex::encode(key), hex::encode(iv));

        let decrypted = openssl(
            &["enc", "-d", "-aes-256-cbc", "-K", &key_hex, "-iv", &iv_hex],
            ciphertext,
        );
        assert_eq!(String::from_utf8(decrypted).unwrap(), message);

        let mac_input = [ciphertext, sent_iv].concat();
        let macopt = format!("hexkey:{key_hex}");
        let mac = openssl(
            &["dgst", "-sha256", "-mac", "HMAC", "-macopt", &macopt, "-r"],
            &mac_input,
        );
        let mac_hex = String::from_utf8(mac).unwrap();
        assert_eq!(
            mac_hex.split_whitespace().next(),
            Some(hex::encode(sent_mac).as_str())
        );
    }

    #[test]
    fn round_trips_in_every_shape() {
        let key = tecpay_key();
        let iv = [9u8; 16];
        let shapes = [
            tecpay(Iv::Random),
            Aes {
                layout: Some(vec![AesPart::Ciphertext, AesPart::Mac]),
                ..tecpay(Iv::Fixed(FIXED_IV.into()))
            },
            plain(
                KeyDerivation::Sha256,
                Iv::Random,
                vec![AesPart::Ciphertext, AesPart::Iv],
            ),
        ];
        for cfg in shapes {
            let iv = match cfg.iv {
                Iv::Random => iv,
                _ => configured_iv(&cfg.iv).unwrap(),
            };
            for message in [
                &b""[..],
                b"x",
                b"sixteen bytes!!!",
                b"a somewhat longer message",
            ] {
                let out = encrypt(&cfg, &key, &iv, message);
                assert_eq!(decrypt(&cfg, &key, &out).unwrap(), message, "{cfg:?}");
            }
        }
    }

    fn tecpay_value() -> Vec<u8> {
        let cfg = tecpay(Iv::Random);
        encrypt(&cfg, &tecpay_key(), &[3u8; 16], TECPAY_PLAIN.as_bytes())
    }

    #[test]
    fn a_tampered_mac_or_ciphertext_or_iv_is_a_mac_mismatch() {
        let cfg = tecpay(Iv::Random);
        let key = tecpay_key();
        let good = tecpay_value();
        assert!(decrypt(&cfg, &key, &good).is_ok());
        // iv: 0..16, mac: 16..48, ciphertext: 48..
        for at in [0, 15, 16, 47, 48, good.len() - 1] {
            let mut bad = good.clone();
            bad[at] ^= 0x80;
            let e = decrypt(&cfg, &key, &bad).unwrap_err();
            assert_eq!(e, CryptoError::Decrypt("MAC mismatch".into()), "byte {at}");
            assert_eq!(e.to_string(), "decryption failed: MAC mismatch");
        }
    }

    #[test]
    fn the_wrong_key_is_a_mac_mismatch_or_without_a_mac_a_padding_error() {
        let wrong = derive_key(KeyDerivation::Sha256, b"another-secret").unwrap();
        let e = decrypt(&tecpay(Iv::Random), &wrong, &tecpay_value()).unwrap_err();
        assert_eq!(e, CryptoError::Decrypt("MAC mismatch".into()));

        // Without a MAC a wrong key is only noticed by the padding (almost always).
        // printf '%s' 'hello tecpay' | openssl enc -aes-256-cbc -K $ZKEY -iv 0...0 | base64 -w0  (see above)
        let cfg = plain(KeyDerivation::ZeroPad, Iv::Zero, vec![AesPart::Ciphertext]);
        let wrong = derive_key(KeyDerivation::ZeroPad, b"wrong-pw").unwrap();
        let e = decrypt(&cfg, &wrong, &unb64("9YjzT6MgHJa1xZcy+vaVBw==")).unwrap_err();
        assert!(
            matches!(&e, CryptoError::Decrypt(m) if m.contains("padding")),
            "{e}"
        );
    }

    #[test]
    fn short_or_ragged_input_is_an_error_not_a_panic() {
        let cfg = tecpay(Iv::Random);
        let key = tecpay_key();
        let good = tecpay_value();
        for len in [0, 1, 15, 16, 47, 48, 63] {
            let e = decrypt(&cfg, &key, &good[..len]).unwrap_err();
            assert!(
                matches!(&e, CryptoError::Decrypt(m) if m.contains("too short")),
                "{len}: {e}"
            );
        }
        let e = decrypt(&cfg, &key, &good[..good.len() - 1]).unwrap_err();
        assert!(e.to_string().contains("not a whole number"), "{e}");
        let no_mac = plain(KeyDerivation::Sha256, Iv::Zero, vec![AesPart::Ciphertext]);
        assert!(decrypt(&no_mac, &key, &[0u8; 15]).is_err());
        assert!(decrypt(&no_mac, &key, &[0u8; 17]).is_err());
    }

    #[test]
    fn impossible_configurations_are_errors() {
        let key = tecpay_key();
        let data = [0u8; 64];
        // A random IV that the layout does not carry cannot be known.
        let cfg = plain(KeyDerivation::Sha256, Iv::Random, vec![AesPart::Ciphertext]);
        let e = decrypt(&cfg, &key, &data).unwrap_err();
        assert!(e.to_string().contains("random"), "{e}");
        // A MAC configured but not in the layout, and the other way round.
        let cfg = Aes {
            layout: Some(vec![AesPart::Iv, AesPart::Ciphertext]),
            ..tecpay(Iv::Random)
        };
        assert!(decrypt(&cfg, &key, &data).is_err());
        let cfg = plain(
            KeyDerivation::Sha256,
            Iv::Random,
            vec![AesPart::Iv, AesPart::Mac, AesPart::Ciphertext],
        );
        assert!(decrypt(&cfg, &key, &data).is_err());
        // No ciphertext, or a part twice.
        let cfg = plain(KeyDerivation::Sha256, Iv::Random, vec![AesPart::Iv]);
        assert!(decrypt(&cfg, &key, &data).is_err());
        let cfg = plain(
            KeyDerivation::Sha256,
            Iv::Random,
            vec![AesPart::Iv, AesPart::Iv, AesPart::Ciphertext],
        );
        assert!(decrypt(&cfg, &key, &data).is_err());
    }
}

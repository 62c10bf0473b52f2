//! JWS compact serialisation (RFC 7515) with HS256, RS256 and ES256: the protected header and the
//! payload in unpadded Base64url, joined by dots, and the signature of that text.
//!
//! Built on the HMAC and RSA primitives beside it, so no second implementation of either.
//! Verification takes the header from the received token (a gateway may add `kid`) and
//! the payload from this side's own bytes, so a token that signs anything else fails.

use payout_spec::{JwsAlg, RsaHash};

use super::{ct, ec, encoding, mac, rsa, CryptoError};
use payout_spec::{Encoding, HmacAlg};

/// The key that signs.
pub enum SigningKey<'k> {
    /// HS256: the shared secret's bytes.
    Hmac(&'k [u8]),
    /// RS256: an RSA private key.
    Rsa(&'k rsa::PrivateKey),
    /// ES256: a P-256 private key.
    Ec(&'k ec::PrivateKey),
}

/// The key that verifies.
pub enum VerifyingKey<'k> {
    Hmac(&'k [u8]),
    Rsa(&'k rsa::PublicKey),
    Ec(&'k ec::PublicKey),
}

/// The protected header: `alg` first, then `typ` when given, then the extra members in
/// their order (string values), as compact JSON.
pub fn header(alg: JwsAlg, typ: Option<&str>, extra: &[(String, String)]) -> String {
    let mut members = vec![("alg".to_string(), alg_name(alg).to_string())];
    if let Some(t) = typ {
        members.push(("typ".into(), t.to_string()));
    }
    members.extend(extra.iter().cloned());
    let body: Vec<String> = members
        .iter()
        .map(|(k, v)| format!("{}:{}", json_string(k), json_string(v)))
        .collect();
    format!("{{{}}}", body.join(","))
}

/// `HS256`, `RS256`, `ES256`.
pub fn alg_name(alg: JwsAlg) -> &'static str {
    match alg {
        JwsAlg::Hs256 => "HS256",
        JwsAlg::Rs256 => "RS256",
        JwsAlg::Es256 => "ES256",
    }
}

/// The compact JWS of `payload` under `header`; with `detached`, the payload part is left
/// empty (`header..signature`, RFC 7515 appendix F) and travels separately.
pub fn sign(
    header: &str,
    payload: &[u8],
    key: SigningKey<'_>,
    detached: bool,
) -> Result<String, CryptoError> {
    let input = signing_input(header.as_bytes(), payload);
    let sig = match key {
        SigningKey::Hmac(k) => mac::hmac(HmacAlg::Sha256, k, input.as_bytes()),
        SigningKey::Rsa(k) => rsa::sign(k, RsaHash::Sha256, input.as_bytes())?,
        // RFC 7518 §3.4: the 64-byte `r || s`, not DER.
        SigningKey::Ec(k) => ec::sign(k, input.as_bytes()),
    };
    let (head, body) = input.split_once('.').unwrap_or((&input, ""));
    let body = if detached { "" } else { body };
    Ok(format!("{head}.{body}.{}", b64(&sig)))
}

/// Whether `token` is a valid JWS with algorithm `alg` over `payload` (the payload part of
/// the token, if any, must be exactly `payload`'s encoding). Malformed tokens are simply
/// not valid.
pub fn verify(token: &str, alg: JwsAlg, payload: &[u8], key: VerifyingKey<'_>) -> bool {
    let mut parts = token.trim().split('.');
    let (Some(head), Some(body), Some(sig), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    // The header must name the expected algorithm: never let the token choose it.
    let Ok(header) = encoding::decode(Encoding::Base64urlNopad, head) else {
        return false;
    };
    let Ok(header) = payout_spec::Json::parse(&String::from_utf8_lossy(&header)) else {
        return false;
    };
    if header
        .get_path("alg")
        .and_then(|a| a.as_str().map(str::to_string))
        != Some(alg_name(alg).to_string())
    {
        return false;
    }
    let ours = b64(payload);
    if !body.is_empty() && !ct::eq(body.as_bytes(), ours.as_bytes()) {
        return false;
    }
    let Ok(sig) = encoding::decode(Encoding::Base64urlNopad, sig) else {
        return false;
    };
    let input = format!("{head}.{ours}");
    match key {
        VerifyingKey::Hmac(k) => ct::eq(&mac::hmac(HmacAlg::Sha256, k, input.as_bytes()), &sig),
        VerifyingKey::Rsa(k) => rsa::verify(k, RsaHash::Sha256, input.as_bytes(), &sig),
        VerifyingKey::Ec(k) => ec::verify(k, input.as_bytes(), &sig),
    }
}

/// `b64url(header).b64url(payload)`.
fn signing_input(header: &[u8], payload: &[u8]) -> String {
    format!("{}.{}", b64(header), b64(payload))
}

fn b64(bytes: &[u8]) -> String {
    encoding::encode(Encoding::Base64urlNopad, bytes)
}

/// A JSON string literal.
fn json_string(s: &str) -> String {
    payout_spec::Json::String(s.to_string()).to_compact(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAYLOAD: &[u8] = br#"{"amount":"10.00","ref":"ORDER-42"}"#;

    #[test]
    fn hs256_matches_openssl() {
        let h = header(JwsAlg::Hs256, Some("JWT"), &[]);
        assert_eq!(h, r#"{"alg":"HS256","typ":"JWT"}"#);
        let token = sign(&h, PAYLOAD, SigningKey::Hmac(b"jws-secret"), false).unwrap();
        // H=$(printf '%s' '{"alg":"HS256","typ":"JWT"}' | basenc --base64url | tr -d '=')
        // P=$(printf '%s' '{"amount":"10.00","ref":"ORDER-42"}' | basenc --base64url | tr -d '=')
        // S=$(printf '%s' "$H.$P" | openssl dgst -sha256 -hmac jws-secret -binary | basenc --base64url | tr -d '=')
        // echo "$H.$P.$S"
        assert_eq!(token, HS256_TOKEN);
        assert!(verify(
            &token,
            JwsAlg::Hs256,
            PAYLOAD,
            VerifyingKey::Hmac(b"jws-secret")
        ));
        assert!(!verify(
            &token,
            JwsAlg::Hs256,
            PAYLOAD,
            VerifyingKey::Hmac(b"other")
        ));
        assert!(!verify(
            &token,
            JwsAlg::Hs256,
            b"{}",
            VerifyingKey::Hmac(b"jws-secret")
        ));
        // The algorithm is ours to choose, not the token's.
        assert!(!verify(
            &token,
            JwsAlg::Rs256,
            PAYLOAD,
            VerifyingKey::Hmac(b"jws-secret")
        ));
        // Detached: the payload part is empty and the signature the same.
        let detached = sign(&h, PAYLOAD, SigningKey::Hmac(b"jws-secret"), true).unwrap();
        let parts: Vec<&str> = HS256_TOKEN.split('.').collect();
        assert_eq!(detached, format!("{}..{}", parts[0], parts[2]));
        assert!(verify(
            &detached,
            JwsAlg::Hs256,
            PAYLOAD,
            VerifyingKey::Hmac(b"jws-secret")
        ));
        for junk in [
            "",
            "a.b",
            "a.b.c.d",
            "!!.!!.!!",
            &format!("{}.x.{}", parts[0], parts[2]),
        ] {
            assert!(!verify(
                junk,
                JwsAlg::Hs256,
                PAYLOAD,
                VerifyingKey::Hmac(b"jws-secret")
            ));
        }
    }

    const HS256_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhbW91bnQiOiIxMC4wMCIsInJlZiI6Ik9SREVSLTQyIn0.OU3Xg6Hi46-NiyYM_nlMveHtYCTfRGRfhrsu_NISSVQ";

    #[test]
    fn rs256_matches_openssl() {
        let key = rsa::parse_private_key(include_str!(
            "../../../tests/keys/test-only-merchant-private.pem"
        ))
        .unwrap();
        let h = header(JwsAlg::Rs256, None, &[("kid".into(), "k1".into())]);
        assert_eq!(h, r#"{"alg":"RS256","kid":"k1"}"#);
        let token = sign(&h, PAYLOAD, SigningKey::Rsa(&key), false).unwrap();
        // H=$(printf '%s' '{"alg":"RS256","kid":"k1"}' | basenc --base64url | tr -d '=')
        // P=$(printf '%s' '{"amount":"10.00","ref":"ORDER-42"}' | basenc --base64url | tr -d '=')
        // printf '%s' "$H.$P" | openssl dgst -sha256 -sign tests/keys/test-only-merchant-private.pem | basenc --base64url -w0 | tr -d '='
        assert_eq!(token, RS256_TOKEN);
        let public = key.public_key();
        assert!(verify(
            &token,
            JwsAlg::Rs256,
            PAYLOAD,
            VerifyingKey::Rsa(&public)
        ));
        assert!(!verify(
            &token,
            JwsAlg::Rs256,
            b"x",
            VerifyingKey::Rsa(&public)
        ));
    }

    const RS256_TOKEN: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJhbW91bnQiOiIxMC4wMCIsInJlZiI6Ik9SREVSLTQyIn0.RiWESkrGQvHOnlouwSmHNU8BSP3s0aQ4G-zilb-DUE3oLVHkkrJQm-fAuljLjLrwvlqRARMYtu3rkR_-MlmZondA5yVLIk9pkTfQb8yC4JIbkGEn7np8BxkhSUdh9nvo5XkoQO2WyoZsaP6U52Xo8UkbAaUYs2V2roTQ8aPLV689m7hkyEJX4xZZItHDTyc-VDIpBv7bTPz3Gw2iNzRn-0MA0IC1A5S-k3M8LV8s77ZpjyUO4-WzDZmCvGFDYdckVEbUd-sadLL32lpix1jZDrOYGgQ8KU87Xp2GIUfRoIOx8fVP_BVgo_L9i97h_8H-vnSh4C83KxtDjFKnoy3q5A";

    /// ES256 over the same payload. python `cryptography` with RFC 6979 deterministic
    /// signing gives the same bytes as `p256`:
    ///   python3 -c "
    ///   import base64; from cryptography.hazmat.primitives import serialization, hashes
    ///   from cryptography.hazmat.primitives.asymmetric import ec, utils
    ///   b = lambda x: base64.urlsafe_b64encode(x).rstrip(b'=').decode()
    ///   k = serialization.load_pem_private_key(open('tests/keys/test-only-merchant-p256-private.pem','rb').read(), None)
    ///   H = b(b'{\"alg\":\"ES256\",\"typ\":\"JWT\"}'); P = b(b'{\"amount\":\"10.00\",\"ref\":\"ORDER-42\"}')
    ///   r, s = utils.decode_dss_signature(k.sign(f'{H}.{P}'.encode(), ec.ECDSA(hashes.SHA256(), deterministic_signing=True)))
    ///   print(f'{H}.{P}.' + b(r.to_bytes(32,'big') + s.to_bytes(32,'big')))"
    #[test]
    fn es256_matches_python_cryptography() {
        let key = ec::parse_private_key(include_str!(
            "../../../tests/keys/test-only-merchant-p256-private.pem"
        ))
        .unwrap();
        let h = header(JwsAlg::Es256, Some("JWT"), &[]);
        let token = sign(&h, PAYLOAD, SigningKey::Ec(&key), false).unwrap();
        assert_eq!(token, ES256_TOKEN);
        let public = key.public_key();
        assert!(verify(
            &token,
            JwsAlg::Es256,
            PAYLOAD,
            VerifyingKey::Ec(&public)
        ));
        assert!(!verify(
            &token,
            JwsAlg::Es256,
            b"{}",
            VerifyingKey::Ec(&public)
        ));
        // Its algorithm must be the one the spec says.
        assert!(!verify(
            &token,
            JwsAlg::Rs256,
            PAYLOAD,
            VerifyingKey::Ec(&public)
        ));
        // A randomised token python made (ordinary ECDSA, header with `kid`) verifies too:
        // the same command with `{"alg":"ES256","kid":"gw-1"}` and `deterministic_signing=False`.
        assert!(verify(
            ES256_RANDOMISED,
            JwsAlg::Es256,
            PAYLOAD,
            VerifyingKey::Ec(&public)
        ));
        let other = ec::parse_public_key(include_str!(
            "../../../tests/keys/test-only-platform-p256-public.pem"
        ))
        .unwrap();
        assert!(!verify(
            ES256_RANDOMISED,
            JwsAlg::Es256,
            PAYLOAD,
            VerifyingKey::Ec(&other)
        ));
    }

    const ES256_TOKEN: &str = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJhbW91bnQiOiIxMC4wMCIsInJlZiI6Ik9SREVSLTQyIn0.JkH_Pgv9x5YjXdrnw8lPQ2Cnk-pgwTOhRcHSukvgAEm79bgRPQMlYuREZYyzS5_jRvMAN6uOFqKWKeUNZrNa7Q";
    const ES256_RANDOMISED: &str = "eyJhbGciOiJFUzI1NiIsImtpZCI6Imd3LTEifQ.eyJhbW91bnQiOiIxMC4wMCIsInJlZiI6Ik9SREVSLTQyIn0.icwXFcwJWSw3xEh-gERTeWfvu36DfmQuQsVPqqWlbnVZXe-V4xKl8vXVFy8QFDCe23pZHpC8ywDFwSHKbZXwvw";
}

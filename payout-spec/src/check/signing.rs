//! Checks of signature recipes on their own: step order, keys, AES layouts.
//!
//! Checks that depend on where a recipe is used (verification, cycles, the variables its
//! templates name) are in `templates`.

use super::Ctx;
use crate::diag::did_you_mean;
use crate::model::{Aes, AesPart, CredentialKind, Iv, JwsAlg, JwsSign, Recipe, Step};

pub(super) fn check_recipes(cx: &mut Ctx) {
    for (name, recipe) in &cx.spec.signing {
        let base = format!("signing.{name}");
        check_step_order(cx, &base, recipe);
        for (i, step) in recipe.steps.iter().enumerate() {
            let path = format!("{base}.steps[{i}]");
            match step {
                Step::RsaSign(r) => {
                    check_key(
                        cx,
                        &format!("{path}.rsa_sign.key"),
                        &r.key,
                        CredentialKind::RsaPrivateKey,
                    );
                    if let Some(v) = &r.verify_key {
                        check_key(
                            cx,
                            &format!("{path}.rsa_sign.verify_key"),
                            v,
                            CredentialKind::RsaPublicKey,
                        );
                    }
                }
                Step::RsaEncrypt(r) => check_key(
                    cx,
                    &format!("{path}.rsa_encrypt.key"),
                    &r.key,
                    CredentialKind::RsaPublicKey,
                ),
                Step::JwsSign(j) => check_jws(cx, &format!("{path}.jws_sign"), j),
                Step::Ed25519Sign(e) => {
                    let at = format!("{path}.ed25519_sign");
                    check_key_pair(
                        cx,
                        &at,
                        (e.key.as_deref(), CredentialKind::Ed25519PrivateKey),
                        (e.verify_key.as_deref(), CredentialKind::Ed25519PublicKey),
                    );
                }
                Step::AesEncrypt(a) => check_aes(cx, &format!("{path}.aes_encrypt"), a),
                Step::AesDecrypt(a) => check_aes(cx, &format!("{path}.aes_decrypt"), a),
                _ => {}
            }
        }
    }
}

/// A recipe starts from something (an input or a template) and ends in text, because its
/// result is written into a header or a field.
fn check_step_order(cx: &mut Ctx, base: &str, recipe: &Recipe) {
    let steps = &recipe.steps;
    // A step dropped as invalid leaves a gap: its neighbours' order says nothing.
    if cx.removed_under(&format!("{base}.steps")) && !steps.is_empty() {
        return;
    }
    let Some(first) = steps.first() else {
        if !cx.was_removed(&format!("{base}.steps[0]")) {
            cx.error(format!("{base}.steps"), "a recipe needs at least one step");
        }
        return;
    };
    if !matches!(first, Step::Input(_) | Step::Template(_)) {
        cx.error(
            format!("{base}.steps[0]"),
            format!(
                "a recipe starts with `input` or `template`, not `{}`: say what is signed first",
                first.name()
            ),
        );
    }
    for (i, s) in steps.iter().enumerate().skip(1) {
        if matches!(s, Step::Input(_)) {
            cx.error(
                format!("{base}.steps[{i}]"),
                "only the first step may be `input`: a later one would throw away everything before it; use a `template` to combine values",
            );
        }
    }
    if let Some(last) = steps.last() {
        if matches!(
            last,
            Step::Hash(_)
                | Step::Hmac(_)
                | Step::RsaSign(_)
                | Step::RsaEncrypt(_)
                | Step::Ed25519Sign(_)
                | Step::AesEncrypt(_)
                | Step::Decode(_)
        ) {
            cx.error(
                format!("{base}.steps[{}]", steps.len() - 1),
                format!("the recipe ends with raw bytes from `{}`: add `- encode: hex` (or `base64`) so the result can go into a header or field", last.name()),
            );
        }
    }
}

/// RSA keys come from credentials of the right kind, so they are parsed (and refused if
/// malformed) when credentials are loaded, not in the middle of a request.
fn check_key(cx: &mut Ctx, path: &str, name: &str, kind: CredentialKind) {
    let creds = &cx.spec.credentials;
    match creds.get(name) {
        None => cx.error(
            path.to_string(),
            format!(
                "no credential `{name}`{}",
                did_you_mean(name, creds.keys().map(String::as_str))
            ),
        ),
        Some(c) if c.kind != kind => {
            cx.error(
                path.to_string(),
                format!(
                    "the credential `{name}` must be declared with `type: {}`",
                    kind.name()
                ),
            );
        }
        Some(_) => {}
    }
}

/// An HS256 token needs its shared secret, an RS256 one an RSA key, and nothing else: a
/// key given to the wrong algorithm is a mistake the first request would not reveal.
fn check_jws(cx: &mut Ctx, path: &str, j: &JwsSign) {
    match j.alg {
        JwsAlg::Hs256 => {
            if j.secret.is_none() {
                cx.error(path.to_string(), "`alg: hs256` signs with a shared `secret:` (a template such as `\"{{ credentials.jwt_secret }}\"`)");
            }
            if j.key.is_some() || j.verify_key.is_some() {
                cx.error(
                    path.to_string(),
                    "`alg: hs256` uses `secret`, not `key` or `verify_key`",
                );
            }
        }
        JwsAlg::Rs256 | JwsAlg::Es256 => {
            let (private, public, name) = if j.alg == JwsAlg::Rs256 {
                (
                    CredentialKind::RsaPrivateKey,
                    CredentialKind::RsaPublicKey,
                    "rs256",
                )
            } else {
                (
                    CredentialKind::P256PrivateKey,
                    CredentialKind::P256PublicKey,
                    "es256",
                )
            };
            check_key_pair(
                cx,
                path,
                (j.key.as_deref(), private),
                (j.verify_key.as_deref(), public),
            );
            if j.secret.is_some() {
                cx.error(
                    path.to_string(),
                    format!("`alg: {name}` uses `key` / `verify_key`, not `secret`"),
                );
            }
        }
    }
}

/// An asymmetric step names the merchant's private `key` (to sign what this side sends), the
/// gateway's public `verify_key` (to check what it sends), or both; each of the right type.
fn check_key_pair(
    cx: &mut Ctx,
    path: &str,
    (key, private): (Option<&str>, CredentialKind),
    (verify_key, public): (Option<&str>, CredentialKind),
) {
    if key.is_none() && verify_key.is_none() {
        cx.error(
            path.to_string(),
            format!(
                "name `key:` (a `{}` credential, to sign) or `verify_key:` (a `{}` credential, to verify the gateway's signatures), or both",
                private.name(),
                public.name()
            ),
        );
    }
    if let Some(k) = key {
        check_key(cx, &format!("{path}.key"), k, private);
    }
    if let Some(v) = verify_key {
        check_key(cx, &format!("{path}.verify_key"), v, public);
    }
}

/// The layout decides how output is split back when decrypting; an impossible layout must
/// not wait for the first response to be discovered.
fn check_aes(cx: &mut Ctx, path: &str, a: &Aes) {
    let layout = a.layout();
    let count = |p: AesPart| layout.iter().filter(|x| **x == p).count();
    if count(AesPart::Ciphertext) != 1 {
        cx.error(
            format!("{path}.layout"),
            "the layout must contain `ciphertext` exactly once",
        );
    }
    if count(AesPart::Iv) > 1 || count(AesPart::Mac) > 1 {
        cx.error(
            format!("{path}.layout"),
            "each part may appear once in the layout",
        );
    }
    if a.mac.is_some() != (count(AesPart::Mac) == 1) {
        cx.error(
            format!("{path}.layout"),
            if a.mac.is_some() {
                "a `mac` is configured but the layout has no `mac` part"
            } else {
                "the layout has a `mac` part but no `mac` is configured"
            },
        );
    }
    if let Some(m) = &a.mac {
        if m.over.is_empty() || m.over.contains(&AesPart::Mac) {
            cx.error(
                format!("{path}.mac.over"),
                "the MAC covers `ciphertext` and/or `iv`, never itself",
            );
        }
    }
    if a.iv == Iv::Random && count(AesPart::Iv) == 0 {
        cx.error(
            format!("{path}.layout"),
            "a random IV must be sent (add `iv` to the layout), or nobody can decrypt",
        );
    }
    if let Iv::Fixed(hex) = &a.iv {
        let ok = hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit());
        if !ok {
            cx.error(
                format!("{path}.iv.fixed"),
                "a fixed IV is 16 bytes written as 32 hex digits",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    const SPEC: &str = r#"
spec_version: 1
provider: { id: curves, name: Curves }
credentials:
  api_key: {}
  merchant_ed: { type: ed25519_private_key }
  gateway_ed: { type: ed25519_public_key }
  merchant_ec: { type: p256_private_key }
  gateway_ec: { type: p256_public_key }
money: { currency: INR, amount: { encoding: string, decimals: 2 } }
signing:
  sig:
    steps: [ { input: body_bytes }, STEP, { encode: base64url } ]
operations:
  create_payout:
    role: create
    method: POST
    path: /payouts
    headers: { X-Signature: "{{ signatures.sig }}" }
    body:
      fields:
        ref: { type: string, required: true, role: merchant_ref }
        amount: { type: amount, required: true, role: amount }
    response: { success: "true" }
"#;

    /// The diagnostics of the spec with `STEP` replaced, as `file:line:col: ...` lines.
    fn errors(step: &str) -> Vec<String> {
        match crate::load::load_str(&SPEC.replace("STEP", step), "t.yaml") {
            Ok(_) => Vec::new(),
            Err(e) => e.diagnostics.iter().map(|d| d.to_string()).collect(),
        }
    }

    fn has(errors: &[String], text: &str) -> bool {
        errors.iter().any(|e| e.contains(text))
    }

    #[test]
    fn curve_steps_that_can_sign_pass() {
        assert_eq!(
            errors("{ ed25519_sign: { key: merchant_ed } }"),
            Vec::<String>::new()
        );
        assert_eq!(
            errors("{ ed25519_sign: { key: merchant_ed, verify_key: gateway_ed } }"),
            Vec::<String>::new()
        );
        assert_eq!(
            errors("{ jws_sign: { alg: es256, key: merchant_ec, verify_key: gateway_ec } }"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_curve_step_needs_a_key_of_its_own_type() {
        let e = errors("{ ed25519_sign: {} }");
        assert!(
            has(&e, "name `key:` (a `ed25519_private_key` credential"),
            "{e:?}"
        );
        let e = errors("{ ed25519_sign: { key: api_key } }");
        assert!(
            has(
                &e,
                "the credential `api_key` must be declared with `type: ed25519_private_key`"
            ),
            "{e:?}"
        );
        assert!(has(&e, "signing.sig.steps[1].ed25519_sign.key"), "{e:?}");
        let e = errors("{ jws_sign: { alg: es256, key: merchant_ed } }");
        assert!(
            has(
                &e,
                "`merchant_ed` must be declared with `type: p256_private_key`"
            ),
            "{e:?}"
        );
        let e = errors("{ jws_sign: { alg: es256, verify_key: gateway_ed } }");
        assert!(has(&e, "`type: p256_public_key`"), "{e:?}");
        let e = errors("{ jws_sign: { alg: es256, key: merchant_ec, secret: x } }");
        assert!(
            has(&e, "`alg: es256` uses `key` / `verify_key`, not `secret`"),
            "{e:?}"
        );
        let e = errors("{ ed25519_sign: { kee: merchant_ed } }");
        assert!(!e.is_empty());
    }

    /// A recipe that only names the gateway's public key cannot sign a request, and lint
    /// says so where the step is (line and column of the YAML).
    #[test]
    fn a_request_signed_without_a_private_key_is_refused() {
        let e = errors("{ ed25519_sign: { verify_key: gateway_ed } }");
        assert!(
            has(
                &e,
                "t.yaml:13:39: error: signing.sig.steps[1].ed25519_sign:"
            ) && has(&e, "signs a message this side sends"),
            "{e:?}"
        );
        let e = errors("{ jws_sign: { alg: es256, verify_key: gateway_ec } }");
        assert!(has(&e, "add `key:`"), "{e:?}");
    }

    #[test]
    fn an_ed25519_signature_is_raw_bytes_to_encode() {
        let e = match crate::load::load_str(
            &SPEC.replace(
                "STEP, { encode: base64url }",
                "{ ed25519_sign: { key: merchant_ed } }",
            ),
            "t.yaml",
        ) {
            Ok(_) => Vec::new(),
            Err(e) => e.diagnostics.iter().map(|d| d.to_string()).collect(),
        };
        assert!(has(&e, "ends with raw bytes from `ed25519_sign`"), "{e:?}");
    }
}

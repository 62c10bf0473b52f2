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
            let want = match kind {
                CredentialKind::RsaPrivateKey => "rsa_private_key",
                CredentialKind::RsaPublicKey => "rsa_public_key",
                CredentialKind::Text => "text",
            };
            cx.error(
                path.to_string(),
                format!("the credential `{name}` must be declared with `type: {want}`"),
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
        JwsAlg::Rs256 => {
            match &j.key {
                Some(k) => check_key(cx, &format!("{path}.key"), k, CredentialKind::RsaPrivateKey),
                None => cx.error(
                    path.to_string(),
                    "`alg: rs256` signs with `key:`, an `rsa_private_key` credential",
                ),
            }
            if let Some(v) = &j.verify_key {
                check_key(
                    cx,
                    &format!("{path}.verify_key"),
                    v,
                    CredentialKind::RsaPublicKey,
                );
            }
            if j.secret.is_some() {
                cx.error(path.to_string(), "`alg: rs256` uses `key`, not `secret`");
            }
        }
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

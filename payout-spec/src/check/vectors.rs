//! Checks of known-answer vectors: they point at things that exist and use names the spec
//! declares, so a vector cannot pass by checking nothing.

use super::Ctx;
use crate::diag::did_you_mean;
use crate::model::{ExpectStatus, Vector};

pub(super) fn check_vectors(cx: &mut Ctx) {
    let spec = cx.spec;
    for (i, v) in spec.vectors.iter().enumerate() {
        let base = format!("vectors[{i}]");
        check_target(cx, &base, v);
        for name in v.credentials.keys() {
            if !spec.credentials.contains_key(name) {
                cx.error(
                    format!("{base}.credentials.{name}"),
                    format!(
                        "no credential `{name}` in this spec{}",
                        did_you_mean(name, spec.credentials.keys().map(String::as_str))
                    ),
                );
            }
        }
        if let Some(op) = v.operation.as_deref().and_then(|o| spec.operations.get(o)) {
            let inputs: Vec<&str> = op
                .request_fields()
                .filter(|(_, _, f)| f.is_input())
                .map(|(_, n, _)| n)
                .collect();
            let op_path = format!("operations.{}", v.operation.as_deref().unwrap_or_default());
            for name in v.input.keys() {
                let removed = ["params", "query", "body.fields"]
                    .iter()
                    .any(|loc| cx.was_removed(&format!("{op_path}.{loc}.{name}")));
                if !inputs.contains(&name.as_str()) && !removed {
                    cx.error(
                        format!("{base}.input.{name}"),
                        format!(
                            "`{name}` is not an input field of `{}`{}",
                            v.operation.as_deref().unwrap_or_default(),
                            did_you_mean(name, inputs.iter().copied())
                        ),
                    );
                }
            }
            for h in v.expect.headers.keys() {
                let challenged = v
                    .challenge
                    .as_ref()
                    .and(op.challenge.as_ref())
                    .is_some_and(|c| c.headers.keys().any(|k| k.eq_ignore_ascii_case(h)));
                if !op.headers.keys().any(|k| k.eq_ignore_ascii_case(h)) && !challenged {
                    cx.error(
                        format!("{base}.expect.headers.{h}"),
                        format!("the operation sends no header `{h}`"),
                    );
                }
            }
        }
        for (key, map) in [
            ("string_to_sign", &v.expect.string_to_sign),
            ("signatures", &v.expect.signatures),
        ] {
            for r in map.keys() {
                if !spec.signing.contains_key(r) {
                    cx.error(
                        format!("{base}.expect.{key}.{r}"),
                        format!(
                            "no signing recipe `{r}`{}",
                            did_you_mean(r, spec.signing.keys().map(String::as_str))
                        ),
                    );
                }
            }
        }
        if let Some(r) = &v.random {
            if r.len() % 2 != 0 || !r.chars().all(|c| c.is_ascii_hexdigit()) {
                cx.error(
                    format!("{base}.random"),
                    "`random` is bytes written as hex digits",
                );
            }
        }
        if (v.response.is_some() || v.webhook.is_some()) && v.body.is_none() {
            cx.error(
                base.clone(),
                "a response or webhook vector needs the received `body`",
            );
        }
        check_status(cx, &base, v);
        check_expectations(cx, &base, v);
    }
}

/// A vector that expects nothing, or only what its kind never compares, passes while
/// checking nothing: that is refused, so that every vector is a real test.
fn check_expectations(cx: &mut Ctx, base: &str, v: &Vector) {
    let e = &v.expect;
    let given: Vec<&str> = [
        ("method", e.method.is_some()),
        ("url", e.url.is_some()),
        ("body", e.body.is_some()),
        ("headers", !e.headers.is_empty()),
        ("string_to_sign", !e.string_to_sign.is_empty()),
        ("signatures", !e.signatures.is_empty()),
        ("invalid", !e.invalid.is_empty()),
        ("verified", e.verified.is_some()),
        ("status", e.status.is_some()),
        ("provider_status", e.provider_status.is_some()),
        ("merchant_ref", e.merchant_ref.is_some()),
        ("provider_ref", e.provider_ref.is_some()),
        ("error", e.error.is_some()),
    ]
    .into_iter()
    .filter(|(_, present)| *present)
    .map(|(k, _)| k)
    .collect();
    if given.is_empty() {
        cx.error(
            format!("{base}.expect"),
            "the vector expects nothing, so it would pass while checking nothing: say what must come out (`body`, `headers`, `signatures`, `verified`, `status`, ...)",
        );
        return;
    }
    let (kind, compared): (&str, &[&str]) = if v.operation.is_some() {
        (
            "an `operation`",
            &[
                "method",
                "url",
                "body",
                "headers",
                "string_to_sign",
                "signatures",
                "invalid",
            ],
        )
    } else if v.response.is_some() || v.webhook.is_some() {
        (
            "a `response` or `webhook`",
            &[
                "verified",
                "status",
                "provider_status",
                "merchant_ref",
                "provider_ref",
                "error",
            ],
        )
    } else if v.recipe.is_some() {
        ("a `recipe`", &["string_to_sign", "signatures", "verified"])
    } else {
        // No target: reported by `check_target`.
        return;
    };
    for key in given.iter().filter(|k| !compared.contains(k)) {
        cx.error(
            format!("{base}.expect.{key}"),
            format!(
                "{kind} vector does not compare `{key}`, so this expectation would never be checked; it compares {}",
                crate::diag::one_of_list(compared.iter().copied())
            ),
        );
    }
    if v.recipe.is_some() {
        match (&v.received, e.verified) {
            (Some(_), None) => cx.error(
                format!("{base}.received"),
                "say whether the received value must verify: add `expect: { verified: true }` (or `false`)",
            ),
            (None, Some(_)) => cx.error(
                format!("{base}.expect.verified"),
                "a recipe vector verifies its `received` value: add `received:` with the value as the gateway sent it",
            ),
            _ => {}
        }
    } else if v.received.is_some() {
        cx.error(
            format!("{base}.received"),
            "`received` is the value a `recipe` vector verifies; a received message's signatures are in its `headers` and `body`",
        );
    }
}

/// A vector checks exactly one thing, and that thing must exist.
fn check_target(cx: &mut Ctx, base: &str, v: &Vector) {
    let spec = cx.spec;
    let targets = [
        ("operation", &v.operation),
        ("response", &v.response),
        ("webhook", &v.webhook),
        ("recipe", &v.recipe),
    ];
    let given: Vec<&str> = targets
        .iter()
        .filter(|(_, t)| t.is_some())
        .map(|(k, _)| *k)
        .collect();
    if given.len() != 1 {
        cx.error(
            base.to_string(),
            format!(
                "a vector checks exactly one of `operation`, `response`, `webhook`, `recipe`; this one has {}",
                if given.is_empty() { "none".to_string() } else { given.join(", ") }
            ),
        );
    }
    for (key, target) in targets {
        let Some(t) = target else { continue };
        let names: Vec<&str> = match key {
            "operation" | "response" => spec.operations.keys().map(String::as_str).collect(),
            "webhook" => spec.webhooks.keys().map(String::as_str).collect(),
            _ => spec.signing.keys().map(String::as_str).collect(),
        };
        let section = match key {
            "operation" | "response" => "operations",
            "webhook" => "webhooks",
            _ => "signing",
        };
        if !names.contains(&t.as_str()) && !cx.was_removed(&format!("{section}.{t}")) {
            cx.error(
                format!("{base}.{key}"),
                format!(
                    "no {key} `{t}` in `{section}`{}",
                    did_you_mean(t, names.iter().copied())
                ),
            );
        }
    }
}

/// A vector that expects a provider status the spec does not map tests nothing the
/// engine would do with it; `status: unmapped` says the gap is intended.
fn check_status(cx: &mut Ctx, base: &str, v: &Vector) {
    let spec = cx.spec;
    let Some(ps) = &v.expect.provider_status else {
        return;
    };
    let mapped = spec.statuses.get(ps);
    match (mapped, v.expect.status) {
        (None, Some(ExpectStatus::Unmapped)) => {}
        (None, _) => cx.error(
            format!("{base}.expect.provider_status"),
            format!(
                "the status `{ps}` is used in a vector but not mapped in `statuses`; map it, or write `status: unmapped` if the vector checks an unknown status{}",
                did_you_mean(ps, spec.statuses.keys().map(String::as_str))
            ),
        ),
        (Some(_), Some(ExpectStatus::Unmapped)) => cx.error(
            format!("{base}.expect.status"),
            format!("`{ps}` is mapped in `statuses`, so it is not `unmapped`"),
        ),
        _ => {}
    }
}

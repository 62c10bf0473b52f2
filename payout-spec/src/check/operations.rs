//! Checks of the spec's top-level sections and of each operation's shape.

use crate::Role;
use rust_decimal::Decimal;
use std::collections::HashMap;

use super::Ctx;
use crate::diag::did_you_mean;
use crate::model::{HttpMethod, Location, OperationRole, Spec, Step};
use crate::template;

/// The id names the generated Rust module and the sandbox's path prefix, so it must be a
/// plain lowercase identifier. Only version 1 of the language exists.
pub(super) fn check_provider(cx: &mut Ctx) {
    let id = &cx.spec.provider.id;
    let ok = id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ok {
        cx.error(
            "provider.id",
            format!("`{id}` is not a valid id: use lowercase letters, digits and `_`, starting with a letter (e.g. `cashy`)"),
        );
    }
    if cx.spec.spec_version != 1 {
        cx.error(
            "spec_version",
            format!(
                "spec_version {} is not supported: write `spec_version: 1`",
                cx.spec.spec_version
            ),
        );
    }
}

/// Names of operations, webhooks, environments, credentials and recipes become Rust names
/// (methods, types, fields) and template attributes (`credentials.NAME`), so they must be
/// identifiers.
pub(super) fn check_names(cx: &mut Ctx) {
    let s = cx.spec;
    let sections: [(&str, Vec<&String>); 5] = [
        ("operations", s.operations.keys().collect()),
        ("webhooks", s.webhooks.keys().collect()),
        ("environments", s.environments.keys().collect()),
        ("credentials", s.credentials.keys().collect()),
        ("signing", s.signing.keys().collect()),
    ];
    for (section, names) in sections {
        for name in names {
            let ok = name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !ok {
                cx.error(
                    format!("{section}.{name}"),
                    format!("`{name}` is not a usable name: use letters, digits and `_`, starting with a letter (e.g. `create_payout`)"),
                );
            }
        }
    }
}

/// Paths are appended to the base URL, so it must be an absolute http(s) URL without a
/// trailing slash (which would double the one every path starts with).
pub(super) fn check_environments(cx: &mut Ctx) {
    for (name, env) in &cx.spec.environments {
        let path = format!("environments.{name}.base_url");
        let url = &env.base_url;
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            cx.error(
                path,
                format!("`{url}` is not an absolute URL: write `https://host[/prefix]`"),
            );
        } else if url.ends_with('/') {
            cx.error(
                path,
                format!("remove the trailing `/` from `{url}`: operation paths start with one"),
            );
        }
    }
}

/// Limits are compared with exact decimals; a limit with more digits than the wire format
/// allows could never be sent.
pub(super) fn check_money(cx: &mut Ctx) {
    let money = &cx.spec.money;
    let cur = &money.currency;
    if cur.len() != 3 || !cur.chars().all(|c| c.is_ascii_uppercase()) {
        cx.error(
            "money.currency",
            format!("`{cur}` is not an ISO 4217 code: write three capital letters such as `INR`"),
        );
    }
    let fmt = &money.amount;
    // Minor units are counted with a 64-bit power of ten, and no currency has more.
    if fmt.decimals > 18 {
        cx.error(
            "money.amount.decimals",
            format!(
                "{} digits after the point is more than any currency has: at most 18",
                fmt.decimals
            ),
        );
    }
    let mut limits = Vec::new();
    for (key, value) in [("min", &fmt.min), ("max", &fmt.max)] {
        let Some(v) = value else { continue };
        match Decimal::from_str_exact(v) {
            Ok(d) if d.is_sign_negative() => cx.error(
                format!("money.amount.{key}"),
                format!("`{v}` is negative: amount limits are positive"),
            ),
            Ok(d) if d.normalize().scale() > fmt.decimals => cx.error(
                format!("money.amount.{key}"),
                format!(
                    "`{v}` has more digits after the point than `decimals: {}` allows",
                    fmt.decimals
                ),
            ),
            Ok(d) => limits.push(d),
            Err(_) => cx.error(
                format!("money.amount.{key}"),
                format!("`{v}` is not a decimal number: write it like \"10000\" or \"0.01\""),
            ),
        }
    }
    if let [min, max] = limits[..] {
        if min > max {
            cx.error(
                "money.amount.min",
                format!("min {min} is greater than max {max}"),
            );
        }
    }
}

pub(super) fn check_operations(cx: &mut Ctx) {
    let spec = cx.spec;
    let mut by_role: HashMap<OperationRole, &str> = HashMap::new();
    for (name, op) in &spec.operations {
        let base = format!("operations.{name}");

        // The unified trait calls "the" create or query operation: two would be ambiguous.
        if op.role != OperationRole::Other {
            if let Some(first) = by_role.insert(op.role, name) {
                cx.error(
                    format!("{base}.role"),
                    format!("the unified role `{}` is claimed twice: by `{first}` and by `{name}`; give one of them `role: other`", op.role),
                );
            }
        }

        // Without a success predicate every answer would have to be guessed at.
        match &op.response.success {
            None if !cx.was_removed(&format!("{base}.response.success")) => cx.error(
                format!("{base}.response"),
                "the operation has no success predicate: add `success:` with an expression over the response JSON, e.g. `success: code == 200`",
            ),
            _ => {}
        }

        check_path_parameters(cx, &base, op);
        check_unique_field_names(cx, &base, op);

        if op.method == HttpMethod::GET && op.body.is_some() {
            cx.error(
                format!("{base}.body"),
                "a GET request has no body: move the fields to `query` or `params`",
            );
        }

        check_roles_needed(cx, name, &base, op);
        check_plain_secrets(cx, &base, op);
    }
}

/// Every `{name}` in the path needs a field to fill it, and a parameter that is not in the
/// path would never be sent.
fn check_path_parameters(cx: &mut Ctx, base: &str, op: &crate::model::Operation) {
    let in_path = op.path_parameters();
    for p in &in_path {
        if !op.params.contains_key(*p) && !cx.was_removed(&format!("{base}.params.{p}")) {
            cx.error(
                format!("{base}.path"),
                format!(
                    "the path parameter `{{{p}}}` has no field: add `params: {{ {p}: {{ type: string, required: true }} }}`{}",
                    did_you_mean(p, op.params.keys().map(String::as_str))
                ),
            );
        }
    }
    for name in op.params.keys() {
        if !in_path.contains(&name.as_str()) {
            cx.error(
                format!("{base}.params.{name}"),
                format!(
                    "`{name}` is a path parameter but the path `{}` has no `{{{name}}}`",
                    op.path
                ),
            );
        }
    }
    if !op.path.starts_with('/') {
        cx.error(
            format!("{base}.path"),
            format!("the path `{}` must start with `/`", op.path),
        );
    }
}

/// Input is keyed by field name, so a name may be used in one place only.
fn check_unique_field_names(cx: &mut Ctx, base: &str, op: &crate::model::Operation) {
    let mut seen: HashMap<&str, Location> = HashMap::new();
    for (loc, name, _) in op.request_fields() {
        if let Some(first) = seen.insert(name, loc) {
            cx.error(
                format!("{base}.{}.{name}", loc.key()),
                format!(
                    "the field name `{name}` is used in both `{}` and `{}`: input is keyed by name, so rename one",
                    first.key(),
                    loc.key()
                ),
            );
        }
    }
}

/// A unified create needs somewhere to put the merchant reference (the idempotency key) and
/// the amount; a unified query needs a reference to look up. A create may leave them to the
/// steps of its flow: Wise's money step names only the transfer, which a step made from the
/// reference and the amount.
fn check_roles_needed(cx: &mut Ctx, op_name: &str, base: &str, op: &crate::model::Operation) {
    let spec = cx.spec;
    let mut ops = vec![op];
    if op.role == OperationRole::Create {
        let steps = crate::flows::order(spec, op_name).unwrap_or_default();
        ops.extend(
            steps
                .iter()
                .filter_map(|n| spec.obtain.get(n))
                .filter_map(|o| spec.operations.get(&o.operation)),
        );
    }
    let roles: Vec<&Role> = ops
        .iter()
        .flat_map(|op| op.request_fields().filter_map(|(_, _, f)| f.role.as_ref()))
        .collect();
    let body_roles = Some({
        let mut v = Vec::new();
        for op in &ops {
            if let Some(b) = &op.body {
                super::walk_fields(&b.fields, "", &mut |_, _, f| {
                    if let Some(r) = &f.role {
                        v.push(r.clone());
                    }
                });
            }
        }
        v
    });
    let has = |r: &Role| {
        roles.contains(&r)
            || body_roles
                .as_ref()
                .is_some_and(|v| v.iter().any(|x| x == r))
    };
    if cx.removed_under(base) {
        return;
    }
    match op.role {
        OperationRole::Create => {
            for needed in [Role::MerchantRef, Role::Amount] {
                if !has(&needed) {
                    cx.error(
                        base.to_string(),
                        format!("a create operation needs a field with `role: {needed}` so unified calls can set it"),
                    );
                }
            }
        }
        OperationRole::Query | OperationRole::Cancel
            if !has(&Role::MerchantRef) && !has(&Role::ProviderRef) =>
        {
            cx.error(
                base.to_string(),
                format!("a {} operation needs a field with `role: merchant_ref` or `role: provider_ref`", op.role),
            );
        }
        _ => {}
    }
}

/// A secret that travels as plain text is readable by every proxy and log on the way;
/// gateways that want it so exist (HTTP Basic auth), hence a warning, not an error. A secret
/// travels in the clear whether a header or field names it, or a recipe it goes through has
/// no one-way or encrypting step (a template and an encoding hide nothing); a recipe marked
/// `reveals_secret: true` says the gateway wants it so. Nested field values are sent too.
fn check_plain_secrets(cx: &mut Ctx, base: &str, op: &crate::model::Operation) {
    let spec = cx.spec;
    let mut places: Vec<(String, &str)> = op
        .headers
        .iter()
        .map(|(h, t)| (format!("{base}.headers.{h}"), t.as_str()))
        .collect();
    let parts = [
        ("params", Some(&op.params)),
        ("query", Some(&op.query)),
        ("body.fields", op.body.as_ref().map(|b| &b.fields)),
    ];
    for (key, fields) in parts {
        let Some(fields) = fields else { continue };
        super::walk_fields(fields, &format!("{base}.{key}"), &mut |path, _, f| {
            if let Some(v) = &f.value {
                places.push((format!("{path}.value"), v));
            }
        });
    }
    for (path, source) in places {
        let Ok(a) = template::analyze(source) else {
            continue;
        };
        for used in a.under("credentials") {
            if spec.credentials.get(&used).is_some_and(|c| c.is_secret()) {
                cx.warning(
                    path.clone(),
                    format!("the secret credential `{used}` is sent as plain text; use it inside a signing recipe (a hash, hmac, rsa_sign or aes_encrypt step) instead, or, if the gateway really wants it in the clear, build the value in a recipe marked `reveals_secret: true`"),
                );
            }
        }
        for recipe in a.under("signatures") {
            if let Some(used) = readable_secret(spec, &recipe, true, 0) {
                cx.warning(
                    path.clone(),
                    format!("the secret credential `{used}` is sent as plain text through `signatures.{recipe}`: no hash, hmac, rsa_sign or aes_encrypt step comes after it; sign with it instead, or, if the gateway really wants it in the clear (HTTP Basic auth), mark the recipe `reveals_secret: true`"),
                );
            }
        }
    }
}

/// An opt-out that no longer applies would silence a real leak added later.
pub(super) fn check_reveals_secret(cx: &mut Ctx) {
    let spec = cx.spec;
    for (name, recipe) in &spec.signing {
        if recipe.reveals_secret && readable_secret(spec, name, false, 0).is_none() {
            cx.warning(
                format!("signing.{name}.reveals_secret"),
                "no secret credential reaches this recipe's result in a readable form, so `reveals_secret: true` says nothing true; remove it",
            );
        }
    }
}

/// The secret credential a recipe's result shows readably: one that a template names (or
/// that a recipe it uses shows), with no hash, HMAC, RSA signature or encryption after it.
/// A template without `{{ input }}` starts afresh; encodings, decodings and decryption
/// hide nothing. With `opt_out`, a recipe marked `reveals_secret: true` shows none.
fn readable_secret(spec: &Spec, name: &str, opt_out: bool, depth: usize) -> Option<String> {
    let recipe = spec.signing.get(name)?;
    // Recipes that use each other in a circle are an error of their own.
    if depth > 16 || (opt_out && recipe.reveals_secret) {
        return None;
    }
    let mut carried: Option<String> = None;
    for step in &recipe.steps {
        match step {
            Step::Template(t) => {
                let Ok(a) = template::analyze(t) else {
                    return None;
                };
                let named = a
                    .under("credentials")
                    .into_iter()
                    .find(|c| spec.credentials.get(c).is_some_and(|x| x.is_secret()))
                    .or_else(|| {
                        a.under("signatures")
                            .iter()
                            .find_map(|r| readable_secret(spec, r, true, depth + 1))
                    });
                let kept = if a.roots().contains("input") {
                    carried.take()
                } else {
                    None
                };
                carried = named.or(kept);
            }
            Step::Input(_) => carried = None,
            s if s.is_cryptographic() => carried = None,
            _ => {}
        }
    }
    carried
}

/// The sandbox moves payouts through these statuses; each must be one the spec maps, or
/// the simulated gateway would speak a status its own spec cannot read.
pub(super) fn check_sandbox(cx: &mut Ctx) {
    let Some(sb) = &cx.spec.sandbox else { return };
    let mut used: Vec<(String, &str)> = Vec::new();
    for (i, s) in sb.success_path.iter().enumerate() {
        used.push((format!("sandbox.success_path[{i}]"), s));
    }
    for (i, s) in sb.failure_path.iter().enumerate() {
        used.push((format!("sandbox.failure_path[{i}]"), s));
    }
    if let Some(r) = &sb.reversal {
        used.push(("sandbox.reversal.status".into(), &r.status));
    }
    for s in sb.events.keys() {
        used.push((format!("sandbox.events.{s}"), s));
    }
    for (path, s) in used {
        if !cx.spec.statuses.contains_key(s) && !cx.was_removed(&format!("statuses.{s}")) {
            cx.error(
                path,
                format!(
                    "the status `{s}` is not mapped in `statuses`{}",
                    did_you_mean(s, cx.spec.statuses.keys().map(String::as_str))
                ),
            );
        }
    }
    for (i, path) in [
        ("success_path", &sb.success_path),
        ("failure_path", &sb.failure_path),
    ] {
        if let Some(last) = path.last() {
            let fin = cx.spec.statuses.get(last).map(|e| e.unified().is_final());
            if fin == Some(false) {
                cx.error(
                    format!("sandbox.{i}"),
                    format!("the last status `{last}` is not final: a payout would never finish"),
                );
            }
        }
    }
    for kind in sb.errors.keys() {
        if !SANDBOX_ERRORS.contains(&kind.as_str()) {
            cx.error(
                format!("sandbox.errors.{kind}"),
                format!(
                    "unknown sandbox error `{kind}`; expected one of {}{}",
                    crate::diag::one_of_list(SANDBOX_ERRORS.iter().copied()),
                    did_you_mean(kind, SANDBOX_ERRORS.iter().copied())
                ),
            );
        }
    }
}

/// The error situations the sandbox imitates.
pub const SANDBOX_ERRORS: &[&str] = &[
    "unauthorized",
    "duplicate",
    "not_found",
    "invalid_request",
    "server_error",
];

#[cfg(test)]
mod tests {
    use super::readable_secret;

    const SPEC: &str = r#"
spec_version: 1
provider: { id: acme, name: Acme }
credentials: { id: {}, key: { secret: true } }
money: { currency: INR, amount: { encoding: string, decimals: 2 } }
signing:
  copied: { steps: [ { template: "{{ credentials.id }}:{{ credentials.key }}" }, { encode: base64 } ] }
  wrapped: { steps: [ { template: "Basic {{ signatures.copied }}" } ] }
  hashed: { steps: [ { template: "{{ credentials.key }}" }, { hash: sha256 }, { encode: hex }, { template: "v1={{ input }}" } ] }
  replaced: { steps: [ { template: "{{ credentials.key }}" }, { template: "{{ credentials.id }}" } ] }
  kept: { steps: [ { template: "{{ credentials.key }}" }, { encode: hex }, { decode: hex }, { template: "<{{ input }}>" } ] }
  keyed: { steps: [ { input: body_bytes }, { hmac: { alg: sha256, key: "{{ credentials.key }}" } }, { encode: hex } ] }
  allowed: { reveals_secret: true, steps: [ { template: "{{ credentials.key }}" } ] }
  via_allowed: { steps: [ { template: "x {{ signatures.allowed }}" } ] }
operations:
  query_payout:
    role: query
    method: GET
    path: /p/{ref}
    params: { ref: { type: string, required: true, role: provider_ref } }
    response: { success: "true" }
"#;

    /// A secret is readable in a recipe's result until a hash, HMAC, RSA or AES step, or a
    /// template that does not carry `{{ input }}` on; through `signatures.X` as well.
    #[test]
    fn follows_the_secret_through_steps_and_recipes() {
        let spec = crate::load::load_str(SPEC, "t.yaml").unwrap().spec;
        let shows = |r: &str| readable_secret(&spec, r, true, 0);
        assert_eq!(shows("copied").as_deref(), Some("key"));
        assert_eq!(shows("wrapped").as_deref(), Some("key"));
        assert_eq!(shows("kept").as_deref(), Some("key"));
        assert_eq!(shows("hashed"), None);
        assert_eq!(shows("replaced"), None);
        assert_eq!(shows("keyed"), None);
        // The opt-out covers the recipe and what is built on it, and only with it honoured.
        assert_eq!(shows("allowed"), None);
        assert_eq!(shows("via_allowed"), None);
        assert_eq!(
            readable_secret(&spec, "allowed", false, 0).as_deref(),
            Some("key")
        );
    }
}

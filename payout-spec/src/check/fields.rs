//! Checks of field definitions, unified roles and cross-field rules, for every message.

use std::collections::HashMap;

use indexmap::IndexMap;
use rust_decimal::Decimal;

use super::{walk_fields, Ctx};
use crate::diag::{did_you_mean, one_of_list};
use crate::json::Json;
use crate::model::{EnumValues, Field, FieldType, OperationRole, Rule};
use crate::roles::{self, Role};

/// Which message a field belongs to, which decides the roles it may carry.
#[derive(Clone, Copy)]
enum Message {
    Request(OperationRole),
    /// The request of a flow step (`obtain:`): made from the unified create's values.
    Step,
    Result,
}

pub(super) fn check_all_messages(cx: &mut Ctx) {
    let spec = cx.spec;
    for (name, op) in &spec.operations {
        let base = format!("operations.{name}");
        // A request's params, query and body together form one message for roles.
        let mut seen_roles: HashMap<String, Vec<String>> = HashMap::new();
        let step = op.role == OperationRole::Other && spec.obtained_by(name).next().is_some();
        let msg = if step {
            Message::Step
        } else {
            Message::Request(op.role)
        };
        check_fields(
            cx,
            &op.params,
            &format!("{base}.params"),
            msg,
            &mut seen_roles,
        );
        check_fields(
            cx,
            &op.query,
            &format!("{base}.query"),
            msg,
            &mut seen_roles,
        );
        if let Some(body) = &op.body {
            check_fields(
                cx,
                &body.fields,
                &format!("{base}.body.fields"),
                msg,
                &mut seen_roles,
            );
            check_rules(cx, &body.rules, &body.fields, &format!("{base}.body.rules"));
        }
        if let Some(body) = &op.response.body {
            let mut seen = HashMap::new();
            check_fields(
                cx,
                &body.fields,
                &format!("{base}.response.body.fields"),
                Message::Result,
                &mut seen,
            );
        }
    }
    for (name, wh) in &spec.webhooks {
        let mut seen = HashMap::new();
        let base = format!("webhooks.{name}.body");
        check_fields(
            cx,
            &wh.body.fields,
            &format!("{base}.fields"),
            Message::Result,
            &mut seen,
        );
        check_rules(
            cx,
            &wh.body.rules,
            &wh.body.fields,
            &format!("{base}.rules"),
        );
    }
}

fn check_fields(
    cx: &mut Ctx,
    fields: &IndexMap<String, Field>,
    base: &str,
    msg: Message,
    seen_roles: &mut HashMap<String, Vec<String>>,
) {
    let mut found = Vec::new();
    walk_fields(fields, base, &mut |path, name, f| {
        found.push((path.to_string(), name, f))
    });
    for (path, name, f) in found {
        check_field(cx, &path, name, f);
        if f.value.is_some() && path != format!("{base}.{name}") {
            check_nested_value(cx, &path, name);
        }
        if let Some(role) = &f.role {
            check_role(cx, &path, role, f, msg, seen_roles);
        }
        // `derive` turns a role's value into this field's: without a role, or on a message
        // that is read rather than filled, it would never run.
        if f.derive.is_some() && (f.role.is_none() || matches!(msg, Message::Result)) {
            cx.error(
                format!("{path}.derive"),
                "`derive` makes a request field's value from its role's: give the field a `role` (on a request)",
            );
        }
    }
}

/// Keys that only make sense for some types are refused elsewhere: a `max_len` on an int
/// would silently do nothing, which is worse than an error.
fn check_field(cx: &mut Ctx, path: &str, _name: &str, f: &Field) {
    use FieldType as T;
    let applies: [(&str, bool, &[FieldType]); 13] = [
        // On an amount, the length of its wire text (Xettle: at most 5 characters).
        ("min_len", f.min_len.is_some(), &[T::String, T::Amount]),
        ("max_len", f.max_len.is_some(), &[T::String, T::Amount]),
        ("pattern", f.pattern.is_some(), &[T::String]),
        ("min", f.min.is_some(), &[T::Int, T::Decimal, T::Amount]),
        ("max", f.max.is_some(), &[T::Int, T::Decimal, T::Amount]),
        ("decimals", f.decimals.is_some(), &[T::Decimal]),
        (
            "json",
            f.json.is_some(),
            &[T::Int, T::Decimal, T::Amount, T::Bool],
        ),
        ("format", f.format.is_some(), &[T::Datetime]),
        ("offset", f.offset.is_some(), &[T::Datetime]),
        ("fields", f.fields.is_some(), &[T::Object]),
        ("items", f.items.is_some(), &[T::Array]),
        ("tag", f.tag.is_some(), &[T::OneOf]),
        ("variants", f.variants.is_some(), &[T::OneOf]),
    ];
    for (key, present, types) in applies {
        if present && !types.contains(&f.ty) {
            let names: Vec<String> = types.iter().map(|t| t.to_string()).collect();
            cx.error(
                format!("{path}.{key}"),
                format!(
                    "`{key}` does not apply to a field of type `{}`; it is for {}",
                    f.ty,
                    one_of_list(names.iter().map(String::as_str))
                ),
            );
        }
    }
    let needs: [(&str, bool, FieldType, &str); 4] = [
        (
            "fields",
            f.fields.is_none(),
            T::Object,
            "fields: { name: { type: string } }",
        ),
        (
            "items",
            f.items.is_none(),
            T::Array,
            "items: { type: string }",
        ),
        ("tag", f.tag.is_none(), T::OneOf, "tag: type"),
        (
            "variants",
            f.variants.is_none(),
            T::OneOf,
            "variants: { A: { fields: {...} } }",
        ),
    ];
    for (key, missing, ty, example) in needs {
        if missing && f.ty == ty {
            cx.error(
                path.to_string(),
                format!("a field of type `{ty}` needs `{key}`: add `{example}`"),
            );
        }
    }

    if let Some(p) = &f.pattern {
        if let Err(e) = regex::Regex::new(p) {
            cx.error(
                format!("{path}.pattern"),
                format!("`{p}` is not a valid regular expression: {e}"),
            );
        }
    }
    check_limits(cx, path, f);

    let sources = [
        ("default", f.default.is_some()),
        ("generate", f.generate.is_some()),
        ("value", f.value.is_some()),
    ];
    let given: Vec<&str> = sources
        .iter()
        .filter(|(_, p)| *p)
        .map(|(k, _)| *k)
        .collect();
    if given.len() > 1 {
        cx.error(
            path.to_string(),
            format!(
                "{} cannot be combined: a field's value comes from one place",
                one_of_list(given.iter().copied())
            ),
        );
    }

    if let Some(values) = &f.values {
        check_enum(cx, path, f, values);
    } else if f.unified.is_some() {
        cx.error(
            format!("{path}.unified"),
            "`unified` maps unified values onto enum names: it needs `enum`",
        );
    }

    if let Some(offset) = &f.offset {
        if parse_offset(offset).is_none() {
            cx.error(
                format!("{path}.offset"),
                format!("`{offset}` is not a UTC offset: write it like `+05:30` or `-03:00`"),
            );
        }
    }
    if let Some(format) = &f.format {
        let bad = chrono::format::StrftimeItems::new(format)
            .any(|item| matches!(item, chrono::format::Item::Error));
        if bad {
            cx.error(
                format!("{path}.format"),
                format!("`{format}` is not a valid strftime format (e.g. `%d-%m-%Y %H:%M:%S`)"),
            );
        }
    }

    if let (Some(tag), Some(variants)) = (&f.tag, &f.variants) {
        if variants.is_empty() {
            cx.error(
                format!("{path}.variants"),
                "a one_of needs at least one variant: `variants: { NAME: { fields: {...} } }`",
            );
        }
        for (vname, v) in variants {
            if v.fields.contains_key(tag) {
                cx.error(
                    format!("{path}.variants.{vname}.fields.{tag}"),
                    format!("`{tag}` is the tag of this one_of and is written from the variant name: remove it from the variant's fields"),
                );
            }
            if let Some(u) = &v.unified {
                if !roles::PAYOUT_METHODS.contains(&u.as_str()) {
                    cx.error(
                        format!("{path}.variants.{vname}.unified"),
                        format!(
                            "unknown payout method `{u}`; expected one of {}{}",
                            one_of_list(roles::PAYOUT_METHODS.iter().copied()),
                            did_you_mean(u, roles::PAYOUT_METHODS.iter().copied())
                        ),
                    );
                }
            }
        }
    }
}

/// A computed `value:` is filled in for the top-level fields of a message only (that is also
/// where a received signature is read back from): on a nested field it would never be sent
/// nor checked, silently.
fn check_nested_value(cx: &mut Ctx, path: &str, name: &str) {
    cx.error(
        format!("{path}.value"),
        format!("a computed `value` is only filled in for top-level fields of a message; on this nested field it would never be sent or checked: move `{name}` to the top level of the body, or give it as input"),
    );
}

/// Limits are exact decimals and must be consistent, or no value could ever pass.
fn check_limits(cx: &mut Ctx, path: &str, f: &Field) {
    let mut parsed = [None, None];
    for (i, (key, v)) in [("min", &f.min), ("max", &f.max)].into_iter().enumerate() {
        let Some(v) = v else { continue };
        match Decimal::from_str_exact(v) {
            Ok(d) if f.ty == FieldType::Int && !d.fract().is_zero() => cx.error(
                format!("{path}.{key}"),
                format!("`{v}` is not a whole number, and the field is an `int`"),
            ),
            Ok(d) => parsed[i] = Some(d),
            Err(_) => cx.error(
                format!("{path}.{key}"),
                format!("`{v}` is not a number: write it like `1` or `\"0.01\"`"),
            ),
        }
    }
    if let [Some(min), Some(max)] = parsed {
        if min > max {
            cx.error(
                format!("{path}.min"),
                format!("min {min} is greater than max {max}"),
            );
        }
    }
    if let (Some(a), Some(b)) = (f.min_len, f.max_len) {
        if a > b {
            cx.error(
                format!("{path}.min_len"),
                format!("min_len {a} is greater than max_len {b}"),
            );
        }
    }
}

/// An enum's default, example and unified mapping must name values that exist.
fn check_enum(cx: &mut Ctx, path: &str, f: &Field, values: &EnumValues) {
    let names = values.names();
    if names.is_empty() {
        cx.error(format!("{path}.enum"), "an enum needs at least one value");
    }
    for (key, v) in [("default", &f.default), ("example", &f.example)] {
        let Some(v) = v else { continue };
        let text = v.scalar_text().unwrap_or_default();
        if !names.contains(&text) {
            cx.error(
                format!("{path}.{key}"),
                format!(
                    "`{text}` is not one of the enum's names ({}){}",
                    one_of_list(names.iter().map(String::as_str)),
                    did_you_mean(&text, names.iter().map(String::as_str))
                ),
            );
        }
    }
    if let Some(unified) = &f.unified {
        for (u, name) in unified {
            if !names.contains(name) {
                cx.error(
                    format!("{path}.unified.{u}"),
                    format!(
                        "`{name}` is not one of the enum's names{}",
                        did_you_mean(name, names.iter().map(String::as_str))
                    ),
                );
            }
        }
    }
    // Two names for one wire value would make a received value ambiguous.
    let mut seen: Vec<(String, String)> = Vec::new();
    for (name, wire) in values.pairs() {
        let text = wire.scalar_text().unwrap_or_default();
        if let Some((first, _)) = seen.iter().find(|(_, w)| *w == text) {
            cx.error(
                format!("{path}.enum.{name}"),
                format!(
                    "the wire value `{text}` is already `{first}`'s: give each name its own \
                     value, or drop one"
                ),
            );
        } else {
            seen.push((name, text));
        }
    }
    if let EnumValues::Map(m) = values {
        for (name, v) in m {
            let ok = match f.ty {
                FieldType::Int => matches!(v, Json::Number(n) if n.parse::<i64>().is_ok()),
                FieldType::String => matches!(v, Json::String(_) | Json::Number(_)),
                _ => true,
            };
            if !ok {
                cx.error(
                    format!("{path}.enum.{name}"),
                    format!(
                        "the wire value of `{name}` must be {}",
                        if f.ty == FieldType::Int {
                            "a whole number"
                        } else {
                            "text"
                        }
                    ),
                );
            }
        }
    }
}

/// A role ties a field to the unified model: it must be a known name, fit the message, be
/// one value the unified payout has (not a list), and, in what is received, be claimed
/// once, or the unified value would have two homes.
fn check_role(
    cx: &mut Ctx,
    path: &str,
    role: &Role,
    f: &Field,
    msg: Message,
    seen: &mut HashMap<String, Vec<String>>,
) {
    let allowed: &[Role] = match msg {
        Message::Request(op) => roles::request_roles(op),
        Message::Step => roles::CREATE,
        Message::Result => roles::RESULT,
    };
    if let (Role::Obtained(name), Message::Request(_) | Message::Step) = (role, msg) {
        if !cx.spec.obtain.contains_key(name) {
            let names = cx.spec.obtain.keys().map(String::as_str);
            cx.error(
                format!("{path}.role"),
                format!(
                    "no obtained value `{name}`; declared under `obtain`: {}{}",
                    one_of_list(names.clone()),
                    did_you_mean(name, names)
                ),
            );
        }
        return;
    }
    // The parts of a received webhook, on the operation that posts it back to the gateway.
    if let Role::WebhookBody | Role::WebhookHeader(_) = role {
        let postback = cx
            .spec
            .webhooks
            .values()
            .filter_map(|w| w.postback.as_deref())
            .any(|op| path.starts_with(&format!("operations.{op}.")));
        if !postback {
            cx.error(
                format!("{path}.role"),
                format!("`{role}` fills a field from a received webhook: only an operation a webhook names as its `postback` has one"),
            );
        }
        return;
    }
    if !allowed.contains(role) {
        let context = match msg {
            Message::Request(op) => format!("the request of a `{op}` operation"),
            Message::Step => "the request of a flow step".to_string(),
            Message::Result => "a response or webhook".to_string(),
        };
        let list = if allowed.is_empty() {
            "none".to_string()
        } else {
            one_of_list(allowed.iter().map(Role::keyword))
        };
        cx.error(
            format!("{path}.role"),
            format!(
                "unknown role `{role}` for {context}; expected one of {list}{}",
                did_you_mean(&role.to_string(), allowed.iter().map(Role::keyword))
            ),
        );
        return;
    }
    // A unified payout is one item: a role inside an array is its item's value, but an
    // array inside an array would hold many of them, and an array itself is not one value.
    if array_depth(path) > 1 {
        cx.error(
            format!("{path}.role"),
            format!("the role `{role}` is inside an array inside an array: a unified payout is one item, so it cannot be read or filled here"),
        );
        return;
    }
    if f.ty == FieldType::Array {
        cx.error(
            format!("{path}.role"),
            format!("the role `{role}` names one value, and an `array` holds a list: put the role on a field of its `items` (a unified payout is a one-item batch)"),
        );
        return;
    }
    // A request may send one value in several places (the name in the contact and in the
    // bank account); a received message must say it in one, or which to read is a guess.
    if let Message::Result = msg {
        let claims = seen.entry(role.to_string()).or_default();
        if let Some(first) = claims.iter().find(|c| !alternatives(c, path)) {
            cx.error(
                format!("{path}.role"),
                format!("the unified role `{role}` is claimed twice: also by `{first}`"),
            );
        }
        claims.push(path.to_string());
    }
    if *role == Role::PayoutMethod && f.ty != FieldType::OneOf && f.unified.is_none() {
        cx.error(
            format!("{path}.role"),
            "a `payout_method` field is a `one_of` with `unified` variants, or an enum with a `unified` mapping",
        );
    }
    if *role == Role::Amount && f.ty != FieldType::Amount {
        cx.error(
            format!("{path}.role"),
            format!(
                "the `amount` role needs `type: amount`, not `{}`: money is never a plain number",
                f.ty
            ),
        );
    }
}

/// How many arrays a field path goes through: `items` segments that are an array's items,
/// not a field named `items` (which follows `fields`).
fn array_depth(path: &str) -> usize {
    let segments: Vec<&str> = path.split('.').collect();
    segments
        .windows(2)
        .filter(|w| w[1] == "items" && w[0] != "fields")
        .count()
}

/// Whether two field paths are in different variants of the same `one_of`, where the same
/// role is carried once per variant (a bank payee's name, a UPI payee's name).
fn alternatives(a: &str, b: &str) -> bool {
    const V: &str = ".variants.";
    let mut from = 0;
    while let Some(i) = a[from..].find(V).map(|i| i + from) {
        let prefix = &a[..i + V.len()];
        if let Some(rest_b) = b.strip_prefix(prefix) {
            let rest_a = &a[prefix.len()..];
            let va = rest_a.split('.').next().unwrap_or(rest_a);
            let vb = rest_b.split('.').next().unwrap_or(rest_b);
            if va != vb {
                return true;
            }
        } else {
            return false;
        }
        from = i + V.len();
    }
    false
}

/// Rules name fields; a misspelt name would make the rule silently never apply.
fn check_rules(cx: &mut Ctx, rules: &[Rule], fields: &IndexMap<String, Field>, base: &str) {
    let names: Vec<&str> = fields.keys().map(String::as_str).collect();
    let fields_at = format!("{}.fields", base.trim_end_matches(".rules"));
    let unknown = |cx: &mut Ctx, path: String, n: &str| {
        if !fields.contains_key(n) && !cx.was_removed(&format!("{fields_at}.{n}")) {
            cx.error(
                path,
                format!(
                    "no field `{n}` in this body{}",
                    did_you_mean(n, names.iter().copied())
                ),
            );
        }
    };
    for (i, rule) in rules.iter().enumerate() {
        match rule {
            Rule::ExactlyOneOf(list) | Rule::AtLeastOneOf(list) => {
                let key = if matches!(rule, Rule::ExactlyOneOf(_)) {
                    "exactly_one_of"
                } else {
                    "at_least_one_of"
                };
                if list.len() < 2 {
                    cx.error(
                        format!("{base}[{i}].{key}"),
                        "a rule across fields needs at least two field names",
                    );
                }
                for (j, n) in list.iter().enumerate() {
                    unknown(cx, format!("{base}[{i}].{key}[{j}]"), n);
                }
            }
            Rule::When(w) => {
                let p = format!("{base}[{i}].when");
                unknown(cx, format!("{p}.field"), &w.field);
                if let Some(Field {
                    values: Some(values),
                    ..
                }) = fields.get(&w.field)
                {
                    let text = w.equals.scalar_text().unwrap_or_default();
                    let names = values.names();
                    if !names.contains(&text) {
                        cx.error(
                            format!("{p}.equals"),
                            format!(
                                "`{text}` is not one of `{}`'s enum names ({}){}",
                                w.field,
                                one_of_list(names.iter().map(String::as_str)),
                                did_you_mean(&text, names.iter().map(String::as_str))
                            ),
                        );
                    }
                }
                for (n, c) in &w.then {
                    unknown(cx, format!("{p}.then.{n}"), n);
                    if let Some(pat) = &c.pattern {
                        if let Err(e) = regex::Regex::new(pat) {
                            cx.error(
                                format!("{p}.then.{n}.pattern"),
                                format!("`{pat}` is not a valid regular expression: {e}"),
                            );
                        }
                    }
                }
            }
        }
    }
}

/// `+05:30` → seconds east of UTC.
pub fn parse_offset(s: &str) -> Option<i32> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let h: i32 = h.parse().ok()?;
    let m: i32 = m.parse().ok()?;
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::alternatives;

    const SPEC: &str = r#"
spec_version: 1
provider: { id: acme, name: Acme }
money: { currency: INR, amount: { encoding: string, decimals: 2, trim: true } }
operations:
  create_payout:
    role: create
    method: POST
    path: /payouts
    body:
      fields:
        ref: { type: string, required: true, role: merchant_ref }
        amount: { type: amount, required: true, role: amount, max_len: 5 }
        count: { type: int, LIMIT: 3 }
    response: { success: ok == true, body: { fields: { ok: { type: bool } } } }
"#;

    fn errors(src: &str) -> Vec<String> {
        match crate::load::load_str(src, "t.yaml") {
            Ok(_) => Vec::new(),
            Err(e) => e.diagnostics.iter().map(|d| d.to_string()).collect(),
        }
    }

    #[test]
    fn length_limits_apply_to_strings_and_amounts_only() {
        // An amount's wire text may be limited (Xettle: at most 5 characters)...
        assert!(errors(&SPEC.replace(", LIMIT: 3", "")).is_empty());
        // ...but a length limit on an int would silently do nothing.
        let e = errors(&SPEC.replace("LIMIT", "max_len"));
        assert!(
            e.iter()
                .any(|m| m.contains("`max_len` does not apply to a field of type `int`")),
            "{e:?}"
        );
    }

    #[test]
    fn roles_in_different_variants_are_alternatives() {
        let a = "ops.create.body.fields.pm.variants.BANK.fields.payeeName";
        let b = "ops.create.body.fields.pm.variants.UPI.fields.payeeName";
        let c = "ops.create.body.fields.name";
        assert!(alternatives(a, b));
        assert!(!alternatives(a, c));
        assert!(!alternatives(a, a));
    }
}

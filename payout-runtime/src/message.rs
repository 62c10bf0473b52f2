//! The parts of building a message that requests, sandbox responses and webhooks share:
//! computed fields, the body's bytes, header values, and fields generated from roles.

use indexmap::IndexMap;
use payout_spec::{Body, BodyEncoding, Field, FieldType, Json, Role, Spec};

use crate::context::Message;
use crate::crypto::canonical::form;
use crate::error::PayoutError;
use crate::money;
use crate::signing::Engine;
use crate::source::{self, Entropy};

/// The body's exact bytes: compact JSON in field order, or a form, written straight from
/// the fields into one buffer sized for them.
pub fn serialize(body: &Body, fields: &IndexMap<String, Json>) -> Vec<u8> {
    match body.encoding {
        BodyEncoding::Json => {
            let mut out = String::with_capacity(payout_spec::json::object_size_hint(fields));
            payout_spec::json::write_object(&mut out, fields, body.escape_slashes);
            out.into_bytes()
        }
        BodyEncoding::Form => form(fields).into_bytes(),
    }
}

/// A finished message. No `Debug`: its headers may carry credentials.
#[derive(Clone)]
pub struct Finished {
    pub body: Vec<u8>,
    pub headers: Vec<(String, String)>,
    /// The header values as they may be shown: a value that reveals a secret (a Basic
    /// auth header is the secret, Base64-encoded) reads `<redacted:...>`.
    pub shown_headers: Vec<(String, String)>,
}

/// Fills the computed fields of the body, serialises it and renders the headers: what is
/// left once a message's plain fields are known. A body's `Content-Type` is added unless
/// the spec sets one. `base` is the YAML path of the message (`operations.x.response`,
/// `webhooks.y`).
pub fn finish(
    engine: &mut Engine,
    msg: &mut Message,
    body: Option<&Body>,
    headers: &IndexMap<String, String>,
    base: &str,
) -> Result<Finished, PayoutError> {
    let bytes = match body {
        Some(b) => {
            fill_computed(
                engine,
                msg,
                &b.fields,
                &format!("{base}.body.fields"),
                Part::Body,
            )?;
            serialize(b, &msg.body)
        }
        None => Vec::new(),
    };
    msg.body_bytes = Some(bytes.clone());
    let (mut out, mut shown) = render_headers(engine, msg, headers, base)?;
    if let Some(b) = body {
        if !out
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        {
            out.push(("Content-Type".into(), b.content_type().into()));
            shown.push(("Content-Type".into(), b.content_type().into()));
        }
    }
    Ok(Finished {
        body: bytes,
        headers: out,
        shown_headers: shown,
    })
}

/// Header names and values, in the spec's order.
pub type Headers = Vec<(String, String)>;

/// Renders the spec's headers of a message whose body bytes are already set, returning
/// the values sent and the values as they may be shown. The sandbox calls it alone to sign
/// a refusal, whose body is the gateway's error shape rather than the spec's fields.
pub fn render_headers(
    engine: &mut Engine,
    msg: &mut Message,
    headers: &IndexMap<String, String>,
    base: &str,
) -> Result<(Headers, Headers), PayoutError> {
    let mut out = Vec::new();
    let mut shown = Vec::new();
    for name in headers.keys() {
        let path = format!("{base}.headers.{name}");
        let value = render(engine, msg, &path)?;
        let redacted = if reveals_secret(engine, msg, &path) {
            engine
                .spec
                .render(&path, &msg.context(engine.creds, true, None))
                .unwrap_or_else(|_| "<redacted>".into())
        } else {
            value.clone()
        };
        msg.headers.push((name.clone(), value.clone()));
        out.push((name.clone(), value));
        shown.push((name.clone(), redacted));
    }
    Ok((out, shown))
}

/// Whether a rendered template may show a secret: it names a secret credential, or a
/// signature whose value reveals one (a Basic auth value). Only then is it rendered again,
/// redacted, for display.
fn reveals_secret(engine: &Engine, msg: &Message, path: &str) -> bool {
    let Some(info) = engine.spec.info(path) else {
        return true;
    };
    info.credentials.iter().any(|c| engine.creds.is_secret(c))
        || info
            .obtained
            .iter()
            .any(|o| msg.obtained.get(o).is_none_or(|v| v.secret))
        || info
            .signatures
            .iter()
            .any(|s| msg.signatures.get(s).is_none_or(|s| s.display != s.text))
}

/// Which part of a message a field is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Params,
    Query,
    Body,
}

/// Fills the computed (`value:`) fields of one part, in spec order, keeping that order.
pub fn fill_computed(
    engine: &mut Engine,
    msg: &mut Message,
    defs: &IndexMap<String, Field>,
    base: &str,
    part: Part,
) -> Result<(), PayoutError> {
    if defs.values().all(Field::is_input) {
        return Ok(());
    }
    for (name, def) in defs {
        if def.is_input() {
            continue;
        }
        let text = render(engine, msg, &format!("{base}.{name}.value"))?;
        let value = match def.ty {
            payout_spec::FieldType::Int => Json::Number(text),
            _ => Json::String(text),
        };
        let target = match part {
            Part::Params => &mut msg.params,
            Part::Query => &mut msg.query,
            Part::Body => &mut msg.body,
        };
        target.insert(name.clone(), value);
        // Back into spec order: the computed field goes where the spec puts it.
        reorder(target, defs);
    }
    Ok(())
}

/// Puts a message's values in the order of the spec's fields (values the spec does not
/// name go last): the order the bytes are serialised in.
pub fn reorder(values: &mut IndexMap<String, Json>, fields: &IndexMap<String, Field>) {
    values.sort_by(|a, _, b, _| {
        let pos = |k: &String| fields.get_index_of(k).unwrap_or(usize::MAX);
        pos(a).cmp(&pos(b))
    });
}

/// Renders a message template, computing the signatures it uses first.
pub fn render(engine: &mut Engine, msg: &mut Message, path: &str) -> Result<String, PayoutError> {
    let spec = engine.spec;
    let sigs = spec.info(path).map_or(&[][..], |i| &i.signatures[..]);
    engine
        .ensure(sigs, msg)
        .map_err(|e| PayoutError::config(format!("{path}: {e}")))?;
    let ctx = msg.context(engine.creds, false, None);
    engine
        .spec
        .render(path, &ctx)
        .map_err(|e| PayoutError::config(format!("{path}: {e}")))
}

/// Fields of a message the gateway sends (a response, a webhook), generated the way the
/// sandbox imitates the gateway: a role's value where the field has a role, else the
/// field's example or default, else a generated value; nested objects recursively; nothing
/// for fields with no value (or `null` where the field is nullable).
pub fn generate(
    spec: &Spec,
    fields: &IndexMap<String, Field>,
    role_value: &dyn Fn(&Role) -> Option<Json>,
    nonce: &str,
    timestamp_ms: u64,
    entropy: &dyn Entropy,
) -> IndexMap<String, Json> {
    let mut out = IndexMap::new();
    for (name, f) in fields {
        if !f.is_input() {
            continue;
        }
        let v = match f.ty {
            FieldType::Object => {
                let inner = generate(
                    spec,
                    f.fields.as_ref().unwrap_or(&IndexMap::new()),
                    role_value,
                    nonce,
                    timestamp_ms,
                    entropy,
                );
                (!inner.is_empty()).then_some(Json::Object(inner))
            }
            // One item: the payout.
            FieldType::Array if f.items.is_some() && f.example.is_none() => {
                let mut wrapper = IndexMap::new();
                if let Some(item) = &f.items {
                    wrapper.insert("0".to_string(), (**item).clone());
                }
                let mut one = generate(spec, &wrapper, role_value, nonce, timestamp_ms, entropy);
                one.shift_remove("0").map(|v| Json::Array(vec![v]))
            }
            _ => f
                .role
                .as_ref()
                .and_then(role_value)
                .map(|v| wire(spec, f, v))
                .or_else(|| f.example.clone())
                .or_else(|| f.default.clone())
                .or_else(|| match f.generate {
                    Some(payout_spec::Generator::Nonce) => Some(Json::String(nonce.to_string())),
                    Some(payout_spec::Generator::TimestampMs) => {
                        Some(Json::String(timestamp_ms.to_string()))
                    }
                    Some(payout_spec::Generator::TimestampS) => {
                        Some(Json::String((timestamp_ms / 1000).to_string()))
                    }
                    Some(payout_spec::Generator::Uuid) => {
                        source::uuid_v4(entropy).ok().map(Json::String)
                    }
                    None => None,
                }),
        };
        match v {
            Some(v) => {
                out.insert(name.clone(), v);
            }
            None if f.nullable => {
                out.insert(name.clone(), Json::Null);
            }
            None => {}
        }
    }
    out
}

/// A value in the field's wire form (amounts as the spec writes them, ints as numbers or
/// text as the field says).
fn wire(spec: &Spec, f: &Field, v: Json) -> Json {
    match f.ty {
        FieldType::Amount => money::parse_decimal(&v)
            .ok()
            .and_then(|d| money::format_amount(d, &spec.money.amount).ok())
            .unwrap_or(v),
        FieldType::Int => match (f.json, v.scalar_text()) {
            (Some(payout_spec::JsonRepr::String), Some(t)) => Json::String(t),
            (_, Some(t)) if t.parse::<i64>().is_ok() => Json::Number(t),
            _ => v,
        },
        FieldType::Datetime => crate::validate::datetime(f, &v).unwrap_or(v),
        FieldType::Decimal => match (f.json, v.scalar_text()) {
            (Some(payout_spec::JsonRepr::Number), Some(t)) => Json::Number(t),
            (_, Some(t)) => Json::String(t),
            _ => v,
        },
        _ => v,
    }
}

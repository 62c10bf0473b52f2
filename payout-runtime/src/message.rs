//! The parts of building a message that requests, sandbox responses and webhooks share:
//! computed fields, the body's bytes, header values, and fields generated from roles.

use indexmap::IndexMap;
pub use payout_spec::Location;
use payout_spec::{Body, BodyEncoding, Field, FieldType, Json, JsonMap, Role, Spec};

use crate::context::{Message, Signature};
use crate::crypto::canonical::form;
use crate::error::PayoutError;
use crate::money;
use crate::plan::{MessagePlan, TemplateId, Values};
use crate::signing::Engine;
use crate::source::{self, Entropy};

/// The body's exact bytes: compact JSON in field order, or a form, written straight from
/// the fields into one buffer sized for them.
pub fn serialize(body: &Body, fields: &JsonMap) -> Vec<u8> {
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
    pub headers: Headers,
    /// The headers whose value reveals a secret, as they may be shown (see [`Redacted`]).
    pub redacted: Redacted,
}

/// Header names and values, in the spec's order.
pub type Headers = Vec<(String, String)>;

/// The headers whose value reveals a secret (a Basic auth header is the secret, merely
/// Base64-encoded): each one's name and, when the engine shows what it builds
/// ([`Engine::showing`]), its value rendered again with every secret redacted. Without that
/// second rendering such a header shows as `<redacted>`.
pub type Redacted = Vec<(String, Option<String>)>;

/// The headers as they may be shown: those that reveal a secret redacted.
pub fn shown_headers(headers: &[(String, String)], redacted: &Redacted) -> Headers {
    headers
        .iter()
        .map(|(k, v)| {
            let shown = match redacted.iter().find(|(n, _)| n.eq_ignore_ascii_case(k)) {
                Some((_, Some(r))) => r.clone(),
                Some((_, None)) => "<redacted>".to_string(),
                None => v.clone(),
            };
            (k.clone(), shown)
        })
        .collect()
}

/// Fills the computed fields of the body, serialises it and renders the headers: what is
/// left once a message's plain fields are known. A body's `Content-Type` is added unless
/// the spec sets one.
pub fn finish(
    engine: &mut Engine,
    msg: &mut Message,
    body: Option<&Body>,
    plan: &MessagePlan,
) -> Result<Finished, PayoutError> {
    let first = msg.headers.len();
    let redacted = finish_onto(engine, msg, body, None, plan)?;
    Ok(Finished {
        body: msg.body_bytes.take().unwrap_or_default(),
        headers: msg.headers.drain(first..).collect(),
        redacted,
    })
}

/// [`finish`], leaving the body bytes and the headers on the message (for headers rendered
/// after them, a challenge's), to be taken from it rather than copied. `written` is a body
/// already written as it was validated (nothing reads it by name, and it has no computed
/// fields).
pub fn finish_onto(
    engine: &mut Engine,
    msg: &mut Message,
    body: Option<&Body>,
    written: Option<Vec<u8>>,
    plan: &MessagePlan,
) -> Result<Redacted, PayoutError> {
    let bytes = match (body, written) {
        (Some(_), Some(bytes)) => bytes,
        (Some(b), None) => {
            fill_computed(engine, msg, plan, Location::Body, &b.fields)?;
            serialize(b, &msg.body)
        }
        (None, _) => Vec::new(),
    };
    msg.body_bytes = Some(bytes);
    let first = msg.headers.len();
    let redacted = render_onto(engine, msg, &plan.headers)?;
    if let Some(b) = body {
        if !msg.headers[first..]
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        {
            msg.headers
                .push(("Content-Type".into(), b.content_type().into()));
        }
    }
    Ok(redacted)
}

/// Renders headers of a message whose body bytes are already set (a message plan's
/// `headers`, an operation's challenge headers), returning the values sent and those that
/// reveal a secret as they may be shown. The sandbox calls it alone to sign a refusal, whose
/// body is the gateway's error shape rather than the spec's fields.
pub fn render_headers(
    engine: &mut Engine,
    msg: &mut Message,
    headers: &[(String, TemplateId)],
) -> Result<(Headers, Redacted), PayoutError> {
    let first = msg.headers.len();
    let redacted = render_onto(engine, msg, headers)?;
    Ok((msg.headers[first..].to_vec(), redacted))
}

/// [`render_headers`], adding them to the message's `headers` (a later header's template
/// may read an earlier one) and returning only those that reveal a secret.
pub fn render_onto(
    engine: &mut Engine,
    msg: &mut Message,
    headers: &[(String, TemplateId)],
) -> Result<Redacted, PayoutError> {
    let mut redacted = Vec::new();
    msg.headers.reserve(headers.len() + 1);
    for (name, id) in headers {
        let value = render(engine, msg, *id)?;
        if reveals_secret(engine, msg, *id) {
            // The second, redacted rendering only when someone will read it.
            let shown = engine.shows().then(|| {
                let values = Values {
                    msg,
                    creds: engine.creds,
                    input: None,
                    redacted: true,
                };
                engine
                    .spec
                    .render_template(*id, &values)
                    .unwrap_or_else(|_| "<redacted>".into())
            });
            redacted.push((name.clone(), shown));
        }
        msg.headers.push((name.clone(), value));
    }
    Ok(redacted)
}

/// Whether a rendered template may show a secret: it names a secret credential, or a
/// signature whose value reveals one (a Basic auth value), or a secret obtained value.
fn reveals_secret(engine: &Engine, msg: &Message, id: TemplateId) -> bool {
    let info = &engine.spec.plan().template(id).info;
    info.credentials.iter().any(|c| engine.creds.is_secret(c))
        || info
            .obtained
            .iter()
            .any(|o| msg.obtained.get(o).is_none_or(|v| v.secret))
        || info
            .signatures
            .iter()
            .any(|s| msg.signatures.get(s).is_none_or(Signature::reveals_secret))
}

/// Fills the computed (`value:`) fields of one location, in spec order, keeping that
/// order (`defs`, the location's fields, give it).
pub fn fill_computed(
    engine: &mut Engine,
    msg: &mut Message,
    plan: &MessagePlan,
    location: Location,
    defs: &IndexMap<String, Field>,
) -> Result<(), PayoutError> {
    for c in plan.computed_in(location) {
        let text = render(engine, msg, c.template)?;
        let value = if c.number {
            Json::Number(text)
        } else {
            Json::String(text)
        };
        let target = match location {
            Location::Path => &mut msg.params,
            Location::Query => &mut msg.query,
            Location::Body => &mut msg.body,
        };
        target.insert(c.name.clone(), value);
        // Back into spec order: the computed field goes where the spec puts it.
        reorder(target, defs);
    }
    Ok(())
}

/// Puts a message's values in the order of the spec's fields (values the spec does not
/// name go last): the order the bytes are serialised in.
pub fn reorder(values: &mut JsonMap, fields: &IndexMap<String, Field>) {
    values.sort_by(|a, _, b, _| {
        let pos = |k: &String| fields.get_index_of(k).unwrap_or(usize::MAX);
        pos(a).cmp(&pos(b))
    });
}

/// Renders a message template, computing the signatures it uses first. Errors name the
/// template's YAML path.
pub fn render(
    engine: &mut Engine,
    msg: &mut Message,
    id: TemplateId,
) -> Result<String, PayoutError> {
    let spec = engine.spec;
    let t = spec.plan().template(id);
    let ensured = if t.recipes.len() == t.info.signatures.len() {
        engine.ensure_ids(&t.recipes, msg)
    } else {
        // A name the spec has no recipe for: by name, which says so.
        engine.ensure(&t.info.signatures, msg)
    };
    ensured.map_err(|e| PayoutError::config(format!("{}: {e}", t.path)))?;
    let values = Values {
        msg,
        creds: engine.creds,
        input: None,
        redacted: false,
    };
    spec.render_template(id, &values)
        .map_err(|e| PayoutError::config(format!("{}: {e}", t.path)))
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
) -> JsonMap {
    let mut out = JsonMap::default();
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

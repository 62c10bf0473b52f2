//! Input → wire values, field by field, as the spec describes them.
//!
//! Every problem of every field is collected before anything is sent: a caller fixing a
//! request sees all of them at once. Values come out in their wire form (an int as `"701"`
//! when the spec says so, an amount as `50000.00`), in the spec's field order.
//!
//! The input is borrowed, never copied: each part of a message walks its spec fields once,
//! looks its value up in the caller's map, and builds the wire value once. A field's path
//! (`payoutMethod.vpa`, `items[0].amount`) is only written out when there is a problem to
//! report.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use indexmap::IndexMap;
use payout_spec::diag::did_you_mean;
use payout_spec::{
    EnumValues, EnumWire, Field, FieldType, Generator, Json, JsonMap, JsonRepr, Money, Role, Rule,
};
use rust_decimal::Decimal;

use crate::error::FieldError;
use crate::input::{InputWriter, RequestInput, Value};
use crate::money;
use crate::source::{self, Entropy};

/// What generated values are made from, for one request.
pub struct Generated<'a> {
    pub nonce: &'a str,
    pub timestamp_ms: u64,
    pub entropy: &'a dyn Entropy,
}

/// Where a value is in the input: a chain of borrowed names and indexes, written out
/// (`payoutMethod.vpa`, `items[0].amount`) only when a problem is reported.
#[derive(Clone, Copy)]
pub struct FieldPath<'a> {
    parent: Option<&'a FieldPath<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Name(&'a str),
    Index(usize),
}

impl<'a> FieldPath<'a> {
    /// The request itself (an empty path).
    pub const ROOT: FieldPath<'static> = FieldPath {
        parent: None,
        step: Step::Root,
    };

    /// A named field under this path.
    pub fn field(&'a self, name: &'a str) -> FieldPath<'a> {
        FieldPath {
            parent: Some(self),
            step: Step::Name(name),
        }
    }

    /// An item of the list at this path.
    fn item(&'a self, index: usize) -> FieldPath<'a> {
        FieldPath {
            parent: Some(self),
            step: Step::Index(index),
        }
    }

    fn write(&self, out: &mut String) {
        if let Some(p) = self.parent {
            p.write(out);
        }
        match self.step {
            Step::Root => {}
            Step::Name(n) if out.is_empty() => out.push_str(n),
            Step::Name(n) => {
                out.push('.');
                out.push_str(n);
            }
            Step::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out);
        f.write_str(&out)
    }
}

/// The values of one object of the input, borrowed: a map by name, or a typed request's
/// slots (see [`crate::input`]). A `one_of`'s tag is read apart from the variant's own
/// fields, so it is hidden from them.
#[derive(Clone, Copy)]
pub struct Given<'a> {
    source: Source<'a>,
    hidden: Option<&'a str>,
}

#[derive(Clone, Copy)]
enum Source<'a> {
    Names(&'a JsonMap),
    /// The slots of a typed request; the part's first field is at `offset`.
    Slots(&'a InputWriter<'a>, usize),
}

impl<'a> Given<'a> {
    /// Values by name.
    pub fn names(values: &'a JsonMap) -> Self {
        Given {
            source: Source::Names(values),
            hidden: None,
        }
    }

    /// The input of one part of a request (its params, query or body), whose first field
    /// is the operation's `offset`-th request field.
    pub fn part(input: RequestInput<'a>, offset: usize) -> Self {
        let source = match input {
            RequestInput::ByName(values) => Source::Names(values),
            RequestInput::BySlot(w) => Source::Slots(w, offset),
        };
        Given {
            source,
            hidden: None,
        }
    }

    /// The value of the `index`-th field of the part, named `name`.
    fn get(&self, index: usize, name: &str) -> Option<Wire<'a>> {
        if self.hidden == Some(name) {
            return None;
        }
        match self.source {
            Source::Names(values) => values.get(name).map(|v| Wire::Json(Cow::Borrowed(v))),
            Source::Slots(w, offset) => w.get(offset + index).map(|v| match v {
                Value::Text(s) => Wire::Text(s),
                Value::Int(n) => Wire::Int(*n),
                Value::Decimal(d) => Wire::Decimal(*d),
                Value::Json(j) => Wire::Json(Cow::Borrowed(j)),
            }),
        }
    }

    /// The names given (a map's keys; a typed request has no others than its fields').
    fn keys(&self) -> impl Iterator<Item = &'a str> + '_ {
        let values = match self.source {
            Source::Names(values) => Some(values),
            Source::Slots(..) => None,
        };
        values
            .into_iter()
            .flat_map(|v| v.keys())
            .map(String::as_str)
            .filter(move |k| Some(*k) != self.hidden)
    }
}

/// A value as validation reads it and gives it back in wire form: text borrowed from a
/// typed request, or JSON (borrowed from the caller's map, or built by validation). A value
/// already in wire form is passed on as it came, so a body written straight into its
/// bytes copies nothing.
#[derive(Debug, Clone)]
pub enum Wire<'a> {
    Text(&'a str),
    /// A whole number of a typed request, read without writing it out and parsing it back.
    Int(i64),
    /// A whole number the gateway takes as a JSON string (`json: string`), written
    /// quoted without being made into text first.
    IntText(i64),
    /// A decimal of a typed request, likewise.
    Decimal(Decimal),
    Json(Cow<'a, Json>),
}

impl<'a> Wire<'a> {
    /// The value as JSON, borrowed where it is JSON already.
    pub fn json(&self) -> Cow<'_, Json> {
        match self {
            Wire::Json(j) => Cow::Borrowed(j),
            Wire::Text(s) => Cow::Owned(Json::String(s.to_string())),
            Wire::Int(n) => Cow::Owned(Json::Number(n.to_string())),
            Wire::IntText(n) => Cow::Owned(Json::String(n.to_string())),
            // As a typed request's decimal is given: text (see `ToJson for Decimal`).
            Wire::Decimal(d) => Cow::Owned(Json::String(money::decimal_text(*d))),
        }
    }

    /// [`Wire::json`], keeping the input's lifetime.
    pub fn into_cow(self) -> Cow<'a, Json> {
        match self {
            Wire::Json(j) => j,
            other => Cow::Owned(other.json().into_owned()),
        }
    }

    pub fn into_json(self) -> Json {
        self.into_cow().into_owned()
    }

    fn is_null(&self) -> bool {
        matches!(self, Wire::Json(j) if j.is_null())
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Wire::Text(s) => Some(s),
            Wire::Json(j) => j.as_str(),
            Wire::Int(_) | Wire::IntText(_) | Wire::Decimal(_) => None,
        }
    }

    /// The value as a decimal number: a typed request's number as it is, JSON parsed.
    fn decimal(&self) -> Result<Decimal, String> {
        match self {
            Wire::Decimal(d) => Ok(*d),
            Wire::Int(n) | Wire::IntText(n) => Ok(Decimal::from(*n)),
            other => money::parse_decimal(&*other.json()),
        }
    }

    /// Writes the value as a member's value of a JSON object, after its key.
    pub fn write_value(&self, object: &mut payout_spec::json::ObjectWriter) {
        match self {
            Wire::Text(s) => object.text_value(s),
            Wire::Json(j) => object.value(j),
            Wire::Int(n) => object.number_value(*n),
            Wire::IntText(n) => object.number_text_value(*n),
            other => object.value(&other.json()),
        }
    }
}

/// Normalises one message's fields, reading each from `input` (other keys of a map are
/// not looked at: see [`unknown_keys`]). Computed fields (`value:`) are left out: they are
/// filled once the others are known.
pub fn fields(
    defs: &IndexMap<String, Field>,
    input: Given,
    at: &FieldPath,
    money: &Money,
    gen: &Generated,
    errors: &mut Vec<FieldError>,
) -> JsonMap {
    let mut out = payout_spec::json::map_with_capacity(defs.len());
    each_field(defs, input, at, money, gen, errors, |_, name, w| {
        out.insert(name.to_string(), w.into_json());
    });
    out
}

/// [`fields`], handing each wire value to `put` (with its field's place and name) in spec
/// order instead of collecting them: a body nothing reads by name is written as it is
/// validated.
pub fn each_field<'a>(
    defs: &'a IndexMap<String, Field>,
    input: Given<'a>,
    at: &FieldPath,
    money: &'a Money,
    gen: &Generated,
    errors: &mut Vec<FieldError>,
    mut put: impl FnMut(usize, &str, Wire<'a>),
) {
    for (i, (name, def)) in defs.iter().enumerate() {
        let path = at.field(name);
        let given = input.get(i, name).filter(|v| !v.is_null());
        if !def.is_input() {
            if given.is_some() {
                errors.push(err(
                    &path,
                    "is computed from the spec (a signature or derived value); leave it out",
                ));
            }
            continue;
        }
        // A currency the gateway pays out in, written as it writes codes (`usd`).
        let code = match (&given, &def.role) {
            (Some(v), Some(Role::Currency)) => v.as_str(),
            _ => None,
        };
        let value: Option<Wire> = if let Some(code) = code {
            if !money.codes().any(|c| c.eq_ignore_ascii_case(code)) {
                errors.push(err(
                    &path,
                    &format!(
                        "`{code}` is not a currency of this gateway; expected one of {}",
                        money.codes().collect::<Vec<_>>().join(", ")
                    ),
                ));
                continue;
            }
            // Passed on as given when written as the gateway writes it.
            let rewritten = match money.wire_code_of(code) {
                Cow::Borrowed(_) => None,
                Cow::Owned(code) => Some(code),
            };
            rewritten.map_or(given, |code| {
                Some(Wire::Json(Cow::Owned(Json::String(code))))
            })
        } else {
            match given {
                Some(v) => Some(v),
                None => default_value(def, money, gen).unwrap_or_else(|e| {
                    errors.push(err(&path, &e));
                    None
                }),
            }
        };
        match value {
            Some(v) => {
                if let Some(w) = normalize(def, v, &path, money, gen, errors) {
                    put(i, name, w);
                }
            }
            None if def.required => errors.push(err(&path, "is required")),
            None => {}
        }
    }
}

/// Input keys the message does not have: a typo would otherwise be dropped silently. The
/// names the message accepts are a test (`is_known`) and, listed only for the suggestion
/// in a report, `names`.
pub fn unknown_keys<'k, 'n>(
    keys: impl Iterator<Item = &'k str>,
    is_known: impl Fn(&str) -> bool,
    names: impl Fn() -> Vec<&'n str>,
    at: &FieldPath,
    errors: &mut Vec<FieldError>,
) {
    for k in keys {
        if !is_known(k) {
            errors.push(err(
                &at.field(k),
                &format!("is not a field of this request{}", did_you_mean(k, names())),
            ));
        }
    }
}

/// The value the runtime fills a left-out field with: `Some` exactly for the fields
/// [`Field::filled_when_absent`] names, which generated clients let callers leave out.
fn default_value<'a>(
    def: &'a Field,
    money: &'a Money,
    gen: &Generated,
) -> Result<Option<Wire<'a>>, String> {
    if let Some(d) = &def.default {
        return Ok(Some(Wire::Json(Cow::Borrowed(d))));
    }
    if def.role == Some(Role::Currency) {
        return Ok(Some(code_wire(money.wire_code_of(&money.currency))));
    }
    let text = match def.generate {
        None => return Ok(None),
        Some(Generator::Nonce) => gen.nonce.to_string(),
        Some(Generator::TimestampMs) => gen.timestamp_ms.to_string(),
        Some(Generator::TimestampS) => (gen.timestamp_ms / 1000).to_string(),
        Some(Generator::Uuid) => source::uuid_v4(gen.entropy)?,
    };
    Ok(Some(Wire::Json(Cow::Owned(match def.ty {
        FieldType::Int => Json::Number(text),
        _ => Json::String(text),
    }))))
}

/// A currency code as it is written: lent by the spec or the input when already so.
fn code_wire(code: Cow<'_, str>) -> Wire<'_> {
    match code {
        Cow::Borrowed(code) => Wire::Text(code),
        Cow::Owned(code) => Wire::Json(Cow::Owned(Json::String(code))),
    }
}

/// One value → its wire form, or problems pushed to `errors`. A value the runtime made
/// itself (a default, a generated nonce) comes owned and is moved, not copied.
fn normalize<'v>(
    def: &'v Field,
    v: Wire<'v>,
    path: &FieldPath,
    money: &Money,
    gen: &Generated,
    errors: &mut Vec<FieldError>,
) -> Option<Wire<'v>> {
    let owned = |r: Result<Json, String>| r.map(|j| Wire::Json(Cow::Owned(j)));
    let r = match def.ty {
        FieldType::String => string(def, v),
        FieldType::Int => int(def, &v),
        FieldType::Decimal => owned(decimal(def, &v)),
        FieldType::Amount => owned(amount(def, &v, money)),
        FieldType::Bool => owned(boolean(def, &v.json())),
        FieldType::Datetime => owned(datetime(def, &v.json())),
        FieldType::Any => Ok(v),
        FieldType::Object => {
            let v = v.json();
            let Json::Object(m) = &*v else {
                errors.push(err(
                    path,
                    &format!("expected an object, found {}", v.kind()),
                ));
                return None;
            };
            let no_fields = IndexMap::new();
            let defs = def.fields.as_ref().unwrap_or(&no_fields);
            let given = Given::names(m);
            unknown_keys(
                given.keys(),
                |k| defs.contains_key(k),
                || defs.keys().map(String::as_str).collect(),
                path,
                errors,
            );
            let object = Json::Object(fields(defs, given, path, money, gen, errors));
            return Some(Wire::Json(Cow::Owned(object)));
        }
        FieldType::OneOf => {
            return one_of(def, v.into_cow(), path, money, gen, errors)
                .map(|j| Wire::Json(Cow::Owned(j)))
        }
        FieldType::Array => {
            let v = v.into_cow();
            let Json::Array(items) = &*v else {
                errors.push(err(path, &format!("expected a list, found {}", v.kind())));
                return None;
            };
            let Some(item) = &def.items else {
                return Some(Wire::Json(v));
            };
            let out: Vec<Json> = items
                .iter()
                .enumerate()
                .filter_map(|(i, x)| {
                    let x = Wire::Json(Cow::Borrowed(x));
                    normalize(item, x, &path.item(i), money, gen, errors).map(Wire::into_json)
                })
                .collect();
            return Some(Wire::Json(Cow::Owned(Json::Array(out))));
        }
    };
    match r {
        Ok(w) => Some(w),
        Err(e) => {
            errors.push(err(path, &e));
            None
        }
    }
}

/// The wire value of an enum name (or of a wire value given directly).
fn enum_value(values: &EnumValues, v: &Json) -> Result<Json, String> {
    let text = v.scalar_str().unwrap_or_default();
    if let Some(w) = values.wire_of(&text) {
        return Ok(w);
    }
    let pairs = values.pairs();
    let names: Vec<&str> = pairs.iter().map(|(n, _)| n.as_str()).collect();
    Err(format!(
        "`{text}` is not allowed; expected one of {}{}",
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", "),
        did_you_mean(&text, names.iter().copied())
    ))
}

fn string<'v>(def: &'v Field, v: Wire<'v>) -> Result<Wire<'v>, String> {
    let Some(s) = v.as_str() else {
        return Err(format!("expected text, found {}", v.json().kind()));
    };
    if let Some(values) = &def.values {
        // Most enums are given by name: their wire value is lent by the spec.
        return match values.find(s) {
            Some(EnumWire::Name(n)) => Ok(Wire::Text(n)),
            Some(EnumWire::Json(Json::String(n))) => Ok(Wire::Text(n)),
            Some(EnumWire::Json(j)) => Ok(Wire::Json(Cow::Borrowed(j))),
            None => enum_value(values, &v.json()).map(|j| Wire::Json(Cow::Owned(j))),
        };
    }
    // Counted only when a limit asks.
    let len = match (def.min_len, def.max_len) {
        (None, None) => 0,
        _ => char_len(s),
    };
    if let Some(min) = def.min_len {
        if len < min {
            return Err(format!("is {len} characters long; at least {min} required"));
        }
    }
    if let Some(max) = def.max_len {
        if len > max {
            return Err(format!("is {len} characters long; at most {max} allowed"));
        }
    }
    if let Some(p) = &def.pattern {
        // Compiled once per field, kept with it.
        if !def.compiled_pattern.get(p)?.is_match(s) {
            return Err(format!("`{s}` does not match the pattern `{p}`"));
        }
    }
    Ok(v)
}

/// Characters in `s`: ASCII text (most of it) is as long as its bytes, without counting.
fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// A rule's pattern (`when … then`), anchored and compiled once per process, not once
/// per value. A field's own pattern is compiled with the field ([`Field::compiled_pattern`]).
fn compiled(pattern: &str) -> Result<Arc<regex::Regex>, String> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<regex::Regex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = cache.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(re) = map.get(pattern) {
        return Ok(re.clone());
    }
    let re = regex::Regex::new(&format!("^(?:{pattern})$"))
        .map_err(|e| format!("bad pattern in spec: {e}"))?;
    let re = Arc::new(re);
    map.insert(pattern.to_string(), re.clone());
    Ok(re)
}

fn full_match(pattern: &str, s: &str) -> Result<(), String> {
    let re = compiled(pattern)?;
    if re.is_match(s) {
        Ok(())
    } else {
        Err(format!("`{s}` does not match the pattern `{pattern}`"))
    }
}

fn int<'v>(def: &Field, v: &Wire) -> Result<Wire<'v>, String> {
    let n = match (v, &def.values) {
        (Wire::Int(n) | Wire::IntText(n), None) => *n,
        (v, values) => {
            let v = v.json();
            let mapped;
            let v = match values {
                Some(values) => {
                    mapped = enum_value(values, &v)?;
                    &mapped
                }
                None => &*v,
            };
            let text = match v {
                Json::Number(n) => n.as_str(),
                Json::String(s) => s.trim(),
                other => return Err(format!("expected a whole number, found {}", other.kind())),
            };
            i64::from_str(text).map_err(|_| format!("`{text}` is not a whole number"))?
        }
    };
    check_range(def, Decimal::from(n))?;
    // A number stays one until it is written: no text is made for it here.
    Ok(match def.json.unwrap_or(JsonRepr::Number) {
        JsonRepr::String => Wire::IntText(n),
        JsonRepr::Number => Wire::Int(n),
    })
}

fn check_range(def: &Field, d: Decimal) -> Result<(), String> {
    money::check_limits(
        d,
        def.compiled_limits
            .get(def.min.as_deref(), def.max.as_deref()),
    )
}

fn decimal(def: &Field, v: &Wire) -> Result<Json, String> {
    let mut d = v.decimal()?;
    check_range(def, d)?;
    if let Some(scale) = def.decimals {
        if d.normalize().scale() > scale {
            return Err(format!("{d} has more than {scale} digits after the point"));
        }
        d.rescale(scale);
    }
    Ok(match def.json.unwrap_or(JsonRepr::String) {
        JsonRepr::String => Json::String(money::decimal_text(d)),
        JsonRepr::Number => Json::Number(money::decimal_text(d)),
    })
}

fn amount(def: &Field, v: &Wire, money: &Money) -> Result<Json, String> {
    let d = v.decimal()?;
    let fmt = &money.amount;
    money::check_limits(d, fmt.limits.get(fmt.min.as_deref(), fmt.max.as_deref()))?;
    check_range(def, d)?;
    let w = money::format_amount(d, fmt)?;
    // Some gateways limit the length of the amount's text (Xettle: 5 characters).
    if let Some(text) = w.scalar_str() {
        let len = char_len(&text);
        let short = def
            .min_len
            .filter(|m| len < *m)
            .map(|m| format!("at least {m} required"));
        let long = def
            .max_len
            .filter(|m| len > *m)
            .map(|m| format!("at most {m} allowed"));
        if let Some(why) = short.or(long) {
            return Err(format!("is written `{text}`, {len} characters long; {why}"));
        }
    }
    // A field may override how the amount is represented, not its digits.
    Ok(match (def.json, w) {
        (Some(JsonRepr::String), Json::Number(n)) => Json::String(n),
        (Some(JsonRepr::Number), Json::String(s)) => Json::Number(s),
        (_, w) => w,
    })
}

fn boolean(def: &Field, v: &Json) -> Result<Json, String> {
    let b = match v {
        Json::Bool(b) => *b,
        Json::String(s) if s == "true" => true,
        Json::String(s) if s == "false" => false,
        other => return Err(format!("expected true or false, found {}", other.kind())),
    };
    Ok(match def.json {
        Some(JsonRepr::String) => Json::String(b.to_string()),
        _ => Json::Bool(b),
    })
}

/// Accepts RFC 3339 or the field's own format; writes the field's format in its offset.
pub(crate) fn datetime(def: &Field, v: &Json) -> Result<Json, String> {
    let Json::String(s) = v else {
        return Err(format!("expected a date-time text, found {}", v.kind()));
    };
    let offset = def
        .offset
        .as_deref()
        .and_then(payout_spec::check::parse_offset)
        .and_then(FixedOffset::east_opt);
    let parsed: DateTime<FixedOffset> = match DateTime::parse_from_rfc3339(s) {
        Ok(t) => t,
        Err(_) => {
            let (Some(fmt), Some(off)) = (&def.format, offset) else {
                return Err(format!(
                    "`{s}` is not an RFC 3339 date-time (e.g. 2024-04-26T19:20:53+08:00)"
                ));
            };
            let naive = NaiveDateTime::parse_from_str(s, fmt)
                .map_err(|_| format!("`{s}` is neither RFC 3339 nor in the format `{fmt}`"))?;
            naive
                .and_local_timezone(off)
                .single()
                .ok_or_else(|| format!("`{s}` is not a valid time"))?
        }
    };
    let local = match offset {
        Some(off) => parsed.with_timezone(&off),
        None => parsed,
    };
    Ok(Json::String(match &def.format {
        Some(fmt) => local.format(fmt).to_string(),
        None => local.to_rfc3339(),
    }))
}

/// `{type: UPI, vpa: ...}` → the tag first, then the variant's fields in spec order.
fn one_of(
    def: &Field,
    v: Cow<Json>,
    path: &FieldPath,
    money: &Money,
    gen: &Generated,
    errors: &mut Vec<FieldError>,
) -> Option<Json> {
    let (Some(tag), Some(variants)) = (&def.tag, &def.variants) else {
        return Some(v.into_owned());
    };
    let Json::Object(m) = &*v else {
        errors.push(err(
            path,
            &format!("expected an object, found {}", v.kind()),
        ));
        return None;
    };
    let names = || variants.keys().map(String::as_str);
    let Some(chosen) = m.get(tag).and_then(Json::as_str) else {
        errors.push(err(
            &path.field(tag),
            &format!(
                "is required and names the variant: one of {}",
                names().collect::<Vec<_>>().join(", ")
            ),
        ));
        return None;
    };
    let Some(variant) = variants.get(chosen) else {
        errors.push(err(
            &path.field(tag),
            &format!(
                "`{chosen}` is not a variant; expected one of {}{}",
                names().collect::<Vec<_>>().join(", "),
                did_you_mean(chosen, names())
            ),
        ));
        return None;
    };
    // The variant's fields, read without the tag.
    let rest = Given {
        hidden: Some(tag),
        ..Given::names(m)
    };
    unknown_keys(
        rest.keys(),
        |k| variant.fields.contains_key(k),
        || variant.fields.keys().map(String::as_str).collect(),
        path,
        errors,
    );
    let mut out = payout_spec::json::map_with_capacity(variant.fields.len() + 1);
    out.insert(tag.clone(), Json::String(chosen.to_string()));
    out.extend(fields(&variant.fields, rest, path, money, gen, errors));
    Some(Json::Object(out))
}

/// Cross-field rules, on the input as given: only the names of the body's own fields
/// (`defs`) are read from `input`.
pub fn rules(
    rules: &[Rule],
    input: Given,
    defs: &IndexMap<String, Field>,
    errors: &mut Vec<FieldError>,
) {
    if rules.is_empty() {
        return;
    }
    let get = |n: &str| {
        defs.get_index_of(n)
            .and_then(|i| input.get(i, n))
            .map(Wire::into_cow)
    };
    let given = |n: &str| match get(n).as_deref() {
        None | Some(Json::Null) => false,
        Some(Json::String(s)) => !s.trim().is_empty(),
        Some(_) => true,
    };
    for rule in rules {
        match rule {
            Rule::ExactlyOneOf(list) => {
                let n = list.iter().filter(|f| given(f)).count();
                if n != 1 {
                    errors.push(err(
                        &FieldPath::ROOT,
                        &format!("give exactly one of {} ({n} given)", list.join(", ")),
                    ));
                }
            }
            Rule::AtLeastOneOf(list) => {
                if !list.iter().any(|f| given(f)) {
                    errors.push(err(
                        &FieldPath::ROOT,
                        &format!("give at least one of {}", list.join(", ")),
                    ));
                }
            }
            Rule::When(w) => {
                let actual = get(&w.field).and_then(|v| v.scalar_text());
                let wanted = w.equals.scalar_text();
                // The condition names the enum value; input may give the name or the wire value.
                let wire = defs
                    .get(&w.field)
                    .and_then(|f| f.values.as_ref())
                    .and_then(|vals| {
                        vals.pairs()
                            .into_iter()
                            .find(|(n, _)| Some(n) == wanted.as_ref())
                    })
                    .and_then(|(_, w)| w.scalar_text());
                if actual.is_none() || (actual != wanted && actual != wire) {
                    continue;
                }
                for (name, c) in &w.then {
                    let why = |m: String| match &c.message {
                        Some(msg) => format!("{m} ({msg})"),
                        None => format!(
                            "{m} (when {} is {})",
                            w.field,
                            wanted.clone().unwrap_or_default()
                        ),
                    };
                    let at = FieldPath::ROOT;
                    let at = at.field(name);
                    let value = get(name).and_then(|v| v.scalar_text());
                    let Some(value) = value else {
                        if c.required {
                            errors.push(err(&at, &why("is required".into())));
                        }
                        continue;
                    };
                    let len = value.chars().count();
                    if c.min_len.is_some_and(|m| len < m) || c.max_len.is_some_and(|m| len > m) {
                        errors.push(err(&at, &why(format!("is {len} characters long"))));
                    }
                    if let Some(p) = &c.pattern {
                        if let Err(e) = full_match(p, &value) {
                            errors.push(err(&at, &why(e)));
                        }
                    }
                }
            }
        }
    }
}

fn err(at: &FieldPath, message: &str) -> FieldError {
    FieldError {
        field: at.to_string(),
        message: message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use payout_spec::{AmountEncoding, AmountFormat, AmountUnit};

    fn money() -> Money {
        Money {
            currency: "INR".into(),
            amount: AmountFormat {
                limits: Default::default(),
                encoding: AmountEncoding::String,
                unit: AmountUnit::Major,
                decimals: 2,
                trim: true,
                min: None,
                max: None,
            },
            currencies: Default::default(),
            case: Default::default(),
        }
    }

    /// A field's pattern must match the whole value; it is compiled once and kept with
    /// the field, and a copy of the field keeps it too.
    #[test]
    fn a_pattern_matches_the_whole_value() {
        let mut def = Field::of(FieldType::String);
        def.pattern = Some("[0-9]{3}".into());
        assert_eq!(
            string(&def, Wire::Text("123")).map(Wire::into_json),
            Ok(Json::from("123"))
        );
        assert_eq!(
            string(&def, Wire::Json(Cow::Owned(Json::from("1234")))).map(Wire::into_json),
            Err("`1234` does not match the pattern `[0-9]{3}`".to_string())
        );
        let copy = def.clone();
        assert!(string(&copy, Wire::Text("12a")).is_err());
        let mut bad = Field::of(FieldType::String);
        bad.pattern = Some("(".into());
        let e = string(&bad, Wire::Text("x")).unwrap_err();
        assert!(e.starts_with("bad pattern in spec"), "{e}");
    }

    #[test]
    fn amount_length_limits_apply_to_the_wire_text() {
        let mut def = Field::of(FieldType::Amount);
        def.max_len = Some(5);
        let m = money();
        // `150.50` is written `150.5`: 5 characters.
        assert_eq!(
            amount(&def, &Wire::Text("150.50"), &m).unwrap(),
            Json::from("150.5")
        );
        let err = amount(&def, &Wire::Text("100000"), &m).unwrap_err();
        assert!(
            err.contains("6 characters long; at most 5 allowed"),
            "{err}"
        );
        def.max_len = None;
        def.min_len = Some(2);
        assert!(amount(&def, &Wire::Text("1"), &m).is_err());
        assert!(amount(&def, &Wire::Text("10"), &m).is_ok());
    }
}

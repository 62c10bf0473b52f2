//! Fields of request, response and webhook messages: types, limits, wire representation,
//! generated and computed values, unified roles, and rules across fields.

use std::fmt;
use std::sync::OnceLock;

use indexmap::IndexMap;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::is_false;
use crate::json::{Json, JsonMap};

/// The type of a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    String,
    /// A whole number (wire form set by `json`: `701` or `"701"`).
    Int,
    /// An exact decimal number (never a float).
    Decimal,
    /// Money in the spec's currency, written as `money.amount` says.
    Amount,
    Bool,
    /// A date and time, written with `format` in the `offset` time zone.
    Datetime,
    /// A nested object with its own `fields`.
    Object,
    /// A nested object whose shape is chosen by a tag field (`tag` + `variants`).
    OneOf,
    /// A list of `items`.
    Array,
    /// Any JSON value, passed through unchanged.
    Any,
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            FieldType::String => "string",
            FieldType::Int => "int",
            FieldType::Decimal => "decimal",
            FieldType::Amount => "amount",
            FieldType::Bool => "bool",
            FieldType::Datetime => "datetime",
            FieldType::Object => "object",
            FieldType::OneOf => "one_of",
            FieldType::Array => "array",
            FieldType::Any => "any",
        };
        f.write_str(s)
    }
}

/// How a scalar is represented in JSON when it could be either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum JsonRepr {
    String,
    Number,
}

/// Values generated for a field when the input does not give one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Generator {
    /// The request's nonce (see the operation's `nonce`).
    Nonce,
    /// The request time in epoch milliseconds.
    TimestampMs,
    /// The request time in epoch seconds.
    TimestampS,
    /// A random UUID v4.
    Uuid,
}

/// Allowed values: a list (`[IMPS, NEFT]`) or names mapped to wire values
/// (`{ SAVINGS: 0, CHECKING: 1 }`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum EnumValues {
    List(Vec<String>),
    Map(JsonMap),
}

/// An enum's wire value, as [`EnumValues::find`] lends it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EnumWire<'a> {
    /// A listed value: the name is what is sent.
    Name(&'a str),
    /// A mapped value.
    Json(&'a Json),
}

impl EnumValues {
    /// (name, wire value) pairs; for a list, each value is its own name.
    pub fn pairs(&self) -> Vec<(String, Json)> {
        match self {
            EnumValues::List(v) => v
                .iter()
                .map(|s| (s.clone(), Json::from(s.as_str())))
                .collect(),
            EnumValues::Map(m) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        }
    }

    /// The wire value of an enum name, or of a wire value given directly (names first).
    pub fn wire_of(&self, text: &str) -> Option<Json> {
        self.find(text).map(|w| match w {
            EnumWire::Name(n) => Json::from(n),
            EnumWire::Json(j) => j.clone(),
        })
    }

    /// [`EnumValues::wire_of`], borrowed from the spec: a request's enum is written
    /// without a copy of its wire value.
    pub fn find(&self, text: &str) -> Option<EnumWire<'_>> {
        match self {
            // A list's values are their own names.
            EnumValues::List(v) => v.iter().find(|n| *n == text).map(|n| EnumWire::Name(n)),
            EnumValues::Map(m) => m
                .get(text)
                .or_else(|| m.values().find(|w| w.scalar_str().as_deref() == Some(text)))
                .map(EnumWire::Json),
        }
    }

    pub fn names(&self) -> Vec<String> {
        self.pairs().into_iter().map(|(n, _)| n).collect()
    }
}

impl<'de> Deserialize<'de> for EnumValues {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = EnumValues;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of values or a mapping of names to wire values")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<EnumValues, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element::<String>()? {
                    v.push(x);
                }
                Ok(EnumValues::List(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<EnumValues, A::Error> {
                let mut m = JsonMap::default();
                while let Some((k, v)) = a.next_entry::<String, Json>()? {
                    m.insert(k, v);
                }
                Ok(EnumValues::Map(m))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for EnumValues {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "EnumValues".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Allowed values: a list (`[IMPS, NEFT]`) or names mapped to wire values (`{ SAVINGS: 0 }`).",
            "oneOf": [
                { "type": "array", "items": { "type": ["string", "integer"] } },
                { "type": "object", "additionalProperties": { "type": ["string", "integer", "boolean"] } }
            ]
        })
    }
}

/// A field of a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// What the field means; becomes the generated documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The field must be present (and, for strings, not blank).
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// The gateway may send `null` for this field.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    /// The unified name this field carries (`merchant_ref`, `beneficiary.name`, `status`...),
    /// so unified calls fill and read it without per-gateway code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<crate::roles::Role>,
    /// Why a role on a field that no signature covers may still be trusted (in a signed
    /// webhook or answer). Without it, `payout lint` reports such a role as an error and the
    /// runtime leaves the value out: anyone on the way could have changed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsigned: Option<String>,
    /// Minimum length in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_len: Option<usize>,
    /// Maximum length in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_len: Option<usize>,
    /// A regular expression the whole value must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// `pattern`, compiled on first use and kept with the field (never written).
    #[serde(skip)]
    #[schemars(skip)]
    #[doc(hidden)]
    pub compiled_pattern: CompiledPattern,
    /// Smallest value (numbers and amounts), as decimal text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::model::decimal_text")]
    pub min: Option<String>,
    /// Largest value (numbers and amounts), as decimal text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::model::decimal_text")]
    pub max: Option<String>,
    /// `min` and `max`, read as decimals on first use and kept with the field (never written).
    #[serde(skip)]
    #[schemars(skip)]
    #[doc(hidden)]
    pub compiled_limits: CompiledLimits,
    /// For `decimal`: digits after the point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u32>,
    /// Allowed values.
    #[serde(rename = "enum", default, skip_serializing_if = "Option::is_none")]
    pub values: Option<EnumValues>,
    /// For enum fields with a role: unified value → enum name
    /// (`{ bank_account: BANK_ACCOUNT, upi: UPI }`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unified: Option<IndexMap<String, String>>,
    /// Wire representation of an `int`, `decimal` or `amount` (`string`: `"701"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json: Option<JsonRepr>,
    /// Value used when the input leaves the field out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Json>,
    /// Value generated when the input leaves the field out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate: Option<Generator>,
    /// For a field with a role: a template over the role's value, `{{ value }}`, that
    /// gives this field's value when a unified request fills it — a first name from the
    /// full name: `"{{ value | split(none, 1) | first }}"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derive: Option<String>,
    /// A computed value: a template, e.g. `"{{ signatures.rsa }}"` for a signature field.
    /// Computed fields are not input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// For `datetime`: strftime format (`%d-%m-%Y %H:%M:%S`); RFC 3339 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// For `datetime`: the UTC offset the gateway writes times in (`+05:30`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<String>,
    /// For `object`: the nested fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<IndexMap<String, Field>>,
    /// For `array`: the type of each item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Field>>,
    /// For `one_of`: the key inside the object that names the variant (`type`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// For `one_of`: tag value → the variant's fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variants: Option<IndexMap<String, Variant>>,
    /// A realistic value, for documentation and the sandbox.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Json>,
}

/// A field's `pattern`, anchored (`^(?:…)$`) and compiled once, the first time a value is
/// checked against it: no lock and no lookup per value.
#[derive(Default)]
pub struct CompiledPattern(OnceLock<Result<regex::Regex, String>>);

impl CompiledPattern {
    /// The compiled pattern; `pattern` is the field's own (the same every call).
    pub fn get(&self, pattern: &str) -> Result<&regex::Regex, String> {
        self.0
            .get_or_init(|| {
                regex::Regex::new(&format!("^(?:{pattern})$"))
                    .map_err(|e| format!("bad pattern in spec: {e}"))
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

impl Clone for CompiledPattern {
    fn clone(&self) -> Self {
        let cell = OnceLock::new();
        if let Some(compiled) = self.0.get() {
            let _ = cell.set(compiled.clone());
        }
        CompiledPattern(cell)
    }
}

/// A `min` and `max` given as decimal text, read once, the first time a value is compared
/// with them: every amount a request carries is, and reading decimal text each time showed
/// in every request's profile. Text that is not a decimal is no limit here (`payout lint`
/// reports it).
#[derive(Default)]
pub struct CompiledLimits(OnceLock<(Option<Decimal>, Option<Decimal>)>);

impl CompiledLimits {
    /// The limits; `min` and `max` are the owner's own (the same every call).
    pub fn get(&self, min: Option<&str>, max: Option<&str>) -> (Option<Decimal>, Option<Decimal>) {
        *self.0.get_or_init(|| {
            let read = |t: Option<&str>| t.and_then(|t| Decimal::from_str_exact(t).ok());
            (read(min), read(max))
        })
    }
}

/// A copy starts empty: its owner's `min` or `max` may be changed after the copy.
impl Clone for CompiledLimits {
    fn clone(&self) -> Self {
        CompiledLimits::default()
    }
}

/// A cache of `min` and `max`: equal or not by them alone.
impl PartialEq for CompiledLimits {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl fmt::Debug for CompiledLimits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CompiledLimits")
    }
}

/// A cache of `pattern`: two fields are equal or not by their patterns alone.
impl PartialEq for CompiledPattern {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl fmt::Debug for CompiledPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CompiledPattern")
    }
}

impl Field {
    /// A field with only a type, for building specs in code.
    pub fn of(ty: FieldType) -> Field {
        Field {
            ty,
            description: None,
            required: false,
            nullable: false,
            role: None,
            unsigned: None,
            min_len: None,
            max_len: None,
            pattern: None,
            compiled_pattern: CompiledPattern::default(),
            compiled_limits: CompiledLimits::default(),
            min: None,
            max: None,
            decimals: None,
            values: None,
            unified: None,
            json: None,
            default: None,
            generate: None,
            derive: None,
            value: None,
            format: None,
            offset: None,
            fields: None,
            items: None,
            tag: None,
            variants: None,
            example: None,
        }
    }

    /// Input fields are those the caller may give: not computed by a template.
    pub fn is_input(&self) -> bool {
        self.value.is_none()
    }

    /// Whether the runtime fills this field when the input leaves it out: with its
    /// `default`, else the spec's currency (for the `currency` role), else a `generate`d
    /// value. Such a field may be omitted by the caller even when it is `required`.
    pub fn filled_when_absent(&self) -> bool {
        self.default.is_some()
            || self.role == Some(crate::roles::Role::Currency)
            || self.generate.is_some()
    }
}

/// One shape of a `one_of` field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// What this variant is, for readers and generated docs.
    pub description: Option<String>,
    /// The unified payout method this variant carries (`bank_account`, `upi`, `wallet`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unified: Option<String>,
    /// The fields this variant carries besides the tag.
    pub fields: IndexMap<String, Field>,
}

/// Limits applied to a field when a `when` rule holds.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Constraint {
    #[serde(default, skip_serializing_if = "is_false")]
    /// The field must be present.
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Shortest length allowed, in characters.
    pub min_len: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Longest length allowed, in characters.
    pub max_len: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A regular expression the whole value must match, e.g. `[0-9]{11}`.
    pub pattern: Option<String>,
    /// Said to the caller when the constraint fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// A conditional rule: when `field` equals `equals`, the fields in `then` get extra limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct When {
    /// The field whose value decides, by name.
    pub field: String,
    /// The value (for enums, the enum name) that triggers the rule.
    pub equals: Json,
    /// Field name → the constraints that apply to it when the rule matches.
    pub then: IndexMap<String, Constraint>,
}

/// A rule across fields of one message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Exactly one of these fields is given (blank strings count as not given).
    ExactlyOneOf(Vec<String>),
    /// At least one of these fields is given.
    AtLeastOneOf(Vec<String>),
    /// Extra limits that apply under a condition.
    When(When),
}

/// How a body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BodyEncoding {
    /// Compact JSON, fields in spec order.
    #[default]
    Json,
    /// `application/x-www-form-urlencoded`, fields in spec order; nested objects and arrays
    /// bracket style (`metadata[order_id]=…`, `items[0][amount]=…`, brackets percent-encoded).
    Form,
}

/// The body of a message: its encoding, fields and rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Body {
    #[serde(default)]
    /// `json` (the default) or `form` (`application/x-www-form-urlencoded`).
    pub encoding: BodyEncoding,
    /// Write `/` as `\/` in JSON strings, as PHP's `json_encode` does.
    #[serde(default, skip_serializing_if = "is_false")]
    pub escape_slashes: bool,
    /// The fields, in the order they are written.
    #[serde(default)]
    pub fields: IndexMap<String, Field>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Rules across fields, checked before anything is sent: `exactly_one_of`, `at_least_one_of`, `when`.
    pub rules: Vec<Rule>,
}

impl Body {
    pub fn content_type(&self) -> &'static str {
        match self.encoding {
            BodyEncoding::Json => "application/json",
            BodyEncoding::Form => "application/x-www-form-urlencoded",
        }
    }
}

//! A JSON value that keeps numbers exactly as written.
//!
//! Payout bodies carry money. `serde_json::Value` turns `50000.00` into the float `50000.0`,
//! which changes both the amount's text (and so any signature over it) and, for large
//! values, the amount itself. This type keeps a number's text, preserves key order, and
//! serialises compactly with no re-formatting: the bytes built are the bytes signed.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::value::RawValue;

mod body;
mod borrowed;
mod node;
mod reader;

pub use body::JsonBody;
pub use borrowed::JsonRef;
pub use node::JsonNode;

/// A JSON object's members, in the order written. Hashed with foldhash (its quality
/// variant, seeded per map), not SipHash: every key of every body, answer and webhook goes
/// through this map, and SipHash was a tenth of reading a webhook. The keys a sender
/// chooses are bounded first (bodies are size-limited before they are parsed) and the seed
/// is random per map, so colliding keys cannot be chosen ahead of time.
pub type JsonMap = IndexMap<String, Json, foldhash::quality::RandomState>;

/// An empty [`JsonMap`] with room for `n` members.
pub fn map_with_capacity(n: usize) -> JsonMap {
    JsonMap::with_capacity_and_hasher(n, Default::default())
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Json {
    #[default]
    Null,
    Bool(bool),
    /// The number's text as written (`50000.00`, `701`, `-1.5e3`).
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(JsonMap),
}

/// A JSON text that could not be parsed, with serde_json's position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for JsonError {}

impl From<serde_json::Error> for JsonError {
    fn from(e: serde_json::Error) -> Self {
        JsonError {
            message: e.to_string(),
        }
    }
}

/// How deep containers may nest in JSON read by [`Json::parse`]. Payout bodies are a few
/// levels deep; serde_json uses the same limit for its own values.
pub const MAX_DEPTH: usize = 128;

impl Json {
    /// Parses JSON text, keeping each number's text, in one pass; containers nested deeper
    /// than [`MAX_DEPTH`] are an error naming the limit (never a stack overflow).
    pub fn parse(text: &str) -> Result<Json, JsonError> {
        Self::parse_with_depth(text, MAX_DEPTH)
    }

    /// [`Json::parse`] with another nesting limit.
    pub fn parse_with_depth(text: &str, max_depth: usize) -> Result<Json, JsonError> {
        reader::read(text, max_depth)
    }

    /// Compact JSON (`{"a":1,"b":"x"}`), keys in their order, numbers as written.
    /// `escape_slashes` writes `/` as `\/`, as PHP's `json_encode` does.
    pub fn to_compact(&self, escape_slashes: bool) -> String {
        let mut out = String::with_capacity(self.size_hint());
        self.write_compact(&mut out, escape_slashes);
        out
    }

    /// [`Json::to_compact`], appended to `out`.
    pub fn write_compact(&self, out: &mut String, escape_slashes: bool) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => write_str(out, s, escape_slashes),
            Json::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write_compact(out, escape_slashes);
                }
                out.push(']');
            }
            Json::Object(m) => write_object(out, m, escape_slashes),
        }
    }

    /// About how many bytes the value's compact JSON takes (exact when nothing needs
    /// escaping): what a buffer is sized with, so it is allocated once.
    pub fn size_hint(&self) -> usize {
        match self {
            Json::Null | Json::Bool(true) => 4,
            Json::Bool(false) => 5,
            Json::Number(n) => n.len(),
            Json::String(s) => s.len() + 2,
            Json::Array(items) => {
                let commas = items.len().saturating_sub(1);
                2 + commas + items.iter().map(Json::size_hint).sum::<usize>()
            }
            Json::Object(m) => object_size_hint(m),
        }
    }

    /// Follows a dotted path (`data.orderNo`, `transaction_info.0.status`).
    pub fn get_path(&self, path: &str) -> Option<&Json> {
        let mut cur = self;
        for seg in path.split('.') {
            cur = match cur {
                Json::Object(m) => m.get(seg)?,
                Json::Array(items) => items.get(seg.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(cur)
    }

    /// [`Json::get_path`] from an object's fields, without wrapping (and copying) them into
    /// a `Json` first.
    pub fn get_path_in<'a>(fields: &'a JsonMap, path: &str) -> Option<&'a Json> {
        let (first, rest) = match path.split_once('.') {
            Some((first, rest)) => (first, Some(rest)),
            None => (path, None),
        };
        let v = fields.get(first)?;
        match rest {
            Some(rest) => v.get_path(rest),
            None => Some(v),
        }
    }

    /// The text of a scalar as a gateway means it: strings unquoted, numbers as written,
    /// booleans as `true`/`false`. `None` for null, arrays and objects.
    pub fn scalar_text(&self) -> Option<String> {
        self.scalar_str().map(std::borrow::Cow::into_owned)
    }

    /// [`Json::scalar_text`], borrowed where the value holds the text.
    pub fn scalar_str(&self) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        match self {
            Json::String(s) | Json::Number(s) => Some(Cow::Borrowed(s)),
            Json::Bool(true) => Some(Cow::Borrowed("true")),
            Json::Bool(false) => Some(Cow::Borrowed("false")),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&JsonMap> {
        match self {
            Json::Object(m) => Some(m),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// A short name of the value's kind for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

/// Compact JSON of an object's fields (`{"a":1}`), written straight into `out`: a message
/// body is serialised from its fields without wrapping (and copying) them into a `Json`.
pub fn write_object(out: &mut String, fields: &JsonMap, escape_slashes: bool) {
    let mut object = ObjectWriter::new(out, escape_slashes);
    for (k, v) in fields {
        object.json(k, v);
    }
    object.finish();
}

/// Compact JSON of an object written member by member as its values become known: a
/// request body that nothing reads by name is written while it is validated, with no map
/// of its fields built first. Bytes are the same as [`write_object`]'s.
pub struct ObjectWriter<'o> {
    out: &'o mut String,
    empty: bool,
    escape_slashes: bool,
}

impl<'o> ObjectWriter<'o> {
    /// Opens the object (`{`).
    pub fn new(out: &'o mut String, escape_slashes: bool) -> Self {
        out.push('{');
        ObjectWriter {
            out,
            empty: true,
            escape_slashes,
        }
    }

    /// A member's name (and `:`); its value is written next.
    pub fn key(&mut self, name: &str) {
        self.comma();
        write_str(self.out, name, self.escape_slashes);
        self.out.push(':');
    }

    /// A member's name as [`member_key`] wrote it beforehand (`"name":`), copied as it is.
    pub fn written_key(&mut self, key: &str) {
        self.comma();
        self.out.push_str(key);
    }

    fn comma(&mut self) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
    }

    /// A member's value, after its key.
    pub fn value(&mut self, value: &Json) {
        value.write_compact(self.out, self.escape_slashes);
    }

    /// A member's value that is a whole number, written as [`Json::Number`] would write
    /// its text.
    pub fn number_value(&mut self, value: i64) {
        self.out.push_str(itoa::Buffer::new().format(value));
    }

    /// A member's value that is a whole number written as a string (`"7"`), as
    /// [`Json::String`] of its digits would be.
    pub fn number_text_value(&mut self, value: i64) {
        self.out.push('"');
        self.number_value(value);
        self.out.push('"');
    }

    /// A member's value that is a string, escaped as [`Json::String`] would be.
    pub fn text_value(&mut self, value: &str) {
        write_str(self.out, value, self.escape_slashes);
    }

    /// A member whose value is JSON.
    pub fn json(&mut self, name: &str, value: &Json) {
        self.key(name);
        self.value(value);
    }

    /// Closes the object (`}`).
    pub fn finish(self) {
        self.out.push('}');
    }
}

/// [`Json::size_hint`] of an object's fields.
pub fn object_size_hint(fields: &JsonMap) -> usize {
    let commas = fields.len().saturating_sub(1);
    2 + commas
        + fields
            .iter()
            .map(|(k, v)| k.len() + 3 + v.size_hint())
            .sum::<usize>()
}

/// A member's name as an object writes it (`"name":`), for writing it once and copying it
/// into every object with [`ObjectWriter::written_key`].
pub fn member_key(name: &str, escape_slashes: bool) -> String {
    let mut out = String::with_capacity(name.len() + 3);
    write_str(&mut out, name, escape_slashes);
    out.push(':');
    out
}

/// A JSON string, quoted and escaped exactly as serde_json escapes it (`"` and `\`, the
/// short escapes `\b \f \n \r \t`, other control characters as `\u00xx`; everything
/// else, non-ASCII included, as is), and `/` as `\/` when `escape_slashes` is set.
fn write_str(out: &mut String, s: &str, escape_slashes: bool) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    // Most text needs no escape at all: checked eight bytes at a time, then copied whole.
    if !needs_escape(bytes, escape_slashes) {
        out.reserve(s.len() + 2);
        out.push('"');
        out.push_str(s);
        out.push('"');
        return;
    }
    out.push('"');
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        // One table lookup per byte: most bytes need no escape.
        let escape: &str = match ESCAPES[usize::from(b)] {
            0 => continue,
            b'/' if !escape_slashes => continue,
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'/' => "\\/",
            b'n' => "\\n",
            b'r' => "\\r",
            b't' => "\\t",
            b'b' => "\\b",
            b'f' => "\\f",
            _ => "",
        };
        // Only ASCII bytes stop the scan, so `start..i` is on character boundaries.
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Whether any byte of `bytes` is escaped in a JSON string: a control character, `"`,
/// `\`, or `/` when slashes are escaped. Eight bytes at a time ([`special_in_word`]), the
/// rest by table: the per-byte table was the largest part of writing a request's body.
fn needs_escape(bytes: &[u8], escape_slashes: bool) -> bool {
    let mut words = bytes.chunks_exact(8);
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if special_in_word(word, escape_slashes) {
            return true;
        }
    }
    words
        .remainder()
        .iter()
        .any(|&b| ESCAPES[usize::from(b)] != 0 && (b != b'/' || escape_slashes))
}

/// Whether eight bytes hold one a JSON string cannot carry as it is: a control character,
/// `"` or `\` (and `/` with `slash`). Bytes from 0x80 up (UTF-8's) are never special.
fn special_in_word(word: [u8; 8], slash: bool) -> bool {
    special_mask(u64::from_le_bytes(word), slash) != 0
}

/// The high bit of each byte of `w` (read little-endian) that [`special_in_word`] looks
/// for, by the "has a byte below / equal to" word tests. A borrow can flag a byte above a
/// flagged one, never below: `!= 0` and the lowest flag (`trailing_zeros() / 8`, the first
/// special byte) are exact.
pub(crate) fn special_mask(w: u64, slash: bool) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // The bytes of `w` that are zero.
    let zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let equal = |b: u8| zero(w ^ (ONES * u64::from(b)));
    // The bytes below 0x20 (`!w` leaves out the bytes from 0x80 up).
    let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    let slash = if slash { equal(b'/') } else { 0 };
    control | equal(b'"') | equal(b'\\') | slash
}

/// For each byte, how a JSON string escapes it: 0 for not at all, `u` for `\u00xx`, else
/// the letter after the backslash (`/` only when slashes are escaped).
const ESCAPES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t[b'/' as usize] = b'/';
    t[b'\n' as usize] = b'n';
    t[b'\r' as usize] = b'r';
    t[b'\t' as usize] = b't';
    t[0x08] = b'b';
    t[0x0c] = b'f';
    t
};

impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_compact(false))
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Self {
        Json::String(s.to_string())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Self {
        Json::String(s)
    }
}

impl From<i64> for Json {
    fn from(n: i64) -> Self {
        Json::Number(n.to_string())
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Self {
        Json::Bool(b)
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Number(n) => match RawValue::from_string(n.clone()) {
                Ok(raw) => raw.serialize(s),
                Err(_) => s.serialize_str(n),
            },
            Json::String(v) => s.serialize_str(v),
            Json::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for v in items {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
            Json::Object(m) => {
                let mut map = s.serialize_map(Some(m.len()))?;
                for (k, v) in m {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// Deserialising from YAML specs (where [`crate::de`] hands fractional numbers over as
/// text, so nothing is lost). For JSON text use [`Json::parse`], which keeps number text.
impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Json;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_none<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
                Json::deserialize(d)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
                Ok(Json::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
                Ok(Json::Number(n.to_string()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Json, E> {
                Ok(Json::Number(n.to_string()))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Json, E> {
                Ok(Json::Number(n.to_string()))
            }
            fn visit_str<E>(self, s: &str) -> Result<Json, E> {
                Ok(Json::String(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<Json, E> {
                Ok(Json::String(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Json, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(Json::Array(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Json, A::Error> {
                let mut m = JsonMap::default();
                while let Some((k, v)) = a.next_entry::<String, Json>()? {
                    m.insert(k, v);
                }
                Ok(Json::Object(m))
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for Json {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AnyValue".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "description": "Any YAML/JSON value." })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_key_order_survive_a_round_trip() {
        let text = r#"{"amount":50000.00,"bankId":33,"big":12345678901234567890.10,"b":true,"n":null,"a":[1,"x"]}"#;
        let v = Json::parse(text).unwrap();
        assert_eq!(v.to_compact(false), text);
        assert_eq!(v.get_path("amount"), Some(&Json::Number("50000.00".into())));
        assert_eq!(v.get_path("a.1"), Some(&Json::String("x".into())));
    }

    #[test]
    fn whitespace_is_dropped_and_strings_are_escaped() {
        let v = Json::parse("{ \"u\" : \"http://x/y\\\"z\" ,\n \"k\": [ 1 , 2 ] }").unwrap();
        assert_eq!(v.to_compact(false), r#"{"u":"http://x/y\"z","k":[1,2]}"#);
        // PHP json_encode style, as `php -r 'echo json_encode(["u"=>"http://x/y\"z"]);'` prints.
        assert_eq!(v.to_compact(true), r#"{"u":"http:\/\/x\/y\"z","k":[1,2]}"#);
    }

    #[test]
    fn invalid_json_is_an_error_with_a_position() {
        let e = Json::parse("{\"a\": }").unwrap_err();
        assert!(e.message.contains("line 1 column 7"), "{e}");
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "01",
            "1.",
            "-",
            "1e",
            "tru",
            "\"a",
            "[1] x",
            "{1:2}",
            "\"\\x\"",
            "\"\t\"",
            "{\"a\":1,}",
            "[1 2]",
        ] {
            assert!(Json::parse(bad).is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn escapes_and_numbers_read_as_serde_json_reads_them() {
        let text =
            r#"{"s":"a\"b\\c\/d\u00e9\ud83d\ude00\n","n":[-0,0.5e-3,1E+2,-12.30],"e":{},"l":[]}"#;
        let v = Json::parse(text).unwrap();
        let reference: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            v.get_path("s").and_then(Json::as_str),
            reference["s"].as_str()
        );
        assert_eq!(v.get_path("n.3"), Some(&Json::Number("-12.30".into())));
        assert_eq!(
            v.to_compact(false),
            r#"{"s":"a\"b\\c/d\u00e9😀\n","n":[-0,0.5e-3,1E+2,-12.30],"e":{},"l":[]}"#
                .replace("\\u00e9", "é")
        );
    }

    /// The word-at-a-time test for "anything to escape", against serde_json: every ASCII
    /// byte value at every position of texts from 1 to 24 characters long (so in each of
    /// the eight lanes of a word and in the tail), amid plain ASCII and amid UTF-8.
    #[test]
    fn every_byte_in_every_lane_is_escaped_as_serde_json_escapes_it() {
        for fill in ["a", "é"] {
            for len in 1..=24usize {
                for at in 0..len {
                    for b in 0u8..0x80 {
                        let mut s: String = fill.repeat(len);
                        // Replace one character (a byte of ASCII) at `at` characters in.
                        let start = s.char_indices().nth(at).map(|(i, _)| i).unwrap();
                        let end = start + fill.len();
                        s.replace_range(start..end, &char::from(b).to_string());
                        let reference = serde_json::to_string(&s).unwrap();
                        let ours = Json::String(s.clone());
                        assert_eq!(ours.to_compact(false), reference, "{s:?}");
                        assert_eq!(ours.to_compact(true), reference.replace('/', "\\/"));
                    }
                }
            }
        }
    }

    /// Reading strings eight bytes at a time, against serde_json: every ASCII byte, raw, at
    /// every position of texts 1 to 24 characters long, amid ASCII and amid UTF-8. A raw
    /// quote ends the string early and a control character is refused, as serde_json has it.
    #[test]
    fn every_byte_in_every_lane_is_read_as_serde_json_reads_it() {
        for fill in ["a", "é"] {
            for len in 1..=24usize {
                for at in 0..len {
                    for b in 0u8..0x80 {
                        let mut s: String = fill.repeat(len);
                        let start = s.char_indices().nth(at).map(|(i, _)| i).unwrap();
                        s.replace_range(start..start + fill.len(), &char::from(b).to_string());
                        let text = format!("[\"{s}\"]");
                        let reference = serde_json::from_str::<Vec<String>>(&text);
                        let ours = Json::parse(&text);
                        match (reference, ours) {
                            (Ok(r), Ok(o)) => {
                                assert_eq!(o, Json::Array(vec![Json::String(r[0].clone())]))
                            }
                            (Err(_), Err(_)) => {}
                            (r, o) => panic!("{text:?}: serde_json {r:?}, ours {o:?}"),
                        }
                    }
                }
            }
        }
    }

    /// Strings are escaped exactly as serde_json (an independent implementation) escapes
    /// them, every control character, quote, backslash and non-ASCII text included; with
    /// `escape_slashes`, only `/` differs, as PHP's `json_encode` writes it.
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all_ascii: String = (0u8..0x80).map(char::from).collect();
        all_ascii.push_str("é😀\u{2028}/x");
        for s in [
            "",
            "plain",
            "a\"b\\c/d",
            "\u{0}\u{1f}\u{7f}\u{8}\u{c}",
            "tail\n",
            "\t",
            &all_ascii,
        ] {
            let reference = serde_json::to_string(s).unwrap();
            let ours = Json::String(s.to_string());
            assert_eq!(ours.to_compact(false), reference, "{s:?}");
            assert_eq!(
                ours.to_compact(true),
                reference.replace('/', "\\/"),
                "{s:?}"
            );
        }
        // A body is written from its fields directly, as the object would be.
        let mut fields = JsonMap::default();
        fields.insert("u/rl".to_string(), Json::from("http://x/\"y\""));
        fields.insert("n".to_string(), Json::Number("50000.00".into()));
        fields.insert(
            "l".to_string(),
            Json::Array(vec![Json::Null, Json::Bool(true)]),
        );
        let mut direct = String::new();
        write_object(&mut direct, &fields, true);
        assert_eq!(direct, Json::Object(fields.clone()).to_compact(true));
        assert_eq!(
            direct,
            r#"{"u\/rl":"http:\/\/x\/\"y\"","n":50000.00,"l":[null,true]}"#
        );
        // Written member by member, keys written beforehand: the same bytes.
        for slashes in [false, true] {
            let mut members = String::new();
            let mut object = ObjectWriter::new(&mut members, slashes);
            object.written_key(&member_key("u/rl", slashes));
            object.text_value("http://x/\"y\"");
            object.key("n");
            object.value(&Json::Number("50000.00".into()));
            object.json("l", &Json::Array(vec![Json::Null, Json::Bool(true)]));
            object.key(&all_ascii);
            object.text_value(&all_ascii);
            object.finish();
            let mut all = fields.clone();
            all.insert(all_ascii.clone(), Json::String(all_ascii.clone()));
            assert_eq!(members, Json::Object(all).to_compact(slashes));
        }
        // Exact but for the six escapes (`\/` four times, `\"` twice).
        assert_eq!(object_size_hint(&fields), direct.len() - 6);
        let plain = Json::parse(r#"{"a":[1,"x",{}],"b":null,"c":true}"#).unwrap();
        assert_eq!(plain.size_hint(), plain.to_compact(false).len());
    }

    /// Issue 8, defect 1: 50,000 levels used to overflow the stack and abort the process.
    #[test]
    fn deep_nesting_is_an_error_naming_the_limit() {
        let deep = format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
        let e = Json::parse(&deep).unwrap_err();
        assert!(e.message.contains("deeper than 128 levels"), "{e}");
        let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
        assert!(Json::parse(&deep).is_err());
        // The limit itself is allowed.
        let ok = format!("{}1{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(Json::parse(&ok).is_ok());
        let over = format!(
            "{}1{}",
            "[".repeat(MAX_DEPTH + 1),
            "]".repeat(MAX_DEPTH + 1)
        );
        assert!(Json::parse(&over).is_err());
    }
}

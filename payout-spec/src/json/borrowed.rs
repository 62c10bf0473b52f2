//! A JSON value that borrows its text from the body it was read from.
//!
//! Reading a received message's unified and typed values needs each value once, as text:
//! a [`Json`] tree would copy every key and string into its own allocation, and hash every
//! key, only for most of them to be dropped at once. [`JsonRef`] lends them from the body
//! instead (a string is owned only where escapes were decoded), and keeps an object's
//! members in a list, in the order written.

use std::borrow::Cow;

use super::{reader, Json, JsonError, MAX_DEPTH};

/// A JSON value lending its text from the JSON it was read from. Numbers keep their text
/// as written, as in [`Json`].
///
/// An object's members are kept as written, duplicates included; reading a name finds its
/// last value, as [`Json`]'s map keeps the last one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum JsonRef<'a> {
    #[default]
    Null,
    Bool(bool),
    /// The number's text as written.
    Number(Cow<'a, str>),
    String(Cow<'a, str>),
    Array(Vec<JsonRef<'a>>),
    Object(Vec<(Cow<'a, str>, JsonRef<'a>)>),
}

impl<'a> JsonRef<'a> {
    /// Parses JSON text as [`Json::parse`] does (the same reader: the same texts are
    /// accepted, with the same errors, and containers nest at most [`MAX_DEPTH`] deep),
    /// lending strings from `text`.
    pub fn parse(text: &'a str) -> Result<JsonRef<'a>, JsonError> {
        reader::read(text, MAX_DEPTH)
    }

    /// An object's members, in the order written; `None` for any other value.
    pub fn members(&self) -> Option<impl Iterator<Item = (&str, &JsonRef<'a>)>> {
        match self {
            JsonRef::Object(members) => Some(members.iter().map(|(k, v)| (&**k, v))),
            _ => None,
        }
    }

    /// The value of an object's member (its last, if the name is written twice).
    pub fn get(&self, name: &str) -> Option<&JsonRef<'a>> {
        match self {
            JsonRef::Object(members) => members
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// An array's items; `None` for any other value.
    pub fn as_array(&self) -> Option<&[JsonRef<'a>]> {
        match self {
            JsonRef::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The text of a scalar as a gateway means it, as [`Json::scalar_text`].
    pub fn scalar_text(&self) -> Option<String> {
        self.scalar_str().map(str::to_string)
    }

    /// [`JsonRef::scalar_text`], borrowed.
    pub fn scalar_str(&self) -> Option<&str> {
        match self {
            JsonRef::String(s) | JsonRef::Number(s) => Some(s),
            JsonRef::Bool(true) => Some("true"),
            JsonRef::Bool(false) => Some("false"),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            JsonRef::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, JsonRef::Null)
    }

    /// A short name of the value's kind for messages, as [`Json::kind`].
    pub fn kind(&self) -> &'static str {
        match self {
            JsonRef::Null => "null",
            JsonRef::Bool(_) => "a boolean",
            JsonRef::Number(_) => "a number",
            JsonRef::String(_) => "a string",
            JsonRef::Array(_) => "an array",
            JsonRef::Object(_) => "an object",
        }
    }

    /// An owned [`Json`] of the same value (a name written twice keeps its last value, in
    /// its first place, as [`Json::parse`] does).
    pub fn to_json(&self) -> Json {
        match self {
            JsonRef::Null => Json::Null,
            JsonRef::Bool(b) => Json::Bool(*b),
            JsonRef::Number(n) => Json::Number(n.to_string()),
            JsonRef::String(s) => Json::String(s.to_string()),
            JsonRef::Array(items) => Json::Array(items.iter().map(JsonRef::to_json).collect()),
            JsonRef::Object(members) => {
                let mut map = super::map_with_capacity(members.len());
                for (k, v) in members {
                    map.insert(k.to_string(), v.to_json());
                }
                Json::Object(map)
            }
        }
    }

    /// The same value, owning its text: for a value that must outlive the text it was
    /// read from.
    pub fn into_owned(self) -> JsonRef<'static> {
        let own = |s: Cow<'a, str>| Cow::Owned(s.into_owned());
        match self {
            JsonRef::Null => JsonRef::Null,
            JsonRef::Bool(b) => JsonRef::Bool(b),
            JsonRef::Number(n) => JsonRef::Number(own(n)),
            JsonRef::String(s) => JsonRef::String(own(s)),
            JsonRef::Array(items) => {
                JsonRef::Array(items.into_iter().map(JsonRef::into_owned).collect())
            }
            JsonRef::Object(members) => JsonRef::Object(
                members
                    .into_iter()
                    .map(|(k, v)| (own(k), v.into_owned()))
                    .collect(),
            ),
        }
    }
}

impl Json {
    /// The value as a [`JsonRef`] lending this tree's text: for reading a `Json` one
    /// already holds the way a received body is read.
    pub fn view(&self) -> JsonRef<'_> {
        match self {
            Json::Null => JsonRef::Null,
            Json::Bool(b) => JsonRef::Bool(*b),
            Json::Number(n) => JsonRef::Number(Cow::Borrowed(n)),
            Json::String(s) => JsonRef::String(Cow::Borrowed(s)),
            Json::Array(items) => JsonRef::Array(items.iter().map(Json::view).collect()),
            Json::Object(m) => JsonRef::Object(
                m.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), v.view()))
                    .collect(),
            ),
        }
    }
}

impl<'a> From<&'a str> for JsonRef<'a> {
    fn from(s: &'a str) -> Self {
        JsonRef::String(Cow::Borrowed(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::JsonNode;

    /// Strings written without escapes are lent by the text; decoded ones are owned, and
    /// decode as serde_json decodes them.
    #[test]
    fn plain_strings_are_lent_and_escaped_ones_decoded() {
        let text = r#"{"plain":"abc","esc":"a\"b\u00e9","n":-1.50e3,"k\u0041":[true,null]}"#;
        let v = JsonRef::parse(text).unwrap();
        let lent = |s: &Cow<str>| {
            let p = s.as_ptr() as usize;
            matches!(s, Cow::Borrowed(_))
                && p >= text.as_ptr() as usize
                && p < text.as_ptr() as usize + text.len()
        };
        let JsonRef::Object(members) = &v else {
            panic!("an object")
        };
        assert!(lent(&members[0].0));
        assert!(matches!(&members[0].1, JsonRef::String(s) if lent(s)));
        assert!(matches!(&members[2].1, JsonRef::Number(s) if lent(s) && s == "-1.50e3"));
        // `serde_json::from_str::<String>(r#""a\"b\u00e9""#)` is `a"bé`.
        assert_eq!(v.get("esc").and_then(JsonRef::as_str), Some("a\"bé"));
        assert!(matches!(&members[1].1, JsonRef::String(Cow::Owned(_))));
        assert_eq!(members[3].0, "kA");
        assert_eq!(v.at(&["kA", "0"]), Some(&JsonRef::Bool(true)));
        assert_eq!(v.at(&["kA", "1"]).map(JsonRef::is_null), Some(true));
        assert_eq!(v.at(&["kA", "2"]), None);
        assert_eq!(v.at(&["plain", "x"]), None);
        let names: Vec<&str> = v.members().unwrap().map(|(k, _)| k).collect();
        assert_eq!(names, ["plain", "esc", "n", "kA"]);
        assert_eq!(v.get("n").and_then(JsonRef::scalar_str), Some("-1.50e3"));
        assert_eq!(
            v.at(&["kA", "0"]).and_then(JsonRef::scalar_text).as_deref(),
            Some("true")
        );
    }

    /// A name written twice reads as its last value, as the owned tree keeps it.
    #[test]
    fn a_name_written_twice_reads_as_its_last_value() {
        let text = r#"{"status":"FAIL","x":1,"status":"PAID"}"#;
        let v = JsonRef::parse(text).unwrap();
        assert_eq!(v.get("status"), Some(&JsonRef::from("PAID")));
        let owned = Json::parse(text).unwrap();
        assert_eq!(owned.get_path("status"), Some(&Json::from("PAID")));
        assert_eq!(v.to_json(), owned);
        assert_eq!(owned.to_compact(false), r#"{"status":"PAID","x":1}"#);
    }

    /// Many small objects do not each keep room for sixteen members: a body's tree stays
    /// within a small multiple of its text, whoever sent it.
    #[test]
    fn small_objects_keep_no_spare_room() {
        let text = format!("[{}{{}}]", r#"{"a":1},"#.repeat(1000));
        let v = JsonRef::parse(&text).unwrap();
        let items = v.as_array().unwrap();
        assert_eq!(items.len(), 1001);
        let mut roomy = 0;
        for item in items {
            let JsonRef::Object(members) = item else {
                panic!("an object")
            };
            if members.capacity() > 2 * members.len() {
                roomy += 1;
            }
        }
        // The first eight keep their room (a body's usual few objects are not copied).
        assert_eq!(roomy, 8);
        let wide: String = (0..10).map(|i| format!(r#""k{i}":{i},"#)).collect();
        let text = format!("{{{wide}\"end\":0}}");
        let v = JsonRef::parse(&text).unwrap();
        let JsonRef::Object(members) = &v else {
            panic!("an object")
        };
        assert_eq!((members.len(), members.capacity()), (11, 16));
        // Objects inside objects: each keeps its own members, in order, whatever was
        // open around it.
        let text = r#"{"a":{"b":{"c":1,"d":{}},"e":2},"f":{"g":[{"h":3},{}]},"i":4}"#;
        let v = JsonRef::parse(text).unwrap();
        assert_eq!(v.to_json(), Json::parse(text).unwrap());
        let names = |v: &JsonRef| -> Vec<String> {
            match v {
                JsonRef::Object(m) => m.iter().map(|(k, _)| k.to_string()).collect(),
                _ => Vec::new(),
            }
        };
        assert_eq!(names(&v), ["a", "f", "i"]);
        assert_eq!(names(v.at(&["a"]).unwrap()), ["b", "e"]);
        assert_eq!(names(v.at(&["a", "b"]).unwrap()), ["c", "d"]);
        assert_eq!(names(v.at(&["f", "g", "0"]).unwrap()), ["h"]);
    }

    /// Refusals are the owned reader's, word for word, depth included.
    #[test]
    fn refusals_are_the_owned_readers() {
        let deep = "[".repeat(MAX_DEPTH + 1);
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "01",
            "\"\\x\"",
            "\"a\u{1}\"",
            "1 2",
            &deep,
        ] {
            let (Err(a), Err(b)) = (JsonRef::parse(bad), Json::parse(bad)) else {
                panic!("{bad:?} must be refused by both");
            };
            assert_eq!(a, b, "{bad:?}");
        }
        assert!(JsonRef::parse(&deep)
            .unwrap_err()
            .message
            .contains("deeper than 128"));
    }
}

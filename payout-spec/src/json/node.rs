//! What reading values out of a received body needs, the same for the owned tree
//! ([`Json`]) and the borrowed one ([`JsonRef`]): a webhook's values are read from a
//! borrowed tree, an answer's from the tree its success check needed.

use super::{Json, JsonRef};

/// A JSON value that values are read out of, by path.
pub trait JsonNode {
    /// An object's member (its last value, if the name is written twice).
    fn member(&self, name: &str) -> Option<&Self>;
    /// An array's item.
    fn item(&self, index: usize) -> Option<&Self>;
    /// A scalar's text as a gateway means it: strings unquoted, numbers as written,
    /// booleans as `true`/`false`; `None` for null, arrays and objects.
    fn scalar(&self) -> Option<&str>;
    /// A number's text as written; `None` for any other value.
    fn number_text(&self) -> Option<&str>;
    /// A string's text; `None` for any other value.
    fn string_text(&self) -> Option<&str>;
    /// A boolean; `None` for any other value (`"true"` is a string).
    fn as_bool(&self) -> Option<bool>;
    fn is_null(&self) -> bool;
    /// A short name of the value's kind for messages.
    fn kind(&self) -> &'static str;

    /// Follows a path, one segment per member name or array index (`data`, `0`, `status`).
    fn at<S: AsRef<str>>(&self, segments: &[S]) -> Option<&Self> {
        let mut cur = self;
        for seg in segments {
            let seg = seg.as_ref();
            cur = match cur.member(seg) {
                Some(v) => v,
                None => cur.item(seg.parse::<usize>().ok()?)?,
            };
        }
        Some(cur)
    }
}

impl JsonNode for Json {
    fn member(&self, name: &str) -> Option<&Self> {
        self.as_object()?.get(name)
    }
    fn item(&self, index: usize) -> Option<&Self> {
        match self {
            Json::Array(items) => items.get(index),
            _ => None,
        }
    }
    fn scalar(&self) -> Option<&str> {
        match self {
            Json::String(s) | Json::Number(s) => Some(s),
            Json::Bool(true) => Some("true"),
            Json::Bool(false) => Some("false"),
            _ => None,
        }
    }
    fn number_text(&self) -> Option<&str> {
        match self {
            Json::Number(n) => Some(n),
            _ => None,
        }
    }
    fn string_text(&self) -> Option<&str> {
        self.as_str()
    }
    fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn is_null(&self) -> bool {
        Json::is_null(self)
    }
    fn kind(&self) -> &'static str {
        Json::kind(self)
    }
}

impl JsonNode for JsonRef<'_> {
    fn member(&self, name: &str) -> Option<&Self> {
        self.get(name)
    }
    fn item(&self, index: usize) -> Option<&Self> {
        self.as_array()?.get(index)
    }
    fn scalar(&self) -> Option<&str> {
        self.scalar_str()
    }
    fn number_text(&self) -> Option<&str> {
        match self {
            JsonRef::Number(n) => Some(n),
            _ => None,
        }
    }
    fn string_text(&self) -> Option<&str> {
        self.as_str()
    }
    fn as_bool(&self) -> Option<bool> {
        match self {
            JsonRef::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn is_null(&self) -> bool {
        JsonRef::is_null(self)
    }
    fn kind(&self) -> &'static str {
        JsonRef::kind(self)
    }
}

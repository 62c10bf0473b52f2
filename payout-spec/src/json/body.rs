//! A received JSON body kept as its text, read into a [`Json`] tree only when the tree is
//! asked for.

use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use serde::{Serialize, Serializer};

use super::{Json, JsonRef};

/// A webhook's or an answer's JSON body: the text as it came, and the [`Json`] tree read
/// from it on first use (it derefs to that tree). Reading a message's unified and typed
/// values needs no tree (they are read from a [`super::JsonRef`] lending the text), so a
/// caller that never looks at the raw JSON never pays for building and dropping it.
#[derive(Clone, Default)]
pub struct JsonBody {
    /// `None` for a body that was a tree from the start (a form, decoded).
    text: Option<Box<str>>,
    tree: OnceLock<Json>,
}

impl JsonBody {
    /// A body from JSON text that parses (the caller has read it, as a
    /// [`super::JsonRef`]); should it not, its tree is `null`.
    pub fn from_text(text: impl Into<Box<str>>) -> JsonBody {
        JsonBody {
            text: Some(text.into()),
            tree: OnceLock::new(),
        }
    }

    /// The JSON text as received; `None` for a body that was not JSON text (a form).
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// The body as a [`Json`] tree, read from its text the first time it is asked for.
    pub fn json(&self) -> &Json {
        self.tree.get_or_init(|| {
            self.text
                .as_deref()
                .and_then(|t| Json::parse(t).ok())
                .unwrap_or_default()
        })
    }

    /// The body as a [`JsonRef`] lending its text: read from the text again (a borrowed
    /// reading, cheaper than the tree), or the tree's view for a body that came as a tree.
    pub fn view(&self) -> JsonRef<'_> {
        match (self.text.as_deref(), self.tree.get()) {
            (_, Some(tree)) => tree.view(),
            (Some(text), None) => JsonRef::parse(text).unwrap_or_default(),
            (None, None) => JsonRef::Null,
        }
    }

    /// The tree, owned.
    pub fn into_json(self) -> Json {
        self.into_parts().1
    }

    /// The text (if the body came as text) and the tree, owned: to lend the tree's members
    /// for a while, then put the body together again with [`JsonBody::from_parts`].
    pub fn into_parts(mut self) -> (Option<Box<str>>, Json) {
        self.json();
        (self.text, self.tree.take().unwrap_or_default())
    }

    /// A body from its text and the tree read from that text, as
    /// [`JsonBody::into_parts`] gave them.
    pub fn from_parts(text: Option<Box<str>>, tree: Json) -> JsonBody {
        JsonBody {
            text,
            tree: OnceLock::from(tree),
        }
    }
}

impl From<Json> for JsonBody {
    fn from(json: Json) -> Self {
        JsonBody {
            text: None,
            tree: OnceLock::from(json),
        }
    }
}

impl Deref for JsonBody {
    type Target = Json;

    fn deref(&self) -> &Json {
        self.json()
    }
}

/// Written as its JSON tree (numbers as received).
impl Serialize for JsonBody {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.json().serialize(s)
    }
}

/// Bodies are equal when their JSON is (not their text's spacing).
impl PartialEq for JsonBody {
    fn eq(&self, other: &Self) -> bool {
        self.json() == other.json()
    }
}

impl fmt::Debug for JsonBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.json(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_is_read_from_the_text_when_asked_for() {
        let body = JsonBody::from_text(r#"{"a": 1.50, "b": ["x"]}"#);
        assert!(body.tree.get().is_none(), "not read before it is asked for");
        assert_eq!(body.text(), Some(r#"{"a": 1.50, "b": ["x"]}"#));
        assert_eq!(body.get_path("a"), Some(&Json::Number("1.50".into())));
        assert!(body.tree.get().is_some());
        // Equal by JSON, not by spacing; a tree given whole has no text.
        let given = JsonBody::from(Json::parse(r#"{"a":1.50,"b":["x"]}"#).unwrap());
        assert_eq!(given.text(), None);
        assert_eq!(body, given);
        assert_eq!(body.clone().into_json(), given.clone().into_json());
        let (text, tree) = body.clone().into_parts();
        assert_eq!(text.as_deref(), body.text());
        assert_eq!(JsonBody::from_parts(text, tree), given);
        // Text that does not parse (a caller's mistake) reads as null, never a panic.
        assert_eq!(*JsonBody::from_text("{").json(), Json::Null);
        assert_eq!(format!("{:?}", JsonBody::from_text("[]")), "Array([])");
        // Its view reads the text when no tree was built, and agrees with the tree.
        let fresh = JsonBody::from_text(r#"{"a": 1.50}"#);
        assert_eq!(fresh.view().to_json(), *fresh.json());
        assert_eq!(serde_json::to_string(&fresh).unwrap(), r#"{"a":1.50}"#);
    }
}

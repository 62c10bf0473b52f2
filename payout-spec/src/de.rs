//! serde deserialisation from the positioned YAML tree.
//!
//! Two things differ from a plain YAML deserialiser, both so that `payout lint` reports every
//! problem with a position:
//! - unknown keys are recorded (with a "did you mean") and skipped instead of aborting;
//! - every other error is attached to the innermost node it concerns, and [`from_node`] then
//!   removes that node and tries again, so one bad value hides nothing else.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Error as _, IntoDeserializer, Visitor};

use crate::diag::{did_you_mean, one_of_list, Issues, Span};
use crate::yaml::{plain_bool, Node, Seg, Style, Value, YamlPath};

/// A deserialisation error, located once the node it concerns is known.
#[derive(Debug, Clone)]
pub struct Error {
    message: String,
    at: Option<(YamlPath, Span)>,
    /// Set for "missing field" errors, which may be a consequence of an earlier removal.
    missing: Option<String>,
    /// Set when a one-key mapping turned up empty, which happens when its content was removed.
    emptied: bool,
}

impl Error {
    fn at(mut self, node: &Node) -> Self {
        if self.at.is_none() {
            self.at = Some((node.path.clone(), node.span));
        }
        self
    }

    fn at_span(mut self, path: &YamlPath, span: Span) -> Self {
        if self.at.is_none() {
            self.at = Some((path.clone(), span));
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error {
            message: msg.to_string(),
            at: None,
            missing: None,
            emptied: false,
        }
    }

    fn missing_field(field: &'static str) -> Self {
        Error {
            message: format!("missing required key `{field}`"),
            at: None,
            missing: Some(field.to_string()),
            emptied: false,
        }
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Error::custom(format!(
            "unknown value `{variant}`; expected one of {}{}",
            one_of_list(expected.iter().copied()),
            did_you_mean(variant, expected.iter().copied())
        ))
    }

    /// Unknown keys of mappings read through a nested deserialiser (status entries) get
    /// the same wording as the rest.
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error::custom(format!(
            "unknown key `{field}`; expected one of {}{}",
            one_of_list(expected.iter().copied()),
            did_you_mean(field, expected.iter().copied())
        ))
    }

    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        Error::custom(format!("expected {exp}, found {}", describe(unexp)))
    }
}

fn describe(u: de::Unexpected) -> String {
    match u {
        de::Unexpected::Str(s) => format!("text `{s}`"),
        de::Unexpected::Map => "a mapping".into(),
        de::Unexpected::Seq => "a sequence".into(),
        de::Unexpected::Unit => "nothing (null)".into(),
        other => other.to_string(),
    }
}

/// What a Rust enum of the model is called in messages ("unknown hash `sha265`").
fn noun_for(enum_name: &str) -> &'static str {
    match enum_name {
        "Step" => "signing step",
        "HashAlg" | "HmacAlg" | "RsaHash" => "hash",
        "Encoding" => "encoding",
        "FieldType" => "field type",
        "Input" => "input",
        "Generator" => "generator",
        "UnifiedStatus" => "unified status",
        "OperationRole" => "operation role",
        "HttpMethod" => "HTTP method",
        "Rule" => "rule",
        "ErrorKind" => "error kind",
        _ => "value",
    }
}

/// Deserialises `T` from the tree. Problems go into `issues`; the result is what could be
/// read (with the bad parts left out) or `None` when the document as a whole is unusable.
/// `removed` receives the paths of the nodes dropped because they were bad, so later checks
/// do not report consequences ("recipe not defined") of a problem already reported.
pub fn from_node<T: DeserializeOwned>(
    mut root: Node,
    issues: &mut Issues,
    removed: &mut HashSet<String>,
) -> Option<T> {
    // Each round removes at least one node, so this ends.
    loop {
        let unknown = RefCell::new(Vec::new());
        let result = T::deserialize(NodeDe {
            node: &root,
            unknown: &unknown,
        });
        for (path, span, msg) in unknown.into_inner() {
            issues.error_at(path, span, msg);
        }
        let err = match result {
            Ok(v) => return Some(v),
            Err(e) => e.at(&root),
        };
        let (path, span) = err.at.clone().unwrap_or_default();
        // A required key missing, or a step left empty, only because a bad value in it was
        // removed: already reported.
        let consequence = err
            .missing
            .as_ref()
            .is_some_and(|k| removed.contains(&path.key(k).to_string()))
            || (err.emptied && {
                let prefix = path.to_string();
                removed
                    .iter()
                    .any(|r| r.starts_with(&prefix) && r.len() > prefix.len())
            });
        if !consequence {
            issues.error_at(path.to_string(), span, err.message.clone());
        }
        removed.insert(path.to_string());
        if !root.remove(&path) {
            return None;
        }
    }
}

type Unknown = RefCell<Vec<(String, Span, String)>>;

#[derive(Clone, Copy)]
struct NodeDe<'a> {
    node: &'a Node,
    unknown: &'a Unknown,
}

impl<'a> NodeDe<'a> {
    fn child(&self, node: &'a Node) -> NodeDe<'a> {
        NodeDe {
            node,
            unknown: self.unknown,
        }
    }

    fn scalar(&self) -> Result<&'a str, Error> {
        match &self.node.value {
            Value::Scalar(s, _) if !self.node.is_null() => Ok(s),
            _ => Err(
                Error::custom(format!("expected a value, found {}", self.node.kind_name()))
                    .at(self.node),
            ),
        }
    }

    fn int<T: std::str::FromStr>(&self, what: &str) -> Result<T, Error> {
        let s = self.scalar()?;
        s.parse::<T>()
            .map_err(|_| Error::custom(format!("expected {what}, found `{s}`")).at(self.node))
    }
}

macro_rules! deserialize_int {
    ($($method:ident => $visit:ident : $ty:ty, $what:expr;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let v: $ty = self.int($what)?;
            visitor.$visit(v).map_err(|e: Error| e.at(self.node))
        }
    )*};
}

impl<'de, 'a> de::Deserializer<'de> for NodeDe<'a> {
    type Error = Error;

    /// Plain scalars are typed by YAML 1.2's core schema, except that numbers with a
    /// fraction are handed over as text: money and limits are never floats here, and the
    /// text keeps every digit the author wrote.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let node = self.node;
        let r = match &node.value {
            Value::Scalar(s, Style::Plain) => {
                if node.is_null() {
                    visitor.visit_unit()
                } else if let Some(b) = plain_bool(s) {
                    visitor.visit_bool(b)
                } else if let Ok(i) = s.parse::<i64>() {
                    visitor.visit_i64(i)
                } else if let Ok(u) = s.parse::<u64>() {
                    visitor.visit_u64(u)
                } else {
                    visitor.visit_str(s)
                }
            }
            Value::Scalar(s, _) => visitor.visit_str(s),
            Value::Seq(items) => visitor.visit_seq(SeqDe {
                de: self,
                iter: items.iter(),
            }),
            Value::Map(entries) => visitor.visit_map(MapDe {
                de: self,
                iter: entries.iter(),
                value: None,
            }),
        };
        r.map_err(|e: Error| e.at(node))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let s = self.scalar()?;
        match plain_bool(s) {
            Some(b) => visitor.visit_bool(b).map_err(|e: Error| e.at(self.node)),
            None => {
                Err(Error::custom(format!("expected `true` or `false`, found `{s}`")).at(self.node))
            }
        }
    }

    deserialize_int! {
        deserialize_i8 => visit_i8: i8, "a small integer";
        deserialize_i16 => visit_i16: i16, "an integer";
        deserialize_i32 => visit_i32: i32, "an integer";
        deserialize_i64 => visit_i64: i64, "an integer";
        deserialize_u8 => visit_u8: u8, "a small non-negative integer";
        deserialize_u16 => visit_u16: u16, "a non-negative integer below 65536";
        deserialize_u32 => visit_u32: u32, "a non-negative integer";
        deserialize_u64 => visit_u64: u64, "a non-negative integer";
    }

    fn deserialize_f32<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Error> {
        Err(Error::custom("floating-point values are not used in payout specs").at(self.node))
    }

    fn deserialize_f64<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Error> {
        Err(Error::custom("floating-point values are not used in payout specs").at(self.node))
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    /// Any scalar reads as text: `1: processing` in a status map has the key `"1"`.
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.value {
            Value::Scalar(s, style) if *style != Style::Plain || !self.node.is_null() => {
                visitor.visit_str(s).map_err(|e: Error| e.at(self.node))
            }
            _ => Err(
                Error::custom(format!("expected text, found {}", self.node.kind_name()))
                    .at(self.node),
            ),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.node.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.node.is_null() {
            visitor.visit_unit()
        } else {
            Err(Error::custom("expected nothing (null)").at(self.node))
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.value {
            Value::Seq(items) => visitor
                .visit_seq(SeqDe {
                    de: self,
                    iter: items.iter(),
                })
                .map_err(|e: Error| e.at(self.node)),
            _ => Err(
                Error::custom(format!("expected a list, found {}", self.node.kind_name()))
                    .at(self.node),
            ),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.value {
            Value::Map(entries) => visitor
                .visit_map(MapDe {
                    de: self,
                    iter: entries.iter(),
                    value: None,
                })
                .map_err(|e: Error| e.at(self.node)),
            // `headers:` with nothing after it: an empty mapping, not an error.
            _ if self.node.is_null() => visitor
                .visit_map(MapDe {
                    de: self,
                    iter: [].iter(),
                    value: None,
                })
                .map_err(|e: Error| e.at(self.node)),
            _ => Err(Error::custom(format!(
                "expected a mapping, found {}",
                self.node.kind_name()
            ))
            .at(self.node)),
        }
    }

    /// Keys the struct does not know are recorded and skipped, so one typo does not hide
    /// the rest of the document.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let Value::Map(entries) = &self.node.value else {
            return Err(Error::custom(format!(
                "expected a mapping{}, found {}",
                struct_hint(name),
                self.node.kind_name()
            ))
            .at(self.node));
        };
        for (k, n) in entries {
            if !fields.contains(&k.as_str()) {
                let msg = format!(
                    "unknown key `{k}`; expected one of {}{}",
                    one_of_list(fields.iter().copied()),
                    did_you_mean(k, fields.iter().copied())
                );
                let path = match n.path.last() {
                    Some(Seg::Key(_)) => n.path.to_string(),
                    _ => self.node.path.key(k).to_string(),
                };
                self.unknown
                    .borrow_mut()
                    .push((path, n.key_span.unwrap_or(n.span), msg));
            }
        }
        let known: Vec<&(String, Node)> = entries
            .iter()
            .filter(|(k, _)| fields.contains(&k.as_str()))
            .collect();
        visitor
            .visit_map(KnownMapDe {
                de: self,
                iter: known.into_iter(),
                value: None,
            })
            .map_err(|e: Error| e.at(self.node))
    }

    /// `- hash: md5` (a one-key mapping) or `body_bytes` (a bare name for variants
    /// without content).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let (tag, content, tag_span) = match &self.node.value {
            Value::Scalar(s, _) if !self.node.is_null() => (s.as_str(), None, self.node.span),
            Value::Map(entries) if entries.len() == 1 => {
                let (k, v) = &entries[0];
                (k.as_str(), Some(v), v.key_span.unwrap_or(v.span))
            }
            Value::Map(entries) => {
                let mut e = Error::custom(format!(
                    "a {} is a mapping with exactly one key (one of {}), found {} keys",
                    noun_for(name),
                    one_of_list(variants.iter().copied()),
                    entries.len()
                ));
                e.emptied = entries.is_empty();
                return Err(e.at(self.node));
            }
            _ => {
                return Err(Error::custom(format!(
                    "expected a {} (one of {}), found {}",
                    noun_for(name),
                    one_of_list(variants.iter().copied()),
                    self.node.kind_name()
                ))
                .at(self.node))
            }
        };
        if !variants.contains(&tag) {
            return Err(Error::custom(format!(
                "unknown {} `{tag}`; expected one of {}{}",
                noun_for(name),
                one_of_list(variants.iter().copied()),
                did_you_mean(tag, variants.iter().copied())
            ))
            // The whole item goes: an unknown step is one problem, not two.
            .at_span(&self.node.path, tag_span));
        }
        visitor
            .visit_enum(EnumDe {
                de: self,
                tag,
                content,
            })
            .map_err(|e: Error| e.at(self.node))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// A hint about what a mapping is, for type errors on whole sections.
fn struct_hint(name: &str) -> String {
    match name {
        "Field" => " (a field definition such as `{ type: string, required: true }`)".into(),
        "Credential" => " (such as `{ secret: true }`)".into(),
        _ => String::new(),
    }
}

struct SeqDe<'a, I> {
    de: NodeDe<'a>,
    iter: I,
}

impl<'de, 'a, I: Iterator<Item = &'a Node>> de::SeqAccess<'de> for SeqDe<'a, I> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.iter.next() {
            Some(node) => seed
                .deserialize(self.de.child(node))
                .map(Some)
                .map_err(|e: Error| e.at(node)),
            None => Ok(None),
        }
    }
}

struct MapDe<'a, I> {
    de: NodeDe<'a>,
    iter: I,
    value: Option<&'a Node>,
}

impl<'de, 'a, I: Iterator<Item = &'a (String, Node)>> de::MapAccess<'de> for MapDe<'a, I> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.iter.next() {
            Some((k, node)) => {
                self.value = Some(node);
                seed.deserialize(KeyDe { key: k })
                    .map(Some)
                    .map_err(|e: Error| e.at(node))
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let node = self
            .value
            .take()
            .ok_or_else(|| Error::custom("value without a key"))?;
        seed.deserialize(self.de.child(node))
            .map_err(|e: Error| e.at(node))
    }
}

struct KnownMapDe<'a, I> {
    de: NodeDe<'a>,
    iter: I,
    value: Option<&'a Node>,
}

impl<'de, 'a, I: Iterator<Item = &'a (String, Node)>> de::MapAccess<'de> for KnownMapDe<'a, I> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.iter.next() {
            Some((k, node)) => {
                self.value = Some(node);
                seed.deserialize(KeyDe { key: k })
                    .map(Some)
                    .map_err(|e: Error| e.at(node))
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let node = self
            .value
            .take()
            .ok_or_else(|| Error::custom("value without a key"))?;
        seed.deserialize(self.de.child(node))
            .map_err(|e: Error| e.at(node))
    }
}

/// Mapping keys: always text (`200: succeeded` has the key `"200"`).
struct KeyDe<'a> {
    key: &'a str,
}

impl<'de> de::Deserializer<'de> for KeyDe<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str(self.key)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct EnumDe<'a> {
    de: NodeDe<'a>,
    tag: &'a str,
    content: Option<&'a Node>,
}

impl<'de, 'a> de::EnumAccess<'de> for EnumDe<'a> {
    type Error = Error;
    type Variant = VariantDe<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, VariantDe<'a>), Error> {
        let tag: de::value::StrDeserializer<'_, Error> = self.tag.into_deserializer();
        let v = seed.deserialize(tag)?;
        Ok((
            v,
            VariantDe {
                de: self.de,
                tag: self.tag,
                content: self.content,
            },
        ))
    }
}

struct VariantDe<'a> {
    de: NodeDe<'a>,
    tag: &'a str,
    content: Option<&'a Node>,
}

impl<'a> VariantDe<'a> {
    fn content(&self) -> Result<&'a Node, Error> {
        self.content.ok_or_else(|| {
            Error::custom(format!(
                "`{}` needs a value: write `{}: ...`",
                self.tag, self.tag
            ))
            .at(self.de.node)
        })
    }
}

impl<'de> de::VariantAccess<'de> for VariantDe<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.content {
            None => Ok(()),
            Some(n) if n.is_null() => Ok(()),
            Some(n) => Err(Error::custom(format!(
                "`{}` takes no value: write just `{}`",
                self.tag, self.tag
            ))
            .at(n)),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        let node = self.content()?;
        seed.deserialize(self.de.child(node))
            .map_err(|e: Error| e.at(node))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        let node = self.content()?;
        de::Deserializer::deserialize_seq(self.de.child(node), visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let node = self.content()?;
        de::Deserializer::deserialize_struct(self.de.child(node), "", fields, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // read through Debug only
    struct Doc {
        name: String,
        count: u32,
        #[serde(default)]
        steps: Vec<Step>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Step {
        BodyBytes,
        Hash(String),
    }

    fn load(src: &str) -> (Option<Doc>, Vec<String>) {
        let mut issues = Issues::new();
        let node = crate::yaml::parse(src, &mut issues).unwrap();
        let doc = from_node::<Doc>(node, &mut issues, &mut HashSet::new());
        let msgs = issues
            .into_vec()
            .into_iter()
            .map(|i| {
                let s = i.span.unwrap();
                format!("{}:{} {}: {}", s.line, s.col, i.path, i.message)
            })
            .collect();
        (doc, msgs)
    }

    #[test]
    fn reads_a_good_document() {
        let (doc, issues) = load("name: x\ncount: 3\nsteps:\n  - body_bytes\n  - hash: md5\n");
        assert!(issues.is_empty(), "{issues:?}");
        let doc = doc.unwrap();
        assert_eq!(doc.steps, vec![Step::BodyBytes, Step::Hash("md5".into())]);
    }

    #[test]
    fn reports_every_problem_with_its_position() {
        let (_, mut issues) = load("name: x\ncout: 3\nsteps:\n  - hsh: md5\n  - body_bytes: 1\n");
        issues.sort();
        assert_eq!(
            issues,
            vec![
                "1:1 : missing required key `count`",
                "2:1 cout: unknown key `cout`; expected one of `name`, `count`, `steps`; did you mean `count`?",
                "4:5 steps[0]: unknown signing step `hsh`; expected one of `body_bytes`, `hash`; did you mean `hash`?",
                "5:17 steps[1].body_bytes: `body_bytes` takes no value: write just `body_bytes`",
            ]
        );
    }

    #[test]
    fn a_removed_bad_value_does_not_also_report_missing() {
        let (_, issues) = load("name: x\ncount: many\n");
        assert_eq!(
            issues,
            vec!["2:8 count: expected a non-negative integer, found `many`"]
        );
    }
}

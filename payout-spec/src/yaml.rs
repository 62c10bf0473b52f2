//! The YAML document as a tree of nodes that remember where they came from.
//!
//! serde_yaml does not expose positions of nodes, and a spec author needs `line:col` and the
//! YAML path of every problem, so the spec is first read into this tree (from yaml-rust2's
//! marked events), then deserialised from it by [`crate::de`].

use std::collections::{HashMap, HashSet};
use std::fmt;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diag::{Issues, Span};

/// One step of a YAML path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A YAML path such as `operations.create_payout.body.fields.amount` or `signing.x.steps[2]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct YamlPath(pub Vec<Seg>);

impl YamlPath {
    pub fn key(&self, k: &str) -> YamlPath {
        let mut v = self.0.clone();
        v.push(Seg::Key(k.to_string()));
        YamlPath(v)
    }

    pub fn index(&self, i: usize) -> YamlPath {
        let mut v = self.0.clone();
        v.push(Seg::Index(i));
        YamlPath(v)
    }

    pub fn parent(&self) -> Option<YamlPath> {
        if self.0.is_empty() {
            None
        } else {
            Some(YamlPath(self.0[..self.0.len() - 1].to_vec()))
        }
    }

    pub fn last(&self) -> Option<&Seg> {
        self.0.last()
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// How a scalar was written: plain scalars are typed (`12`, `true`, `~`), the rest are text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Quoted,
    Block,
}

#[derive(Debug, Clone)]
pub enum Value {
    Scalar(String, Style),
    Seq(Vec<Node>),
    /// Entries keep their source order; keys are scalars.
    Map(Vec<(String, Node)>),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub value: Value,
    /// Where the value starts (for mappings and sequences, where their key is).
    pub span: Span,
    /// Where this node's key is, for entries of a mapping.
    pub key_span: Option<Span>,
    pub path: YamlPath,
}

impl Node {
    /// A plain `~`, `null` or empty scalar.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar(s, Style::Plain) if matches!(s.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            Value::Scalar(_, _) if self.is_null() => "null",
            Value::Scalar(_, _) => "a scalar",
            Value::Seq(_) => "a sequence",
            Value::Map(_) => "a mapping",
        }
    }

    /// Removes the descendant with this path; returns whether one was found.
    pub fn remove(&mut self, path: &YamlPath) -> bool {
        let Some(parent) = path.parent() else {
            return false;
        };
        let Some(p) = self.find_mut(&parent) else {
            return false;
        };
        match &mut p.value {
            Value::Map(entries) => {
                let before = entries.len();
                entries.retain(|(_, n)| &n.path != path);
                entries.len() != before
            }
            Value::Seq(items) => {
                let before = items.len();
                items.retain(|n| &n.path != path);
                items.len() != before
            }
            Value::Scalar(..) => false,
        }
    }

    fn find_mut(&mut self, path: &YamlPath) -> Option<&mut Node> {
        if &self.path == path {
            return Some(self);
        }
        if !path.0.starts_with(&self.path.0) {
            return None;
        }
        match &mut self.value {
            Value::Map(entries) => entries.iter_mut().find_map(|(_, n)| n.find_mut(path)),
            Value::Seq(items) => items.iter_mut().find_map(|n| n.find_mut(path)),
            Value::Scalar(..) => None,
        }
    }

    /// Every node's path and position, for turning a checked model path into `line:col`.
    pub fn positions(&self, out: &mut HashMap<String, Span>) {
        out.insert(self.path.to_string(), self.span);
        match &self.value {
            Value::Map(entries) => entries.iter().for_each(|(_, n)| n.positions(out)),
            Value::Seq(items) => items.iter().for_each(|n| n.positions(out)),
            Value::Scalar(..) => {}
        }
    }

    /// The document as JSON, for validating specs against the JSON Schema. Plain scalars
    /// are typed as YAML 1.2's core schema types them.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Scalar(s, Style::Plain) => {
                if self.is_null() {
                    J::Null
                } else if let Some(b) = plain_bool(s) {
                    J::Bool(b)
                } else if let Ok(i) = s.parse::<i64>() {
                    J::from(i)
                } else if let Ok(f) = s.parse::<f64>() {
                    serde_json::Number::from_f64(f).map_or(J::String(s.clone()), J::Number)
                } else {
                    J::String(s.clone())
                }
            }
            Value::Scalar(s, _) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, n)| (k.clone(), n.to_json()))
                    .collect(),
            ),
        }
    }
}

impl Node {
    /// A JSON value as a node, so that the deserialiser reads an embedded spec exactly as
    /// it reads YAML: numbers keep their text, strings stay strings.
    pub fn from_json(v: &crate::json::Json, path: YamlPath) -> Node {
        use crate::json::Json;
        let value = match v {
            Json::Null => Value::Scalar("~".into(), Style::Plain),
            Json::Bool(b) => Value::Scalar(b.to_string(), Style::Plain),
            Json::Number(n) => Value::Scalar(n.clone(), Style::Plain),
            Json::String(s) => Value::Scalar(s.clone(), Style::Quoted),
            Json::Array(items) => Value::Seq(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| Node::from_json(x, path.index(i)))
                    .collect(),
            ),
            Json::Object(m) => Value::Map(
                m.iter()
                    .map(|(k, x)| (k.clone(), Node::from_json(x, path.key(k))))
                    .collect(),
            ),
        };
        Node {
            value,
            span: Span::default(),
            key_span: None,
            path,
        }
    }
}

/// YAML 1.2 core-schema booleans.
pub fn plain_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

fn span_of(m: &Marker) -> Span {
    Span::new(m.line(), m.col() + 1)
}

/// Parses YAML text into a node tree. Syntax errors, duplicate keys, non-scalar keys and
/// unknown aliases go into `issues`; `None` when the text is not YAML at all.
pub fn parse(src: &str, issues: &mut Issues) -> Option<Node> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(src);
    if let Err(e) = parser.load(&mut builder, false) {
        issues.error_at(
            "",
            span_of(e.marker()),
            format!("this is not valid YAML: {}", e.info()),
        );
        return None;
    }
    for (path, span, message) in builder.problems {
        issues.error_at(path.to_string(), span, message);
    }
    let mut root = builder.root?;
    root.span = Span::new(1, 1);
    merge_keys(&mut root, issues);
    Some(root)
}

/// What is being built: a container waiting for children.
#[derive(Debug)]
enum Frame {
    Seq {
        node: Node,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        node: Node,
        anchor: usize,
        entries: Vec<(String, Node)>,
        /// The keys of `entries`, so a duplicate is found without a scan per key.
        keys: HashSet<String>,
        /// The key read, waiting for its value.
        pending_key: Option<(String, Span)>,
        /// The key was invalid (reported): its value is read and dropped.
        discard: bool,
    },
}

/// Nodes a document may have once its aliases are expanded. Nested aliases grow
/// exponentially (nine lines can mean billions of nodes); no spec comes near this.
const MAX_NODES: usize = 100_000;

/// How deep mappings and sequences may nest. Specs are a handful of levels deep; every
/// later stage walks the tree recursively, so the limit is what keeps them on the stack.
pub const MAX_DEPTH: usize = 64;

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    /// Anchored nodes and their sizes (counted once, not at every alias).
    anchors: HashMap<usize, (Node, usize)>,
    problems: Vec<(YamlPath, Span, String)>,
    /// When a key turned out to be a mapping or sequence, its subtree is skipped.
    skip_depth: usize,
    /// Nodes made by expanding aliases so far.
    expanded: usize,
}

impl Builder {
    /// The path and position the next value will have.
    fn next_slot(&self) -> (YamlPath, Option<Span>) {
        match self.stack.last() {
            None => (YamlPath::default(), None),
            Some(Frame::Seq { node, items, .. }) => (node.path.index(items.len()), None),
            Some(Frame::Map {
                node, pending_key, ..
            }) => match pending_key {
                Some((k, span)) => (node.path.key(k), Some(*span)),
                // A key is being read: its path does not matter.
                None => (node.path.clone(), None),
            },
        }
    }

    /// After an invalid key, the value that follows belongs to nothing.
    fn discard_next_value(&mut self, span: Span) {
        if let Some(Frame::Map {
            pending_key,
            discard,
            ..
        }) = self.stack.last_mut()
        {
            *pending_key = Some((String::new(), span));
            *discard = true;
        }
    }

    fn expecting_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame::Map {
                pending_key: None,
                ..
            })
        )
    }

    fn finish(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            let n = size(&node);
            self.anchors.insert(anchor, (node.clone(), n));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                keys,
                pending_key,
                discard,
                ..
            }) => {
                if std::mem::take(discard) {
                    *pending_key = None;
                    return;
                }
                if let Some((k, key_span)) = pending_key.take() {
                    let mut node = node;
                    node.key_span = Some(key_span);
                    if !keys.insert(k.clone()) {
                        self.problems.push((
                            node.path.clone(),
                            key_span,
                            format!("duplicate key `{k}`: each key may appear once in a mapping; the later one would silently win"),
                        ));
                    } else {
                        entries.push((k, node));
                    }
                }
            }
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let span = span_of(&mark);
        if self.skip_depth > 0 {
            match ev {
                Event::SequenceStart(..) | Event::MappingStart(..) => self.skip_depth += 1,
                Event::SequenceEnd | Event::MappingEnd => self.skip_depth -= 1,
                _ => {}
            }
            return;
        }
        match ev {
            Event::Scalar(text, style, anchor, tag) => {
                if self.expecting_key() {
                    if let Some(Frame::Map { pending_key, .. }) = self.stack.last_mut() {
                        *pending_key = Some((text, span));
                    }
                    return;
                }
                let (path, _) = self.next_slot();
                if let Some(tag) = tag {
                    self.problems.push((
                        path.clone(),
                        span,
                        format!(
                            "YAML tags such as `{}{}` are not used in payout specs; remove the tag",
                            tag.handle, tag.suffix
                        ),
                    ));
                }
                let style = match style {
                    TScalarStyle::Plain => Style::Plain,
                    TScalarStyle::Literal | TScalarStyle::Folded => Style::Block,
                    _ => Style::Quoted,
                };
                let node = Node {
                    value: Value::Scalar(text, style),
                    span,
                    key_span: None,
                    path,
                };
                self.finish(node, anchor);
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.expecting_key() {
                    let (path, _) = self.next_slot();
                    self.problems.push((
                        path,
                        span,
                        "mapping keys must be plain text, not a mapping or sequence".into(),
                    ));
                    self.skip_depth = 1;
                    self.discard_next_value(span);
                    return;
                }
                let (path, key_span) = self.next_slot();
                if self.stack.len() >= MAX_DEPTH {
                    self.problems.push((
                        path.clone(),
                        span,
                        format!("mappings and sequences nest deeper than {MAX_DEPTH} levels here (the limit); no spec needs that many"),
                    ));
                    // The subtree is skipped; its place holds nothing.
                    self.skip_depth = 1;
                    let node = Node {
                        value: Value::Scalar("~".into(), Style::Plain),
                        span,
                        key_span: None,
                        path,
                    };
                    self.finish(node, 0);
                    return;
                }
                let node = Node {
                    value: Value::Scalar(String::new(), Style::Plain),
                    span: key_span.unwrap_or(span),
                    key_span: None,
                    path,
                };
                self.stack.push(if matches!(ev, Event::SequenceStart(..)) {
                    Frame::Seq {
                        node,
                        anchor,
                        items: Vec::new(),
                    }
                } else {
                    Frame::Map {
                        node,
                        anchor,
                        entries: Vec::new(),
                        keys: HashSet::new(),
                        pending_key: None,
                        discard: false,
                    }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return;
                };
                let (node, anchor) = match frame {
                    Frame::Seq {
                        mut node,
                        anchor,
                        items,
                    } => {
                        node.value = Value::Seq(items);
                        (node, anchor)
                    }
                    Frame::Map {
                        mut node,
                        anchor,
                        entries,
                        ..
                    } => {
                        node.value = Value::Map(entries);
                        (node, anchor)
                    }
                };
                self.finish(node, anchor);
            }
            Event::Alias(id) => {
                if self.expecting_key() {
                    let (path, _) = self.next_slot();
                    self.problems
                        .push((path, span, "an alias cannot be used as a key".into()));
                    self.discard_next_value(span);
                    return;
                }
                let (path, key_span) = self.next_slot();
                let size = self.anchors.get(&id).map_or(0, |(_, n)| *n);
                if self.expanded + size > MAX_NODES {
                    if self.expanded <= MAX_NODES {
                        self.problems.push((
                            path.clone(),
                            span,
                            format!("aliases expand this document past {MAX_NODES} nodes; no spec needs that many"),
                        ));
                    }
                    self.expanded = MAX_NODES + 1;
                    // Keep the document's shape: the alias stands for nothing.
                    let node = Node {
                        value: Value::Scalar("~".into(), Style::Plain),
                        span,
                        key_span: None,
                        path,
                    };
                    self.finish(node, 0);
                    return;
                }
                self.expanded += size;
                match self.anchors.get(&id).map(|(node, _)| node.clone()) {
                    Some(mut node) => {
                        rebase(&mut node, &path);
                        node.span = key_span.unwrap_or(span);
                        self.finish(node, 0);
                    }
                    None => self.problems.push((
                        path,
                        span,
                        "alias to an anchor that is not defined before it".into(),
                    )),
                }
            }
            _ => {}
        }
    }
}

/// How many nodes a subtree has.
fn size(node: &Node) -> usize {
    1 + match &node.value {
        Value::Map(entries) => entries.iter().map(|(_, n)| size(n)).sum(),
        Value::Seq(items) => items.iter().map(size).sum(),
        Value::Scalar(..) => 0,
    }
}

/// Gives a copied (aliased) subtree the paths of its new place, so errors in it name the
/// place where it is used.
fn rebase(node: &mut Node, path: &YamlPath) {
    node.path = path.clone();
    match &mut node.value {
        Value::Map(entries) => {
            for (k, n) in entries.iter_mut() {
                rebase(n, &path.key(k));
            }
        }
        Value::Seq(items) => {
            for (i, n) in items.iter_mut().enumerate() {
                rebase(n, &path.index(i));
            }
        }
        Value::Scalar(..) => {}
    }
}

/// YAML merge keys (`<<: *base`): the merged mapping's entries are added where the mapping
/// does not already have them. Lets a spec share field definitions between operations.
fn merge_keys(node: &mut Node, issues: &mut Issues) {
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().for_each(|n| merge_keys(n, issues)),
        Value::Map(entries) => {
            entries.iter_mut().for_each(|(_, n)| merge_keys(n, issues));
            let Some(pos) = entries.iter().position(|(k, _)| k == "<<") else {
                return;
            };
            let (_, merged) = entries.remove(pos);
            let sources: Vec<Node> = match merged.value {
                Value::Map(_) => vec![merged],
                Value::Seq(items) => items,
                Value::Scalar(..) => {
                    issues.error_at(
                        merged.path.to_string(),
                        merged.span,
                        "`<<` merges a mapping (`<<: *anchor`) or a list of them",
                    );
                    return;
                }
            };
            let mut present: HashSet<String> = entries.iter().map(|(k, _)| k.clone()).collect();
            for src in sources {
                let Value::Map(src_entries) = src.value else {
                    issues.error_at(src.path.to_string(), src.span, "`<<` merges mappings only");
                    continue;
                };
                for (k, mut n) in src_entries {
                    if present.insert(k.clone()) {
                        rebase(&mut n, &node.path.key(&k));
                        n.key_span = None;
                        entries.push((k, n));
                    }
                }
            }
        }
        Value::Scalar(..) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(src: &str) -> (Option<Node>, Vec<String>) {
        let mut issues = Issues::new();
        let node = parse(src, &mut issues);
        let msgs = issues
            .into_vec()
            .into_iter()
            .map(|i| format!("{:?} {} {}", i.span, i.path, i.message))
            .collect();
        (node, msgs)
    }

    #[test]
    fn nodes_know_their_path_and_position() {
        let (node, issues) = tree("a: 1\nops:\n  create:\n    steps:\n      - hash: md5\n");
        assert!(issues.is_empty(), "{issues:?}");
        let mut pos = HashMap::new();
        node.unwrap().positions(&mut pos);
        assert_eq!(pos["a"], Span::new(1, 4));
        assert_eq!(pos["ops.create"], Span::new(3, 3));
        assert_eq!(pos["ops.create.steps[0].hash"], Span::new(5, 15));
    }

    #[test]
    fn duplicate_keys_are_reported_where_the_second_one_is() {
        let (_, issues) = tree("a: 1\nb: 2\na: 3\n");
        assert_eq!(issues.len(), 1);
        assert!(issues[0].contains("Span { line: 3, col: 1 }"), "{issues:?}");
        assert!(issues[0].contains("duplicate key `a`"));
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let (node, issues) = tree("a: [1\nb: 2");
        assert!(node.is_none());
        assert!(issues[0].contains("line: 2"), "{issues:?}");
    }

    #[test]
    fn nested_aliases_cannot_blow_up() {
        let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            src.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        let (_, issues) = tree(&src);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert!(issues[0].contains("past 100000 nodes"), "{issues:?}");
    }

    /// Every later stage walks the tree recursively: depth is bounded where it is built.
    #[test]
    fn deep_nesting_is_reported_not_overflowed() {
        // yaml-rust2 refuses very deep flow collections itself.
        let src = format!("a: {}1{}\nb: 2\n", "[".repeat(100_000), "]".repeat(100_000));
        let (_, issues) = tree(&src);
        assert_eq!(issues.len(), 1, "{issues:?}");
        let src = format!("a: {}1{}\nb: 2\n", "[".repeat(100), "]".repeat(100));
        let (node, issues) = tree(&src);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert!(issues[0].contains("deeper than 64 levels"), "{issues:?}");
        let json = node.unwrap().to_json();
        assert_eq!(json["b"], serde_json::json!(2));
        let block: String = (0..200)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        let (_, issues) = tree(&block);
        assert_eq!(issues.len(), 1, "{issues:?}");
    }

    /// Issue 8, defect 5: duplicate keys were found by a scan of the mapping per key.
    #[test]
    fn a_mapping_of_100k_keys_loads() {
        let src: String = (0..100_000).map(|i| format!("k{i}: {i}\n")).collect();
        let (node, issues) = tree(&format!("{src}k7: again\n"));
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert!(issues[0].contains("duplicate key `k7`"));
        assert!(matches!(node.unwrap().value, Value::Map(e) if e.len() == 100_000));
    }

    #[test]
    fn a_bad_key_loses_only_its_own_entry() {
        let (node, issues) = tree("a: 1\n? [x]\n: 2\nb: &B 3\n*B : 4\nc: 5\n");
        assert_eq!(issues.len(), 2, "{issues:?}");
        let json = node.unwrap().to_json();
        assert_eq!(json, serde_json::json!({"a": 1, "b": 3, "c": 5}));
    }

    #[test]
    fn aliases_and_merge_keys_are_resolved_with_the_new_paths() {
        let (node, issues) = tree("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\ncopy: *b\n");
        assert!(issues.is_empty(), "{issues:?}");
        let json = node.unwrap().to_json();
        assert_eq!(json["use"], serde_json::json!({"y": 3, "x": 1}));
        assert_eq!(json["copy"], serde_json::json!({"x": 1, "y": 2}));
    }
}

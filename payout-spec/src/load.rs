//! The loading pipeline: read → parse YAML → deserialise the model → check → diagnostics.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::check;
use crate::de;
use crate::diag::{self, Diagnostic, Issues, Span};
use crate::model::Spec;
use crate::yaml;

/// A spec that loaded without errors, and the warnings it produced.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub spec: Spec,
    pub warnings: Vec<Diagnostic>,
    pub file: PathBuf,
}

/// A spec with at least one error. `diagnostics` holds every problem found, warnings too.
#[derive(Debug, Clone)]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Reads and checks a spec file.
pub fn load_file(path: impl AsRef<Path>) -> Result<Loaded, LoadError> {
    let path = path.as_ref();
    match std::fs::read_to_string(path) {
        Ok(src) => load_str(&src, path),
        Err(e) => Err(LoadError {
            diagnostics: vec![Diagnostic {
                severity: diag::Severity::Error,
                file: path.to_path_buf(),
                span: None,
                path: String::new(),
                message: format!("cannot read the spec: {e}"),
            }],
        }),
    }
}

/// Checks a spec given as text; `file` names it in diagnostics.
pub fn load_str(src: &str, file: impl AsRef<Path>) -> Result<Loaded, LoadError> {
    let file = file.as_ref();
    let (spec, diagnostics) = lint_str(src, file);
    match spec {
        Some(spec) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(Loaded {
            spec,
            warnings: diagnostics,
            file: file.to_path_buf(),
        }),
        _ => Err(LoadError { diagnostics }),
    }
}

/// Every problem in a spec, in source order, and the model when it could be read at all.
/// The model is only trustworthy when no diagnostic is an error.
pub fn lint_str(src: &str, file: &Path) -> (Option<Spec>, Vec<Diagnostic>) {
    let mut issues = Issues::new();
    let Some(root) = yaml::parse(src, &mut issues) else {
        let mut d = diag::resolve(file, issues.into_vec(), |_| None);
        if d.is_empty() {
            d.push(Diagnostic {
                severity: diag::Severity::Error,
                file: file.to_path_buf(),
                span: Some(Span::new(1, 1)),
                path: String::new(),
                message: "the spec is empty: it needs at least `spec_version`, `provider`, `money` and `operations`".into(),
            });
        }
        return (None, d);
    };
    let mut positions = HashMap::new();
    root.positions(&mut positions);
    let mut removed = HashSet::new();
    let spec: Option<Spec> = de::from_node(root, &mut issues, &mut removed);
    if let Some(spec) = &spec {
        check::run(spec, &mut issues, &removed);
    }
    let diagnostics = diag::resolve(file, issues.into_vec(), |p| locate(&positions, p));
    (spec, diagnostics)
}

/// The checked model as JSON, for embedding in generated code (vectors left out: they are
/// for tests). [`from_embedded`] reads it back.
pub fn to_embedded(spec: &Spec) -> Result<String, String> {
    let mut s = spec.clone();
    s.vectors.clear();
    serde_json::to_string(&s).map_err(|e| format!("the spec cannot be embedded: {e}"))
}

/// Reads a spec embedded by [`to_embedded`]: JSON, read with exact numbers through the same
/// deserialiser as YAML, so the model is the one that was checked. No YAML is parsed.
pub fn from_embedded(json: &str) -> Result<Spec, String> {
    let value = crate::json::Json::parse(json).map_err(|e| format!("embedded spec: {e}"))?;
    let node = yaml::Node::from_json(&value, yaml::YamlPath::default());
    let mut issues = Issues::new();
    let spec = de::from_node::<Spec>(node, &mut issues, &mut HashSet::new());
    match spec {
        Some(s) if !issues.has_errors() => Ok(s),
        _ => Err(format!(
            "embedded spec: {}",
            issues
                .iter()
                .map(|i| format!("{}: {}", i.path, i.message))
                .collect::<Vec<_>>()
                .join("; ")
        )),
    }
}

/// Places problems found after a spec loaded (a known-answer vector that fails) in its
/// source: each `(YAML path, message)` becomes an error with the `line:col` of the path,
/// or of its nearest ancestor in the file.
pub fn locate_errors(src: &str, file: &Path, problems: Vec<(String, String)>) -> Vec<Diagnostic> {
    let mut parse_issues = Issues::new();
    let mut positions = HashMap::new();
    if let Some(root) = yaml::parse(src, &mut parse_issues) {
        root.positions(&mut positions);
    }
    let mut issues = Issues::new();
    for (path, message) in problems {
        issues.error(path, message);
    }
    diag::resolve(file, issues.into_vec(), |p| locate(&positions, p))
}

/// The position of a path, or of its nearest ancestor that is in the file (checks name
/// paths such as `operations.x.response` that may be implied rather than written).
fn locate(positions: &HashMap<String, Span>, path: &str) -> Option<Span> {
    let mut p = path;
    loop {
        if let Some(s) = positions.get(p) {
            return Some(*s);
        }
        let cut = p.rfind(['.', '['])?;
        p = &p[..cut];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded form reads back to the very model that was checked, for every spec.
    #[test]
    fn specs_survive_embedding() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let mut spec = load_file(&path).unwrap().spec;
            let back = from_embedded(&to_embedded(&spec).unwrap()).unwrap();
            spec.vectors.clear();
            assert_eq!(back, spec, "{}", path.display());
            n += 1;
        }
        assert!(n >= 5);
    }
}

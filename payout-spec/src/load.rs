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

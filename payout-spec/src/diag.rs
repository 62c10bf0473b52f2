//! Diagnostics: every problem found in a spec, with where it is and what to write instead.
//!
//! The loader never stops at the first problem. Parsing, deserialisation and every semantic
//! check push into one list, so a spec author sees all of them in one `payout lint` run
//! (the `Ctxt` idea from serde_derive).

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is. Warnings do not make `payout lint` fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A position in the YAML source, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub line: usize,
    pub col: usize,
}

impl Span {
    pub fn new(line: usize, col: usize) -> Self {
        Span { line, col }
    }
}

/// One problem in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The spec file (or a name such as `<string>` for specs loaded from memory).
    pub file: PathBuf,
    /// Where the parser located the problem; `None` only when the spec could not be read.
    pub span: Option<Span>,
    /// The YAML path of the offending node, e.g. `operations.create_payout.body.fields.amount`.
    /// Empty for problems with the document as a whole.
    pub path: String,
    /// What is wrong and, where possible, what to write instead.
    pub message: String,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The contract format `FILE:LINE:COL: error|warning: YAML.PATH: message`, one line per problem.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let span = self.span.unwrap_or(Span::new(1, 1));
        write!(
            f,
            "{}:{}:{}: {}: ",
            self.file.display(),
            span.line,
            span.col,
            self.severity
        )?;
        if self.path.is_empty() {
            write!(f, "(document): {}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// A problem found before the file's position information is attached: a YAML path, a
/// severity and a message. The loader resolves the path to a line and column.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Issue {
    pub severity: Severity,
    pub path: String,
    pub message: String,
    /// A position known at the point of discovery (parse errors); otherwise looked up by path.
    pub span: Option<Span>,
}

/// Collects issues from every stage; checks push into it and never return early.
#[derive(Debug, Default)]
pub struct Issues {
    list: Vec<Issue>,
    /// What `list` holds, so a repeat is found without scanning it.
    seen: HashSet<Issue>,
}

impl Issues {
    pub fn new() -> Self {
        Issues::default()
    }

    pub fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Error, path.into(), message.into(), None);
    }

    pub fn warning(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Warning, path.into(), message.into(), None);
    }

    pub fn error_at(&mut self, path: impl Into<String>, span: Span, message: impl Into<String>) {
        self.push(Severity::Error, path.into(), message.into(), Some(span));
    }

    fn push(&mut self, severity: Severity, path: String, message: String, span: Option<Span>) {
        let issue = Issue {
            severity,
            path,
            message,
            span,
        };
        // The recovery loop of the deserialiser can meet the same problem twice.
        if self.seen.insert(issue.clone()) {
            self.list.push(issue);
        }
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|i| i.severity == Severity::Error)
    }

    pub fn into_vec(self) -> Vec<Issue> {
        self.list
    }

    pub fn iter(&self) -> impl Iterator<Item = &Issue> {
        self.list.iter()
    }
}

/// Builds the file-level diagnostics from issues, resolving each path to a position.
pub fn resolve(
    file: &Path,
    issues: Vec<Issue>,
    locate: impl Fn(&str) -> Option<Span>,
) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = issues
        .into_iter()
        .map(|i| Diagnostic {
            severity: i.severity,
            file: file.to_path_buf(),
            span: i.span.or_else(|| locate(&i.path)),
            path: i.path,
            message: i.message,
        })
        .collect();
    // Source order reads best: top to bottom, as an editor shows them.
    out.sort_by(|a, b| {
        (a.span, a.severity, &a.path, &a.message).cmp(&(b.span, b.severity, &b.path, &b.message))
    });
    out
}

/// Names longer than this get no suggestion: no identifier in a spec is that long, and a
/// similarity score costs time in the product of the two lengths.
const MAX_SUGGEST_LEN: usize = 64;

/// How many candidates are compared at most, so a spec with a huge list of names costs a
/// bounded amount per misspelling.
const MAX_SUGGEST_CANDIDATES: usize = 1_000;

/// "did you mean" for a misspelt name: the closest candidate, if it is close enough to be
/// a plausible typo rather than a different word. Bounded in cost: long names and
/// candidates are skipped, and at most [`MAX_SUGGEST_CANDIDATES`] are compared.
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if name.len() > MAX_SUGGEST_LEN {
        return None;
    }
    let name = name.to_ascii_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates.into_iter().take(MAX_SUGGEST_CANDIDATES) {
        if c.len() > MAX_SUGGEST_LEN {
            continue;
        }
        let score = strsim::jaro_winkler(&name, &c.to_ascii_lowercase());
        if score >= 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// `; did you mean `x`?` or nothing.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match suggest(name, candidates) {
        Some(s) => format!("; did you mean `{s}`?"),
        None => String::new(),
    }
}

/// `a, b, c` for messages listing what is allowed.
pub fn one_of_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_follows_the_lint_contract() {
        let d = Diagnostic {
            severity: Severity::Error,
            file: PathBuf::from("specs/x.yaml"),
            span: Some(Span::new(12, 7)),
            path: "operations.create_payout.body.fields.amount".into(),
            message: "unknown field type `amout`".into(),
        };
        assert_eq!(
            d.to_string(),
            "specs/x.yaml:12:7: error: operations.create_payout.body.fields.amount: unknown field type `amout`"
        );
    }

    #[test]
    fn suggestions_catch_typos_but_not_other_words() {
        assert_eq!(
            suggest("sha265", ["md5", "sha1", "sha256", "sha512"]),
            Some("sha256")
        );
        assert_eq!(suggest("hex_uper", ["hex", "hex_upper"]), Some("hex_upper"));
        assert_eq!(suggest("banana", ["md5", "sha1"]), None);
        // A 5 MB "name" used to spend seconds in the similarity score.
        let huge = "sha256".repeat(1_000_000);
        assert_eq!(suggest(&huge, ["sha256", "md5"]), None);
    }

    #[test]
    fn repeated_issues_are_kept_once_in_order() {
        let mut issues = Issues::new();
        for i in 0..50_000 {
            issues.error(format!("statuses.s{i}"), "unknown status");
            issues.error(format!("statuses.s{i}"), "unknown status");
        }
        issues.warning("statuses.s1", "unknown status");
        let v = issues.into_vec();
        assert_eq!(v.len(), 50_001);
        assert_eq!(v[1].path, "statuses.s1");
        assert_eq!(v[50_000].severity, Severity::Warning);
    }
}

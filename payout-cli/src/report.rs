//! How spec problems are shown: one renderer for every command that reports
//! [`payout_spec::Diagnostic`]s (`payout lint`, `payout test`).
//!
//! Four forms of the same list: `human` (rustc's layout — the source line with a caret under
//! the offending text, drawn by codespan-reporting — and a summary line), `short` (the
//! one-line `FILE:LINE:COL: SEVERITY: PATH: message` contract that editors and scripts
//! parse), `json` (one object per problem and per line) and `sarif` (SARIF 2.1.0, the format
//! code-scanning services read).

use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Buffer, ColorSpec, WriteColor};
use codespan_reporting::term::{self, Chars, Config};
use payout_spec::{Diagnostic, Severity};
use serde_json::{json, Value};

/// The output forms, as `--format` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The source line and a caret under the problem, and a summary line.
    Human,
    /// One `FILE:LINE:COL: SEVERITY: PATH: message` line per problem.
    Short,
    /// One JSON object per problem, one per line.
    Json,
    /// One SARIF 2.1.0 log (for code scanning).
    Sarif,
}

/// When to colour human output, as `--color` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    /// Whether to colour what goes to stdout.
    pub fn for_stdout(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            // https://no-color.org: set and not empty means no colour.
            ColorWhen::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// One checked file: its name, its text when it could be read, and its problems.
#[derive(Debug, Clone)]
pub struct Checked {
    pub file: PathBuf,
    pub source: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// How many files were checked and what was found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of(checked: &[Checked]) -> Summary {
        let all = checked.iter().flat_map(|c| &c.diagnostics);
        Summary {
            files: checked.len(),
            errors: all.clone().filter(|d| d.is_error()).count(),
            warnings: all.filter(|d| !d.is_error()).count(),
        }
    }

    /// `checked 3 specs: 2 errors, 1 warning` or `checked 5 specs: no problems`.
    pub fn line(&self, noun: &str) -> String {
        let found = match (self.errors, self.warnings) {
            (0, 0) => "no problems".to_string(),
            (e, 0) => count(e, "error"),
            (0, w) => count(w, "warning"),
            (e, w) => format!("{}, {}", count(e, "error"), count(w, "warning")),
        };
        format!("checked {}: {found}", count(self.files, noun))
    }
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The whole report in `format`; `noun` names what was checked in the summary (`spec`).
pub fn render(format: Format, color: bool, checked: &[Checked], noun: &str) -> Vec<u8> {
    match format {
        Format::Human => human(color, checked, noun),
        Format::Short => lines(
            checked
                .iter()
                .flat_map(|c| &c.diagnostics)
                .map(|d| d.to_string()),
        ),
        Format::Json => lines(
            checked
                .iter()
                .flat_map(|c| c.diagnostics.iter().map(move |d| problem_json(c, d)))
                .map(|v| v.to_string()),
        ),
        Format::Sarif => {
            let mut text = serde_json::to_string_pretty(&sarif(checked)).unwrap_or_default();
            text.push('\n');
            text.into_bytes()
        }
    }
}

fn lines(it: impl Iterator<Item = String>) -> Vec<u8> {
    let mut out = String::new();
    for l in it {
        out.push_str(&l);
        out.push('\n');
    }
    out.into_bytes()
}

/// rustc's layout, one block per problem, then the summary line.
fn human(color: bool, checked: &[Checked], noun: &str) -> Vec<u8> {
    let mut buf = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let config = Config {
        chars: Chars::ascii(),
        ..Config::default()
    };
    for c in checked {
        let name = c.file.display().to_string();
        let file = SimpleFile::new(name.as_str(), c.source.as_deref().unwrap_or(""));
        for d in &c.diagnostics {
            let report = report_of(c, d);
            // The only failure is a span outside the file, which `range` rules out; a failed
            // write to the buffer cannot happen.
            if term::emit_to_write_style(&mut buf, &config, &file, &report).is_err() {
                let _ = writeln_plain(&mut buf, &d.to_string());
            }
        }
    }
    let summary = Summary::of(checked);
    let mut style = ColorSpec::new();
    style.set_bold(true);
    let _ = buf.set_color(&style);
    let _ = writeln_plain(&mut buf, &summary.line(noun));
    let _ = buf.reset();
    buf.into_inner()
}

fn writeln_plain(buf: &mut Buffer, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    writeln!(buf, "{text}")
}

/// One problem as codespan-reporting draws it: the message as the header (its "did you
/// mean" as a help note), the caret under the offending text labelled with the YAML path.
fn report_of(c: &Checked, d: &Diagnostic) -> Report<()> {
    let level = match d.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
    };
    let (message, suggestion) = split_suggestion(&d.message);
    let mut report = Report::new(level).with_message(message);
    let where_ = if d.path.is_empty() {
        "(document)"
    } else {
        d.path.as_str()
    };
    match (&c.source, d.span) {
        (Some(source), Some(span)) => {
            report =
                report.with_label(Label::primary((), range(source, span)).with_message(where_));
        }
        _ => {
            report = report.with_note(format!("in {}", d.file.display()));
        }
    }
    if let Some(s) = suggestion {
        report = report.with_note(format!("help: did you mean `{s}`?"));
    }
    report
}

/// The message without its "; did you mean `x`?" tail, and `x`.
pub fn split_suggestion(message: &str) -> (&str, Option<&str>) {
    const MARK: &str = "; did you mean `";
    if let Some(at) = message.rfind(MARK) {
        let rest = &message[at + MARK.len()..];
        if let Some(name) = rest.strip_suffix("`?") {
            if !name.contains('`') {
                return (&message[..at], Some(name));
            }
        }
    }
    (message, None)
}

/// The byte range a span's caret covers: from its line and (character) column to the end
/// of the token there — a quoted scalar up to its closing quote, anything else up to a
/// space, `,`, `]`, `}` or `: `. Positions outside the text are clamped to it.
pub fn range(source: &str, span: payout_spec::diag::Span) -> Range<usize> {
    let line_start = source
        .split_inclusive('\n')
        .take(span.line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        .min(source.len());
    let line = source[line_start..].split('\n').next().unwrap_or("");
    let line = line.strip_suffix('\r').unwrap_or(line);
    let col = line
        .char_indices()
        .nth(span.col.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(line.len());
    let rest = &line[col..];
    let len = token_len(rest);
    let start = line_start + col;
    start..start + len
}

fn token_len(rest: &str) -> usize {
    let mut chars = rest.char_indices();
    match chars.next() {
        None => 0,
        Some((_, q @ ('"' | '\''))) => chars
            .find(|&(_, c)| c == q)
            .map_or(rest.len(), |(i, c)| i + c.len_utf8()),
        Some(_) => {
            let bytes = rest.as_bytes();
            rest.char_indices()
                .find(|&(i, c)| {
                    c.is_whitespace()
                        || matches!(c, ',' | ']' | '}' | '#')
                        || (c == ':' && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()))
                })
                .map_or(rest.len(), |(i, _)| i)
                .max(1)
                .min(rest.len())
        }
    }
}

/// `--format json`: file, line, column, severity, path, message, suggestion.
fn problem_json(_c: &Checked, d: &Diagnostic) -> Value {
    let span = d.span.unwrap_or(payout_spec::diag::Span::new(1, 1));
    json!({
        "file": d.file.display().to_string(),
        "line": span.line,
        "column": span.col,
        "severity": d.severity.to_string(),
        "path": d.path,
        "message": d.message,
        "suggestion": split_suggestion(&d.message).1,
    })
}

/// A relative path as a URI reference (forward slashes, spaces and the like escaped).
fn uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The rule a problem is reported under: the checks have no finer identifiers, so errors
/// (the spec cannot be used) and warnings (it can, but something looks wrong).
fn rule_id(s: Severity) -> &'static str {
    match s {
        Severity::Error => "spec-error",
        Severity::Warning => "spec-warning",
    }
}

/// `--format sarif`: one run of the `payout` tool, one result per problem, located by
/// file, line and column, with the YAML path as its logical location.
pub fn sarif(checked: &[Checked]) -> Value {
    let results: Vec<Value> = checked
        .iter()
        .flat_map(|c| c.diagnostics.iter().map(move |d| (c, d)))
        .map(|(c, d)| {
            let mut region = json!({});
            if let Some(span) = d.span {
                region = json!({ "startLine": span.line, "startColumn": span.col });
                if let Some(source) = &c.source {
                    let r = range(source, span);
                    let width = source.get(r).map_or(0, |t| t.chars().count());
                    region["endColumn"] = json!(span.col + width.max(1));
                }
            }
            let mut location = json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(&d.file) },
                },
            });
            if d.span.is_some() {
                location["physicalLocation"]["region"] = region;
            }
            if !d.path.is_empty() {
                location["logicalLocations"] = json!([{ "fullyQualifiedName": d.path }]);
            }
            if d.file.is_relative() {
                location["physicalLocation"]["artifactLocation"]["uriBaseId"] = json!("%SRCROOT%");
            }
            json!({
                "ruleId": rule_id(d.severity),
                "level": d.severity.to_string(),
                "message": { "text": d.message },
                "locations": [location],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "payout",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": [
                        {
                            "id": rule_id(Severity::Error),
                            "shortDescription": { "text": "The spec cannot be used as written." },
                            "defaultConfiguration": { "level": "error" },
                        },
                        {
                            "id": rule_id(Severity::Warning),
                            "shortDescription": { "text": "The spec can be used, but something in it looks wrong." },
                            "defaultConfiguration": { "level": "warning" },
                        },
                    ],
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use payout_spec::diag::Span;

    #[test]
    fn the_caret_covers_the_token() {
        let src = "a: 1\n  - hmac: { alg: sha265, key: \"{{ k }}\" }\n";
        let r = range(src, Span::new(2, 18));
        assert_eq!(&src[r], "sha265");
        let r = range(src, Span::new(2, 31));
        assert_eq!(&src[r], "\"{{ k }}\"");
        let r = range(src, Span::new(2, 5));
        assert_eq!(&src[r], "hmac");
        // Beyond the text: clamped, never a panic.
        assert_eq!(range(src, Span::new(40, 3)), src.len()..src.len());
        assert_eq!(range("añb: x", Span::new(1, 3)), 3..4);
    }

    #[test]
    fn the_suggestion_is_split_off() {
        assert_eq!(
            split_suggestion(
                "unknown hash `sha265`; expected one of `sha1`; did you mean `sha256`?"
            ),
            (
                "unknown hash `sha265`; expected one of `sha1`",
                Some("sha256")
            )
        );
        assert_eq!(split_suggestion("no such thing"), ("no such thing", None));
    }

    #[test]
    fn summary_lines() {
        let s = Summary {
            files: 1,
            errors: 2,
            warnings: 1,
        };
        assert_eq!(s.line("spec"), "checked 1 spec: 2 errors, 1 warning");
        let s = Summary {
            files: 5,
            errors: 0,
            warnings: 0,
        };
        assert_eq!(s.line("spec"), "checked 5 specs: no problems");
    }
}

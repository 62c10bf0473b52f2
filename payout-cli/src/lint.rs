//! `payout lint`: files, directories and glob patterns in; the spec's checks, then its
//! known-answer vectors; every problem out, in the chosen format ([`crate::report`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use payout_spec::{Diagnostic, Severity};

use crate::report::{self, Checked, ColorWhen, Format};

#[derive(clap::Args)]
pub struct Args {
    /// Spec files, directories (every `.yaml` and `.yml` file below them) or glob patterns
    /// (quote them: 'specs/*.yaml').
    #[arg(required = true, value_name = "SPEC")]
    pub specs: Vec<PathBuf>,
    /// How to print problems: `human` (source line, caret and summary), `short` (one
    /// `FILE:LINE:COL: SEVERITY: PATH: message` line each, for editors and scripts), `json`
    /// (one object per line) or `sarif` (SARIF 2.1.0, for code scanning).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to colour human output: `auto` (on a terminal, unless NO_COLOR is set),
    /// `always` or `never`.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
}

/// Prints every problem of every spec; fails when any is an error.
pub fn run(args: Args) -> ExitCode {
    let checked: Vec<Checked> = expand(&args.specs)
        .into_iter()
        .map(|target| match target {
            Target::File(path) => check(&path),
            Target::Problem(file, message) => Checked {
                diagnostics: vec![Diagnostic {
                    severity: Severity::Error,
                    file: file.clone(),
                    span: None,
                    path: String::new(),
                    message,
                }],
                file,
                source: None,
            },
        })
        .collect();
    let failed = checked
        .iter()
        .any(|c| c.diagnostics.iter().any(Diagnostic::is_error));
    let text = report::render(args.format, args.color.for_stdout(), &checked, "spec");
    // A closed pipe (`payout lint ... | head`) is not worth a panic.
    let _ = std::io::stdout().lock().write_all(&text);
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// One spec's problems, with its text when there is a position to show.
fn check(path: &Path) -> Checked {
    tracing::debug!(spec = %path.display(), "linting");
    let mut diagnostics = match payout_spec::load_file(path) {
        Ok(loaded) => loaded.warnings,
        Err(e) => e.diagnostics,
    };
    // A spec that loads has its vectors run: a wrong known answer is a lint error too.
    if !diagnostics.iter().any(Diagnostic::is_error) {
        diagnostics.extend(crate::test::test_file(path).diagnostics);
    }
    // Read again only to show lines: the loader has already read (and bounded) it.
    let source = if diagnostics.iter().any(|d| d.span.is_some()) {
        std::fs::read_to_string(path).ok()
    } else {
        None
    };
    Checked {
        file: path.to_path_buf(),
        source,
        diagnostics,
    }
}

/// What an argument names: a spec to check, or a problem with the argument itself.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    File(PathBuf),
    Problem(PathBuf, String),
}

/// Arguments to files, in order, each once: a directory gives its spec files (sorted, at
/// any depth), a pattern the files it matches, anything else is taken as a file (and a
/// missing one is reported when it is read).
fn expand(args: &[PathBuf]) -> Vec<Target> {
    let mut out = Vec::new();
    let mut push = |t: Target| {
        if !out.contains(&t) {
            out.push(t);
        }
    };
    for arg in args {
        if arg.is_dir() {
            let mut found = Vec::new();
            walk(arg, &mut found);
            found.sort();
            if found.is_empty() {
                push(Target::Problem(
                    arg.clone(),
                    "no spec (`.yaml` or `.yml` file) in this directory".into(),
                ));
            }
            found.into_iter().map(Target::File).for_each(&mut push);
        } else if let Some(pattern) = arg.to_str().filter(|s| !arg.exists() && is_pattern(s)) {
            match glob::glob(pattern) {
                Err(e) => push(Target::Problem(
                    arg.clone(),
                    format!("not a valid pattern: {e}"),
                )),
                Ok(paths) => {
                    let mut matched: Vec<PathBuf> = paths
                        .filter_map(Result::ok)
                        .filter(|p| p.is_file())
                        .collect();
                    matched.sort();
                    if matched.is_empty() {
                        push(Target::Problem(
                            arg.clone(),
                            "no file matches this pattern".into(),
                        ));
                    }
                    matched.into_iter().map(Target::File).for_each(&mut push);
                }
            }
        } else {
            push(Target::File(arg.clone()));
        }
    }
    out
}

fn is_pattern(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Every `.yaml`/`.yml` file under `dir`. Unreadable entries are skipped: a directory is
/// a convenience, and a file named on its own still reports why it cannot be read.
fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, found);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            found.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_and_patterns_expand_to_sorted_files_once() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let specs = root.join("specs");
        let got = expand(&[
            specs.clone(),
            specs.join("cashy.yaml"),
            specs.join("t*.yaml"),
        ]);
        let names: Vec<String> = got
            .iter()
            .map(|t| match t {
                Target::File(p) => p.file_name().unwrap().to_string_lossy().into_owned(),
                Target::Problem(_, m) => m.clone(),
            })
            .collect();
        assert!(names.starts_with(&["cashy.yaml".to_string()]), "{names:?}");
        assert!(names.contains(&"tecpay.yaml".to_string()), "{names:?}");
        // cashy.yaml and the t*.yaml files are already in the directory's list.
        assert_eq!(
            names.iter().filter(|n| *n == "cashy.yaml").count(),
            1,
            "{names:?}"
        );
        assert_eq!(
            expand(&[specs.join("nothing*.yaml")]),
            [Target::Problem(
                specs.join("nothing*.yaml"),
                "no file matches this pattern".into()
            )]
        );
    }
}

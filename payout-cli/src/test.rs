//! `payout test`: runs the known-answer vectors of specs, and reports each failing one in
//! the lint format, at its place in the spec.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use payout_runtime::{vectors, CompiledSpec};
use payout_spec::Diagnostic;

/// What testing one spec found.
pub struct Outcome {
    /// Problems: the spec's own errors when it does not load, else its failing vectors.
    pub diagnostics: Vec<Diagnostic>,
    pub vectors: usize,
    pub failed: usize,
}

/// Runs every vector of every spec (a directory stands for its `*.yaml` files); one line
/// per failure; exit 1 when any spec does not load or any vector fails.
pub fn run(paths: &[PathBuf]) -> ExitCode {
    let files = match spec_files(paths) {
        Ok(f) => f,
        Err(e) => {
            crate::err(&e);
            return ExitCode::FAILURE;
        }
    };
    let (mut vectors, mut failed, mut broken) = (0, 0, 0);
    for file in &files {
        let outcome = test_file(file);
        for d in &outcome.diagnostics {
            crate::out(&d.to_string());
        }
        vectors += outcome.vectors;
        failed += outcome.failed;
        if outcome.diagnostics.iter().any(Diagnostic::is_error) && outcome.failed == 0 {
            broken += 1;
        }
    }
    crate::err(&format!(
        "payout test: {} specs, {vectors} vectors, {failed} failed{}",
        files.len(),
        if broken > 0 {
            format!(", {broken} specs with errors")
        } else {
            String::new()
        }
    ));
    if failed > 0 || broken > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The spec files named: files as given, directories as their `*.yaml` files in name order.
fn spec_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: cannot read the directory: {e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Loads one spec and runs its vectors.
pub fn test_file(file: &Path) -> Outcome {
    let spec = match payout_spec::load_file(file) {
        Ok(_) => CompiledSpec::from_file(file),
        Err(e) => {
            return Outcome {
                diagnostics: e.diagnostics,
                vectors: 0,
                failed: 0,
            }
        }
    };
    let spec = match spec {
        Ok(s) => s,
        Err(e) => {
            return Outcome {
                diagnostics: payout_spec::load::locate_errors(
                    "",
                    file,
                    vec![(String::new(), e.to_string())],
                ),
                vectors: 0,
                failed: 0,
            }
        }
    };
    vector_failures(&spec, file)
}

/// Runs a loaded spec's vectors; each failure is an error at the `expect` key it is about.
pub fn vector_failures(spec: &CompiledSpec, file: &Path) -> Outcome {
    let reports = vectors::run_all(spec);
    let mut problems = Vec::new();
    let mut failed = 0;
    for (i, r) in reports.iter().enumerate() {
        if r.passed() {
            continue;
        }
        failed += 1;
        for f in &r.failures {
            problems.push((
                format!("vectors[{i}].{}", vectors::failure_path(f)),
                format!("vector `{}` fails: {f}", r.name),
            ));
        }
    }
    let src = std::fs::read_to_string(file).unwrap_or_default();
    Outcome {
        diagnostics: payout_spec::load::locate_errors(&src, file, problems),
        vectors: reports.len(),
        failed,
    }
}

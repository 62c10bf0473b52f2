//! Malformed specs give the expected messages, with `line:col` and the YAML path, and
//! nothing panics on a broken spec.
//!
//! Each `tests/specs/bad/NAME.yaml` has one problem (`three_problems.yaml` has three) and
//! `NAME.expected` holds the exact `payout lint` lines it must produce.

mod files;

use std::path::{Path, PathBuf};

use payout::runtime::{vectors, CompiledSpec};
use payout::spec::Diagnostic;

/// Everything loading the spec reports: its warnings when it loads, its diagnostics when not.
fn diagnostics(path: &Path) -> Vec<Diagnostic> {
    match payout::spec::load_file(path) {
        Ok(l) => l.warnings,
        Err(e) => e.diagnostics,
    }
}

fn lint_lines(path: &Path) -> Vec<String> {
    diagnostics(path).iter().map(|d| d.to_string()).collect()
}

fn bad_specs() -> Vec<PathBuf> {
    files::yaml_files("tests/specs/bad")
}

#[test]
fn each_bad_spec_gives_exactly_the_expected_messages() {
    let specs = bad_specs();
    assert!(specs.len() >= 10, "only {} bad specs", specs.len());
    let mut mismatches = Vec::new();
    for path in &specs {
        let expected: Vec<String> = std::fs::read_to_string(path.with_extension("expected"))
            .unwrap_or_else(|_| panic!("{} has no .expected file", path.display()))
            .lines()
            .map(str::to_string)
            .collect();
        let got = lint_lines(path);
        if got != expected {
            mismatches.push(format!(
                "{}:\n  expected:\n    {}\n  got:\n    {}",
                path.display(),
                expected.join("\n    "),
                got.join("\n    ")
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn every_message_has_a_position_and_a_path() {
    let specs = bad_specs();
    assert!(specs.len() >= 10, "only {} bad specs", specs.len());
    let mut warnings = 0;
    for path in specs {
        // Errors and warnings alike: a spec that only warns loads, with its warnings.
        let diagnostics = diagnostics(&path);
        assert!(
            !diagnostics.is_empty(),
            "{}: nothing reported",
            path.display()
        );
        for d in diagnostics {
            warnings += usize::from(!d.is_error());
            let span = d
                .span
                .unwrap_or_else(|| panic!("{}: no position: {d}", path.display()));
            assert!(span.line > 1 && span.col >= 1, "{d}");
            assert!(
                !d.path.is_empty() || d.message.contains("not valid YAML"),
                "{d}"
            );
        }
    }
    assert!(warnings >= 1, "no warning was examined");
}

#[test]
fn all_problems_of_a_spec_are_reported_at_once() {
    let e = payout::spec::load_file("tests/specs/bad/three_problems.yaml").unwrap_err();
    let errors: Vec<_> = e.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 3, "{e}");
}

#[test]
fn a_warning_alone_does_not_fail_the_lint() {
    let loaded = payout::spec::load_file("tests/specs/bad/secret_in_plain_text.yaml").unwrap();
    assert_eq!(loaded.warnings.len(), 1);
    assert!(!loaded.warnings[0].is_error());
}

#[test]
fn the_minimal_spec_is_clean_and_its_vector_passes() {
    let loaded = payout::spec::load_file("tests/specs/minimal.yaml").unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let spec = CompiledSpec::new(loaded.spec).unwrap();
    let reports = vectors::run_all(&spec);
    assert_eq!(reports.len(), 1);
    assert!(reports[0].passed(), "{:?}", reports[0].failures);
}

/// Deletes each line, and cuts the file after each line, of real specs: whatever the
/// result, loading must report problems rather than panic, and whatever still loads must
/// compile and run its vectors without panicking.
#[test]
fn broken_specs_never_panic() {
    for file in ["tests/specs/minimal.yaml", "specs/cashy.yaml"] {
        let src = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = src.lines().collect();
        let mut variants = Vec::new();
        for i in 0..lines.len() {
            let mut without = lines.clone();
            without.remove(i);
            variants.push(without.join("\n"));
            variants.push(lines[..i].join("\n"));
        }
        for (n, v) in variants.iter().enumerate() {
            match payout::spec::load_str(v, format!("{file}#{n}")) {
                Ok(loaded) => {
                    if let Ok(spec) = CompiledSpec::new(loaded.spec) {
                        let _ = vectors::run_all(&spec);
                    }
                }
                Err(e) => assert!(e.diagnostics.iter().any(|d| d.is_error()), "{file}#{n}"),
            }
        }
    }
}

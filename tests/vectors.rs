//! Every spec in `specs/` loads cleanly and passes all of its known-answer vectors. The
//! expected values in the specs come from independent computations (the commands sit
//! beside them), never from this engine.

use std::path::PathBuf;

use payout::runtime::{vectors, CompiledSpec};

fn specs() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("specs");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    v
}

fn check(name: &str, min_vectors: usize) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("specs")
        .join(format!("{name}.yaml"));
    let spec = CompiledSpec::from_file(&path).unwrap_or_else(|e| panic!("{e}"));
    let reports = vectors::run_all(&spec);
    assert!(
        reports.len() >= min_vectors,
        "{name}: only {} vectors",
        reports.len()
    );
    let failed: Vec<String> = reports
        .iter()
        .filter(|r| !r.passed())
        .map(|r| format!("{}: {}", r.name, r.failures.join("; ")))
        .collect();
    assert!(
        failed.is_empty(),
        "{name}: failing vectors:\n{}",
        failed.join("\n")
    );
}

#[test]
fn cashy_vectors() {
    check("cashy", 8);
}

#[test]
fn xettle_vectors() {
    check("xettle", 8);
}

#[test]
fn eanishop_vectors() {
    check("eanishop", 8);
}

#[test]
fn teemopay_vectors() {
    check("teemopay", 8);
}

#[test]
fn tecpay_vectors() {
    check("tecpay", 8);
}

/// The tutorial's example gateway (examples/acme.yaml) is a complete spec too.
#[test]
fn example_acme_vectors() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/acme.yaml");
    let spec = CompiledSpec::from_file(&path).unwrap_or_else(|e| panic!("{e}"));
    let reports = vectors::run_all(&spec);
    assert!(reports.len() >= 6);
    let failed: Vec<String> = reports
        .iter()
        .filter(|r| !r.passed())
        .map(|r| format!("{}: {}", r.name, r.failures.join("; ")))
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn every_spec_loads_without_warnings() {
    for path in specs() {
        let loaded = payout::spec::load_file(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            loaded.warnings.is_empty(),
            "{}: {:?}",
            path.display(),
            loaded.warnings
        );
    }
}

//! Every spec in `specs/` loads cleanly and passes all of its known-answer vectors. The
//! expected values in the specs come from independent computations (the commands sit
//! beside them), never from this engine.

mod files;

use std::path::PathBuf;

use payout::runtime::{vectors, CompiledSpec};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs every vector of the spec at `path` (relative to the repository): at least
/// `min_vectors` of them, all passing.
fn check(path: &str, min_vectors: usize) {
    let spec = CompiledSpec::from_file(root().join(path)).unwrap_or_else(|e| panic!("{e}"));
    let reports = vectors::run_all(&spec);
    assert!(
        reports.len() >= min_vectors,
        "{path}: only {} vectors",
        reports.len()
    );
    let failed: Vec<String> = reports
        .iter()
        .filter(|r| !r.passed())
        .map(|r| format!("{}: {}", r.name, r.failures.join("; ")))
        .collect();
    assert!(
        failed.is_empty(),
        "{path}: failing vectors:\n{}",
        failed.join("\n")
    );
}

#[test]
fn cashy_vectors() {
    check("specs/cashy.yaml", 8);
}

#[test]
fn xettle_vectors() {
    check("specs/xettle.yaml", 8);
}

#[test]
fn eanishop_vectors() {
    check("specs/eanishop.yaml", 8);
}

#[test]
fn teemopay_vectors() {
    check("specs/teemopay.yaml", 8);
}

#[test]
fn tecpay_vectors() {
    check("specs/tecpay.yaml", 8);
}

#[test]
fn paystack_vectors() {
    check("specs/paystack.yaml", 9);
}

#[test]
fn paypal_vectors() {
    check("specs/paypal.yaml", 7);
}

/// The flow tests' OAuth2 gateway.
#[test]
fn oauth_flow_vectors() {
    check("tests/specs/flows/oauth.yaml", 4);
}

/// The arrays test gateway: a one-item batch, a name in three places.
#[test]
fn batch_vectors() {
    check("tests/specs/flows/batch.yaml", 2);
}

/// The tutorial's example gateway (examples/acme.yaml) is a complete spec too.
#[test]
fn example_acme_vectors() {
    check("examples/acme.yaml", 6);
}

#[test]
fn every_spec_loads_without_warnings() {
    let mut paths = files::yaml_files(root().join("specs"));
    assert!(paths.len() >= 5, "only {} specs in specs/", paths.len());
    paths.push(root().join("examples/acme.yaml"));
    for path in paths {
        let loaded = payout::spec::load_file(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            loaded.warnings.is_empty(),
            "{}: {:?}",
            path.display(),
            loaded.warnings
        );
    }
}

#[test]
fn stripe_vectors() {
    check("specs/stripe.yaml", 12);
}

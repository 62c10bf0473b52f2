//! `payout test`: every spec in `specs/` passes its known answers (so a spec added to the
//! folder is checked by `cargo test` with no line to add), and a wrong known answer fails
//! `payout test` and `payout lint` with its `file:line:col`.

mod common;

use common::{payout, root, tmp, GATEWAYS};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn every_spec_in_the_specs_folder_passes_its_vectors() {
    let out = payout().args(["test", "specs/"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    // The summary counts the specs: at least the gateways of `src/gateways.rs`.
    let summary = text(&out.stderr);
    let specs: usize = summary
        .trim()
        .strip_prefix("payout test: ")
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no summary: {summary}"));
    assert!(specs >= GATEWAYS.len(), "{summary}");
    assert!(summary.contains(", 0 failed"), "{summary}");
}

/// The line a wrong vector gives: where its expected value is, and both values.
const WRONG: &str = "tests/specs/wrong_vector.yaml:52:22: error: vectors[0].expect.headers.X-Signature: vector `create` fails: header X-Signature: expected `70383314c4dd3157eda91245323b8929293f1309932726b660cce106784e8333`, got `70383314c4dd3157eda91245323b8929293f1309932726b660cce106784e8332`";

#[test]
fn a_wrong_vector_fails_payout_test_with_its_location() {
    let out = payout()
        .args([
            "test",
            "tests/specs/wrong_vector.yaml",
            "tests/specs/minimal.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout).lines().collect::<Vec<_>>(), vec![WRONG]);
    assert!(
        text(&out.stderr).contains("2 specs, 2 vectors, 1 failed"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_wrong_vector_is_a_lint_error() {
    let out = payout()
        .args(["lint", "--format", "short", "tests/specs/wrong_vector.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout).lines().collect::<Vec<_>>(), vec![WRONG]);
}

#[test]
fn a_spec_that_does_not_load_fails_payout_test() {
    let out = payout()
        .args(["test", "tests/specs/bad/unknown_filter.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("unknown filter `strftme`"),
        "{}",
        text(&out.stdout)
    );
}

/// A directory stands for its `*.yaml` files: a folder holding a good and a wrong spec
/// fails, naming the wrong one's file.
#[test]
fn a_directory_is_every_spec_in_it() {
    let dir = tmp("test-dir");
    for name in ["minimal.yaml", "wrong_vector.yaml"] {
        std::fs::copy(root().join("tests/specs").join(name), dir.join(name)).unwrap();
    }
    let out = payout().arg("test").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(
        lines[0].starts_with(&format!(
            "{}:52:22: error: vectors[0].expect.headers.X-Signature:",
            dir.join("wrong_vector.yaml").display()
        )),
        "{stdout}"
    );
    assert!(text(&out.stderr).contains("2 specs, 2 vectors, 1 failed"));
}

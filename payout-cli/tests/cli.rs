//! The command line's finish: `payout new` writes a starter spec that lints clean and whose
//! vector passes, `payout completions` prints a script for each shell, and the help lists
//! the exit codes.

#[allow(dead_code, unused_imports)]
mod common;

use common::{payout, tmp};
use payout_runtime::{vectors, CompiledSpec};

#[test]
fn new_writes_a_starter_spec_that_lints_clean_and_passes_its_vector() {
    let dir = tmp("new");
    let spec = dir.join("bankgw.yaml");
    let _ = std::fs::remove_file(&spec);
    let _ = std::fs::remove_file(dir.join("payout-spec.schema.json"));
    let out = payout()
        .args(["new", "bankgw", "-o"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&spec).unwrap();
    // Modeline, credentials, an operation, a recipe, statuses and a vector.
    assert!(text.starts_with("# yaml-language-server: $schema=payout-spec.schema.json\n"));
    for key in [
        "\ncredentials:",
        "\noperations:",
        "\nsigning:",
        "\nstatuses:",
        "\nvectors:",
    ] {
        assert!(text.contains(key), "no `{key}` in:\n{text}");
    }
    assert!(text.contains("provider: { id: bankgw"), "{text}");
    // The modeline's schema is written beside it, and is the schema of `payout schema`.
    let schema = std::fs::read_to_string(dir.join("payout-spec.schema.json")).unwrap();
    assert_eq!(schema, payout_spec::schema::json_schema_text());

    let out = payout()
        .args(["lint", "--format", "short"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // Its vector holds (the expected signature was computed with openssl, see the spec).
    let compiled = CompiledSpec::from_file(&spec).unwrap();
    let reports = vectors::run_all(&compiled);
    assert_eq!(reports.len(), 1);
    assert!(reports[0].passed(), "{:?}", reports[0].failures);

    // It does not overwrite without --force, and refuses an id the language refuses.
    let out = payout()
        .args(["new", "bankgw", "-o"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("exists; pass --force"));
    let out = payout()
        .args(["new", "Bank-GW", "-o"])
        .arg(dir.join("other.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("provider.id: `Bank-GW` is not a valid id"),
        "{err}"
    );
    assert!(!dir.join("other.yaml").exists());
}

#[test]
fn completions_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef payout"),
        ("fish", "complete -c payout"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = payout().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(script.contains(marker), "{shell}: no `{marker}`");
        // The subcommands and their options are in it.
        assert!(
            script.contains("lint") && script.contains("--format"),
            "{shell}"
        );
    }
    let out = payout().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_lists_the_exit_codes() {
    let out = payout().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("Exit codes: 0 success; 1 "), "{help}");
}

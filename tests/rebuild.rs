//! Editing a spec and running `cargo build` rebuilds the crate that uses it: the generated
//! module includes the spec file's bytes, so cargo tracks it like a source file.
//!
//! A scratch crate (under cargo's temporary folder for tests, `<target>/tmp/rebuild-test/`) uses `payout::provider!` on its own copy of
//! a spec and prints the provider's name; the test builds it, edits the spec, builds again
//! and runs it, and no build may print a warning. The first run compiles the crate's
//! dependencies into that folder once.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cargo(project: &Path, target: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO"))
        .args(args)
        .arg("--manifest-path")
        .arg(project.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target)
        .env_remove("CARGO_TARGET_DIR")
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .unwrap()
}

fn build(project: &Path, target: &Path) -> String {
    let out = cargo(project, target, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "cargo build failed:\n{stderr}");
    stderr
}

fn run(project: &Path, target: &Path) -> String {
    let out = cargo(project, target, &["run", "-q"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn editing_a_spec_rebuilds_the_crate_that_uses_it() {
    // CARGO_TARGET_TMPDIR: inside whatever target directory this run uses, which need not
    // be `<repo>/target`.
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("rebuild-test");
    let project = base.join("project");
    let target = base.join("target");
    let _ = std::fs::remove_dir_all(&project);
    std::fs::create_dir_all(project.join("src")).unwrap();
    std::fs::write(
        project.join("Cargo.toml"),
        format!(
            "[package]\nname = \"rebuild-fixture\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\npayout = {{ path = {:?} }}\n\n[workspace]\n\n\
             [profile.dev]\ndebug = false\n",
            root().display().to_string()
        ),
    )
    .unwrap();
    // The workspace's lock file: the same versions, so the dependencies build as they do here.
    std::fs::copy(root().join("Cargo.lock"), project.join("Cargo.lock")).unwrap();
    std::fs::write(
        project.join("src/main.rs"),
        "payout::provider!(mod gateway = \"gateway.yaml\");\n\n\
         fn main() {\n    let spec = gateway::Client::spec().expect(\"embedded spec\");\n    println!(\"{}\", spec.spec().provider.name);\n}\n",
    )
    .unwrap();
    let spec = std::fs::read_to_string(root().join("examples/acme.yaml")).unwrap();
    std::fs::write(project.join("gateway.yaml"), &spec).unwrap();

    let first = build(&project, &target);
    // The generated module (and everything under it) compiles without a warning.
    assert!(
        !first.contains("warning:"),
        "warnings in the build:\n{first}"
    );
    assert_eq!(run(&project, &target), "Acme Payouts");

    // Nothing changed: nothing is rebuilt.
    let again = build(&project, &target);
    assert!(
        !again.contains("Compiling rebuild-fixture"),
        "rebuilt without a change:\n{again}"
    );

    // The spec changes: the crate is rebuilt, and the program sees the new spec.
    let edited = spec.replacen("name: Acme Payouts", "name: Acme Payouts (edited)", 1);
    assert_ne!(edited, spec);
    std::fs::write(project.join("gateway.yaml"), edited).unwrap();
    let rebuilt = build(&project, &target);
    assert!(
        rebuilt.contains("Compiling rebuild-fixture"),
        "not rebuilt after the edit:\n{rebuilt}"
    );
    assert!(
        !rebuilt.contains("warning:"),
        "warnings in the build:\n{rebuilt}"
    );
    assert_eq!(run(&project, &target), "Acme Payouts (edited)");

    // A spec edited into an error fails the build with the lint line.
    let broken = spec.replacen("- hmac: { alg: sha256", "- hmac: { alg: sha265", 1);
    std::fs::write(project.join("gateway.yaml"), broken).unwrap();
    let out = cargo(&project, &target, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("gateway.yaml:") && stderr.contains("unknown hash `sha265`"),
        "{stderr}"
    );
}

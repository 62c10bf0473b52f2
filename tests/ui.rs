//! Compile-time behaviour of `payout::provider!`, with trybuild: a bad spec is a compile
//! error per problem (the lint line: file, line:col, YAML path, message), a generated
//! client refuses misuse at compile time, and generated code compiles without warnings.
//!
//! trybuild builds each case as a crate in `<target>/tests/trybuild/payout/`, which is the
//! `CARGO_MANIFEST_DIR` the macro resolves spec paths against. Wherever the target
//! directory is (`CARGO_TARGET_DIR` may point outside the repository), this test puts a link
//! named `repo` to the repository in that folder, and the cases name their specs
//! `repo/specs/...`. `TRYBUILD=overwrite cargo test --test ui` rewrites the expected `.stderr`.

use std::path::{Path, PathBuf};

/// The target directory exactly as trybuild finds it: `cargo metadata`, which honours
/// `CARGO_TARGET_DIR`, `--config build.target-dir` and `.cargo/config.toml`.
fn target_directory() -> PathBuf {
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata is JSON");
    PathBuf::from(
        meta["target_directory"]
            .as_str()
            .expect("metadata names the target directory"),
    )
}

/// `<trybuild project>/repo` → this repository, replacing a stale link.
fn link_repository(project: &Path) {
    std::fs::create_dir_all(project).expect("create the trybuild project folder");
    let link = project.join("repo");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    if std::fs::read_link(&link).is_ok_and(|to| to == repo) {
        return;
    }
    let _ = std::fs::remove_file(&link);
    #[cfg(unix)]
    std::os::unix::fs::symlink(repo, &link).expect("link the repository");
    #[cfg(windows)]
    std::os::windows::fs::symlink_dir(repo, &link).expect("link the repository");
}

#[test]
fn ui() {
    link_repository(&target_directory().join("tests/trybuild/payout"));
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    // Cases that must compile, with every warning denied.
    t.pass("tests/ui/pass/*.rs");
}

//! Helpers shared by the CLI's test files: the repository root, the `payout` binary, a
//! scratch folder, and the five gateways.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The gateways of `specs/`, from the one list in `src/gateways.rs`.
pub use payout::gateways::IDS as GATEWAYS;

/// The repository root, where `specs/` and `examples/` are.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `payout` binary under test, run from the repository root.
pub fn payout() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_payout"));
    c.current_dir(root());
    c
}

/// A fresh scratch folder for one test (per process, so parallel runs do not collide).
pub fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("payout-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

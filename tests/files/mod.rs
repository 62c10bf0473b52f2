//! Listing spec files, shared by the test files that walk a folder of them.

use std::path::{Path, PathBuf};

/// The `.yaml` files directly in `dir`, sorted; each path is `dir` joined with the file
/// name (a relative `dir` gives relative paths, as `payout lint` prints them).
pub fn yaml_files(dir: impl AsRef<Path>) -> Vec<PathBuf> {
    let dir = dir.as_ref();
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    v
}

//! Stage 2: read the spec and check it, with the very pipeline `payout lint` runs.

use std::path::{Path, PathBuf};

use payout_spec::Spec;

/// A checked spec and where it is.
pub struct Checked {
    pub spec: Spec,
    /// Absolute, for `include_bytes!` (so cargo rebuilds when the spec changes).
    pub file: PathBuf,
}

/// Loads `path` (relative to `manifest_dir`). Every problem comes back in the lint format
/// (`FILE:LINE:COL: error: YAML.PATH: message`); warnings do not stop generation.
pub fn load(manifest_dir: &Path, path: &str) -> Result<Checked, Vec<String>> {
    let file = manifest_dir.join(path);
    match payout_spec::load_file(&file) {
        Ok(loaded) => Ok(Checked {
            spec: loaded.spec,
            file,
        }),
        Err(e) => Err(e
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                // Name the file as the caller wrote it.
                let mut d = d.clone();
                d.file = PathBuf::from(path);
                d.to_string()
            })
            .collect()),
    }
}

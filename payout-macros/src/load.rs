//! Stage 2: read the spec and check it, with the very pipeline `payout lint` runs.

use std::path::{Path, PathBuf};

use payout_spec::Loaded;

/// Loads `path` (relative to `manifest_dir`); the loaded `file` is absolute, for
/// `include_bytes!` (so cargo rebuilds when the spec changes). Every problem comes back in
/// the lint format (`FILE:LINE:COL: error: YAML.PATH: message`); warnings do not stop
/// generation.
pub fn load(manifest_dir: &Path, path: &str) -> Result<Loaded, Vec<String>> {
    payout_spec::load_file(manifest_dir.join(path)).map_err(|e| {
        e.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                // Name the file as the caller wrote it.
                let mut d = d.clone();
                d.file = PathBuf::from(path);
                d.to_string()
            })
            .collect()
    })
}

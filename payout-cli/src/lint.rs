//! `payout lint`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Prints every problem of every spec; fails when any is an error.
pub fn run(specs: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in specs {
        let diagnostics = match payout_spec::load_file(path) {
            Ok(loaded) => loaded.warnings,
            Err(e) => e.diagnostics,
        };
        for d in &diagnostics {
            crate::out(&d.to_string());
            failed |= d.is_error();
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

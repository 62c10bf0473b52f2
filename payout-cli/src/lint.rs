//! `payout lint`: the spec's checks, then its known-answer vectors.

use std::path::PathBuf;
use std::process::ExitCode;

/// Prints every problem of every spec; fails when any is an error.
pub fn run(specs: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in specs {
        let mut diagnostics = match payout_spec::load_file(path) {
            Ok(loaded) => loaded.warnings,
            Err(e) => e.diagnostics,
        };
        // A spec that loads has its vectors run: a wrong known answer is a lint error too.
        if !diagnostics.iter().any(|d| d.is_error()) {
            diagnostics.extend(crate::test::test_file(path).diagnostics);
        }
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

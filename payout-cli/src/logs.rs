//! Logs: a tracing subscriber writing to stderr, so stdout keeps each command's data.
//!
//! `RUST_LOG` (the usual `env_logger` syntax, e.g. `payout_sandbox=debug`) decides when it
//! is set; otherwise `-v`/`-q` move the level from the command's default. Nothing logged
//! anywhere carries a secret: credentials are redacted where values are formatted.

use tracing_subscriber::EnvFilter;

/// The level names from quietest to loudest.
const LEVELS: [&str; 6] = ["off", "error", "warn", "info", "debug", "trace"];

/// Installs the subscriber. `default` is the command's own level (`warn` for most, `info`
/// for the sandbox, which logs one line per request), moved by `verbose - quiet` steps.
pub fn init(verbose: u8, quiet: u8, default: &str) {
    let start = LEVELS.iter().position(|l| *l == default).unwrap_or(2) as i32;
    let at = (start + i32::from(verbose) - i32::from(quiet)).clamp(0, LEVELS.len() as i32 - 1);
    let level = LEVELS[at as usize];
    let filter = match std::env::var("RUST_LOG") {
        Ok(spec) if !spec.trim().is_empty() => EnvFilter::try_new(&spec).unwrap_or_else(|e| {
            crate::err(&format!("payout: ignoring RUST_LOG ({e}); using `{level}`"));
            EnvFilter::new(level)
        }),
        _ => EnvFilter::new(level),
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi_on_stderr())
        .with_target(true)
        .try_init();
}

/// Colour on a terminal, unless `NO_COLOR` is set (https://no-color.org).
fn ansi_on_stderr() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

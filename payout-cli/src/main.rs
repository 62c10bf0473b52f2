//! `payout`: lint, schema, sign, call, webhook, sandbox, demo.
//!
//! Every command that produces data prints one JSON object on stdout; problems go to
//! stderr. Exit codes: 0 success, 1 a problem with the input or the call, 2 a bad spec.

mod input;
mod lint;
mod sign;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use payout_runtime::{CompiledSpec, SpecError};

#[derive(Parser)]
#[command(name = "payout", version, about = "Payout gateways as YAML specs")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check specs; one line per problem as `FILE:LINE:COL: error|warning: YAML.PATH: message`.
    /// Exit 0 when no spec has an error (warnings allowed), 1 otherwise.
    Lint {
        #[arg(required = true)]
        specs: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the spec language.
    Schema,
    /// Build (and sign) a request without sending it; prints
    /// `{"method", "url", "headers", "body"}` (and `"steps"` with --explain).
    Sign {
        #[arg(long)]
        spec: PathBuf,
        #[arg(long)]
        op: String,
        /// JSON object of credentials, by the spec's credential names.
        #[arg(long)]
        credentials: PathBuf,
        /// JSON object of input fields, by the gateway's field names; `-` reads stdin.
        #[arg(long)]
        input: PathBuf,
        /// Fixed request time, epoch milliseconds.
        #[arg(long)]
        timestamp: Option<u64>,
        /// Fixed nonce.
        #[arg(long)]
        nonce: Option<String>,
        /// Base URL (default: the spec's `sandbox` environment, else its first).
        #[arg(long)]
        base_url: Option<String>,
        /// Also print every signing step's value, secrets redacted.
        #[arg(long)]
        explain: bool,
        /// Print header values that reveal a secret (a Basic auth header) in full, e.g. to
        /// send the request with curl. Without it they print as `<redacted:...>`.
        #[arg(long)]
        reveal_secrets: bool,
        /// Bytes the random source returns (random IVs, nonces), as hex: reproduces a
        /// known answer that involves randomness.
        #[arg(long, value_name = "HEX")]
        random: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Lint { specs } => lint::run(&specs),
        Command::Schema => {
            out(payout_spec::schema::json_schema_text().trim_end());
            ExitCode::SUCCESS
        }
        Command::Sign {
            spec,
            op,
            credentials,
            input,
            timestamp,
            nonce,
            base_url,
            explain,
            reveal_secrets,
            random,
        } => sign::run(sign::Args {
            spec,
            op,
            credentials,
            input,
            timestamp,
            nonce,
            base_url,
            explain,
            reveal_secrets,
            random,
        }),
    }
}

/// Writes a line to stdout. A closed pipe (`payout lint ... | head`) is not an error worth
/// a panic: the reader has what it wanted.
pub fn out(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// Writes a line to stderr, ignoring a closed pipe.
pub fn err(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Loads a spec; on failure prints its diagnostics to stderr and gives exit code 2.
fn load_spec(path: &Path) -> Result<CompiledSpec, ExitCode> {
    CompiledSpec::from_file(path).map_err(|e| {
        match e {
            SpecError::Invalid(l) => l.diagnostics.iter().for_each(|d| err(&d.to_string())),
            SpecError::Compile(c) => err(&format!("{}: {c}", path.display())),
        }
        ExitCode::from(2)
    })
}

/// Prints problems to stderr, one per line, and gives exit code 1.
fn fail(problems: &[String]) -> ExitCode {
    for p in problems {
        err(p);
    }
    ExitCode::FAILURE
}

fn print_json(v: &serde_json::Value) {
    out(&serde_json::to_string_pretty(v).unwrap_or_default());
}

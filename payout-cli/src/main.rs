//! `payout`: lint, test, schema, sign, call, webhook, sandbox, demo, new, completions.
//!
//! Every command that produces data prints one JSON object on stdout; problems and logs
//! go to stderr. Exit codes: 0 success, 1 a problem with the input or the call, 2 a bad
//! spec (and clap's own 2 for a command line it cannot read).

mod call;
mod demo;
mod input;
mod lint;
mod logs;
mod new;
mod report;
mod sandbox;
mod serve;
mod sign;
mod test;
mod webhook;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgAction, CommandFactory, Parser, Subcommand};
use payout_runtime::{CompiledSpec, SpecError};

/// Exit codes, shown under `payout --help`.
const EXIT_CODES: &str = "Exit codes: 0 success; 1 a problem with the input, the call or \
(lint) a spec; 2 a spec that cannot be loaded, or a command line that cannot be read.";

#[derive(Parser)]
#[command(name = "payout", version, about = "Payout gateways as YAML specs", after_help = EXIT_CODES)]
struct Cli {
    /// More log output on stderr: -v info, -vv debug, -vvv trace (RUST_LOG, when set,
    /// decides instead).
    #[arg(short, long, action = ArgAction::Count, global = true)]
    verbose: u8,
    /// Less log output on stderr: -q errors only, -qq none.
    #[arg(short, long, action = ArgAction::Count, global = true)]
    quiet: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check specs (files, directories, glob patterns) and show every problem with its
    /// source line; `--format short|json|sarif` for editors and CI. Exit 0 when no spec has
    /// an error (warnings allowed), 1 otherwise.
    Lint(lint::Args),
    /// Run the known-answer vectors of specs (a directory: its `*.yaml` files); one line
    /// per failure as `FILE:LINE:COL: error: YAML.PATH: message`. Exit 1 on any failure.
    Test {
        /// Spec files, or directories (their `*.yaml` files).
        #[arg(required = true, value_name = "SPEC")]
        specs: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the spec language.
    Schema,
    /// Build (and sign) a request without sending it; prints
    /// `{"method", "url", "headers", "body"}` (and `"steps"` with --explain).
    Sign(sign::Args),
    /// Send one operation's request and print
    /// `{"ok", "status", "provider_status", "merchant_ref", "provider_ref", "response"}`,
    /// or `{"ok": false, "error": {"kind", "message", "may_exist"}}` and exit 1.
    Call(call::Args),
    /// Verify a received webhook and print
    /// `{"ok", "status", "provider_status", "merchant_ref", "provider_ref", "ack": {"status", "body"}}`,
    /// or `{"ok": false, "error": {...}}` and exit 1.
    Webhook(webhook::Args),
    /// Imitate gateways on loopback until stopped (Ctrl-C), each under `/{provider id}`.
    Sandbox(sandbox::Args),
    /// The main job: every spec in `specs/` against an embedded sandbox, through the unified
    /// interface, with webhooks; prints a table and exits non-zero if anything misbehaves.
    Demo {
        /// The folder of specs to run (every `.yaml` file in it).
        #[arg(long, default_value = "specs", value_name = "DIR")]
        specs: PathBuf,
    },
    /// Write a starter spec for a new gateway (modeline, credentials, one signed operation,
    /// statuses and a vector to fill in) that lints clean.
    New(new::Args),
    /// Print a shell completion script: `payout completions bash > /etc/bash_completion.d/payout`.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The payout ledger over HTTP: payouts created exactly once, webhooks stored before
    /// they are acknowledged, an event log (see README "The ledger").
    Serve(serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The sandbox's and the ledger service's one line per request is their output;
    // elsewhere only warnings show.
    let default_level = match cli.command {
        Command::Sandbox(_) | Command::Serve(_) => "info",
        _ => "warn",
    };
    logs::init(cli.verbose, cli.quiet, default_level);
    match cli.command {
        Command::Lint(a) => lint::run(a),
        Command::Test { specs } => test::run(&specs),
        Command::Schema => {
            out(payout_spec::schema::json_schema_text().trim_end());
            ExitCode::SUCCESS
        }
        Command::Sign(a) => sign::run(a),
        Command::Call(a) => call::run(a),
        Command::Webhook(a) => webhook::run(a),
        Command::Sandbox(a) => sandbox::run(a),
        Command::Demo { specs } => demo::run(specs),
        Command::New(a) => new::run(a),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "payout", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Serve(a) => serve::run(a),
    }
}

/// The async runtime of the commands that talk HTTP.
fn runtime() -> Result<tokio::runtime::Runtime, payout_runtime::PayoutError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            payout_runtime::PayoutError::config(format!("cannot start the async runtime: {e}"))
        })
}

/// The contract's error object: `{"ok": false, "error": {"kind", "message", "may_exist"}}`.
fn error_json(e: &payout_runtime::PayoutError) -> serde_json::Value {
    let mut err = serde_json::json!({
        "kind": e.kind.as_str(),
        "message": e.message,
        "may_exist": e.may_exist,
    });
    if let Some(c) = &e.provider_code {
        err["provider_code"] = serde_json::Value::String(c.to_string());
    }
    if !e.fields.is_empty() {
        err["fields"] = e
            .fields
            .iter()
            .map(|f| serde_json::json!({ "field": f.field, "message": f.message }))
            .collect();
    }
    serde_json::json!({ "ok": false, "error": err })
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

/// Reads a credentials file (a JSON object by the spec's credential names) and checks it
/// against the spec.
fn load_credentials(
    spec: &CompiledSpec,
    path: &Path,
) -> Result<payout_runtime::Credentials, payout_runtime::PayoutError> {
    let values =
        input::strings(path, "credentials").map_err(payout_runtime::PayoutError::config)?;
    Ok(payout_runtime::Credentials::new(spec.spec(), values)?)
}

/// Prints a command's answer: its JSON and exit 0, or the contract's error object and
/// exit 1.
fn answer(outcome: Result<serde_json::Value, payout_runtime::PayoutError>) -> ExitCode {
    match outcome {
        Ok(v) => {
            print_json(&v);
            ExitCode::SUCCESS
        }
        Err(e) => {
            print_json(&error_json(&e));
            ExitCode::FAILURE
        }
    }
}

fn print_json(v: &serde_json::Value) {
    out(&serde_json::to_string_pretty(v).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and every argument of every command says what it is for in `--help`.
    #[test]
    fn every_argument_has_help_text() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let path = format!("{path} {}", cmd.get_name());
            if cmd.get_about().is_none() && path != "payout" && !path.ends_with(" help") {
                missing.push(format!("{path}: the command"));
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if matches!(id, "help" | "version") {
                    continue;
                }
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path}: {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &path, missing);
            }
        }
        let mut cmd = Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, "", &mut missing);
        assert!(missing.is_empty(), "undocumented: {missing:#?}");
        // The walk reaches the arguments (a test of nothing otherwise).
        let lint = cmd.find_subcommand("lint").expect("lint");
        assert!(lint.get_arguments().any(|a| a.get_id() == "format"));
    }
}

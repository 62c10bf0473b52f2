//! `payout`: lint, schema, sign, call, webhook, sandbox, demo.
//!
//! Every command that produces data prints one JSON object on stdout; problems go to
//! stderr. Exit codes: 0 success, 1 a problem with the input or the call, 2 a bad spec.

mod call;
mod demo;
mod input;
mod lint;
mod sandbox;
mod sign;
mod webhook;

use std::net::SocketAddr;
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
    /// Send one operation's request and print
    /// `{"ok", "status", "provider_status", "merchant_ref", "provider_ref", "response"}`,
    /// or `{"ok": false, "error": {"kind", "message", "may_exist"}}` and exit 1.
    Call {
        #[arg(long)]
        spec: PathBuf,
        #[arg(long)]
        op: String,
        #[arg(long)]
        credentials: PathBuf,
        /// JSON object of input fields; `-` reads stdin.
        #[arg(long)]
        input: PathBuf,
        #[arg(long)]
        base_url: String,
        /// Allow a plain `http://` base URL (a local sandbox).
        #[arg(long)]
        insecure_http: bool,
        /// Seconds for the whole exchange (at least 1).
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
        timeout: u64,
    },
    /// Verify a received webhook and print
    /// `{"ok", "status", "provider_status", "merchant_ref", "provider_ref", "ack": {"status", "body"}}`,
    /// or `{"ok": false, "error": {...}}` and exit 1.
    Webhook {
        #[arg(long)]
        spec: PathBuf,
        #[arg(long)]
        credentials: PathBuf,
        /// JSON object of the received headers.
        #[arg(long)]
        headers: PathBuf,
        /// The received body, exactly as it arrived.
        #[arg(long)]
        body: PathBuf,
        /// The URL it was delivered to, for gateways that sign it (EaniShop).
        #[arg(long)]
        url: Option<String>,
    },
    /// Imitate gateways on loopback until stopped (Ctrl-C), each under `/{provider id}`.
    Sandbox {
        #[arg(long = "spec", required = true)]
        specs: Vec<PathBuf>,
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Milliseconds between the statuses of a payout (0: only through the admin API).
        #[arg(long, default_value_t = 2000)]
        step_ms: u64,
        /// Milliseconds one minute of the webhook retry schedule lasts.
        #[arg(long, default_value_t = 1000)]
        minute_ms: u64,
        /// Where webhooks go when a payout names no notify URL.
        #[arg(long)]
        notify_url: Option<String>,
        /// Write the test credentials the sandbox verifies with to DIR/<gateway>.json.
        #[arg(long, value_name = "DIR")]
        write_credentials: Option<PathBuf>,
    },
    /// The main job: every spec in `specs/` against an embedded sandbox, through the unified
    /// interface, with webhooks; prints a table and exits non-zero if anything misbehaves.
    Demo {
        #[arg(long, default_value = "specs")]
        specs: PathBuf,
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
        Command::Call {
            spec,
            op,
            credentials,
            input,
            base_url,
            insecure_http,
            timeout,
        } => call::run(call::Args {
            spec,
            op,
            credentials,
            input,
            base_url,
            insecure_http,
            timeout,
        }),
        Command::Webhook {
            spec,
            credentials,
            headers,
            body,
            url,
        } => webhook::run(webhook::Args {
            spec,
            credentials,
            headers,
            body,
            url,
        }),
        Command::Sandbox {
            specs,
            listen,
            step_ms,
            minute_ms,
            notify_url,
            write_credentials,
        } => sandbox::run(sandbox::Args {
            specs,
            listen,
            step_ms,
            minute_ms,
            notify_url,
            write_credentials,
        }),
        Command::Demo { specs } => demo::run(specs),
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
        err["provider_code"] = serde_json::Value::String(c.clone());
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

fn print_json(v: &serde_json::Value) {
    out(&serde_json::to_string_pretty(v).unwrap_or_default());
}

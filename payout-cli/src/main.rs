//! `payout`: lint, schema, sign, call, webhook, sandbox, demo.

mod lint;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Lint { specs } => lint::run(&specs),
        Command::Schema => {
            print!("{}", payout_spec::schema::json_schema_text());
            ExitCode::SUCCESS
        }
    }
}

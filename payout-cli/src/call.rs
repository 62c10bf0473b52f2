//! `payout call`: send one operation's request and print what came back.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use payout_runtime::{ClientOptions, DynamicClient, PayoutError};
use serde_json::{json, Value};

use crate::input;

/// The command line of `payout call`.
#[derive(clap::Args)]
pub struct Args {
    /// The gateway's spec (YAML).
    #[arg(long)]
    pub spec: PathBuf,
    /// The operation to run, by its name in the spec (`create_payout`).
    #[arg(long)]
    pub op: String,
    /// JSON object of credentials, by the spec's credential names.
    #[arg(long)]
    pub credentials: PathBuf,
    /// JSON object of input fields; `-` reads stdin.
    #[arg(long)]
    pub input: PathBuf,
    /// Where the gateway is, e.g. `https://sandbox.gateway.example` or a sandbox's
    /// `http://127.0.0.1:8080/acme`.
    #[arg(long)]
    pub base_url: String,
    /// Allow a plain `http://` base URL (a local sandbox).
    #[arg(long)]
    pub insecure_http: bool,
    /// Seconds for the whole exchange (at least 1).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
    /// The largest answer read, in bytes; a larger one is an error (`may_exist` on a create).
    #[arg(long, default_value_t = payout_runtime::http::DEFAULT_MAX_BODY_BYTES)]
    pub max_body_bytes: usize,
}

/// `{"ok": true, ...}` and exit 0, or `{"ok": false, "error": {...}}` and exit 1; a bad spec
/// exits 2.
pub fn run(a: Args) -> ExitCode {
    let spec = match crate::load_spec(&a.spec) {
        Ok(s) => Arc::new(s),
        Err(code) => return code,
    };
    let outcome = (|| -> Result<Value, PayoutError> {
        let creds = crate::load_credentials(&spec, &a.credentials)?;
        let fields = input::object(&a.input, "input").map_err(PayoutError::config)?;
        let options = ClientOptions {
            allow_insecure_http: a.insecure_http,
            request_timeout: Duration::from_secs(a.timeout),
            max_body_bytes: a.max_body_bytes,
            ..ClientOptions::default()
        };
        let client = DynamicClient::new(spec.clone(), creds, &a.base_url, options)?;
        let rt = crate::runtime()?;
        let out = rt.block_on(client.call(&a.op, &fields))?;
        let r = out.result;
        Ok(json!({
            "ok": true,
            "status": r.status.map(|s| s.to_string()),
            "provider_status": r.provider_status,
            "merchant_ref": r.merchant_ref,
            "provider_ref": r.provider_ref,
            "response": serde_json::to_value(&r.response).unwrap_or(Value::Null),
        }))
    })();
    crate::answer(outcome)
}

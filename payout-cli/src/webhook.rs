//! `payout webhook`: verify a received webhook and read it.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use payout_runtime::source::OsEntropy;
use payout_runtime::{webhook, PayoutError, WebhookRequest};
use serde_json::{json, Value};

use crate::input;

/// The command line of `payout webhook`.
#[derive(clap::Args)]
pub struct Args {
    /// The gateway's spec (YAML).
    #[arg(long)]
    pub spec: PathBuf,
    /// JSON object of credentials, by the spec's credential names.
    #[arg(long)]
    pub credentials: PathBuf,
    /// JSON object of the received headers.
    #[arg(long)]
    pub headers: PathBuf,
    /// The received body, exactly as it arrived.
    #[arg(long)]
    pub body: PathBuf,
    /// The URL it was delivered to, for gateways that sign it (EaniShop).
    #[arg(long)]
    pub url: Option<String>,
}

/// Verifies first; a webhook that does not verify is an error, never an event.
pub fn run(a: Args) -> ExitCode {
    let spec = match crate::load_spec(&a.spec) {
        Ok(s) => Arc::new(s),
        Err(code) => return code,
    };
    let outcome = (|| -> Result<Value, PayoutError> {
        let creds = crate::load_credentials(&spec, &a.credentials)?;
        let headers: Vec<(String, String)> = input::strings(&a.headers, "headers")
            .map_err(PayoutError::config)?
            .into_iter()
            .collect();
        // The exact bytes: a signature covers them, so they are not parsed and re-written.
        let body = std::fs::read(&a.body).map_err(|e| {
            PayoutError::config(format!(
                "cannot read the body file {}: {e}",
                a.body.display()
            ))
        })?;
        let mut req = WebhookRequest::new(&headers, &body);
        if let Some(u) = &a.url {
            req = req.at(u);
        }
        let (ev, ack) = webhook::receive(&spec, &creds, &OsEntropy, &req)?;
        let x = ev.extracted;
        Ok(json!({
            "ok": true,
            "status": x.status.map(|s| s.to_string()),
            "provider_status": x.provider_status,
            "merchant_ref": x.merchant_ref,
            "provider_ref": x.provider_ref,
            "ack": { "status": ack.status, "body": ack.body },
        }))
    })();
    crate::answer(outcome)
}

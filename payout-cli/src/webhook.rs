//! `payout webhook`: verify a received webhook and read it.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use payout_runtime::source::OsEntropy;
use payout_runtime::{
    webhook, ClientOptions, CompiledSpec, DynamicClient, ErrorKind, PayoutError, WebhookRequest,
};
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
    /// The largest body accepted, in bytes; a larger one is refused unread.
    #[arg(long, default_value_t = payout_runtime::http::DEFAULT_MAX_BODY_BYTES)]
    pub max_body_bytes: usize,
    /// Where the gateway is, for a webhook it verifies by postback (PayPal): the webhook is
    /// sent back to it and read only if it says yes.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Allow a plain `http://` base URL (a local sandbox).
    #[arg(long)]
    pub insecure_http: bool,
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
        let body = read_capped(&a.body, a.max_body_bytes)?;
        let mut req = WebhookRequest::new(&headers, &body);
        if let Some(u) = &a.url {
            req = req.at(u);
        }
        if let Some(base_url) = &a.base_url {
            // Through a client: it runs the postback operation (and its flow: a token).
            let options = ClientOptions {
                allow_insecure_http: a.insecure_http,
                max_body_bytes: a.max_body_bytes,
                ..ClientOptions::default()
            };
            let client = DynamicClient::new(spec.clone(), creds, base_url, options)?;
            let rt = crate::runtime()?;
            let ev = rt.block_on(client.postback_webhook(req))?;
            return Ok(json!({
                "ok": true,
                "status": ev.status.map(|s| s.to_string()),
                "provider_status": ev.provider_status,
                "merchant_ref": ev.merchant_ref,
                "provider_ref": ev.provider_ref,
                "ack": { "status": ev.ack.status, "body": ev.ack.body },
            }));
        }
        let (ev, ack) = webhook::receive(&spec, &creds, &OsEntropy, &req)
            .map_err(|e| needs_base_url(&spec, e))?;
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

/// A webhook that only the gateway can confirm, checked without `--base-url`: the error
/// says how to ask it.
fn needs_base_url(spec: &CompiledSpec, e: PayoutError) -> PayoutError {
    let s = spec.spec();
    let Some((name, op)) = s
        .webhooks
        .iter()
        .find_map(|(n, w)| w.postback.as_deref().map(|op| (n, op)))
    else {
        return e;
    };
    if e.kind != ErrorKind::Unsupported {
        return e;
    }
    let example = s
        .environments
        .values()
        .next()
        .map(|env| format!(" (such as `--base-url {}`)", env.base_url))
        .unwrap_or_default();
    PayoutError::new(
        ErrorKind::Unsupported,
        format!(
            "the webhook `{name}` is verified by asking {} (the postback operation `{op}`): pass the gateway's base URL with `--base-url`{example}; the webhook is read only if the gateway confirms it",
            s.provider.name
        ),
    )
}

/// The file's bytes, refused unread past `max` (a webhook body is bounded before it is
/// parsed, as the receiver bounds it).
fn read_capped(path: &std::path::Path, max: usize) -> Result<Vec<u8>, PayoutError> {
    use std::io::Read;
    let cannot = |e: std::io::Error| {
        PayoutError::config(format!("cannot read the body file {}: {e}", path.display()))
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut body = Vec::new();
    file.take(max as u64 + 1)
        .read_to_end(&mut body)
        .map_err(cannot)?;
    if body.len() > max {
        return Err(PayoutError::new(
            payout_runtime::ErrorKind::MalformedResponse,
            format!("the webhook body is larger than the limit of {max} bytes (`--max-body-bytes`); it was not read"),
        ));
    }
    Ok(body)
}

//! `payout sign`: build a request without sending it.

use std::path::PathBuf;
use std::process::ExitCode;

use payout_runtime::context::ObtainedValue;
use payout_runtime::flow::{given_values, raw_input, wanted};
use payout_runtime::request::{self, Preparation, RequestOptions};
use payout_runtime::source::{Entropy, FixedBytes, OsEntropy, SystemClock};
use payout_runtime::IndexMap;
use payout_runtime::{CompiledSpec, Credentials, ErrorKind};
use serde_json::{json, Map, Value};

use crate::input;

/// The command line of `payout sign`.
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
    /// JSON object of input fields, by the gateway's field names; `-` reads stdin.
    #[arg(long)]
    pub input: PathBuf,
    /// Fixed request time, epoch milliseconds.
    #[arg(long)]
    pub timestamp: Option<u64>,
    /// Fixed nonce.
    #[arg(long)]
    pub nonce: Option<String>,
    /// Base URL (default: the spec's `sandbox` environment, else its first).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Also print every signing step's value, secrets redacted.
    #[arg(long)]
    pub explain: bool,
    /// Print header values that reveal a secret (a Basic auth header) in full, e.g. to
    /// send the request with curl. Without it they print as `<redacted:...>`.
    #[arg(long)]
    pub reveal_secrets: bool,
    /// Bytes the random source returns (random IVs, nonces), as hex: reproduces a
    /// known answer that involves randomness.
    #[arg(long, value_name = "HEX")]
    pub random: Option<String>,
    /// A value the flow's earlier steps would obtain (`token=...`), used as is instead of
    /// the `<obtained:NAME>` placeholder; repeatable.
    #[arg(long, value_name = "NAME=VALUE")]
    pub obtained: Vec<String>,
    /// The one-time token of a gateway's challenge (Wise's `x-2fa-approval`): the request
    /// is built as the resend that answers it, with the operation's `challenge.headers`.
    #[arg(long, value_name = "TOKEN")]
    pub challenge: Option<String>,
}

/// Exit codes: 0 built, 1 invalid input or credentials, 2 bad spec.
pub fn run(a: Args) -> ExitCode {
    let spec = match crate::load_spec(&a.spec) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let creds = match input::strings(&a.credentials, "credentials")
        .map_err(|e| vec![e])
        .and_then(|c| Credentials::new(spec.spec(), c).map_err(|e| e.0))
    {
        Ok(c) => c,
        Err(problems) => return crate::fail(&problems),
    };
    let fields = match input::object(&a.input, "input") {
        Ok(i) => i,
        Err(e) => return crate::fail(&[e]),
    };
    let base_url = match a.base_url.clone().or_else(|| default_base_url(&spec)) {
        Some(u) => u,
        None => return crate::fail(&["the spec has no environments: give --base-url".to_string()]),
    };
    let fixed = match a.random.as_deref().map(hex::decode).transpose() {
        Ok(bytes) => bytes.map(|b| FixedBytes::new(&b)),
        Err(_) => return crate::fail(&["--random takes bytes written as hex digits".to_string()]),
    };
    let entropy: &dyn Entropy = match &fixed {
        Some(f) => f,
        None => &OsEntropy,
    };
    let prep = Preparation {
        spec: &spec,
        creds: &creds,
        clock: &SystemClock,
        entropy,
    };
    // Values the flow's earlier steps would obtain are not fetched here: they show as
    // `<obtained:NAME>`, and `--explain` lists the steps that would obtain them.
    // A value the input gives (a recipient's code) is not obtained.
    let given = given_values(spec.spec(), &a.op, &fields);
    // The steps still to run: not those of a given value (a transfer needs no quote).
    let wanted = wanted(spec.spec(), &a.op, &given);
    let mut fixed = IndexMap::new();
    for o in &a.obtained {
        let Some((name, value)) = o.split_once('=') else {
            return crate::fail(&[format!("--obtained takes NAME=VALUE, not `{o}`")]);
        };
        fixed.insert(name.to_string(), value.to_string());
    }
    let placeholders: IndexMap<String, ObtainedValue> = spec
        .flow(&a.op)
        .iter()
        .filter(|n| wanted.contains(*n))
        .map(|n| {
            let secret = spec.spec().obtain.get(n).is_some_and(|o| o.is_secret());
            let v = match fixed.get(n) {
                Some(text) => ObtainedValue {
                    text: text.clone(),
                    secret,
                },
                None => ObtainedValue {
                    text: format!("<obtained:{n}>"),
                    secret: false,
                },
            };
            (n.clone(), v)
        })
        .collect();
    let opts = RequestOptions {
        timestamp: a.timestamp,
        nonce: a.nonce.clone(),
        explain: a.explain,
        obtained: placeholders.clone(),
        // A header that reveals a secret (Basic auth) is shown rendered with it redacted.
        show: true,
        ..RequestOptions::default()
    };
    let mut flow = Vec::new();
    if a.explain {
        for name in spec.flow(&a.op).iter().filter(|n| wanted.contains(*n)) {
            let Some(o) = spec.spec().obtain.get(name) else {
                continue;
            };
            let input = raw_input(&spec, &o.operation, &fields, &placeholders, true);
            let step = match request::prepare(&prep, &o.operation, &base_url, &input, &opts) {
                Ok(r) => r,
                Err(e) => {
                    return crate::fail(&[
                        format!("the step `{}`: {e}", o.operation),
                        placeholder_hint(&placeholders),
                    ])
                }
            };
            flow.push(json!({
                "obtains": name,
                "operation": o.operation,
                "method": step.method(),
                "url": step.shown_url(),
                "headers": step.shown_headers().into_iter().map(|(k, v)| (k, Value::String(v))).collect::<Map<String, Value>>(),
                "body": step.shown_body(),
                "value": o.value,
            }));
        }
    }
    let fields = raw_input(&spec, &a.op, &fields, &placeholders, false);
    let opts = RequestOptions {
        challenge: a.challenge.clone(),
        ..opts
    };
    let req = match request::prepare(&prep, &a.op, &base_url, &fields, &opts) {
        Ok(r) => r,
        Err(e) if e.kind == ErrorKind::InvalidInput => {
            let mut lines: Vec<String> = e.fields.iter().map(|f| f.to_string()).collect();
            if placeholders
                .values()
                .any(|v| v.text.starts_with("<obtained:"))
            {
                lines.push(placeholder_hint(&placeholders));
            }
            return crate::fail(&lines);
        }
        Err(e) => return crate::fail(&[e.to_string()]),
    };
    // A header that reveals a secret (Basic auth) prints redacted unless asked for.
    let shown = if a.reveal_secrets {
        req.headers.clone()
    } else {
        req.shown_headers()
    };
    let headers: Map<String, Value> = shown
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    let mut out = json!({
        "method": req.method(),
        "url": if a.reveal_secrets { req.url().to_string() } else { req.shown_url() },
        "headers": headers,
        "body": if a.reveal_secrets { req.body_text() } else { req.shown_body() },
    });
    if a.explain {
        out["steps"] = serde_json::to_value(&req.trace).unwrap_or(Value::Null);
        if !flow.is_empty() {
            out["flow"] = Value::Array(flow);
        }
        // How the gateway may challenge this request, and what answers it.
        if let Some(ch) = spec
            .spec()
            .operations
            .get(&a.op)
            .and_then(|o| o.challenge.as_ref())
        {
            out["challenge"] = json!({
                "status": ch.status,
                "token_header": ch.header,
                "resend_headers": ch.headers.keys().collect::<Vec<_>>(),
                "answered": a.challenge.is_some(),
            });
        }
    }
    crate::print_json(&out);
    ExitCode::SUCCESS
}

/// The `sandbox` environment if the spec has one, else its first.
pub fn default_base_url(spec: &CompiledSpec) -> Option<String> {
    let envs = &spec.spec().environments;
    envs.get("sandbox")
        .or_else(|| envs.values().next())
        .map(|e| e.base_url.clone())
}

/// What to do when a `<obtained:NAME>` placeholder does not pass a field's rules (a
/// recipient id the gateway writes as an integer): the flow's values are not fetched by
/// `sign`, so the user gives them.
fn placeholder_hint(placeholders: &IndexMap<String, ObtainedValue>) -> String {
    let missing: Vec<&str> = placeholders
        .iter()
        .filter(|(_, v)| v.text.starts_with("<obtained:"))
        .map(|(n, _)| n.as_str())
        .collect();
    if missing.is_empty() {
        return "every obtained value was given with --obtained".to_string();
    }
    format!(
        "values the flow obtains are not fetched by `sign` and show as `<obtained:NAME>`; \
         where a field needs another form (a number), give them: {}",
        missing
            .iter()
            .map(|n| format!("--obtained {n}=VALUE"))
            .collect::<Vec<_>>()
            .join(" ")
    )
}

//! `payout serve`: the ledger behind HTTP until stopped (Ctrl-C or SIGTERM). The first line
//! on stdout is `payout serve on http://ADDR`; one log line per request goes to stderr.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use payout_ledger::{Backend, Config, Ledger, Store};
use payout_runtime::{ClientOptions, DynamicClient};

/// The command line of `payout serve`.
#[derive(clap::Args)]
pub struct Args {
    /// Folder of specs (`*.yaml`); each gateway with credentials is served.
    #[arg(long)]
    pub specs: PathBuf,
    /// `sqlite://PATH` (created if missing) or `postgres://USER@HOST/DB`.
    #[arg(long)]
    pub db: String,
    /// Folder of `<gateway>.json` credentials (as `payout sandbox --write-credentials`
    /// writes them); a gateway without one is not served.
    #[arg(long)]
    pub credentials: PathBuf,
    /// The address to listen on (`127.0.0.1:0` picks a free port; the first line on stdout
    /// says which).
    #[arg(long, default_value = "127.0.0.1:8090")]
    pub listen: SocketAddr,
    /// A gateway's base URL instead of its spec's `production` environment; repeatable.
    #[arg(long = "base-url", value_name = "GATEWAY=URL")]
    pub base_urls: Vec<String>,
    /// Allow plain-HTTP base URLs (a local sandbox).
    #[arg(long)]
    pub insecure_http: bool,
    /// Where gateways reach this service, for the notify URL of payouts that name none
    /// (default: `http://` and the listening address).
    #[arg(long)]
    pub public_url: Option<String>,
    /// First wait between the reconciler's checks of a payout (doubled each time, with
    /// jitter, up to ten minutes).
    #[arg(long, default_value_t = 2000, value_name = "MS")]
    pub check_interval_ms: u64,
    /// How long a query's "not found" must hold after a create became in doubt before the
    /// payout is judged never created (`refused`).
    #[arg(long, default_value_t = 120, value_name = "SECS")]
    pub not_found_grace_secs: u64,
}

pub fn run(a: Args) -> ExitCode {
    let clients = match clients(&a) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let rt = match crate::runtime() {
        Ok(rt) => rt,
        Err(e) => return crate::fail(&[e.to_string()]),
    };
    rt.block_on(async move {
        let store = match Store::open(&a.db).await {
            Ok(s) => s,
            Err(e) => return crate::fail(&[format!("{}: {e}", redact(&a.db))]),
        };
        let listener = match tokio::net::TcpListener::bind(a.listen).await {
            Ok(l) => l,
            Err(e) => return crate::fail(&[format!("cannot listen on {}: {e}", a.listen)]),
        };
        let addr = listener.local_addr().unwrap_or(a.listen);
        let single = store.backend() == Backend::Sqlite;
        let config = Config {
            public_url: Some(
                a.public_url
                    .clone()
                    .unwrap_or_else(|| format!("http://{addr}")),
            ),
            check_base: Duration::from_millis(a.check_interval_ms.max(1)),
            not_found_grace: Duration::from_secs(a.not_found_grace_secs),
            ..Config::default()
        };
        let ledger = Arc::new(Ledger::new(store, clients, config));
        // A SQLite ledger is one process: creates it finds unfinished were cut short by a
        // crash. On PostgreSQL another instance may be sending them: their leases expire.
        if single {
            match ledger.recover().await {
                Ok(0) => {}
                Ok(n) => tracing::warn!(
                    count = n,
                    "creates found unfinished after a restart are now in doubt"
                ),
                Err(e) => return crate::fail(&[e.to_string()]),
            }
        }
        crate::out(&format!("payout serve on http://{addr}"));
        match payout_ledger::serve::serve(ledger, listener, shutdown()).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => crate::fail(&[format!("serving stopped: {e}")]),
        }
    })
}

/// A database URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

async fn shutdown() {
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(t) => t,
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                    return;
                }
            };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

/// One client per spec that has credentials.
fn clients(a: &Args) -> Result<Vec<DynamicClient>, ExitCode> {
    let mut overrides = std::collections::HashMap::new();
    for b in &a.base_urls {
        match b.split_once('=') {
            Some((g, u)) if !g.is_empty() && !u.is_empty() => {
                overrides.insert(g.to_string(), u.to_string());
            }
            _ => {
                return Err(crate::fail(&[format!(
                    "--base-url `{b}`: expected GATEWAY=URL"
                )]))
            }
        }
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&a.specs)
        .map_err(|e| crate::fail(&[format!("cannot read {}: {e}", a.specs.display())]))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    let options = ClientOptions {
        allow_insecure_http: a.insecure_http,
        ..ClientOptions::default()
    };
    let mut out = Vec::new();
    for path in paths {
        let spec = Arc::new(crate::load_spec(&path)?);
        let id = spec.spec().provider.id.clone();
        let creds_path = a.credentials.join(format!("{id}.json"));
        if !creds_path.exists() {
            crate::err(&format!("{id}: not served (no {})", creds_path.display()));
            continue;
        }
        let creds = crate::load_credentials(&spec, &creds_path)
            .map_err(|e| crate::fail(&[format!("{}: {e}", creds_path.display())]))?;
        let client = match overrides.get(&id) {
            Some(url) => DynamicClient::new(spec, creds, url, options.clone()),
            None => DynamicClient::for_environment(spec, creds, "production", options.clone()),
        }
        .map_err(|e| crate::fail(&[format!("{id}: {e}")]))?;
        out.push(client);
    }
    let unknown: Vec<&String> = overrides
        .keys()
        .filter(|g| !out.iter().any(|c| &c.spec().spec().provider.id == *g))
        .collect();
    if !unknown.is_empty() {
        return Err(crate::fail(&[format!(
            "--base-url for gateways not served: {unknown:?}"
        )]));
    }
    Ok(out)
}

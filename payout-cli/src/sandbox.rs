//! `payout sandbox`: imitate gateways on loopback until stopped.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use payout_sandbox::{GatewaySetup, Options, Sandbox};

/// The command line of `payout sandbox`.
#[derive(clap::Args)]
pub struct Args {
    /// The specs of the gateways to imitate (each served under `/{provider id}`).
    #[arg(long = "spec", required = true, num_args = 1..)]
    pub specs: Vec<PathBuf>,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Milliseconds between the statuses of a payout (0: only through the admin API).
    #[arg(long, default_value_t = 2000)]
    pub step_ms: u64,
    /// Milliseconds one minute of the webhook retry schedule lasts.
    #[arg(long, default_value_t = 1000)]
    pub minute_ms: u64,
    /// Where webhooks go when a payout names no notify URL.
    #[arg(long)]
    pub notify_url: Option<String>,
    /// Serve HTTPS with this certificate chain (PEM); needs --tls-key.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The private key of --tls-cert (PEM).
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Require a client certificate signed by this CA (PEM): mutual TLS, as bank payout
    /// APIs do. Needs --tls-cert.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub client_ca: Option<PathBuf>,
    /// Write the test credentials the sandbox verifies with to DIR/<gateway>.json.
    #[arg(long, value_name = "DIR")]
    pub write_credentials: Option<PathBuf>,
}

pub fn run(a: Args) -> ExitCode {
    let mut setups = Vec::new();
    for path in &a.specs {
        let spec = match crate::load_spec(path) {
            Ok(s) => Arc::new(s),
            Err(code) => return code,
        };
        match GatewaySetup::with_test_credentials(spec) {
            Ok(mut s) => {
                s.notify_url = a.notify_url.clone();
                setups.push(s);
            }
            Err(e) => return crate::fail(&[e]),
        }
    }
    if let Some(dir) = &a.write_credentials {
        if let Err(e) = write_credentials(dir, &setups) {
            return crate::fail(&[e]);
        }
    }
    let options = Options {
        listen: a.listen,
        step_delay: (a.step_ms > 0).then(|| Duration::from_millis(a.step_ms)),
        minute: Duration::from_millis(a.minute_ms),
        tls: match tls(&a) {
            Ok(t) => t,
            Err(e) => return crate::fail(&[e]),
        },
    };
    let rt = match crate::runtime() {
        Ok(rt) => rt,
        Err(e) => return crate::fail(&[e.to_string()]),
    };
    rt.block_on(async move {
        let sb = match Sandbox::start(setups, options).await {
            Ok(sb) => sb,
            Err(e) => return crate::fail(&[e]),
        };
        crate::out(&format!(
            "payout sandbox on {}://{} (Ctrl-C stops it)",
            sb.scheme(),
            sb.addr()
        ));
        for gw in sb.gateways() {
            let id = gw.id();
            crate::out(&format!(
                "  {id:<10} {}   admin: {}",
                sb.base_url(id).unwrap_or_default(),
                sb.admin_url(id)
            ));
        }
        if let Some(dir) = &a.write_credentials {
            crate::out(&format!(
                "  test credentials written to {}/<gateway>.json",
                dir.display()
            ));
        }
        let _ = tokio::signal::ctrl_c().await;
        sb.shutdown().await;
        ExitCode::SUCCESS
    })
}

/// The TLS settings of the command line, files read.
fn tls(a: &Args) -> Result<Option<payout_sandbox::Tls>, String> {
    let read = |p: &PathBuf| {
        std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
    };
    let (Some(cert), Some(key)) = (&a.tls_cert, &a.tls_key) else {
        return Ok(None);
    };
    Ok(Some(payout_sandbox::Tls {
        cert_pem: read(cert)?,
        key_pem: read(key)?,
        client_ca_pem: a.client_ca.as_ref().map(read).transpose()?,
    }))
}

/// The test-only credentials the sandbox verifies with, one JSON file per gateway, for
/// `payout call --credentials`.
fn write_credentials(dir: &std::path::Path, setups: &[GatewaySetup]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for s in setups {
        let id = &s.spec.spec().provider.id;
        let path = dir.join(format!("{id}.json"));
        let text = serde_json::to_string_pretty(&s.credentials).unwrap_or_default();
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

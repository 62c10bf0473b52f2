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
        ..Options::default()
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
            "payout sandbox on http://{} (Ctrl-C stops it)",
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

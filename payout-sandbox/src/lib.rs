//! A gateway simulator driven by payout specs, on loopback.
//!
//! One server imitates any set of specs, each gateway under its own path prefix
//! (`http://127.0.0.1:PORT/cashy`). It verifies each request's signature with the spec's
//! recipe and refuses bad ones as the gateway does, validates fields, keeps merchant
//! references unique (a duplicate gets the gateway's duplicate error, never a second
//! payout), moves payouts through statuses on a schedule or on command, signs responses
//! where the spec says so, and delivers signed webhooks, retried on the spec's schedule
//! with minutes scaled down. Faults (delays, 5xx, dropped connections, malformed bodies,
//! wrong signatures, duplicate and out-of-order webhooks) are injected per request or by
//! probability. Admin endpoints are described in [`admin`].

pub mod admin;
mod challenge;
pub mod credentials;
pub mod faults;
mod flows;
pub mod gateway;
mod log;
mod notify;
mod plan;
pub mod receiver;
mod roles;
mod server;
pub mod store;
mod tls;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use indexmap::IndexMap;
use payout_runtime::credentials::GatewayKeys;
use payout_runtime::CompiledSpec;
use tokio::sync::watch;

pub use faults::{Fault, FaultRule};
pub use gateway::Gateway;
pub use notify::Delivery;
pub use store::{Order, Outcome};
pub use tls::Tls;

/// How the sandbox runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where to listen; port 0 picks a free one.
    pub listen: SocketAddr,
    /// Time between the statuses of a payout's path; `None` moves payouts only on command.
    pub step_delay: Option<Duration>,
    /// What one minute of the gateway's webhook retry schedule lasts here.
    pub minute: Duration,
    /// Serve HTTPS with this certificate (and require client certificates if it says so);
    /// plain HTTP when `None`.
    pub tls: Option<Tls>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            step_delay: None,
            minute: Duration::from_millis(100),
            tls: None,
        }
    }
}

/// One gateway to imitate.
pub struct GatewaySetup {
    pub spec: Arc<CompiledSpec>,
    /// The merchant's credentials, by the spec's names (the sandbox verifies requests and
    /// signs answers with them, as the gateway holds them).
    pub credentials: IndexMap<String, String>,
    /// The gateway's own private keys, by the name of the public-key credential that
    /// verifies them.
    pub gateway_keys: GatewayKeys,
    /// Where webhooks go when a payout names no notify URL.
    pub notify_url: Option<String>,
}

impl GatewaySetup {
    /// The spec with the test-only credentials of [`credentials`].
    pub fn with_test_credentials(spec: Arc<CompiledSpec>) -> Result<Self, String> {
        Ok(GatewaySetup {
            credentials: credentials::merchant(spec.spec()),
            gateway_keys: credentials::gateway_keys(spec.spec())?,
            spec,
            notify_url: None,
        })
    }
}

/// What gateways share.
pub(crate) struct Shared {
    pub(crate) options: Options,
    /// Sends webhooks.
    pub(crate) http: reqwest::Client,
}

/// A running sandbox. Stops when dropped or on [`Sandbox::shutdown`].
pub struct Sandbox {
    addr: SocketAddr,
    scheme: &'static str,
    gateways: IndexMap<String, Arc<Gateway>>,
    stop: watch::Sender<bool>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Sandbox {
    /// Starts imitating these gateways.
    pub async fn start(setups: Vec<GatewaySetup>, options: Options) -> Result<Sandbox, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| format!("cannot build the webhook client: {e}"))?;
        let shared = Arc::new(Shared {
            options: options.clone(),
            http,
        });
        let mut gateways = IndexMap::new();
        for s in setups {
            let id = s.spec.spec().provider.id.clone();
            if gateways.contains_key(&id) {
                return Err(format!("two specs have the provider id `{id}`"));
            }
            let gw = Gateway::new(
                s.spec,
                s.credentials,
                s.gateway_keys,
                s.notify_url,
                shared.clone(),
            )
            .map_err(|e| format!("{id}: {e}"))?;
            gateways.insert(id, Arc::new(gw));
        }
        let listener = tokio::net::TcpListener::bind(options.listen)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", options.listen))?;
        let addr = listener
            .local_addr()
            .map_err(|e| format!("no local address: {e}"))?;
        let router = server::router(&gateways)?;
        let tls = options.tls.as_ref().map(Tls::acceptor).transpose()?;
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(server::serve(listener, tls, router, stopped));
        Ok(Sandbox {
            addr,
            scheme: if options.tls.is_some() {
                "https"
            } else {
                "http"
            },
            gateways,
            stop,
            task: Some(task),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL a client of this gateway uses (`http://127.0.0.1:PORT/cashy`, or
    /// `https://` when the sandbox serves TLS).
    pub fn base_url(&self, id: &str) -> Option<String> {
        self.gateways
            .contains_key(id)
            .then(|| format!("{}://{}/{id}", self.scheme, self.addr))
    }

    /// The admin base URL of a gateway (`http://127.0.0.1:PORT/_admin/cashy`).
    pub fn admin_url(&self, id: &str) -> String {
        format!("{}://{}/_admin/{id}", self.scheme, self.addr)
    }

    /// `http` or `https`.
    pub fn scheme(&self) -> &'static str {
        self.scheme
    }

    pub fn gateway(&self, id: &str) -> Option<Arc<Gateway>> {
        self.gateways.get(id).cloned()
    }

    pub fn gateways(&self) -> impl Iterator<Item = &Arc<Gateway>> {
        self.gateways.values()
    }

    /// Stops serving and waits for the server to finish.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(t) = self.task.take() {
            let _ = t.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

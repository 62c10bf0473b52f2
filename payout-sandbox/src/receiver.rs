//! The merchant's side of webhooks, for the demo and tests: an endpoint per gateway that
//! verifies each webhook through the gateway's client, keeps the outcome, and answers with
//! the spec's acknowledgement (or 401 when the webhook does not verify, so the gateway
//! retries).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use payout_runtime::{PayoutError, PayoutProvider, WebhookEvent, WebhookRequest};
use tokio::sync::watch;

use payout_runtime::http::header_pairs;

use crate::gateway::lock;
use crate::server::request_url;

/// A webhook as the merchant received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub provider: String,
    /// The event, or why it was refused (never an event when it does not verify).
    pub outcome: Result<WebhookEvent, PayoutError>,
    /// The webhook as it arrived: where, its headers and its exact body.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

type Providers = Arc<HashMap<String, Arc<dyn PayoutProvider>>>;

#[derive(Clone)]
struct AppState {
    providers: Providers,
    log: Arc<Mutex<Vec<Received>>>,
}

/// A running webhook endpoint. Stops when dropped.
pub struct Receiver {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<Received>>>,
    stop: watch::Sender<bool>,
}

impl Receiver {
    /// Listens on a free loopback port; webhooks for provider `id` go to [`Receiver::url`].
    /// Bodies over [`payout_runtime::http::DEFAULT_MAX_BODY_BYTES`] are refused unread.
    pub async fn start(
        providers: HashMap<String, Arc<dyn PayoutProvider>>,
    ) -> Result<Receiver, String> {
        Receiver::start_with_limit(providers, payout_runtime::http::DEFAULT_MAX_BODY_BYTES).await
    }

    /// [`Receiver::start`] with another body size limit: a larger webhook is answered
    /// `413` before its body is read past the limit, and never parsed.
    pub async fn start_with_limit(
        providers: HashMap<String, Arc<dyn PayoutProvider>>,
        max_body_bytes: usize,
    ) -> Result<Receiver, String> {
        let log = Arc::new(Mutex::new(Vec::new()));
        let state = AppState {
            providers: Arc::new(providers),
            log: log.clone(),
        };
        let app = Router::new()
            .route("/hooks/{id}", post(hook))
            .layer(axum::extract::DefaultBodyLimit::max(max_body_bytes))
            .with_state(state);
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .map_err(|e| format!("cannot listen: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let (stop, mut stopped) = watch::channel(false);
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stopped.changed().await;
                })
                .await;
        });
        Ok(Receiver { addr, log, stop })
    }

    pub fn url(&self, id: &str) -> String {
        format!("http://{}/hooks/{id}", self.addr)
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<Received> {
        lock(&self.log).clone()
    }

    /// Waits until a received webhook satisfies `pred`, up to `timeout`.
    pub async fn wait_for(
        &self,
        timeout: Duration,
        pred: impl Fn(&Received) -> bool,
    ) -> Option<Received> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(r) = lock(&self.log).iter().find(|r| pred(r)).cloned() {
                return Some(r);
            }
            if Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

async fn hook(
    State(st): State<AppState>,
    Path(id): Path<String>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let Some(p) = st.providers.get(&id) else {
        return (StatusCode::NOT_FOUND, "unknown provider").into_response();
    };
    let pairs = header_pairs(&headers);
    // The URL the gateway delivered to, which some gateways sign.
    let url = request_url(&headers, &uri);
    let outcome = p
        .verify_webhook(WebhookRequest::new(&pairs, &body).at(&url))
        .await;
    let resp = match &outcome {
        Ok(ev) => {
            let status = StatusCode::from_u16(ev.ack.status).unwrap_or(StatusCode::OK);
            let mut r = (status, ev.ack.body.clone()).into_response();
            if let Ok(ct) = axum::http::HeaderValue::try_from(ev.ack.content_type()) {
                r.headers_mut().insert(axum::http::header::CONTENT_TYPE, ct);
            }
            r
        }
        Err(e) => (StatusCode::UNAUTHORIZED, e.to_string()).into_response(),
    };
    lock(&st.log).push(Received {
        provider: id,
        outcome,
        url,
        headers: pairs,
        body: body.to_vec(),
    });
    resp
}

//! The HTTP side: one router for every gateway (each under its `/{id}` prefix) and the
//! admin endpoints, served by an accept loop that can close a connection without an answer.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::{RawPathParams, Request};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{on, MethodFilter};
use axum::Router;
use hyper_util::rt::TokioIo;
use indexmap::IndexMap;
use payout_spec::HttpMethod;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceExt;

use crate::gateway::{plain, Gateway, Incoming};

/// Marks a response the server answers by closing the connection (a dropped-connection
/// fault): the client cannot tell whether its request was processed.
#[derive(Debug, Clone, Copy)]
pub struct DropConnection;

#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped on purpose (sandbox fault)")
    }
}

impl std::error::Error for Dropped {}

/// Largest request body accepted.
const MAX_BODY: usize = 1 << 20;

/// The router of every gateway. A spec the router cannot serve (two operations on one
/// method and path, route syntax in a path) is an error, not a panic.
pub(crate) fn router(gateways: &IndexMap<String, Arc<Gateway>>) -> Result<Router, String> {
    let mut r = Router::new();
    let mut seen = std::collections::HashSet::new();
    for (id, gw) in gateways {
        for (op_name, op) in &gw.spec().spec().operations {
            let route = format!("/{id}{}", op.path);
            if op.path.contains('*') || op.path.split('/').any(|s| s.starts_with(':')) {
                return Err(format!(
                    "{id}: the sandbox cannot serve the path `{}` of `{op_name}`",
                    op.path
                ));
            }
            if !seen.insert((op.method.as_str(), route.clone())) {
                return Err(format!(
                    "{id}: the sandbox cannot tell apart two operations on {} {}",
                    op.method, op.path
                ));
            }
            let filter = match op.method {
                HttpMethod::GET => MethodFilter::GET,
                HttpMethod::POST => MethodFilter::POST,
                HttpMethod::PUT => MethodFilter::PUT,
                HttpMethod::PATCH => MethodFilter::PATCH,
                HttpMethod::DELETE => MethodFilter::DELETE,
            };
            let gw = gw.clone();
            // Shared, not copied, by each request's handler.
            let op_name: Arc<str> = op_name.as_str().into();
            let prefix: Arc<str> = format!("/{id}").into();
            let handler = move |params: RawPathParams, req: Request| {
                let gw = gw.clone();
                let op_name = op_name.clone();
                let prefix = prefix.clone();
                async move {
                    match incoming(&prefix, &params, req).await {
                        Ok(inc) => gw.handle(&op_name, inc).await,
                        Err(m) => plain(StatusCode::BAD_REQUEST, "text/plain", m.into_bytes()),
                    }
                }
            };
            r = r.route(&route, on(filter, handler));
        }
    }
    Ok(r.merge(crate::admin::router(gateways)))
}

/// The full URL a request was sent to (the sandbox serves plain HTTP), query included: what
/// a signature over the URL covers.
pub(crate) fn request_url(headers: &axum::http::HeaderMap, uri: &axum::http::Uri) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let path_and_query = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
    // Joined by hand: `format!` costs twice as much on every request.
    let mut url = String::with_capacity("http://".len() + host.len() + path_and_query.len());
    url.push_str("http://");
    url.push_str(host);
    url.push_str(path_and_query);
    url
}

async fn incoming(prefix: &str, params: &RawPathParams, req: Request) -> Result<Incoming, String> {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_BODY)
        .await
        .map_err(|e| format!("cannot read the body: {e}"))?;
    let uri_path = parts.uri.path();
    let params: HashMap<String, String> = params
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Ok(Incoming {
        method: parts.method.as_str().to_string(),
        path: uri_path
            .strip_prefix(prefix)
            .unwrap_or(uri_path)
            .to_string(),
        url: match parts.extensions.get::<OverTls>() {
            Some(_) => request_url(&parts.headers, &parts.uri).replacen("http://", "https://", 1),
            None => request_url(&parts.headers, &parts.uri),
        },
        query: parts.uri.query().map(str::to_string),
        params,
        headers: parts.headers,
        body: bytes.to_vec(),
    })
}

/// Marks a request that came over TLS: the URL a signature covers is then `https://`.
#[derive(Debug, Clone, Copy)]
struct OverTls;

/// Serves until `shutdown` changes, over TLS when `tls` is set (a failed handshake, such as
/// a missing client certificate, closes that connection). Each connection is HTTP/1.1; a
/// response marked [`DropConnection`] makes the service fail, which closes the connection
/// unanswered.
pub(crate) async fn serve(
    listener: TcpListener,
    tls: Option<tokio_rustls::TlsAcceptor>,
    router: Router,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let router = router.clone();
                let stop = shutdown.clone();
                match tls.clone() {
                    None => {
                        tokio::spawn(connection(stream, false, router, stop));
                    }
                    Some(acceptor) => {
                        tokio::spawn(async move {
                            match acceptor.accept(stream).await {
                                Ok(s) => connection(s, true, router, stop).await,
                                Err(e) => tracing::info!("TLS handshake refused: {e}"),
                            }
                        });
                    }
                }
            }
            _ = shutdown.changed() => break,
        }
    }
}

/// The handling of one request, polled in its connection's task. When the connection goes
/// away first (the client timed out or disconnected), what is left of it is handed to a
/// task of its own: a gateway goes on processing a request whose client gave up, as real
/// ones do. (A task per request from the start did the same, at the cost of a task and a
/// worker's wake-up on every request.)
struct Detached<F: Future<Output = Response> + Send + 'static> {
    handling: Option<Pin<Box<F>>>,
}

impl<F: Future<Output = Response> + Send + 'static> Detached<F> {
    fn new(handling: F) -> Self {
        Detached {
            handling: Some(Box::pin(handling)),
        }
    }
}

impl<F: Future<Output = Response> + Send + 'static> Future for Detached<F> {
    type Output = Response;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Response> {
        let Some(handling) = self.handling.as_mut() else {
            // Polled again after its answer: hyper does not.
            return Poll::Pending;
        };
        let resp = std::task::ready!(handling.as_mut().poll(cx));
        self.handling = None;
        Poll::Ready(resp)
    }
}

impl<F: Future<Output = Response> + Send + 'static> Drop for Detached<F> {
    fn drop(&mut self) {
        // Not while unwinding from a panic inside the handling: it cannot be resumed.
        if std::thread::panicking() {
            return;
        }
        if let (Some(handling), Ok(rt)) =
            (self.handling.take(), tokio::runtime::Handle::try_current())
        {
            rt.spawn(handling);
        }
    }
}

/// One HTTP/1.1 connection, until it closes or the sandbox stops.
async fn connection<S>(stream: S, over_tls: bool, router: Router, mut stop: watch::Receiver<bool>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let svc = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
        let router = router.clone();
        if over_tls {
            req.extensions_mut().insert(OverTls);
        }
        async move {
            let handling = async move {
                match router.oneshot(req.map(axum::body::Body::new)).await {
                    Ok(r) => r,
                    Err(never) => match never {},
                }
            };
            let resp = Detached::new(handling).await;
            if resp.extensions().get::<DropConnection>().is_some() {
                Err(Dropped)
            } else {
                Ok(resp)
            }
        }
    });
    let conn =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), svc);
    tokio::select! {
        _ = conn => {}
        _ = stop.changed() => {}
    }
}

//! The HTTP client this engine builds for itself: hyper's pooled client over rustls, with
//! no layer between the request and the connection.
//!
//! reqwest, on which a caller's own client runs, does per request what a payout client
//! never needs: it parses the URL three times (its own, for its redirect policy even when
//! redirects are off, and again for the response), wraps every exchange in a redirect
//! layer and starts its own timer. Measured on loopback (`examples/calls.rs` under
//! cachegrind) that is about a third of a whole create, the engine's work included. This
//! client keeps the settings reqwest's `rustls-tls` client had for the engine: a connection
//! pool, TLS 1.2 and 1.3 with the WebPKI roots and the spec's extra CAs, a client
//! certificate for mutual TLS, ALPN `http/1.1`, TCP keepalive, a connect timeout (per
//! address and over the whole connection, handshake included), no redirects, a
//! `User-Agent` and `Accept: */*`.
//!
//! Two things differ. A URL goes out as it was signed, when the URI grammar takes it
//! (reqwest rewrote it by the WHATWG rules first). And a base URL with a user and password
//! is refused when the client is built (reqwest sent them as Basic authorization).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, ACCEPT, USER_AGENT};
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use rustls_pki_types::pem::{PemObject, SectionKind};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tower_service::Service;

use super::{ClientIdentity, TlsOptions};
use crate::error::PayoutError;

/// hyper's pooled HTTP/1.1 client over rustls.
#[derive(Clone)]
pub struct DirectClient {
    client: hyper_util::client::legacy::Client<Connector, Full<Bytes>>,
    user_agent: HeaderValue,
}

impl std::fmt::Debug for DirectClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DirectClient")
    }
}

/// Why an exchange failed, as far as it tells whether the request left.
pub enum Failure {
    /// The request could not be made from what was prepared (a header, the URL).
    Build(BoxError),
    /// No connection: nothing was sent.
    Connect(hyper_util::client::legacy::Error),
    /// The connection failed once it was made: the request may have arrived.
    Exchange(BoxError),
    /// The answer (of this HTTP status) was larger than the limit.
    TooLarge(u16),
}

/// An answer as hyper gave it, its body read within the limit.
pub struct Answer {
    pub status: u16,
    pub headers: http::HeaderMap,
    pub body: Vec<u8>,
}

impl DirectClient {
    pub fn new(
        connect_timeout: Duration,
        tls: &TlsOptions,
        user_agent: &'static str,
    ) -> Result<Self, PayoutError> {
        let mut http = HttpConnector::new();
        // The TLS connector takes `https` URLs; plain HTTP only where the client allows it.
        http.enforce_http(false);
        // Shared among a host's addresses, so that a silent one leaves time for the next.
        http.set_connect_timeout(Some(connect_timeout));
        // As reqwest does: a signed request goes out at once, not held for more bytes, and
        // a pooled connection the other side dropped is found out.
        http.set_nodelay(true);
        http.set_keepalive(Some(Duration::from_secs(15)));
        http.set_keepalive_interval(Some(Duration::from_secs(15)));
        http.set_keepalive_retries(Some(3));
        // `https` URLs through TLS, `http` ones as they are (the client refused those unless
        // allowed).
        let https = HttpsConnector::from((http, tls_config(tls)?));
        let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .build(Connector {
                https,
                limit: connect_timeout,
            });
        Ok(DirectClient {
            client,
            user_agent: HeaderValue::from_static(user_agent),
        })
    }

    /// Sends one request and reads its answer's body, refusing one larger than
    /// `max_body_bytes` (a declared length past it before reading).
    pub async fn exchange(
        &self,
        method: &str,
        url: &str,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        max_body_bytes: usize,
    ) -> Result<Answer, Failure> {
        let request = self.request(method, url, headers, body)?;
        let response = self.client.request(request).await.map_err(|e| {
            if e.is_connect() {
                Failure::Connect(e)
            } else {
                Failure::Exchange(Box::new(e))
            }
        })?;
        let (parts, mut incoming) = response.into_parts();
        // The length the answer declares, as hyper read it from its head.
        let declared = hyper::body::Body::size_hint(&incoming).exact();
        if declared.is_some_and(|n| n > max_body_bytes as u64) {
            return Err(Failure::TooLarge(parts.status.as_u16()));
        }
        let mut body = Vec::new();
        while let Some(frame) = incoming.frame().await {
            let frame = frame.map_err(|e| Failure::Exchange(Box::new(e)))?;
            if let Ok(chunk) = frame.into_data() {
                if body.len() + chunk.len() > max_body_bytes {
                    return Err(Failure::TooLarge(parts.status.as_u16()));
                }
                body.extend_from_slice(&chunk);
            }
        }
        Ok(Answer {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body,
        })
    }

    /// The request as hyper sends it: the prepared headers, then `User-Agent` and
    /// `Accept` unless the spec set them (reqwest's defaults, which gateways see today).
    fn request(
        &self,
        method: &str,
        url: &str,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    ) -> Result<http::Request<Full<Bytes>>, Failure> {
        let build = |e: BoxError| Failure::Build(e);
        let method = http::Method::from_bytes(method.as_bytes()).map_err(|e| build(e.into()))?;
        let uri = uri(url).map_err(Failure::Build)?;
        let mut request = http::Request::new(Full::new(Bytes::from(body)));
        *request.method_mut() = method;
        *request.uri_mut() = uri;
        let map = request.headers_mut();
        map.reserve(headers.len() + 2);
        for (name, value) in headers {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|e| build(e.into()))?;
            let value = HeaderValue::try_from(value).map_err(|e| build(e.into()))?;
            map.append(name, value);
        }
        if !map.contains_key(USER_AGENT) {
            map.insert(USER_AGENT, self.user_agent.clone());
        }
        if !map.contains_key(ACCEPT) {
            map.insert(ACCEPT, HeaderValue::from_static("*/*"));
        }
        Ok(request)
    }
}

/// The TLS connector held to the connect timeout, the TLS handshake included (reqwest holds
/// its connector so too): a gateway that accepts the connection and never finishes the
/// handshake has received nothing, and saying so spares a create the doubt of a timeout.
/// Only new connections go through it; a pooled one is reused as it is.
#[derive(Clone)]
struct Connector {
    https: HttpsConnector<HttpConnector>,
    limit: Duration,
}

type Connecting = Pin<Box<dyn Future<Output = Result<Connection, BoxError>> + Send>>;
type Connection = <HttpsConnector<HttpConnector> as Service<http::Uri>>::Response;
/// An error whose type was erased (what hyper's connectors and `http`'s builders give).
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

impl Service<http::Uri> for Connector {
    type Response = Connection;
    type Error = BoxError;
    type Future = Connecting;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.https.poll_ready(cx)
    }

    fn call(&mut self, uri: http::Uri) -> Connecting {
        let connecting = self.https.call(uri);
        let limit = self.limit;
        Box::pin(async move {
            match tokio::time::timeout(limit, connecting).await {
                Ok(connected) => connected,
                Err(_) => Err(format!("no connection within {limit:?} (TCP and TLS)").into()),
            }
        })
    }
}

/// A URL as hyper takes it. One the URI grammar refuses (a space, a host in Unicode) is
/// written out by the WHATWG parser first, as reqwest would have sent it.
fn uri(url: &str) -> Result<http::Uri, BoxError> {
    match url.parse::<http::Uri>() {
        Ok(uri) => Ok(uri),
        Err(_) => {
            let parsed = reqwest::Url::parse(url)?;
            Ok(parsed.as_str().parse::<http::Uri>()?)
        }
    }
}

/// TLS 1.2 and 1.3, the WebPKI roots and the extra CAs, a client certificate when one is
/// given, ALPN `http/1.1`: what reqwest's `rustls-tls` set up.
fn tls_config(tls: &TlsOptions) -> Result<rustls::ClientConfig, PayoutError> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for pem in &tls.root_certificates {
        let certs = CertificateDer::pem_slice_iter(pem.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| PayoutError::config(format!("a trusted CA is not PEM: {e}")))?;
        for cert in certs {
            roots
                .add(cert)
                .map_err(|e| PayoutError::config(format!("a trusted CA is not usable: {e}")))?;
        }
    }
    // The process's own provider when it installed one (FIPS), else ring, as reqwest chose.
    let provider = rustls::crypto::CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::ring::default_provider()));
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| PayoutError::config(format!("cannot set up TLS: {e}")))?
        .with_root_certificates(roots);
    let mut config = match &tls.identity {
        Some(id) => {
            let (certs, key) = identity(id)?;
            builder.with_client_auth_cert(certs, key).map_err(|e| {
                PayoutError::config(format!("the client certificate or key is not usable: {e}"))
            })?
        }
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// The certificate chain and the key of a client identity (PKCS#8, PKCS#1 or SEC1).
fn identity(
    id: &ClientIdentity,
) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), PayoutError> {
    let unusable = |what: &str| {
        PayoutError::config(format!(
            "the client certificate or key is not usable PEM: {what}"
        ))
    };
    let mut certs = Vec::new();
    let mut key = None;
    for section in <(SectionKind, Vec<u8>)>::pem_slice_iter(id.pem()) {
        let (kind, der) = section.map_err(|e| unusable(&e.to_string()))?;
        match kind {
            SectionKind::Certificate => certs.push(CertificateDer::from(der)),
            SectionKind::PrivateKey => key = Some(PrivateKeyDer::Pkcs8(der.into())),
            SectionKind::RsaPrivateKey => key = Some(PrivateKeyDer::Pkcs1(der.into())),
            SectionKind::EcPrivateKey => key = Some(PrivateKeyDer::Sec1(der.into())),
            _ => return Err(unusable("a section is neither a certificate nor a key")),
        }
    }
    match (key, certs.is_empty()) {
        (Some(key), false) => Ok((certs, key)),
        _ => Err(unusable("the private key or the certificate is missing")),
    }
}

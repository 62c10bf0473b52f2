//! Sending a prepared request, and what a failure means for whether the payout may exist.

use std::time::Duration;

use crate::context::Message;
use crate::error::{ErrorKind, PayoutError};
use crate::request::PreparedRequest;

/// A response as it arrived.
#[derive(Debug, Clone)]
pub struct RawResponse {
    pub status: u16,
    /// As the HTTP client read them: made into text pairs ([`header_pairs`]) only for an answer
    /// whose spec reads its headers.
    pub headers: reqwest::header::HeaderMap,
    pub body: Vec<u8>,
    /// Time from sending to the last byte.
    pub latency: Duration,
}

impl RawResponse {
    /// A header's value, its name compared without regard to case, read leniently (as
    /// [`header_pairs`] reads it).
    pub fn header(&self, name: &str) -> Option<std::borrow::Cow<'_, str>> {
        self.headers
            .get(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()))
    }
}

mod direct;

pub use direct::DirectClient;

/// What a client sends with: the client this engine builds (on hyper directly), or a
/// reqwest client (a caller's own, or this engine's when the system sets a proxy).
#[derive(Debug, Clone)]
pub enum Transport {
    Direct(DirectClient),
    Reqwest(reqwest::Client),
}

/// The `User-Agent` of the clients built here.
pub(crate) const USER_AGENT: &str = concat!("payout/", env!("CARGO_PKG_VERSION"));

/// Builds the HTTP client of one gateway client: one connection pool, rustls, timeouts, and
/// no redirects (a redirected POST would turn into a GET and lose the signed body); with a
/// client certificate for gateways that require mutual TLS, and extra trusted CAs for
/// gateways behind a private one.
///
/// It is hyper's client, unless the environment names a proxy (`HTTPS_PROXY` and the
/// like): then it is reqwest's, which goes through it as before.
pub fn client(
    connect_timeout: Duration,
    request_timeout: Duration,
    tls: &TlsOptions,
) -> Result<Transport, PayoutError> {
    client_in(
        |name| std::env::var_os(name),
        connect_timeout,
        request_timeout,
        tls,
    )
}

/// [`client`] in an environment read by `var`.
fn client_in(
    var: impl Fn(&str) -> Option<std::ffi::OsString>,
    connect_timeout: Duration,
    request_timeout: Duration,
    tls: &TlsOptions,
) -> Result<Transport, PayoutError> {
    if names_proxy(var) {
        return reqwest_client(connect_timeout, request_timeout, tls).map(Transport::Reqwest);
    }
    DirectClient::new(connect_timeout, tls, USER_AGENT).map(Transport::Direct)
}

/// Whether the environment (`var`) names a proxy, as reqwest reads it (`HTTP_PROXY`,
/// `HTTPS_PROXY`, `ALL_PROXY`, upper or lower case).
fn names_proxy(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ]
    .iter()
    .any(|name| var(name).is_some_and(|v| !v.is_empty()))
}

/// The reqwest client with the same settings, which also honours the system's proxy.
fn reqwest_client(
    connect_timeout: Duration,
    request_timeout: Duration,
    tls: &TlsOptions,
) -> Result<reqwest::Client, PayoutError> {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .timeout(request_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(USER_AGENT);
    if let Some(id) = &tls.identity {
        builder = builder.identity(id.identity()?);
    }
    for pem in &tls.root_certificates {
        let certs = reqwest::Certificate::from_pem_bundle(pem.as_bytes())
            .map_err(|e| PayoutError::config(format!("a trusted CA is not PEM: {e}")))?;
        for c in certs {
            builder = builder.add_root_certificate(c);
        }
    }
    builder
        .build()
        .map_err(|e| PayoutError::config(format!("cannot build the HTTP client: {e}")))
}

/// TLS settings of a client built here (a caller's own `reqwest::Client` carries its own).
#[derive(Debug, Clone, Default)]
pub struct TlsOptions {
    /// The client certificate and key presented to gateways that require mutual TLS.
    pub identity: Option<ClientIdentity>,
    /// CAs trusted besides the system's (PEM, one or several certificates each).
    pub root_certificates: Vec<String>,
}

/// A client certificate chain and its private key, PEM: what a gateway that requires
/// mutual TLS checks. Checked when made; the key never appears in `Debug`.
#[derive(Clone)]
pub struct ClientIdentity {
    pem: Vec<u8>,
}

impl ClientIdentity {
    /// The certificate chain (leaf first) and the private key (PKCS#8, PKCS#1 or SEC1).
    pub fn from_pem(cert_chain_pem: &[u8], key_pem: &[u8]) -> Result<Self, PayoutError> {
        let mut pem = key_pem.to_vec();
        pem.push(b'\n');
        pem.extend_from_slice(cert_chain_pem);
        let id = ClientIdentity { pem };
        id.identity()?;
        Ok(id)
    }

    /// The key and the chain, PEM.
    fn pem(&self) -> &[u8] {
        &self.pem
    }

    fn identity(&self) -> Result<reqwest::Identity, PayoutError> {
        reqwest::Identity::from_pem(&self.pem).map_err(|e| {
            let e = e.without_url();
            PayoutError::config(format!(
                "the client certificate or key is not usable PEM: {}",
                describe(&e)
            ))
            .caused_by(e)
        })
    }
}

impl std::fmt::Debug for ClientIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientIdentity(<redacted>)")
    }
}
/// The largest answer read by default (1 MiB): payout answers are a few kilobytes.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;

/// Sends exactly the prepared bytes. `create` says whether a lost answer may leave a payout
/// behind: then every failure after the connection was made is `Ambiguous`. The answer's
/// body is read chunk by chunk and never held beyond `max_body_bytes`: a larger one is an
/// error (`may_exist` on a create, since the gateway may have made the payout).
///
/// The request is handed over: its headers and body go to the wire as they are, not
/// copied; the message it was signed as comes back with the answer, to read it against.
///
/// `url` is the request's URL already parsed, when the client keeps it (it is the same for
/// every request, and a reqwest client would parse its text); otherwise the request's text
/// is read.
///
/// `limit` bounds the whole exchange, the answer's body read included, with one timer.
pub async fn send(
    client: &Transport,
    req: PreparedRequest,
    url: Option<reqwest::Url>,
    create: bool,
    limit: Limit,
    max_body_bytes: usize,
) -> Result<(Box<Message>, RawResponse), PayoutError> {
    tracing::debug!(operation = %req.operation, method = %req.method(), url = %req.shown_url(), "sending");
    match client {
        Transport::Direct(client) => send_direct(client, req, create, limit, max_body_bytes).await,
        Transport::Reqwest(client) => {
            send_reqwest(client, req, url, create, limit, max_body_bytes).await
        }
    }
}

/// [`send`] on the client this engine built.
async fn send_direct(
    client: &DirectClient,
    req: PreparedRequest,
    create: bool,
    limit: Limit,
    max_body_bytes: usize,
) -> Result<(Box<Message>, RawResponse), PayoutError> {
    let PreparedRequest {
        operation,
        headers,
        body,
        message,
        ..
    } = req;
    let started = std::time::Instant::now();
    let exchange = client.exchange(&message.method, &message.url, headers, body, max_body_bytes);
    let answer = match tokio::time::timeout(limit.time, exchange).await {
        Ok(Ok(answer)) => answer,
        Ok(Err(failure)) => return Err(failed(failure, create, max_body_bytes)),
        Err(_) => return Err(timed_out(&operation, limit.time, create)),
    };
    let latency = started.elapsed();
    tracing::debug!(operation = %operation, status = answer.status, ?latency, "received");
    Ok((
        message,
        RawResponse {
            status: answer.status,
            headers: answer.headers,
            body: answer.body,
            latency,
        },
    ))
}

/// [`send`] on a reqwest client, held to `limit` by reqwest's own timeout.
async fn send_reqwest(
    client: &reqwest::Client,
    req: PreparedRequest,
    url: Option<reqwest::Url>,
    create: bool,
    limit: Limit,
    max_body_bytes: usize,
) -> Result<(Box<Message>, RawResponse), PayoutError> {
    let method = reqwest::Method::from_bytes(req.method().as_bytes())
        .map_err(|_| PayoutError::config(format!("bad HTTP method `{}`", req.method())))?;
    let mut builder = match url {
        Some(url) => client.request(method, url),
        None => client.request(method, req.url()),
    };
    if !limit.client_has_it {
        builder = builder.timeout(limit.time);
    }
    let operation = req.operation.clone();
    let transport = |e: reqwest::Error| transport(e, &operation, limit.time, create);
    let PreparedRequest {
        headers,
        body,
        message,
        ..
    } = req;
    for (k, v) in headers {
        builder = builder.header(k, v);
    }
    if !body.is_empty() {
        builder = builder.body(body);
    }
    let started = std::time::Instant::now();
    let mut resp = builder.send().await.map_err(transport)?;
    let status = resp.status().as_u16();
    let headers = std::mem::take(resp.headers_mut());
    let too_large = || too_large(status, create, max_body_bytes);
    if resp
        .content_length()
        .is_some_and(|n| n > max_body_bytes as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(transport)? {
        if body.len() + chunk.len() > max_body_bytes {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    let latency = started.elapsed();
    tracing::debug!(operation = %operation, status, ?latency, "received");
    Ok((
        message,
        RawResponse {
            status,
            headers,
            body,
            latency,
        },
    ))
}

/// The time limit of one exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub time: Duration,
    /// The client holds every request to this limit already (it was built with it): the
    /// request needs no limit of its own.
    pub client_has_it: bool,
}

/// An operation that ran out of its own time limit. A create may have reached the gateway:
/// it is ambiguous, and must be queried before anything is sent again.
fn timed_out(op: &str, limit: Duration, create: bool) -> PayoutError {
    if create {
        PayoutError::new(
            ErrorKind::Ambiguous,
            format!("no answer in time (`{op}`, {limit:?}); the payout may have been created"),
        )
        .may_exist(true)
    } else {
        PayoutError::new(
            ErrorKind::Timeout,
            format!("no answer in time (`{op}`, {limit:?})"),
        )
    }
}

/// An answer over the size limit: not read, so what it said is unknown.
fn too_large(status: u16, create: bool, max_body_bytes: usize) -> PayoutError {
    let (kind, what) = if create {
        (ErrorKind::Ambiguous, "; the payout may have been created")
    } else {
        (ErrorKind::MalformedResponse, "")
    };
    let mut e = PayoutError::new(
        kind,
        format!(
            "the answer (HTTP {status}) is larger than the limit of {max_body_bytes} bytes (`max_body_bytes`) and was not read{what}"
        ),
    )
    .may_exist(create);
    e.http_status = Some(status);
    e
}

/// Headers as (name, value) pairs, values read leniently: a signature check then reports
/// a mangled value instead of the read failing.
pub fn header_pairs(h: &reqwest::header::HeaderMap) -> Vec<(String, String)> {
    h.iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// What a transport failure means. Nothing was sent when the connection could not be made
/// (in time or at all); after that, the request may have reached the gateway. A request
/// that ran out of `limit` is [`timed_out`].
fn transport(e: reqwest::Error, op: &str, limit: Duration, create: bool) -> PayoutError {
    let (kind, may_exist, what) = if e.is_builder() {
        (
            ErrorKind::Config,
            false,
            "the request could not be built (a header or the URL is not valid); nothing was sent",
        )
    } else if e.is_connect() {
        (
            ErrorKind::Connect,
            false,
            "could not connect to the gateway; nothing was sent",
        )
    } else if e.is_timeout() {
        // DESIGN: a create that timed out is `Ambiguous` — the caller must query before
        // sending again, whatever the cause of the silence.
        return timed_out(op, limit, create).caused_by(e.without_url());
    } else if create {
        (
            ErrorKind::Ambiguous,
            true,
            "the connection failed after the request was sent",
        )
    } else {
        (
            ErrorKind::Network,
            false,
            "the connection failed during the exchange",
        )
    };
    let e = e.without_url();
    PayoutError::new(kind, format!("{what}: {}", describe(&e)))
        .may_exist(may_exist)
        .caused_by(e)
}

/// An error with its causes, which say what actually happened; without the URL,
/// which may carry a secret a spec sends in the query.
fn describe(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
}

/// What a failure of the client built here means: as [`transport`] reads reqwest's.
fn failed(failure: direct::Failure, create: bool, max_body_bytes: usize) -> PayoutError {
    let (kind, may_exist, what, cause) = match failure {
        direct::Failure::TooLarge(status) => return too_large(status, create, max_body_bytes),
        direct::Failure::Build(e) => (
            ErrorKind::Config,
            false,
            "the request could not be built (a header or the URL is not valid); nothing was sent",
            e,
        ),
        direct::Failure::Connect(e) => (
            ErrorKind::Connect,
            false,
            "could not connect to the gateway; nothing was sent",
            Box::new(e) as direct::BoxError,
        ),
        direct::Failure::Exchange(e) if create => (
            ErrorKind::Ambiguous,
            true,
            "the connection failed after the request was sent",
            e,
        ),
        direct::Failure::Exchange(e) => (
            ErrorKind::Network,
            false,
            "the connection failed during the exchange",
            e,
        ),
    };
    PayoutError::new(kind, format!("{what}: {}", describe(&*cause)))
        .may_exist(may_exist)
        .caused_by_boxed(cause)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A proxy named in the environment sends the engine through reqwest, which uses it.
    #[test]
    fn a_proxy_in_the_environment_is_seen() {
        let only = |set: &'static str, value: &'static str| {
            move |name: &str| (name == set).then(|| std::ffi::OsString::from(value))
        };
        assert!(!names_proxy(|_| None));
        assert!(names_proxy(only(
            "HTTPS_PROXY",
            "http://proxy.internal:3128"
        )));
        assert!(names_proxy(only(
            "https_proxy",
            "http://proxy.internal:3128"
        )));
        assert!(names_proxy(only("ALL_PROXY", "socks5://proxy.internal")));
        assert!(names_proxy(only(
            "http_proxy",
            "http://proxy.internal:3128"
        )));
        assert!(!names_proxy(only("HTTPS_PROXY", "")));
        assert!(!names_proxy(only("NO_PROXY", "localhost")));

        let second = Duration::from_secs(1);
        let tls = TlsOptions::default();
        let proxied = client_in(
            only("HTTPS_PROXY", "http://proxy.internal:3128"),
            second,
            second,
            &tls,
        );
        assert!(matches!(proxied, Ok(Transport::Reqwest(_))), "{proxied:?}");
        let direct = client_in(|_| None, second, second, &tls);
        assert!(matches!(direct, Ok(Transport::Direct(_))), "{direct:?}");
    }
}

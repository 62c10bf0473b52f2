//! `payout serve`: the ledger over HTTP. Contract (scripts depend on it):
//!
//! | method and path | answer |
//! |---|---|
//! | `POST /payouts` | `201` and the new payout; `200` and the stored one (same request again); `409` (same reference, another request); `400` with every field problem; `404` unknown gateway |
//! | `GET /payouts/{gateway}/{merchant_ref}` | `200` and the payout, or `404` |
//! | `GET /payouts?gateway=&status=&after=&limit=` | `{"payouts": [...], "next": ID}` |
//! | `POST /webhooks/{gateway}` | the spec's acknowledgement once stored and applied; `401` if it does not verify |
//! | `GET /events?after=CURSOR&limit=N` | `{"events": [...], "next": CURSOR}` |
//! | `GET /healthz` | `{"ok": true, ...}`, or `503` when the database does not answer |
//! | `GET /openapi.json` | the OpenAPI document of all this |

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use payout_runtime::{ErrorKind, FieldError};
use serde_json::json;

use crate::error::LedgerError;
use crate::ledger::{Created, Ledger};
use crate::record::Status;
use crate::request::NewPayout;
use crate::store::Backend;

/// The OpenAPI document served at `/openapi.json`.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// Largest request body taken (a payout or a webhook is a few kilobytes).
const MAX_BODY: usize = 256 * 1024;

/// The service's routes over a ledger.
pub fn router(ledger: Arc<Ledger>) -> Router {
    Router::new()
        .route("/payouts", post(create).get(list))
        .route("/payouts/{gateway}/{merchant_ref}", get(show))
        .route("/webhooks/{gateway}", post(webhook))
        .route("/events", get(events))
        .route("/healthz", get(healthz))
        .route("/openapi.json", get(openapi))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(log))
        .with_state(ledger)
}

/// Serves until `shutdown` resolves, with the reconciler running beside; then finishes the
/// requests in flight, stops the reconciler and returns.
pub async fn serve(
    ledger: Arc<Ledger>,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let reconciler = tokio::spawn(ledger.clone().run_reconciler(stopped));
    let served = axum::serve(listener, router(ledger.clone()))
        .with_graceful_shutdown(shutdown)
        .await;
    let _ = stop.send(true);
    let _ = reconciler.await;
    ledger.store().close().await;
    served
}

/// One log line per request: method, path, status, time taken.
async fn log(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let started = Instant::now();
    let res = next.run(req).await;
    tracing::info!(
        target: "payout::serve",
        method = %method,
        path = %path,
        status = res.status().as_u16(),
        millis = started.elapsed().as_millis() as u64,
        "request"
    );
    res
}

fn error(status: StatusCode, kind: &str, message: String, fields: &[FieldError]) -> Response {
    let mut e = json!({ "kind": kind, "message": message });
    if !fields.is_empty() {
        e["fields"] = fields
            .iter()
            .map(|f| json!({ "field": f.field, "message": f.message }))
            .collect();
    }
    (status, Json(json!({ "error": e }))).into_response()
}

impl IntoResponse for LedgerError {
    fn into_response(self) -> Response {
        let message = self.to_string();
        match &self {
            LedgerError::Invalid(f) => error(StatusCode::BAD_REQUEST, "invalid_input", message, f),
            LedgerError::UnknownGateway(_) => {
                error(StatusCode::NOT_FOUND, "unknown_gateway", message, &[])
            }
            LedgerError::NotFound(..) => error(StatusCode::NOT_FOUND, "not_found", message, &[]),
            LedgerError::Conflict(_) => error(StatusCode::CONFLICT, "conflict", message, &[]),
            LedgerError::Webhook(e) => {
                let status = if e.kind == ErrorKind::BadSignature {
                    StatusCode::UNAUTHORIZED
                } else {
                    StatusCode::BAD_REQUEST
                };
                error(status, e.kind.as_str(), message, &[])
            }
            LedgerError::Storage(_) | LedgerError::Config(_) => {
                tracing::error!(error = %message, "ledger failure");
                error(StatusCode::INTERNAL_SERVER_ERROR, "internal", message, &[])
            }
        }
    }
}

type Ledgers = State<Arc<Ledger>>;

async fn create(State(ledger): Ledgers, body: Bytes) -> Result<Response, LedgerError> {
    let text = std::str::from_utf8(&body).map_err(|_| invalid("the body is not UTF-8"))?;
    let j = payout_runtime::Json::parse(text)
        .map_err(|e| invalid(&format!("the body is not JSON: {e}")))?;
    let new = NewPayout::from_json(&j).map_err(LedgerError::Invalid)?;
    Ok(match ledger.create(new).await? {
        Created::New(p) => (StatusCode::CREATED, Json(p.to_json())).into_response(),
        Created::Stored(p) => (StatusCode::OK, Json(p.to_json())).into_response(),
    })
}

fn invalid(message: &str) -> LedgerError {
    LedgerError::Invalid(vec![FieldError {
        field: String::new(),
        message: message.to_string(),
    }])
}

async fn show(
    State(ledger): Ledgers,
    Path((gateway, r)): Path<(String, String)>,
) -> Result<Response, LedgerError> {
    Ok(Json(ledger.get(&gateway, &r).await?.to_json()).into_response())
}

fn number(
    q: &HashMap<String, String>,
    name: &str,
    default: i64,
    max: i64,
) -> Result<i64, LedgerError> {
    match q.get(name).filter(|v| !v.is_empty()) {
        None => Ok(default),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .map(|n| n.min(max))
            .ok_or_else(|| {
                LedgerError::Invalid(vec![FieldError {
                    field: name.to_string(),
                    message: format!("`{v}` is not a non-negative integer"),
                }])
            }),
    }
}

async fn list(
    State(ledger): Ledgers,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, LedgerError> {
    let after = number(&q, "after", 0, i64::MAX)?;
    let limit = number(&q, "limit", 50, 500)?;
    let status = match q.get("status").filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(s.parse::<Status>().map_err(|m| {
            LedgerError::Invalid(vec![FieldError {
                field: "status".into(),
                message: m,
            }])
        })?),
    };
    let gateway = q
        .get("gateway")
        .filter(|g| !g.is_empty())
        .map(|g| g.as_str());
    let found = ledger.store().list(gateway, status, after, limit).await?;
    let next = found.last().map(|p| p.id).unwrap_or(after);
    let mut payouts = Vec::with_capacity(found.len());
    for p in found {
        payouts.push(ledger.get(&p.gateway, &p.merchant_ref).await?.to_json());
    }
    Ok(Json(json!({ "payouts": payouts, "next": next })).into_response())
}

async fn webhook(
    State(ledger): Ledgers,
    Path(gateway): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, LedgerError> {
    let pairs: Vec<(String, String)> = headers
        .iter()
        .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
        .collect();
    // Some gateways sign a webhook over the URL it was delivered to.
    let url = match &ledger.config().public_url {
        Some(u) => Some(format!("{}/webhooks/{gateway}", u.trim_end_matches('/'))),
        None => headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .map(|h| format!("http://{h}/webhooks/{gateway}")),
    };
    let ack = ledger
        .webhook(&gateway, url.as_deref(), &pairs, &body)
        .await?;
    let status = StatusCode::from_u16(ack.status).unwrap_or(StatusCode::OK);
    let content_type = ack.content_type.clone().unwrap_or_else(|| {
        if ack.body.trim_start().starts_with('{') {
            "application/json".into()
        } else {
            "text/plain".into()
        }
    });
    Ok((status, [(header::CONTENT_TYPE, content_type)], ack.body).into_response())
}

async fn events(
    State(ledger): Ledgers,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, LedgerError> {
    let after = number(&q, "after", 0, i64::MAX)?;
    let limit = number(&q, "limit", 100, 1000)?;
    let found = ledger.events(after, limit).await?;
    let next = found.last().map(|e| e.cursor).unwrap_or(after);
    let events: Vec<serde_json::Value> = found.iter().map(|e| e.to_json()).collect();
    Ok(Json(json!({ "events": events, "next": next })).into_response())
}

async fn healthz(State(ledger): Ledgers) -> Response {
    let backend = match ledger.store().backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let gateways: serde_json::Map<String, serde_json::Value> = ledger
        .gateways()
        .map(|(id, r)| (id.to_string(), json!(r.describe())))
        .collect();
    match ledger.store().counts().await {
        Ok(_) => {
            Json(json!({ "ok": true, "database": backend, "gateways": gateways })).into_response()
        }
        Err(e) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "ok": false, "database": backend, "error": e.to_string() })),
        )
            .into_response(),
    }
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

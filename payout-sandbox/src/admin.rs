//! Admin endpoints under `/_admin/{gateway}/...`: inspect orders, move them through
//! statuses, reverse them, script outcomes, and set faults. JSON in, JSON out.
//!
//! | method and path | does |
//! |---|---|
//! | `GET /_admin/{gw}/orders` | every order |
//! | `POST /_admin/{gw}/orders` `{"merchant_ref", "amount", "notify_url"?}` | stores an order directly |
//! | `GET /_admin/{gw}/count?merchant_ref=R` | `{"merchant_ref", "count"}`: how many payouts exist with R |
//! | `POST /_admin/{gw}/orders/{ref}/advance` | next status of its path |
//! | `POST /_admin/{gw}/orders/{ref}/reverse` | reverses a paid payout |
//! | `POST /_admin/{gw}/orders/{ref}/status` `{"status", "reason"?}` | any status |
//! | `POST /_admin/{gw}/outcomes` `{"merchant_ref", "outcome": "succeed"\|"fail"}` | how a payout will end |
//! | `GET/POST/DELETE /_admin/{gw}/faults` | list, add (`{"kind": "drop_after_store", "merchant_ref"?, "operation"?, "probability"?, "times"?}`), clear |
//! | `GET /_admin/{gw}/deliveries` | webhook delivery attempts |

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::json;

use crate::faults::FaultRule;
use crate::gateway::Gateway;
use crate::store::Outcome;

type Gateways = Arc<IndexMap<String, Arc<Gateway>>>;

pub(crate) fn router(gateways: &IndexMap<String, Arc<Gateway>>) -> Router {
    let g: Gateways = Arc::new(gateways.clone());
    Router::new()
        .route("/_admin/{gw}/orders", get(orders).post(insert))
        .route("/_admin/{gw}/count", get(count))
        .route("/_admin/{gw}/orders/{r}/advance", post(advance))
        .route("/_admin/{gw}/orders/{r}/reverse", post(reverse))
        .route("/_admin/{gw}/orders/{r}/status", post(set_status))
        .route("/_admin/{gw}/outcomes", post(outcome))
        .route(
            "/_admin/{gw}/faults",
            get(faults).post(add_fault).delete(clear_faults),
        )
        .route("/_admin/{gw}/deliveries", get(deliveries))
        .route("/_admin/{gw}/tokens/expire", post(expire_tokens))
        .with_state(g)
}

/// An admin request that cannot be served: a message and its HTTP status.
struct AdminError(StatusCode, String);

impl IntoResponse for AdminError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

type Reply = Result<Response, AdminError>;

fn find(g: &Gateways, id: &str) -> Result<Arc<Gateway>, AdminError> {
    g.get(id)
        .cloned()
        .ok_or_else(|| AdminError(StatusCode::NOT_FOUND, format!("no gateway `{id}`")))
}

fn bad(m: String) -> AdminError {
    AdminError(StatusCode::BAD_REQUEST, m)
}

fn ok(v: serde_json::Value) -> Reply {
    Ok(Json(v).into_response())
}

async fn orders(State(g): State<Gateways>, Path(id): Path<String>) -> Reply {
    ok(json!(find(&g, &id)?.orders()))
}

#[derive(Deserialize)]
struct NewOrder {
    merchant_ref: String,
    amount: String,
    notify_url: Option<String>,
}

async fn insert(
    State(g): State<Gateways>,
    Path(id): Path<String>,
    Json(o): Json<NewOrder>,
) -> Reply {
    let gw = find(&g, &id)?;
    let amount = Decimal::from_str_exact(&o.amount)
        .map_err(|_| bad(format!("`{}` is not a decimal amount", o.amount)))?;
    let order = gw
        .insert_order(&o.merchant_ref, amount, o.notify_url)
        .map_err(bad)?;
    ok(json!(order))
}

async fn count(
    State(g): State<Gateways>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Reply {
    let gw = find(&g, &id)?;
    let r = q
        .get("merchant_ref")
        .ok_or_else(|| bad("give ?merchant_ref=".into()))?;
    ok(json!({ "merchant_ref": r, "count": gw.count(r) }))
}

/// Every token issued so far expires now: the next request with one is refused.
async fn expire_tokens(State(g): State<Gateways>, Path(id): Path<String>) -> Reply {
    find(&g, &id)?.expire_tokens();
    ok(json!({ "expired": true }))
}

async fn advance(State(g): State<Gateways>, Path((id, r)): Path<(String, String)>) -> Reply {
    let s = find(&g, &id)?.advance(&r).map_err(bad)?;
    ok(json!({ "merchant_ref": r, "status": s }))
}

async fn reverse(State(g): State<Gateways>, Path((id, r)): Path<(String, String)>) -> Reply {
    let s = find(&g, &id)?.reverse(&r).map_err(bad)?;
    ok(json!({ "merchant_ref": r, "status": s }))
}

#[derive(Deserialize)]
struct SetStatus {
    status: String,
    reason: Option<String>,
}

async fn set_status(
    State(g): State<Gateways>,
    Path((id, r)): Path<(String, String)>,
    Json(s): Json<SetStatus>,
) -> Reply {
    let s = find(&g, &id)?
        .set_status(&r, &s.status, s.reason)
        .map_err(bad)?;
    ok(json!({ "merchant_ref": r, "status": s }))
}

#[derive(Deserialize)]
struct SetOutcome {
    merchant_ref: String,
    outcome: Outcome,
}

async fn outcome(
    State(g): State<Gateways>,
    Path(id): Path<String>,
    Json(o): Json<SetOutcome>,
) -> Reply {
    find(&g, &id)?.set_outcome(&o.merchant_ref, o.outcome);
    ok(json!({ "merchant_ref": o.merchant_ref, "outcome": o.outcome }))
}

async fn faults(State(g): State<Gateways>, Path(id): Path<String>) -> Reply {
    ok(json!(find(&g, &id)?.fault_rules()))
}

async fn add_fault(
    State(g): State<Gateways>,
    Path(id): Path<String>,
    Json(rule): Json<FaultRule>,
) -> Reply {
    let gw = find(&g, &id)?;
    gw.add_fault(rule);
    ok(json!(gw.fault_rules()))
}

async fn clear_faults(State(g): State<Gateways>, Path(id): Path<String>) -> Reply {
    find(&g, &id)?.clear_faults();
    ok(json!([]))
}

async fn deliveries(State(g): State<Gateways>, Path(id): Path<String>) -> Reply {
    ok(json!(find(&g, &id)?.deliveries()))
}

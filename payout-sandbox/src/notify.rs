//! Webhooks the simulated gateway sends: built from the webhook's fields and roles, signed
//! as the gateway, delivered to the payout's notify URL and retried on the spec's schedule
//! (minutes scaled down to the sandbox's `minute`).

use std::sync::Arc;

use payout_runtime::context::Message;
use payout_runtime::source::{Clock, SystemClock};
use payout_spec::PayoutStatus;
use serde::Serialize;

use crate::faults::Fault;
use crate::gateway::{lock, Gateway, Outgoing};
use crate::store::Order;

/// One delivery attempt.
#[derive(Debug, Clone, Serialize)]
pub struct Delivery {
    pub merchant_ref: String,
    /// The provider status the webhook carried.
    pub status: String,
    pub attempt: u32,
    pub url: String,
    /// The merchant's HTTP status, if it answered.
    pub http_status: Option<u16>,
    /// Whether the merchant's answer counts as delivered.
    pub accepted: bool,
    pub at_ms: u64,
}

/// A built webhook.
struct Built {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// Sends the webhook for the payout's current state, with webhook faults applied.
pub(crate) fn send(gw: &Arc<Gateway>, order: &Order) {
    let s = gw.spec.spec();
    let paid = gw.unified(order) == Some(PayoutStatus::Succeeded);
    // A reversal fault waits for the payout to be paid, then reverses it after the paid
    // webhook went out (or right away when there is no webhook to send).
    let reverse_after = paid && !lock(&gw.faults).take_paid(&order.merchant_ref).is_empty();
    let url = order.notify_url.clone().or_else(|| gw.default_notify_url());
    let Some(url) = url.filter(|_| !s.webhooks.is_empty()) else {
        if reverse_after {
            reverse(gw, &order.merchant_ref);
        }
        return;
    };
    let faults = lock(&gw.faults).take_webhook(&order.merchant_ref);
    let mut sends = vec![order.clone()];
    if faults.contains(&Fault::DuplicateWebhook) {
        sends.push(order.clone());
    }
    if faults.contains(&Fault::OutOfOrderWebhook) {
        // The status before this one arrives late, after it.
        if let Some(prev) = order.history.iter().rev().nth(1) {
            let mut stale = order.clone();
            stale.status = prev.clone();
            stale.reason = None;
            sends.push(stale);
        }
    }
    let gw = gw.clone();
    let o_ref = order.merchant_ref.clone();
    tokio::spawn(async move {
        // In order, one after the other: an out-of-order fault must arrive after.
        for o in sends {
            match build(&gw, &o, &url) {
                Ok(b) => deliver(&gw, &o, &url, b).await,
                Err(e) => tracing::warn!(gateway = %gw.id(), "cannot build the webhook: {e}"),
            }
        }
        if reverse_after {
            reverse(&gw, &o_ref);
        }
    });
}

fn reverse(gw: &Arc<Gateway>, merchant_ref: &str) {
    if let Err(e) = gw.reverse(merchant_ref) {
        tracing::warn!(gateway = %gw.id(), merchant_ref, "cannot reverse: {e}");
    }
}

fn build(gw: &Gateway, order: &Order, url: &str) -> Result<Built, String> {
    let s = gw.spec.spec();
    let (name, wh) = s.webhooks.first().ok_or("no webhook")?;
    let no_extras = payout_spec::JsonMap::default();
    let plan = gw
        .spec
        .plan()
        .webhook(name)
        .ok_or_else(|| format!("no plan for the webhook `{name}`"))?;
    let webhook = Outgoing {
        plan,
        body: Some(&wh.body),
        nonce: wh.nonce.unwrap_or_default(),
        extras: &no_extras,
        issued: &[],
        seed: Message {
            method: wh.method.as_str().into(),
            // As the merchant's side reads it: the path without the query.
            path: payout_runtime::context::path_of(url),
            url: url.to_string(),
            timestamp: Some(wh.timestamp_unit.write(SystemClock.now_millis())),
            ..Message::default()
        },
    };
    let role_value = |role: &payout_spec::Role| gw.role_value(order, role);
    let finished = gw
        .sign_outgoing(webhook, &role_value, false)
        .map_err(|e| e.to_string())?;
    gw.record_sent(&finished.headers, &finished.body);
    Ok(Built {
        headers: finished.headers,
        body: finished.body,
    })
}

/// Delivers, retrying on the spec's schedule until the merchant accepts or it runs out.
async fn deliver(gw: &Gateway, order: &Order, url: &str, b: Built) {
    let s = gw.spec.spec();
    let retry = s.webhooks.first().and_then(|(_, w)| w.retry.clone());
    let accepted_statuses = retry
        .as_ref()
        .map(|r| r.accepted_statuses.clone())
        .unwrap_or_else(|| vec![200]);
    let schedule: Vec<u32> = retry.map(|r| r.after_minutes).unwrap_or_default();
    let minute = gw.shared.options.minute;
    for attempt in 0..=schedule.len() {
        if attempt > 0 {
            tokio::time::sleep(minute * schedule[attempt - 1]).await;
        }
        let mut req = gw.shared.http.post(url).body(b.body.clone());
        for (k, v) in &b.headers {
            req = req.header(k, v);
        }
        let http_status = req.send().await.ok().map(|r| r.status().as_u16());
        let accepted = http_status.is_some_and(|st| accepted_statuses.contains(&st));
        lock(&gw.deliveries).push(Delivery {
            merchant_ref: order.merchant_ref.clone(),
            status: order.status.clone(),
            attempt: attempt as u32 + 1,
            url: url.to_string(),
            http_status,
            accepted,
            at_ms: SystemClock.now_millis(),
        });
        if accepted {
            return;
        }
    }
    tracing::info!(gateway = %gw.id(), merchant_ref = %order.merchant_ref, "webhook not accepted after {} attempts", schedule.len() + 1);
}

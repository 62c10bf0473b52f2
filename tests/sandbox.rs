//! The sandbox as a gateway: it refuses what the gateway refuses (and signs its refusals),
//! moves payouts on a schedule, retries webhooks on the spec's schedule, injects the faults
//! a client must survive, and answers its admin API over HTTP.

mod common;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{payout_for, world, GATEWAYS};
use payout::runtime::*;
use payout_sandbox::receiver::Receiver;
use payout_sandbox::{Fault, FaultRule, GatewaySetup, Options, Sandbox};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// One gateway in a sandbox of its own, with a dynamic client and these options.
async fn alone(id: &str, options: Options) -> (Sandbox, DynamicClient) {
    let spec = common::spec(id);
    let setup = GatewaySetup::with_test_credentials(spec.clone()).unwrap();
    let creds = Credentials::new(spec.spec(), setup.credentials.clone()).unwrap();
    let sandbox = Sandbox::start(vec![setup], options).await.unwrap();
    let base = sandbox.base_url(id).unwrap();
    let client = DynamicClient::new(spec, creds, &base, common::client_options()).unwrap();
    (sandbox, client)
}

/// A request signed with the wrong secret is refused with the gateway's own error, and
/// nothing is stored. EaniShop signs its refusal with the real secret, which the misconfigured
/// client cannot verify: it cannot trust the refusal either, so the payout may exist.
#[tokio::test]
async fn a_request_signed_with_wrong_credentials_is_refused_as_the_gateway_refuses_it() {
    let w = world().await;
    for id in GATEWAYS {
        if !w.client(id).supports(Capability::Create) {
            continue;
        }
        let spec = w.specs[id].clone();
        let good = payout_sandbox::credentials::merchant(spec.spec());
        let wrong = payout_sandbox::credentials::wrong(spec.spec(), &good);
        assert_ne!(wrong, good, "{id}");
        let creds = Credentials::new(spec.spec(), wrong).unwrap();
        let base = w.sandbox.base_url(id).unwrap();
        let client = DynamicClient::new(spec, creds, &base, common::client_options()).unwrap();
        let r = format!("{id}-WRONGKEY-1");
        let e = client.create(&w.payout(id, &r)).await.unwrap_err();
        let code = e.provider_code.as_deref().unwrap_or_default().to_string();
        let expected_code = match id {
            "xettle" => "0x0201",
            "eanishop" => "SIGN_ERROR",
            "teemopay" | "cashy" => "401",
            // Stripe's invalid-key error has no `code`: the HTTP 401 says unauthorized.
            "stripe" => "",
            "paystack" => "invalid_key",
            // The token request is refused: no token, no payout.
            "paypal" => "invalid_token",
            // The quote, the flow's first step, is refused: no quote, no payout.
            "wise" => "invalid_token",
            other => panic!("{other}"),
        };
        assert_eq!(code, expected_code, "{id}: {e}");
        if id == "eanishop" {
            assert_eq!(e.kind, ErrorKind::BadSignature, "{id}: {e}");
            assert!(e.may_exist, "{id}");
        } else {
            assert_eq!(e.kind, ErrorKind::Unauthorized, "{id}: {e}");
            assert!(!e.may_exist, "{id}");
        }
        assert_eq!(w.gateway(id).count(&r), 0, "{id}: stored a payout");
    }
}

/// A refusal says no payout was made. Where the gateway signs its answers (EaniShop), a
/// refusal is believed only when its signature verifies; a forged one may hide a payout.
#[tokio::test]
async fn a_refusal_of_a_create_is_believed_only_when_signed() {
    let w = world().await;
    for id in GATEWAYS {
        if !w.client(id).supports(Capability::Create) {
            continue;
        }
        let gw = w.gateway(id);
        let r = format!("{id}-REFUSED-1");
        gw.add_fault(
            FaultRule::always(Fault::Refuse {
                error: ErrorKind::InvalidRequest,
            })
            .for_ref(&r)
            .once(),
        );
        let e = w
            .client(id)
            .create_payout(&w.payout(id, &r))
            .await
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidRequest, "{id}: {e}");
        assert!(!e.may_exist, "{id}");
        assert_eq!(gw.count(&r), 0, "{id}");
    }
    // The same refusal, signed with another secret.
    let id = "eanishop";
    let gw = w.gateway(id);
    let r = "eanishop-REFUSED-2";
    for fault in [
        Fault::Refuse {
            error: ErrorKind::InvalidRequest,
        },
        Fault::WrongSignature,
    ] {
        gw.add_fault(FaultRule::always(fault).for_ref(r).once());
    }
    let e = w
        .client(id)
        .create_payout(&w.payout(id, r))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadSignature, "{e}");
    assert!(e.may_exist);
    assert_eq!(e.provider_code.as_deref(), Some("PARAM_ERROR"));
    assert!(e.message.contains("cannot be trusted"), "{e}");
}

/// A reversal fault: once the payout is paid, the gateway reverses it and says so by webhook.
#[tokio::test]
async fn a_reversal_fault_reverses_a_paid_payout_by_webhook() {
    let w = world().await;
    for id in GATEWAYS {
        let gw = w.gateway(id);
        let Some(reversal) = gw.reversal() else {
            // Stripe has no reversed status (a paid payout may turn `failed`).
            assert!(
                ["tecpay", "stripe"].contains(&id),
                "only Tecpay and Stripe document no reversal: {id}"
            );
            continue;
        };
        let r = format!("{id}-REVFAULT-1");
        gw.add_fault(FaultRule::always(Fault::ReversalWebhook).for_ref(&r));
        w.create(id, &r).await;
        while gw.advance(&r).unwrap().is_some() {}
        let ev = w.webhook(id, &r, &reversal.status).await;
        assert_eq!(ev.status, Some(PayoutStatus::Reversed), "{id}");
        let q = w.query(id, &r).await.unwrap();
        assert_eq!(q.status, Some(PayoutStatus::Reversed), "{id}");
        // The paid webhook went out first.
        let order = gw.order(&r).unwrap();
        assert!(order.history.len() >= 2, "{id}: {:?}", order.history);
        assert_eq!(order.history.last(), Some(&reversal.status), "{id}");
    }
}

/// With a step delay, payouts walk their path on their own, one signed webhook per status.
#[tokio::test]
async fn payouts_move_through_their_statuses_on_a_schedule() {
    let options = Options {
        step_delay: Some(Duration::from_millis(40)),
        ..Options::default()
    };
    let (sandbox, client) = alone("cashy", options).await;
    let mut providers: HashMap<String, Arc<dyn PayoutProvider>> = HashMap::new();
    providers.insert("cashy".into(), Arc::new(client.clone()));
    let receiver = Receiver::start(providers).await.unwrap();
    let gw = sandbox.gateway("cashy").unwrap();
    let r = "cashy-SCHEDULE-1";
    client
        .create(&payout_for("cashy", r, Some(receiver.url("cashy"))))
        .await
        .unwrap();
    let path = gw.order(r).unwrap().path;
    assert!(path.len() >= 3, "{path:?}");
    let last = path.last().unwrap().clone();
    let done = receiver
        .wait_for(Duration::from_secs(10), |got| {
            matches!(&got.outcome, Ok(e) if e.provider_status.as_deref() == Some(last.as_str()))
        })
        .await;
    assert!(done.is_some(), "never reached {last}: {:?}", gw.order(r));
    assert_eq!(gw.order(r).unwrap().history, path);
    let seen: Vec<String> = receiver
        .received()
        .iter()
        .filter_map(|g| g.outcome.as_ref().ok())
        .filter_map(|e| e.provider_status.clone())
        .collect();
    assert_eq!(seen, path[1..].to_vec(), "one verified webhook per step");
}

/// A merchant endpoint that fails the first `failures` deliveries with HTTP 500.
async fn flaky_endpoint(failures: usize) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut served = 0usize;
        while let Ok((mut sock, _)) = listener.accept().await {
            // Read the head, then as many body bytes as it announces.
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            loop {
                let n = sock.read(&mut chunk).await.unwrap_or(0);
                if n == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..n]);
                let text = String::from_utf8_lossy(&buf).to_string();
                if let Some(end) = text.find("\r\n\r\n") {
                    let len = text[..end]
                        .lines()
                        .find_map(|l| {
                            let (k, v) = l.split_once(':')?;
                            k.eq_ignore_ascii_case("content-length")
                                .then(|| v.trim().parse::<usize>().ok())?
                        })
                        .unwrap_or(0);
                    if buf.len() >= end + 4 + len {
                        break;
                    }
                }
            }
            served += 1;
            let status = if served <= failures {
                "500 Internal Server Error"
            } else {
                "200 OK"
            };
            let reply = format!(
                "HTTP/1.1 {status}\r\nContent-Length: 7\r\nConnection: close\r\n\r\nsuccess"
            );
            let _ = sock.write_all(reply.as_bytes()).await;
        }
    });
    format!("http://{addr}/notify")
}

/// A webhook the merchant does not accept is sent again after the spec's intervals (Cashy:
/// 1, 2, 4... minutes), scaled to the sandbox's minute.
#[tokio::test]
async fn an_unaccepted_webhook_is_retried_on_the_spec_schedule() {
    let minute = Duration::from_millis(50);
    let options = Options {
        minute,
        ..Options::default()
    };
    let (sandbox, client) = alone("cashy", options).await;
    let gw = sandbox.gateway("cashy").unwrap();
    let url = flaky_endpoint(2).await;
    let r = "cashy-RETRY-1";
    client
        .create(&payout_for("cashy", r, Some(url.clone())))
        .await
        .unwrap();
    gw.advance(r).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !gw.deliveries().iter().any(|d| d.accepted) {
        assert!(Instant::now() < deadline, "{:?}", gw.deliveries());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let d = gw.deliveries();
    let attempts: Vec<(u32, Option<u16>, bool)> = d
        .iter()
        .map(|d| (d.attempt, d.http_status, d.accepted))
        .collect();
    assert_eq!(
        attempts,
        [
            (1, Some(500), false),
            (2, Some(500), false),
            (3, Some(200), true)
        ]
    );
    assert!(d.iter().all(|x| x.url == url && x.merchant_ref == r));
    // `after_minutes: [1, 2, ...]`: at least one minute, then two, between attempts.
    let gap = |a: usize, b: usize| d[b].at_ms - d[a].at_ms;
    assert!(gap(0, 1) >= minute.as_millis() as u64, "{d:?}");
    assert!(gap(1, 2) >= 2 * minute.as_millis() as u64, "{d:?}");
}

async fn json_of(resp: reqwest::Response) -> Value {
    let bytes = resp.bytes().await.unwrap();
    serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes)))
}

/// The admin API, over HTTP: store, count, script, move, reverse, faults, deliveries.
#[tokio::test]
async fn the_admin_api_drives_the_sandbox_over_http() {
    let (sandbox, client) = alone("xettle", Options::default()).await;
    let admin = sandbox.admin_url("xettle");
    let http = reqwest::Client::new();
    let get = |path: &str| {
        let http = http.clone();
        let url = format!("{admin}/{path}");
        async move {
            let resp = http.get(url).send().await.unwrap();
            (resp.status().as_u16(), json_of(resp).await)
        }
    };
    let post = |path: &str, body: Value| {
        let http = http.clone();
        let url = format!("{admin}/{path}");
        async move {
            let resp = http
                .post(url)
                .header("Content-Type", "application/json")
                .body(body.to_string())
                .send()
                .await
                .unwrap();
            (resp.status().as_u16(), json_of(resp).await)
        }
    };

    let (st, _) = post(
        "orders",
        json!({"merchant_ref": "ADM-1", "amount": "250.00"}),
    )
    .await;
    assert_eq!(st, 200);
    let (st, j) = get("count?merchant_ref=ADM-1").await;
    assert_eq!((st, j["count"].clone()), (200, json!(1)));
    let (_, j) = get("count?merchant_ref=NOPE").await;
    assert_eq!(j["count"], 0);
    let (st, j) = get("orders").await;
    assert_eq!(st, 200);
    assert_eq!(j.as_array().map(Vec::len), Some(1), "{j}");

    // A scripted failure, walked to its end.
    let (st, _) = post(
        "outcomes",
        json!({"merchant_ref": "ADM-2", "outcome": "fail"}),
    )
    .await;
    assert_eq!(st, 200);
    client
        .create(&payout_for("xettle", "ADM-2", None))
        .await
        .unwrap();
    let gw = sandbox.gateway("xettle").unwrap();
    let steps = gw.order("ADM-2").unwrap().path.len() - 1;
    for _ in 0..steps {
        assert_eq!(post("orders/ADM-2/advance", json!({})).await.0, 200);
    }
    let order = gw.order("ADM-2").unwrap();
    assert_eq!(order.history, order.path);
    let q = client
        .query(&PayoutRef::Both {
            merchant: "ADM-2".into(),
            provider: order.provider_ref,
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(q.status, Some(PayoutStatus::Failed));

    // Any status by hand; a reversal needs a paid payout.
    let (st, _) = post("orders/ADM-1/reverse", json!({})).await;
    assert_ne!(st, 200, "an unpaid payout cannot be reversed");
    let paid = gw
        .spec()
        .spec()
        .statuses
        .iter()
        .find(|(_, e)| e.unified() == PayoutStatus::Succeeded)
        .map(|(k, _)| k.clone())
        .unwrap();
    let (st, _) = post("orders/ADM-1/status", json!({ "status": paid })).await;
    assert_eq!(st, 200);
    let (st, _) = post("orders/ADM-1/reverse", json!({})).await;
    assert_eq!(st, 200);

    // Faults: added, listed, firing, cleared.
    let (st, _) = post(
        "faults",
        json!({"kind": "server_error", "operation": "create_payout", "times": 1}),
    )
    .await;
    assert_eq!(st, 200);
    let (_, j) = get("faults").await;
    assert_eq!(j[0]["kind"], "server_error", "{j}");
    let e = client
        .create(&payout_for("xettle", "ADM-3", None))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Ambiguous);
    let resp = http.delete(format!("{admin}/faults")).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let (_, j) = get("faults").await;
    assert_eq!(j, json!([]));
    let (st, j) = get("deliveries").await;
    assert_eq!(st, 200);
    assert!(j.is_array());

    // Unknown gateway, unknown fault.
    let resp = http
        .get(sandbox.admin_url("nope") + "/orders")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 404);
    let resp = http
        .post(format!("{admin}/faults"))
        .header("Content-Type", "application/json")
        .body(json!({"kind": "gremlins"}).to_string())
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_client_error(), "{}", resp.status());
}

/// The keys of a JSON object at `path` (`""` for the top).
fn keys_at(v: &Value, path: &str) -> Vec<String> {
    let mut at = v;
    for p in path.split('.').filter(|p| !p.is_empty()) {
        at = &at[p];
    }
    at.as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn assert_has(id: &str, what: &str, got: &Value, path: &str, seed: &[&str]) {
    let keys = keys_at(got, path);
    let missing: Vec<&&str> = seed
        .iter()
        .filter(|k| !keys.iter().any(|g| g == *k))
        .collect();
    assert!(
        missing.is_empty(),
        "{id} {what} `{path}` lacks {missing:?} that the seed shows: {got}"
    );
}

/// The sandbox answers in the shapes the seed documents show: every key of each seed
/// example (create or query response, webhook) is in what the sandbox sends; a payout that
/// is not final has no completion time.
#[tokio::test]
async fn answers_have_the_shapes_of_the_seed_examples() {
    let w = world().await;
    let mut seen = HashMap::new();
    for id in GATEWAYS {
        let r = format!("{id}-SHAPE-1");
        let created = w.create(id, &r).await;
        let created: Option<Value> =
            created.map(|c| serde_json::from_str(&c.response.to_compact(false)).unwrap());
        let q = w.query(id, &r).await.unwrap();
        let query: Value = serde_json::from_str(&q.response.to_compact(false)).unwrap();
        let gw = w.gateway(id);
        while gw.advance(&r).unwrap().is_some() {}
        let last = gw.order(&r).unwrap().status;
        let ev = w.webhook(id, &r, &last).await;
        let hook: Value = serde_json::from_str(&ev.body.to_compact(false)).unwrap();
        seen.insert(id, (created, query, hook));
    }

    // Seed 000 (Xettle), the create response example.
    let (c, _, _) = &seen["xettle"];
    let c = c.as_ref().unwrap();
    assert_has(
        "xettle",
        "create",
        c,
        "",
        &["code", "message", "status", "data"],
    );
    assert_has(
        "xettle",
        "create",
        c,
        "data",
        &["clientRefId", "orderRefId", "status"],
    );

    // Seed 001 (EaniShop), the inquiry response example; `paidTime` null until paid.
    let (_, q, _) = &seen["eanishop"];
    let data = [
        "payoutNo",
        "merchantTradeNo",
        "amount",
        "currency",
        "totalFee",
        "status",
        "rrn",
        "merchantAttach",
        "createdTime",
        "paidTime",
        "errorCode",
        "errorInfo",
    ];
    assert_has(
        "eanishop",
        "query",
        q,
        "",
        &["code", "errorMessage", "data"],
    );
    assert_has("eanishop", "query", q, "data", &data);
    assert_eq!(q["data"]["paidTime"], Value::Null, "not paid yet: {q}");

    // Seed 002 (TeemoPay), the create response example.
    let (c, _, _) = &seen["teemopay"];
    let c = c.as_ref().unwrap();
    assert_has(
        "teemopay",
        "create",
        c,
        "",
        &["code", "data", "msg", "success"],
    );
    assert_has(
        "teemopay",
        "create",
        c,
        "data",
        &["merchantOrderNo", "tradeNo", "amount", "status"],
    );

    // Seed 003 (Tecpay), the status response example; the webhook is assumed to be the same.
    let tecpay = [
        "requested_amount",
        "processed_amount",
        "order_id",
        "status",
        "time",
        "ref_code",
        "post_hash",
        "request_time",
        "action_time",
        "payment_type",
        "upi_vpa",
        "account_no",
        "account_holder",
        "ifsc",
        "bank_name",
        "bank_address",
        "transaction_info",
        "bank_reference",
    ];
    let (_, q, h) = &seen["tecpay"];
    assert_has("tecpay", "query", q, "", &tecpay);
    assert_has("tecpay", "webhook", h, "", &tecpay);
    assert_has(
        "tecpay",
        "query",
        &q["transaction_info"][0],
        "",
        &["date", "status", "ref_number", "message"],
    );

    // Seed 004 (Cashy): create, query and webhook examples; no completion time before the end.
    let (c, q, h) = &seen["cashy"];
    let c = c.as_ref().unwrap();
    let create = [
        "merchantId",
        "mchOrderNo",
        "orderNo",
        "amount",
        "fee",
        "orderStatus",
    ];
    assert_has("cashy", "create", c, "", &["msg", "code", "data"]);
    assert_has("cashy", "create", c, "data", &create);
    let query = [&create[..], &["completionTime", "resultDesc"]].concat();
    assert_has("cashy", "query", q, "data", &query);
    assert_eq!(
        q["data"]["completionTime"],
        Value::Null,
        "not final yet: {q}"
    );
    let hook = [
        "amount",
        "completionTime",
        "fee",
        "mchOrderNo",
        "merchantId",
        "nonceStr",
        "orderNo",
        "orderStatus",
        "payType",
    ];
    assert_has("cashy", "webhook", h, "", &hook);
    assert_ne!(h["completionTime"], Value::Null, "final: {h}");
}

/// Stripe writes `t` in Unix seconds, and the receiver holds it to Stripe's 300 s
/// tolerance: the sandbox's webhook carries a 10-digit `t` within seconds of now, and it
/// verified (the receiver applies `max_age`).
#[tokio::test]
async fn the_stripe_sandbox_writes_t_in_unix_seconds() {
    let w = world().await;
    let gw = w.gateway("stripe");
    let r = "stripe-T-SECONDS-1";
    w.create("stripe", r).await;
    gw.advance(r).unwrap();
    let order = gw.order(r).unwrap();
    let status = order.history.last().unwrap().clone();
    let got = w.verified_webhook("stripe", r, &status).await;
    let header = got
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("stripe-signature"))
        .map(|(_, v)| v.clone())
        .unwrap();
    let t = header
        .split(',')
        .find_map(|p| p.strip_prefix("t="))
        .unwrap_or_else(|| panic!("no t= in {header}"));
    assert_eq!(t.len(), 10, "{header}");
    let t: u64 = t.parse().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(now.abs_diff(t) <= 300, "t={t}, now={now}");
}

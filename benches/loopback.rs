//! Creates per second on loopback, end to end: Cashy's typed client against the
//! hand-written client of `support/cashy_by_hand.rs` sending with reqwest, at concurrency
//! 1 and 32, against the same bare server (it answers every create with Cashy's success
//! body, echoing the merchant reference) in the same process and run.
//!
//! The engine's own client sends on hyper directly, the hand-written one with reqwest:
//! `scripts/callgrind.sh` counts what the transport accounts for (its `hand-hyper` row).
//!
//! `cargo bench -p payout --bench loopback`. The two clients run in turns, one after the
//! other in each round (`LOOPBACK_ROUNDS` rounds, default 9, of `LOOPBACK_SECS` each per
//! client, default 1): each round gives one ratio, taken while the machine was as busy for
//! both, and the median of the rounds' ratios is reported with the median rates. The
//! machine is shared, so a slow moment moves one round, not the figure. Under
//! `cargo test --benches` it only checks that both clients create and read the same payout.

#[path = "support/cashy_by_hand.rs"]
mod cashy_by_hand;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::routing::post;
use axum::Router;
use payout::gateways::cashy;
use payout::runtime::{ClientOptions, Decimal, PayoutStatus, Secret};

use cashy_by_hand::Create;

/// Cashy's success answer to a create, for the reference the request names.
async fn answer(body: axum::body::Bytes) -> String {
    let reference = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| {
            v.get("mchOrderNo")
                .and_then(|r| r.as_str())
                .map(str::to_string)
        })
        .unwrap_or_default();
    format!(
        r#"{{"code":200,"msg":"SUCCESS","data":{{"merchantId":"1002001","mchOrderNo":{},"orderNo":"PAYOUT8551739282639106048","amount":50000.00,"fee":1500.00,"orderStatus":"PROCESSING"}}}}"#,
        serde_json::Value::String(reference)
    )
}

async fn serve() -> SocketAddr {
    let app = Router::new().route("/api/payOut", post(answer));
    let listener = match tokio::net::TcpListener::bind("127.0.0.1:0").await {
        Ok(l) => l,
        Err(e) => panic!("cannot listen on loopback: {e}"),
    };
    let addr = listener.local_addr().expect("a local address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

fn typed_request(reference: String) -> cashy::CreatePayoutRequest {
    cashy::CreatePayoutRequest {
        amount: Decimal::new(5_000_000, 2),
        bank_id: 33,
        id_type: "1".into(),
        account_name: "Jeson".into(),
        mch_order_no: reference,
        id_card: "43912345".into(),
        account_no: "3023612345".into(),
        account_type: 0,
        notify_url: "https://merchant.example/hooks/cashy".into(),
        remark: "remark".into(),
        optional: Default::default(),
    }
}

fn hand_request<'a>(reference: &'a str, nonce: &'a str) -> Create<'a> {
    Create {
        amount: Decimal::new(5_000_000, 2),
        bank_id: 33,
        id_type: "1",
        account_name: "Jeson",
        mch_order_no: reference,
        id_card: "43912345",
        account_no: "3023612345",
        account_type: 0,
        notify_url: "https://merchant.example/hooks/cashy",
        remark: "remark",
        // Fresh for every request, as the engine draws it: ten random digits.
        nonce_str: nonce,
        phone: None,
        email: None,
    }
}

#[derive(Clone)]
struct Clients {
    typed: cashy::Client,
    http: reqwest::Client,
    base: String,
}

impl Clients {
    async fn typed_create(&self, reference: String) -> (Option<PayoutStatus>, Option<String>) {
        match self.typed.send(&typed_request(reference)).await {
            Ok(r) => (r.result.status, r.result.merchant_ref),
            Err(e) => panic!("typed create: {e}"),
        }
    }

    async fn hand_create(&self, reference: String) -> (Option<PayoutStatus>, Option<String>) {
        let nonce = match cashy_by_hand::nonce() {
            Ok(n) => n,
            Err(e) => panic!("hand-written nonce: {e}"),
        };
        let create = hand_request(&reference, &nonce);
        let request = match cashy_by_hand::create_request(&self.base, &create) {
            Ok(r) => r,
            Err(e) => panic!("hand-written create: {e:?}"),
        };
        let mut post = self.http.post(&request.url).body(request.body);
        for (name, value) in request.headers {
            post = post.header(name, value);
        }
        let response = match post.send().await {
            Ok(r) => r,
            Err(e) => panic!("hand-written send: {e}"),
        };
        let status = response.status().as_u16();
        let body = match cashy_by_hand::read_body(response).await {
            Ok(b) => b,
            Err(e) => panic!("hand-written read: {e}"),
        };
        match cashy_by_hand::answer(status, &body) {
            Ok(a) => (a.status, a.merchant_ref),
            Err(e) => panic!("hand-written answer: {e}"),
        }
    }
}

/// The middle value (the mean of the two middle ones for an even count).
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => values[n / 2],
        _ => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// Creates per second by `concurrency` tasks for `length`.
async fn rate(clients: &Clients, typed: bool, concurrency: usize, length: Duration) -> f64 {
    let done = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let deadline = start + length;
    let tasks: Vec<_> = (0..concurrency)
        .map(|t| {
            let clients = clients.clone();
            let done = done.clone();
            tokio::spawn(async move {
                let mut i = 0u64;
                while Instant::now() < deadline {
                    let reference = format!("L{t}-{i}");
                    if typed {
                        clients.typed_create(reference).await;
                    } else {
                        clients.hand_create(reference).await;
                    }
                    i += 1;
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for t in tasks {
        if let Err(e) = t.await {
            panic!("a task failed: {e}");
        }
    }
    done.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async move {
        let addr = serve().await;
        let base = format!("http://{addr}");
        let credentials = cashy::Credentials {
            merchant_id: cashy_by_hand::MERCHANT_ID.into(),
            api_key: Secret::new(cashy_by_hand::API_KEY.to_string()),
        };
        let options = ClientOptions {
            allow_insecure_http: true,
            ..ClientOptions::default()
        };
        let typed = cashy::Client::with_base_url(credentials, &base, options).expect("a client");
        let clients = Clients {
            typed,
            http: cashy_by_hand::http_client().expect("an HTTP client"),
            base,
        };
        // Both clients create the same payout and read it the same way.
        let a = clients.typed_create("CHECK-1".into()).await;
        let b = clients.hand_create("CHECK-1".into()).await;
        assert_eq!(a, b);
        assert_eq!(a, (Some(PayoutStatus::Processing), Some("CHECK-1".into())));
        if !bench {
            return;
        }
        let secs = std::env::var("LOOPBACK_SECS")
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(1.0);
        let length = Duration::from_secs_f64(secs);
        let rounds = std::env::var("LOOPBACK_ROUNDS")
            .ok()
            .and_then(|s| s.parse::<usize>().ok())
            .unwrap_or(9)
            .max(1);
        println!("| concurrency | typed client (creates/s) | hand-written (creates/s) | ratio (median of {rounds} rounds) | lowest–highest round |");
        println!("|---|---|---|---|---|");
        for concurrency in [1, 32] {
            let (mut typed, mut hand, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
            for round in 0..rounds {
                // Each side goes first in every other round: neither always meets the
                // machine warmed (or tired) by the other.
                let (t, h) = if round % 2 == 0 {
                    let t = rate(&clients, true, concurrency, length).await;
                    (t, rate(&clients, false, concurrency, length).await)
                } else {
                    let h = rate(&clients, false, concurrency, length).await;
                    (rate(&clients, true, concurrency, length).await, h)
                };
                typed.push(t);
                hand.push(h);
                ratios.push(t / h);
            }
            let (low, high) = ratios
                .iter()
                .fold((f64::MAX, f64::MIN), |(l, h), r| (l.min(*r), h.max(*r)));
            println!(
                "| {concurrency} | {:.0} | {:.0} | {:.2}× | {low:.2}–{high:.2}× |",
                median(&mut typed),
                median(&mut hand),
                median(&mut ratios),
            );
        }
    });
}

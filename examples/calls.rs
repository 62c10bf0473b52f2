//! One Cashy create end to end over loopback, N times one after another, by the typed
//! client or by the hand-written one (reqwest), against an in-process server answering
//! Cashy's success body: for counting where a whole call's instructions go, beyond
//! preparing the request and reading the answer (`scripts/callgrind.sh` runs it with a
//! small and a large N; `callgrind_annotate --inclusive=yes` shows the split).
//!
//! `cargo run --release --example calls -- typed|hand N`

#[path = "../benches/support/cashy_by_hand.rs"]
mod cashy_by_hand;

use axum::routing::post;
use axum::Router;
use payout::gateways::cashy;
use payout::runtime::{ClientOptions, Decimal, PayoutStatus, Secret};

const ANSWER: &str = r#"{"code":200,"msg":"SUCCESS","data":{"merchantId":"1002001","mchOrderNo":"order00000001","orderNo":"PAYOUT8551739282639106048","amount":50000.00,"fee":1500.00,"orderStatus":"PROCESSING"}}"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(side), Some(n)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<u64>().ok()),
    ) else {
        return Err("usage: calls typed|hand N".into());
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let app = Router::new().route("/api/payOut", post(|| async { ANSWER }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let base = format!("http://{}", listener.local_addr()?);
        tokio::spawn(async move { axum::serve(listener, app).await });
        let credentials = cashy::Credentials {
            merchant_id: cashy_by_hand::MERCHANT_ID.into(),
            api_key: Secret::new(cashy_by_hand::API_KEY.to_string()),
        };
        let options = ClientOptions {
            allow_insecure_http: true,
            ..ClientOptions::default()
        };
        let typed = cashy::Client::with_base_url(credentials, &base, options)?;
        let http = cashy_by_hand::http_client()?;
        for _ in 0..n {
            let status = if side == "typed" {
                let request = cashy::CreatePayoutRequest {
                    amount: Decimal::new(5_000_000, 2),
                    bank_id: 33,
                    id_type: "1".into(),
                    account_name: "Jeson".into(),
                    mch_order_no: "order00000001".into(),
                    id_card: "43912345".into(),
                    account_no: "3023612345".into(),
                    account_type: 0,
                    notify_url: "https://merchant.example/hooks/cashy".into(),
                    remark: "remark".into(),
                    optional: Default::default(),
                };
                typed.send(&request).await?.result.status
            } else {
                // Fresh for every request, as the engine draws it.
                let nonce = cashy_by_hand::nonce()?;
                let create = cashy_by_hand::Create {
                    amount: Decimal::new(5_000_000, 2),
                    bank_id: 33,
                    id_type: "1",
                    account_name: "Jeson",
                    mch_order_no: "order00000001",
                    id_card: "43912345",
                    account_no: "3023612345",
                    account_type: 0,
                    notify_url: "https://merchant.example/hooks/cashy",
                    remark: "remark",
                    nonce_str: &nonce,
                    phone: None,
                    email: None,
                };
                let request =
                    cashy_by_hand::create_request(&base, &create).map_err(|e| format!("{e:?}"))?;
                let mut post = http.post(&request.url).body(request.body);
                for (name, value) in request.headers {
                    post = post.header(name, value);
                }
                let response = post.send().await?;
                let code = response.status().as_u16();
                let body = cashy_by_hand::read_body(response).await?;
                cashy_by_hand::answer(code, &body)?.status
            };
            if status != Some(PayoutStatus::Processing) {
                return Err(format!("unexpected status {status:?}").into());
            }
        }
        println!("{n} {side} creates");
        Ok::<(), Box<dyn std::error::Error>>(())
    })
}

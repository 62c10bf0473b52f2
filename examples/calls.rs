//! One Cashy create end to end over loopback, N times one after another, by the typed
//! client or by the hand-written one (reqwest), against an in-process server answering
//! Cashy's success body: for counting where a whole call's instructions go, beyond
//! preparing the request and reading the answer (`scripts/callgrind.sh` runs it with a
//! small and a large N; `callgrind_annotate --inclusive=yes` shows the split).
//!
//! `hand-hyper` is the hand-written client sending on hyper directly, as the engine's own
//! client does (reqwest is what hand-written clients mostly use, and what `hand` sends
//! with): it shows what the transport accounts for.
//!
//! `cargo run --release --example calls -- typed|hand|hand-hyper N`

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
        return Err("usage: calls typed|hand|hand-hyper N".into());
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
        let direct = on_hyper::client();
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
                let (code, body) = if side == "hand-hyper" {
                    on_hyper::send(&direct, request).await?
                } else {
                    let mut post = http.post(&request.url).body(request.body);
                    for (name, value) in request.headers {
                        post = post.header(name, value);
                    }
                    let response = post.send().await?;
                    let code = response.status().as_u16();
                    (code, cashy_by_hand::read_body(response).await?)
                };
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

/// The hand-written client's request sent on hyper's pooled client, as carefully as on
/// reqwest: a connect timeout, a time limit on the whole call, no redirects, a
/// `User-Agent` and `Accept` (the engine's headers), the answer read within `MAX_BODY`.
mod on_hyper {
    use std::time::Duration;

    use bytes::Bytes;
    use http_body_util::{BodyExt, Full};
    use hyper_util::client::legacy::connect::HttpConnector;
    use hyper_util::client::legacy::Client;

    use super::cashy_by_hand::{Request, MAX_BODY};

    pub type Direct = Client<HttpConnector, Full<Bytes>>;

    pub fn client() -> Direct {
        let mut connector = HttpConnector::new();
        connector.set_connect_timeout(Some(Duration::from_secs(5)));
        connector.set_nodelay(true);
        Client::builder(hyper_util::rt::TokioExecutor::new())
            .pool_timer(hyper_util::rt::TokioTimer::new())
            .build(connector)
    }

    pub async fn send(
        client: &Direct,
        request: Request,
    ) -> Result<(u16, Vec<u8>), Box<dyn std::error::Error>> {
        let mut builder = http::Request::post(request.url.as_str())
            .header("user-agent", "cashy-by-hand/1.0")
            .header("accept", "*/*");
        for (name, value) in request.headers {
            builder = builder.header(name, value);
        }
        let request = builder.body(Full::new(Bytes::from(request.body)))?;
        let exchange = async {
            let response = client.request(request).await?;
            let code = response.status().as_u16();
            let declared = response
                .headers()
                .get("content-length")
                .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
            if declared.is_some_and(|n| n > MAX_BODY) {
                return Err("the answer is too large".into());
            }
            let mut incoming = response.into_body();
            let mut body = Vec::new();
            while let Some(frame) = incoming.frame().await {
                if let Ok(chunk) = frame?.into_data() {
                    if body.len() + chunk.len() > MAX_BODY {
                        return Err("the answer is too large".into());
                    }
                    body.extend_from_slice(&chunk);
                }
            }
            Ok::<_, Box<dyn std::error::Error>>((code, body))
        };
        tokio::time::timeout(Duration::from_secs(30), exchange).await?
    }
}

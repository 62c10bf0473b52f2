//! The engine against hand-written code doing the same job, in the same run: building and
//! signing Cashy's create request (JSON body, MD5 of body + key, upper-case hex), and
//! verifying a Cashy webhook. The hand-written versions are what a connector written for
//! this one gateway would do; the difference is the price of describing it in YAML.
//!
//! `cargo bench -p payout-runtime`

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use md5::{Digest, Md5};
use payout_runtime::request::{self, Preparation, RequestOptions};
use payout_runtime::source::{FixedClock, OsEntropy};
use payout_runtime::{webhook, CompiledSpec, Credentials, IndexMap, Json, JsonMap, WebhookRequest};

const KEY: &str = "test-api-key-cashy";
const WEBHOOK: &str = r#"{"amount":60000.00,"completionTime":"2024-12-02 08:42:54","fee":5150.0000,"mchOrderNo":"1863484722378907648","merchantId":"3002124","nonceStr":"1733103774518","orderNo":"PAYOUT8551739282639106048","orderStatus":"SUCCESS","payType":"11"}"#;
const WEBHOOK_SIGN: &str = "9A2FE1F57CDE21D402955321117DBEAF";

fn spec() -> CompiledSpec {
    CompiledSpec::from_file(Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/cashy.yaml"))
        .expect("cashy spec")
}

fn input() -> JsonMap {
    let text = r#"{"amount":"50000.00","bankId":33,"idType":"1","accountName":"Jeson","mchOrderNo":"order00000001","idCard":"43912345","accountNo":"3023612345","accountType":0,"notifyUrl":"","remark":"remark","nonceStr":"123456789"}"#;
    Json::parse(text)
        .ok()
        .and_then(|j| j.as_object().cloned())
        .unwrap_or_default()
}

/// What a connector written by hand for Cashy does.
fn hand_written_request(key: &str) -> (String, String) {
    let body = format!(
        r#"{{"amount":{},"bankId":{},"idType":"{}","accountName":"{}","mchOrderNo":"{}","idCard":"{}","accountNo":"{}","accountType":"{}","notifyUrl":"{}","currency":"COP","remark":"{}","nonceStr":"{}"}}"#,
        "50000.00",
        33,
        "1",
        "Jeson",
        "order00000001",
        "43912345",
        "3023612345",
        0,
        "",
        "remark",
        "123456789"
    );
    let mut h = Md5::new();
    h.update(body.as_bytes());
    h.update(key.as_bytes());
    (hex::encode_upper(h.finalize()), body)
}

fn hand_written_verify(body: &str, sign: &str, key: &str) -> bool {
    let mut h = Md5::new();
    h.update(body.as_bytes());
    h.update(key.as_bytes());
    hex::encode_upper(h.finalize()).eq_ignore_ascii_case(sign)
}

fn bench(c: &mut Criterion) {
    let spec = spec();
    let mut values = IndexMap::new();
    values.insert("merchant_id".to_string(), "1002001".to_string());
    values.insert("api_key".to_string(), KEY.to_string());
    let creds = Credentials::new(spec.spec(), values).expect("credentials");
    let input = input();
    let clock = FixedClock(1_733_103_774_518);
    let prep = Preparation {
        spec: &spec,
        creds: &creds,
        clock: &clock,
        entropy: &OsEntropy,
    };

    // Both produce the same signed request.
    let req = request::prepare(
        &prep,
        "create_payout",
        "https://sandbox.cocashy.com",
        &input,
        &RequestOptions::default(),
    )
    .expect("request");
    let (sign, body) = hand_written_request(KEY);
    assert_eq!(req.header("Sign"), Some(sign.as_str()));
    assert_eq!(req.body_text(), body);

    let mut g = c.benchmark_group("cashy create request");
    g.bench_function("payout engine", |b| {
        b.iter(|| {
            request::prepare(
                &prep,
                "create_payout",
                "https://sandbox.cocashy.com",
                black_box(&input),
                &RequestOptions::default(),
            )
        })
    });
    g.bench_function("hand-written", |b| {
        b.iter(|| hand_written_request(black_box(KEY)))
    });
    g.finish();

    let headers = vec![
        // Ours: a webhook naming another merchant is refused.
        ("MerchantId".to_string(), "1002001".to_string()),
        ("Sign".to_string(), WEBHOOK_SIGN.to_string()),
    ];
    let wreq = WebhookRequest::new(&headers, WEBHOOK.as_bytes());
    if let Err(e) = webhook::receive(&spec, &creds, &OsEntropy, &wreq) {
        panic!("the engine refuses the webhook: {e}");
    }
    assert!(hand_written_verify(WEBHOOK, WEBHOOK_SIGN, KEY));
    let mut g = c.benchmark_group("cashy webhook verify and read");
    g.bench_function("payout engine", |b| {
        b.iter(|| webhook::receive(&spec, &creds, &OsEntropy, black_box(&wreq)))
    });
    g.bench_function("hand-written (verify only)", |b| {
        b.iter(|| hand_written_verify(black_box(WEBHOOK), WEBHOOK_SIGN, KEY))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

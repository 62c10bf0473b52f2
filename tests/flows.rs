//! Flows end to end against the sandbox on loopback: a payout that needs a token or a
//! recipient first is one call, the obtained values are cached, an expired token is
//! fetched anew, and the sandbox refuses what it never handed out.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use payout::runtime::source::{Clock, OsEntropy};
use payout::runtime::*;
use payout_sandbox::{GatewaySetup, Options, Sandbox};

fn spec(path: &str) -> Arc<CompiledSpec> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    Arc::new(CompiledSpec::from_file(path).unwrap_or_else(|e| panic!("{e}")))
}

fn options() -> ClientOptions {
    ClientOptions {
        allow_insecure_http: true,
        request_timeout: Duration::from_secs(5),
        retry_backoff: Duration::from_millis(20),
        ..ClientOptions::default()
    }
}

/// A sandbox imitating one spec, and a dynamic client of it.
async fn start(path: &str) -> (Sandbox, DynamicClient, Arc<payout_sandbox::Gateway>) {
    let s = spec(path);
    let setup = GatewaySetup::with_test_credentials(s.clone()).unwrap();
    let creds = Credentials::new(s.spec(), setup.credentials.clone()).unwrap();
    let id = s.spec().provider.id.clone();
    let sandbox = Sandbox::start(vec![setup], Options::default())
        .await
        .unwrap();
    let base = sandbox.base_url(&id).unwrap();
    let client = DynamicClient::new(s, creds, &base, options()).unwrap();
    let gw = sandbox.gateway(&id).unwrap();
    (sandbox, client, gw)
}

fn paystack_payout(reference: &str, amount: &str, currency: &str, account: &str) -> CreatePayout {
    let mut p = CreatePayout::new(reference, Money::parse(amount, currency).unwrap());
    p.beneficiary = Beneficiary {
        name: Some("Tolu Robert".into()),
        account_number: Some(account.into()),
        bank_code: Some("058".into()),
        ..Beneficiary::default()
    };
    p.purpose = Some("Invoice 42".into());
    p
}

/// A unified create through Paystack makes the recipient, then the transfer, in one call;
/// the recipient is reused for the next payout to the same account.
#[tokio::test]
async fn paystack_pays_out_in_one_call_and_reuses_the_recipient() {
    let (_sb, client, gw) = start("specs/paystack.yaml").await;
    let first = client
        .create_payout(&paystack_payout(
            "acme-transfer-00001",
            "12.34",
            "GHS",
            "0001234567",
        ))
        .await
        .unwrap();
    assert_eq!(first.status, Some(PayoutStatus::Pending));
    assert!(first
        .provider_ref
        .as_deref()
        .is_some_and(|r| r.starts_with("TRF_")));
    assert_eq!(gw.issued("recipient"), 1);
    let order = gw.order("acme-transfer-00001").unwrap();
    // 12.34 GHS went as 1234 pesewas and was read back as 12.34.
    assert_eq!(order.amount.to_string(), "12.34");

    client
        .create_payout(&paystack_payout(
            "acme-transfer-00002",
            "5000",
            "GHS",
            "0001234567",
        ))
        .await
        .unwrap();
    assert_eq!(
        gw.issued("recipient"),
        1,
        "the same account reuses its recipient"
    );
    client
        .create_payout(&paystack_payout(
            "acme-transfer-00004",
            "5000",
            "NGN",
            "0001234567",
        ))
        .await
        .unwrap();
    assert_eq!(
        gw.issued("recipient"),
        2,
        "an account in another currency is another recipient"
    );
    client
        .create_payout(&paystack_payout(
            "acme-transfer-00003",
            "1",
            "NGN",
            "0009999999",
        ))
        .await
        .unwrap();
    assert_eq!(
        gw.issued("recipient"),
        3,
        "another account gets its own recipient"
    );

    let q = client
        .query_payout(&PayoutRef::Merchant("acme-transfer-00001".into()))
        .await
        .unwrap();
    assert_eq!(q.provider_ref, first.provider_ref);
}

/// The sandbox refuses a transfer to a recipient it never made; nothing exists.
#[tokio::test]
async fn paystack_refuses_an_unknown_recipient() {
    let (_sb, client, gw) = start("specs/paystack.yaml").await;
    let mut input = JsonMap::default();
    input.insert("amount".to_string(), Json::from("10.00"));
    input.insert("reference".to_string(), Json::from("acme-transfer-00009"));
    input.insert("recipient".to_string(), Json::from("RCP_never_made"));
    let e = client.call("create_transfer", &input).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidRequest, "{e}");
    assert!(!e.may_exist, "{e}");
    assert_eq!(gw.count("acme-transfer-00009"), 0);
    assert_eq!(
        gw.issued("recipient"),
        0,
        "a given recipient is not made again"
    );
}

/// A currency Paystack does not serve is refused before anything is sent, recipient
/// included.
#[tokio::test]
async fn paystack_refuses_a_currency_it_does_not_serve() {
    let (_sb, client, gw) = start("specs/paystack.yaml").await;
    let e = client
        .create_payout(&paystack_payout(
            "acme-transfer-00010",
            "10.00",
            "USD",
            "0001234567",
        ))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidInput, "{e}");
    assert!(!e.may_exist);
    assert_eq!(gw.issued("recipient"), 0);
}

/// A step that fails before the money step leaves nothing behind: `may_exist: false`.
#[tokio::test]
async fn an_error_before_the_money_step_means_no_payout() {
    let (_sb, client, gw) = start("specs/paystack.yaml").await;
    gw.add_fault(payout_sandbox::FaultRule {
        operation: Some("create_recipient".into()),
        ..payout_sandbox::FaultRule::always(payout_sandbox::Fault::Refuse {
            error: ErrorKind::InvalidRequest,
        })
    });
    let e = client
        .create_payout(&paystack_payout(
            "acme-transfer-00011",
            "10.00",
            "NGN",
            "0001234567",
        ))
        .await
        .unwrap_err();
    assert!(!e.may_exist, "{e}");
    assert!(e.message.contains("create_recipient"), "{e}");
    assert_eq!(gw.count("acme-transfer-00011"), 0);
}

fn oauth_payout(reference: &str) -> CreatePayout {
    let mut p = CreatePayout::new(reference, Money::parse("12.34", "USD").unwrap());
    p.beneficiary.name = Some("Ann".into());
    p
}

/// One token for many payouts; the sandbox saw it fetched once.
#[tokio::test]
async fn a_token_is_fetched_once_and_reused() {
    let (_sb, client, gw) = start("tests/specs/flows/oauth.yaml").await;
    for i in 0..3 {
        let r = client
            .create_payout(&oauth_payout(&format!("o-{i}")))
            .await
            .unwrap();
        assert_eq!(r.status, Some(PayoutStatus::Pending));
    }
    let q = client
        .query_payout(&PayoutRef::Merchant("o-1".into()))
        .await
        .unwrap();
    assert_eq!(q.merchant_ref.as_deref(), Some("o-1"));
    assert_eq!(gw.issued("token"), 1);
    let order = gw.order("o-0").unwrap();
    assert_eq!(order.amount.to_string(), "12.34");
}

/// The gateway expires the token between two payouts: the second payout is refused as
/// unauthorized, a new token is fetched and the payout is sent again, all in one call, and
/// exactly one payout exists.
#[tokio::test]
async fn a_token_that_expires_between_two_payouts_is_renewed_in_the_same_call() {
    let (_sb, client, gw) = start("tests/specs/flows/oauth.yaml").await;
    client.create_payout(&oauth_payout("exp-1")).await.unwrap();
    gw.expire_tokens();
    let r = client.create_payout(&oauth_payout("exp-2")).await.unwrap();
    assert_eq!(r.merchant_ref.as_deref(), Some("exp-2"));
    assert_eq!(gw.issued("token"), 2);
    assert_eq!(gw.count("exp-2"), 1);
}

/// A clock tests move by hand.
struct ManualClock(AtomicU64);

impl Clock for ManualClock {
    fn now_millis(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// Near its expiry (within the margin) a cached token is not used: a new one is fetched
/// before sending, without a refusal.
#[tokio::test]
async fn a_token_near_its_expiry_is_fetched_anew_before_sending() {
    let (_sb, client, gw) = start("tests/specs/flows/oauth.yaml").await;
    gw.set_token_ttl(600);
    let clock = Arc::new(ManualClock(AtomicU64::new(1_700_000_000_000)));
    let client = client.with_sources(clock.clone(), Arc::new(OsEntropy));
    client.create_payout(&oauth_payout("t-1")).await.unwrap();
    // 539 s later: 61 s left, more than the 60 s margin.
    clock.0.fetch_add(539_000, Ordering::SeqCst);
    client.create_payout(&oauth_payout("t-2")).await.unwrap();
    assert_eq!(gw.issued("token"), 1);
    // 2 s later: inside the margin.
    clock.0.fetch_add(2_000, Ordering::SeqCst);
    client.create_payout(&oauth_payout("t-3")).await.unwrap();
    assert_eq!(gw.issued("token"), 2);
}

/// Eight payouts at once on a fresh client fetch one token between them.
#[tokio::test]
async fn concurrent_payouts_fetch_one_token() {
    let (_sb, client, gw) = start("tests/specs/flows/oauth.yaml").await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let c = client.clone();
        tasks.push(tokio::spawn(async move {
            c.create_payout(&oauth_payout(&format!("c-{i}"))).await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(gw.issued("token"), 1);
}

/// A request with a token the gateway never issued is refused as unauthorized.
#[tokio::test]
async fn the_sandbox_refuses_a_token_it_never_issued() {
    let (sb, _client, _gw) = start("tests/specs/flows/oauth.yaml").await;
    let url = format!("{}/v1/payouts", sb.base_url("oauthpay").unwrap());
    let resp = reqwest::Client::new()
        .post(url)
        .header("Authorization", "Bearer forged")
        .header("Content-Type", "application/json")
        .body(r#"{"reference":"f-1","amount":100,"currency":"usd","name":"Ann"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
}

/// The cache is replaceable: a shared cache makes a second client use the first one's
/// token.
#[tokio::test]
async fn a_shared_cache_serves_two_clients() {
    let (_sb, client, gw) = start("tests/specs/flows/oauth.yaml").await;
    let cache: Arc<dyn FlowCache> = Arc::new(MemoryCache::default());
    let a = client.clone().with_cache(cache.clone());
    let b = client.with_cache(cache);
    a.create_payout(&oauth_payout("s-1")).await.unwrap();
    b.create_payout(&oauth_payout("s-2")).await.unwrap();
    assert_eq!(gw.issued("token"), 1);
}

/// A unified payout through a batch gateway is a one-item batch: the item's fields are
/// filled by their roles (the name in three, two of them derived), the sandbox reads the
/// amount out of the item, and the payout's status is its item's.
#[tokio::test]
async fn a_unified_payout_is_a_one_item_batch() {
    let (_sb, client, gw) = start("tests/specs/flows/batch.yaml").await;
    let mut p = CreatePayout::new("B-7", Money::parse("10.50", "EUR").unwrap());
    p.beneficiary.name = Some("Ana Maria Lopez".into());
    p.beneficiary.account_number = Some("DE89370400440532013000".into());
    let created = client.create_payout(&p).await.unwrap();
    assert_eq!(created.status, Some(PayoutStatus::Pending), "{created:?}");
    let order = gw.order("B-7").unwrap();
    assert_eq!(order.amount.to_string(), "10.50");
    gw.set_status("B-7", "FAILED", None).unwrap();
    let q = client
        .query_payout(&PayoutRef::Provider(order.provider_ref.clone()))
        .await
        .unwrap();
    // The batch reads DONE (its example); the only item failed, so the payout failed.
    assert_eq!(q.status, Some(PayoutStatus::Failed), "{q:?}");
    assert_eq!(q.provider_status.as_deref(), Some("FAILED"));
}

/// PayPal through its typed client: a unified payout is one call (token, then a one-item
/// batch); the token expires between two payouts and the second is still one call.
#[tokio::test]
async fn paypal_pays_out_in_one_call_with_a_token_that_expires_between_payouts() {
    let s = spec("specs/paypal.yaml");
    let setup = GatewaySetup::with_test_credentials(s.clone()).unwrap();
    let creds = setup.credentials.clone();
    let sandbox = Sandbox::start(vec![setup], Options::default())
        .await
        .unwrap();
    let base = sandbox.base_url("paypal").unwrap();
    let client = payout::gateways::paypal::Client::from_map(&creds, &base, options()).unwrap();
    let gw = sandbox.gateway("paypal").unwrap();
    let payout = |r: &str| {
        let mut p = CreatePayout::new(r, Money::parse("9.87", "USD").unwrap());
        p.beneficiary.email = Some("receiver@example.com".into());
        p
    };
    // The unified create (the typed `create_payout` is the gateway's own operation).
    let first = PayoutProvider::create_payout(&client, &payout("pp-batch-1"))
        .await
        .unwrap();
    assert_eq!(first.status, Some(PayoutStatus::Pending), "{first:?}");
    assert_eq!(gw.order("pp-batch-1").unwrap().amount.to_string(), "9.87");
    gw.expire_tokens();
    let second = PayoutProvider::create_payout(&client, &payout("pp-batch-2"))
        .await
        .unwrap();
    assert_eq!(second.merchant_ref.as_deref(), Some("pp-batch-2"));
    assert_eq!(gw.issued("token"), 2);
    assert_eq!(gw.count("pp-batch-2"), 1);
    // The item's status is the payout's.
    gw.set_status("pp-batch-1", "FAILED", None).unwrap();
    let q = client
        .query_payout(&PayoutRef::Provider(first.provider_ref.clone().unwrap()))
        .await
        .unwrap();
    assert_eq!(q.status, Some(PayoutStatus::Failed), "{q:?}");
}

/// A PayPal webhook is read only after PayPal confirms it by postback: one the sandbox
/// sent is confirmed; the same event with another transmission id is refused.
#[tokio::test]
async fn paypal_webhooks_are_verified_by_postback() {
    let s = spec("specs/paypal.yaml");
    let setup = GatewaySetup::with_test_credentials(s.clone()).unwrap();
    let creds = Credentials::new(s.spec(), setup.credentials.clone()).unwrap();
    let sandbox = Sandbox::start(vec![setup], Options::default())
        .await
        .unwrap();
    let base = sandbox.base_url("paypal").unwrap();
    let client = DynamicClient::new(s, creds, &base, options()).unwrap();
    let gw = sandbox.gateway("paypal").unwrap();
    // The merchant's endpoint: it verifies each webhook by postback before reading it.
    let mut providers: std::collections::HashMap<String, Arc<dyn PayoutProvider>> =
        std::collections::HashMap::new();
    providers.insert("paypal".into(), Arc::new(client.clone()));
    let receiver = payout_sandbox::receiver::Receiver::start(providers)
        .await
        .unwrap();
    let url = receiver.url("paypal");
    gw.set_notify_url(Some(url.clone()));
    let mut p = CreatePayout::new("pp-hook-1", Money::parse("5.00", "USD").unwrap());
    p.beneficiary.email = Some("receiver@example.com".into());
    client.create_payout(&p).await.unwrap();
    gw.advance("pp-hook-1").unwrap();
    let got = receiver
        .wait_for(Duration::from_secs(5), |r| r.outcome.is_ok())
        .await
        .expect("a webhook the receiver verified by postback");
    let (headers, body) = (got.headers.clone(), got.body.clone());
    let ev = client
        .verify_webhook(WebhookRequest::new(&headers, &body).at(&url))
        .await
        .unwrap();
    assert_eq!(ev.status, Some(PayoutStatus::Succeeded));
    assert_eq!(ev.merchant_ref.as_deref(), Some("pp-hook-1"));
    // The synchronous reader cannot ask PayPal, and says so rather than trusting it.
    let e = client
        .parse_webhook(&WebhookRequest::new(&headers, &body))
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unsupported, "{e}");
    // A forged transmission id: PayPal (the sandbox) never sent it.
    let forged: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| {
            let v = if k.eq_ignore_ascii_case("paypal-transmission-id") {
                "forged".to_string()
            } else {
                v.clone()
            };
            (k.clone(), v)
        })
        .collect();
    let e = client
        .verify_webhook(WebhookRequest::new(&forged, &body).at(&url))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadSignature, "{e}");
    // A tampered body is refused the same way.
    let tampered = String::from_utf8(body.clone())
        .unwrap()
        .replace("5.00", "500.00");
    let e = client
        .verify_webhook(WebhookRequest::new(&headers, tampered.as_bytes()).at(&url))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadSignature, "{e}");
}

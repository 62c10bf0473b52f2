//! Wise end to end against the sandbox on loopback: a unified payout is one call through
//! the quote, the recipient account, the transfer and the funding payment; the recipient
//! is reused, the quote is not, and the payout's id is the transfer's.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use payout::runtime::*;
use payout_sandbox::{GatewaySetup, Options, Sandbox};

fn spec() -> Arc<CompiledSpec> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/wise.yaml");
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

async fn start() -> (Sandbox, DynamicClient, Arc<payout_sandbox::Gateway>) {
    let s = spec();
    let setup = GatewaySetup::with_test_credentials(s.clone()).unwrap();
    let creds = Credentials::new(s.spec(), setup.credentials.clone()).unwrap();
    let sandbox = Sandbox::start(vec![setup], Options::default())
        .await
        .unwrap();
    let base = sandbox.base_url("wise").unwrap();
    let client = DynamicClient::new(s, creds, &base, options()).unwrap();
    let gw = sandbox.gateway("wise").unwrap();
    (sandbox, client, gw)
}

fn payout(reference: &str, amount: &str, account: &str) -> CreatePayout {
    let mut p = CreatePayout::new(reference, Money::parse(amount, "GBP").unwrap());
    p.beneficiary = Beneficiary {
        name: Some("Ann Johnson".into()),
        account_number: Some(account.into()),
        bank_code: Some("040075".into()),
        ..Beneficiary::default()
    };
    p
}

/// Quote → recipient → transfer → fund in one unified call; a second payout to the same
/// account reuses the recipient but makes its own quote and transfer.
#[tokio::test]
async fn wise_pays_out_in_one_call_and_reuses_the_recipient() {
    let (_sb, client, gw) = start().await;
    let first = client
        .create_payout(&payout("acme-wise-0001", "110.00", "37778842"))
        .await
        .unwrap();
    assert_eq!(first.merchant_ref.as_deref(), Some("acme-wise-0001"));
    let transfer = first.provider_ref.clone().expect("the transfer's id");
    let order = gw.order("acme-wise-0001").unwrap();
    assert_eq!(order.provider_ref, transfer, "the payout is the transfer");
    assert_eq!(order.amount.to_string(), "110.00");
    assert_eq!(
        (
            gw.issued("quote"),
            gw.issued("recipient"),
            gw.issued("transfer")
        ),
        (1, 1, 1)
    );

    let second = client
        .create_payout(&payout("acme-wise-0002", "5.50", "37778842"))
        .await
        .unwrap();
    assert_ne!(second.provider_ref, first.provider_ref);
    assert_eq!(
        (
            gw.issued("quote"),
            gw.issued("recipient"),
            gw.issued("transfer")
        ),
        (2, 1, 2),
        "a quote serves one transfer; the account's recipient is reused"
    );
    assert_eq!(
        gw.order("acme-wise-0002").unwrap().amount.to_string(),
        "5.50"
    );

    // The query is by the transfer's id and reads its state.
    let q = client
        .query_payout(&PayoutRef::Provider(transfer.clone()))
        .await
        .unwrap();
    assert_eq!(q.provider_ref.as_deref(), Some(transfer.as_str()));
    assert_eq!(q.merchant_ref.as_deref(), Some("acme-wise-0001"));
    assert_eq!(q.provider_status.as_deref(), Some("processing"));
    gw.set_status("acme-wise-0001", "outgoing_payment_sent", None)
        .unwrap();
    let q = client
        .query_payout(&PayoutRef::Provider(transfer))
        .await
        .unwrap();
    assert_eq!(q.status, Some(PayoutStatus::Succeeded), "{q:?}");
}

/// The sandbox refuses to fund a transfer it never made: nothing exists.
#[tokio::test]
async fn wise_refuses_to_fund_an_unknown_transfer() {
    let (_sb, client, gw) = start().await;
    let mut input = payout::runtime::JsonMap::default();
    input.insert("transferId".to_string(), Json::String("999".into()));
    let e = client.call("fund_transfer", &input).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidRequest, "{e}");
    assert!(gw.orders().is_empty());
}

/// With strong customer authentication on, the funding payment is refused with a one-time
/// token; the client signs it with the merchant's key and sends the payment once more, all
/// inside the one unified call. Each payout is challenged anew.
#[tokio::test]
async fn wise_answers_the_one_time_token_challenge() {
    let (_sb, client, gw) = start().await;
    gw.set_challenge(true);
    let first = client
        .create_payout(&payout("acme-wise-sca-1", "20.00", "37778842"))
        .await
        .unwrap();
    assert_eq!(gw.challenges_answered(), 1);
    assert_eq!(gw.count("acme-wise-sca-1"), 1, "funded once");
    assert_eq!(
        gw.order("acme-wise-sca-1").unwrap().provider_ref,
        first.provider_ref.unwrap()
    );
    client
        .create_payout(&payout("acme-wise-sca-2", "21.00", "37778842"))
        .await
        .unwrap();
    assert_eq!(gw.challenges_answered(), 2);
    assert_eq!(gw.issued("recipient"), 1, "the recipient is still reused");
}

/// An answer signed with another key does not verify: the payment is refused as
/// unauthorized (a refusal: no payout may exist) and nothing was funded.
#[tokio::test]
async fn wise_refuses_a_challenge_answered_with_the_wrong_key() {
    let s = spec();
    let setup = GatewaySetup::with_test_credentials(s.clone()).unwrap();
    let mut creds = setup.credentials.clone();
    let other = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/keys/test-only-platform-private.pem"),
    )
    .unwrap();
    creds.insert("merchant_private_key".into(), other);
    let sandbox = Sandbox::start(vec![setup], Options::default())
        .await
        .unwrap();
    let base = sandbox.base_url("wise").unwrap();
    let client = DynamicClient::new(
        s.clone(),
        Credentials::new(s.spec(), creds).unwrap(),
        &base,
        options(),
    )
    .unwrap();
    let gw = sandbox.gateway("wise").unwrap();
    gw.set_challenge(true);
    let e = client
        .create_payout(&payout("acme-wise-sca-3", "20.00", "37778842"))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unauthorized, "{e}");
    assert!(!e.may_exist, "{e}");
    assert_eq!(gw.challenges_answered(), 0);
    assert_eq!(gw.count("acme-wise-sca-3"), 0, "nothing was funded");
}

/// The generated client of `specs/wise.yaml` pays out through the same flow behind the
/// unified interface, challenge included.
#[tokio::test]
async fn the_typed_wise_client_pays_out_in_one_call() {
    let s = spec();
    let setup = GatewaySetup::with_test_credentials(s).unwrap();
    let creds = setup.credentials.clone();
    let sandbox = Sandbox::start(vec![setup], Options::default())
        .await
        .unwrap();
    let base = sandbox.base_url("wise").unwrap();
    let client = payout::gateways::wise::Client::from_map(&creds, &base, options()).unwrap();
    let gw = sandbox.gateway("wise").unwrap();
    gw.set_challenge(true);
    let r =
        PayoutProvider::create_payout(&client, &payout("acme-wise-typed-1", "7.25", "12345678"))
            .await
            .unwrap();
    assert_eq!(gw.challenges_answered(), 1);
    let order = gw.order("acme-wise-typed-1").unwrap();
    assert_eq!(r.provider_ref.as_deref(), Some(order.provider_ref.as_str()));
    assert_eq!(order.amount.to_string(), "7.25");
}

/// Input by the gateway's own field names for every step at once (`payout call`): the
/// recipient's and the transfer's `details` share a name, and each step takes its own keys.
#[tokio::test]
async fn wise_runs_its_flow_from_raw_input() {
    let (_sb, client, gw) = start().await;
    let input = Json::parse(
        r#"{"sourceCurrency":"GBP","targetCurrency":"GBP","targetAmount":"12.50","currency":"GBP",
            "accountHolderName":"Ann Johnson",
            "details":{"sortCode":"040075","accountNumber":"37778842","reference":"acme-wise-raw-1"}}"#,
    )
    .unwrap();
    let input = input.as_object().cloned().unwrap();
    let out = client.call("fund_transfer", &input).await.unwrap();
    let order = gw.order("acme-wise-raw-1").unwrap();
    assert_eq!(order.amount.to_string(), "12.50");
    assert_eq!(
        out.result.provider_ref.as_deref(),
        Some(order.provider_ref.as_str())
    );
}

/// The two rules of Wise's that keep a payout single, as the sandbox imitates them: a
/// transfer requested again for the same reference (the same `customerTransactionId`, as
/// after a lost answer) is answered with the transfer made the first time, and a quote
/// serves one transfer only — naming it for another reference is refused.
#[tokio::test]
async fn wise_answers_a_repeated_transfer_with_the_first_and_refuses_a_reused_quote() {
    let (_sb, client, gw) = start().await;
    let object = |text: &str| Json::parse(text).unwrap().as_object().cloned().unwrap();
    let id = |r: &CallOutcome| r.result.response.get_path("id").and_then(Json::scalar_text);
    let quote = || async {
        let input =
            object(r#"{"sourceCurrency":"GBP","targetCurrency":"GBP","targetAmount":"12.50"}"#);
        id(&client.call("create_quote", &input).await.unwrap()).unwrap()
    };
    let recipient = client
        .call(
            "create_recipient",
            &object(
                r#"{"currency":"GBP","accountHolderName":"Ann Johnson",
                    "details":{"sortCode":"040075","accountNumber":"37778842"}}"#,
            ),
        )
        .await
        .unwrap();
    let recipient = id(&recipient).unwrap();
    let http = reqwest::Client::new();
    // A transfer for `reference` naming this quote and the recipient, sent as is.
    let transfer = |reference: &str, quote: &str| {
        // The values its flow would have obtained, given directly.
        let input = object(&format!(
            r#"{{"targetAccount":{recipient},"quoteUuid":"{quote}","details":{{"reference":"{reference}"}}}}"#
        ));
        let opts = RequestOptions::default();
        let req = client.prepare("create_transfer", &input, &opts).unwrap();
        let http = http.clone();
        async move {
            let mut b = http.post(req.url()).body(req.body.clone());
            for (k, v) in &req.headers {
                b = b.header(k, v);
            }
            let resp = b.send().await.unwrap();
            let status = resp.status().as_u16();
            let body = resp.text().await.unwrap();
            let id = Json::parse(&body)
                .ok()
                .and_then(|j| j.get_path("id").and_then(Json::scalar_text));
            (status, id, body)
        }
    };

    let first_quote = quote().await;
    let (status, first, body) = transfer("acme-wise-again", &first_quote).await;
    assert_eq!(status, 200, "{body}");
    // The answer was lost: the client retries with a fresh quote, the same reference.
    let (status, again, body) = transfer("acme-wise-again", &quote().await).await;
    assert_eq!(status, 200, "{body}");
    assert!(first.is_some());
    assert_eq!(first, again, "the transfer made the first time");
    assert_eq!(gw.issued("transfer"), 1);

    // The first quote, named for another payout, is refused; its own retry is not.
    let (status, _, body) = transfer("acme-wise-other", &first_quote).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("was used already"), "{body}");
    let (status, retried, body) = transfer("acme-wise-again", &first_quote).await;
    assert_eq!((status, retried), (200, first), "{body}");
    assert_eq!(gw.issued("transfer"), 1);
}

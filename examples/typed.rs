//! A typed client, end to end: Cashy's generated client (`payout::gateways::cashy`) pays out
//! against the embedded sandbox, follows the payout by query, and reads the webhook the
//! sandbox sends, each step with the gateway's own types.
//!
//! `cargo run --example typed` (from the repository root).

use std::collections::HashMap;
use std::error::Error;
use std::sync::Arc;
use std::time::Duration;

use payout::gateways::cashy;
use payout::runtime::{ClientOptions, Decimal, PayoutProvider, WebhookRequest};
use payout_sandbox::receiver::Receiver;
use payout_sandbox::{GatewaySetup, Options, Sandbox};

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    // The sandbox imitates Cashy on loopback, from the spec embedded in the generated module.
    let setup = GatewaySetup::with_test_credentials(cashy::Client::spec()?)?;
    let credentials = cashy::Credentials::from_map(&setup.credentials)?;
    let sandbox = Sandbox::start(vec![setup], Options::default()).await?;
    let base_url = sandbox.base_url("cashy").ok_or("no cashy")?;

    // In production: `cashy::Client::new(credentials, cashy::Environment::Production, ..)`.
    let options = ClientOptions {
        allow_insecure_http: true, // the sandbox is plain HTTP on loopback
        ..ClientOptions::default()
    };
    let client = cashy::Client::with_base_url(credentials, &base_url, options)?;

    // The merchant's webhook endpoint, verifying with this client.
    let provider: Arc<dyn PayoutProvider> = Arc::new(client.clone());
    let receiver = Receiver::start(HashMap::from([("cashy".to_string(), provider)])).await?;

    // A struct literal names every required field (leaving one out does not compile); the
    // optional ones are in `optional`, or set with setters. Money is a `Decimal`, never a
    // float.
    let amount: Decimal = "50000.00".parse()?;
    let request = cashy::CreatePayoutRequest {
        amount,
        bank_id: 33,
        id_type: "1".into(),
        account_name: "Jeson".into(),
        mch_order_no: "order-1".into(),
        id_card: "43912345".into(),
        account_no: "3023612345".into(),
        account_type: 0,
        notify_url: receiver.url("cashy"),
        remark: "salary".into(),
        optional: Default::default(),
    }
    .phone("3001234567");
    let created = match client.send(&request).await {
        Ok(created) => created,
        // Query before sending again: never resend a create blindly.
        Err(e) if e.may_exist => return Err(format!("may exist, query first: {e}").into()),
        Err(e) => return Err(format!("refused: {e}").into()),
    };
    // The gateway's status, typed, and its unified meaning.
    println!(
        "created: {:?} ({:?})",
        created.status,
        created.status.as_ref().and_then(|s| s.unified(None))
    );

    // The gateway moves the payout on; the typed query reads it.
    let gateway = sandbox.gateway("cashy").ok_or("no cashy")?;
    while gateway.advance("order-1")?.is_some() {}
    let queried = client
        .send(&cashy::QueryPayoutRequest::default().mch_order_no("order-1"))
        .await?;
    let data = queried.body.data.unwrap_or_default();
    println!(
        "queried: {:?}, amount {:?}, final: {}",
        data.order_status,
        data.amount,
        queried.result.is_final()
    );

    // The final webhook as the merchant's server received it: verified, then read as a typed
    // event.
    let received = receiver
        .wait_for(
            Duration::from_secs(5),
            |r| matches!(&r.outcome, Ok(e) if e.provider_status.as_deref() == Some("SUCCESS")),
        )
        .await
        .ok_or("no webhook arrived")?;
    let webhook = WebhookRequest::new(&received.headers, &received.body).at(&received.url);
    match client.webhook(&webhook)? {
        cashy::Webhook::PayoutResult(event) => println!(
            "webhook: {} is {:?}; answer HTTP {} {:?}",
            event.body.mch_order_no.unwrap_or_default(),
            event.status,
            event.event.ack.status,
            event.event.ack.body
        ),
    }
    sandbox.shutdown().await;
    Ok(())
}

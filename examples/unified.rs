//! The unified interface, end to end: pays out through Cashy's spec against the embedded
//! sandbox, follows the payout by query, and reads a webhook.
//!
//! `cargo run --example unified` (from the repository root).

use std::error::Error;
use std::sync::Arc;

use payout::runtime::{
    Beneficiary, ClientOptions, CompiledSpec, CreatePayout, Credentials, DynamicClient, Money,
    PayoutProvider, PayoutRef, WebhookRequest,
};
use payout_sandbox::{GatewaySetup, Options, Sandbox};

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    // A gateway from its spec, checked and compiled once.
    let spec = Arc::new(CompiledSpec::from_file("specs/cashy.yaml")?);

    // The sandbox imitates Cashy on loopback, with test credentials.
    let setup = GatewaySetup::with_test_credentials(spec.clone())?;
    let credentials_by_name = setup.credentials.clone();
    let sandbox = Sandbox::start(vec![setup], Options::default()).await?;
    let base_url = sandbox.base_url("cashy").ok_or("no cashy")?;

    // A client: in production, `DynamicClient::for_environment(spec, creds, "production", ..)`.
    let creds = Credentials::new(spec.spec(), credentials_by_name)?;
    let options = ClientOptions {
        allow_insecure_http: true, // the sandbox is plain HTTP on loopback
        ..ClientOptions::default()
    };
    let client = DynamicClient::new(spec, creds, &base_url, options)?;

    let mut payout =
        CreatePayout::new("order-1", Money::parse("50000.00", "COP")?).extra("bankId", 33i64); // a gateway-specific field, by the gateway's own name
    payout.beneficiary = Beneficiary {
        name: Some("Jeson".into()),
        account_number: Some("3023612345".into()),
        id_type: Some("1".into()),
        id_number: Some("43912345".into()),
        account_type: Some("0".into()),
        ..Default::default()
    };
    payout.remark = Some("salary".into());
    payout.notify_url = Some("https://merchant.example/payouts/webhook".into());
    match client.create_payout(&payout).await {
        Ok(result) => println!(
            "created: {:?} ({:?})",
            result.status, result.provider_status
        ),
        // Query before sending again: never resend a create blindly.
        Err(e) if e.may_exist => return Err(format!("may exist, query first: {e}").into()),
        Err(e) => return Err(format!("refused: {e}").into()),
    }

    // The gateway moves the payout on; the query reads it in unified terms.
    let gateway = sandbox.gateway("cashy").ok_or("no cashy")?;
    gateway.advance("order-1")?;
    gateway.advance("order-1")?;
    let status = client
        .query_payout(&PayoutRef::Merchant("order-1".into()))
        .await?;
    println!(
        "queried: {:?} ({:?}), final: {}",
        status.status,
        status.provider_status,
        status.is_final()
    );

    // A webhook as a merchant's server receives it (here Cashy's documented sample, signed
    // with the test key): verified first, then read.
    let body = br#"{"amount":60000.00,"completionTime":"2024-12-02 08:42:54","fee":5150.0000,"mchOrderNo":"1863484722378907648","merchantId":"3002124","nonceStr":"1733103774518","orderNo":"PAYOUT8551739282639106048","orderStatus":"SUCCESS","payType":"11"}"#;
    let headers = vec![("Sign".to_string(), "forged".to_string())];
    match client.parse_webhook(&WebhookRequest::new(&headers, body)) {
        Ok(event) => println!("webhook: {:?}", event.status),
        Err(e) => println!("webhook refused, as it should be: {e}"),
    }
    sandbox.shutdown().await;
    Ok(())
}

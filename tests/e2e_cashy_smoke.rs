use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use payout::runtime::*;
use payout_sandbox::receiver::Receiver;
use payout_sandbox::{GatewaySetup, Options, Sandbox};

#[tokio::test]
async fn cashy_smoke() {
    let spec = Arc::new(CompiledSpec::from_file(Path::new("specs/cashy.yaml")).unwrap());
    let setup = GatewaySetup::with_test_credentials(spec.clone()).unwrap();
    let creds = Credentials::new(spec.spec(), setup.credentials.clone()).unwrap();
    let sb = Sandbox::start(vec![setup], Options::default())
        .await
        .unwrap();
    let opts = ClientOptions {
        allow_insecure_http: true,
        ..Default::default()
    };
    let client =
        DynamicClient::new(spec.clone(), creds, &sb.base_url("cashy").unwrap(), opts).unwrap();
    let mut providers: HashMap<String, Arc<dyn PayoutProvider>> = HashMap::new();
    providers.insert("cashy".into(), Arc::new(client.clone()));
    let rx = Receiver::start(providers).await.unwrap();
    let mut req = CreatePayout::new("ORDER-1", Money::parse("50000.00", "COP").unwrap())
        .extra("bankId", 33i64);
    req.beneficiary = Beneficiary {
        name: Some("Jeson".into()),
        account_number: Some("3023612345".into()),
        id_type: Some("1".into()),
        id_number: Some("43912345".into()),
        account_type: Some("0".into()),
        ..Default::default()
    };
    req.remark = Some("salary".into());
    req.notify_url = Some(rx.url("cashy"));
    let r = client.create_payout(&req).await;
    println!("{r:?}");
    let r = r.unwrap();
    assert_eq!(r.status, Some(PayoutStatus::Processing));
    let gw = sb.gateway("cashy").unwrap();
    gw.advance("ORDER-1").unwrap();
    gw.advance("ORDER-1").unwrap();
    let got = rx
        .wait_for(
            Duration::from_secs(5),
            |r| matches!(&r.outcome, Ok(e) if e.status == Some(PayoutStatus::Succeeded)),
        )
        .await;
    println!("{:?}", rx.received());
    assert!(got.is_some());
    let q = client
        .query_payout(&PayoutRef::Merchant("ORDER-1".into()))
        .await
        .unwrap();
    assert_eq!(q.status, Some(PayoutStatus::Succeeded));
    let dup = client.create_payout(&req).await.unwrap_err();
    println!("{dup}");
    assert_eq!(dup.kind, ErrorKind::Duplicate);
    assert_eq!(gw.count("ORDER-1"), 1);
}

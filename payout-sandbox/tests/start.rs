//! A spec the sandbox cannot serve is refused when it starts, never a panic.

use std::sync::Arc;

use payout_runtime::CompiledSpec;
use payout_sandbox::{GatewaySetup, Options, Sandbox};

const TWO_ON_ONE_ROUTE: &str = r#"
spec_version: 1
provider: { id: multi, name: One endpoint }
credentials: { key: { secret: true } }
money: { currency: INR, amount: { encoding: string, decimals: 2 } }
signing:
  s: { steps: [ { input: body_bytes }, { hmac: { alg: sha256, key: "{{ credentials.key }}" } }, { encode: hex } ] }
operations:
  create_payout:
    role: create
    method: POST
    path: /api
    headers: { X-Sign: "{{ signatures.s }}" }
    body: { fields: { ref: { type: string, required: true, role: merchant_ref }, amount: { type: amount, required: true, role: amount } } }
    response: { success: "true" }
  query_payout:
    role: query
    method: POST
    path: /api
    headers: { X-Sign: "{{ signatures.s }}" }
    body: { fields: { ref: { type: string, required: true, role: merchant_ref } } }
    response: { success: "true" }
"#;

#[tokio::test]
async fn two_operations_on_one_route_are_refused_at_start() {
    let spec = Arc::new(CompiledSpec::from_str(TWO_ON_ONE_ROUTE, "multi.yaml").unwrap());
    let setup = GatewaySetup::with_test_credentials(spec).unwrap();
    let err = Sandbox::start(vec![setup], Options::default())
        .await
        .err()
        .expect("refused");
    assert!(
        err.contains("cannot tell apart two operations on POST /api"),
        "{err}"
    );
}

//! Property tests of what the runtime reads from the network (issue 8): webhooks anyone can
//! send and answers any hop can make. Bounded case counts, so the suite stays fast.

use std::path::Path;
use std::sync::OnceLock;

use payout_runtime::context::Message;
use payout_runtime::response::{self, Received};
use payout_runtime::source::FixedBytes;
use payout_runtime::spec::OperationRole;
use payout_runtime::{webhook, CompiledSpec, Credentials, ErrorKind, IndexMap, WebhookRequest};
use proptest::prelude::*;

/// The two gateways, loaded once for all cases.
fn gateways() -> &'static [(CompiledSpec, Credentials); 2] {
    static ALL: OnceLock<[(CompiledSpec, Credentials); 2]> = OnceLock::new();
    ALL.get_or_init(|| [tecpay(), cashy()])
}

fn tecpay() -> (CompiledSpec, Credentials) {
    let spec =
        CompiledSpec::from_file(Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/tecpay.yaml"))
            .unwrap();
    let mut values = IndexMap::new();
    values.insert("pid".to_string(), "TEC1001".to_string());
    values.insert(
        "secret_key".to_string(),
        "tecpay-test-secret-key".to_string(),
    );
    let creds = Credentials::new(spec.spec(), values).unwrap();
    (spec, creds)
}

fn cashy() -> (CompiledSpec, Credentials) {
    let spec =
        CompiledSpec::from_file(Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/cashy.yaml"))
            .unwrap();
    let mut values = IndexMap::new();
    values.insert("merchant_id".to_string(), "1002001".to_string());
    values.insert("api_key".to_string(), "test-api-key-cashy".to_string());
    let creds = Credentials::new(spec.spec(), values).unwrap();
    (spec, creds)
}

/// Bodies that look like JSON often enough to get past the first byte.
fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        "[\\[\\]{}:,\"0-9a-z_ .-]{0,256}".prop_map(String::into_bytes),
        (1usize..3000).prop_map(|d| format!("{}1{}", "[".repeat(d), "]".repeat(d)).into_bytes()),
    ]
}

proptest! {
    // A fixed seed: every run tries the same cases (the regressions file adds the ones
    // found before); `fuzz/` explores without bounds.
    #![proptest_config(ProptestConfig {
        cases: 128,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed_0011),
        ..ProptestConfig::default()
    })]

    /// Nothing unsigned becomes an event, and nothing panics.
    #[test]
    fn a_random_webhook_is_refused(body in body(), sign in "[A-Za-z0-9+/=]{0,64}") {
        for (spec, creds) in gateways() {
            let headers = vec![("Sign".to_string(), sign.clone()), ("MerchantId".to_string(), "1002001".to_string())];
            let req = WebhookRequest::new(&headers, &body);
            prop_assert!(webhook::receive(spec, creds, &FixedBytes::new(&[]), &req).is_err());
        }
    }

    /// Any answer under any status: an unreadable or unrecognised answer to a create says
    /// `may_exist`, and an answer that is not the gateway's is never `not_found`.
    #[test]
    fn a_random_answer_never_says_more_than_it_knows(
        body in body(),
        status in prop::sample::select(vec![200u16, 201, 204, 301, 302, 400, 401, 403, 404, 409, 429, 500, 502]),
    ) {
        for (spec, creds) in gateways() {
            let got = Received { http_status: status, headers: &[], body: &body };
            for (name, op) in &spec.spec().operations {
                let out = response::read(spec, creds, &FixedBytes::new(&[7; 64]), name, &Message::default(), &got);
                let Err(e) = out else { continue };
                let json = std::str::from_utf8(&body).ok().and_then(|t| payout_runtime::Json::parse(t).ok());
                if json.is_none() {
                    if op.role == OperationRole::Create {
                        prop_assert!(e.may_exist, "{}: {}", name, e);
                    }
                    prop_assert_ne!(e.kind, ErrorKind::NotFound);
                }
            }
        }
    }
}

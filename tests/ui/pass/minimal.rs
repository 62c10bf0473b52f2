//! A generated module compiles without a warning, documentation lints included, even for a
//! spec that leaves out everything optional (`minimal.yaml`).

#![deny(warnings, missing_docs)]

payout::provider!(pub mod minimal = "repo/tests/ui/pass/minimal.yaml");

fn main() {
    let credentials = minimal::Credentials {
        merchant_id: "M1".into(),
    };
    let request = minimal::QueryPayoutRequest {
        reference: "R1".into(),
    };
    let client = minimal::Client::with_base_url(
        credentials,
        "https://gateway.example",
        payout::runtime::ClientOptions::default(),
    );
    assert!(client.is_ok());
    assert_eq!(request.reference, "R1");
    assert_eq!(minimal::Status::from_provider("PAID"), minimal::Status::Paid);
}

// The constructor takes every required field: leaving one out (here `remark`, the last) is
// a compile error, whereas an optional field is set later with its own method. (The module
// is generated here so that the expected output does not depend on `src/gateways.rs`.)
payout::provider!(mod cashy = "repo/specs/cashy.yaml");

use cashy::CreatePayoutRequest;
use payout::runtime::Decimal;

fn main() {
    let _ = CreatePayoutRequest::new(
        Decimal::new(5000000, 2),
        33,
        "1",
        "Jeson",
        "order-1",
        "43912345",
        "3023612345",
        0,
        "https://merchant.example/hook",
    )
    .phone("3001234567");
}

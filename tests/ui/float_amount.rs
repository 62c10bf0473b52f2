// Money is never a float: an amount is a decimal. (The module is generated here, not taken
// from `payout::gateways`, so the expected output does not depend on that file's layout.)
payout::provider!(mod teemopay = "repo/specs/teemopay.yaml");

use teemopay::{CreatePayoutRequest, CreatePayoutRequestAccountType};

fn main() {
    let _ = CreatePayoutRequest::new(
        "order-1",
        10000.5,
        CreatePayoutRequestAccountType::Transfer,
        "08123456789",
        "Budi Santoso",
        "08123456789",
    );
}

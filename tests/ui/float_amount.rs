// Money is never a float: an amount is a decimal.
use payout::gateways::teemopay::{CreatePayoutRequest, CreatePayoutRequestAccountType};

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

// A required field left out of a request is a compile error, not a runtime one, even when
// the rest is filled in from a default: a request has no `Default` to fill it from.
use payout::gateways::cashy::{CreatePayoutRequest, CreatePayoutRequestOptional};
use payout::runtime::Decimal;

fn main() {
    let _ = CreatePayoutRequest {
        amount: Decimal::new(5000000, 2),
        optional: CreatePayoutRequestOptional::default(),
        ..Default::default()
    };
}

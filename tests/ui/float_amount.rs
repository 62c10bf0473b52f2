// Money is never a float: an amount is a decimal. (The module is generated here, not taken
// from `payout::gateways`, so the expected output does not depend on that file's layout.)
payout::provider!(mod teemopay = "repo/specs/teemopay.yaml");

use teemopay::{CreatePayoutRequest, CreatePayoutRequestAccountType};

fn main() {
    let _ = CreatePayoutRequest {
        merchant_order_no: "order-1".into(),
        amount: 10000.5,
        account_type: CreatePayoutRequestAccountType::Transfer,
        bank_account: "08123456789".into(),
        real_name: "Budi Santoso".into(),
        phone: "08123456789".into(),
        optional: Default::default(),
    };
}

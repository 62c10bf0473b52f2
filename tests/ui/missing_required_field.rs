// A request is a struct literal that names every required field: leaving one out (here
// `remark`) is a compile error that names it, whereas the optional fields are in
// `optional` (`Default::default()` sets none) or set later with their own methods. (The
// module is generated here so that the expected output does not depend on
// `src/gateways.rs`.)
payout::provider!(mod cashy = "repo/specs/cashy.yaml");

use cashy::CreatePayoutRequest;
use payout::runtime::Decimal;

fn main() {
    let _ = CreatePayoutRequest {
        amount: Decimal::new(5000000, 2),
        bank_id: 33,
        id_type: "1".into(),
        account_name: "Jeson".into(),
        mch_order_no: "order-1".into(),
        id_card: "43912345".into(),
        account_no: "3023612345".into(),
        account_type: 0,
        notify_url: "https://merchant.example/hook".into(),
        optional: Default::default(),
    }
    .phone("3001234567");
}

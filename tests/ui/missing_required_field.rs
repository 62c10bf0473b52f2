// A required field left out of a request is a compile error, not a runtime one.
use payout::gateways::cashy::CreatePayoutRequest;
use payout::runtime::Decimal;

fn main() {
    let _ = CreatePayoutRequest {
        amount: Decimal::new(5000000, 2),
        id_type: "1".into(),
        account_name: "Jeson".into(),
        mch_order_no: "order-1".into(),
        id_card: "43912345".into(),
        account_no: "3023612345".into(),
        account_type: 0,
        notify_url: "https://merchant.example/hook".into(),
        currency: None,
        remark: "salary".into(),
        nonce_str: None,
        phone: None,
        email: None,
    };
}

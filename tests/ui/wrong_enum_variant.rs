// Enum fields are Rust enums: a value the spec does not list does not compile.
use payout::gateways::xettle::CreatePayoutRequestMode;

fn main() {
    let _ = CreatePayoutRequestMode::Imsp;
}

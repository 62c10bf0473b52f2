// A spec file that does not exist.
payout::provider!("../../../../specs/nowhere.yaml");

fn main() {}

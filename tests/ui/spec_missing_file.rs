// A spec file that does not exist.
payout::provider!("repo/specs/nowhere.yaml");

fn main() {}

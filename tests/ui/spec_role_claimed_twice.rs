// A spec with a problem: `tests/specs/bad/role_claimed_twice.yaml`. The macro reports what `payout lint`
// reports, as compile errors; nothing is generated.
payout::provider!("repo/tests/specs/bad/role_claimed_twice.yaml");

fn main() {}

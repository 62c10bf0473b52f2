// A spec with a problem: `tests/specs/bad/three_problems.yaml`. The macro reports what `payout lint`
// reports, as compile errors; nothing is generated.
payout::provider!("repo/tests/specs/bad/three_problems.yaml");

fn main() {}

// A spec with a problem: `tests/specs/bad/no_success_predicate.yaml`. The macro reports what `payout lint`
// reports, as compile errors; nothing is generated.
payout::provider!("repo/tests/specs/bad/no_success_predicate.yaml");

fn main() {}

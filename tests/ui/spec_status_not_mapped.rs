// A spec with a problem: `tests/specs/bad/status_not_mapped.yaml`. The macro reports what `payout lint`
// reports, as compile errors; nothing is generated.
payout::provider!("repo/tests/specs/bad/status_not_mapped.yaml");

fn main() {}

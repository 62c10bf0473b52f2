// A spec with a problem: `tests/specs/bad/unknown_encoding.yaml`. The macro reports what `payout lint`
// reports, as compile errors; nothing is generated.
payout::provider!("repo/tests/specs/bad/unknown_encoding.yaml");

fn main() {}

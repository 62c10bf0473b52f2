// A spec with a problem: `tests/specs/bad/template_unknown_variable.yaml`. The macro reports what `payout lint`
// reports, as compile errors; nothing is generated.
payout::provider!("repo/tests/specs/bad/template_unknown_variable.yaml");

fn main() {}

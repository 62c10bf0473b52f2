// A spec with a problem: `tests/specs/bad/path_parameter_without_field.yaml`. The macro reports what `payout lint`
// reports, as compile errors; nothing is generated.
payout::provider!("repo/tests/specs/bad/path_parameter_without_field.yaml");

fn main() {}

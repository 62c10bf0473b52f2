// A spec with a problem: `tests/specs/bad/template_syntax.yaml`. The macro reports what `payout lint`
// reports, as compile errors; nothing is generated.
payout::provider!("repo/tests/specs/bad/template_syntax.yaml");

fn main() {}

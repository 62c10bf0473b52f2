// A spec with a problem: `tests/specs/bad/recipe_not_defined.yaml`. The macro reports what `payout lint`
// reports, as compile errors; nothing is generated.
payout::provider!("repo/tests/specs/bad/recipe_not_defined.yaml");

fn main() {}

// The macro takes a path, or `VIS mod NAME = "path"`.
payout::provider!(pub mod = "repo/specs/cashy.yaml");

fn main() {}

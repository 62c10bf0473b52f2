//! The committed JSON Schema matches the model, and every spec in `specs/` validates
//! against it (as an editor using the modeline would check it).
//!
//! After changing the model, regenerate the file with
//! `PAYOUT_UPDATE_SCHEMA=1 cargo test --test schema` (or `payout schema > specs/payout-spec.schema.json`).

mod files;

use std::path::PathBuf;

use payout::spec::diag::Issues;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn schema() -> serde_json::Value {
    let text = std::fs::read_to_string(root().join("specs/payout-spec.schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A YAML document as JSON, typed as the YAML language server types it.
fn yaml_as_json(src: &str) -> serde_json::Value {
    let mut issues = Issues::new();
    let node = payout::spec::yaml::parse(src, &mut issues).expect("valid YAML");
    assert!(!issues.has_errors(), "{:?}", issues.into_vec());
    node.to_json()
}

fn errors(src: &str) -> Vec<String> {
    let schema = schema();
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let instance = yaml_as_json(src);
    validator
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect()
}

#[test]
fn committed_schema_is_up_to_date() {
    let path = root().join("specs/payout-spec.schema.json");
    let generated = payout::spec::schema::json_schema_text();
    if std::env::var_os("PAYOUT_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "specs/payout-spec.schema.json is stale: run `PAYOUT_UPDATE_SCHEMA=1 cargo test --test schema`"
    );
}

#[test]
fn schema_is_draft_07() {
    assert_eq!(
        schema()["$schema"],
        "http://json-schema.org/draft-07/schema#"
    );
}

#[test]
fn every_spec_validates_and_has_the_modeline() {
    let mut n = 0;
    for path in files::yaml_files(root().join("specs")) {
        let src = std::fs::read_to_string(&path).unwrap();
        assert!(
            src.starts_with("# yaml-language-server: $schema=payout-spec.schema.json\n"),
            "{} does not start with the schema modeline",
            path.display()
        );
        let errs = errors(&src);
        assert!(errs.is_empty(), "{}:\n{}", path.display(), errs.join("\n"));
        n += 1;
    }
    assert!(n >= 5, "only {n} specs in specs/");
}

#[test]
fn schema_refuses_what_the_loader_refuses() {
    let good = std::fs::read_to_string(root().join("specs/cashy.yaml")).unwrap();
    assert!(errors(&good).is_empty());
    for (from, to) in [
        ("spec_version: 1", "spec_version: 1\nbogus_key: 1"),
        ("- hash: md5", "- hash: md6"),
        (
            "type: amount, required: true, role: amount",
            "type: amout, required: true, role: amount",
        ),
        (
            "SUCCESS: { unified: succeeded",
            "SUCCESS: { unified: succeded",
        ),
    ] {
        assert!(good.contains(from), "fixture drifted: {from}");
        let bad = good.replacen(from, to, 1);
        assert!(!errors(&bad).is_empty(), "the schema accepted `{to}`");
        assert!(
            payout::spec::load_str(&bad, "bad.yaml").is_err(),
            "the loader accepted `{to}`"
        );
    }
}

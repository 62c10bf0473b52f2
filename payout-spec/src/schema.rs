//! The JSON Schema of the spec language, generated from the model (draft-07, which the
//! YAML language server and most editors understand).

use crate::model::Spec;

/// The schema as JSON.
pub fn json_schema() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<Spec>();
    schema.insert(
        "title".into(),
        serde_json::Value::String("payout gateway spec".into()),
    );
    schema.to_value()
}

/// The schema as the pretty-printed text committed at `specs/payout-spec.schema.json`.
pub fn json_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    s.push('\n');
    s
}

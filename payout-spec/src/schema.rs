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
    let mut value = schema.to_value();
    describe_every_key(&mut value);
    add_examples(&mut value);
    value
}

/// Examples for the values that have a format an editor cannot guess (a URL, a decimal
/// string, a pattern, a date format, hex), by definition and key.
pub const EXAMPLES: &[(&str, &str, &str)] = &[
    ("Provider", "id", r#""acme""#),
    ("Provider", "docs", r#""https://docs.acme.example/payouts""#),
    ("Provider", "country", r#""IN""#),
    (
        "Environment",
        "base_url",
        r#""https://sandbox.acme.example""#,
    ),
    ("Money", "currency", r#""INR""#),
    ("AmountFormat", "min", r#""1""#),
    ("AmountFormat", "max", r#""200000.00""#),
    ("Operation", "path", r#""/v1/payouts/{id}""#),
    ("Field", "pattern", r#""[A-Z]{4}0[A-Z0-9]{6}""#),
    ("Field", "min", r#""0.01""#),
    ("Field", "max", r#""99999.99""#),
    ("Field", "format", r#""%Y-%m-%d %H:%M:%S""#),
    ("Field", "offset", r#""+05:30""#),
    ("Field", "value", r#""{{ signatures.body_hmac }}""#),
    ("Constraint", "pattern", r#""[0-9]{11}""#),
    ("Vector", "timestamp", "1714128828114"),
    ("Vector", "random", r#""000102030405060708090a0b0c0d0e0f""#),
    ("Vector", "base_url", r#""https://sandbox.acme.example""#),
];

/// [`EXAMPLES`] into the schema, as each key's `examples`.
fn add_examples(schema: &mut serde_json::Value) {
    for (definition, key, example) in EXAMPLES {
        let Ok(example) = serde_json::from_str::<serde_json::Value>(example) else {
            continue;
        };
        if let Some(prop) = schema
            .pointer_mut(&format!("/definitions/{definition}/properties/{key}"))
            .and_then(serde_json::Value::as_object_mut)
        {
            prop.insert("examples".into(), serde_json::Value::Array(vec![example]));
        }
    }
}

/// Editors show a key's description on hover, and schemars leaves two kinds of key without
/// one: a field whose type is a reference (the description is on the referenced type) and
/// the single key of an enum variant written as `{ key: ... }` (the description is on the
/// variant). Both get the description that is there.
fn describe_every_key(schema: &mut serde_json::Value) {
    use serde_json::Value;
    let definitions = schema.get("definitions").cloned().unwrap_or(Value::Null);
    let described = |node: &Value| -> Option<Value> {
        let target = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/definitions/"))
            .and_then(|name| definitions.get(name))?;
        target.get("description").cloned()
    };
    fn walk(node: &mut Value, described: &dyn Fn(&Value) -> Option<Value>) {
        match node {
            Value::Object(map) => {
                let own = map.get("description").cloned();
                if let Some(Value::Object(props)) = map.get_mut("properties") {
                    let single = props.len() == 1;
                    for prop in props.values_mut() {
                        let Value::Object(p) = prop else { continue };
                        if p.contains_key("description") {
                            continue;
                        }
                        let found = described(prop).or_else(|| own.clone().filter(|_| single));
                        if let (Some(d), Value::Object(p)) = (found, prop) {
                            p.insert("description".into(), d);
                        }
                    }
                }
                for v in map.values_mut() {
                    walk(v, described);
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, described)),
            _ => {}
        }
    }
    walk(schema, &described);
}

/// The schema as the pretty-printed text committed at `specs/payout-spec.schema.json`.
pub fn json_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key of the schema carries a description (editors show it on hover), and every
    /// example lands on a key that exists.
    #[test]
    fn every_key_is_described_and_every_example_placed() {
        fn walk(node: &serde_json::Value, path: &str, missing: &mut Vec<String>, keys: &mut usize) {
            match node {
                serde_json::Value::Object(map) => {
                    if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                        for (k, v) in props {
                            *keys += 1;
                            if v.get("description")
                                .and_then(|d| d.as_str())
                                .is_none_or(str::is_empty)
                            {
                                missing.push(format!("{path}.{k}"));
                            }
                        }
                    }
                    for (k, v) in map {
                        walk(v, &format!("{path}/{k}"), missing, keys);
                    }
                }
                serde_json::Value::Array(items) => {
                    for (i, v) in items.iter().enumerate() {
                        walk(v, &format!("{path}[{i}]"), missing, keys);
                    }
                }
                _ => {}
            }
        }
        let schema = json_schema();
        let (mut missing, mut keys) = (Vec::new(), 0);
        walk(&schema, "", &mut missing, &mut keys);
        assert!(
            missing.is_empty(),
            "keys without a description: {missing:#?}"
        );
        assert!(keys > 150, "only {keys} keys: the walk misses the schema");
        for (definition, key, example) in EXAMPLES {
            let at = format!("/definitions/{definition}/properties/{key}/examples/0");
            let got = schema.pointer(&at);
            assert!(got.is_some(), "no key for the example at {at}");
            assert_eq!(
                got,
                serde_json::from_str::<serde_json::Value>(example)
                    .ok()
                    .as_ref()
            );
        }
    }
}

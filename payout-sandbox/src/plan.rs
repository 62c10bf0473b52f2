//! What the handler needs to know about each operation's request that depends on the spec
//! alone, worked out once when the gateway starts: where the signatures are carried (and
//! the YAML paths and messages that name them), which fields hold an amount to read back
//! before validation, whether the request can name an obtained value or confirm a webhook.
//! Formatting these paths and walking the field trees on every request was a fifth of the
//! sandbox's own work per create.

use std::borrow::Cow;
use std::collections::HashMap;

use payout_runtime::context::Message;
use payout_runtime::verify::{self, Carrier};
use payout_runtime::CompiledSpec;
use payout_spec::{Field, FieldType, Json, Location, Operation, Role};

/// Per operation, by name.
#[derive(Debug, Default)]
pub(crate) struct RequestPlans {
    by_operation: HashMap<String, RequestPlan>,
}

impl RequestPlans {
    pub(crate) fn new(spec: &CompiledSpec) -> Self {
        let s = spec.spec();
        let by_operation = s
            .operations
            .iter()
            .map(|(name, op)| (name.clone(), RequestPlan::new(spec, name, op)))
            .collect();
        RequestPlans { by_operation }
    }

    pub(crate) fn get(&self, op_name: &str) -> Option<&RequestPlan> {
        self.by_operation.get(op_name)
    }
}

/// One operation's request, as the sandbox checks it.
#[derive(Debug)]
pub(crate) struct RequestPlan {
    /// The templates that may carry a signature or credential, in the order
    /// [`verify::carriers`] lists them: headers, then computed fields of the path, query
    /// and body.
    carriers: Vec<CarrierPlan>,
    /// Whether any request field is computed (`value:`): such a field is not the
    /// merchant's input and is left out of what is validated.
    pub(crate) has_computed: bool,
    /// The request fields whose value holds an amount (itself, or nested), with their
    /// definitions, in the spec's order: amounts arrive in the wire's unit and are read
    /// back to major units before validation.
    pub(crate) amount_fields: Vec<(String, Field)>,
    /// Whether a header template or a field names an obtained value (`obtained.NAME`):
    /// only then does the request have tokens or resources to check.
    pub(crate) names_obtained: bool,
    /// Whether a webhook names this operation as its `postback`.
    pub(crate) is_postback: bool,
    /// Whether this operation is a step of a flow (it obtains a value).
    pub(crate) is_step: bool,
}

#[derive(Debug)]
struct CarrierPlan {
    path: String,
    what: String,
    source: Source,
}

#[derive(Debug)]
enum Source {
    Header(String),
    Field(Location, String),
}

impl RequestPlan {
    fn new(spec: &CompiledSpec, op_name: &str, op: &Operation) -> Self {
        let s = spec.spec();
        let base = format!("operations.{op_name}");
        let mut carriers: Vec<CarrierPlan> = op
            .headers
            .keys()
            .map(|h| CarrierPlan {
                path: format!("{base}.headers.{h}"),
                what: format!("header `{h}`"),
                source: Source::Header(h.clone()),
            })
            .collect();
        let body = op.body.as_ref().map(|b| &b.fields);
        let parts = [
            (Location::Path, "params", Some(&op.params)),
            (Location::Query, "query", Some(&op.query)),
            (Location::Body, "body.fields", body),
        ];
        for (location, key, fields) in parts {
            for (name, f) in fields.into_iter().flatten() {
                if f.value.is_some() {
                    carriers.push(CarrierPlan {
                        path: format!("{base}.{key}.{name}.value"),
                        what: format!("field `{name}`"),
                        source: Source::Field(location, name.clone()),
                    });
                }
            }
        }
        let names_obtained = op.headers.keys().any(|h| {
            spec.info(&format!("{base}.headers.{h}"))
                .is_some_and(|info| !info.obtained.is_empty())
        }) || op
            .request_fields()
            .any(|(_, _, f)| matches!(f.role, Some(Role::Obtained(_))));
        RequestPlan {
            carriers,
            has_computed: op.request_fields().any(|(_, _, f)| !f.is_input()),
            amount_fields: op
                .request_fields()
                .filter(|(_, _, f)| holds_amount(f))
                .map(|(_, n, f)| (n.to_string(), f.clone()))
                .collect(),
            names_obtained,
            is_postback: s
                .webhooks
                .values()
                .any(|w| w.postback.as_deref() == Some(op_name)),
            is_step: s.obtained_by(op_name).next().is_some(),
        }
    }

    /// The carriers of one received request, with the values it carries. A header's value
    /// is copied (a few short strings) so that verification may write into the message.
    pub(crate) fn carriers(&self, msg: &Message) -> Vec<Carrier<'_>> {
        self.carriers
            .iter()
            .map(|c| Carrier {
                // Found by its path when verified, as the runtime's own carriers are
                // without a plan.
                template: None,
                path: Cow::Borrowed(c.path.as_str()),
                what: Cow::Borrowed(c.what.as_str()),
                received: match &c.source {
                    Source::Header(h) => {
                        verify::header(&msg.headers, h).map(|v| Cow::Owned(v.to_string()))
                    }
                    Source::Field(location, name) => {
                        let values = match location {
                            Location::Path => &msg.params,
                            Location::Query => &msg.query,
                            Location::Body => &msg.body,
                        };
                        values.get(name).and_then(Json::scalar_text).map(Cow::Owned)
                    }
                },
                parts: None,
            })
            .collect()
    }
}

/// Whether a field's value is or contains an amount (in an object, a variant, an item).
fn holds_amount(f: &Field) -> bool {
    f.ty == FieldType::Amount
        || f.fields.iter().flatten().any(|(_, x)| holds_amount(x))
        || f.variants
            .iter()
            .flatten()
            .any(|(_, v)| v.fields.values().any(holds_amount))
        || f.items.as_deref().is_some_and(holds_amount)
}

#[cfg(test)]
mod tests {
    use super::*;
    use indexmap::IndexMap;

    /// For every operation of every spec in `specs/`, the planned carriers are the ones the
    /// runtime's `verify::carriers` lists for the same request: same paths, same wording,
    /// same values received, in the same order.
    #[test]
    fn planned_carriers_are_the_runtimes() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
        let (mut headers, mut fields) = (0, 0);
        for entry in std::fs::read_dir(&dir).expect("specs/") {
            let path = entry.expect("entry").path();
            if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
                continue;
            }
            let spec = CompiledSpec::from_file(&path).expect("spec loads");
            let plans = RequestPlans::new(&spec);
            for (op_name, op) in &spec.spec().operations {
                // A value for every header and every field, so that each carrier has one.
                let mut msg = Message::default();
                for (i, h) in op.headers.keys().enumerate() {
                    msg.headers
                        .push((h.to_ascii_lowercase(), format!("header-{i}")));
                }
                for (location, name, _) in op.request_fields() {
                    let values = match location {
                        Location::Path => &mut msg.params,
                        Location::Query => &mut msg.query,
                        Location::Body => &mut msg.body,
                    };
                    values.insert(
                        name.to_string(),
                        Json::String(format!("{location:?}-{name}")),
                    );
                }
                let no_fields = IndexMap::new();
                let body = op.body.as_ref().map_or(&no_fields, |b| &b.fields);
                let runtime = verify::carriers(
                    &format!("operations.{op_name}"),
                    &op.headers,
                    &msg.headers,
                    &[
                        verify::Part {
                            key: "params",
                            fields: &op.params,
                            values: &msg.params,
                        },
                        verify::Part {
                            key: "query",
                            fields: &op.query,
                            values: &msg.query,
                        },
                        verify::Part {
                            key: "body.fields",
                            fields: body,
                            values: &msg.body,
                        },
                    ],
                );
                let planned = plans.get(op_name).expect("a plan").carriers(&msg);
                let seen = |cs: &[Carrier]| -> Vec<(String, String, Option<String>)> {
                    cs.iter()
                        .map(|c| {
                            (
                                c.path.to_string(),
                                c.what.to_string(),
                                c.received.as_deref().map(str::to_string),
                            )
                        })
                        .collect()
                };
                assert_eq!(seen(&planned), seen(&runtime), "{op_name}");
                for c in &runtime {
                    if c.path.ends_with(".value") {
                        fields += 1;
                    } else {
                        headers += 1;
                    }
                }
            }
        }
        // Not vacuous: the specs sign their requests in headers and in computed fields.
        assert!(
            headers > 0 && fields > 0,
            "{headers} headers, {fields} fields"
        );
    }

    /// Amounts are found wherever they are nested; other fields are left alone.
    #[test]
    fn amounts_are_found_when_nested() {
        let spec = CompiledSpec::from_file(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/paypal.yaml"),
        )
        .expect("spec loads");
        let plans = RequestPlans::new(&spec);
        let names: Vec<Vec<&str>> = spec
            .spec()
            .operations
            .keys()
            .map(|op| {
                plans
                    .get(op)
                    .expect("a plan")
                    .amount_fields
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect()
            })
            .collect();
        assert!(
            names.iter().any(|n| n.contains(&"items")),
            "PayPal's batch items carry the amounts: {names:?}"
        );
        assert!(names.iter().flatten().all(|n| *n != "sender_batch_header"));
    }
}

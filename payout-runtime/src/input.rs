//! A request's input, as the runtime reads it: by the gateway's field names (a map, from
//! `payout call`, a configuration, the dynamic client), or by the spec's field positions
//! (a generated request writes each of its values into the slot of its field, so the typed
//! path builds no JSON object keyed by name only to read it back by name).
//!
//! Slots are numbered as [`Operation::request_fields`] lists the operation's fields: path
//! parameters, then query, then body, each in spec order. A slot also carries its field's
//! name, checked against the spec before anything is read, so a generated module that does
//! not match its spec is an error, never a value in the wrong field.

use std::borrow::Cow;

use payout_spec::{Json, JsonMap};
use rust_decimal::Decimal;

use crate::codegen::ToJson;
use crate::error::PayoutError;

/// The input of one request.
#[derive(Clone, Copy)]
pub enum RequestInput<'i> {
    /// By the gateway's field names; keys the operation does not have are reported.
    ByName(&'i JsonMap),
    /// By the spec's field positions, as a generated request writes them.
    BySlot(&'i InputWriter<'i>),
}

impl<'i> From<&'i JsonMap> for RequestInput<'i> {
    fn from(values: &'i JsonMap) -> Self {
        RequestInput::ByName(values)
    }
}

impl<'i> From<&'i InputWriter<'i>> for RequestInput<'i> {
    fn from(writer: &'i InputWriter<'i>) -> Self {
        RequestInput::BySlot(writer)
    }
}

/// One written value: text borrowed from the request (most fields are text, and are then
/// copied once, into the wire value), or any other value as the input it stands for.
#[derive(Debug, Clone)]
pub(crate) enum Value<'a> {
    Text(&'a str),
    Int(i64),
    Decimal(Decimal),
    /// Boxed: a slot holds a text, a number or a decimal far more often, and a request's
    /// slots then stay small enough for the allocator's fast path.
    Json(Box<Json>),
}

impl<'a> Value<'a> {
    /// The text of a scalar, as [`Json::scalar_str`] gives it.
    pub(crate) fn scalar(&self) -> Option<Cow<'_, str>> {
        match self {
            Value::Text(s) => Some(Cow::Borrowed(s)),
            Value::Int(n) => Some(Cow::Owned(n.to_string())),
            Value::Decimal(d) => Some(Cow::Owned(d.to_string())),
            Value::Json(j) => j.scalar_str(),
        }
    }
}

/// Where a generated request writes its values, each into its field's slot. Built by the
/// runtime ([`crate::TypedClient::prepare`]), filled by the generated
/// [`Operation::write_input`](crate::typed::Operation::write_input).
#[derive(Debug, Default)]
pub struct InputWriter<'a> {
    slots: Vec<Option<(&'static str, Value<'a>)>>,
}

impl<'a> InputWriter<'a> {
    /// Room for `slots` fields, made once before they are written.
    pub fn reserve(&mut self, slots: usize) {
        if self.slots.len() < slots {
            self.slots.resize_with(slots, || None);
        }
    }

    fn set(&mut self, slot: usize, name: &'static str, value: Value<'a>) {
        if self.slots.len() <= slot {
            // Grown in steps, not slot by slot, when no room was reserved.
            let len = (slot + 1).max(self.slots.len() * 2);
            self.slots.resize_with(len, || None);
        }
        if let Some(place) = self.slots.get_mut(slot) {
            *place = Some((name, value));
        }
    }

    /// The bytes of the text values written: what a body written from them is sized by.
    pub(crate) fn text_len(&self) -> usize {
        self.slots
            .iter()
            .flatten()
            .map(|(_, v)| match v {
                Value::Text(s) => s.len(),
                Value::Int(_) | Value::Decimal(_) => 20,
                Value::Json(j) => j.size_hint(),
            })
            .sum()
    }

    /// A text field's value, borrowed.
    pub fn text(&mut self, slot: usize, name: &'static str, value: &'a str) {
        self.set(slot, name, Value::Text(value));
    }

    /// An optional text field's value, when there is one.
    pub fn text_opt(&mut self, slot: usize, name: &'static str, value: &'a Option<String>) {
        if let Some(v) = value {
            self.text(slot, name, v);
        }
    }

    /// Any other field's value, as the input it stands for (an enum by its name, a decimal
    /// as its text, an object by its fields).
    pub fn put<T: ToJson>(&mut self, slot: usize, name: &'static str, value: &'a T) {
        value.write_slot(self, slot, name);
    }

    /// A value as JSON (what [`ToJson::write_slot`] does by default).
    pub fn json(&mut self, slot: usize, name: &'static str, value: Json) {
        self.set(slot, name, Value::Json(Box::new(value)));
    }

    /// A whole number, kept as one.
    pub(crate) fn int(&mut self, slot: usize, name: &'static str, value: i64) {
        self.set(slot, name, Value::Int(value));
    }

    /// A decimal, kept as one.
    pub(crate) fn decimal(&mut self, slot: usize, name: &'static str, value: Decimal) {
        self.set(slot, name, Value::Decimal(value));
    }

    /// An optional field's value, when there is one.
    pub fn put_opt<T: ToJson>(&mut self, slot: usize, name: &'static str, value: &'a Option<T>) {
        if let Some(v) = value {
            self.put(slot, name, v);
        }
    }

    /// The value in a slot.
    pub(crate) fn get(&self, slot: usize) -> Option<&Value<'a>> {
        self.slots.get(slot)?.as_ref().map(|(_, v)| v)
    }

    /// Checks that every written slot is the operation's field of that name: a generated
    /// module built from another version of the spec is refused here. `names` gives the
    /// input field's name at each slot, `None` for a computed one: from the plan
    /// ([`crate::plan::OperationPlan::inputs`]) when preparing, from the spec otherwise.
    pub(crate) fn check<'n>(
        &self,
        op: Option<&str>,
        mut names: impl Iterator<Item = Option<&'n str>>,
    ) -> Result<(), PayoutError> {
        for (slot, written) in self.slots.iter().enumerate() {
            let field = names.next();
            let Some((name, _)) = written else { continue };
            match field {
                Some(Some(n)) if n == *name => {}
                other => {
                    let found = match other {
                        Some(Some(n)) => format!("`{n}`"),
                        Some(None) => "a computed field".to_string(),
                        None => "no field".to_string(),
                    };
                    let op = op.map(|op| format!(" for `{op}`")).unwrap_or_default();
                    return Err(PayoutError::config(format!(
                        "a typed request{op} writes `{name}` at position {slot}, where the \
                         spec has {found}: the generated module does not match its spec"
                    )));
                }
            }
        }
        Ok(())
    }
}

impl RequestInput<'_> {
    /// Whether the field at `slot` has a value (null is none).
    pub(crate) fn is_given(&self, slot: usize, name: &str) -> bool {
        match self {
            RequestInput::ByName(values) => values.get(name).is_some_and(|v| !v.is_null()),
            RequestInput::BySlot(w) => match w.get(slot) {
                Some(Value::Text(_) | Value::Int(_) | Value::Decimal(_)) => true,
                Some(Value::Json(j)) => !j.is_null(),
                None => false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiled::CompiledSpec;
    use crate::credentials::Credentials;
    use crate::request::{input_names, prepare, Preparation, RequestOptions};
    use crate::source::{FixedClock, OsEntropy};
    use indexmap::IndexMap;

    const SPEC: &str = r#"
spec_version: 1
provider: { id: slots, name: Slots }
credentials: { key: { secret: true } }
money: { currency: INR, amount: { encoding: string, decimals: 2 } }
operations:
  create_payout:
    role: create
    method: POST
    path: /v1/{account}/payouts
    params: { account: { type: string, required: true } }
    body:
      fields:
        ref: { type: string, required: true, max_len: 8, role: merchant_ref }
        amount: { type: amount, required: true, role: amount }
        count: { type: int, json: string }
        note: { type: string, default: "n/a" }
    response: { success: "true" }
"#;

    fn by_name(values: &[(&str, Json)]) -> JsonMap {
        values
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    /// A typed request's slots and the same values by name give the same bytes, and the
    /// same problems.
    #[test]
    fn slots_and_names_build_the_same_request() {
        let spec = CompiledSpec::from_str(SPEC, "slots.yaml").unwrap();
        let run = |input: RequestInput| prepare_create(&spec, input);

        let mut w = InputWriter::default();
        w.reserve(5);
        w.text(0, "account", "a/1");
        w.text(1, "ref", "r-1");
        w.json(2, "amount", Json::from("10.5"));
        w.json(3, "count", Json::Number("7".into()));
        let typed = run((&w).into()).unwrap();
        let names = by_name(&[
            ("account", Json::from("a/1")),
            ("ref", Json::from("r-1")),
            ("amount", Json::from("10.5")),
            ("count", Json::Number("7".into())),
        ]);
        let dynamic = run((&names).into()).unwrap();
        assert_eq!(
            typed.body_text(),
            r#"{"ref":"r-1","amount":"10.50","count":"7","note":"n/a"}"#
        );
        assert_eq!(typed.body, dynamic.body);
        assert_eq!(typed.url(), "https://h.example/v1/a%2F1/payouts");
        assert_eq!(typed.url(), dynamic.url());

        // Every problem, worded the same either way.
        let mut w = InputWriter::default();
        w.reserve(5);
        w.text(1, "ref", "much-too-long");
        w.json(2, "amount", Json::from("0.001"));
        let typed = run((&w).into()).unwrap_err();
        let names = by_name(&[
            ("ref", Json::from("much-too-long")),
            ("amount", Json::from("0.001")),
        ]);
        let dynamic = run((&names).into()).unwrap_err();
        assert_eq!(typed.fields.len(), 3, "{typed}");
        assert_eq!(typed.fields, dynamic.fields);
        assert_eq!(typed.fields[0].field, "account");
        assert_eq!(typed.fields[0].message, "is required");
    }

    /// `create_payout` of `spec`, prepared from `input` at a fixed time.
    fn prepare_create(
        spec: &CompiledSpec,
        input: RequestInput,
    ) -> Result<crate::request::PreparedRequest, PayoutError> {
        let mut v = IndexMap::new();
        v.insert("key".to_string(), "k".to_string());
        let creds = Credentials::new(spec.spec(), v).unwrap();
        let prep = Preparation {
            spec,
            creds: &creds,
            clock: &FixedClock(1_700_000_000_000),
            entropy: &OsEntropy,
        };
        let opts = RequestOptions::default();
        prepare(&prep, "create_payout", "https://h.example", input, &opts)
    }

    /// A generated module whose slots are not its spec's fields is refused, not misread.
    #[test]
    fn a_slot_that_is_not_its_field_is_an_error() {
        let spec = CompiledSpec::from_str(SPEC, "slots.yaml").unwrap();
        let op = &spec.spec().operations["create_payout"];
        let mut w = InputWriter::default();
        w.reserve(5);
        w.text(1, "amount", "10");
        let e = w.check(None, input_names(op)).unwrap_err();
        assert!(
            e.to_string()
                .contains("writes `amount` at position 1, where the spec has `ref`"),
            "{e}"
        );
        // Preparing checks against the plan's names: the same refusal.
        let e = prepare_create(&spec, (&w).into()).unwrap_err();
        assert!(
            e.to_string().contains(
                "for `create_payout` writes `amount` at position 1, where the spec has `ref`"
            ),
            "{e}"
        );
        let mut w = InputWriter::default();
        w.reserve(5);
        w.text(9, "ref", "r");
        assert!(w
            .check(None, input_names(op))
            .unwrap_err()
            .to_string()
            .contains("no field"));
        let mut w = InputWriter::default();
        w.reserve(5);
        w.text(1, "ref", "r");
        assert!(w.check(None, input_names(op)).is_ok());
    }
}

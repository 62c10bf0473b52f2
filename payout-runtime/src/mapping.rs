//! Unified requests → a gateway's own input, through the roles its spec gives its fields.
//!
//! `role: beneficiary.name` on Cashy's `accountName` is all it takes for a unified
//! `CreatePayout` to fill it: no per-gateway Rust.

use indexmap::IndexMap;
use payout_spec::{Field, FieldType, Json, JsonMap, Operation, Role, Rule, Spec};

use crate::compiled::CompiledSpec;
use crate::error::{ErrorKind, FieldError, PayoutError};
use crate::unified::{CreatePayout, PayoutMethod, PayoutRef};

/// The input of a create operation for a unified request.
pub fn create_input(
    spec: &CompiledSpec,
    op: &Operation,
    req: &CreatePayout,
) -> Result<JsonMap, PayoutError> {
    flow_input(spec, op, req, &JsonMap::default(), false)
}

/// The input of one operation of a create's flow: the money step (`step: false`), or a
/// step before it (a recipient made from the same values), whose input takes only the
/// extras it has fields for. `obtained` fills the fields with `role: obtained.NAME`.
pub fn flow_input(
    compiled: &CompiledSpec,
    op: &Operation,
    req: &CreatePayout,
    obtained: &JsonMap,
    step: bool,
) -> Result<JsonMap, PayoutError> {
    let spec = compiled.spec();
    // `derive:` templates, over the role's value.
    let derive = |source: &str, v: &Json| -> Result<Json, String> {
        let ctx: minijinja::Value = [("value", crate::context::to_value(v))]
            .into_iter()
            .collect();
        compiled
            .render(&derive_name(source), &ctx)
            .map(Json::String)
    };
    if !spec
        .money
        .codes()
        .any(|c| c.eq_ignore_ascii_case(&req.amount.currency))
    {
        return Err(PayoutError::invalid(vec![FieldError {
            field: "amount.currency".into(),
            message: format!(
                "{} pays out in {} only, not {}",
                spec.provider.id,
                spec.money.codes().collect::<Vec<_>>().join(", "),
                req.amount.currency
            ),
        }]));
    }
    let value = |role: &Role| -> Option<Json> {
        let b = &req.beneficiary;
        let s = |v: &Option<String>| v.clone().map(Json::String);
        match role {
            Role::MerchantRef => Some(Json::String(req.merchant_ref.clone())),
            // Text, so the exact decimal reaches the formatter; never a float.
            Role::Amount => Some(Json::String(req.amount.amount.to_string())),
            Role::Currency => Some(Json::String(spec.money.wire_code(&req.amount.currency))),
            Role::Purpose => s(&req.purpose),
            Role::Remark => s(&req.remark),
            Role::NotifyUrl => s(&req.notify_url),
            Role::TransferMode => s(&req.transfer_mode),
            Role::PayoutMethod => b.method.map(|m| Json::String(m.as_str().into())),
            Role::BeneficiaryName => s(&b.name),
            Role::BeneficiaryAccountNumber => s(&b.account_number),
            Role::BeneficiaryBankCode => s(&b.bank_code),
            Role::BeneficiaryBankName => s(&b.bank_name),
            Role::BeneficiaryVpa => s(&b.vpa),
            Role::BeneficiaryPhone => s(&b.phone),
            Role::BeneficiaryEmail => s(&b.email),
            Role::BeneficiaryContactId => s(&b.contact_id),
            Role::BeneficiaryIdType => s(&b.id_type),
            Role::BeneficiaryIdNumber => s(&b.id_number),
            Role::BeneficiaryAccountType => s(&b.account_type),
            Role::Obtained(name) => obtained.get(name).cloned(),
            // Roles of what is received, or filled from a received webhook: a unified
            // create has no value for them.
            Role::ProviderRef
            | Role::Status
            | Role::Fee
            | Role::Utr
            | Role::FailureReason
            | Role::FailureCode
            | Role::CreatedAt
            | Role::CompletedAt
            | Role::Event
            | Role::WebhookBody
            | Role::WebhookHeader(_) => None,
        }
    };
    let mut input = JsonMap::default();
    let mut errors = Vec::new();
    let parts = [
        Some(&op.params),
        Some(&op.query),
        op.body.as_ref().map(|b| &b.fields),
    ];
    for fields in parts.into_iter().flatten() {
        fill(fields, &value, &derive, &mut input, "", &mut errors);
    }
    for (k, v) in &req.extras {
        let own = op.request_fields().any(|(_, n, f)| n == k && f.is_input());
        // A step takes only its own extras; the money step leaves out those of the other
        // operations (a recipient's `type`), and keeps unknown ones to report them.
        let elsewhere = || {
            spec.operations
                .values()
                .any(|o| o.request_fields().any(|(_, n, _)| n == k))
        };
        if !own && (step || elsewhere()) {
            continue;
        }
        input.insert(k.clone(), v.clone());
    }
    if errors.is_empty() {
        Ok(input)
    } else {
        Err(PayoutError::invalid(errors))
    }
}

/// Fills `out` with the role values of `fields` (nested objects and one_of variants too).
fn fill(
    fields: &IndexMap<String, Field>,
    value: &dyn Fn(&Role) -> Option<Json>,
    derive: &Derive,
    out: &mut JsonMap,
    prefix: &str,
    errors: &mut Vec<FieldError>,
) {
    for (name, f) in fields {
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        match f.ty {
            FieldType::Object => {
                let mut inner = JsonMap::default();
                if let Some(nested) = &f.fields {
                    fill(nested, value, derive, &mut inner, &path, errors);
                }
                if !inner.is_empty() {
                    out.insert(name.clone(), Json::Object(inner));
                }
            }
            FieldType::OneOf => {
                if let Some(v) = one_of(f, value, derive, &path, errors) {
                    out.insert(name.clone(), v);
                }
            }
            // A unified payout is a one-item batch.
            FieldType::Array => {
                let Some(item) = &f.items else { continue };
                let mut one = JsonMap::default();
                let mut wrapper = IndexMap::new();
                wrapper.insert("0".to_string(), (**item).clone());
                fill(&wrapper, value, derive, &mut one, &path, errors);
                if let Some(v) = one.shift_remove("0") {
                    out.insert(name.clone(), Json::Array(vec![v]));
                }
            }
            _ => {
                let Some(role) = &f.role else { continue };
                let Some(mut v) = value(role) else { continue };
                // An enum with a unified mapping: the unified value names the enum value.
                if let (Some(map), Some(text)) = (&f.unified, v.as_str()) {
                    match map.get(text) {
                        Some(name) => v = Json::String(name.clone()),
                        None => {
                            errors.push(FieldError {
                                field: path.clone(),
                                message: format!(
                                    "`{text}` is not supported here; supported: {}",
                                    map.keys().cloned().collect::<Vec<_>>().join(", ")
                                ),
                            });
                            continue;
                        }
                    }
                }
                // A value made from the role's (a first name from the full name).
                if let Some(source) = &f.derive {
                    match derive(source, &v) {
                        Ok(d) => v = d,
                        Err(e) => {
                            errors.push(FieldError {
                                field: path.clone(),
                                message: format!("cannot derive it from `{role}`: {e}"),
                            });
                            continue;
                        }
                    }
                }
                out.insert(name.clone(), v);
            }
        }
    }
}

/// Renders a `derive:` template over a role's value.
type Derive<'a> = dyn Fn(&str, &Json) -> Result<Json, String> + 'a;

/// The name a `derive:` template is compiled under: its source, which is all it depends on.
pub fn derive_name(source: &str) -> String {
    format!("derive:{source}")
}

/// The variant of a tagged object that the beneficiary's payout method selects.
fn one_of(
    f: &Field,
    value: &dyn Fn(&Role) -> Option<Json>,
    derive: &Derive,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<Json> {
    let (Some(tag), Some(variants)) = (&f.tag, &f.variants) else {
        return None;
    };
    let method = value(&Role::PayoutMethod).and_then(|m| m.as_str().map(str::to_string));
    let chosen = match &method {
        Some(m) => variants
            .iter()
            .find(|(_, v)| v.unified.as_deref() == Some(m.as_str())),
        None if variants.len() == 1 => variants.iter().next(),
        None => None,
    };
    let Some((vname, variant)) = chosen else {
        let offered: Vec<&str> = variants
            .values()
            .filter_map(|v| v.unified.as_deref())
            .collect();
        errors.push(FieldError {
            field: path.to_string(),
            message: match method {
                Some(m) => format!(
                    "the payout method `{m}` is not supported; supported: {}",
                    offered.join(", ")
                ),
                None => format!(
                    "set the beneficiary's payout method: one of {}",
                    offered.join(", ")
                ),
            },
        });
        return None;
    };
    let mut obj = JsonMap::default();
    obj.insert(tag.clone(), Json::String(vname.clone()));
    fill(&variant.fields, value, derive, &mut obj, path, errors);
    Some(Json::Object(obj))
}

/// The input of a query operation for a payout reference.
pub fn query_input(op: &Operation, reference: &PayoutRef) -> JsonMap {
    let fields: Vec<(&str, &Field)> = op.request_fields().map(|(_, n, f)| (n, f)).collect();
    let field_for = |role: Role| {
        fields
            .iter()
            .find(|(_, f)| f.role.as_ref() == Some(&role))
            .map(|(n, _)| *n)
    };
    let exactly_one = op
        .body
        .iter()
        .flat_map(|b| b.rules.iter())
        .any(|r| matches!(r, Rule::ExactlyOneOf(_)));
    let mut input = JsonMap::default();
    // The provider's reference first: it is the gateway's own key.
    if let (Some(p), Some(name)) = (reference.provider(), field_for(Role::ProviderRef)) {
        input.insert(name.to_string(), Json::String(p.to_string()));
    }
    if let (Some(m), Some(name)) = (reference.merchant(), field_for(Role::MerchantRef)) {
        // With an exactly-one rule, the provider's reference alone.
        if !exactly_one || input.is_empty() {
            input.insert(name.to_string(), Json::String(m.to_string()));
        }
    }
    input
}

/// Adds to "is required" problems of fields no unified value can fill a hint to give them
/// in `extras`.
pub fn hint_extras(mut e: PayoutError, op: &Operation) -> PayoutError {
    if e.kind != ErrorKind::InvalidInput {
        return e;
    }
    for fe in &mut e.fields {
        let top = fe.field.split('.').next().unwrap_or_default();
        let no_role = op.request_fields().any(|(_, n, f)| {
            n == top && f.role.is_none() && f.ty != FieldType::OneOf && f.ty != FieldType::Object
        });
        if no_role && fe.message == "is required" {
            fe.message = "is required, and no unified field carries it: give it in `extras`".into();
        }
    }
    e.message = e
        .fields
        .iter()
        .map(|f| f.to_string())
        .collect::<Vec<_>>()
        .join("; ");
    e
}

/// The unified request that a gateway's own create input stands for: the inverse of
/// [`create_input`]. Fields with a role fill the unified request; the others (not
/// generated, not computed) go into `extras`. Used to turn a spec's example payout (its
/// first create vector) into a unified call, for the demo and for new specs.
pub fn create_from_input(
    spec: &Spec,
    op: &Operation,
    input: &JsonMap,
) -> Result<CreatePayout, String> {
    let req = create_from_step_input(spec, op, input)?;
    if req.merchant_ref.is_empty() {
        return Err("the input has no merchant reference".into());
    }
    Ok(req)
}

/// [`create_from_input`] for a money step that may leave the merchant reference to the
/// steps of its flow (Wise's fund names only the transfer): the caller adds the steps'
/// input with [`add_step_input`] and checks the reference then.
pub fn create_from_step_input(
    spec: &Spec,
    op: &Operation,
    input: &JsonMap,
) -> Result<CreatePayout, String> {
    let mut req = CreatePayout::new(
        "",
        crate::unified::Money::new(rust_decimal::Decimal::ZERO, spec.money.currency.clone()),
    );
    let parts = [
        Some(&op.params),
        Some(&op.query),
        op.body.as_ref().map(|b| &b.fields),
    ];
    for fields in parts.into_iter().flatten() {
        read(fields, input, &mut req, true)?;
    }
    Ok(req)
}

/// Adds to a unified request what the input of a step before the money step says (a
/// recipient's name and account): the inverse of a flow step's input, by roles only.
pub fn add_step_input(
    op: &Operation,
    input: &JsonMap,
    req: &mut CreatePayout,
) -> Result<(), String> {
    let parts = [
        Some(&op.params),
        Some(&op.query),
        op.body.as_ref().map(|b| &b.fields),
    ];
    for fields in parts.into_iter().flatten() {
        read(fields, input, req, false)?;
    }
    Ok(())
}

fn read(
    fields: &IndexMap<String, Field>,
    input: &JsonMap,
    req: &mut CreatePayout,
    top: bool,
) -> Result<(), String> {
    for (name, f) in fields {
        let Some(v) = input.get(name).filter(|v| !v.is_null()) else {
            continue;
        };
        if !f.is_input() || f.generate.is_some() {
            continue;
        }
        match (f.ty, &f.role) {
            (FieldType::OneOf, _) => {
                let (Some(tag), Some(variants), Some(obj)) = (&f.tag, &f.variants, v.as_object())
                else {
                    continue;
                };
                let chosen = obj.get(tag).and_then(Json::as_str).unwrap_or_default();
                let variant = variants
                    .get(chosen)
                    .ok_or_else(|| format!("`{name}`: no variant `{chosen}`"))?;
                req.beneficiary.method =
                    variant.unified.as_deref().and_then(PayoutMethod::from_name);
                read(&variant.fields, obj, req, false)?;
            }
            (FieldType::Object, _) => {
                if let (Some(nested), Some(obj)) = (&f.fields, v.as_object()) {
                    read(nested, obj, req, false)?;
                }
            }
            // The payout is the batch's first item.
            (FieldType::Array, _) => {
                let (Some(item), Some(Json::Array(items))) = (&f.items, Some(v)) else {
                    continue;
                };
                if let Some(first) = items.first() {
                    let mut wrapper = IndexMap::new();
                    wrapper.insert("0".to_string(), (**item).clone());
                    let mut values = JsonMap::default();
                    values.insert("0".to_string(), first.clone());
                    read(&wrapper, &values, req, false)?;
                }
            }
            (_, Some(role)) => set(f, role, v, req)?,
            (_, None) if top => {
                req.extras.insert(name.clone(), v.clone());
            }
            _ => {}
        }
    }
    Ok(())
}

fn set(f: &Field, role: &Role, v: &Json, req: &mut CreatePayout) -> Result<(), String> {
    let text = v.scalar_text().unwrap_or_default();
    // An enum with a unified mapping: from the enum name (or its wire value) to the unified value.
    let unified_value = f.unified.as_ref().and_then(|map| {
        let pairs = f.values.as_ref().map(|e| e.pairs()).unwrap_or_default();
        let enum_name = pairs
            .iter()
            .find(|(n, w)| *n == text || w.scalar_text().as_deref() == Some(text.as_str()))
            .map(|(n, _)| n.clone())?;
        map.iter()
            .find(|(_, n)| **n == enum_name)
            .map(|(u, _)| u.clone())
    });
    let b = &mut req.beneficiary;
    let some = Some(text.clone());
    match role {
        Role::MerchantRef => req.merchant_ref = text,
        // Input is in major units, whatever the wire's unit: `unit: minor` is how the
        // amount is written, not how it is given.
        Role::Amount => {
            let amount = crate::money::parse_decimal(v)?;
            req.amount = crate::unified::Money::new(amount, req.amount.currency.clone());
        }
        Role::Currency => req.amount.currency = text.to_ascii_uppercase(),
        Role::Purpose => req.purpose = some,
        Role::Remark => req.remark = some,
        Role::NotifyUrl => req.notify_url = some,
        Role::TransferMode => req.transfer_mode = some,
        Role::PayoutMethod => b.method = unified_value.as_deref().and_then(PayoutMethod::from_name),
        Role::BeneficiaryName => b.name = some,
        Role::BeneficiaryAccountNumber => b.account_number = some,
        Role::BeneficiaryBankCode => b.bank_code = some,
        Role::BeneficiaryBankName => b.bank_name = some,
        Role::BeneficiaryVpa => b.vpa = some,
        Role::BeneficiaryPhone => b.phone = some,
        Role::BeneficiaryEmail => b.email = some,
        Role::BeneficiaryContactId => b.contact_id = some,
        Role::BeneficiaryIdType => b.id_type = some,
        Role::BeneficiaryIdNumber => b.id_number = some,
        Role::BeneficiaryAccountType => b.account_type = some,
        // Not part of a unified create.
        Role::ProviderRef
        | Role::Status
        | Role::Fee
        | Role::Utr
        | Role::FailureReason
        | Role::FailureCode
        | Role::CreatedAt
        | Role::CompletedAt
        | Role::Event
        | Role::WebhookBody
        | Role::WebhookHeader(_)
        | Role::Obtained(_) => {}
    }
    Ok(())
}

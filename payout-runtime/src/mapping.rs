//! Unified requests → a gateway's own input, through the roles its spec gives its fields.
//!
//! `role: beneficiary.name` on Cashy's `accountName` is all it takes for a unified
//! `CreatePayout` to fill it: no per-gateway Rust.

use indexmap::IndexMap;
use payout_spec::{Field, FieldType, Json, Operation, Rule, Spec};

use crate::error::{ErrorKind, FieldError, PayoutError};
use crate::unified::{CreatePayout, PayoutMethod, PayoutRef};

/// The input of a create operation for a unified request.
pub fn create_input(
    spec: &Spec,
    op: &Operation,
    req: &CreatePayout,
) -> Result<IndexMap<String, Json>, PayoutError> {
    if req.amount.currency != spec.money.currency {
        return Err(PayoutError::invalid(vec![FieldError {
            field: "amount.currency".into(),
            message: format!(
                "{} pays out in {} only, not {}",
                spec.provider.id, spec.money.currency, req.amount.currency
            ),
        }]));
    }
    let value = |role: &str| -> Option<Json> {
        let b = &req.beneficiary;
        let s = |v: &Option<String>| v.clone().map(Json::String);
        match role {
            "merchant_ref" => Some(Json::String(req.merchant_ref.clone())),
            // Text, so the exact decimal reaches the formatter; never a float.
            "amount" => Some(Json::String(req.amount.amount.to_string())),
            "currency" => Some(Json::String(req.amount.currency.clone())),
            "purpose" => s(&req.purpose),
            "remark" => s(&req.remark),
            "notify_url" => s(&req.notify_url),
            "transfer_mode" => s(&req.transfer_mode),
            "payout_method" => b.method.map(|m| Json::String(m.as_str().into())),
            "beneficiary.name" => s(&b.name),
            "beneficiary.account_number" => s(&b.account_number),
            "beneficiary.bank_code" => s(&b.bank_code),
            "beneficiary.bank_name" => s(&b.bank_name),
            "beneficiary.vpa" => s(&b.vpa),
            "beneficiary.phone" => s(&b.phone),
            "beneficiary.email" => s(&b.email),
            "beneficiary.contact_id" => s(&b.contact_id),
            "beneficiary.id_type" => s(&b.id_type),
            "beneficiary.id_number" => s(&b.id_number),
            "beneficiary.account_type" => s(&b.account_type),
            _ => None,
        }
    };
    let mut input = IndexMap::new();
    let mut errors = Vec::new();
    let parts = [
        Some(&op.params),
        Some(&op.query),
        op.body.as_ref().map(|b| &b.fields),
    ];
    for fields in parts.into_iter().flatten() {
        fill(fields, &value, &mut input, "", &mut errors);
    }
    for (k, v) in &req.extras {
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
    value: &dyn Fn(&str) -> Option<Json>,
    out: &mut IndexMap<String, Json>,
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
                let mut inner = IndexMap::new();
                if let Some(nested) = &f.fields {
                    fill(nested, value, &mut inner, &path, errors);
                }
                if !inner.is_empty() {
                    out.insert(name.clone(), Json::Object(inner));
                }
            }
            FieldType::OneOf => {
                if let Some(v) = one_of(f, value, &path, errors) {
                    out.insert(name.clone(), v);
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
                out.insert(name.clone(), v);
            }
        }
    }
}

/// The variant of a tagged object that the beneficiary's payout method selects.
fn one_of(
    f: &Field,
    value: &dyn Fn(&str) -> Option<Json>,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<Json> {
    let (Some(tag), Some(variants)) = (&f.tag, &f.variants) else {
        return None;
    };
    let method = value("payout_method").and_then(|m| m.as_str().map(str::to_string));
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
    let mut obj = IndexMap::new();
    obj.insert(tag.clone(), Json::String(vname.clone()));
    fill(&variant.fields, value, &mut obj, path, errors);
    Some(Json::Object(obj))
}

/// The input of a query operation for a payout reference.
pub fn query_input(op: &Operation, reference: &PayoutRef) -> IndexMap<String, Json> {
    let fields: Vec<(&str, &Field)> = op.request_fields().map(|(_, n, f)| (n, f)).collect();
    let field_for = |role: &str| {
        fields
            .iter()
            .find(|(_, f)| f.role.as_deref() == Some(role))
            .map(|(n, _)| *n)
    };
    let exactly_one = op
        .body
        .iter()
        .flat_map(|b| b.rules.iter())
        .any(|r| matches!(r, Rule::ExactlyOneOf(_)));
    let mut input = IndexMap::new();
    // The provider's reference first: it is the gateway's own key.
    if let (Some(p), Some(name)) = (reference.provider(), field_for("provider_ref")) {
        input.insert(name.to_string(), Json::String(p.to_string()));
    }
    if let (Some(m), Some(name)) = (reference.merchant(), field_for("merchant_ref")) {
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
    input: &IndexMap<String, Json>,
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
        read(spec, fields, input, &mut req, true)?;
    }
    if req.merchant_ref.is_empty() {
        return Err("the input has no merchant reference".into());
    }
    Ok(req)
}

fn read(
    spec: &Spec,
    fields: &IndexMap<String, Field>,
    input: &IndexMap<String, Json>,
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
                read(spec, &variant.fields, obj, req, false)?;
            }
            (FieldType::Object, _) => {
                if let (Some(nested), Some(obj)) = (&f.fields, v.as_object()) {
                    read(spec, nested, obj, req, false)?;
                }
            }
            (_, Some(role)) => set(spec, f, role, v, req)?,
            (_, None) if top => {
                req.extras.insert(name.clone(), v.clone());
            }
            _ => {}
        }
    }
    Ok(())
}

fn set(spec: &Spec, f: &Field, role: &str, v: &Json, req: &mut CreatePayout) -> Result<(), String> {
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
        "merchant_ref" => req.merchant_ref = text,
        "amount" => {
            let amount = crate::money::amount_from_wire(v, &spec.money.amount)?;
            req.amount = crate::unified::Money::new(amount, spec.money.currency.clone());
        }
        "currency" => req.amount.currency = text,
        "purpose" => req.purpose = some,
        "remark" => req.remark = some,
        "notify_url" => req.notify_url = some,
        "transfer_mode" => req.transfer_mode = some,
        "payout_method" => b.method = unified_value.as_deref().and_then(PayoutMethod::from_name),
        "beneficiary.name" => b.name = some,
        "beneficiary.account_number" => b.account_number = some,
        "beneficiary.bank_code" => b.bank_code = some,
        "beneficiary.bank_name" => b.bank_name = some,
        "beneficiary.vpa" => b.vpa = some,
        "beneficiary.phone" => b.phone = some,
        "beneficiary.email" => b.email = some,
        "beneficiary.contact_id" => b.contact_id = some,
        "beneficiary.id_type" => b.id_type = some,
        "beneficiary.id_number" => b.id_number = some,
        "beneficiary.account_type" => b.account_type = some,
        _ => {}
    }
    Ok(())
}

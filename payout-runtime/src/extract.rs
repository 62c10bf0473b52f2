//! Reading unified values out of a received message, by the roles its fields carry.

use indexmap::IndexMap;
use payout_spec::{Field, FieldType, Json, PayoutStatus, Role, Spec};
use rust_decimal::Decimal;

use payout_spec::coverage::{self, Coverage};

use crate::money;

/// What a response or webhook says, in unified terms.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extracted {
    /// The gateway's own status value, as text (`PAID`, `1`).
    pub provider_status: Option<String>,
    /// Its unified meaning; `None` when the spec does not map the value (never final).
    pub status: Option<PayoutStatus>,
    pub merchant_ref: Option<String>,
    pub provider_ref: Option<String>,
    pub amount: Option<Decimal>,
    pub currency: Option<String>,
    pub fee: Option<Decimal>,
    pub utr: Option<String>,
    pub failure_reason: Option<String>,
    pub failure_code: Option<String>,
    pub created_at: Option<String>,
    pub completed_at: Option<String>,
    pub event: Option<String>,
}

/// (role, dotted JSON path, field) for every field of a message that carries a role.
pub fn role_paths<'f>(
    fields: &'f IndexMap<String, Field>,
    base: &str,
    out: &mut Vec<(&'f Role, String, &'f Field)>,
) {
    for (name, f) in fields {
        let path = if base.is_empty() {
            name.clone()
        } else {
            format!("{base}.{name}")
        };
        if let Some(role) = &f.role {
            out.push((role, path.clone(), f));
        }
        if let Some(nested) = &f.fields {
            role_paths(nested, &path, out);
        }
        if let Some(variants) = &f.variants {
            for v in variants.values() {
                role_paths(&v.fields, &path, out);
            }
        }
        // A unified payout is a one-item batch: its values are the first item's (lint
        // refuses roles in arrays nested deeper).
        if let Some(item) = &f.items {
            let first = format!("{path}.0");
            if let Some(role) = &item.role {
                out.push((role, first.clone(), item));
            }
            if let Some(nested) = &item.fields {
                role_paths(nested, &first, out);
            }
        }
    }
}

/// Leaves out of `x` every value read from a part the message's signatures do not cover
/// (unless the spec says why it is trusted, `unsigned: reason`): a signed message whose
/// unsigned parts were changed on the way still verifies. Returns the roles left out.
pub fn leave_out_unsigned(
    x: &mut Extracted,
    cov: Option<&Coverage>,
    fields: &IndexMap<String, Field>,
) -> Vec<String> {
    let Some(cov) = cov else {
        return Vec::new();
    };
    let mut left_out = Vec::new();
    for (path, role, field) in coverage::unsigned_roles(cov, fields) {
        if field.unsigned.is_some() {
            continue;
        }
        // Only the roles that must be signed (`coverage::SIGNED_ROLES`) are returned.
        match role {
            Role::MerchantRef => x.merchant_ref = None,
            Role::ProviderRef => x.provider_ref = None,
            Role::Status => {
                x.status = None;
                x.provider_status = None;
            }
            Role::Amount => x.amount = None,
            Role::FailureReason => x.failure_reason = None,
            Role::Currency
            | Role::Fee
            | Role::Utr
            | Role::FailureCode
            | Role::CreatedAt
            | Role::CompletedAt
            | Role::Event
            | Role::Purpose
            | Role::Remark
            | Role::NotifyUrl
            | Role::PayoutMethod
            | Role::TransferMode
            | Role::BeneficiaryName
            | Role::BeneficiaryAccountNumber
            | Role::BeneficiaryBankCode
            | Role::BeneficiaryBankName
            | Role::BeneficiaryVpa
            | Role::BeneficiaryPhone
            | Role::BeneficiaryEmail
            | Role::BeneficiaryContactId
            | Role::BeneficiaryIdType
            | Role::BeneficiaryIdNumber
            | Role::BeneficiaryAccountType
            | Role::WebhookBody
            | Role::WebhookHeader(_)
            | Role::Obtained(_) => continue,
        }
        tracing::warn!(role = %role, field = %path, "left out: no signature covers it");
        left_out.push(role.to_string());
    }
    left_out
}

/// Reads every role of `fields` out of `body`. Values that are there but unreadable (an
/// amount that is not a number) are errors: a wrong amount must never pass silently.
pub fn extract(
    spec: &Spec,
    fields: &IndexMap<String, Field>,
    body: &Json,
) -> Result<Extracted, String> {
    let mut paths = Vec::new();
    role_paths(fields, "", &mut paths);
    let mut out = Extracted::default();
    for (role, path, field) in paths {
        let Some(v) = body.get_path(&path).filter(|v| !v.is_null()) else {
            continue;
        };
        let text = v.scalar_text();
        match role {
            Role::Status => out.provider_status = text,
            Role::MerchantRef => out.merchant_ref = text,
            Role::ProviderRef => out.provider_ref = text,
            Role::Amount => {
                let d = money_value(spec, field, v);
                out.amount = Some(d.map_err(|e| format!("`{path}`: {e}"))?);
            }
            Role::Fee => {
                let d = money_value(spec, field, v);
                out.fee = Some(d.map_err(|e| format!("`{path}`: {e}"))?);
            }
            Role::Currency => out.currency = text,
            Role::Utr => out.utr = text,
            Role::FailureReason => out.failure_reason = text,
            Role::FailureCode => out.failure_code = text,
            Role::CreatedAt => out.created_at = text,
            Role::CompletedAt => out.completed_at = text,
            Role::Event => out.event = text,
            // Request-side roles: a received message does not carry them (lint refuses them).
            Role::Purpose
            | Role::Remark
            | Role::NotifyUrl
            | Role::PayoutMethod
            | Role::TransferMode
            | Role::BeneficiaryName
            | Role::BeneficiaryAccountNumber
            | Role::BeneficiaryBankCode
            | Role::BeneficiaryBankName
            | Role::BeneficiaryVpa
            | Role::BeneficiaryPhone
            | Role::BeneficiaryEmail
            | Role::BeneficiaryContactId
            | Role::BeneficiaryIdType
            | Role::BeneficiaryIdNumber
            | Role::BeneficiaryAccountType
            | Role::WebhookBody
            | Role::WebhookHeader(_)
            | Role::Obtained(_) => {}
        }
    }
    out.status = out
        .provider_status
        .as_deref()
        .and_then(|s| unified_status(spec, s, out.failure_reason.as_deref()));
    Ok(out)
}

/// The value of a money role (`amount`, `fee`): a field of type `amount` is in the spec's
/// amount encoding (minor units too), any other is a plain decimal.
pub fn money_value(spec: &Spec, field: &Field, v: &Json) -> Result<Decimal, String> {
    match field.ty {
        FieldType::Amount => money::amount_from_wire(v, &spec.money.amount),
        _ => money::parse_decimal(v),
    }
}

/// The unified status of a provider value, if the spec maps it.
pub fn unified_status(spec: &Spec, provider: &str, reason: Option<&str>) -> Option<PayoutStatus> {
    spec.status(provider).map(|e| e.unified_with_reason(reason))
}

//! Reading unified values out of a received message, by the roles its fields carry.

use indexmap::IndexMap;
use payout_spec::{Field, FieldType, JsonNode, PayoutStatus, Role, Spec};
use rust_decimal::Decimal;

use crate::money;
use crate::received::RoleRead;

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

/// A role a received message's field may carry: what a unified result is read from
/// ([`payout_spec::roles::RESULT`]), the part of [`Role`] that reading a result matches on
/// exhaustively.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultRole {
    MerchantRef,
    ProviderRef,
    Status,
    Amount,
    Currency,
    Fee,
    Utr,
    FailureReason,
    FailureCode,
    CreatedAt,
    CompletedAt,
    Event,
}

impl ResultRole {
    /// The result role a field's role is; `None` for roles a result is not read from
    /// (a request's, which lint refuses on received messages).
    pub fn of(role: &Role) -> Option<ResultRole> {
        Some(match role {
            Role::MerchantRef => ResultRole::MerchantRef,
            Role::ProviderRef => ResultRole::ProviderRef,
            Role::Status => ResultRole::Status,
            Role::Amount => ResultRole::Amount,
            Role::Currency => ResultRole::Currency,
            Role::Fee => ResultRole::Fee,
            Role::Utr => ResultRole::Utr,
            Role::FailureReason => ResultRole::FailureReason,
            Role::FailureCode => ResultRole::FailureCode,
            Role::CreatedAt => ResultRole::CreatedAt,
            Role::CompletedAt => ResultRole::CompletedAt,
            Role::Event => ResultRole::Event,
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
            | Role::Obtained(_) => return None,
        })
    }

    /// The spec's name of the role.
    pub fn name(self) -> &'static str {
        match self {
            ResultRole::MerchantRef => "merchant_ref",
            ResultRole::ProviderRef => "provider_ref",
            ResultRole::Status => "status",
            ResultRole::Amount => "amount",
            ResultRole::Currency => "currency",
            ResultRole::Fee => "fee",
            ResultRole::Utr => "utr",
            ResultRole::FailureReason => "failure_reason",
            ResultRole::FailureCode => "failure_code",
            ResultRole::CreatedAt => "created_at",
            ResultRole::CompletedAt => "completed_at",
            ResultRole::Event => "event",
        }
    }
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
/// (the roles of its plan's [`crate::received::MessagePlan::unsigned`], which skips those
/// the spec says why it trusts, `unsigned: reason`): a signed message whose unsigned parts
/// were changed on the way still verifies. Returns the roles left out.
pub fn leave_out(x: &mut Extracted, unsigned: &[(String, ResultRole)]) -> Vec<String> {
    let mut left_out = Vec::new();
    for (path, role) in unsigned {
        match role {
            ResultRole::MerchantRef => x.merchant_ref = None,
            ResultRole::ProviderRef => x.provider_ref = None,
            ResultRole::Status => {
                x.status = None;
                x.provider_status = None;
            }
            ResultRole::Amount => x.amount = None,
            ResultRole::FailureReason => x.failure_reason = None,
            ResultRole::Currency
            | ResultRole::Fee
            | ResultRole::Utr
            | ResultRole::FailureCode
            | ResultRole::CreatedAt
            | ResultRole::CompletedAt
            | ResultRole::Event => continue,
        }
        let role = role.name();
        tracing::warn!(role, field = %path, "left out: no signature covers it");
        left_out.push(role.to_string());
    }
    left_out
}

/// Reads every role out of `body`, by the role paths of a message's plan
/// ([`crate::received::MessagePlan::roles`]). Values that are there but unreadable (an
/// amount that is not a number) are errors: a wrong amount must never pass silently.
///
/// A webhook's body is read borrowed ([`payout_spec::JsonRef`]), an answer's from the tree
/// its success check needed: each role is looked up by its path (an object's names are
/// compared as they come, a dozen roles at most).
pub fn read(spec: &Spec, roles: &[RoleRead], body: &impl JsonNode) -> Result<Extracted, String> {
    let mut out = Extracted::default();
    for r in roles {
        let Some(v) = body.at(&r.segments).filter(|v| !v.is_null()) else {
            continue;
        };
        let text = || v.scalar().map(str::to_string);
        let money = || {
            let d = if r.amount {
                money::amount_from_wire(v, &spec.money.amount)
            } else {
                money::parse_decimal(v)
            };
            d.map_err(|e| format!("`{}`: {e}", r.path))
        };
        match r.role {
            ResultRole::Status => out.provider_status = text(),
            ResultRole::MerchantRef => out.merchant_ref = text(),
            ResultRole::ProviderRef => out.provider_ref = text(),
            ResultRole::Amount => out.amount = Some(money()?),
            ResultRole::Fee => out.fee = Some(money()?),
            ResultRole::Currency => out.currency = text(),
            ResultRole::Utr => out.utr = text(),
            ResultRole::FailureReason => out.failure_reason = text(),
            ResultRole::FailureCode => out.failure_code = text(),
            ResultRole::CreatedAt => out.created_at = text(),
            ResultRole::CompletedAt => out.completed_at = text(),
            ResultRole::Event => out.event = text(),
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
pub fn money_value(spec: &Spec, field: &Field, v: &impl JsonNode) -> Result<Decimal, String> {
    match field.ty {
        FieldType::Amount => money::amount_from_wire(v, &spec.money.amount),
        _ => money::parse_decimal(v),
    }
}

/// The unified status of a provider value, if the spec maps it.
pub fn unified_status(spec: &Spec, provider: &str, reason: Option<&str>) -> Option<PayoutStatus> {
    spec.status(provider).map(|e| e.unified_with_reason(reason))
}

#[cfg(test)]
mod tests {
    use super::*;
    use payout_spec::{Json, JsonRef};

    fn role(role: ResultRole, path: &str) -> RoleRead {
        RoleRead {
            role,
            path: path.to_string(),
            segments: path.split('.').map(str::to_string).collect(),
            amount: false,
        }
    }

    /// A path finds the same value in the borrowed and the owned tree: members at any
    /// depth, array items by index, nothing where the body has another shape or no such
    /// member, and a name written twice by its last value.
    #[test]
    fn paths_find_the_same_in_both_trees() {
        let text = r#"{"id":"p1","data":{"status":"PAID","items":[{"utr":"U0"},{"utr":"U1"}],"fee":"1.50"},"amount":"10.00","event":["x"],"reason":null,"id":"p2"}"#;
        let owned = Json::parse(text).unwrap();
        let borrowed = JsonRef::parse(text).unwrap();
        let roles = [
            role(ResultRole::ProviderRef, "id"),
            role(ResultRole::Status, "data.status"),
            role(ResultRole::Utr, "data.items.1.utr"),
            role(ResultRole::Fee, "data.fee"),
            role(ResultRole::Amount, "amount"),
            role(ResultRole::Event, "event.0"),
            role(ResultRole::FailureReason, "reason"),
            role(ResultRole::MerchantRef, "data.missing"),
            role(ResultRole::FailureCode, "id.deeper"),
            role(ResultRole::Currency, "data.items.7.utr"),
        ];
        for r in &roles {
            assert_eq!(
                borrowed.at(&r.segments).map(JsonRef::to_json),
                owned.at(&r.segments).cloned(),
                "{}",
                r.path
            );
        }
        assert_eq!(
            borrowed.at(&["data", "items", "1", "utr"]),
            Some(&JsonRef::from("U1"))
        );
        assert_eq!(borrowed.at(&["id"]), Some(&JsonRef::from("p2")));
        assert_eq!(borrowed.at(&["data", "missing"]), None);
    }
}

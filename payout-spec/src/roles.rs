//! The unified vocabulary: names that tie a gateway's own fields to `PayoutProvider`.
//!
//! A field with `role: beneficiary.name` receives the unified request's beneficiary name; a
//! response field with `role: status` is where the unified status is read from. The names
//! are fixed here so a typo is caught when the spec is loaded, not when a payout is sent.

use std::fmt;

use schemars::JsonSchema;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::diag::{did_you_mean, one_of_list};
use crate::model::{OperationRole, OBTAINED_ROLE, WEBHOOK_BODY_ROLE, WEBHOOK_HEADER_ROLE};

/// Roles a create request's fields may carry.
pub const CREATE: &[Role] = &[
    Role::MerchantRef,
    Role::Amount,
    Role::Currency,
    Role::Purpose,
    Role::Remark,
    Role::NotifyUrl,
    Role::PayoutMethod,
    Role::TransferMode,
    Role::BeneficiaryName,
    Role::BeneficiaryAccountNumber,
    Role::BeneficiaryBankCode,
    Role::BeneficiaryBankName,
    Role::BeneficiaryVpa,
    Role::BeneficiaryPhone,
    Role::BeneficiaryEmail,
    Role::BeneficiaryContactId,
    Role::BeneficiaryIdType,
    Role::BeneficiaryIdNumber,
    Role::BeneficiaryAccountType,
];

/// Roles the request fields of a query or cancel may carry.
pub const LOOKUP: &[Role] = &[Role::MerchantRef, Role::ProviderRef];

/// Roles fields of responses and webhooks may carry: what a unified result is read from.
pub const RESULT: &[Role] = &[
    Role::MerchantRef,
    Role::ProviderRef,
    Role::Status,
    Role::Amount,
    Role::Currency,
    Role::Fee,
    Role::Utr,
    Role::FailureReason,
    Role::FailureCode,
    Role::CreatedAt,
    Role::CompletedAt,
    Role::Event,
];

/// Unified payout methods a `one_of` variant or an enum value may stand for.
pub const PAYOUT_METHODS: &[&str] = &["bank_account", "upi", "wallet", "contact"];

/// The roles allowed on request fields of an operation with this role.
pub fn request_roles(op: OperationRole) -> &'static [Role] {
    match op {
        OperationRole::Create => CREATE,
        OperationRole::Query | OperationRole::Cancel => LOOKUP,
        OperationRole::Balance | OperationRole::Other => &[],
    }
}

/// What a field is to the unified model: the value it carries (`role: beneficiary.name`,
/// `role: status`), or, on a request field, where its value comes from (an obtained value,
/// a received webhook's part). An enum, so every consumer handles every role: a new one
/// does not compile until each `match` says what it does with it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    MerchantRef,
    ProviderRef,
    Amount,
    Currency,
    Purpose,
    Remark,
    NotifyUrl,
    PayoutMethod,
    TransferMode,
    BeneficiaryName,
    BeneficiaryAccountNumber,
    BeneficiaryBankCode,
    BeneficiaryBankName,
    BeneficiaryVpa,
    BeneficiaryPhone,
    BeneficiaryEmail,
    BeneficiaryContactId,
    BeneficiaryIdType,
    BeneficiaryIdNumber,
    BeneficiaryAccountType,
    Status,
    Fee,
    Utr,
    FailureReason,
    FailureCode,
    CreatedAt,
    CompletedAt,
    Event,
    /// `webhook.body`: a postback's field that takes the received webhook's body.
    WebhookBody,
    /// `webhook.header.NAME`: a postback's field that takes a received webhook's header.
    WebhookHeader(String),
    /// `obtained.NAME`: a request field that takes a value the flow obtained.
    Obtained(String),
}

/// The roles without a parameter, with their names.
const NAMED: &[(Role, &str)] = &[
    (Role::MerchantRef, "merchant_ref"),
    (Role::ProviderRef, "provider_ref"),
    (Role::Amount, "amount"),
    (Role::Currency, "currency"),
    (Role::Purpose, "purpose"),
    (Role::Remark, "remark"),
    (Role::NotifyUrl, "notify_url"),
    (Role::PayoutMethod, "payout_method"),
    (Role::TransferMode, "transfer_mode"),
    (Role::BeneficiaryName, "beneficiary.name"),
    (Role::BeneficiaryAccountNumber, "beneficiary.account_number"),
    (Role::BeneficiaryBankCode, "beneficiary.bank_code"),
    (Role::BeneficiaryBankName, "beneficiary.bank_name"),
    (Role::BeneficiaryVpa, "beneficiary.vpa"),
    (Role::BeneficiaryPhone, "beneficiary.phone"),
    (Role::BeneficiaryEmail, "beneficiary.email"),
    (Role::BeneficiaryContactId, "beneficiary.contact_id"),
    (Role::BeneficiaryIdType, "beneficiary.id_type"),
    (Role::BeneficiaryIdNumber, "beneficiary.id_number"),
    (Role::BeneficiaryAccountType, "beneficiary.account_type"),
    (Role::Status, "status"),
    (Role::Fee, "fee"),
    (Role::Utr, "utr"),
    (Role::FailureReason, "failure_reason"),
    (Role::FailureCode, "failure_code"),
    (Role::CreatedAt, "created_at"),
    (Role::CompletedAt, "completed_at"),
    (Role::Event, "event"),
    (Role::WebhookBody, WEBHOOK_BODY_ROLE),
];

impl Role {
    /// The role's name, for a role without a parameter; the prefix (`webhook.header.`,
    /// `obtained.`) for one with. [`fmt::Display`] writes the whole role.
    pub fn keyword(&self) -> &'static str {
        match self {
            Role::WebhookHeader(_) => WEBHOOK_HEADER_ROLE,
            Role::Obtained(_) => OBTAINED_ROLE,
            named => NAMED
                .iter()
                .find(|(r, _)| r == named)
                .map_or("", |(_, n)| n),
        }
    }

    /// Reads a role as a spec writes it; `None` for a name that is not one.
    pub fn parse(text: &str) -> Option<Role> {
        if let Some(h) = text
            .strip_prefix(WEBHOOK_HEADER_ROLE)
            .filter(|h| !h.is_empty())
        {
            return Some(Role::WebhookHeader(h.to_string()));
        }
        if let Some(o) = text.strip_prefix(OBTAINED_ROLE).filter(|o| !o.is_empty()) {
            return Some(Role::Obtained(o.to_string()));
        }
        NAMED
            .iter()
            .find(|(_, n)| *n == text)
            .map(|(r, _)| r.clone())
    }

    /// Every role a spec may write, the parameterised ones as `webhook.header.NAME` and
    /// `obtained.NAME`: what an unknown role's diagnostic lists.
    pub fn names() -> impl Iterator<Item = &'static str> + Clone {
        NAMED
            .iter()
            .map(|(_, n)| *n)
            .chain(["webhook.header.NAME", "obtained.NAME"])
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keyword())?;
        match self {
            Role::WebhookHeader(p) | Role::Obtained(p) => f.write_str(p),
            _ => Ok(()),
        }
    }
}

impl Serialize for Role {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Role::parse(&text).ok_or_else(|| {
            D::Error::custom(format!(
                "unknown role `{text}`; expected one of {}{}",
                one_of_list(Role::names()),
                did_you_mean(&text, Role::names())
            ))
        })
    }
}

impl JsonSchema for Role {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Role".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = NAMED.iter().map(|(_, n)| *n).collect();
        schemars::json_schema!({
            "description": "What the field is to the unified model: a unified value, or where a request field's value comes from (`obtained.NAME`, `webhook.body`, `webhook.header.NAME`).",
            "anyOf": [
                { "type": "string", "enum": names },
                { "type": "string", "pattern": "^(webhook\\.header\\.|obtained\\.).+$" }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every role reads back as it is written, the parameterised ones included; a name
    /// that is not a role, or a prefix with nothing after it, is none.
    #[test]
    fn roles_read_back_as_written() {
        for name in NAMED.iter().map(|(_, n)| *n).chain([
            "webhook.header.PAYPAL-TRANSMISSION-ID",
            "obtained.recipient",
        ]) {
            let role = Role::parse(name).unwrap_or_else(|| panic!("{name} is a role"));
            assert_eq!(role.to_string(), name);
        }
        assert_eq!(
            Role::parse("obtained.token"),
            Some(Role::Obtained("token".into()))
        );
        for bad in [
            "",
            "Status",
            "beneficiary",
            "obtained.",
            "webhook.header.",
            "webhook",
        ] {
            assert_eq!(Role::parse(bad), None, "{bad}");
        }
        // The lists of allowed roles hold only roles without a parameter.
        for r in CREATE.iter().chain(LOOKUP).chain(RESULT) {
            assert_eq!(r.keyword(), r.to_string());
        }
    }
}

//! The unified vocabulary: names that tie a gateway's own fields to `PayoutProvider`.
//!
//! A field with `role: beneficiary.name` receives the unified request's beneficiary name; a
//! response field with `role: status` is where the unified status is read from. The names
//! are fixed here so a typo is caught when the spec is loaded, not when a payout is sent.

use crate::model::OperationRole;

/// Roles a create request's fields may carry.
pub const CREATE: &[&str] = &[
    "merchant_ref",
    "amount",
    "currency",
    "purpose",
    "remark",
    "notify_url",
    "payout_method",
    "transfer_mode",
    "beneficiary.name",
    "beneficiary.account_number",
    "beneficiary.bank_code",
    "beneficiary.bank_name",
    "beneficiary.vpa",
    "beneficiary.phone",
    "beneficiary.email",
    "beneficiary.contact_id",
    "beneficiary.id_type",
    "beneficiary.id_number",
    "beneficiary.account_type",
];

/// Roles the request fields of a query or cancel may carry.
pub const LOOKUP: &[&str] = &["merchant_ref", "provider_ref"];

/// Roles fields of responses and webhooks may carry: what a unified result is read from.
pub const RESULT: &[&str] = &[
    "merchant_ref",
    "provider_ref",
    "status",
    "amount",
    "currency",
    "fee",
    "utr",
    "failure_reason",
    "failure_code",
    "created_at",
    "completed_at",
    "event",
];

/// Unified payout methods a `one_of` variant or an enum value may stand for.
pub const PAYOUT_METHODS: &[&str] = &["bank_account", "upi", "wallet", "contact"];

/// The roles allowed on request fields of an operation with this role.
pub fn request_roles(op: OperationRole) -> &'static [&'static str] {
    match op {
        OperationRole::Create => CREATE,
        OperationRole::Query | OperationRole::Cancel => LOOKUP,
        OperationRole::Balance | OperationRole::Other => &[],
    }
}

//! Provider statuses and the unified status vocabulary they map onto.

use std::fmt;
use std::str::FromStr;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// The unified status of a payout, the same for every gateway.
///
/// `Succeeded`, `Failed`, `Reversed` and `Cancelled` are final, but a final status can still
/// change: gateways reverse paid payouts, and some turn a failure into a success.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PayoutStatus {
    /// Accepted, not yet being processed.
    Pending,
    /// Being processed by the gateway or the bank.
    Processing,
    /// The money reached the beneficiary.
    Succeeded,
    /// The payout failed; no money moved.
    Failed,
    /// A payout that had succeeded was returned.
    Reversed,
    /// Cancelled before it was paid.
    Cancelled,
}

impl PayoutStatus {
    pub const ALL: [PayoutStatus; 6] = [
        PayoutStatus::Pending,
        PayoutStatus::Processing,
        PayoutStatus::Succeeded,
        PayoutStatus::Failed,
        PayoutStatus::Reversed,
        PayoutStatus::Cancelled,
    ];

    pub fn is_final(&self) -> bool {
        matches!(
            self,
            PayoutStatus::Succeeded
                | PayoutStatus::Failed
                | PayoutStatus::Reversed
                | PayoutStatus::Cancelled
        )
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            PayoutStatus::Pending => "pending",
            PayoutStatus::Processing => "processing",
            PayoutStatus::Succeeded => "succeeded",
            PayoutStatus::Failed => "failed",
            PayoutStatus::Reversed => "reversed",
            PayoutStatus::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for PayoutStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PayoutStatus {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        PayoutStatus::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| format!("`{s}` is not a unified status"))
    }
}

/// What a provider status value means. Written either as the unified status alone
/// (`PAID: succeeded`) or as a mapping with a description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusEntryFull {
    pub unified: PayoutStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// What the status means at the gateway, for readers and generated docs.
    pub description: Option<String>,
    /// A reason (the field with role `failure_reason`) that changes the meaning, e.g.
    /// Cashy's `FAIL` with `PAYMENT_OFFSET` is a reversal: `{ PAYMENT_OFFSET: reversed }`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub reasons: IndexMap<String, PayoutStatus>,
}

/// What a provider status value means.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct StatusEntry(pub StatusEntryFull);

impl StatusEntry {
    pub fn unified(&self) -> PayoutStatus {
        self.0.unified
    }

    pub fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// The unified status given the reason the gateway sent with it.
    pub fn unified_with_reason(&self, reason: Option<&str>) -> PayoutStatus {
        reason
            .and_then(|r| self.0.reasons.get(r).copied())
            .unwrap_or(self.0.unified)
    }
}

impl<'de> Deserialize<'de> for StatusEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = StatusEntry;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a unified status (pending, processing, succeeded, failed, reversed, cancelled) or `{ unified: ..., description: ... }`")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<StatusEntry, E> {
                let unified = s.parse::<PayoutStatus>().map_err(|_| {
                    E::custom(format!(
                        "unknown unified status `{s}`; expected one of `pending`, `processing`, `succeeded`, `failed`, `reversed`, `cancelled`{}",
                        crate::diag::did_you_mean(s, PayoutStatus::ALL.iter().map(|p| p.as_str()))
                    ))
                })?;
                Ok(StatusEntry(StatusEntryFull {
                    unified,
                    description: None,
                    reasons: IndexMap::new(),
                }))
            }
            fn visit_map<A: MapAccess<'de>>(self, a: A) -> Result<StatusEntry, A::Error> {
                StatusEntryFull::deserialize(serde::de::value::MapAccessDeserializer::new(a))
                    .map(StatusEntry)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for StatusEntry {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "StatusEntry".into()
    }

    fn json_schema(gen: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let status = gen.subschema_for::<PayoutStatus>();
        let full = gen.subschema_for::<StatusEntryFull>();
        schemars::json_schema!({
            "description": "The unified status of a provider value, alone or with a description.",
            "anyOf": [status, full]
        })
    }
}

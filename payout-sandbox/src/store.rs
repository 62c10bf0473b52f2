//! The orders a simulated gateway keeps.

use payout_runtime::source::{Clock, SystemClock};
use payout_spec::Json;
use rust_decimal::Decimal;
use serde::Serialize;

/// How a payout will end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Succeed,
    Fail,
}

/// One payout at the simulated gateway.
#[derive(Debug, Clone, Serialize)]
pub struct Order {
    pub merchant_ref: String,
    pub provider_ref: String,
    pub amount: Decimal,
    /// The provider statuses it goes through.
    pub path: Vec<String>,
    /// Index of the current status in `path` (a reversal or a status set by hand leaves it).
    pub step: usize,
    /// The current provider status.
    pub status: String,
    /// The reason sent with the status (`failure_reason` role).
    pub reason: Option<String>,
    pub notify_url: Option<String>,
    pub utr: Option<String>,
    pub created_ms: u64,
    pub updated_ms: u64,
    /// Every status taken, in order.
    pub history: Vec<String>,
}

impl Order {
    /// The value the order gives a unified role, for generated responses and webhooks.
    pub fn role_value(&self, role: &str, currency: &str, event: Option<&String>) -> Option<Json> {
        let text = |s: &str| Some(Json::String(s.to_string()));
        match role {
            "merchant_ref" => text(&self.merchant_ref),
            "provider_ref" => text(&self.provider_ref),
            "status" => text(&self.status),
            "amount" => text(&self.amount.to_string()),
            "currency" => text(currency),
            "fee" => text("0"),
            "utr" => self.utr.as_deref().and_then(text),
            "failure_reason" => self.reason.as_deref().and_then(text),
            "created_at" => text(&rfc3339(self.created_ms)),
            "completed_at" => text(&rfc3339(self.updated_ms)),
            "event" => event.map(|e| Json::String(e.clone())),
            _ => None,
        }
    }
}

/// Epoch milliseconds → RFC 3339 in UTC.
pub fn rfc3339(ms: u64) -> String {
    chrono::DateTime::from_timestamp_millis(ms as i64)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The orders of one gateway. Merchant references are unique: a second create with the
/// same reference is refused before anything is stored.
#[derive(Debug, Default)]
pub struct Store {
    orders: Vec<Order>,
    next: u64,
}

impl Store {
    pub fn by_merchant_ref(&self, r: &str) -> Option<&Order> {
        self.orders.iter().find(|o| o.merchant_ref == r)
    }

    pub fn by_provider_ref(&self, r: &str) -> Option<&Order> {
        self.orders.iter().find(|o| o.provider_ref == r)
    }

    pub fn get_mut(&mut self, merchant_ref: &str) -> Option<&mut Order> {
        self.orders
            .iter_mut()
            .find(|o| o.merchant_ref == merchant_ref)
    }

    /// How many payouts exist with this merchant reference (the admin endpoint's answer).
    pub fn count(&self, merchant_ref: &str) -> usize {
        self.orders
            .iter()
            .filter(|o| o.merchant_ref == merchant_ref)
            .count()
    }

    pub fn all(&self) -> &[Order] {
        &self.orders
    }

    /// A fresh provider reference.
    pub fn next_ref(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!(
            "{prefix}{:010}{:04}",
            SystemClock.now_millis() % 10_000_000_000,
            self.next % 10_000
        )
    }

    pub fn insert(&mut self, order: Order) {
        self.orders.push(order);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_matches_known_instants() {
        // date -u -d @1714128828 +%Y-%m-%dT%H:%M:%SZ  → 2024-04-26T10:53:48Z
        assert_eq!(rfc3339(1_714_128_828_114), "2024-04-26T10:53:48Z");
        // date -u -d @0 → 1970-01-01T00:00:00Z; date -u -d @951782400 → 2000-02-29T00:00:00Z
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400_000), "2000-02-29T00:00:00Z");
    }
}

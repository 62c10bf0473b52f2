//! The orders a simulated gateway keeps.

use std::collections::HashMap;

use payout_runtime::source::{Clock, SystemClock};
use payout_spec::{Json, Role};
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
    pub fn role_value(&self, role: &Role, currency: &str, event: Option<&String>) -> Option<Json> {
        let text = |s: &str| Some(Json::String(s.to_string()));
        match role {
            Role::MerchantRef => text(&self.merchant_ref),
            Role::ProviderRef => text(&self.provider_ref),
            Role::Status => text(&self.status),
            Role::Amount => text(&self.amount.to_string()),
            Role::Currency => text(currency),
            Role::Fee => text("0"),
            Role::Utr => self.utr.as_deref().and_then(text),
            Role::FailureReason => self.reason.as_deref().and_then(text),
            Role::CreatedAt => text(&rfc3339(self.created_ms)),
            Role::CompletedAt => text(&rfc3339(self.updated_ms)),
            Role::Event => event.map(|e| Json::String(e.clone())),
            // Not kept by the order: what the gateway sends has no value for them.
            Role::FailureCode
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
            | Role::Obtained(_) => None,
        }
    }
}

/// Epoch milliseconds → RFC 3339 in UTC.
pub fn rfc3339(ms: u64) -> String {
    chrono::DateTime::from_timestamp_millis(ms as i64)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The orders of one gateway, each in one place (`orders`), found through two indexes:
/// by merchant reference and by provider reference. Lookups and the duplicate check of a
/// create are hash lookups, so the time a create holds the lock does not grow with the
/// payouts stored. Merchant references are unique: a second create with the same
/// reference is refused before anything is stored.
#[derive(Debug, Default)]
pub struct Store {
    orders: Vec<Order>,
    by_merchant: HashMap<String, usize>,
    by_provider: HashMap<String, usize>,
    next: u64,
}

impl Store {
    pub fn by_merchant_ref(&self, r: &str) -> Option<&Order> {
        self.by_merchant.get(r).map(|&i| &self.orders[i])
    }

    pub fn by_provider_ref(&self, r: &str) -> Option<&Order> {
        self.by_provider.get(r).map(|&i| &self.orders[i])
    }

    /// The order to change. Its references are never changed (they are the indexes' keys).
    pub fn get_mut(&mut self, merchant_ref: &str) -> Option<&mut Order> {
        let i = *self.by_merchant.get(merchant_ref)?;
        self.orders.get_mut(i)
    }

    /// How many payouts exist with this merchant reference (the admin endpoint's answer):
    /// 0 or 1.
    pub fn count(&self, merchant_ref: &str) -> usize {
        usize::from(self.by_merchant.contains_key(merchant_ref))
    }

    /// How many payouts are stored.
    pub fn len(&self) -> usize {
        self.orders.len()
    }

    pub fn is_empty(&self) -> bool {
        self.orders.is_empty()
    }

    pub fn all(&self) -> &[Order] {
        &self.orders
    }

    /// A fresh provider reference, unused by any stored order.
    pub fn next_ref(&mut self, prefix: &str) -> String {
        loop {
            self.next += 1;
            let r = format!(
                "{prefix}{:010}{:04}",
                SystemClock.now_millis() % 10_000_000_000,
                self.next % 10_000
            );
            if !self.by_provider.contains_key(&r) {
                return r;
            }
        }
    }

    /// Stores a new order; `false` (and nothing stored) when its merchant or provider
    /// reference is taken.
    pub fn insert(&mut self, order: Order) -> bool {
        if self.by_merchant.contains_key(&order.merchant_ref)
            || self.by_provider.contains_key(&order.provider_ref)
        {
            return false;
        }
        let i = self.orders.len();
        self.by_merchant.insert(order.merchant_ref.clone(), i);
        self.by_provider.insert(order.provider_ref.clone(), i);
        self.orders.push(order);
        true
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

    fn order(m: &str, p: &str) -> Order {
        Order {
            merchant_ref: m.into(),
            provider_ref: p.into(),
            amount: Decimal::new(100, 2),
            path: vec!["PENDING".into()],
            step: 0,
            status: "PENDING".into(),
            reason: None,
            notify_url: None,
            utr: None,
            created_ms: 0,
            updated_ms: 0,
            history: vec!["PENDING".into()],
        }
    }

    /// Both indexes find the one stored order, a change through one is seen through the
    /// other, and a taken reference of either kind stores nothing.
    #[test]
    fn orders_are_found_by_either_reference() {
        let mut s = Store::default();
        for i in 0..1000 {
            assert!(s.insert(order(&format!("m{i}"), &format!("p{i}"))));
        }
        assert_eq!(s.by_merchant_ref("m500").unwrap().provider_ref, "p500");
        assert_eq!(s.by_provider_ref("p999").unwrap().merchant_ref, "m999");
        s.get_mut("m7").unwrap().status = "PAID".into();
        assert_eq!(s.by_provider_ref("p7").unwrap().status, "PAID");
        assert!(!s.insert(order("m7", "p-new")));
        assert!(!s.insert(order("m-new", "p7")));
        assert_eq!(s.len(), 1000);
        assert_eq!((s.count("m7"), s.count("nope")), (1, 0));
        assert!(s.by_merchant_ref("nope").is_none());
        let r = s.next_ref("SBX");
        assert!(r.starts_with("SBX") && s.by_provider_ref(&r).is_none());
    }
}

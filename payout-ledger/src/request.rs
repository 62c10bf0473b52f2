//! A payout request as the ledger takes it (`POST /payouts`), its canonical form and its
//! fingerprint.

use indexmap::IndexMap;
use payout_runtime::{Beneficiary, CreatePayout, FieldError, Json, JsonMap, Money, PayoutMethod};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

/// A payout to create, by unified names; `extras` by the gateway's own names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayout {
    pub gateway: String,
    pub merchant_ref: String,
    pub amount: Decimal,
    pub currency: String,
    pub beneficiary: IndexMap<String, String>,
    pub purpose: Option<String>,
    pub remark: Option<String>,
    pub transfer_mode: Option<String>,
    pub notify_url: Option<String>,
    pub extras: JsonMap,
}

/// The beneficiary's unified names.
const BENEFICIARY: [&str; 12] = [
    "method",
    "name",
    "account_number",
    "bank_code",
    "bank_name",
    "vpa",
    "phone",
    "email",
    "contact_id",
    "id_type",
    "id_number",
    "account_type",
];

const TOP: [&str; 10] = [
    "gateway",
    "merchant_ref",
    "amount",
    "currency",
    "beneficiary",
    "purpose",
    "remark",
    "transfer_mode",
    "notify_url",
    "extras",
];

/// Longest merchant reference taken (gateways allow far less; this bounds the key).
const MAX_REF: usize = 128;

fn problem(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.to_string(),
        message: message.into(),
    }
}

impl NewPayout {
    /// Reads a request body, reporting every problem at once.
    pub fn from_json(j: &Json) -> Result<NewPayout, Vec<FieldError>> {
        let Some(o) = j.as_object() else {
            return Err(vec![problem(
                "",
                format!("expected a JSON object, not {}", j.kind()),
            )]);
        };
        let mut errors = Vec::new();
        for k in o.keys() {
            if !TOP.contains(&k.as_str()) {
                errors.push(problem(
                    k,
                    format!("unknown field; expected one of {}", TOP.join(", ")),
                ));
            }
        }
        let mut text = |name: &str, required: bool| -> Option<String> {
            match o.get(name) {
                None | Some(Json::Null) if required => {
                    errors.push(problem(name, "is required"));
                    None
                }
                None | Some(Json::Null) => None,
                Some(Json::String(s)) if required && s.trim().is_empty() => {
                    errors.push(problem(name, "must not be empty"));
                    None
                }
                Some(Json::String(s)) => Some(s.clone()),
                Some(other) => {
                    errors.push(problem(
                        name,
                        format!("must be a string, not {}", other.kind()),
                    ));
                    None
                }
            }
        };
        let gateway = text("gateway", true);
        let merchant_ref = text("merchant_ref", true);
        let currency = text("currency", true);
        let purpose = text("purpose", false);
        let remark = text("remark", false);
        let transfer_mode = text("transfer_mode", false);
        let notify_url = text("notify_url", false);
        if merchant_ref.as_ref().is_some_and(|r| r.len() > MAX_REF) {
            errors.push(problem(
                "merchant_ref",
                format!("longer than {MAX_REF} bytes"),
            ));
        }
        // Money is never a float: the amount's text is read exactly, as a string or as the
        // number's own digits.
        let amount = match o.get("amount") {
            None | Some(Json::Null) => {
                errors.push(problem("amount", "is required"));
                None
            }
            Some(Json::String(t)) | Some(Json::Number(t)) => {
                match Decimal::from_str_exact(t.trim()) {
                    Ok(d) if d > Decimal::ZERO => Some(d),
                    Ok(_) => {
                        errors.push(problem("amount", "must be more than zero"));
                        None
                    }
                    Err(_) => {
                        errors.push(problem("amount", format!("`{t}` is not a decimal amount")));
                        None
                    }
                }
            }
            Some(other) => {
                errors.push(problem(
                    "amount",
                    format!("must be a decimal string, not {}", other.kind()),
                ));
                None
            }
        };
        let mut beneficiary = IndexMap::new();
        match o.get("beneficiary") {
            None | Some(Json::Null) => {}
            Some(Json::Object(b)) => {
                for (k, v) in b {
                    let field = format!("beneficiary.{k}");
                    if !BENEFICIARY.contains(&k.as_str()) {
                        errors.push(problem(
                            &field,
                            format!("unknown field; expected one of {}", BENEFICIARY.join(", ")),
                        ));
                        continue;
                    }
                    match v.scalar_text() {
                        Some(t) if !matches!(v, Json::Bool(_)) => {
                            if k == "method" && PayoutMethod::from_name(&t).is_none() {
                                errors.push(problem(&field, format!("`{t}` is not a method; expected bank_account, upi, wallet or contact")));
                            }
                            beneficiary.insert(k.clone(), t);
                        }
                        _ if v.is_null() => {}
                        _ => errors.push(problem(
                            &field,
                            format!("must be a string, not {}", v.kind()),
                        )),
                    }
                }
            }
            Some(other) => errors.push(problem(
                "beneficiary",
                format!("must be an object, not {}", other.kind()),
            )),
        }
        let extras = match o.get("extras") {
            None | Some(Json::Null) => JsonMap::default(),
            Some(Json::Object(e)) => e.clone(),
            Some(other) => {
                errors.push(problem(
                    "extras",
                    format!("must be an object, not {}", other.kind()),
                ));
                JsonMap::default()
            }
        };
        match (gateway, merchant_ref, amount, currency) {
            (Some(gateway), Some(merchant_ref), Some(amount), Some(currency))
                if errors.is_empty() =>
            {
                Ok(NewPayout {
                    gateway,
                    merchant_ref,
                    amount,
                    currency,
                    beneficiary,
                    purpose,
                    remark,
                    transfer_mode,
                    notify_url,
                    extras,
                })
            }
            _ => Err(errors),
        }
    }

    /// The request in one canonical JSON text: keys sorted, the amount normalised
    /// (`100.50` and `100.5` are the same money), no insignificant whitespace.
    pub fn canonical(&self) -> String {
        let mut o = JsonMap::default();
        o.insert("gateway".to_string(), Json::String(self.gateway.clone()));
        o.insert(
            "merchant_ref".to_string(),
            Json::String(self.merchant_ref.clone()),
        );
        o.insert(
            "amount".to_string(),
            Json::String(self.amount.normalize().to_string()),
        );
        o.insert("currency".to_string(), Json::String(self.currency.clone()));
        let b: JsonMap = self
            .beneficiary
            .iter()
            .map(|(k, v)| (k.clone(), Json::String(v.clone())))
            .collect();
        o.insert("beneficiary".to_string(), Json::Object(b));
        for (k, v) in [
            ("purpose", &self.purpose),
            ("remark", &self.remark),
            ("transfer_mode", &self.transfer_mode),
            ("notify_url", &self.notify_url),
        ] {
            if let Some(v) = v {
                o.insert(k.to_string(), Json::String(v.clone()));
            }
        }
        o.insert("extras".to_string(), Json::Object(self.extras.clone()));
        sorted(&Json::Object(o)).to_compact(false)
    }

    /// Hex SHA-256 of [`NewPayout::canonical`].
    pub fn fingerprint(&self) -> String {
        hex::encode(Sha256::digest(self.canonical().as_bytes()))
    }

    /// The ledger's request for a runtime create (the demo reads each spec's example payout
    /// that way).
    pub fn from_create(gateway: &str, c: &CreatePayout) -> NewPayout {
        let b = &c.beneficiary;
        let beneficiary = [
            ("method", b.method.map(|m| m.as_str().to_string())),
            ("name", b.name.clone()),
            ("account_number", b.account_number.clone()),
            ("bank_code", b.bank_code.clone()),
            ("bank_name", b.bank_name.clone()),
            ("vpa", b.vpa.clone()),
            ("phone", b.phone.clone()),
            ("email", b.email.clone()),
            ("contact_id", b.contact_id.clone()),
            ("id_type", b.id_type.clone()),
            ("id_number", b.id_number.clone()),
            ("account_type", b.account_type.clone()),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k.to_string(), v?)))
        .collect();
        NewPayout {
            gateway: gateway.to_string(),
            merchant_ref: c.merchant_ref.clone(),
            amount: c.amount.amount,
            currency: c.amount.currency.clone(),
            beneficiary,
            purpose: c.purpose.clone(),
            remark: c.remark.clone(),
            transfer_mode: c.transfer_mode.clone(),
            notify_url: c.notify_url.clone(),
            extras: c.extras.clone(),
        }
    }

    /// The runtime's unified create.
    pub fn to_create(&self) -> CreatePayout {
        let b = |k: &str| self.beneficiary.get(k).cloned();
        let mut c = CreatePayout::new(
            self.merchant_ref.clone(),
            Money::new(self.amount, self.currency.clone()),
        );
        c.beneficiary = Beneficiary {
            method: b("method").as_deref().and_then(PayoutMethod::from_name),
            name: b("name"),
            account_number: b("account_number"),
            bank_code: b("bank_code"),
            bank_name: b("bank_name"),
            vpa: b("vpa"),
            phone: b("phone"),
            email: b("email"),
            contact_id: b("contact_id"),
            id_type: b("id_type"),
            id_number: b("id_number"),
            account_type: b("account_type"),
        };
        c.purpose = self.purpose.clone();
        c.remark = self.remark.clone();
        c.transfer_mode = self.transfer_mode.clone();
        c.notify_url = self.notify_url.clone();
        c.extras = self.extras.clone();
        c
    }
}

/// The same JSON with every object's keys in byte order.
fn sorted(j: &Json) -> Json {
    match j {
        Json::Object(o) => {
            let mut keys: Vec<&String> = o.keys().collect();
            keys.sort();
            Json::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted(&o[k])))
                    .collect(),
            )
        }
        Json::Array(a) => Json::Array(a.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(t: &str) -> Result<NewPayout, Vec<FieldError>> {
        NewPayout::from_json(&Json::parse(t).unwrap())
    }

    #[test]
    fn every_problem_is_reported() {
        let e = parse(
            r#"{"merchant_ref": 7, "amount": "1e3", "beneficiary": {"nme": "A"}, "colour": 1}"#,
        )
        .unwrap_err();
        let fields: Vec<&str> = e.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "colour",
                "gateway",
                "merchant_ref",
                "currency",
                "amount",
                "beneficiary.nme"
            ],
            "{e:?}"
        );
    }

    /// The fingerprint does not depend on key order or on how the amount is written, and
    /// does depend on anything that changes the payout.
    #[test]
    fn fingerprints_are_canonical() {
        let a = parse(r#"{"gateway":"g","merchant_ref":"r","amount":"100.50","currency":"INR","extras":{"b":1,"a":2}}"#).unwrap();
        let b = parse(r#"{"extras":{"a":2,"b":1},"currency":"INR","amount":100.5,"merchant_ref":"r","gateway":"g"}"#).unwrap();
        assert_eq!(a.canonical(), b.canonical());
        assert_eq!(
            a.canonical(),
            r#"{"amount":"100.5","beneficiary":{},"currency":"INR","extras":{"a":2,"b":1},"gateway":"g","merchant_ref":"r"}"#
        );
        // printf '%s' '{"amount":"100.5","beneficiary":{},"currency":"INR","extras":{"a":2,"b":1},"gateway":"g","merchant_ref":"r"}' | sha256sum
        assert_eq!(
            a.fingerprint(),
            "661c77fbfd22a795148871d69901fafe09e89d4d24d497ba4e6bbdb5e4267ab6"
        );
        let c = parse(r#"{"gateway":"g","merchant_ref":"r","amount":"100.51","currency":"INR"}"#)
            .unwrap();
        assert_ne!(a.fingerprint(), c.fingerprint());
    }
}

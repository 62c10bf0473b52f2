//! Who the gateway is, where it lives, what a merchant holds, and how money is written.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::is_false;

/// Who the gateway is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// Short machine name, lowercase (`cashy`); names the generated module and the sandbox
    /// path prefix.
    pub id: String,
    /// Human name (`Cashy (Colombia)`).
    pub name: String,
    /// What the gateway is, for generated documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Link to the gateway's own API documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
    /// ISO 3166 country code of the market (`IN`, `CO`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// One deployment of the gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    /// Base URL that operation paths are appended to, without a trailing slash.
    pub base_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// What this environment is (test, production), for readers.
    pub description: Option<String>,
}

/// What kind of value a credential holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CredentialKind {
    /// Plain text (an id, an API key, a salt).
    #[default]
    Text,
    /// An RSA private key, PKCS#8, as PEM or bare Base64 DER.
    RsaPrivateKey,
    /// An RSA public key, SubjectPublicKeyInfo, as PEM or bare Base64 DER.
    RsaPublicKey,
    /// An Ed25519 private key: PKCS#8 PEM or bare Base64 DER, or the 32-byte seed (or
    /// 64-byte `seed || public`) in Base64 or hex.
    Ed25519PrivateKey,
    /// An Ed25519 public key: SPKI PEM or bare Base64 DER, or the raw 32 bytes in Base64 or hex.
    Ed25519PublicKey,
    /// A P-256 (secp256r1) private key for ES256: PKCS#8 or SEC1 PEM, or bare Base64 DER.
    P256PrivateKey,
    /// A P-256 public key: SPKI PEM or bare Base64 DER, or the SEC1 point in Base64 or hex.
    P256PublicKey,
}

impl CredentialKind {
    /// The name written after `type:`.
    pub fn name(self) -> &'static str {
        match self {
            CredentialKind::Text => "text",
            CredentialKind::RsaPrivateKey => "rsa_private_key",
            CredentialKind::RsaPublicKey => "rsa_public_key",
            CredentialKind::Ed25519PrivateKey => "ed25519_private_key",
            CredentialKind::Ed25519PublicKey => "ed25519_public_key",
            CredentialKind::P256PrivateKey => "p256_private_key",
            CredentialKind::P256PublicKey => "p256_public_key",
        }
    }

    /// Whether the value is a private key (always secret).
    pub fn is_private_key(self) -> bool {
        matches!(
            self,
            CredentialKind::RsaPrivateKey
                | CredentialKind::Ed25519PrivateKey
                | CredentialKind::P256PrivateKey
        )
    }
}

/// A value the merchant is given by the gateway.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Credential {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// What this credential is and where the merchant finds it.
    pub description: Option<String>,
    /// A secret is never printed: logs, errors, `Debug` and `--explain` show
    /// `<redacted:NAME>` instead.
    #[serde(default, skip_serializing_if = "is_false")]
    pub secret: bool,
    /// What the value is; keys are parsed when the spec is loaded with credentials.
    #[serde(rename = "type", default)]
    pub kind: CredentialKind,
}

impl Credential {
    /// Whether the value must never be shown: marked `secret`, or a private key, which is
    /// secret whatever the spec says (the runtime redacts private keys too).
    pub fn is_secret(&self) -> bool {
        self.secret || self.kind.is_private_key()
    }
}

/// How an amount is written on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AmountEncoding {
    /// A JSON string: `"100.00"`.
    String,
    /// A JSON number: `50000.00`.
    Number,
}

/// Whether amounts are in major units (rupees) or minor units (paise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AmountUnit {
    #[default]
    Major,
    /// Integer count of the smallest unit: `decimals: 2` makes 1.50 into `150`.
    Minor,
}

/// The wire format of amounts, and their limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AmountFormat {
    pub encoding: AmountEncoding,
    #[serde(default)]
    /// `major` (whole currency units, `"100.00"`) or `minor` (cents, paise: `"10000"`): the unit amounts are written in.
    pub unit: AmountUnit,
    /// Digits after the decimal point (`2`: `100.00`; `0`: whole units only). An amount with
    /// more significant digits than this is rejected, never rounded.
    pub decimals: u32,
    /// Drop trailing zeros of the fraction (`1.00` → `1`, `1.50` → `1.5`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub trim: bool,
    /// Smallest amount accepted, in major units (`"10000"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::model::decimal_text")]
    pub min: Option<String>,
    /// Largest amount accepted, in major units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::model::decimal_text")]
    pub max: Option<String>,
    /// `min` and `max`, read as decimals on first use (never written).
    #[serde(skip)]
    #[schemars(skip)]
    #[doc(hidden)]
    pub limits: super::field::CompiledLimits,
}

/// The currency and amount format of the gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// ISO 4217 code (`INR`, `COP`) of the main currency: the one a request that names no
    /// currency is in. Unified requests in a currency the spec does not list are refused.
    pub currency: String,
    pub amount: AmountFormat,
    /// Other currencies the gateway pays out in, by ISO 4217 code, each with what differs
    /// from `amount` (`IDR: { decimals: 0 }`). The amount's currency comes from the
    /// request's field with `role: currency`.
    #[serde(default, skip_serializing_if = "indexmap::IndexMap::is_empty")]
    pub currencies: indexmap::IndexMap<String, CurrencyFormat>,
    /// How the gateway writes currency codes: `upper` (`USD`, the default) or `lower`
    /// (`usd`).
    #[serde(default, skip_serializing_if = "is_upper")]
    pub case: CodeCase,
}

fn is_upper(c: &CodeCase) -> bool {
    *c == CodeCase::Upper
}

/// The case of currency codes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CodeCase {
    #[default]
    Upper,
    Lower,
}

/// What one more currency changes in the amount format.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CurrencyFormat {
    /// Digits after the point in this currency (IDR 0, KWD 3); default `amount.decimals`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u32>,
    /// Smallest amount in this currency, in major units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::model::decimal_text")]
    pub min: Option<String>,
    /// Largest amount in this currency, in major units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::model::decimal_text")]
    pub max: Option<String>,
}

impl Money {
    /// Every currency the gateway pays out in, main one first.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.currency.as_str()).chain(self.currencies.keys().map(String::as_str))
    }

    /// A currency code as the gateway writes it.
    pub fn wire_code(&self, code: &str) -> String {
        self.wire_code_of(code).into_owned()
    }

    /// [`Money::wire_code`], borrowing `code` when it is written so already.
    pub fn wire_code_of<'c>(&self, code: &'c str) -> std::borrow::Cow<'c, str> {
        let written = match self.case {
            CodeCase::Upper => !code.bytes().any(|b| b.is_ascii_lowercase()),
            CodeCase::Lower => !code.bytes().any(|b| b.is_ascii_uppercase()),
        };
        match self.case {
            _ if written => std::borrow::Cow::Borrowed(code),
            CodeCase::Upper => std::borrow::Cow::Owned(code.to_ascii_uppercase()),
            CodeCase::Lower => std::borrow::Cow::Owned(code.to_ascii_lowercase()),
        }
    }

    /// The money format of one currency (given as ISO code or as the gateway writes it):
    /// it as the main currency, with its amount format. `None` for a currency the spec
    /// does not list.
    pub fn resolve(&self, code: &str) -> Option<Money> {
        let iso = self.codes().find(|c| c.eq_ignore_ascii_case(code))?;
        let mut amount = self.amount.clone();
        if let Some(cf) = self.currencies.get(iso) {
            if let Some(d) = cf.decimals {
                amount.decimals = d;
            }
            if cf.min.is_some() {
                amount.min = cf.min.clone();
            }
            if cf.max.is_some() {
                amount.max = cf.max.clone();
            }
        }
        Some(Money {
            currency: iso.to_string(),
            amount,
            currencies: self.currencies.clone(),
            case: self.case,
        })
    }
}

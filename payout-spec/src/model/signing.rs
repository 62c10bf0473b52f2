//! Signature recipes: a named list of typed steps that pass bytes along.
//!
//! A recipe starts from an input (the exact body bytes, the path, canonical `k=v` pairs...),
//! may reshape it with a template, then hashes, MACs, signs or encrypts, and encodes. The
//! same recipe signs outgoing requests, verifies incoming responses and webhooks, and lets
//! the sandbox verify and sign as the gateway does.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A named signature recipe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipe {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// What the gateway signs and how, in words: the reference a reader checks the steps against.
    pub description: Option<String>,
    /// How a received value is compared with the computed one (always in constant time).
    #[serde(default)]
    pub compare: Compare,
    /// The result shows a secret credential on purpose, readable by anyone who sees the
    /// message (HTTP Basic auth is the password in Base64). Without it, `payout lint` warns
    /// wherever the result is sent, as it does for a secret written into a header; say in
    /// `description` why the gateway wants it so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reveals_secret: bool,
    /// The steps, run in order; each one's output is the next one's input.
    pub steps: Vec<Step>,
}

/// How a received signature is compared with the expected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Compare {
    #[default]
    Exact,
    /// ASCII case is ignored (hex digests that gateways send in either case).
    CaseInsensitive,
}

/// One step of a recipe. Written as a one-key mapping: `- hash: md5`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Start from part of the message: `input: body_bytes`, `input: { header: Date }`.
    Input(Input),
    /// A minijinja template; `{{ input }}` is the previous step's output as text, and
    /// `credentials`, `body`, `params`, `method`, `path`, `url`, `timestamp`, `nonce` are
    /// available. Undefined names are errors.
    Template(String),
    /// A plain digest of the input.
    Hash(HashAlg),
    /// An HMAC of the input.
    Hmac(Hmac),
    /// An RSA PKCS#1 v1.5 signature of the input (raw bytes; follow with `encode`).
    RsaSign(RsaSign),
    /// RSA encryption of the input with a public key (raw bytes; follow with `encode`).
    /// Randomized: the same input encrypts differently every time, so a received value is
    /// checked by decrypting it with the matching private key.
    RsaEncrypt(RsaEncrypt),
    /// A JWS in compact serialisation (RFC 7515) of the input as payload: text
    /// `header.payload.signature`. A received token is checked against this side's payload
    /// with the header it carries (which must name the same `alg`).
    JwsSign(JwsSign),
    /// An Ed25519 signature (RFC 8032) of the input: 64 raw bytes (follow with `encode`).
    /// A received one is checked with the public key.
    Ed25519Sign(Ed25519Sign),
    /// AES-256-CBC encryption of the input (raw bytes laid out as `layout` says).
    AesEncrypt(Aes),
    /// AES-256-CBC decryption of the input (the reverse of `aes_encrypt`).
    AesDecrypt(Aes),
    /// Bytes to text.
    Encode(Encoding),
    /// Text to bytes.
    Decode(Encoding),
}

impl Step {
    /// The step's name as written in YAML, for messages and `--explain`.
    pub fn name(&self) -> &'static str {
        match self {
            Step::Input(_) => "input",
            Step::Template(_) => "template",
            Step::Hash(_) => "hash",
            Step::Hmac(_) => "hmac",
            Step::RsaSign(_) => "rsa_sign",
            Step::RsaEncrypt(_) => "rsa_encrypt",
            Step::JwsSign(_) => "jws_sign",
            Step::Ed25519Sign(_) => "ed25519_sign",
            Step::AesEncrypt(_) => "aes_encrypt",
            Step::AesDecrypt(_) => "aes_decrypt",
            Step::Encode(_) => "encode",
            Step::Decode(_) => "decode",
        }
    }

    /// Whether this step turns a readable string into something that no longer shows it
    /// (the string-to-sign is what goes into the first such step).
    pub fn is_cryptographic(&self) -> bool {
        matches!(
            self,
            Step::Hash(_)
                | Step::Hmac(_)
                | Step::RsaSign(_)
                | Step::RsaEncrypt(_)
                | Step::JwsSign(_)
                | Step::Ed25519Sign(_)
                | Step::AesEncrypt(_)
        )
    }
}

/// Where a recipe's bytes come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    /// The exact bytes of the body as sent (or as received).
    BodyBytes,
    /// The request path with parameters filled in (`/v1/orders/ORD1`), without the query.
    Path,
    /// The full URL: base URL, path and query string.
    Url,
    /// The HTTP method in upper case.
    Method,
    /// The value of a header of the message.
    Header(String),
    /// Body fields as `k=v` pairs sorted by ASCII key and joined (`a=1&b=2`).
    Canonical(Canonical),
    /// Body fields form-encoded in body order (`a=1&b=x%20y`), RFC 3986 percent-encoding.
    Form,
}

/// Options of the canonical `k=v&k=v` string.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Canonical {
    /// Top-level keys left out (typically the signature field itself).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Leave out keys whose value is null.
    #[serde(default = "yes")]
    pub skip_null: bool,
    /// Leave out keys whose value is an empty or all-blank string.
    #[serde(default = "yes")]
    pub skip_blank: bool,
    /// Sort keys by their bytes (ASCII order; `B` before `a`). When false, body order.
    #[serde(default = "yes")]
    pub sort: bool,
    /// Between pairs.
    #[serde(default = "amp")]
    pub separator: String,
    /// Between a key and its value.
    #[serde(default = "eq")]
    pub pair: String,
    /// Percent-encode keys and values (RFC 3986 unreserved characters kept).
    #[serde(default)]
    pub percent_encode: bool,
}

fn yes() -> bool {
    true
}
fn amp() -> String {
    "&".into()
}
fn eq() -> String {
    "=".into()
}

impl Default for Canonical {
    fn default() -> Self {
        Canonical {
            exclude: Vec::new(),
            skip_null: true,
            skip_blank: true,
            sort: true,
            separator: amp(),
            pair: eq(),
            percent_encode: false,
        }
    }
}

/// Digest algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HashAlg {
    Md5,
    Sha1,
    Sha256,
    Sha512,
    /// CRC-32 (IEEE 802.3, as zlib and PHP's `crc32` compute it): a checksum, not a
    /// cryptographic hash; 4 bytes, big-endian (follow with `encode: decimal` for the
    /// unsigned number, or `hex`).
    Crc32,
}

/// HMAC algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HmacAlg {
    Sha1,
    Sha256,
    Sha512,
}

/// An HMAC step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hmac {
    pub alg: HmacAlg,
    /// The key, as a template (`"{{ credentials.secret }}"`).
    pub key: String,
    /// When the key text is itself encoded (a hex or Base64 key), decode it first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_encoding: Option<Encoding>,
}

/// Digests for RSA PKCS#1 v1.5 signatures (`SHA1withRSA`, `SHA256withRSA`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RsaHash {
    Sha1,
    Sha256,
}

/// An RSA signature step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RsaSign {
    pub hash: RsaHash,
    /// Credential holding the private key that signs (an `rsa_private_key`).
    pub key: String,
    /// Credential holding the public key that verifies what the gateway signed with its own
    /// key (an `rsa_public_key`), for responses and webhooks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify_key: Option<String>,
}

/// RSA encryption paddings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RsaPadding {
    /// RSAES-OAEP with SHA-1 and MGF1-SHA-1 (Java's `RSA/ECB/OAEPWithSHA-1AndMGF1Padding`).
    OaepSha1,
    /// RSAES-OAEP with SHA-256 and MGF1-SHA-256.
    OaepSha256,
    /// RSAES-PKCS1-v1_5 (Java's `RSA/ECB/PKCS1Padding`).
    Pkcs1v15,
}

/// An RSA encryption step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RsaEncrypt {
    pub padding: RsaPadding,
    /// Credential holding the public key that encrypts (an `rsa_public_key`, typically the
    /// gateway's). The sandbox, playing the gateway, decrypts with its private half.
    pub key: String,
}

/// An Ed25519 signature step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ed25519Sign {
    /// Credential holding the merchant's private key that signs (an `ed25519_private_key`).
    /// May be left out when the recipe only verifies what the gateway signs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Credential holding the gateway's public key (an `ed25519_public_key`) that verifies
    /// what the gateway signs: webhooks, responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify_key: Option<String>,
}

/// JWS algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum JwsAlg {
    /// HMAC-SHA256 with a shared `secret`.
    Hs256,
    /// RSASSA-PKCS1-v1_5 with SHA-256, with the RSA credential `key`.
    Rs256,
    /// ECDSA on P-256 with SHA-256, with the `p256_private_key` credential `key`; the
    /// signature is the 64-byte `r || s` (RFC 7518 §3.4), not DER.
    Es256,
}

/// A JWS signing step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JwsSign {
    pub alg: JwsAlg,
    /// HS256: the shared secret, as a template (`"{{ credentials.jwt_secret }}"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// RS256 / ES256: the credential holding the private key that signs (`rsa_private_key`,
    /// `p256_private_key`). May be left out when the step only verifies what the gateway signs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// RS256 / ES256: the credential holding the gateway's public key (`rsa_public_key`,
    /// `p256_public_key`), for tokens it signs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify_key: Option<String>,
    /// The header's `typ` (`JWT`); left out when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typ: Option<String>,
    /// More protected header members, in order after `alg` and `typ` (`kid: key-1`).
    #[serde(default, skip_serializing_if = "indexmap::IndexMap::is_empty")]
    pub header: indexmap::IndexMap<String, String>,
    /// Leave the payload out of the token (`header..signature`, RFC 7515 appendix F): it
    /// travels as the body.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub detached: bool,
}

/// How the AES key is made from the key text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KeyDerivation {
    /// The raw SHA-256 digest of the key text (32 bytes).
    #[default]
    Sha256,
    /// The key text itself; must be exactly 32 bytes.
    Raw,
    /// The key text padded with zero bytes (or cut) to 32 bytes, as OpenSSL and PHP treat a
    /// short password given as the key.
    ZeroPad,
}

/// Where the initialisation vector comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Iv {
    /// 16 fresh random bytes per message; verification decrypts instead of re-encrypting.
    Random,
    /// 16 zero bytes.
    Zero,
    /// A fixed IV, 32 hex digits.
    Fixed(String),
}

/// A part of the AES output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AesPart {
    Iv,
    Mac,
    Ciphertext,
}

/// MAC algorithms for encrypt-then-MAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MacAlg {
    HmacSha256,
}

/// Encrypt-then-MAC: a MAC over parts of the output, keyed with the AES key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AesMac {
    pub alg: MacAlg,
    /// The parts the MAC covers, concatenated in this order.
    #[serde(default = "ct_then_iv")]
    pub over: Vec<AesPart>,
}

fn ct_then_iv() -> Vec<AesPart> {
    vec![AesPart::Ciphertext, AesPart::Iv]
}

/// An AES-256-CBC step (PKCS#7 padding).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Aes {
    /// The key text, as a template (`"{{ credentials.secret_key }}"`).
    pub key: String,
    #[serde(default)]
    /// How the key credential becomes a 32-byte AES key: `sha256` of it, `raw` (exactly 32 bytes), or `zero_pad` (PHP openssl_encrypt with a password: padded or cut to 32 bytes).
    pub key_derivation: KeyDerivation,
    pub iv: Iv,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Encrypt-then-MAC: an HMAC over the ciphertext (or IV and ciphertext) appended to it.
    pub mac: Option<AesMac>,
    /// How the output bytes are laid out; default `[iv, mac, ciphertext]` (without `mac`
    /// when there is none). A layout without `iv` sends the ciphertext alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<Vec<AesPart>>,
}

impl Aes {
    /// The layout in effect.
    pub fn layout(&self) -> Vec<AesPart> {
        match &self.layout {
            Some(l) => l.clone(),
            None if self.mac.is_some() => vec![AesPart::Iv, AesPart::Mac, AesPart::Ciphertext],
            None => vec![AesPart::Iv, AesPart::Ciphertext],
        }
    }
}

/// Byte ↔ text encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// Lowercase hex.
    Hex,
    /// Uppercase hex.
    HexUpper,
    /// Standard Base64 with padding.
    Base64,
    /// URL-safe Base64 with padding.
    Base64url,
    /// URL-safe Base64 without padding.
    Base64urlNopad,
    /// The bytes read as one unsigned big-endian number, in decimal (a CRC-32 as
    /// `222957957`, a digest as a long number). Decoding gives the shortest bytes.
    Decimal,
}

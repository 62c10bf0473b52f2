//! A careful Cashy client written by hand, for one gateway only: the baseline the engine's
//! typed client is measured against (`benches/typed.rs`, `benches/loopback.rs`,
//! `examples/ops.rs`). It does every job the engine does for Cashy, or the comparison
//! would flatter the engine's rival:
//!
//! - a create request validates every limit of the spec (lengths in characters, the amount's
//!   range and its two decimals, the currency list), escapes every string as JSON, writes
//!   the amount rescaled to two decimals, and signs MD5(body ‖ key) in upper-case hex;
//! - a webhook is bounded, its merchant checked, its signature compared in constant time
//!   (without regard to case, as the spec says), then its whole body read: every field,
//!   amounts as exact decimals, the status mapped to the unified one with its reason;
//! - an answer is read whole: the success code, the error code and message, every field of
//!   `data`, the status mapped;
//! - it sends as a careful client sends a payout: a fresh random nonce for every request,
//!   and an HTTP client with a time limit on every call (one that hangs holds a payout in
//!   doubt forever) that does not follow redirects (a redirected POST loses its body);
//! - it names itself in a `User-Agent`, as the engine does (gateways' firewalls refuse
//!   requests without one), so a server reads the same headers from both;
//! - it reads an answer's body within a bound as it arrives (`read_body`), as the engine
//!   does, never holding more than `MAX_BODY` of an answer.

#![allow(dead_code)] // Each target that includes this file uses part of it.

use md5::{Digest, Md5};
use payout::runtime::{Decimal, PayoutStatus};
use serde::Deserialize;
use serde_json::value::RawValue;
use subtle::ConstantTimeEq;

pub const MERCHANT_ID: &str = "1002001";
pub const API_KEY: &str = "test-api-key-cashy";
/// The largest answer or webhook body read, as the engine's default `max_body_bytes`.
pub const MAX_BODY: usize = 1 << 20;

/// A create, as the caller gives it.
#[derive(Debug, Clone)]
pub struct Create<'a> {
    pub amount: Decimal,
    pub bank_id: i64,
    pub id_type: &'a str,
    pub account_name: &'a str,
    pub mch_order_no: &'a str,
    pub id_card: &'a str,
    pub account_no: &'a str,
    pub account_type: i64,
    pub notify_url: &'a str,
    pub remark: &'a str,
    pub nonce_str: &'a str,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
}

/// A signed request, ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

/// Every problem of a create, as the engine reports them: all at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub Vec<String>);

fn length(problems: &mut Vec<String>, field: &str, value: &str, min: usize, max: usize) {
    let n = value.chars().count();
    if n < min || n > max {
        problems.push(format!(
            "`{field}` must be {min} to {max} characters, not {n}"
        ));
    }
}

/// A JSON string, escaped.
fn string(out: &mut Vec<u8>, value: &str) {
    // Writing to a Vec cannot fail; a str always serialises.
    let _ = serde_json::to_writer(&mut *out, value);
}

fn key(out: &mut Vec<u8>, name: &str) {
    out.push(b',');
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\":");
}

/// Validates, writes and signs a create.
pub fn create_request(base_url: &str, c: &Create<'_>) -> Result<Request, Invalid> {
    let mut problems = Vec::new();
    let min = Decimal::new(10_000, 0);
    let max = Decimal::new(5_000_000, 0);
    if c.amount < min || c.amount > max {
        problems.push(format!(
            "`amount` must be 10000 to 5000000, not {}",
            c.amount
        ));
    }
    let mut amount = c.amount.normalize();
    if amount.scale() > 2 {
        problems.push(format!("`amount` has more than 2 decimals: {}", c.amount));
    }
    amount.rescale(2);
    length(&mut problems, "idType", c.id_type, 0, 32);
    length(&mut problems, "accountName", c.account_name, 1, 32);
    length(&mut problems, "mchOrderNo", c.mch_order_no, 1, 32);
    length(&mut problems, "idCard", c.id_card, 0, 32);
    length(&mut problems, "accountNo", c.account_no, 1, 32);
    length(&mut problems, "notifyUrl", c.notify_url, 0, 250);
    length(&mut problems, "remark", c.remark, 0, 32);
    length(&mut problems, "nonceStr", c.nonce_str, 0, 32);
    if let Some(p) = c.phone {
        length(&mut problems, "phone", p, 0, 32);
    }
    if let Some(e) = c.email {
        length(&mut problems, "email", e, 0, 32);
    }
    if !problems.is_empty() {
        return Err(Invalid(problems));
    }

    let mut body = Vec::with_capacity(384);
    body.extend_from_slice(b"{\"amount\":");
    body.extend_from_slice(amount.to_string().as_bytes());
    key(&mut body, "bankId");
    body.extend_from_slice(c.bank_id.to_string().as_bytes());
    for (name, value) in [
        ("idType", c.id_type),
        ("accountName", c.account_name),
        ("mchOrderNo", c.mch_order_no),
        ("idCard", c.id_card),
        ("accountNo", c.account_no),
    ] {
        key(&mut body, name);
        string(&mut body, value);
    }
    // The spec sends the account type as a JSON string.
    key(&mut body, "accountType");
    string(&mut body, &c.account_type.to_string());
    key(&mut body, "notifyUrl");
    string(&mut body, c.notify_url);
    key(&mut body, "currency");
    string(&mut body, "COP");
    key(&mut body, "remark");
    string(&mut body, c.remark);
    key(&mut body, "nonceStr");
    string(&mut body, c.nonce_str);
    for (name, value) in [("phone", c.phone), ("email", c.email)] {
        if let Some(v) = value {
            key(&mut body, name);
            string(&mut body, v);
        }
    }
    body.push(b'}');

    let sign = sign(&body);
    Ok(Request {
        url: format!("{base_url}/api/payOut"),
        headers: vec![
            ("Content-Type", "application/json".to_string()),
            ("MerchantId", MERCHANT_ID.to_string()),
            ("Sign", sign),
        ],
        body,
    })
}

/// The HTTP client a careful payout client sends with: a connect timeout and a time limit
/// on each whole call (the engine's defaults: 5 s and 30 s), no redirects, and a
/// `User-Agent`.
pub fn http_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .connect_timeout(std::time::Duration::from_secs(5))
        .timeout(std::time::Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("cashy-by-hand/1.0")
        .build()
}

/// An answer's body, read as it arrives and refused once it passes `MAX_BODY` (a declared
/// length past it is refused before reading): a gateway's answer is never held unbounded.
pub async fn read_body(mut response: reqwest::Response) -> Result<Vec<u8>, String> {
    let too_large = || format!("the answer is larger than {MAX_BODY} bytes");
    if response
        .content_length()
        .is_some_and(|n| n > MAX_BODY as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| format!("reading the answer: {e}"))?
    {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// A fresh `nonceStr`: ten digits from the operating system's generator (a nonce must not
/// repeat), each equally likely (a byte of 250 or more is drawn again), as the engine
/// draws the spec's `nonce: { charset: digits, length: 10 }`.
pub fn nonce() -> Result<String, String> {
    let mut out = String::with_capacity(10);
    let mut bytes = [0u8; 16];
    while out.len() < 10 {
        getrandom::getrandom(&mut bytes).map_err(|e| format!("no randomness: {e}"))?;
        for &b in &bytes {
            if b < 250 && out.len() < 10 {
                out.push(char::from(b'0' + b % 10));
            }
        }
    }
    Ok(out)
}

/// MD5(body ‖ key), upper-case hex.
pub fn sign(body: &[u8]) -> String {
    let mut h = Md5::new();
    h.update(body);
    h.update(API_KEY.as_bytes());
    hex::encode_upper(h.finalize())
}

/// The unified status of a Cashy status and reason (the spec's `statuses`).
pub fn unified(status: &str, reason: Option<&str>) -> Option<PayoutStatus> {
    Some(match status {
        "WAITING" => PayoutStatus::Pending,
        "PROCESSING" | "PAYING" => PayoutStatus::Processing,
        "SUCCESS" => PayoutStatus::Succeeded,
        "FAIL" if reason == Some("PAYMENT_OFFSET") => PayoutStatus::Reversed,
        "FAIL" => PayoutStatus::Failed,
        "CANCEL" => PayoutStatus::Cancelled,
        _ => return None,
    })
}

/// An exact decimal from a JSON number or string, as sent.
fn decimal(raw: Option<&RawValue>) -> Result<Option<Decimal>, String> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    let text = raw.get().trim_matches('"');
    if text == "null" {
        return Ok(None);
    }
    Decimal::from_str_exact(text)
        .map(Some)
        .map_err(|e| format!("`{text}` is not a decimal: {e}"))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawWebhook<'a> {
    #[serde(borrow)]
    amount: Option<&'a RawValue>,
    completion_time: Option<String>,
    #[serde(borrow)]
    fee: Option<&'a RawValue>,
    mch_order_no: Option<String>,
    /// The merchant as the body names it (Cashy's samples name another than the header).
    merchant_id: Option<String>,
    nonce_str: Option<String>,
    order_no: Option<String>,
    channel_order_no: Option<String>,
    order_status: Option<String>,
    result_desc: Option<String>,
    pay_type: Option<String>,
}

/// A verified webhook, read whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    pub status: Option<PayoutStatus>,
    pub provider_status: Option<String>,
    pub merchant_ref: Option<String>,
    pub provider_ref: Option<String>,
    pub amount: Option<Decimal>,
    pub fee: Option<Decimal>,
    pub utr: Option<String>,
    pub failure_reason: Option<String>,
    pub completed_at: Option<String>,
    pub nonce: Option<String>,
    pub pay_type: Option<String>,
    pub merchant_id: Option<String>,
    /// What to answer Cashy.
    pub ack: (u16, &'static str),
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Verifies, then reads, a webhook.
pub fn webhook(headers: &[(String, String)], body: &[u8]) -> Result<Webhook, String> {
    if body.len() > MAX_BODY {
        return Err(format!("the body ({} bytes) is too large", body.len()));
    }
    if header(headers, "MerchantId") != Some(MERCHANT_ID) {
        return Err("the webhook names another merchant".into());
    }
    let given = header(headers, "Sign").ok_or("no `Sign` header")?;
    let expected = sign(body);
    // Without regard to case, in constant time: the given signature upper-cased first.
    let given = given.to_ascii_uppercase();
    if given.len() != expected.len() || !bool::from(given.as_bytes().ct_eq(expected.as_bytes())) {
        return Err("bad signature".into());
    }
    let raw: RawWebhook<'_> =
        serde_json::from_slice(body).map_err(|e| format!("the body is not Cashy's JSON: {e}"))?;
    let status = raw
        .order_status
        .as_deref()
        .and_then(|s| unified(s, raw.result_desc.as_deref()));
    Ok(Webhook {
        status,
        provider_status: raw.order_status,
        merchant_ref: raw.mch_order_no,
        provider_ref: raw.order_no,
        amount: decimal(raw.amount)?,
        fee: decimal(raw.fee)?,
        utr: raw.channel_order_no,
        failure_reason: raw.result_desc,
        completed_at: raw.completion_time,
        nonce: raw.nonce_str,
        pay_type: raw.pay_type,
        merchant_id: raw.merchant_id,
        ack: (200, "{\"status\":\"SUCCESS\"}"),
    })
}

#[derive(Deserialize)]
struct RawAnswer<'a> {
    code: Option<i64>,
    msg: Option<String>,
    #[serde(borrow)]
    data: Option<RawData<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawData<'a> {
    merchant_id: Option<String>,
    mch_order_no: Option<String>,
    order_no: Option<String>,
    #[serde(borrow)]
    amount: Option<&'a RawValue>,
    #[serde(borrow)]
    fee: Option<&'a RawValue>,
    order_status: Option<String>,
}

/// A create's answer, read whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub status: Option<PayoutStatus>,
    pub provider_status: Option<String>,
    pub merchant_ref: Option<String>,
    pub provider_ref: Option<String>,
    pub amount: Option<Decimal>,
    pub fee: Option<Decimal>,
    pub merchant_id: Option<String>,
}

/// Reads a create's answer: success is `code == 200`; anything else is the gateway's error.
pub fn answer(http_status: u16, body: &[u8]) -> Result<Answer, String> {
    if http_status >= 500 {
        return Err(format!("HTTP {http_status}: the payout may exist"));
    }
    if body.len() > MAX_BODY {
        return Err(format!("the answer ({} bytes) is too large", body.len()));
    }
    let raw: RawAnswer<'_> =
        serde_json::from_slice(body).map_err(|e| format!("the answer is not Cashy's JSON: {e}"))?;
    if raw.code != Some(200) {
        return Err(format!(
            "refused: code {:?}, {}",
            raw.code,
            raw.msg.unwrap_or_default()
        ));
    }
    let data = raw.data.ok_or("a success without `data`")?;
    Ok(Answer {
        status: data.order_status.as_deref().and_then(|s| unified(s, None)),
        provider_status: data.order_status,
        merchant_ref: data.mch_order_no,
        provider_ref: data.order_no,
        amount: decimal(data.amount)?,
        fee: decimal(data.fee)?,
        merchant_id: data.merchant_id,
    })
}

//! Reading an operation's response: HTTP status, success predicate, error codes, response
//! signatures, and the unified values it carries.

use payout_spec::{Json, OperationRole};

use crate::compiled::CompiledSpec;
use crate::context::{self, Message};
use crate::credentials::Credentials;
use crate::error::{ErrorKind, PayoutError};
use crate::extract::{self, Extracted};
use crate::signing::Signer;
use crate::source::Entropy;
use crate::verify::{self, Carrier};

/// A response as it arrived.
#[derive(Debug, Clone)]
pub struct Received<'a> {
    pub http_status: u16,
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

/// A successful response, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub extracted: Extracted,
    /// The gateway's JSON, numbers as sent.
    pub response: Json,
    pub http_status: u16,
    /// How many signatures on the response were verified.
    pub verified_signatures: usize,
}

/// Reads the response to `request` (the message as it was signed and sent).
pub fn read(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    op_name: &str,
    request: &Message,
    got: &Received,
) -> Result<Outcome, PayoutError> {
    let s = spec.spec();
    let op = s.operations.get(op_name).ok_or_else(|| {
        PayoutError::new(ErrorKind::Unsupported, format!("no operation `{op_name}`"))
    })?;
    // Whether a failure here can leave a payout behind: only for a create.
    let create = op.role == OperationRole::Create;
    let fail = |kind: ErrorKind, message: String| {
        let mut e = PayoutError::new(kind, message).may_exist(create);
        e.http_status = Some(got.http_status);
        e
    };

    if got.http_status >= 500 {
        let kind = if create {
            ErrorKind::Ambiguous
        } else {
            ErrorKind::Rejected
        };
        return Err(fail(
            kind,
            format!("the gateway answered HTTP {}", got.http_status),
        ));
    }
    let text = String::from_utf8_lossy(got.body);
    let json = match Json::parse(&text) {
        Ok(j) => j,
        Err(e) => {
            let kind = if (400..500).contains(&got.http_status) {
                http_kind(got.http_status)
            } else {
                ErrorKind::MalformedResponse
            };
            let mut err = fail(
                kind,
                format!("the response is not JSON ({e}): {}", preview(&text)),
            );
            err.may_exist = create && kind == ErrorKind::MalformedResponse;
            return Err(err);
        }
    };

    if !succeeded(spec, op_name, &json, got.http_status) {
        return Err(classify(s, op, &json, got.http_status, create));
    }

    // A success whose signature does not verify is not trusted: for a create, the
    // payout may still exist.
    let mut msg = request.clone();
    msg.headers = got.headers.to_vec();
    msg.body_bytes = Some(got.body.to_vec());
    msg.body = json.as_object().cloned().unwrap_or_default();
    msg.signatures.clear();
    let base = format!("operations.{op_name}.response");
    let mut carriers: Vec<Carrier> = op
        .response
        .headers
        .keys()
        .map(|h| Carrier {
            path: format!("{base}.headers.{h}"),
            what: format!("header `{h}`"),
            received: got
                .headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(h))
                .map(|(_, v)| v.clone()),
        })
        .collect();
    if let Some(body) = &op.response.body {
        carriers.extend(field_carriers(
            &body.fields,
            &format!("{base}.body.fields"),
            &json,
        ));
    }
    let verified =
        verify::verify(spec, creds, entropy, &msg, &carriers, Signer::Gateway).map_err(|m| {
            fail(
                ErrorKind::BadSignature,
                format!("the response signature does not verify: {m}"),
            )
        })?;

    let fields = op
        .response
        .body
        .as_ref()
        .map(|b| b.fields.clone())
        .unwrap_or_default();
    let extracted =
        extract::extract(s, &fields, &json).map_err(|m| fail(ErrorKind::MalformedResponse, m))?;
    Ok(Outcome {
        extracted,
        response: json,
        http_status: got.http_status,
        verified_signatures: verified,
    })
}

/// Top-level body fields whose value is a template that uses a signature.
pub(crate) fn field_carriers(
    fields: &indexmap::IndexMap<String, payout_spec::Field>,
    base: &str,
    json: &Json,
) -> Vec<Carrier> {
    fields
        .iter()
        .filter(|(_, f)| f.value.is_some())
        .map(|(name, _)| Carrier {
            path: format!("{base}.{name}.value"),
            what: format!("field `{name}`"),
            received: json.get_path(name).and_then(Json::scalar_text),
        })
        .collect()
}

/// Evaluates the success predicate; one that cannot be evaluated is not a success.
fn succeeded(spec: &CompiledSpec, op_name: &str, json: &Json, http_status: u16) -> bool {
    if !(200..300).contains(&http_status) {
        return false;
    }
    let path = format!("operations.{op_name}.response.success");
    if !spec.has(&path) {
        return true;
    }
    let mut pairs: Vec<(String, minijinja::Value)> = json
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), context::to_value(v)))
                .collect()
        })
        .unwrap_or_default();
    pairs.push(("http_status".into(), minijinja::Value::from(http_status)));
    let ctx: minijinja::Value = pairs.into_iter().collect();
    matches!(spec.render(&path, &ctx).as_deref(), Ok("true"))
}

/// The error a failed response stands for, by the spec's codes, then the HTTP status.
fn classify(
    s: &payout_spec::Spec,
    op: &payout_spec::Operation,
    json: &Json,
    http_status: u16,
    create: bool,
) -> PayoutError {
    let paths = op.response.error.clone().unwrap_or_default();
    let read = |p: &Option<String>| {
        p.as_deref()
            .and_then(|p| json.get_path(p))
            .and_then(Json::scalar_text)
    };
    let code = read(&paths.code);
    let message = read(&paths.message);
    let kind = code
        .as_deref()
        .and_then(|c| op.response.codes.get(c).or_else(|| s.error_codes.get(c)))
        .map(|k| ErrorKind::from_spec(*k))
        .unwrap_or_else(|| {
            if (400..500).contains(&http_status) {
                http_kind(http_status)
            } else {
                ErrorKind::Rejected
            }
        });
    let text = match (&code, &message) {
        (Some(c), Some(m)) => format!("{} refused the request: {m} (code {c})", s.provider.id),
        (Some(c), None) => format!("{} refused the request (code {c})", s.provider.id),
        (None, Some(m)) => format!("{} refused the request: {m}", s.provider.id),
        (None, None) => format!(
            "{} refused the request: {}",
            s.provider.id,
            preview(&json.to_compact(false))
        ),
    };
    let mut e = PayoutError::new(kind, text)
        .may_exist(create && matches!(kind, ErrorKind::Ambiguous | ErrorKind::Duplicate));
    e.provider_code = code;
    e.provider_message = message;
    e.http_status = Some(http_status);
    e
}

fn http_kind(status: u16) -> ErrorKind {
    match status {
        401 | 403 => ErrorKind::Unauthorized,
        404 => ErrorKind::NotFound,
        409 => ErrorKind::Duplicate,
        429 => ErrorKind::RateLimited,
        _ => ErrorKind::InvalidRequest,
    }
}

/// The start of a body, for messages.
pub(crate) fn preview(text: &str) -> String {
    let t: String = text.chars().take(200).collect();
    if t.len() < text.len() {
        format!("{t}…")
    } else {
        t
    }
}

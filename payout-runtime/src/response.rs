//! Reading an operation's response: HTTP status, success predicate, error codes, response
//! signatures, and the unified values it carries.

use std::borrow::Cow;

use payout_spec::json::JsonError;
use payout_spec::{Json, JsonBody, JsonMap, JsonRef, OperationRole};

use crate::compiled::CompiledSpec;
use crate::context::Message;
use crate::credentials::Credentials;
use crate::error::{ErrorKind, PayoutError};
use crate::extract::{self, Extracted};
use crate::signing::Signer;
use crate::source::Entropy;
use crate::verify;

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
    /// The gateway's JSON, numbers as sent (its tree read when first looked at).
    pub response: JsonBody,
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
    read_viewed(spec, creds, entropy, op_name, request, got).map(|(outcome, _)| outcome)
}

/// [`read`], with the body lent as read: a generated client types the answer from the
/// same reading, while its bytes are at hand.
pub fn read_viewed<'r>(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    op_name: &str,
    request: &Message,
    got: &Received<'r>,
) -> Result<(Outcome, JsonRef<'r>), PayoutError> {
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
    let text = text_of(got.body);
    // Read borrowed: the unified values come from it, and the tree is built only where a
    // template, a signature or a refusal needs it.
    let fields = match read_borrowed(&text) {
        Ok(j) => j,
        Err(e) => {
            // Not JSON (an HTML error page, an empty body, a cut answer): whoever sent it,
            // it is not the gateway's word on the payout.
            let kind = if create {
                ErrorKind::MalformedResponse
            } else {
                unrecognised_kind(got.http_status)
            };
            let err = fail(
                kind,
                format!(
                    "the answer (HTTP {}) cannot be read as JSON ({e}), so it is not the gateway's own word: {}",
                    got.http_status,
                    preview(&text)
                ),
            )
            .caused_by(e);
            return Err(err);
        }
    };
    let mut body = JsonBody::from_text(&*text);

    let Some(plan) = spec.received().answers.get(op_name) else {
        return Err(fail(
            ErrorKind::Unsupported,
            format!("no operation `{op_name}`"),
        ));
    };
    if !succeeded(spec, plan, &fields, &body, got.http_status) {
        let refusal = classify(s, op, body.json(), got.http_status, create);
        return Err(trust_refusal(
            spec, creds, entropy, plan, op, request, got, refusal,
        ));
    }

    // A success whose signature does not verify is not trusted: for a create, the
    // payout may still exist. A response nothing signs is not made into a message at all.
    let mut verified = verify::Verified::default();
    if plan.signed {
        let mut msg = answer_message(request, got, plan.reads);
        // The parsed fields are lent to the message for the check, then taken back.
        let (text, mut json) = body.into_parts();
        if let Json::Object(fields) = &mut json {
            msg.body = std::mem::take(fields);
        }
        let carriers = plan.carriers(got.headers, Some(&msg.body));
        let checked = verify::verify(
            spec,
            creds,
            entropy,
            &mut msg,
            Some(got.body),
            &carriers,
            Signer::Gateway,
        );
        drop(carriers);
        if let Json::Object(fields) = &mut json {
            *fields = std::mem::take(&mut msg.body);
        }
        body = JsonBody::from_parts(text, json);
        verified = checked.map_err(|m| {
            fail(
                ErrorKind::BadSignature,
                format!("the response signature does not verify: {m}"),
            )
        })?;
    }

    let mut extracted = extract::read(s, &plan.roles, &fields)
        .map_err(|m| fail(ErrorKind::MalformedResponse, m))?;
    extract::leave_out(&mut extracted, &plan.unsigned);
    let outcome = Outcome {
        extracted,
        response: body,
        verified_signatures: verified.signatures,
    };
    Ok((outcome, fields))
}

/// A received body as text: borrowed when it is UTF-8 (checked by `str::from_utf8`, whose
/// ASCII fast path reads words at a time, where `String::from_utf8_lossy` goes byte by
/// byte), else with U+FFFD for what is not.
pub fn text_of(body: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(body) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(body),
    }
}

/// A received body's text (from [`text_of`]) read borrowed: lent by the body's bytes when
/// they were UTF-8, owned when the text had to be made with U+FFFD.
pub(crate) fn read_borrowed<'b>(text: &Cow<'b, str>) -> Result<JsonRef<'b>, JsonError> {
    match text {
        Cow::Borrowed(t) => JsonRef::parse(t),
        Cow::Owned(t) => JsonRef::parse(t).map(JsonRef::into_owned),
    }
}

/// The response as templates see it: the request's method, URL, parameters, timestamp and
/// nonce (a response signature may cover them), with the response's headers and bytes where
/// a recipe reads them. Its body fields are lent by the caller.
fn answer_message(request: &Message, got: &Received, reads: crate::received::Reads) -> Message {
    Message {
        method: request.method.clone(),
        path: request.path.clone(),
        url: request.url.clone(),
        params: request.params.clone(),
        query: request.query.clone(),
        timestamp: request.timestamp.clone(),
        nonce: request.nonce.clone(),
        headers: if reads.headers {
            got.headers.to_vec()
        } else {
            Vec::new()
        },
        // Lent to the check instead (`verify::verify`'s `body`).
        body_bytes: None,
        body: JsonMap::default(),
        signatures: Default::default(),
        obtained: request.obtained.clone(),
        challenge: request.challenge.clone(),
    }
}

/// A refusal of a create says no payout was made, and a caller may then send the payout
/// again under a new reference. Where the gateway signs its responses in headers, a refusal
/// that does not carry a valid signature is not believed: it may be forged or mangled, so
/// the payout may exist. The error keeps the gateway's code and message for the record.
/// (Only headers are checked: an error body does not have the success body's fields.)
#[allow(clippy::too_many_arguments)]
fn trust_refusal(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    plan: &crate::received::MessagePlan,
    op: &payout_spec::Operation,
    request: &Message,
    got: &Received,
    refusal: PayoutError,
) -> PayoutError {
    if op.role != OperationRole::Create || refusal.may_exist || op.response.headers.is_empty() {
        return refusal;
    }
    let mut msg = answer_message(request, got, plan.reads);
    // Its headers only: an error body does not have the success body's fields.
    let carriers = plan.carriers(got.headers, None);
    match verify::verify(
        spec,
        creds,
        entropy,
        &mut msg,
        Some(got.body),
        &carriers,
        Signer::Gateway,
    ) {
        Ok(_) => refusal,
        Err(m) => {
            let mut e = PayoutError::new(
                ErrorKind::BadSignature,
                format!(
                    "{}; but the refusal's signature does not verify ({m}), so it cannot be \
                     trusted: the payout may exist",
                    refusal.message
                ),
            )
            .may_exist(true);
            e.provider_code = refusal.provider_code;
            e.provider_message = refusal.provider_message;
            e.http_status = refusal.http_status;
            e
        }
    }
}

/// Evaluates the success predicate; one that cannot be evaluated is not a success.
fn succeeded(
    spec: &CompiledSpec,
    plan: &crate::received::MessagePlan,
    fields: &JsonRef,
    body: &JsonBody,
    http_status: u16,
) -> bool {
    if !(200..300).contains(&http_status) {
        return false;
    }
    // By its handle, over only the answer fields it reads.
    let Some(id) = plan.success else {
        return true;
    };
    if let Some(decided) = plan.success_equals.as_ref().and_then(|e| e.decide(fields)) {
        return decided;
    }
    // Any other predicate is a template, over the tree.
    let status = [("http_status", minijinja::Value::from(http_status))];
    matches!(
        spec.render_over(id, body.json().as_object(), &status)
            .as_deref(),
        Ok("true")
    )
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
    // A path may name alternatives, `name|error`: gateways whose token endpoint answers in
    // OAuth2's envelope and everything else in their own. The first one present is read.
    let read = |p: &Option<String>| {
        p.as_deref().and_then(|p| {
            p.split('|')
                .find_map(|p| json.get_path(p.trim()).and_then(Json::scalar_text))
        })
    };
    let code = read(&paths.code);
    let message = read(&paths.message);
    let known = code
        .as_deref()
        .and_then(|c| op.response.codes.get(c).or_else(|| s.error_codes.get(c)))
        .copied();
    // The gateway's own answer: its error envelope (or no envelope declared) under a status
    // the spec says the gateway itself uses. Anything else may come from a hop in between.
    let envelope = match &op.response.error {
        Some(_) => code.is_some() || message.is_some(),
        None => json.as_object().is_some(),
    };
    let own_status = envelope && s.http_statuses.contains(&http_status);
    let kind = known.unwrap_or_else(|| {
        if own_status && (400..500).contains(&http_status) {
            http_kind(http_status)
        } else if create {
            // An answer the spec does not know (a new code, no code, not an object, a
            // status the gateway does not document): whether the payout was made cannot be
            // told, so it may exist.
            ErrorKind::Ambiguous
        } else {
            unrecognised_kind(http_status)
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
    let mut e = PayoutError::new(kind, text).may_exist(create && may_exist_after(kind));
    e.provider_code = code.map(String::into_boxed_str);
    e.provider_message = message.map(String::into_boxed_str);
    e.http_status = Some(http_status);
    e
}

/// Whether a failed create with this outcome may still have made the payout.
fn may_exist_after(kind: ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::Ambiguous | ErrorKind::Duplicate | ErrorKind::MalformedResponse
    )
}

/// What an answer the spec does not recognise as the gateway's means for a query: never
/// `not_found` (which reads as "safe to create again"), only that the query did not work.
fn unrecognised_kind(status: u16) -> ErrorKind {
    match status {
        429 => ErrorKind::RateLimited,
        _ => ErrorKind::Rejected,
    }
}

/// A 4xx status the spec says the gateway itself answers with, with its error envelope.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::OsEntropy;
    use indexmap::IndexMap;

    const SPEC: &str = r#"
spec_version: 1
provider: { id: t, name: T }
credentials: { key: {} }
money: { currency: INR, amount: { encoding: string, decimals: 2 } }
error_codes: { "E_BAL": insufficient_funds }
http_statuses: [400, 404, 409]
operations:
  create_payout:
    role: create
    method: POST
    path: /p
    headers: { X-Key: "{{ credentials.key }}" }
    body: { fields: { ref: { type: string, required: true, role: merchant_ref }, amount: { type: amount, required: true, role: amount } } }
    response:
      success: code == "OK"
      error: { code: code, message: message }
  query_payout:
    role: query
    method: GET
    path: /p/{ref}
    params: { ref: { type: string, required: true, role: merchant_ref } }
    response:
      success: code == "OK"
      error: { code: code, message: message }
"#;

    fn read_create(status: u16, body: &str) -> PayoutError {
        read_op("create_payout", status, body)
    }

    fn read_op(op: &str, status: u16, body: &str) -> PayoutError {
        let spec = CompiledSpec::from_str(SPEC, "t.yaml").unwrap();
        let mut v = IndexMap::new();
        v.insert("key".to_string(), "k".to_string());
        let creds = Credentials::new(spec.spec(), v).unwrap();
        let got = Received {
            http_status: status,
            headers: &[],
            body: body.as_bytes(),
        };
        read(&spec, &creds, &OsEntropy, op, &Message::default(), &got).unwrap_err()
    }

    /// Only an answer the spec explains says that no payout was made.
    #[test]
    fn what_a_failed_create_says_about_the_payout() {
        let known = read_create(200, r#"{"code":"E_BAL","message":"no money"}"#);
        assert_eq!(
            (known.kind, known.may_exist),
            (ErrorKind::InsufficientFunds, false)
        );
        for body in [
            r#"{"code":"E_NEW"}"#,
            r#"{"message":"?"}"#,
            "[1,2]",
            "<html>oops</html>",
        ] {
            let e = read_create(200, body);
            assert!(e.may_exist, "{body}: {e}");
            assert!(
                matches!(e.kind, ErrorKind::Ambiguous | ErrorKind::MalformedResponse),
                "{body}: {e}"
            );
        }
        // Bare statuses, without the gateway's envelope, may come from any hop in between.
        for (status, body) in [
            (409, "Conflict"),
            (400, "Bad Request"),
            (400, ""),
            (401, r#"{"error":"unauthorized"}"#),
            (302, ""),
        ] {
            let e = read_create(status, body);
            assert!(e.may_exist, "{status} {body}: {e}");
        }
        // The gateway's envelope under a status it documents is its word.
        let dup = read_create(409, r#"{"code":"E_DUP","message":"seen"}"#);
        assert_eq!((dup.kind, dup.may_exist), (ErrorKind::Duplicate, true));
        let bad = read_create(400, r#"{"code":"E_X","message":"bad"}"#);
        assert_eq!(
            (bad.kind, bad.may_exist),
            (ErrorKind::InvalidRequest, false)
        );
        // ... but not under a status it does not document.
        let e = read_create(403, r#"{"code":"E_X","message":"bad"}"#);
        assert_eq!((e.kind, e.may_exist), (ErrorKind::Ambiguous, true));
        let server = read_create(502, "Bad Gateway");
        assert_eq!(
            (server.kind, server.may_exist),
            (ErrorKind::Ambiguous, true)
        );
    }

    /// Issue 8, defect 3: a proxy's HTML 404 used to be a definite refusal of a create
    /// (`may_exist: false`) and a definite `not_found` to a query ("safe to create again").
    #[test]
    fn a_proxy_html_404_is_not_the_gateways_word() {
        let html = "<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>";
        let e = read_create(404, html);
        assert!(e.may_exist, "{e}");
        let e = read_op("query_payout", 404, html);
        assert_ne!(e.kind, ErrorKind::NotFound, "{e}");
        assert_eq!(e.http_status, Some(404));
        for (status, body) in [(404, ""), (404, "{}"), (404, "Not Found"), (301, "")] {
            let e = read_op("query_payout", status, body);
            assert_ne!(e.kind, ErrorKind::NotFound, "{status} {body:?}: {e}");
        }
        // The gateway's own 404, in its envelope, is a definite not_found.
        let e = read_op(
            "query_payout",
            404,
            r#"{"code":"E_NONE","message":"no such payout"}"#,
        );
        assert_eq!(e.kind, ErrorKind::NotFound, "{e}");
    }

    /// A `field == literal` predicate decided without the template engine answers as the
    /// template does, for values of every kind; what it leaves undecided the template says.
    #[test]
    fn a_field_equals_predicate_decides_as_the_template_does() {
        use crate::received::{FieldEquals, Literal};
        let values = [
            Json::Number("200".into()),
            Json::Number("201".into()),
            Json::Number("200.0".into()),
            Json::Number("-0".into()),
            Json::Number("0".into()),
            Json::String("200".into()),
            Json::String("OK".into()),
            Json::String("ok".into()),
            Json::String("payout".into()),
            Json::Bool(true),
            Json::Bool(false),
            Json::Null,
            Json::Array(vec![]),
            Json::Object(JsonMap::default()),
        ];
        let mut decided = 0;
        for (file, text) in [
            ("cashy", include_str!("../../specs/cashy.yaml")),
            ("eanishop", include_str!("../../specs/eanishop.yaml")),
            ("paystack", include_str!("../../specs/paystack.yaml")),
            ("stripe", include_str!("../../specs/stripe.yaml")),
        ] {
            let spec = CompiledSpec::from_str(text, file).unwrap();
            for (op, plan) in &spec.received().answers {
                let (Some(id), Some(eq)) = (plan.success, &plan.success_equals) else {
                    continue;
                };
                let mut cases: Vec<Option<JsonMap>> = vec![None];
                cases.push(Some(JsonMap::default()));
                for v in &values {
                    cases.push(Some(JsonMap::from_iter([(eq.field.clone(), v.clone())])));
                }
                for fields in &cases {
                    let body = fields.clone().map_or(Json::Null, Json::Object);
                    let (Some(fast), by_ref) = (eq.decide(&body), eq.decide(&body.view())) else {
                        continue;
                    };
                    assert_eq!(Some(fast), by_ref, "{file} {op}: {fields:?}");
                    let by_template = spec.render_over(id, fields.as_ref(), &[]);
                    assert_eq!(Ok(fast.to_string()), by_template, "{file} {op}: {fields:?}");
                    decided += 1;
                }
            }
        }
        // Cashy's, EaniShop's, Paystack's and Stripe's answers are all of the form, and
        // each decides at least its own success and one failure.
        assert!(decided >= 16, "{decided}");
        assert_eq!(
            FieldEquals::of(" code==200 "),
            Some(FieldEquals {
                field: "code".into(),
                literal: Literal::Int(200)
            })
        );
        for not_the_form in [
            "code == 200 and ok == 1",
            "code == \"OK\" or code == \"DONE\"",
            "code != 200",
            "data.code == 200",
            "none == 0",
            "code == 007",
            "code == 1e3",
            "code == \"a\\\"b\"",
            "http_status == 200",
            "access_token is defined",
        ] {
            assert_eq!(FieldEquals::of(not_the_form), None, "{not_the_form}");
        }
    }
}

//! Building a request: validate the input, fill generated and computed fields, serialise
//! the body once, sign, render the headers. The bytes signed are the bytes sent.

use std::borrow::Cow;
use std::sync::Arc;

use indexmap::IndexMap;

use payout_spec::{Field, Json, JsonMap, Money, Operation, Role};

use crate::compiled::CompiledSpec;
use crate::context::Message;
use crate::credentials::Credentials;
use crate::crypto::canonical::{form, percent_encode_rfc3986};
use crate::error::{ErrorKind, FieldError, PayoutError};
use crate::input::{RequestInput, Value};
use crate::message::{self, fill_computed, Location, Redacted};
use crate::plan::OperationPlan;
use crate::redact;
use crate::signing::{Engine, StepTrace};
use crate::source::{self, Clock, Entropy};
use crate::validate::{self, FieldPath, Generated, Given};
use payout_spec::json::ObjectWriter;

/// Fixed values for one request (tests, vectors, `payout sign --timestamp --nonce`).
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    pub timestamp: Option<u64>,
    pub nonce: Option<String>,
    /// Record every signing step, secrets redacted (`PreparedRequest::trace`); implies `show`.
    pub explain: bool,
    /// Render each header that reveals a secret (Basic auth) a second time with secrets
    /// redacted, for [`PreparedRequest::shown_headers`] (`payout sign`); without it such a
    /// header shows as `<redacted>`.
    pub show: bool,
    /// Record the exact string each recipe signs, secrets included: for the known-answer
    /// vectors, which compare them.
    pub strings_to_sign: bool,
    /// Values obtained by the flow's earlier steps (`obtained.NAME` in templates).
    pub obtained: IndexMap<String, crate::context::ObtainedValue>,
    /// The one-time token of the gateway's challenge this request answers: the
    /// operation's `challenge.headers` are added, rendered with it as `challenge`.
    pub challenge: Option<String>,
}

/// A request ready to send.
#[derive(Clone)]
pub struct PreparedRequest {
    pub operation: std::sync::Arc<str>,
    pub headers: Vec<(String, String)>,
    /// The exact body bytes (empty when the operation has no body).
    pub body: Vec<u8>,
    /// Every recipe step, secrets redacted (empty unless `RequestOptions::explain`).
    pub trace: Vec<StepTrace>,
    /// Recipe → the text that went into its first cryptographic step, with real values
    /// (secrets included): for the known-answer vectors only (`RequestOptions::strings_to_sign`),
    /// never shown.
    pub(crate) strings_to_sign: crate::signing::RecipeTexts,
    /// The message as signed, for verifying the response against it. Boxed: it goes
    /// along with the request into the exchange and comes back with the answer, and a
    /// pointer is what moves through each future's state.
    pub message: Box<Message>,
    /// The headers that reveal a secret, as they may be shown.
    redacted_headers: Redacted,
    /// The secret credentials and their labels, for redacting what is shown on demand.
    secrets: Arc<[(String, String)]>,
}

/// Shows what may be shown: redacted headers, never a secret.
impl std::fmt::Debug for PreparedRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedRequest")
            .field("operation", &self.operation)
            .field("method", &self.method())
            .field("url", &self.shown_url())
            .field("headers", &self.shown_headers())
            .field("body", &self.shown_body())
            .finish_non_exhaustive()
    }
}

impl PreparedRequest {
    /// The HTTP method (`POST`), as the message was signed with it.
    pub fn method(&self) -> &str {
        &self.message.method
    }

    /// The full URL, query included; it may hold a secret a spec sends in clear, so show
    /// [`PreparedRequest::shown_url`] instead.
    pub fn url(&self) -> &str {
        &self.message.url
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The headers as they may be shown: a value that reveals a secret (a Basic auth
    /// header) redacted.
    pub fn shown_headers(&self) -> Vec<(String, String)> {
        message::shown_headers(&self.headers, &self.redacted_headers)
    }

    /// The URL as it may be shown: a secret a spec sends in clear (a query field) reads
    /// `<redacted:NAME>`.
    pub fn shown_url(&self) -> String {
        self.redact(&self.message.url)
    }

    /// The body as it may be shown, secrets sent in clear redacted as in the URL.
    pub fn shown_body(&self) -> String {
        self.redact(&String::from_utf8_lossy(&self.body))
    }

    /// Secrets a spec sends in clear (it was warned): the credentials', and secret values
    /// obtained by the flow's earlier steps (a token sent in a body field).
    fn redact(&self, text: &str) -> String {
        let creds = self
            .secrets
            .iter()
            .map(|(v, label)| (v.as_str(), Cow::Borrowed(label.as_str())));
        let obtained = self
            .message
            .obtained
            .iter()
            .filter(|(_, v)| v.secret)
            .map(|(n, v)| (v.text.as_str(), Cow::Owned(redact::obtained_label(n))));
        redact::text(text, creds.chain(obtained)).into_owned()
    }
}

/// What preparing a request uses besides its input: the gateway's compiled spec, the
/// merchant's credentials, and where time and randomness come from (fixed for the
/// known-answer vectors). Not an [`payout_spec::Environment`], which is a base URL.
pub struct Preparation<'a> {
    pub spec: &'a CompiledSpec,
    pub creds: &'a Credentials,
    pub clock: &'a dyn Clock,
    pub entropy: &'a dyn Entropy,
}

/// Builds an operation's request from input keyed by the gateway's field names (or
/// written by a typed request into the spec's slots).
pub fn prepare<'i>(
    prep: &Preparation,
    op_name: &str,
    base_url: &str,
    input: impl Into<RequestInput<'i>>,
    opts: &RequestOptions,
) -> Result<PreparedRequest, PayoutError> {
    let input = input.into();
    let spec = prep.spec.spec();
    let (index, _, op) = spec.operations.get_full(op_name).ok_or_else(|| {
        PayoutError::new(
            ErrorKind::Unsupported,
            format!("{} has no operation `{op_name}`", spec.provider.id),
        )
    })?;
    let plan = prep.spec.plan().operation_at(index).ok_or_else(|| {
        PayoutError::config(format!("operations.{op_name}: the operation has no plan"))
    })?;
    let timestamp = opts.timestamp.unwrap_or_else(|| prep.clock.now_millis());
    let nonce = match &opts.nonce {
        Some(n) => Some(n.clone()),
        // Drawn only when used, so a vector's fixed random bytes go where they are meant to
        // (a random IV).
        None if needs_nonce(plan, input) => Some(
            source::nonce(&op.nonce.unwrap_or_default(), prep.entropy)
                .map_err(PayoutError::config)?,
        ),
        None => None,
    };
    // A typed request's slots must be the spec's fields (checked here against the plan;
    // `normalize_input` checks them against the spec).
    if let RequestInput::BySlot(w) = input {
        w.check(Some(op_name), plan.inputs.iter().map(Option::as_deref))?;
    }
    let gen = Generated {
        nonce: nonce.as_deref().unwrap_or_default(),
        timestamp_ms: timestamp,
        entropy: prep.entropy,
    };

    // A JSON body nothing reads by name is written as it is validated: no map of it.
    let mut written = match &op.body {
        Some(b) if !plan.body_by_name && b.encoding == payout_spec::BodyEncoding::Json => {
            Some(String::with_capacity(plan.body_room() + values_len(input)))
        }
        _ => None,
    };
    let body_out = written.as_mut().map(|out| (out, &plan.body_keys[..]));
    let (params, query, body) = normalize(spec, op, input, &gen, body_out)?;
    let mut msg = Box::new(Message {
        method: Cow::Borrowed(op.method.as_str()),
        params,
        query,
        body,
        timestamp: Some(itoa::Buffer::new().format(timestamp).to_owned()),
        nonce,
        obtained: opts.obtained.clone(),
        challenge: opts.challenge.clone(),
        ..Message::default()
    });
    let mut engine = Engine::new(prep.spec, prep.creds, prep.entropy);
    if opts.explain {
        engine = engine.explaining();
    }
    if opts.show {
        engine = engine.showing();
    }
    if opts.strings_to_sign {
        engine = engine.recording_strings_to_sign();
    }
    let request = &plan.request;
    fill_computed(&mut engine, &mut msg, request, Location::Path, &op.params)?;
    // The path (with computed parameters) before the query, whose signature may cover it;
    // the query before the body and headers, which may cover the full URL.
    msg.path = fill_path(&op.path, &msg.params);
    let base = base_url.trim_end_matches('/');
    let mut url = String::with_capacity(base.len() + msg.path.len());
    url.push_str(base);
    url.push_str(&msg.path);
    msg.url = url;
    fill_computed(&mut engine, &mut msg, request, Location::Query, &op.query)?;
    if !msg.query.is_empty() {
        msg.url = format!("{}?{}", msg.url, form(&msg.query));
    }
    let written = written.map(String::into_bytes);
    let mut redacted_headers =
        message::finish_onto(&mut engine, &mut msg, op.body.as_ref(), written, request)?;
    if opts.challenge.is_some() && !plan.challenge.is_empty() {
        let first = msg.headers.len();
        let redacted = message::render_onto(&mut engine, &mut msg, &plan.challenge)?;
        // A challenge header replaces the header of the same name.
        let answered: Vec<String> = msg.headers[first..]
            .iter()
            .map(|(k, _)| k.clone())
            .collect();
        let mut i = 0;
        msg.headers.retain(|(k, _)| {
            i += 1;
            i > first || !answered.iter().any(|a| a.eq_ignore_ascii_case(k))
        });
        redacted_headers.retain(|(n, _)| !answered.iter().any(|a| a.eq_ignore_ascii_case(n)));
        redacted_headers.extend(redacted);
    }
    // The message keeps what a response is read against; the bytes and headers sent are
    // handed over, not copied.
    let headers = std::mem::take(&mut msg.headers);
    let body = msg.body_bytes.take().unwrap_or_default();
    Ok(PreparedRequest {
        operation: plan.name.clone(),
        headers,
        body,
        trace: engine.trace,
        strings_to_sign: engine.strings_to_sign,
        message: msg,
        redacted_headers,
        secrets: prep.creds.secrets(),
    })
}

/// Whether the request uses a nonce: a template names it, or a field generates it and the
/// input does not give that field.
fn needs_nonce(plan: &OperationPlan, input: RequestInput) -> bool {
    plan.uses_nonce
        || plan.nonce_slots.iter().any(|&slot| {
            let name = plan.inputs.get(slot).and_then(Option::as_deref);
            !name.is_some_and(|name| input.is_given(slot, name))
        })
}

/// The wire values of a request's path parameters, query and body.
pub type Parts = (JsonMap, JsonMap, JsonMap);

/// Validates every part of the input (the gateway's own field names, or a typed request's
/// slots; computed fields left out), collecting every problem; the sandbox checks what it
/// receives with it too. The input is borrowed: each part reads its own fields from it.
pub fn normalize_input<'i>(
    spec: &payout_spec::Spec,
    op: &Operation,
    input: impl Into<RequestInput<'i>>,
    gen: &Generated,
) -> Result<Parts, PayoutError> {
    let input = input.into();
    // A typed request has no other fields than the spec's; the slots it wrote must be the
    // spec's fields.
    if let RequestInput::BySlot(w) = input {
        w.check(None, input_names(op))?;
    }
    normalize(spec, op, input, gen, None)
}

/// The name of the input field at each of the operation's slots, `None` for a computed one
/// (what [`OperationPlan::inputs`] keeps).
pub(crate) fn input_names(op: &Operation) -> impl Iterator<Item = Option<&str>> {
    op.request_fields()
        .map(|(_, n, f)| f.is_input().then_some(n))
}

/// [`normalize_input`]; with `body_out`, the body's fields are written into it as compact
/// JSON as they are validated (the body part of the result is then empty), each after its
/// key as the plan wrote it ([`OperationPlan::body_keys`]).
fn normalize(
    spec: &payout_spec::Spec,
    op: &Operation,
    input: RequestInput,
    gen: &Generated,
    body_out: Option<(&mut String, &[String])>,
) -> Result<Parts, PayoutError> {
    let mut errors: Vec<FieldError> = Vec::new();
    let no_fields = IndexMap::new();
    let body_fields = op.body.as_ref().map_or(&no_fields, |b| &b.fields);
    match input {
        RequestInput::ByName(values) => {
            let parts = [&op.params, &op.query, body_fields];
            validate::unknown_keys(
                values.keys().map(String::as_str),
                |k| parts.iter().any(|p| p.get(k).is_some_and(Field::is_input)),
                || {
                    op.request_fields()
                        .filter(|(_, _, f)| f.is_input())
                        .map(|(_, n, _)| n)
                        .collect()
                },
                &FieldPath::ROOT,
                &mut errors,
            );
        }
        // Checked by the callers: a typed request has no other fields than the spec's.
        RequestInput::BySlot(_) => {}
    }
    let money = request_money(spec, op, input);
    let root = FieldPath::ROOT;
    let (query_at, body_at) = (op.params.len(), op.params.len() + op.query.len());
    let part = |offset| Given::part(input, offset);
    let params = validate::fields(&op.params, part(0), &root, &money, gen, &mut errors);
    let query = validate::fields(&op.query, part(query_at), &root, &money, gen, &mut errors);
    let body = match (&op.body, body_out) {
        (Some(b), Some((out, keys))) => {
            validate::rules(&b.rules, part(body_at), &b.fields, &mut errors);
            let mut object = ObjectWriter::new(out, b.escape_slashes);
            let given = part(body_at);
            validate::each_field(
                &b.fields,
                given,
                &root,
                &money,
                gen,
                &mut errors,
                |i, k, v| {
                    match keys.get(i) {
                        Some(key) => object.written_key(key),
                        None => object.key(k),
                    }
                    v.write_value(&mut object);
                },
            );
            object.finish();
            JsonMap::default()
        }
        (Some(b), None) => {
            validate::rules(&b.rules, part(body_at), &b.fields, &mut errors);
            validate::fields(&b.fields, part(body_at), &root, &money, gen, &mut errors)
        }
        (None, _) => JsonMap::default(),
    };
    if errors.is_empty() {
        Ok((params, query, body))
    } else {
        Err(PayoutError::invalid(errors))
    }
}

/// About the bytes the input's values take in a JSON body, what it is sized by (with the
/// plan's [`OperationPlan::body_room`] for its keys).
fn values_len(input: RequestInput) -> usize {
    match input {
        RequestInput::BySlot(w) => w.text_len(),
        RequestInput::ByName(values) => values
            .values()
            .map(|v| v.as_str().map_or(8, str::len))
            .sum(),
    }
}

/// The money format a request's amounts are written in: its currency's (decimals and
/// limits), else the spec's main currency's. Borrowed from the spec when nothing differs
/// from its main format, which is the common case.
pub fn request_money<'s>(
    spec: &'s payout_spec::Spec,
    op: &Operation,
    input: RequestInput,
) -> Cow<'s, Money> {
    let main = &spec.money;
    // One currency only: whichever code the input gives, the format is the spec's own (a
    // code it does not pay out in is refused by validation, not here).
    if main.currencies.is_empty() {
        return Cow::Borrowed(main);
    }
    let plain = |code: &str| {
        code.eq_ignore_ascii_case(&main.currency) && !main.currencies.contains_key(&main.currency)
    };
    match request_currency(op, input) {
        Some(c) if plain(&c) => return Cow::Borrowed(main),
        Some(c) => {
            if let Some(m) = main.resolve(&c) {
                return Cow::Owned(m);
            }
        }
        None => {}
    }
    if plain(&main.currency) {
        return Cow::Borrowed(main);
    }
    Cow::Owned(main.resolve(&main.currency).unwrap_or_else(|| main.clone()))
}

/// The currency an input names in its field with `role: currency`, wherever it is: top
/// level, in an object, or in a batch's first item.
pub fn request_currency<'i>(
    op: &Operation,
    input: impl Into<RequestInput<'i>>,
) -> Option<Cow<'i, str>> {
    fn nested<'i>(f: &Field, v: &'i Json) -> Option<Cow<'i, str>> {
        let (fields, obj) = match (v, &f.items) {
            (Json::Array(items), Some(item)) => (item.fields.as_ref(), items.first()),
            _ => (f.fields.as_ref(), Some(v)),
        };
        match (fields, obj) {
            (Some(fields), Some(Json::Object(obj))) => find(fields, obj),
            _ => None,
        }
    }
    fn find<'i>(fields: &IndexMap<String, Field>, values: &'i JsonMap) -> Option<Cow<'i, str>> {
        fields.iter().find_map(|(name, f)| {
            let v = values.get(name)?;
            if f.role == Some(Role::Currency) {
                return v.scalar_str();
            }
            nested(f, v)
        })
    }
    let input = input.into();
    op.request_fields()
        .enumerate()
        .find_map(|(slot, (_, name, f))| match input {
            RequestInput::ByName(values) => {
                let v = values.get(name)?;
                if f.role == Some(Role::Currency) {
                    return v.scalar_str();
                }
                nested(f, v)
            }
            RequestInput::BySlot(w) => {
                let v = w.get(slot)?;
                if f.role == Some(Role::Currency) {
                    return v.scalar();
                }
                match v {
                    Value::Json(j) => nested(f, j),
                    Value::Text(_) | Value::Int(_) | Value::Decimal(_) => None,
                }
            }
        })
}

/// `/orders/{orderRefId}` → `/orders/REF123`, parameters percent-encoded.
fn fill_path(template: &str, params: &JsonMap) -> String {
    let mut path = template.to_string();
    for (k, v) in params {
        let text = v.scalar_text().unwrap_or_default();
        path = path.replace(&format!("{{{k}}}"), &percent_encode_rfc3986(&text));
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FixedClock, OsEntropy};

    const SPEC: &str = r#"
spec_version: 1
provider: { id: qs, name: Query-signed }
credentials: { secret: { secret: true } }
money: { currency: INR, amount: { encoding: string, decimals: 2 } }
signing:
  qs:
    steps:
      - template: "{{ method }} {{ path }}?page={{ query.page }} {{ timestamp }}"
      - hmac: { alg: sha256, key: "{{ credentials.secret }}" }
      - encode: hex
operations:
  query_payout:
    role: query
    method: GET
    path: /v1/payouts/{id}
    params: { id: { type: string, required: true, role: provider_ref } }
    query:
      page: { type: int, required: true }
      sig: { type: string, value: "{{ signatures.qs }}" }
    response: { success: "true" }
"#;

    const BASIC: &str = r#"
spec_version: 1
provider: { id: basic, name: Basic auth }
credentials: { user: {}, password: { secret: true }, token: { secret: true } }
money: { currency: INR, amount: { encoding: string, decimals: 2 } }
signing:
  auth:
    reveals_secret: true
    steps:
      - template: "{{ credentials.user }}:{{ credentials.password }}"
      - encode: base64
      - template: "Basic {{ input }}"
operations:
  query_payout:
    role: query
    method: GET
    path: /v1/payouts/{id}
    params: { id: { type: string, required: true, role: provider_ref } }
    query: { token: { type: string, value: "{{ credentials.token }}" } }
    headers: { Authorization: "{{ signatures.auth }}", X-User: "{{ credentials.user }}" }
    response: { success: "true" }
"#;

    /// What a prepared request shows is worked out when asked for, from one redaction: a
    /// header that reveals a secret is rendered again redacted only when showing was asked
    /// for (else it reads `<redacted>`), and secrets sent in clear are replaced in the URL.
    /// `Debug` never shows a secret either way.
    #[test]
    fn what_a_request_shows_never_carries_a_secret() {
        let spec = CompiledSpec::from_str(BASIC, "basic.yaml").unwrap();
        let creds: IndexMap<String, String> = [
            ("user", "u1"),
            ("password", "pw-secret"),
            ("token", "tok-secret"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let creds = Credentials::new(spec.spec(), creds).unwrap();
        let prep = Preparation {
            spec: &spec,
            creds: &creds,
            clock: &FixedClock(1_700_000_000_000),
            entropy: &OsEntropy,
        };
        let mut input = JsonMap::default();
        input.insert("id".to_string(), Json::from("po_1"));
        for show in [false, true] {
            let opts = RequestOptions {
                show,
                ..RequestOptions::default()
            };
            let req = prepare(&prep, "query_payout", "https://h.example", &input, &opts).unwrap();
            // printf '%s' 'u1:pw-secret' | base64
            assert_eq!(req.header("Authorization"), Some("Basic dTE6cHctc2VjcmV0"));
            let auth_shown = if show {
                "<redacted:password>"
            } else {
                "<redacted>"
            };
            assert_eq!(
                req.shown_headers(),
                vec![
                    ("Authorization".to_string(), auth_shown.to_string()),
                    ("X-User".to_string(), "u1".to_string()),
                ]
            );
            assert_eq!(
                req.shown_url(),
                "https://h.example/v1/payouts/po_1?token=<redacted:token>"
            );
            let debug = format!("{req:?}");
            for secret in ["pw-secret", "tok-secret", "dTE6cHctc2VjcmV0"] {
                assert!(!debug.contains(secret), "{debug}");
            }
            // Nothing kept for explaining unless asked.
            assert!(req.trace.is_empty() && req.strings_to_sign.is_empty());
        }
    }

    /// A signature placed in the query string, after the fields it covers.
    #[test]
    fn a_signature_can_go_in_the_query_string() {
        let spec = CompiledSpec::from_str(SPEC, "qs.yaml").unwrap();
        let mut v = IndexMap::new();
        v.insert("secret".to_string(), "qs-secret".to_string());
        let creds = Credentials::new(spec.spec(), v).unwrap();
        let prep = Preparation {
            spec: &spec,
            creds: &creds,
            clock: &FixedClock(1_700_000_000_000),
            entropy: &OsEntropy,
        };
        let mut input = JsonMap::default();
        input.insert("id".to_string(), Json::from("po_1"));
        input.insert("page".to_string(), Json::from(2i64));
        let req = prepare(
            &prep,
            "query_payout",
            "https://h.example",
            &input,
            &RequestOptions::default(),
        )
        .unwrap();
        // printf '%s' 'GET /v1/payouts/po_1?page=2 1700000000000' | openssl dgst -sha256 -hmac qs-secret
        assert_eq!(
            req.url(),
            "https://h.example/v1/payouts/po_1?page=2&sig=c5db5a261639f657b443d554f04ba13173a4954368b18a923beb5b3cabcd7155"
        );
        assert!(req.body.is_empty());
    }
}

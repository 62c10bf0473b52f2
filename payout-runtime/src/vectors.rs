//! Running a spec's known-answer vectors through the same code paths a real call takes.

use std::borrow::Cow;

use payout_spec::{ExpectStatus, Json, JsonMap, PayoutStatus, Vector};

use crate::compiled::CompiledSpec;
use crate::context::Message;
use crate::credentials::Credentials;
use crate::error::PayoutError;
use crate::extract::Extracted;
use crate::request::{self, Preparation, RequestOptions};
use crate::response::{self, Received};
use crate::signing::{Engine, Signer};
use crate::source::{Entropy, FixedBytes, FixedClock};
use crate::webhook;

/// The outcome of one vector: empty `failures` means it passed.
#[derive(Debug, Clone)]
pub struct VectorReport {
    pub name: String,
    pub failures: Vec<String>,
}

impl VectorReport {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Where under a vector a failure message points: the `expect` key it is about
/// (`header Sign: expected …` → `expect.headers.Sign`), or `expect` itself.
pub fn failure_path(failure: &str) -> String {
    let what = failure.split(": ").next().unwrap_or("");
    let keyed = [
        ("header ", "expect.headers."),
        ("string to sign of ", "expect.string_to_sign."),
        ("signature ", "expect.signatures."),
    ];
    for (prefix, path) in keyed {
        if let Some(name) = what.strip_prefix(prefix) {
            return format!("{path}{name}");
        }
    }
    match what {
        "method" => "expect.method",
        "url" => "expect.url",
        "body" => "expect.body",
        "status" => "expect.status",
        "provider status" => "expect.provider_status",
        "merchant ref" => "expect.merchant_ref",
        "provider ref" => "expect.provider_ref",
        "error code" => "expect.error.code",
        _ => "expect",
    }
    .to_string()
}

/// Runs every vector of a spec.
pub fn run_all(spec: &CompiledSpec) -> Vec<VectorReport> {
    spec.spec().vectors.iter().map(|v| run(spec, v)).collect()
}

/// Runs one vector.
pub fn run(spec: &CompiledSpec, v: &Vector) -> VectorReport {
    let mut failures = Vec::new();
    let random = v
        .random
        .as_deref()
        .map(hex::decode)
        .transpose()
        .unwrap_or_default()
        .unwrap_or_default();
    let entropy = FixedBytes::new(&random);
    match Credentials::subset(spec.spec(), v.credentials.clone()) {
        Err(problems) => failures.extend(problems.0),
        Ok(creds) => {
            let r = if let Some(op) = &v.operation {
                run_request(spec, &creds, &entropy, op, v, &mut failures)
            } else if let Some(op) = &v.response {
                run_response(spec, &creds, &entropy, op, v, &mut failures)
            } else if let Some(w) = &v.webhook {
                run_webhook(spec, &creds, &entropy, w, v, &mut failures)
            } else if let Some(r) = &v.recipe {
                run_recipe(spec, &creds, &entropy, r, v, &mut failures)
            } else {
                Err("the vector names nothing to check".to_string())
            };
            if let Err(e) = r {
                failures.push(e);
            }
        }
    }
    VectorReport {
        name: v.name.clone(),
        failures,
    }
}

fn same(failures: &mut Vec<String>, what: &str, expected: &str, got: Option<&str>) {
    if got != Some(expected) {
        failures.push(format!(
            "{what}: expected `{expected}`, got {}",
            got.map(|g| format!("`{g}`"))
                .unwrap_or_else(|| "nothing".into())
        ));
    }
}

fn run_request(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    op: &str,
    v: &Vector,
    failures: &mut Vec<String>,
) -> Result<(), String> {
    let base_url = v
        .base_url
        .clone()
        .or_else(|| {
            spec.spec()
                .environments
                .values()
                .next()
                .map(|e| e.base_url.clone())
        })
        .unwrap_or_else(|| "https://gateway.invalid".into());
    let prep = Preparation {
        spec,
        creds,
        clock: &FixedClock(v.timestamp.unwrap_or(0)),
        entropy,
    };
    let opts = RequestOptions {
        timestamp: v.timestamp,
        nonce: v.nonce.clone(),
        explain: false,
        obtained: v
            .obtained
            .iter()
            .map(|(k, t)| {
                let secret = spec.spec().obtain.get(k).is_some_and(|o| o.is_secret());
                let value = crate::context::ObtainedValue {
                    text: t.clone(),
                    secret,
                };
                (k.clone(), value)
            })
            .collect(),
        challenge: v.challenge.clone(),
        strings_to_sign: true,
        ..RequestOptions::default()
    };
    let result = request::prepare(&prep, op, &base_url, &v.input, &opts);
    let e = &v.expect;
    if !e.invalid.is_empty() {
        match result {
            Ok(_) => failures.push(format!(
                "expected the input to be refused for {:?}, but it was accepted",
                e.invalid
            )),
            Err(err) => {
                let mut got: Vec<String> = err.fields.iter().map(|f| f.field.clone()).collect();
                got.sort();
                got.dedup();
                let mut want = e.invalid.clone();
                want.sort();
                if got != want {
                    failures.push(format!(
                        "expected refusals for {want:?}, got {got:?} ({})",
                        err.message
                    ));
                }
            }
        }
        return Ok(());
    }
    let req = result.map_err(|e: PayoutError| format!("the request could not be built: {e}"))?;
    if let Some(m) = &e.method {
        same(failures, "method", m, Some(req.method()));
    }
    if let Some(u) = &e.url {
        same(failures, "url", u, Some(req.url()));
    }
    if let Some(b) = &e.body {
        same(failures, "body", b, Some(&req.body_text()));
    }
    for (h, want) in &e.headers {
        same(failures, &format!("header {h}"), want, req.header(h));
    }
    for (r, want) in &e.string_to_sign {
        same(
            failures,
            &format!("string to sign of {r}"),
            want,
            req.strings_to_sign.get(r).map(String::as_str),
        );
    }
    for (r, want) in &e.signatures {
        same(
            failures,
            &format!("signature {r}"),
            want,
            req.message.signatures.get(r).map(|s| s.text.as_str()),
        );
    }
    Ok(())
}

fn run_response(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    op_name: &str,
    v: &Vector,
    failures: &mut Vec<String>,
) -> Result<(), String> {
    let op = spec
        .spec()
        .operations
        .get(op_name)
        .ok_or_else(|| format!("no operation `{op_name}`"))?;
    let url = v.url.clone().unwrap_or_default();
    let request = Message {
        method: v
            .method
            .clone()
            .map_or(Cow::Borrowed(op.method.as_str()), Cow::Owned),
        path: crate::context::path_of(&url),
        url,
        ..Message::default()
    };
    let headers: Vec<(String, String)> = v
        .headers
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let body = v.body.clone().unwrap_or_default();
    let got = Received {
        http_status: v.http_status.unwrap_or(200),
        headers: &headers,
        body: body.as_bytes(),
    };
    let result = response::read(spec, creds, entropy, op_name, &request, &got);
    compare_outcome(v, result.map(|o| o.extracted), failures);
    Ok(())
}

fn run_webhook(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    name: &str,
    v: &Vector,
    failures: &mut Vec<String>,
) -> Result<(), String> {
    let headers: Vec<(String, String)> = v
        .headers
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let body = v.body.clone().unwrap_or_default();
    // `url`, when given, is where the webhook was delivered (the merchant's notify URL).
    let url = v.url.as_deref().unwrap_or_default();
    let req = crate::unified::WebhookRequest::new(&headers, body.as_bytes()).at(url);
    let result = webhook::receive_as(spec, creds, entropy, name, &req);
    compare_outcome(v, result.map(|ev| ev.extracted), failures);
    Ok(())
}

/// Compares what a response or webhook vector expects with what was read.
fn compare_outcome(v: &Vector, result: Result<Extracted, PayoutError>, failures: &mut Vec<String>) {
    let e = &v.expect;
    let bad_signature = matches!(&result, Err(err) if err.kind == crate::ErrorKind::BadSignature);
    if let Some(verified) = e.verified {
        if verified == bad_signature {
            failures.push(match &result {
                Err(err) if verified => format!("expected the signature to verify: {err}"),
                _ => "expected the signature to be refused, but it verified".into(),
            });
        }
    }
    match (&e.error, result) {
        (Some(want), Err(err)) => {
            same(
                failures,
                "error kind",
                want.kind.as_str(),
                Some(err.kind.as_str()),
            );
            if let Some(m) = want.may_exist {
                same(
                    failures,
                    "may_exist",
                    &m.to_string(),
                    Some(&err.may_exist.to_string()),
                );
            }
            if let Some(c) = &want.code {
                same(failures, "error code", c, err.provider_code.as_deref());
            }
        }
        (Some(want), Ok(_)) => {
            failures.push(format!("expected a {:?} error, got success", want.kind))
        }
        (None, Err(err)) => {
            if e.verified != Some(false) {
                failures.push(format!("expected success, got {err}"));
            }
        }
        (None, Ok(x)) => {
            if let Some(s) = e.status {
                let want = unified(s);
                if x.status != want {
                    failures.push(format!("status: expected {want:?}, got {:?}", x.status));
                }
            }
            if let Some(p) = &e.provider_status {
                same(failures, "provider status", p, x.provider_status.as_deref());
            }
            if let Some(r) = &e.merchant_ref {
                same(failures, "merchant ref", r, x.merchant_ref.as_deref());
            }
            if let Some(r) = &e.provider_ref {
                same(failures, "provider ref", r, x.provider_ref.as_deref());
            }
        }
    }
}

/// The unified status a vector expects; `None` for `unmapped`.
fn unified(s: ExpectStatus) -> Option<PayoutStatus> {
    Some(match s {
        ExpectStatus::Pending => PayoutStatus::Pending,
        ExpectStatus::Processing => PayoutStatus::Processing,
        ExpectStatus::Succeeded => PayoutStatus::Succeeded,
        ExpectStatus::Failed => PayoutStatus::Failed,
        ExpectStatus::Reversed => PayoutStatus::Reversed,
        ExpectStatus::Cancelled => PayoutStatus::Cancelled,
        ExpectStatus::Unmapped => return None,
    })
}

/// Runs a recipe over the vector's message: signs it (string to sign, signature) and, with
/// `received`, verifies that value as one the gateway sent.
fn run_recipe(
    spec: &CompiledSpec,
    creds: &Credentials,
    entropy: &dyn Entropy,
    name: &str,
    v: &Vector,
    failures: &mut Vec<String>,
) -> Result<(), String> {
    let body = v.body.clone().unwrap_or_default();
    let fields: JsonMap = Json::parse(&body)
        .ok()
        .and_then(|j| j.as_object().cloned())
        .unwrap_or_default();
    let url = v.url.clone().unwrap_or_default();
    let mut msg = Message {
        method: v.method.clone().map_or(Cow::Borrowed("POST"), Cow::Owned),
        path: crate::context::path_of(&url),
        url,
        body: fields,
        body_bytes: Some(body.into_bytes()),
        headers: v
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        timestamp: v.timestamp.map(|t| t.to_string()),
        nonce: v.nonce.clone(),
        ..Message::default()
    };
    let mut engine = Engine::new(spec, creds, entropy).recording_strings_to_sign();
    if let Some(received) = &v.received {
        // As the merchant's side checks what the gateway sent: with `verify_key`.
        let verified = engine
            .verify(name, &mut msg, received, Signer::Gateway)
            .map_err(|e| e.to_string())?;
        if let Some(want) = v.expect.verified {
            if verified != want {
                failures.push(if want {
                    format!("expected the received value to verify under `{name}`, but it did not")
                } else {
                    format!(
                        "expected the received value to be refused by `{name}`, but it verified"
                    )
                });
            }
        }
    }
    // Signing needs the signing key; a vector that only verifies may not give it.
    if v.received.is_none() || !v.expect.signatures.is_empty() {
        engine
            .ensure(&[name.to_string()], &mut msg)
            .map_err(|e| e.to_string())?;
    }
    for (r, want) in &v.expect.string_to_sign {
        same(
            failures,
            &format!("string to sign of {r}"),
            want,
            engine.strings_to_sign.get(r).map(String::as_str),
        );
    }
    for (r, want) in &v.expect.signatures {
        same(
            failures,
            &format!("signature {r}"),
            want,
            msg.signatures.get(r).map(|s| s.text.as_str()),
        );
    }
    Ok(())
}

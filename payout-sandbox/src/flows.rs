//! How the sandbox imitates a spec's flows (`obtain:`): it issues tokens that expire and
//! refuses expired or unknown ones, stores the resources its steps make (recipients,
//! quotes), and refuses a request that names one it never made.

use std::collections::HashMap;

use payout_spec::ErrorKind;
use rust_decimal::Decimal;

use payout_runtime::context::Message;
use payout_runtime::source::{Clock, Entropy, OsEntropy, SystemClock};
use payout_spec::{Field, FieldType, Json, JsonMap, Operation, Role};

use crate::gateway::{lock, Gateway};

/// Tokens and resources a gateway handed out, and the webhooks it sent (for postbacks).
#[derive(Debug)]
pub(crate) struct FlowStore {
    /// Webhooks sent: their headers and body, which a postback must name exactly.
    sent: Vec<(Vec<(String, String)>, Json)>,
    /// Per obtained name, token → expiry (epoch ms).
    tokens: HashMap<String, HashMap<String, u64>>,
    /// Per obtained name, the values made, with what the request that made each said.
    resources: HashMap<String, HashMap<String, Made>>,
    /// How long a token lives, in seconds.
    token_ttl_s: u64,
    counter: u64,
    /// Whether operations with a `challenge` are challenged (strong customer
    /// authentication on).
    pub(crate) challenge_on: bool,
    /// One-time tokens handed out and not yet answered.
    pub(crate) challenges: std::collections::HashSet<String>,
    /// Challenges answered with a valid signature.
    pub(crate) answered: usize,
    /// Single-use values (Wise's quotes) a request has consumed, by obtained name and
    /// value: the merchant reference of the request that used each.
    used: HashMap<(String, String), Option<String>>,
}

impl Default for FlowStore {
    fn default() -> Self {
        FlowStore {
            sent: Vec::new(),
            tokens: HashMap::new(),
            resources: HashMap::new(),
            token_ttl_s: 3600,
            counter: 0,
            challenge_on: false,
            challenges: Default::default(),
            answered: 0,
            used: HashMap::new(),
        }
    }
}

/// What a step's request said about the payout it prepares (Wise's quote has the amount,
/// its transfer the reference): a money step that only names the step's value takes them
/// from here.
#[derive(Debug, Clone, Default)]
pub(crate) struct Made {
    pub merchant_ref: Option<String>,
    pub amount: Option<Decimal>,
    /// The value itself, when the spec makes it the payout's `provider_ref`.
    pub provider_ref: Option<String>,
}

impl Made {
    /// Fills what `self` lacks from `other`.
    fn or(self, other: Made) -> Made {
        Made {
            merchant_ref: self.merchant_ref.or(other.merchant_ref),
            amount: self.amount.or(other.amount),
            provider_ref: self.provider_ref.or(other.provider_ref),
        }
    }
}

/// Why a request is refused: the error kind of `sandbox.errors`, and a message.
pub(crate) type Refusal = (ErrorKind, String);

impl Gateway {
    /// Makes every token issued so far expire now, as time passing would.
    pub fn expire_tokens(&self) {
        let mut store = lock(&self.flows);
        for tokens in store.tokens.values_mut() {
            for at in tokens.values_mut() {
                *at = 0;
            }
        }
    }

    /// The lifetime of the tokens issued from now on (default one hour).
    pub fn set_token_ttl(&self, seconds: u64) {
        lock(&self.flows).token_ttl_s = seconds;
    }

    /// How many values of an `obtain:` name were handed out (tokens issued, recipients
    /// made).
    pub fn issued(&self, name: &str) -> usize {
        let store = lock(&self.flows);
        store.tokens.get(name).map_or(0, HashMap::len)
            + store.resources.get(name).map_or(0, HashMap::len)
    }

    /// Checks the obtained values a request carries: each token must be one issued and not
    /// expired (else `unauthorized`), each resource one made here (else `invalid_request`).
    pub(crate) fn check_obtained(
        &self,
        op_name: &str,
        op: &Operation,
        msg: &Message,
    ) -> Result<(), Refusal> {
        let spec = self.spec.spec();
        let now = SystemClock.now_millis();
        let store = lock(&self.flows);
        for (header, _) in &op.headers {
            let path = format!("operations.{op_name}.headers.{header}");
            let Some(info) = self.spec.info(&path) else {
                continue;
            };
            let tokens: Vec<&String> = info
                .obtained
                .iter()
                .filter(|n| spec.obtain.get(*n).is_some_and(|o| o.is_token()))
                .collect();
            if tokens.is_empty() {
                continue;
            }
            let parts = info
                .segments
                .as_ref()
                .zip(msg.header(header))
                .and_then(|(segments, got)| payout_spec::template::read_back(segments, got))
                .ok_or((
                    ErrorKind::Unauthorized,
                    format!("no valid `{header}` header"),
                ))?;
            for name in tokens {
                let key = format!("obtained.{name}");
                let given = parts.iter().find(|(k, _)| *k == key).map(|(_, v)| v);
                let expiry = given.and_then(|t| store.tokens.get(name.as_str())?.get(*t));
                match expiry {
                    Some(at) if now < *at => {}
                    Some(_) => {
                        return Err((ErrorKind::Unauthorized, format!("the {name} has expired")))
                    }
                    None => return Err((ErrorKind::Unauthorized, format!("unknown {name}"))),
                }
            }
        }
        let mut merchant_ref = None;
        for (name, obtained, given) in named_values(op, msg) {
            let Some(o) = spec.obtain.get(obtained).filter(|o| !o.is_token()) else {
                continue;
            };
            let given = given.unwrap_or_default();
            let known = store
                .resources
                .get(obtained)
                .is_some_and(|s| s.contains_key(&given));
            if !known {
                return Err((
                    ErrorKind::InvalidRequest,
                    format!("`{name}`: no {obtained} `{given}` exists"),
                ));
            }
            // A single-use value (Wise's quote) serves one payout: the same request again
            // (a retry, answered with what it made) may name it, another may not.
            if o.single_use {
                if let Some(used_by) = store.used.get(&(obtained.to_string(), given.clone())) {
                    let this = merchant_ref
                        .get_or_insert_with(|| self.roles.text(op_name, &Role::MerchantRef, msg));
                    if used_by != this {
                        return Err((
                            ErrorKind::InvalidRequest,
                            format!("`{name}`: the {obtained} `{given}` was used already; make a new one"),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// What the resources a request names (by `role: obtained.NAME`) were made with, and
    /// the one that is the payout's id, if the spec says so.
    pub(crate) fn named_resources(&self, op: &Operation, msg: &Message) -> Made {
        let spec = self.spec.spec();
        let store = lock(&self.flows);
        let mut out = Made::default();
        for (_, obtained, given) in named_values(op, msg) {
            let Some(given) = given else {
                continue;
            };
            if let Some(made) = store.resources.get(obtained).and_then(|m| m.get(&given)) {
                let own = Made {
                    provider_ref: spec
                        .obtain
                        .get(obtained)
                        .filter(|o| o.is_provider_ref())
                        .map(|_| given.clone()),
                    ..made.clone()
                };
                out = out.or(own);
            }
        }
        out
    }

    /// Remembers a webhook sent, so that a postback about it can be confirmed.
    pub(crate) fn record_sent(&self, headers: &[(String, String)], body: &[u8]) {
        if let Ok(json) = Json::parse(&String::from_utf8_lossy(body)) {
            lock(&self.flows).sent.push((headers.to_vec(), json));
        }
    }

    /// For an operation a webhook names as its `postback` (the handler asks only then):
    /// whether the webhook it describes (its headers and body, by the fields' `webhook.*`
    /// roles) is one this gateway sent.
    pub(crate) fn check_postback(&self, op: &Operation, msg: &Message) -> Result<(), Refusal> {
        let store = lock(&self.flows);
        let confirmed = store.sent.iter().any(|(headers, body)| {
            op.request_fields().all(|(location, name, f)| {
                let values = match location {
                    payout_spec::Location::Path => &msg.params,
                    payout_spec::Location::Query => &msg.query,
                    payout_spec::Location::Body => &msg.body,
                };
                let given = values.get(name);
                match &f.role {
                    Some(Role::WebhookBody) => given == Some(body),
                    Some(Role::WebhookHeader(h)) => {
                        let sent = headers
                            .iter()
                            .find(|(k, _)| k.eq_ignore_ascii_case(h))
                            .map(|(_, v)| v.as_str());
                        given.and_then(Json::as_str) == sent
                    }
                    _ => true,
                }
            })
        });
        if confirmed {
            Ok(())
        } else {
            Err((
                ErrorKind::InvalidRequest,
                "this gateway did not send that webhook".into(),
            ))
        }
    }

    /// The values a step hands out in its answer, by response path: a fresh token with its
    /// lifetime, or a new resource's id (stored, so later requests may name it).
    pub(crate) fn issue(
        &self,
        op_name: &str,
        op: &Operation,
        msg: &Message,
    ) -> Vec<(String, Json)> {
        let spec = self.spec.spec();
        let mut out = Vec::new();
        if spec.obtained_by(op_name).next().is_none() {
            return out;
        }
        let said = Made {
            merchant_ref: self.roles.text(op_name, &Role::MerchantRef, msg),
            amount: self.roles.amount(spec, op_name, msg),
            provider_ref: None,
        }
        .or(Made {
            provider_ref: None,
            ..self.named_resources(op, msg)
        });
        let mut store = lock(&self.flows);
        // What this request consumes: its single-use values serve this payout only.
        for (_, obtained, given) in named_values(op, msg) {
            if let (Some(given), true) = (
                given,
                spec.obtain.get(obtained).is_some_and(|o| o.single_use),
            ) {
                store
                    .used
                    .entry((obtained.to_string(), given))
                    .or_insert_with(|| said.merchant_ref.clone());
            }
        }
        let now = SystemClock.now_millis();
        for (name, o) in spec.obtained_by(op_name) {
            // The gateway's own object for a payout (Wise's transfer) is made once per
            // merchant reference: a repeated request is answered with the one it made, as
            // Wise answers a repeated `customerTransactionId`.
            if o.is_provider_ref() && said.merchant_ref.is_some() {
                let existing = store.resources.get(name).and_then(|made| {
                    made.iter()
                        .find(|(_, m)| m.merchant_ref == said.merchant_ref)
                        .map(|(value, _)| value.clone())
                });
                if let Some(value) = existing {
                    let fields = op.response.body.as_ref().map(|b| &b.fields);
                    let json = match fields.and_then(|f| field_at(f, &o.value)).map(|f| f.ty) {
                        Some(FieldType::Int) => Json::Number(value),
                        _ => Json::String(value),
                    };
                    out.push((o.value.clone(), json));
                    continue;
                }
            }
            store.counter += 1;
            let counter = store.counter;
            let mut random = [0u8; 8];
            if OsEntropy.fill(&mut random).is_err() {
                random = counter.to_be_bytes();
            }
            let fields = op.response.body.as_ref().map(|b| &b.fields);
            if let Some(expires_in) = &o.expires_in {
                let token = format!("sbx_{name}_{}", hex::encode(random));
                let ttl = store.token_ttl_s;
                store
                    .tokens
                    .entry(name.to_string())
                    .or_default()
                    .insert(token.clone(), now + ttl * 1000);
                out.push((o.value.clone(), Json::String(token)));
                out.push((expires_in.clone(), Json::Number(ttl.to_string())));
            } else {
                let value = match fields.and_then(|f| field_at(f, &o.value)).map(|f| f.ty) {
                    Some(FieldType::Int) => (10_000_000 + counter).to_string(),
                    _ => format!(
                        "{}_{counter}{}",
                        name.to_uppercase(),
                        &hex::encode(random)[..8]
                    ),
                };
                store
                    .resources
                    .entry(name.to_string())
                    .or_default()
                    .insert(value.clone(), said.clone());
                let json = match fields.and_then(|f| field_at(f, &o.value)).map(|f| f.ty) {
                    Some(FieldType::Int) => Json::Number(value),
                    _ => Json::String(value),
                };
                out.push((o.value.clone(), json));
            }
        }
        out
    }
}

/// The values a request gives the fields that name an obtained value (`role:
/// obtained.NAME`): each field's name, the obtained name, and the value's text.
fn named_values<'a>(
    op: &'a Operation,
    msg: &'a Message,
) -> impl Iterator<Item = (&'a str, &'a str, Option<String>)> + 'a {
    op.request_fields().filter_map(move |(location, name, f)| {
        let Some(Role::Obtained(obtained)) = &f.role else {
            return None;
        };
        let values = match location {
            payout_spec::Location::Path => &msg.params,
            payout_spec::Location::Query => &msg.query,
            payout_spec::Location::Body => &msg.body,
        };
        Some((
            name,
            obtained.as_str(),
            values.get(name).and_then(Json::scalar_text),
        ))
    })
}

/// The field a dotted path names.
fn field_at<'a>(fields: &'a indexmap::IndexMap<String, Field>, path: &str) -> Option<&'a Field> {
    let (head, rest) = match path.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (path, None),
    };
    let f = fields.get(head)?;
    match rest {
        None => Some(f),
        Some(rest) => field_at(f.fields.as_ref()?, rest),
    }
}

/// Sets a value at a dotted path of an object, making the objects on the way.
pub(crate) fn set_path(obj: &mut JsonMap, path: &str, value: Json) {
    match path.split_once('.') {
        None => {
            obj.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let entry = obj
                .entry(head.to_string())
                .or_insert_with(|| Json::Object(Default::default()));
            if !matches!(entry, Json::Object(_)) {
                *entry = Json::Object(Default::default());
            }
            if let Json::Object(inner) = entry {
                set_path(inner, rest, value);
            }
        }
    }
}

//! What reading a received message (a webhook, an operation's answer) needs from its spec,
//! worked out once per spec: the templates that carry its signatures, the paths of its
//! roles, the roles its signatures leave uncovered, the headers its freshness checks read.
//! A message is then read by walking these lists; no YAML path is formatted and no field
//! tree is walked again per message.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use indexmap::IndexMap;
use payout_spec::coverage::{self, Coverage};
use payout_spec::template::Segment;
use payout_spec::{Ack, Field, FieldType, HeaderParts, Input, Json, JsonMap, JsonNode, Spec, Step};

use crate::compiled::CompiledSpec;
use crate::extract::ResultRole as Role;
use crate::verify::{self, Carrier};

/// The carriers of one received message: a message has a few (a signature header, a
/// timestamp, a merchant id), kept without an allocation.
pub type Carriers<'a> = smallvec::SmallVec<[Carrier<'a>; 4]>;

/// The reading plans of every message a spec receives. Looked up by name several times
/// per message (its checks, its freshness, its replay key): hashed with foldhash, not
/// SipHash, since the names are the spec's own.
#[derive(Debug, Default)]
pub struct Plans {
    /// By webhook name, in the spec's order (the order kinds are tried in).
    pub webhooks: IndexMap<String, WebhookPlan, foldhash::fast::RandomState>,
    /// By operation name: its answer.
    pub answers: HashMap<String, MessagePlan, foldhash::fast::RandomState>,
}

impl Plans {
    /// The plans of a compiled spec's received messages.
    pub fn new(spec: &CompiledSpec) -> Plans {
        let s = spec.spec();
        let reads = Reads::of(s);
        let webhooks = s
            .webhooks
            .iter()
            .map(|(name, wh)| {
                let base = format!("webhooks.{name}");
                let mut plan = MessagePlan::new(
                    spec,
                    base,
                    &wh.headers,
                    &wh.header_parts,
                    &wh.body.fields,
                    reads,
                );
                plan.max_age = wh.max_age;
                // A webhook event carries no fee's, currency's, code's or times' text: those
                // roles are not read (an amount's and a fee's number still are, so that one
                // that does not read is refused, as an answer's would be).
                plan.roles.retain(|r| {
                    !matches!(
                        r.role,
                        Role::Currency | Role::FailureCode | Role::CreatedAt | Role::CompletedAt
                    )
                });
                let plan = WebhookPlan {
                    message: plan,
                    ack: Arc::new(wh.ack.clone()),
                };
                (name.clone(), plan)
            })
            .collect();
        let no_fields = IndexMap::new();
        let answers = s
            .operations
            .iter()
            .map(|(name, op)| {
                let fields = op.response.body.as_ref().map_or(&no_fields, |b| &b.fields);
                let mut plan = MessagePlan::new(
                    spec,
                    format!("operations.{name}.response"),
                    &op.response.headers,
                    &op.response.header_parts,
                    fields,
                    reads,
                );
                plan.success = spec.plan().operation(name).and_then(|o| o.success);
                plan.success_equals = op.response.success.as_deref().and_then(FieldEquals::of);
                (name.clone(), plan)
            })
            .collect();
        Plans { webhooks, answers }
    }
}

/// How a webhook is read: as any received message, and what answers it.
#[derive(Debug)]
pub struct WebhookPlan {
    pub message: MessagePlan,
    /// Its acknowledgement, shared by every event read as it (not copied per webhook).
    pub ack: Arc<Ack>,
}

/// What the spec's recipes read of a message besides its templates' values: a message
/// is given only what some recipe can read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reads {
    /// A recipe starts from a header (`input: { header: NAME }`).
    pub headers: bool,
    /// A recipe starts from the body's bytes.
    pub body_bytes: bool,
}

impl Reads {
    fn of(spec: &Spec) -> Reads {
        let mut reads = Reads::default();
        for step in spec.signing.values().flat_map(|r| &r.steps) {
            match step {
                Step::Input(Input::Header(_)) => reads.headers = true,
                Step::Input(Input::BodyBytes) => reads.body_bytes = true,
                _ => {}
            }
        }
        reads
    }
}

/// How one received message (a webhook, an operation's answer) is read.
#[derive(Debug)]
pub struct MessagePlan {
    /// Its YAML path (`webhooks.NAME`, `operations.NAME.response`).
    pub base: String,
    /// The templates that may carry its signatures, credentials, timestamp or nonce.
    pub carriers: Vec<CarrierPlan>,
    /// The values it carries for the unified roles.
    pub roles: Vec<RoleRead>,
    /// The roles no signature covers (and no `unsigned: reason` vouches for), as
    /// (dotted path, role): left out of what is read.
    pub unsigned: Vec<(String, Role)>,
    /// A recipe reads parsed body fields (or a body field carries a signature): the body is
    /// parsed before the signatures are checked. Otherwise they are checked first.
    pub reads_fields: bool,
    /// Whether any carrier names a signature or credential: without one there is nothing
    /// to verify and no message is built.
    pub signed: bool,
    pub reads: Reads,
    /// Header templates that give a signed `{{ timestamp }}` or `{{ nonce }}`, as
    /// (header, segments); with which of the two the signatures cover.
    pub time_headers: Vec<(String, Vec<Segment>)>,
    pub timestamp_covered: bool,
    pub nonce_covered: bool,
    /// The headers it declares (templates and parts), lower-cased: the ones its replay key
    /// digests.
    pub declared_headers: Vec<String>,
    /// Its `max_age`, for webhooks.
    pub max_age: Option<u64>,
    /// Its success predicate, for answers that have one (evaluated over only the names it
    /// reads: `CompiledSpec::render_over`).
    pub success: Option<crate::plan::TemplateId>,
    /// The same predicate when it is of the common form `field == literal`: most answers
    /// are then decided without the template engine.
    pub success_equals: Option<FieldEquals>,
}

/// A success predicate of the form `field == literal` (`code == 200`, `code == "OK"`,
/// `status == true`), which most gateways use. It decides an answer whose field holds a
/// value of the literal's kind exactly as the template does (JSON whole numbers are integers
/// to templates, strings strings, booleans booleans); any other answer (the field missing,
/// null, a fraction, of another kind) is left to the template, which stays the reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldEquals {
    pub field: String,
    pub literal: Literal,
}

/// The right-hand side of a [`FieldEquals`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    Int(i64),
    Text(String),
    Bool(bool),
}

impl FieldEquals {
    /// The predicate, if it is exactly `NAME == LITERAL`: NAME a plain name that is not a
    /// template keyword, LITERAL a whole number without leading zeros, a quoted string
    /// without escapes, or `true`/`false`.
    pub fn of(predicate: &str) -> Option<FieldEquals> {
        let (name, literal) = predicate.split_once("==")?;
        let (name, literal) = (name.trim(), literal.trim());
        let plain = |s: &str| {
            s.bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
                && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        };
        const KEYWORDS: &[&str] = &[
            "true",
            "false",
            "none",
            "True",
            "False",
            "None",
            "and",
            "or",
            "not",
            "in",
            "is",
            "if",
            "else",
            "loop",
            "self",
            "http_status",
        ];
        if !plain(name) || KEYWORDS.contains(&name) {
            return None;
        }
        let quoted = |q: char| {
            literal
                .strip_prefix(q)?
                .strip_suffix(q)
                .filter(|t| !t.contains(['\\', '"', '\'']))
        };
        let literal = if let Some(t) = quoted('"').or_else(|| quoted('\'')) {
            Literal::Text(t.to_string())
        } else if literal == "true" || literal == "false" {
            Literal::Bool(literal == "true")
        } else {
            let digits = literal.strip_prefix('-').unwrap_or(literal);
            let canonical = !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && (digits == "0" || !digits.starts_with('0'));
            if !canonical {
                return None;
            }
            Literal::Int(literal.parse().ok()?)
        };
        Some(FieldEquals {
            field: name.to_string(),
            literal,
        })
    }

    /// Whether the answer's `body` satisfies it; `None` when the template must say.
    pub fn decide(&self, body: &impl JsonNode) -> Option<bool> {
        let value = body.member(&self.field)?;
        match &self.literal {
            Literal::Int(i) => value.number_text()?.parse::<i64>().ok().map(|n| n == *i),
            Literal::Text(t) => value.string_text().map(|s| s == t),
            Literal::Bool(b) => value.as_bool().map(|v| v == *b),
        }
    }
}

/// Where a carrier's value is received.
#[derive(Debug)]
pub enum Source {
    Header(String),
    /// A top-level body field.
    Field(String),
}

/// A template that carries something to check, and where its value comes from.
#[derive(Debug)]
pub struct CarrierPlan {
    pub path: String,
    pub what: String,
    pub source: Source,
    pub parts: Option<HeaderParts>,
    /// Its template, by handle (found once here rather than by path per message).
    pub template: Option<crate::plan::TemplateId>,
}

/// A role's value in a message: where it is and how it reads.
#[derive(Debug)]
pub struct RoleRead {
    pub role: Role,
    /// Dotted, for messages (`data.status`).
    pub path: String,
    /// The same path by segment.
    pub segments: Vec<String>,
    /// The field is of type `amount`: in the spec's amount encoding (minor units too).
    pub amount: bool,
}

impl MessagePlan {
    fn new(
        spec: &CompiledSpec,
        base: String,
        headers: &IndexMap<String, String>,
        header_parts: &IndexMap<String, HeaderParts>,
        fields: &IndexMap<String, Field>,
        reads: Reads,
    ) -> MessagePlan {
        let mut carriers: Vec<CarrierPlan> = headers
            .keys()
            .map(|h| {
                let path = format!("{base}.headers.{h}");
                CarrierPlan {
                    what: format!("header `{h}`"),
                    source: Source::Header(h.clone()),
                    parts: header_parts.get(h).cloned(),
                    template: spec.plan().id(&path),
                    path,
                }
            })
            .collect();
        for (name, f) in fields {
            if f.value.is_some() {
                let path = format!("{base}.body.fields.{name}.value");
                carriers.push(CarrierPlan {
                    what: format!("field `{name}`"),
                    source: Source::Field(name.clone()),
                    parts: None,
                    template: spec.plan().id(&path),
                    path,
                });
            }
        }
        let signed = carriers.iter().any(|c| {
            spec.info(&c.path)
                .is_some_and(|i| !i.signatures.is_empty() || !i.credentials.is_empty())
        });
        let cov = spec.coverage(&base);
        let mut paths = Vec::new();
        crate::extract::role_paths(fields, "", &mut paths);
        let roles = paths
            .into_iter()
            .filter_map(|(role, path, field)| {
                Some(RoleRead {
                    role: Role::of(role)?,
                    segments: path.split('.').map(str::to_string).collect(),
                    path,
                    amount: field.ty == FieldType::Amount,
                })
            })
            .collect();
        let unsigned = unsigned(cov, fields);
        let time_headers = headers
            .keys()
            .filter_map(|h| {
                let segments = spec
                    .info(&format!("{base}.headers.{h}"))?
                    .segments
                    .clone()?;
                let gives = segments
                    .iter()
                    .any(|s| matches!(s, Segment::Var(v) if v == "timestamp" || v == "nonce"));
                gives.then(|| (h.clone(), segments))
            })
            .collect();
        let declared_headers = headers
            .keys()
            .chain(header_parts.keys())
            .map(|h| h.to_ascii_lowercase())
            .collect();
        MessagePlan {
            carriers,
            roles,
            unsigned,
            reads_fields: cov.is_none_or(|c| c.reads_fields)
                || fields.values().any(|f| f.value.is_some()),
            signed,
            reads,
            time_headers,
            timestamp_covered: cov.is_some_and(|c| c.timestamp),
            nonce_covered: cov.is_some_and(|c| c.nonce),
            declared_headers,
            max_age: None,
            success: None,
            success_equals: None,
            base,
        }
    }

    /// The carriers of one received message: the plan's templates with the values received
    /// for them (`fields`: the parsed body's top-level fields; `None`: the headers' only).
    pub fn carriers<'a>(
        &'a self,
        headers: &'a [(String, String)],
        fields: Option<&JsonMap>,
    ) -> Carriers<'a> {
        self.carriers
            .iter()
            .filter(|c| fields.is_some() || matches!(c.source, Source::Header(_)))
            .map(|c| Carrier {
                path: Cow::Borrowed(c.path.as_str()),
                what: Cow::Borrowed(c.what.as_str()),
                received: match &c.source {
                    Source::Header(h) => verify::header(headers, h).map(Cow::Borrowed),
                    Source::Field(name) => fields
                        .and_then(|f| f.get(name))
                        .and_then(Json::scalar_text)
                        .map(Cow::Owned),
                },
                parts: c.parts.as_ref(),
                template: c.template,
            })
            .collect()
    }

    /// Whether reading the message looks at its headers: it declares some (a signature, a
    /// credential, a timestamp), or a recipe starts from one. Otherwise its headers need
    /// not be made into text.
    pub fn reads_headers(&self) -> bool {
        !self.declared_headers.is_empty() || self.reads.headers
    }

    /// The `{{ timestamp }}` and `{{ nonce }}` the received headers carry, each only when
    /// the signatures cover it (an unsigned one proves nothing).
    pub fn signed_time_and_nonce(
        &self,
        headers: &[(String, String)],
    ) -> (Option<String>, Option<String>) {
        let (mut timestamp, mut nonce) = (None, None);
        if !self.timestamp_covered && !self.nonce_covered {
            return (None, None);
        }
        for (h, segments) in &self.time_headers {
            let Some(received) = verify::header(headers, h) else {
                continue;
            };
            for (name, text) in
                payout_spec::template::read_back(segments, received).unwrap_or_default()
            {
                match name {
                    "timestamp" if self.timestamp_covered => timestamp = Some(text.to_string()),
                    "nonce" if self.nonce_covered => nonce = Some(text.to_string()),
                    _ => {}
                }
            }
        }
        (timestamp, nonce)
    }
}

/// The roles of `fields` no signature covers, unless the spec says why they are trusted.
fn unsigned(cov: Option<&Coverage>, fields: &IndexMap<String, Field>) -> Vec<(String, Role)> {
    let Some(cov) = cov else {
        return Vec::new();
    };
    coverage::unsigned_roles(cov, fields)
        .into_iter()
        .filter(|(_, _, field)| field.unsigned.is_none())
        .filter_map(|(path, role, _)| Some((path, Role::of(role)?)))
        .collect()
}

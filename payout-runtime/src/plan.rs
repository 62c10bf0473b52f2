//! The plan: what a spec's messages need at run time, worked out once when the spec is
//! compiled, so that no hot path looks anything up by a `format!`-built YAML path.
//!
//! Templates live in one `Vec` and are referred to by [`TemplateId`]. Each one knows the
//! names it reads, and a template that is only text and `{{ dotted.name }}` placeholders
//! renders by writing its pieces straight into one `String` ([`Template::plain`]) instead of
//! going through minijinja; the others render with a context holding only the roots they
//! read ([`Template::context`]). Per operation, response, webhook and recipe, the plan holds
//! the handles of the templates its building needs, in the order they are used. YAML paths
//! stay with each template, for error messages only.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::fmt;

use indexmap::IndexMap;
use minijinja::Value;
use payout_spec::template::{self, Analysis, Kind, Segment};
use payout_spec::{Field, FieldType, Json, JsonMap, Location, Spec};

use crate::context::{to_value, Message};
use crate::credentials::Credentials;
use crate::error::PayoutError;

/// A template of the plan, by its place in the plan's list. Handles are made only by the
/// plan and are only meaningful to the plan (the compiled spec) that made them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TemplateId(u32);

/// A signing recipe, by its place in the spec's `signing`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecipeId(pub(crate) u32);

impl RecipeId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What the runtime knows about one template without rendering it.
#[derive(Debug, Clone)]
pub struct TemplateInfo {
    /// Recipes whose results the template uses (`signatures.NAME`), computed first.
    pub signatures: Vec<String>,
    /// The template as text and placeholders, when it can be read back.
    pub segments: Option<Vec<Segment>>,
    /// Credentials it names (`credentials.NAME`).
    pub credentials: Vec<String>,
    /// Obtained values it names (`obtained.NAME`).
    pub obtained: Vec<String>,
}

/// One compiled template.
#[derive(Debug)]
pub struct Template {
    /// Its YAML path: its name in the minijinja environment, and what errors name.
    pub path: String,
    pub kind: Kind,
    pub info: TemplateInfo,
    /// Whether it names `{{ nonce }}`.
    pub uses_nonce: bool,
    /// The recipes it uses (`info.signatures`), by handle: computed before it renders.
    pub recipes: Vec<RecipeId>,
    /// Text and names, when it is nothing else: rendered without minijinja.
    plain: Option<Vec<Piece>>,
    /// The roots of a message context it reads, and which of their keys.
    reads: Vec<(Root, Scope)>,
    /// Every top-level name it reads, for templates over other contexts (a success
    /// predicate over an answer's fields).
    names: Vec<String>,
}

/// A piece of a plain template.
#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Name(Name),
}

/// A dotted name of a plain template: `body.amount`, `credentials.api_key`, `timestamp`.
#[derive(Debug, Clone)]
struct Name {
    root: Root,
    /// The key under a root that is a map (`amount` of `body.amount`).
    key: Option<String>,
    /// Attributes below the key (`bank.code` of `body.payee.bank.code`).
    rest: Vec<String>,
}

/// A top-level name of a message's template context (see `Message::context`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Root {
    Credentials,
    Body,
    Params,
    Query,
    Method,
    Path,
    Url,
    Signatures,
    Obtained,
    Challenge,
    Timestamp,
    Nonce,
    Input,
}

impl Root {
    fn of(name: &str) -> Option<Root> {
        Some(match name {
            "credentials" => Root::Credentials,
            "body" => Root::Body,
            "params" => Root::Params,
            "query" => Root::Query,
            "method" => Root::Method,
            "path" => Root::Path,
            "url" => Root::Url,
            "signatures" => Root::Signatures,
            "obtained" => Root::Obtained,
            "challenge" => Root::Challenge,
            "timestamp" => Root::Timestamp,
            "nonce" => Root::Nonce,
            "input" => Root::Input,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Root::Credentials => "credentials",
            Root::Body => "body",
            Root::Params => "params",
            Root::Query => "query",
            Root::Method => "method",
            Root::Path => "path",
            Root::Url => "url",
            Root::Signatures => "signatures",
            Root::Obtained => "obtained",
            Root::Challenge => "challenge",
            Root::Timestamp => "timestamp",
            Root::Nonce => "nonce",
            Root::Input => "input",
        }
    }

    /// Whether the root is a map of named values (else it is one text).
    fn is_map(self) -> bool {
        matches!(
            self,
            Root::Credentials
                | Root::Body
                | Root::Params
                | Root::Query
                | Root::Signatures
                | Root::Obtained
        )
    }
}

/// Which part of a root a template reads.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    /// The root itself (`{{ body | tojson }}`, a text root).
    Whole,
    /// Only these keys of a map root.
    Keys(Vec<String>),
}

/// What a message (a request, a response, a webhook) needs built: its header templates and
/// its computed fields, in spec order.
#[derive(Debug, Clone, Default)]
pub struct MessagePlan {
    /// The YAML path of the message (`operations.NAME`, `webhooks.NAME`), for errors.
    pub path: String,
    pub headers: Vec<(String, TemplateId)>,
    /// Top-level computed (`value:`) fields of the path parameters, query and body.
    pub computed: Vec<Computed>,
}

impl MessagePlan {
    /// The computed fields of one location.
    pub fn computed_in(&self, location: Location) -> impl Iterator<Item = &Computed> {
        self.computed.iter().filter(move |c| c.location == location)
    }
}

/// A field whose value a template computes.
#[derive(Debug, Clone)]
pub struct Computed {
    pub location: Location,
    pub name: String,
    pub template: TemplateId,
    /// Written as a JSON number (an `int` field), else as text.
    pub number: bool,
}

/// An operation's plan.
#[derive(Debug, Clone, Default)]
pub struct OperationPlan {
    /// The operation's name, shared by every request prepared for it.
    pub name: std::sync::Arc<str>,
    pub request: MessagePlan,
    /// `challenge.headers`: added when the request answers a gateway's challenge.
    pub challenge: Vec<(String, TemplateId)>,
    /// The response, as the sandbox builds it.
    pub response: MessagePlan,
    /// Whether a template of the request (or a recipe it uses) names `{{ nonce }}`.
    pub uses_nonce: bool,
    /// Whether anything reads the request's body by field name: a template (`body.X`), a
    /// recipe over its fields (canonical, form), a computed body field, a flow's key. When
    /// nothing does, the body is written straight into its bytes as it is validated and no
    /// map of its fields is built.
    pub body_by_name: bool,
    /// The key of each body field as a JSON body writes it (`"amount":`), written once.
    pub body_keys: Vec<String>,
    /// The response's `success` predicate.
    pub success: Option<TemplateId>,
    /// The name of the request field at each slot ([`payout_spec::Operation::request_fields`]), `None`
    /// for a computed one: what a typed request's slots are checked against.
    pub inputs: Vec<Option<String>>,
    /// The slots of the fields generated as a nonce when the input leaves them out.
    pub nonce_slots: Vec<usize>,
}

impl OperationPlan {
    /// Room for a JSON body's braces, keys, and quotes and commas around its values (the
    /// values themselves are added per request).
    pub fn body_room(&self) -> usize {
        2 + self.body_keys.iter().map(|k| k.len() + 3).sum::<usize>() + 16
    }
}

/// A recipe's plan: the template of each step that has one, and the recipes those use.
#[derive(Debug, Clone, Default)]
pub struct RecipePlan {
    pub steps: Vec<Option<TemplateId>>,
    /// The recipes its templates use, computed first.
    pub uses: Vec<RecipeId>,
}

/// What building one request uses (see [`Plan::request_reaches`]).
struct Reached {
    templates: Vec<TemplateId>,
    /// Recipes, by their place in the spec's `signing`.
    recipes: BTreeSet<usize>,
}

/// Every template of a spec and what each message needs of them.
#[derive(Debug, Default)]
pub struct Plan {
    templates: Vec<Template>,
    by_path: HashMap<String, TemplateId>,
    operations: IndexMap<String, OperationPlan>,
    webhooks: IndexMap<String, MessagePlan>,
    /// In the order of the spec's `signing`.
    recipes: Vec<RecipePlan>,
}

impl Plan {
    /// Analyses every template of a spec (their sources are compiled into minijinja by the
    /// caller, under the same paths).
    pub fn new(spec: &Spec) -> Result<Plan, PayoutError> {
        let mut plan = Plan::default();
        for u in template::uses(spec) {
            let analysis = if u.kind == Kind::Expression {
                template::analyze_expression(u.source)
            } else {
                template::analyze(u.source)
            }
            .map_err(|e| PayoutError::config(format!("{}: {e}", u.path)))?;
            let plain = match u.kind {
                Kind::Expression => None,
                _ => template::substitution(u.source).and_then(|s| pieces(&s)),
            };
            let signatures: Vec<String> = analysis.under("signatures").into_iter().collect();
            let t = Template {
                recipes: recipe_ids(spec, &signatures),
                uses_nonce: analysis.roots().contains("nonce"),
                info: TemplateInfo {
                    signatures,
                    segments: template::segments(u.source),
                    credentials: analysis.under("credentials").into_iter().collect(),
                    obtained: analysis.under("obtained").into_iter().collect(),
                },
                reads: reads(&analysis),
                names: analysis.roots().into_iter().collect(),
                plain,
                kind: u.kind,
                path: u.path,
            };
            let id = TemplateId(plan.templates.len() as u32);
            plan.by_path.insert(t.path.clone(), id);
            plan.templates.push(t);
        }
        for (name, recipe) in &spec.signing {
            let steps: Vec<Option<TemplateId>> = recipe
                .steps
                .iter()
                .enumerate()
                .map(|(i, step)| {
                    crate::signing::step_templates(name, i, step)
                        .first()
                        .and_then(|p| plan.id(p))
                })
                .collect();
            let dependencies: Vec<String> = steps
                .iter()
                .flatten()
                .flat_map(|id| plan.template(*id).info.signatures.iter().cloned())
                .collect();
            plan.recipes.push(RecipePlan {
                uses: recipe_ids(spec, &dependencies),
                steps,
            });
        }
        let no_fields = IndexMap::new();
        for (name, op) in &spec.operations {
            let base = format!("operations.{name}");
            let body = op.body.as_ref().map_or(&no_fields, |b| &b.fields);
            let request = plan.message(
                &base,
                &op.headers,
                &[
                    (Location::Path, &op.params),
                    (Location::Query, &op.query),
                    (Location::Body, body),
                ],
            );
            let challenge = op
                .challenge
                .iter()
                .flat_map(|c| c.headers.keys())
                .filter_map(|h| {
                    let id = plan.id(&format!("{base}.challenge.headers.{h}"))?;
                    Some((h.clone(), id))
                })
                .collect();
            let response_fields = op.response.body.as_ref().map_or(&no_fields, |b| &b.fields);
            let response = plan.message(
                &format!("{base}.response"),
                &op.response.headers,
                &[(Location::Body, response_fields)],
            );
            let mut op_plan = OperationPlan {
                name: name.as_str().into(),
                request,
                challenge,
                response,
                uses_nonce: false,
                body_by_name: false,
                body_keys: op.body.as_ref().map_or_else(Vec::new, |b| {
                    b.fields
                        .keys()
                        .map(|k| payout_spec::json::member_key(k, b.escape_slashes))
                        .collect()
                }),
                success: plan.id(&format!("{base}.response.success")),
                inputs: crate::request::input_names(op)
                    .map(|n| n.map(str::to_string))
                    .collect(),
                nonce_slots: op
                    .request_fields()
                    .enumerate()
                    .filter(|(_, (_, _, f))| f.generate == Some(payout_spec::Generator::Nonce))
                    .map(|(slot, _)| slot)
                    .collect(),
            };
            let reached = plan.request_reaches(&op_plan);
            op_plan.uses_nonce = reached
                .templates
                .iter()
                .any(|id| plan.template(*id).uses_nonce);
            op_plan.body_by_name = plan.reads_body_by_name(spec, name, &op_plan, &reached);
            plan.operations.insert(name.clone(), op_plan);
        }
        for (name, wh) in &spec.webhooks {
            let m = plan.message(
                &format!("webhooks.{name}"),
                &wh.headers,
                &[(Location::Body, &wh.body.fields)],
            );
            plan.webhooks.insert(name.clone(), m);
        }
        Ok(plan)
    }

    /// The plan of one message: its headers and computed fields by handle.
    fn message(
        &self,
        base: &str,
        headers: &IndexMap<String, String>,
        parts: &[(Location, &IndexMap<String, Field>)],
    ) -> MessagePlan {
        let headers = headers
            .keys()
            .filter_map(|h| Some((h.clone(), self.id(&format!("{base}.headers.{h}"))?)))
            .collect();
        let mut computed = Vec::new();
        for (location, fields) in parts {
            for (name, f) in fields.iter().filter(|(_, f)| !f.is_input()) {
                let path = format!("{base}.{}.{name}.value", location.key());
                if let Some(template) = self.id(&path) {
                    computed.push(Computed {
                        location: *location,
                        name: name.clone(),
                        template,
                        number: f.ty == FieldType::Int,
                    });
                }
            }
        }
        MessagePlan {
            path: base.to_string(),
            headers,
            computed,
        }
    }

    /// What building a request uses: the templates of its headers, challenge headers and
    /// computed fields, the recipes they name (directly or through other recipes), and
    /// those recipes' templates.
    fn request_reaches(&self, op: &OperationPlan) -> Reached {
        let mut templates: Vec<TemplateId> = op
            .request
            .headers
            .iter()
            .chain(&op.challenge)
            .map(|(_, id)| *id)
            .chain(op.request.computed.iter().map(|c| c.template))
            .collect();
        let mut todo: Vec<RecipeId> = templates
            .iter()
            .flat_map(|id| self.template(*id).recipes.iter().copied())
            .collect();
        let mut recipes = BTreeSet::new();
        while let Some(r) = todo.pop() {
            let Some(recipe) = self.recipes.get(r.index()) else {
                continue;
            };
            if !recipes.insert(r.index()) {
                continue;
            }
            templates.extend(recipe.steps.iter().flatten().copied());
            todo.extend(recipe.uses.iter().copied());
        }
        Reached { templates, recipes }
    }

    /// Whether building the operation's request (or a flow's key over it) reads its body
    /// by field name (see [`OperationPlan::body_by_name`]).
    fn reads_body_by_name(
        &self,
        spec: &Spec,
        op_name: &str,
        op: &OperationPlan,
        reached: &Reached,
    ) -> bool {
        let reads_body = |id: &TemplateId| {
            let t = self.template(*id);
            t.reads.iter().any(|(root, _)| *root == Root::Body)
                || t.names.iter().any(|n| n == "body")
        };
        let computed_body = op.request.computed_in(Location::Body).next().is_some();
        let recipe_over_fields = reached.recipes.iter().any(|i| {
            spec.signing.get_index(*i).is_some_and(|(_, recipe)| {
                recipe.steps.iter().any(|step| {
                    matches!(
                        step,
                        payout_spec::Step::Input(
                            payout_spec::Input::Canonical(_) | payout_spec::Input::Form
                        )
                    )
                })
            })
        });
        let flow_key = spec.obtained_by(op_name).any(|(name, _)| {
            self.id(&format!("obtain.{name}.key"))
                .is_some_and(|id| reads_body(&id))
        });
        computed_body || recipe_over_fields || flow_key || reached.templates.iter().any(reads_body)
    }

    pub fn template(&self, id: TemplateId) -> &Template {
        &self.templates[id.0 as usize]
    }

    /// The template at a YAML path (for the callers that still name templates by path:
    /// checks of received messages, the sandbox's replies).
    pub fn id(&self, path: &str) -> Option<TemplateId> {
        self.by_path.get(path).copied()
    }

    pub fn templates(&self) -> impl Iterator<Item = (TemplateId, &Template)> {
        self.templates
            .iter()
            .enumerate()
            .map(|(i, t)| (TemplateId(i as u32), t))
    }

    pub fn operation(&self, name: &str) -> Option<&OperationPlan> {
        self.operations.get(name)
    }

    /// The plan of the spec's `index`-th operation (plans are in the spec's order).
    pub fn operation_at(&self, index: usize) -> Option<&OperationPlan> {
        self.operations.get_index(index).map(|(_, p)| p)
    }

    pub fn webhook(&self, name: &str) -> Option<&MessagePlan> {
        self.webhooks.get(name)
    }

    /// A recipe's plan by its index in the spec's `signing`.
    pub fn recipe(&self, index: usize) -> Option<&RecipePlan> {
        self.recipes.get(index)
    }
}

/// The handles of the recipes named (names the spec has no recipe for are left out; the
/// checks refuse them, and rendering by name reports them).
fn recipe_ids(spec: &Spec, names: &[String]) -> Vec<RecipeId> {
    names
        .iter()
        .filter_map(|n| spec.signing.get_index_of(n))
        .map(|i| RecipeId(i as u32))
        .collect()
}

/// A plain template's pieces; `None` when a name is not one a message's context has in a
/// form written directly (a map root printed whole, an attribute of a text).
fn pieces(segments: &[Segment]) -> Option<Vec<Piece>> {
    segments
        .iter()
        .map(|s| match s {
            Segment::Literal(t) => Some(Piece::Text(t.clone())),
            Segment::Var(dotted) => {
                let mut parts = dotted.split('.');
                let root = Root::of(parts.next()?)?;
                let key = parts.next().map(str::to_string);
                let rest: Vec<String> = parts.map(str::to_string).collect();
                // A map is printed whole, or a text's attribute looked up, by minijinja.
                if root.is_map() != key.is_some() {
                    return None;
                }
                Some(Piece::Name(Name { root, key, rest }))
            }
        })
        .collect()
}

/// The roots a template reads and which of their keys (all of a root it names bare).
fn reads(a: &Analysis) -> Vec<(Root, Scope)> {
    let mut out: Vec<(Root, Scope)> = Vec::new();
    for v in &a.variables {
        let mut parts = v.split('.');
        let Some(root) = parts.next().and_then(Root::of) else {
            continue;
        };
        let key = parts.next().filter(|_| root.is_map());
        let at = match out.iter().position(|(r, _)| *r == root) {
            Some(at) => at,
            None => {
                out.push((root, Scope::Keys(Vec::new())));
                out.len() - 1
            }
        };
        match (&mut out[at].1, key) {
            (Scope::Keys(keys), Some(k)) => {
                if !keys.iter().any(|x| x == k) {
                    keys.push(k.to_string());
                }
            }
            (scope, None) => *scope = Scope::Whole,
            (Scope::Whole, Some(_)) => {}
        }
    }
    out
}

/// Where a template's names come from: one message, the credentials, and (in a recipe) the
/// previous step's value. `redacted` shows every secret as its `<redacted:...>` label.
#[derive(Clone, Copy)]
pub struct Values<'a> {
    pub msg: &'a Message,
    pub creds: &'a Credentials,
    pub input: Option<&'a str>,
    pub redacted: bool,
}

impl Template {
    /// Whether it renders without minijinja.
    pub fn is_plain(&self) -> bool {
        self.plain.is_some()
    }

    /// Renders a plain template by writing its pieces into one `String`. `None` when the
    /// template is not plain, or a value is missing or is not a scalar: minijinja then
    /// renders it, so its output and errors (strict undefined) are minijinja's own.
    pub fn plain(&self, v: &Values) -> Option<String> {
        let pieces = self.plain.as_ref()?;
        // Room for the text and a little per name, and for a recipe's whole input (the body
        // bytes it signs), so that the string seldom grows.
        let room: usize = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.len(),
                Piece::Name(n) if n.root == Root::Input => v.input.map_or(0, str::len),
                Piece::Name(_) => 40,
            })
            .sum();
        let mut out = String::with_capacity(room);
        self.write_plain(v, &mut out)?;
        Some(out)
    }

    /// Writes a plain template's pieces into `out`: a string, or a digest that takes the
    /// text as it is written (a recipe's `template` then `hash`, without the string to
    /// sign ever being built). `None` as for [`Template::plain`]; `out` may then hold part
    /// of the text.
    pub fn write_plain(&self, v: &Values, out: &mut impl fmt::Write) -> Option<()> {
        for p in self.plain.as_ref()? {
            match p {
                Piece::Text(t) => out.write_str(t).ok()?,
                Piece::Name(n) => write_name(out, n, v)?,
            }
        }
        Some(())
    }

    /// The template context holding only the roots this template reads (and of a map, only
    /// the keys it names); the same values `Message::context` would give them.
    pub fn context(&self, v: &Values) -> Value {
        let msg = v.msg;
        let mut ctx: Vec<(&str, Value)> = Vec::with_capacity(self.reads.len());
        for (root, scope) in &self.reads {
            let fields = |m: &JsonMap| -> Value {
                match scope {
                    Scope::Whole => crate::context::object(m),
                    Scope::Keys(keys) => keys
                        .iter()
                        .filter_map(|k| Some((k.as_str(), to_value(m.get(k)?))))
                        .collect(),
                }
            };
            let text = |s: &str| Some(Value::from(s));
            let value = match root {
                Root::Credentials => Some(v.creds.template_value(v.redacted).clone()),
                Root::Body => Some(fields(&msg.body)),
                Root::Params => Some(fields(&msg.params)),
                Root::Query => Some(fields(&msg.query)),
                Root::Method => text(&msg.method),
                Root::Path => text(&msg.path),
                Root::Url => text(&msg.url),
                Root::Signatures => Some(
                    msg.signatures
                        .iter()
                        .filter(|(k, _)| in_scope(scope, k))
                        .map(|(k, s)| (k.as_str(), Value::from(s.shown(v.redacted))))
                        .collect(),
                ),
                // Absent when no step obtained anything, as in `Message::context`.
                Root::Obtained if msg.obtained.is_empty() => None,
                Root::Obtained => Some(
                    msg.obtained
                        .iter()
                        .filter(|(k, _)| in_scope(scope, k))
                        .map(|(k, o)| (k.as_str(), Value::from(o.shown(k, v.redacted))))
                        .collect(),
                ),
                Root::Challenge => msg.challenge.as_deref().and_then(text),
                Root::Timestamp => msg.timestamp.as_deref().and_then(text),
                Root::Nonce => msg.nonce.as_deref().and_then(text),
                Root::Input => v.input.and_then(text),
            };
            if let Some(value) = value {
                ctx.push((root.name(), value));
            }
        }
        ctx.into_iter().collect()
    }
}

impl Template {
    /// The context of a template over a JSON object's top-level fields (an answer, for its
    /// success predicate) and a few more names: only the names it reads are converted.
    /// `extra` wins over a field of the same name.
    pub fn context_over(&self, fields: Option<&JsonMap>, extra: &[(&str, Value)]) -> Value {
        self.names
            .iter()
            .filter_map(|n| {
                let v = match extra.iter().find(|(k, _)| k == n) {
                    Some((_, v)) => v.clone(),
                    None => to_value(fields?.get(n)?),
                };
                Some((n.as_str(), v))
            })
            .collect()
    }
}

fn in_scope(scope: &Scope, key: &str) -> bool {
    match scope {
        Scope::Whole => true,
        Scope::Keys(keys) => keys.iter().any(|k| k == key),
    }
}

/// Writes one name's value as minijinja prints it; `None` when it is missing or not a
/// scalar (minijinja then renders the template, and says what is wrong).
fn write_name(out: &mut impl fmt::Write, n: &Name, v: &Values) -> Option<()> {
    let msg = v.msg;
    fn json<'m>(m: &'m JsonMap, n: &Name) -> Option<&'m Json> {
        let mut cur = m.get(n.key.as_deref()?)?;
        for attr in &n.rest {
            cur = cur.as_object()?.get(attr)?;
        }
        Some(cur)
    }
    let text: Cow<str> = match n.root {
        Root::Body => return write_scalar(out, json(&msg.body, n)?),
        Root::Params => return write_scalar(out, json(&msg.params, n)?),
        Root::Query => return write_scalar(out, json(&msg.query, n)?),
        // Every other root holds text, which has no attributes.
        _ if !n.rest.is_empty() => return None,
        Root::Credentials => {
            let key = n.key.as_deref()?;
            if v.redacted {
                v.creds.shown(key)?
            } else {
                Cow::Borrowed(v.creds.get(key)?.expose())
            }
        }
        Root::Signatures => Cow::Borrowed(msg.signatures.get(n.key.as_deref()?)?.shown(v.redacted)),
        Root::Obtained => {
            let key = n.key.as_deref()?;
            msg.obtained.get(key)?.shown(key, v.redacted)
        }
        Root::Method => Cow::Borrowed(&*msg.method),
        Root::Path => Cow::Borrowed(msg.path.as_str()),
        Root::Url => Cow::Borrowed(msg.url.as_str()),
        Root::Challenge => Cow::Borrowed(msg.challenge.as_deref()?),
        Root::Timestamp => Cow::Borrowed(msg.timestamp.as_deref()?),
        Root::Nonce => Cow::Borrowed(msg.nonce.as_deref()?),
        Root::Input => Cow::Borrowed(v.input?),
    };
    out.write_str(&text).ok()
}

/// A JSON text or number as minijinja prints the value `to_value` makes of it: whole
/// numbers as integers, other numbers as the text the gateway wrote.
fn write_scalar(out: &mut impl fmt::Write, j: &Json) -> Option<()> {
    match j {
        Json::String(s) => out.write_str(s).ok(),
        Json::Number(n) => match n.parse::<i64>() {
            Ok(i) => write!(out, "{i}").ok(),
            Err(_) => out.write_str(n).ok(),
        },
        // minijinja's own spelling of these (`True`, `none`) is left to it.
        Json::Bool(_) | Json::Null | Json::Array(_) | Json::Object(_) => None,
    }
}

#[cfg(test)]
mod tests {
    //! The plain renderer and the narrowed contexts against minijinja with a message's whole
    //! context (what every template was rendered with before the plan): on every template
    //! of every spec in `specs/`, with values of every kind, redacted and not, and with each
    //! name missing in turn. Any difference fails.

    use super::*;
    use crate::compiled::CompiledSpec;
    use crate::context::{ObtainedValue, Signature};
    use payout_spec::CredentialKind;

    /// The names a template reads, as (root, key, attributes below it).
    fn names(t: &Template) -> Vec<(Root, Option<String>, Vec<String>)> {
        match &t.plain {
            Some(pieces) => pieces
                .iter()
                .filter_map(|p| match p {
                    Piece::Name(n) => Some((n.root, n.key.clone(), n.rest.clone())),
                    Piece::Text(_) => None,
                })
                .collect(),
            None => t
                .reads
                .iter()
                .flat_map(|(root, scope)| match scope {
                    Scope::Keys(keys) if !keys.is_empty() => keys
                        .iter()
                        .map(|k| (*root, Some(k.clone()), Vec::new()))
                        .collect(),
                    _ if root.is_map() => vec![(*root, Some("whole".to_string()), Vec::new())],
                    _ => vec![(*root, None, Vec::new())],
                })
                .collect(),
        }
    }

    /// What a message holds for one of the value kinds the test goes through.
    fn value(kind: usize, name: &str) -> Json {
        match kind {
            0 => Json::String(format!("v-{name} & <b> \"q\" é")),
            1 => Json::Number("42".into()),
            2 => Json::Number("10.50".into()),
            3 => Json::Number("-0".into()),
            4 => Json::Number("1e3".into()),
            5 => Json::Bool(true),
            6 => Json::Null,
            _ => Json::String(String::new()),
        }
    }
    const KINDS: usize = 8;

    /// A message, credentials and input giving every name of `names` a value (`kind` for
    /// fields), leaving out the `missing`-th name.
    fn fill(
        spec: &CompiledSpec,
        names: &[(Root, Option<String>, Vec<String>)],
        kind: usize,
        missing: Option<usize>,
    ) -> (Message, Credentials, Option<String>) {
        let mut msg = Message {
            method: "POST".into(),
            path: "/p/1".into(),
            url: "https://h.example/p/1?a=b".into(),
            ..Message::default()
        };
        let mut creds = IndexMap::new();
        let mut input = None;
        for (i, (root, key, rest)) in names.iter().enumerate() {
            if Some(i) == missing {
                continue;
            }
            let k = key.clone().unwrap_or_default();
            let text = format!("t-{k}");
            let mut v = value(kind, &k);
            for attr in rest.iter().rev() {
                v = Json::Object([(attr.clone(), v)].into_iter().collect());
            }
            match root {
                Root::Body => drop(msg.body.insert(k, v)),
                Root::Params => drop(msg.params.insert(k, v)),
                Root::Query => drop(msg.query.insert(k, v)),
                Root::Credentials => drop(creds.insert(k, text)),
                Root::Signatures => {
                    // Every other one reveals a secret (a Basic auth value).
                    let redacted = (i % 2 == 0).then(|| crate::redact::label("secret"));
                    msg.signatures.insert(k, Signature { text, redacted });
                }
                Root::Obtained => {
                    let secret = i % 2 == 0;
                    msg.obtained.insert(k, ObtainedValue { text, secret });
                }
                Root::Method | Root::Path | Root::Url => {}
                Root::Challenge => msg.challenge = Some("ch-1".into()),
                Root::Timestamp => msg.timestamp = Some("1714131228114".into()),
                Root::Nonce => msg.nonce = Some("n0nce".into()),
                Root::Input => input = Some("in&put".to_string()),
            }
        }
        // Only text credentials the spec declares; the others cannot be given as text.
        creds.retain(|name, _| {
            spec.spec()
                .credentials
                .get(name)
                .is_some_and(|c| c.kind == CredentialKind::Text)
        });
        let creds = Credentials::subset(spec.spec(), creds).expect("text credentials");
        (msg, creds, input)
    }

    /// Whether a plain template names a field (whose value may be a bool or null, which
    /// minijinja prints itself).
    fn reads_fields(t: &Template) -> bool {
        names(t)
            .iter()
            .any(|(r, _, _)| matches!(r, Root::Body | Root::Params | Root::Query))
    }

    /// A success predicate over an answer's fields (only those it reads) against the whole
    /// answer, with values of every kind, each name missing in turn, and fields it does not
    /// read; returns how many evaluations were compared.
    fn check_predicate(spec: &CompiledSpec, id: TemplateId, t: &Template) -> usize {
        let mut compared = 0;
        for kind in 0..KINDS {
            for missing in std::iter::once(None).chain((0..t.names.len()).map(Some)) {
                let mut fields: JsonMap = t
                    .names
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| Some(*i) != missing)
                    .map(|(_, n)| (n.clone(), value(kind, n)))
                    .collect();
                fields.insert("unread".into(), Json::Number("1".into()));
                for status in [200u16, 201] {
                    let extra = [("http_status", Value::from(status))];
                    let mut whole: Vec<(String, Value)> = fields
                        .iter()
                        .map(|(k, v)| (k.clone(), to_value(v)))
                        .collect();
                    whole.push(("http_status".into(), Value::from(status)));
                    let whole: Value = whole.into_iter().collect();
                    assert_eq!(
                        spec.render_over(id, Some(&fields), &extra),
                        spec.render(&t.path, &whole),
                        "{}: values of kind {kind}, name {missing:?} missing",
                        t.path
                    );
                    compared += 1;
                }
            }
        }
        compared
    }

    /// Which requests are written straight into their bytes: those whose body nothing
    /// reads by name. Each reason to keep the fields by name appears among the specs: a
    /// recipe over the sorted fields (TeemoPay), a template over `body.X` (TecPay's
    /// `post_hash`), a flow's key over the body (Paystack's recipient, Wise's recipient and
    /// transfer), a header over a nested field (Stripe's idempotency key).
    #[test]
    fn a_body_nothing_reads_by_name_is_written_straight() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
        let by_name = |file: &str, op: &str| {
            let spec = CompiledSpec::from_file(dir.join(file)).expect("a spec of specs/");
            spec.plan()
                .operation(op)
                .unwrap_or_else(|| panic!("{file}: no operation {op}"))
                .body_by_name
        };
        assert!(!by_name("cashy.yaml", "create_payout"));
        assert!(!by_name("cashy.yaml", "query_payout"));
        assert!(by_name("teemopay.yaml", "create_payout"));
        assert!(by_name("tecpay.yaml", "query_payout"));
        assert!(by_name("paystack.yaml", "create_recipient"));
        assert!(by_name("wise.yaml", "create_recipient"));
        assert!(by_name("wise.yaml", "create_transfer"));
        assert!(by_name("stripe.yaml", "create_payout"));
    }

    #[test]
    fn plain_and_narrowed_rendering_equal_minijinja_on_every_spec() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
        let mut specs: Vec<_> = std::fs::read_dir(&dir)
            .expect("specs/")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        specs.sort();
        let (mut plain, mut narrowed, mut compared, mut predicates) = (0, 0, 0, 0);
        for path in &specs {
            let spec = CompiledSpec::from_file(path).expect("a spec of specs/ compiles");
            for (id, t) in spec.plan().templates() {
                if t.kind == Kind::Expression {
                    predicates += check_predicate(&spec, id, t);
                    continue;
                }
                // `derive` and sandbox replies are not message templates.
                if matches!(t.kind, Kind::Derive | Kind::SandboxReply) {
                    continue;
                }
                let names = names(t);
                let mut cases: Vec<(usize, Option<usize>)> =
                    (0..KINDS).map(|k| (k, None)).collect();
                cases.extend((0..names.len()).map(|m| (0, Some(m))));
                for (kind, missing) in cases {
                    let (msg, creds, input) = fill(&spec, &names, kind, missing);
                    for redacted in [false, true] {
                        let values = Values {
                            msg: &msg,
                            creds: &creds,
                            input: input.as_deref(),
                            redacted,
                        };
                        let whole = msg.context(&creds, redacted, input.as_deref());
                        let want = spec.render(&t.path, &whole);
                        let got = spec.render_template(id, &values);
                        assert_eq!(
                            got,
                            want,
                            "{}: {} (values of kind {kind}, name {missing:?} missing, redacted {redacted})",
                            path.display(),
                            t.path
                        );
                        compared += 1;
                        let scalar = !matches!(value(kind, ""), Json::Bool(_) | Json::Null);
                        if t.is_plain() && want.is_ok() && (scalar || !reads_fields(t)) {
                            // Rendered by the plain path, not by falling back.
                            assert_eq!(t.plain(&values), Some(want.clone().unwrap_or_default()));
                            plain += 1;
                        } else if !t.is_plain() {
                            narrowed += 1;
                        }
                    }
                }
            }
        }
        eprintln!(
            "{} specs: {compared} renderings compared, {plain} by the plain path, \
             {narrowed} with narrowed contexts; {predicates} success predicates evaluated",
            specs.len()
        );
        // Every spec was read and both renderers had work: the test cannot pass empty.
        assert!(specs.len() >= 9, "{specs:?}");
        assert!(
            plain > 1000 && narrowed > 10 && predicates > 50,
            "{plain} plain, {narrowed} narrowed of {compared}"
        );
    }
}

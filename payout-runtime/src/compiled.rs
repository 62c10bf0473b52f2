//! A spec made ready to run: every template compiled once, when the spec is loaded.

use std::collections::HashMap;
use std::path::Path;

use minijinja::Environment;
use payout_spec::coverage::{self, Coverage};
use payout_spec::template::{self, Kind};
use payout_spec::{LoadError, Spec};

use crate::error::PayoutError;
pub use crate::plan::TemplateInfo;
use crate::plan::{Plan, TemplateId, Values};

/// A checked spec with its templates compiled and its plan made. Shared by every request
/// of a client.
pub struct CompiledSpec {
    spec: Spec,
    env: Environment<'static>,
    plan: Plan,
    /// What the signatures of each received message cover, by its YAML path
    /// (`webhooks.NAME`, `operations.NAME.response`).
    coverage: HashMap<String, Coverage>,
    /// Per operation, the obtained values its flow fetches first, in order.
    flows: HashMap<String, Vec<String>>,
    /// How its webhooks and answers are read, worked out on first use.
    received: std::sync::OnceLock<crate::received::Plans>,
}

impl std::fmt::Debug for CompiledSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledSpec")
            .field("provider", &self.spec.provider.id)
            .field("templates", &self.plan.templates().count())
            .finish()
    }
}

impl CompiledSpec {
    /// Compiles a spec that passed the checks. Templates are named by their YAML path.
    pub fn new(spec: Spec) -> Result<Self, PayoutError> {
        let mut env = template::environment();
        for u in template::uses(&spec) {
            // An expression becomes a template printing `true` or `false`, so that it is
            // compiled once and owned by the environment like every other template.
            let source = if u.kind == Kind::Expression {
                format!("{{% if {} %}}true{{% else %}}false{{% endif %}}", u.source)
            } else {
                u.source.to_string()
            };
            if u.kind == Kind::Derive {
                // Also under its source: the unified mapping renders it by the field.
                env.add_template_owned(crate::mapping::derive_name(u.source), source.clone())
                    .map_err(|e| PayoutError::config(format!("{}: {e}", u.path)))?;
            }
            env.add_template_owned(u.path.clone(), source)
                .map_err(|e| PayoutError::config(format!("{}: {e}", u.path)))?;
        }
        let plan = Plan::new(&spec)?;
        let coverage = received_coverage(&spec);
        let mut flows = HashMap::new();
        for op in spec.operations.keys() {
            let order = payout_spec::flows::order(&spec, op).map_err(|cycle| {
                PayoutError::config(format!(
                    "operations.{op}: its steps need each other: {cycle}"
                ))
            })?;
            if !order.is_empty() {
                flows.insert(op.clone(), order);
            }
        }
        Ok(CompiledSpec {
            flows,
            spec,
            env,
            plan,
            coverage,
            received: std::sync::OnceLock::new(),
        })
    }

    /// How its received messages (webhooks, answers) are read: planned once per spec.
    pub fn received(&self) -> &crate::received::Plans {
        self.received
            .get_or_init(|| crate::received::Plans::new(self))
    }

    /// Loads, checks and compiles a spec file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, SpecError> {
        let loaded = payout_spec::load_file(path).map_err(SpecError::Invalid)?;
        CompiledSpec::new(loaded.spec).map_err(SpecError::Compile)
    }

    /// Compiles a spec embedded by `payout::provider!` (the checked model, as JSON): no
    /// YAML is parsed and no file is read.
    pub fn from_embedded(json: &str) -> Result<Self, PayoutError> {
        let spec = payout_spec::from_embedded(json).map_err(PayoutError::config)?;
        CompiledSpec::new(spec)
    }

    /// Loads, checks and compiles a spec given as text.
    pub fn from_str(src: &str, name: &str) -> Result<Self, SpecError> {
        let loaded = payout_spec::load_str(src, name).map_err(SpecError::Invalid)?;
        CompiledSpec::new(loaded.spec).map_err(SpecError::Compile)
    }

    pub fn spec(&self) -> &Spec {
        &self.spec
    }

    /// The plan: templates by handle, and what each message needs of them.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn info(&self, path: &str) -> Option<&TemplateInfo> {
        Some(&self.plan.template(self.plan.id(path)?).info)
    }

    /// The obtained values an operation's flow fetches before it, in order (empty when the
    /// operation stands alone).
    pub fn flow(&self, op_name: &str) -> &[String] {
        self.flows.get(op_name).map_or(&[], Vec::as_slice)
    }

    /// What the signatures of a received message cover (`webhooks.NAME`,
    /// `operations.NAME.response`).
    pub fn coverage(&self, message: &str) -> Option<&Coverage> {
        self.coverage.get(message)
    }

    /// Whether a template exists at this YAML path.
    pub fn has(&self, path: &str) -> bool {
        self.plan.id(path).is_some()
    }

    /// Renders the template at a YAML path with a context the caller built (templates
    /// that do not read a message: success predicates, `derive`, sandbox replies).
    pub fn render(&self, path: &str, ctx: &minijinja::Value) -> Result<String, String> {
        let t = self
            .env
            .get_template(path)
            .map_err(|_| format!("no template at `{path}`"))?;
        t.render(ctx).map_err(template::describe)
    }

    /// Renders a template over a JSON object's top-level fields and a few more names (a
    /// success predicate over an answer and its `http_status`), converting only the names
    /// it reads.
    pub fn render_over(
        &self,
        id: TemplateId,
        fields: Option<&payout_spec::JsonMap>,
        extra: &[(&str, minijinja::Value)],
    ) -> Result<String, String> {
        let t = self.plan.template(id);
        self.render(&t.path, &t.context_over(fields, extra))
    }

    /// Renders a message template: a plain one by writing its pieces, any other through
    /// minijinja with a context of only the names it reads. The output and errors are
    /// those minijinja gives with the message's whole context.
    pub fn render_template(&self, id: TemplateId, values: &Values) -> Result<String, String> {
        let t = self.plan.template(id);
        if let Some(out) = t.plain(values) {
            return Ok(out);
        }
        self.render(&t.path, &t.context(values))
    }
}

/// The coverage of every webhook and response of the spec.
fn received_coverage(spec: &Spec) -> HashMap<String, Coverage> {
    let mut out = HashMap::new();
    for (name, wh) in &spec.webhooks {
        let cov = coverage::of_message(spec, &wh.headers, &wh.body.fields);
        out.insert(format!("webhooks.{name}"), cov);
    }
    let no_fields = indexmap::IndexMap::new();
    for (name, op) in &spec.operations {
        let fields = op.response.body.as_ref().map_or(&no_fields, |b| &b.fields);
        let cov = coverage::of_message(spec, &op.response.headers, fields);
        out.insert(format!("operations.{name}.response"), cov);
    }
    out
}

/// A spec that could not be used.
#[derive(Debug, Clone)]
pub enum SpecError {
    /// The spec has errors; each diagnostic says where.
    Invalid(LoadError),
    Compile(PayoutError),
}

impl std::fmt::Display for SpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SpecError::Invalid(e) => write!(f, "{e}"),
            SpecError::Compile(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for SpecError {}

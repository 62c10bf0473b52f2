//! A spec made ready to run: every template compiled once, when the spec is loaded.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use minijinja::Environment;
use payout_spec::coverage::{self, Coverage};
use payout_spec::template::{self, Kind, Segment};
use payout_spec::{LoadError, Spec};

use crate::error::PayoutError;

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

/// A checked spec with its templates compiled. Shared by every request of a client.
pub struct CompiledSpec {
    spec: Spec,
    env: Environment<'static>,
    info: HashMap<String, TemplateInfo>,
    /// Per recipe, the recipes its templates use (computed first).
    dependencies: HashMap<String, Vec<String>>,
    /// Operations whose request templates (or the recipes they use) name `{{ nonce }}`.
    nonce_operations: HashSet<String>,
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
            .field("templates", &self.info.len())
            .finish()
    }
}

impl CompiledSpec {
    /// Compiles a spec that passed the checks. Templates are named by their YAML path.
    pub fn new(spec: Spec) -> Result<Self, PayoutError> {
        let mut env = template::environment();
        let mut info = HashMap::new();
        // Templates naming `{{ nonce }}`, for `nonce_operations` below.
        let mut use_nonce = HashSet::new();
        for u in template::uses(&spec) {
            let analysis = if u.kind == Kind::Expression {
                template::analyze_expression(u.source)
            } else {
                template::analyze(u.source)
            }
            .map_err(|e| PayoutError::config(format!("{}: {e}", u.path)))?;
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
            if analysis.roots().contains("nonce") {
                use_nonce.insert(u.path.clone());
            }
            info.insert(
                u.path.clone(),
                TemplateInfo {
                    signatures: analysis.under("signatures").into_iter().collect(),
                    segments: template::segments(u.source),
                    credentials: analysis.under("credentials").into_iter().collect(),
                    obtained: analysis.under("obtained").into_iter().collect(),
                },
            );
        }
        let dependencies = recipe_dependencies(&spec, &info);
        let nonce_operations = spec
            .operations
            .keys()
            .filter(|op| request_uses_nonce(op, &info, &dependencies, &use_nonce))
            .cloned()
            .collect();
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
            info,
            dependencies,
            nonce_operations,
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

    pub fn info(&self, path: &str) -> Option<&TemplateInfo> {
        self.info.get(path)
    }

    /// Whether a template of this operation's request (a header, a computed field, or a
    /// recipe they use) names `{{ nonce }}`.
    pub fn request_templates_use_nonce(&self, op_name: &str) -> bool {
        self.nonce_operations.contains(op_name)
    }

    /// The obtained values an operation's flow fetches before it, in order (empty when the
    /// operation stands alone).
    pub fn flow(&self, op_name: &str) -> &[String] {
        self.flows.get(op_name).map_or(&[], Vec::as_slice)
    }

    /// The recipes a recipe's templates use, which must be computed before it.
    pub fn recipe_dependencies(&self, recipe: &str) -> &[String] {
        self.dependencies.get(recipe).map_or(&[], Vec::as_slice)
    }

    /// What the signatures of a received message cover (`webhooks.NAME`,
    /// `operations.NAME.response`).
    pub fn coverage(&self, message: &str) -> Option<&Coverage> {
        self.coverage.get(message)
    }

    /// Whether a template exists at this YAML path.
    pub fn has(&self, path: &str) -> bool {
        self.info.contains_key(path)
    }

    /// Renders the template at a YAML path.
    pub fn render(&self, path: &str, ctx: &minijinja::Value) -> Result<String, String> {
        let t = self
            .env
            .get_template(path)
            .map_err(|_| format!("no template at `{path}`"))?;
        t.render(ctx).map_err(template::describe)
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

/// Per recipe, the recipes its templates use.
fn recipe_dependencies(
    spec: &Spec,
    info: &HashMap<String, TemplateInfo>,
) -> HashMap<String, Vec<String>> {
    spec.signing
        .iter()
        .map(|(name, recipe)| {
            let deps = recipe
                .steps
                .iter()
                .enumerate()
                .flat_map(|(i, step)| crate::signing::step_templates(name, i, step))
                .filter_map(|path| info.get(&path))
                .flat_map(|i| i.signatures.iter().cloned())
                .collect();
            (name.clone(), deps)
        })
        .collect()
}

/// Whether a template of the operation's request, or of a recipe it uses (directly or
/// through other recipes), names `{{ nonce }}`.
fn request_uses_nonce(
    op: &str,
    info: &HashMap<String, TemplateInfo>,
    dependencies: &HashMap<String, Vec<String>>,
    use_nonce: &HashSet<String>,
) -> bool {
    let prefix = format!("operations.{op}.");
    let request = |path: &&String| {
        path.strip_prefix(&prefix)
            .is_some_and(|rest| !rest.starts_with("response"))
    };
    if use_nonce.iter().any(|p| request(&p)) {
        return true;
    }
    let mut todo: Vec<&str> = info
        .iter()
        .filter(|(p, _)| request(p))
        .flat_map(|(_, i)| i.signatures.iter().map(String::as_str))
        .collect();
    let mut seen = BTreeSet::new();
    while let Some(r) = todo.pop() {
        if !seen.insert(r) {
            continue;
        }
        let recipe_prefix = format!("signing.{r}.");
        if use_nonce.iter().any(|p| p.starts_with(&recipe_prefix)) {
            return true;
        }
        todo.extend(
            dependencies
                .get(r)
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
    }
    false
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

//! A spec made ready to run: every template compiled once, when the spec is loaded.

use std::collections::HashMap;
use std::path::Path;

use minijinja::Environment;
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
    /// Top-level names it uses (`nonce`, `timestamp`, `credentials`...).
    pub roots: Vec<String>,
    /// Credentials it names (`credentials.NAME`).
    pub credentials: Vec<String>,
}

/// A checked spec with its templates compiled. Shared by every request of a client.
pub struct CompiledSpec {
    spec: Spec,
    env: Environment<'static>,
    info: HashMap<String, TemplateInfo>,
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
            env.add_template_owned(u.path.clone(), source)
                .map_err(|e| PayoutError::config(format!("{}: {e}", u.path)))?;
            info.insert(
                u.path.clone(),
                TemplateInfo {
                    signatures: analysis.under("signatures").into_iter().collect(),
                    segments: template::segments(u.source),
                    roots: analysis.roots().into_iter().collect(),
                    credentials: analysis.under("credentials").into_iter().collect(),
                },
            );
        }
        Ok(CompiledSpec { spec, env, info })
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
        let prefix = format!("operations.{op_name}.");
        let mut todo: Vec<&str> = Vec::new();
        let mut recipes: Vec<String> = Vec::new();
        for (path, info) in &self.info {
            if path.starts_with(&prefix) && !path[prefix.len()..].starts_with("response") {
                if info.roots.iter().any(|r| r == "nonce") {
                    return true;
                }
                recipes.extend(info.signatures.iter().cloned());
            }
        }
        todo.extend(recipes.iter().map(String::as_str));
        let mut seen = std::collections::HashSet::new();
        while let Some(r) = todo.pop() {
            if !seen.insert(r) {
                continue;
            }
            let recipe_prefix = format!("signing.{r}.");
            for (path, info) in &self.info {
                if path.starts_with(&recipe_prefix) {
                    if info.roots.iter().any(|x| x == "nonce") {
                        return true;
                    }
                    todo.extend(info.signatures.iter().map(String::as_str));
                }
            }
        }
        false
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
        t.render(ctx).map_err(describe)
    }
}

/// minijinja's message with its detail ("undefined value" + what).
pub(crate) fn describe(e: minijinja::Error) -> String {
    match e.detail() {
        Some(d) => format!("{} ({d})", e.kind()),
        None => e.kind().to_string(),
    }
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

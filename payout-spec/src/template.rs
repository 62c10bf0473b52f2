//! Templates: the one minijinja configuration shared by checks and the runtime, and the
//! static analysis the checks need.
//!
//! Templates only build strings. They are compiled when a spec is loaded, with strict
//! undefined (a missing name is an error, never an empty string), no auto-escaping, and
//! trailing newlines kept, so `"{{ a }}\n"` signs the newline it shows.

use std::collections::BTreeSet;

use indexmap::IndexMap;
use minijinja::{Environment, UndefinedBehavior};

use crate::check::walk_fields;
use crate::json::Json;
use crate::model::{Field, Spec, Step};

/// The environment every payout template is compiled in.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.set_keep_trailing_newline(true);
    crate::filters::register(&mut env);
    env
}

/// What a name in a template is used as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Callable {
    /// `x | NAME`
    Filter,
    /// `x is NAME`
    Test,
    /// `NAME(...)`
    Function,
}

impl Callable {
    pub fn noun(self) -> &'static str {
        match self {
            Callable::Filter => "filter",
            Callable::Test => "test",
            Callable::Function => "function",
        }
    }
}

/// One filter, test or function a template calls, with where it is in the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub kind: Callable,
    pub name: String,
    /// 1-based line and column inside the template, when minijinja recorded them.
    pub at: Option<(usize, usize)>,
    /// The last argument when it is a string literal (`strftime("%Y")` → `%Y`), so that
    /// lint can check it.
    pub literal_arg: Option<String>,
}

/// Every filter, test and function a template (or, with `expression`, an expression)
/// calls, read from minijinja's compiled instructions so that nothing the renderer would
/// look up is missed. Functions the template defines itself (macros, `set`) are left out.
pub fn calls(source: &str, expression: bool) -> Result<Vec<Call>, String> {
    use minijinja::machinery::{get_compiled_template, Instruction};
    let wrapped;
    let source = if expression {
        wrapped = format!("{{% if {source} %}}{{% endif %}}");
        wrapped.as_str()
    } else {
        source
    };
    let env = environment();
    let tmpl = env.template_from_str(source).map_err(describe)?;
    let compiled = get_compiled_template(&tmpl);
    let mut out = Vec::new();
    let mut local = BTreeSet::new();
    for instructions in std::iter::once(&compiled.instructions).chain(compiled.blocks.values()) {
        for idx in 0..instructions.len() {
            let Some(instr) = instructions.get(idx as u32) else {
                continue;
            };
            let (kind, name) = match instr {
                Instruction::ApplyFilter(n, ..) => (Callable::Filter, *n),
                Instruction::PerformTest(n, ..) => (Callable::Test, *n),
                Instruction::CallFunction(n, ..) => (Callable::Function, *n),
                Instruction::StoreLocal(n) | Instruction::BuildMacro(n, ..) => {
                    local.insert(n.to_string());
                    continue;
                }
                _ => continue,
            };
            let at = instructions.get_span(idx as u32).map(|s| {
                // An expression sits after the `{% if ` we wrapped it in.
                let shift = if expression && s.start_line == 1 {
                    6
                } else {
                    0
                };
                (
                    s.start_line as usize,
                    (s.start_col as usize + 1).saturating_sub(shift),
                )
            });
            // A literal argument is loaded just before the call.
            let literal_arg = idx
                .checked_sub(1)
                .and_then(|i| instructions.get(i as u32))
                .and_then(|prev| match prev {
                    Instruction::LoadConst(v) => v.as_str().map(str::to_string),
                    _ => None,
                });
            out.push(Call {
                kind,
                name: name.to_string(),
                at,
                literal_arg,
            });
        }
    }
    out.retain(|c| !(c.kind == Callable::Function && local.contains(&c.name)));
    Ok(out)
}

/// Whether the environment every template runs in has a filter, test or function of
/// this name: asked of minijinja itself (`is filter`, `is test`, its globals), so the
/// answer cannot drift from what rendering will find.
pub fn is_known(kind: Callable, name: &str) -> bool {
    let env = environment();
    let probe = match kind {
        Callable::Filter => "{% if n is filter %}yes{% endif %}",
        Callable::Test => "{% if n is test %}yes{% endif %}",
        Callable::Function => return env.globals().any(|(g, _)| g == name),
    };
    env.render_str(probe, minijinja::context! { n => name })
        .is_ok_and(|s| s == "yes")
}

/// Names to suggest for a misspelt one: payout's own filters and minijinja's built-ins
/// that suit building strings (the check itself asks the environment, see [`is_known`]).
pub fn suggestions(kind: Callable) -> Vec<&'static str> {
    match kind {
        Callable::Filter => {
            let mut v = crate::filters::NAMES.to_vec();
            v.extend([
                "lower",
                "upper",
                "title",
                "capitalize",
                "replace",
                "trim",
                "length",
                "join",
                "split",
                "default",
                "round",
                "abs",
                "int",
                "float",
                "string",
                "first",
                "last",
                "list",
                "format",
                "tojson",
                "indent",
                "sort",
                "reverse",
                "safe",
            ]);
            v
        }
        Callable::Test => vec![
            "defined",
            "undefined",
            "none",
            "number",
            "string",
            "integer",
            "float",
            "true",
            "false",
            "eq",
            "ne",
            "lt",
            "le",
            "gt",
            "ge",
            "in",
            "lower",
            "upper",
            "mapping",
            "sequence",
        ],
        Callable::Function => vec!["range", "dict", "namespace"],
    }
}

/// What a template refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// Dotted names looked up (`credentials.api_key`, `input`, `signatures.md5`).
    pub variables: BTreeSet<String>,
}

impl Analysis {
    /// Second-level names used under `root` (`credentials` → {`api_key`}).
    pub fn under(&self, root: &str) -> BTreeSet<String> {
        self.variables
            .iter()
            .filter_map(|v| v.strip_prefix(root)?.strip_prefix('.'))
            .map(|rest| rest.split('.').next().unwrap_or(rest).to_string())
            .collect()
    }

    /// Top-level names used.
    pub fn roots(&self) -> BTreeSet<String> {
        self.variables
            .iter()
            .map(|v| v.split('.').next().unwrap_or(v).to_string())
            .collect()
    }
}

/// Parses a template and lists the names it uses; the error is minijinja's message.
pub fn analyze(source: &str) -> Result<Analysis, String> {
    let env = environment();
    let tmpl = env.template_from_str(source).map_err(describe)?;
    Ok(Analysis {
        variables: tmpl.undeclared_variables(true).into_iter().collect(),
    })
}

/// Parses an expression (`code == 200`) and lists the names it uses.
pub fn analyze_expression(source: &str) -> Result<Analysis, String> {
    if let Some(end) = block_end(source) {
        // minijinja 2.24 panics ("empty lexer stack") on a block's end in an expression.
        return Err(format!(
            "syntax error (`{end}` ends a template block; an expression is written without `{{{{ }}}}`)"
        ));
    }
    let env = environment();
    let expr = env.compile_expression(source).map_err(describe)?;
    Ok(Analysis {
        variables: expr.undeclared_variables(true).into_iter().collect(),
    })
}

/// The first `}}`, `%}` or `#}` of an expression outside its string literals: an expression
/// never holds one, and minijinja's expression lexer panics on it rather than refusing it.
fn block_end(source: &str) -> Option<&'static str> {
    let mut quote = None;
    let mut escaped = false;
    let mut prev = '\0';
    for c in source.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match (prev, c) {
                (_, '"' | '\'') => quote = Some(c),
                ('}', '}') => return Some("}}"),
                ('%', '}') => return Some("%}"),
                ('#', '}') => return Some("#}"),
                _ => {}
            },
        }
        prev = if quote.is_some() { '\0' } else { c };
    }
    None
}

/// minijinja's message with its detail ("undefined value" + what).
pub fn describe(e: minijinja::Error) -> String {
    match e.detail() {
        Some(d) => format!("{} ({d})", e.kind()),
        None => e.kind().to_string(),
    }
}

/// A piece of a simple template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    /// `{{ a.b }}`: the dotted name.
    Var(String),
}

/// Splits a template made only of text and `{{ dotted.name }}` into segments, so a
/// received value can be read back into the names (EaniShop's
/// `V2_SHA256 appId={{ credentials.app_id }},sign={{ signatures.v2 }},...`). `None` for
/// templates with filters, blocks or expressions, which cannot be read back, and for two
/// placeholders side by side, which have no boundary to read them apart by.
pub fn segments(source: &str) -> Option<Vec<Segment>> {
    let out = substitution(source)?;
    let adjacent = out
        .windows(2)
        .any(|w| matches!(w, [Segment::Var(_), Segment::Var(_)]));
    (!adjacent).then_some(out)
}

/// Splits a template made only of text and `{{ dotted.name }}` placeholders (a plain
/// substitution, which the runtime renders without minijinja); `None` for anything else
/// (filters, blocks, comments, expressions, whitespace control).
pub fn substitution(source: &str) -> Option<Vec<Segment>> {
    if source.contains("{%") || source.contains("{#") {
        return None;
    }
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find("{{") {
        if start > 0 {
            out.push(Segment::Literal(rest[..start].to_string()));
        }
        let end = rest[start..].find("}}")? + start;
        let inner = rest[start + 2..end].trim();
        let valid = !inner.is_empty()
            && inner.split('.').all(|part| {
                let mut chars = part.chars();
                chars
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                    && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
        if !valid {
            return None;
        }
        out.push(Segment::Var(inner.to_string()));
        rest = &rest[end + 2..];
    }
    if !rest.is_empty() {
        out.push(Segment::Literal(rest.to_string()));
    }
    Some(out)
}

/// The (name, text) pairs [`read_back`] finds, in the template's order.
pub type ReadBack<'s, 'v> = smallvec::SmallVec<[(&'s str, &'v str); 4]>;

/// Reads a received value back through a simple template's segments: each variable takes
/// the text up to the next literal. `None` when the value does not have the template's shape.
/// Names are lent by the segments, texts by the value: a check reads them without copies,
/// and a carrier's few parts (a signature, a timestamp, a nonce) need no allocation.
pub fn read_back<'s, 'v>(segments: &'s [Segment], value: &'v str) -> Option<ReadBack<'s, 'v>> {
    let mut out = ReadBack::new();
    let mut rest = value;
    let mut i = 0;
    while i < segments.len() {
        match &segments[i] {
            Segment::Literal(lit) => {
                rest = rest.strip_prefix(lit.as_str())?;
            }
            Segment::Var(name) => match segments.get(i + 1) {
                Some(Segment::Literal(next)) => {
                    let at = rest.find(next.as_str())?;
                    out.push((name.as_str(), &rest[..at]));
                    rest = &rest[at..];
                }
                // Two variables in a row have no boundary between them.
                Some(Segment::Var(_)) => return None,
                None => {
                    out.push((name.as_str(), rest));
                    rest = "";
                }
            },
        }
        i += 1;
    }
    rest.is_empty().then_some(out)
}

/// Where a template is used: the message it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Site<'a> {
    Request(&'a str),
    Response(&'a str),
    Webhook(&'a str),
}

impl Site<'_> {
    pub fn describe(&self) -> String {
        match self {
            Site::Request(op) => format!("the request of `{op}`"),
            Site::Response(op) => format!("the response of `{op}`"),
            Site::Webhook(w) => format!("the webhook `{w}`"),
        }
    }

    /// A received message is verified, not produced, by this side.
    pub fn is_received(&self) -> bool {
        !matches!(self, Site::Request(_))
    }
}

/// What a template is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A header, query, param or body field value of a message.
    Message,
    /// A `value` of a body field (which the body bytes are made of).
    BodyValue,
    /// A template inside a recipe (a `template` step, an HMAC or AES key).
    Recipe { first_step: bool },
    /// A success predicate.
    Expression,
    /// A sandbox reply body.
    SandboxReply,
    /// A field's `derive`, over its role's value (`{{ value }}`).
    Derive,
}

/// One template or expression of a spec, with where it is and what it is for.
pub struct TemplateUse<'a> {
    /// The YAML path of the template; also its name once compiled.
    pub path: String,
    pub source: &'a str,
    pub kind: Kind,
    /// The message it belongs to (none for recipe and sandbox templates).
    pub site: Option<Site<'a>>,
    /// The recipe it belongs to.
    pub recipe: Option<&'a str>,
}

/// Every template and expression of a spec, in document order. The checker analyses this
/// list and the runtime compiles it, so both see the same templates under the same names.
pub fn uses(spec: &Spec) -> Vec<TemplateUse<'_>> {
    fn message<'a>(
        uses: &mut Vec<TemplateUse<'a>>,
        path: String,
        source: &'a str,
        kind: Kind,
        site: Site<'a>,
    ) {
        uses.push(TemplateUse {
            path,
            source,
            kind,
            site: Some(site),
            recipe: None,
        })
    }
    let mut uses = Vec::new();
    for (name, op) in &spec.operations {
        let base = format!("operations.{name}");
        let site = Site::Request(name);
        for (h, t) in &op.headers {
            message(
                &mut uses,
                format!("{base}.headers.{h}"),
                t.as_str(),
                Kind::Message,
                site,
            );
        }
        for (key, fields) in [("params", &op.params), ("query", &op.query)] {
            for (path, f) in values(fields, &format!("{base}.{key}")) {
                message(&mut uses, path, f, Kind::Message, site);
            }
        }
        for (h, t) in op.challenge.iter().flat_map(|c| &c.headers) {
            message(
                &mut uses,
                format!("{base}.challenge.headers.{h}"),
                t.as_str(),
                Kind::Message,
                site,
            );
        }
        if let Some(body) = &op.body {
            for (path, f) in values(&body.fields, &format!("{base}.body.fields")) {
                message(&mut uses, path, f, Kind::BodyValue, site);
            }
        }
        let rsite = Site::Response(name);
        for (h, t) in &op.response.headers {
            message(
                &mut uses,
                format!("{base}.response.headers.{h}"),
                t.as_str(),
                Kind::Message,
                rsite,
            );
        }
        if let Some(body) = &op.response.body {
            for (path, f) in values(&body.fields, &format!("{base}.response.body.fields")) {
                message(&mut uses, path, f, Kind::BodyValue, rsite);
            }
        }
        if let Some(s) = &op.response.success {
            message(
                &mut uses,
                format!("{base}.response.success"),
                s.as_str(),
                Kind::Expression,
                rsite,
            );
        }
    }
    for (name, op) in &spec.operations {
        let base = format!("operations.{name}");
        let parts = [
            (format!("{base}.params"), Some(&op.params)),
            (format!("{base}.query"), Some(&op.query)),
            (
                format!("{base}.body.fields"),
                op.body.as_ref().map(|b| &b.fields),
            ),
        ];
        for (at, fields) in parts {
            let Some(fields) = fields else { continue };
            crate::check::walk_fields(fields, &at, &mut |path, _, f| {
                if let Some(d) = &f.derive {
                    uses.push(TemplateUse {
                        path: format!("{path}.derive"),
                        source: d.as_str(),
                        kind: Kind::Derive,
                        site: None,
                        recipe: None,
                    });
                }
            });
        }
    }
    for (name, o) in &spec.obtain {
        if let (Some(key), Some((op, _))) = (&o.key, spec.operations.get_key_value(&o.operation)) {
            // Over the step's own request, as it was sent.
            message(
                &mut uses,
                format!("obtain.{name}.key"),
                key.as_str(),
                Kind::Message,
                Site::Request(op),
            );
        }
    }
    for (name, wh) in &spec.webhooks {
        let base = format!("webhooks.{name}");
        let site = Site::Webhook(name);
        for (h, t) in &wh.headers {
            message(
                &mut uses,
                format!("{base}.headers.{h}"),
                t.as_str(),
                Kind::Message,
                site,
            );
        }
        for (path, f) in values(&wh.body.fields, &format!("{base}.body.fields")) {
            message(&mut uses, path, f, Kind::BodyValue, site);
        }
    }
    for (name, recipe) in &spec.signing {
        for (i, step) in recipe.steps.iter().enumerate() {
            let path = format!("signing.{name}.steps[{i}]");
            let (path, source) = match step {
                Step::Template(t) => (format!("{path}.template"), t.as_str()),
                Step::Hmac(h) => (format!("{path}.hmac.key"), h.key.as_str()),
                Step::JwsSign(j) => match &j.secret {
                    Some(secret) => (format!("{path}.jws_sign.secret"), secret.as_str()),
                    None => continue,
                },
                Step::AesEncrypt(a) => (format!("{path}.aes_encrypt.key"), a.key.as_str()),
                Step::AesDecrypt(a) => (format!("{path}.aes_decrypt.key"), a.key.as_str()),
                _ => continue,
            };
            uses.push(TemplateUse {
                path,
                source,
                kind: Kind::Recipe { first_step: i == 0 },
                site: None,
                recipe: Some(name),
            });
        }
    }
    if let Some(sb) = &spec.sandbox {
        for (kind, reply) in &sb.errors {
            let mut strings = Vec::new();
            json_strings(
                &reply.body,
                &format!("sandbox.errors.{kind}.body"),
                &mut strings,
            );
            for (path, s) in strings {
                uses.push(TemplateUse {
                    path,
                    source: s,
                    kind: Kind::SandboxReply,
                    site: None,
                    recipe: None,
                });
            }
        }
    }
    uses
}

/// `value` templates of fields, with their paths.
fn values<'f>(fields: &'f IndexMap<String, Field>, base: &str) -> Vec<(String, &'f str)> {
    let mut out = Vec::new();
    walk_fields(fields, base, &mut |path, _, f| {
        if let Some(v) = &f.value {
            out.push((format!("{path}.value"), v.as_str()));
        }
    });
    out
}

fn json_strings<'j>(v: &'j Json, path: &str, out: &mut Vec<(String, &'j str)>) {
    match v {
        Json::String(s) => out.push((path.to_string(), s)),
        Json::Object(m) => m
            .iter()
            .for_each(|(k, v)| json_strings(v, &format!("{path}.{k}"), out)),
        Json::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| json_strings(v, &format!("{path}[{i}]"), out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_the_names_a_template_uses() {
        let a = analyze("{{ input }}{{ credentials.api_key }}&x={{ body.a | upper }}").unwrap();
        assert_eq!(
            a.variables.into_iter().collect::<Vec<_>>(),
            vec!["body.a", "credentials.api_key", "input"]
        );
    }

    #[test]
    fn calls_lists_filters_tests_and_functions_with_positions() {
        let c = calls(
            "{{ timestamp | strftme('%Y') }}{% if a is defind %}{{ rnage(2) }}{% endif %}",
            false,
        )
        .unwrap();
        let got: Vec<_> = c.iter().map(|c| (c.kind, c.name.as_str(), c.at)).collect();
        assert!(
            got.contains(&(Callable::Filter, "strftme", Some((1, 16)))),
            "{got:?}"
        );
        assert!(
            got.contains(&(Callable::Test, "defind", Some((1, 43)))),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|g| g.0 == Callable::Function && g.1 == "rnage"),
            "{got:?}"
        );
        // In an expression, columns count from the expression's own start.
        let e = calls("code is odd and code | abs > 1", true).unwrap();
        assert_eq!(e[0].at, Some((1, 9)), "{e:?}");
        // A macro the template defines is not an unknown function.
        let m = calls("{% macro m() %}x{% endmacro %}{{ m() }}", false).unwrap();
        assert!(m.iter().all(|c| c.name != "m"), "{m:?}");
    }

    /// The names the lint suggests are ones the environment really has, and misspelt or
    /// made-up names are not: the check asks minijinja, not a list that could drift.
    #[test]
    fn known_names_come_from_the_environment() {
        for kind in [Callable::Filter, Callable::Test, Callable::Function] {
            for name in suggestions(kind) {
                assert!(is_known(kind, name), "{kind:?} {name}");
            }
        }
        assert!(!is_known(Callable::Filter, "strftme"));
        assert!(!is_known(Callable::Test, "defind"));
        assert!(!is_known(Callable::Function, "rnage"));
        assert!(!is_known(Callable::Filter, "{% if true %}"));
    }

    #[test]
    fn date_filters_render_from_the_timestamp() {
        let env = environment();
        let out = env
            .render_str(
                "{{ t | iso8601_ms }}|{{ t | http_date }}|{{ t | strftime('%Y%m%d') }}",
                minijinja::context! { t => "1714131228114" },
            )
            .unwrap();
        // date -u -d @1714131228.114 '+%Y-%m-%dT%H:%M:%S.%3NZ|%a, %d %b %Y %H:%M:%S GMT|%Y%m%d'
        assert_eq!(
            out,
            "2024-04-26T11:33:48.114Z|Fri, 26 Apr 2024 11:33:48 GMT|20240426"
        );
    }

    #[test]
    fn syntax_errors_are_reported() {
        let e = analyze("{{ input }").unwrap_err();
        assert!(e.contains("syntax error"), "{e}");
    }

    /// What renders without minijinja: text and dotted names only, side by side too.
    #[test]
    fn substitutions_are_text_and_names_only() {
        assert_eq!(
            substitution("{{ input }}{{ credentials.api_key }}\n"),
            Some(vec![
                Segment::Var("input".into()),
                Segment::Var("credentials.api_key".into()),
                Segment::Literal("\n".into()),
            ])
        );
        assert_eq!(
            substitution("plain"),
            Some(vec![Segment::Literal("plain".into())])
        );
        for not_plain in [
            "{{ a | upper }}",
            "{{- a }}",
            "{{ a ~ b }}",
            "{{ a[0] }}",
            "{{ a",
            "{% if a %}x{% endif %}",
            "{# note #}{{ a }}",
            "{{ 1a }}",
        ] {
            assert_eq!(substitution(not_plain), None, "{not_plain}");
        }
        // Readable back only when a boundary separates every two names.
        assert_eq!(segments("{{ input }}{{ credentials.api_key }}"), None);
    }

    /// A block's end in an expression is refused, not handed to minijinja, whose
    /// expression lexer panics on it (found by `lint_of_a_mangled_spec_never_panics`);
    /// inside a string literal it is text.
    #[test]
    fn a_block_end_in_an_expression_is_an_error_not_a_panic() {
        for bad in [r#"status == "ok"}}]"#, "code == 200 %}", "a }}", "x #}"] {
            let e = analyze_expression(bad).unwrap_err();
            assert!(e.contains("ends a template block"), "{bad}: {e}");
        }
        for good in [
            r#"status == "}}""#,
            r#"s == 'a%}b' and t == "\"}}""#,
            "m == {}",
        ] {
            assert!(analyze_expression(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn simple_templates_read_back() {
        let t = "V2_SHA256 appId={{ credentials.app_id }},sign={{ signatures.v2 }},timestamp={{ timestamp }},nonce={{ nonce }}";
        let segs = segments(t).unwrap();
        let got = read_back(
            &segs,
            "V2_SHA256 appId=A1,sign=abc,timestamp=1714128828114,nonce=C7CA",
        )
        .unwrap();
        assert_eq!(
            got.as_slice(),
            [
                ("credentials.app_id", "A1"),
                ("signatures.v2", "abc"),
                ("timestamp", "1714128828114"),
                ("nonce", "C7CA"),
            ]
        );
        assert_eq!(read_back(&segs, "Basic xyz"), None);
        assert_eq!(segments("{{ a | upper }}"), None);
        assert_eq!(segments("{{ a }}{{ signatures.x }}"), None);
    }
}

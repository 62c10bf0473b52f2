//! Templates: the one minijinja configuration shared by checks and the runtime, and the
//! static analysis the checks need.
//!
//! Templates only build strings. They are compiled when a spec is loaded, with strict
//! undefined (a missing name is an error, never an empty string), no auto-escaping, and
//! trailing newlines kept, so `"{{ a }}\n"` signs the newline it shows.

use std::collections::BTreeSet;

use minijinja::{Environment, UndefinedBehavior};

/// The environment every payout template is compiled in.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.set_keep_trailing_newline(true);
    env
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
    let env = environment();
    let expr = env.compile_expression(source).map_err(describe)?;
    Ok(Analysis {
        variables: expr.undeclared_variables(true).into_iter().collect(),
    })
}

fn describe(e: minijinja::Error) -> String {
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
/// templates with filters, blocks or expressions, which cannot be read back.
pub fn segments(source: &str) -> Option<Vec<Segment>> {
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

/// Reads a received value back through a simple template's segments: each variable takes
/// the text up to the next literal. `None` when the value does not have the template's shape.
pub fn read_back(segments: &[Segment], value: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
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
                    out.push((name.clone(), rest[..at].to_string()));
                    rest = &rest[at..];
                }
                // Two variables in a row have no boundary between them.
                Some(Segment::Var(_)) => return None,
                None => {
                    out.push((name.clone(), rest.to_string()));
                    rest = "";
                }
            },
        }
        i += 1;
    }
    rest.is_empty().then_some(out)
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
    fn syntax_errors_are_reported() {
        let e = analyze("{{ input }").unwrap_err();
        assert!(e.contains("syntax error"), "{e}");
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
            got,
            vec![
                ("credentials.app_id".to_string(), "A1".to_string()),
                ("signatures.v2".into(), "abc".into()),
                ("timestamp".into(), "1714128828114".into()),
                ("nonce".into(), "C7CA".into()),
            ]
        );
        assert_eq!(read_back(&segs, "Basic xyz"), None);
        assert_eq!(segments("{{ a | upper }}"), None);
    }
}

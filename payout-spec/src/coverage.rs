//! What the signatures of a received message cover.
//!
//! A webhook (or a signed answer) is authenticated by the signatures it carries, but a
//! signature vouches only for what its recipe reads: Tecpay's `post_hash` covers the order
//! id, amount and status, not `ref_code`. A value read from a part no signature covers can
//! be changed by anyone on the way while the message still verifies. This module follows
//! each signature carried (a header or body field template naming `signatures.NAME`)
//! through its recipe (and the recipes that one uses) to the parts it reads.

use std::collections::BTreeSet;

use indexmap::IndexMap;

use crate::model::{Field, Input, Spec, Step};
use crate::roles::Role;
use crate::template;

/// Roles whose values must come from a signed part of a signed message.
pub const SIGNED_ROLES: &[Role] = &[
    Role::MerchantRef,
    Role::ProviderRef,
    Role::Status,
    Role::Amount,
    Role::FailureReason,
];

/// The parts of a message its signatures cover.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// The message carries at least one signature (or a secret credential).
    pub signed: bool,
    /// The body bytes, or every body field, are covered.
    pub whole_body: bool,
    /// Body fields covered, as dotted paths (`order_id`, `data.status`); a covered path
    /// covers what is under it.
    pub fields: BTreeSet<String>,
    /// Top-level body fields left out of a canonical string (`exclude`), when the rest of
    /// the body is covered.
    pub excluded: BTreeSet<String>,
    /// Headers covered, lower-cased.
    pub headers: BTreeSet<String>,
    /// `{{ timestamp }}` and `{{ nonce }}`, where a carrier gives them, are covered.
    pub timestamp: bool,
    pub nonce: bool,
    /// A recipe reads parsed body fields (not only the body's bytes), so the body must be
    /// parsed before the signatures can be checked.
    pub reads_fields: bool,
}

impl Coverage {
    /// Whether the body field at this dotted path is covered.
    pub fn covers_field(&self, path: &str) -> bool {
        let top = path.split('.').next().unwrap_or(path);
        if self.whole_body && !self.excluded.contains(top) {
            return true;
        }
        self.fields.iter().any(|f| {
            path == f
                || path
                    .strip_prefix(f.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    }
}

/// The coverage of a received message: its header templates and its body fields' `value`
/// templates are the carriers.
pub fn of_message(
    spec: &Spec,
    headers: &IndexMap<String, String>,
    fields: &IndexMap<String, Field>,
) -> Coverage {
    let mut cov = Coverage::default();
    let mut todo: Vec<String> = Vec::new();
    let carriers = headers
        .values()
        .chain(fields.values().filter_map(|f| f.value.as_ref()));
    for source in carriers {
        let Ok(a) = template::analyze(source) else {
            continue;
        };
        let recipes = a.under("signatures");
        let secret = a
            .under("credentials")
            .iter()
            .any(|c| spec.credentials.get(c).is_some_and(|c| c.secret));
        if recipes.is_empty() && !secret {
            continue;
        }
        cov.signed = true;
        if secret {
            // A shared secret the gateway sends back authenticates the whole message, as
            // far as it goes (it proves who sent it, not that nothing was changed on a
            // connection TLS does not protect).
            cov.whole_body = true;
            cov.timestamp = true;
            cov.nonce = true;
        }
        todo.extend(recipes);
    }
    let mut seen = BTreeSet::new();
    while let Some(name) = todo.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let Some(recipe) = spec.signing.get(&name) else {
            continue;
        };
        for step in &recipe.steps {
            match step {
                Step::Input(Input::BodyBytes) => cov.whole_body = true,
                Step::Input(Input::Form) => {
                    cov.whole_body = true;
                    cov.reads_fields = true;
                }
                Step::Input(Input::Canonical(c)) => {
                    cov.whole_body = true;
                    cov.reads_fields = true;
                    cov.excluded.extend(c.exclude.iter().cloned());
                }
                Step::Input(Input::Header(h)) => {
                    cov.headers.insert(h.to_ascii_lowercase());
                }
                Step::Template(source) => {
                    let Ok(a) = template::analyze(source) else {
                        continue;
                    };
                    for v in &a.variables {
                        if let Some(path) = v.strip_prefix("body.") {
                            cov.fields.insert(path.to_string());
                            cov.reads_fields = true;
                        } else if v == "body" {
                            cov.whole_body = true;
                            cov.reads_fields = true;
                        }
                    }
                    let roots = a.roots();
                    cov.timestamp |= roots.contains("timestamp");
                    cov.nonce |= roots.contains("nonce");
                    todo.extend(a.under("signatures"));
                }
                _ => {}
            }
        }
    }
    // A canonical string leaves out the excluded fields only; explicit templates may still
    // name one of them.
    let named: Vec<String> = cov.excluded.intersection(&cov.fields).cloned().collect();
    for n in named {
        cov.excluded.remove(&n);
    }
    cov
}

/// Every field with one of [`SIGNED_ROLES`] that the coverage does not reach, as
/// (dotted path, role, field).
pub fn unsigned_roles<'f>(
    cov: &Coverage,
    fields: &'f IndexMap<String, Field>,
) -> Vec<(String, &'f Role, &'f Field)> {
    let mut out = Vec::new();
    if !cov.signed {
        return out;
    }
    walk(fields, "", &mut |path, f| {
        if let Some(role) = &f.role {
            if SIGNED_ROLES.contains(role) && !cov.covers_field(path) {
                out.push((path.to_string(), role, f));
            }
        }
    });
    out
}

fn walk<'f>(fields: &'f IndexMap<String, Field>, base: &str, f: &mut dyn FnMut(&str, &'f Field)) {
    for (name, field) in fields {
        let path = if base.is_empty() {
            name.clone()
        } else {
            format!("{base}.{name}")
        };
        f(&path, field);
        if let Some(nested) = &field.fields {
            walk(nested, &path, f);
        }
        if let Some(variants) = &field.variants {
            for v in variants.values() {
                walk(&v.fields, &path, f);
            }
        }
    }
}

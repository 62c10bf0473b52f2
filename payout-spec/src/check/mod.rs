//! Semantic checks, run on the model once it is deserialised.
//!
//! One function per rule, each saying why the rule exists. Every check pushes into the
//! shared [`Issues`] and keeps going, so an author sees every problem at once. Paths are the
//! YAML paths of the nodes concerned; the loader turns them into `line:col`.

mod error_codes;
mod fields;
mod flows;
mod operations;
mod signing;
mod templates;
mod trust;
mod vectors;

pub use fields::parse_offset;
pub use operations::SANDBOX_ERRORS;

use std::collections::HashSet;

use indexmap::IndexMap;

use crate::diag::Issues;
use crate::model::{Field, Spec};

/// Shared state of one check run.
pub(crate) struct Ctx<'a> {
    pub spec: &'a Spec,
    issues: &'a mut Issues,
    /// Paths of nodes dropped during deserialisation because they were bad.
    removed: &'a HashSet<String>,
}

impl Ctx<'_> {
    pub fn error(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        self.issues.error(path, msg);
    }

    pub fn warning(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        self.issues.warning(path, msg);
    }

    /// Whether something at this path was dropped as invalid, so that references to it
    /// are not reported a second time.
    pub fn was_removed(&self, path: &str) -> bool {
        self.removed.contains(path)
    }

    /// Whether anything at or under this path was dropped as invalid: checks about the
    /// whole (a role nobody carries) would then report a consequence, not a cause.
    pub fn removed_under(&self, prefix: &str) -> bool {
        self.removed.iter().any(|r| {
            r.strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
        })
    }
}

/// Runs every check on a deserialised spec.
pub fn run(spec: &Spec, issues: &mut Issues, removed: &HashSet<String>) {
    let mut cx = Ctx {
        spec,
        issues,
        removed,
    };
    operations::check_provider(&mut cx);
    operations::check_names(&mut cx);
    operations::check_environments(&mut cx);
    operations::check_money(&mut cx);
    operations::check_operations(&mut cx);
    error_codes::check_error_codes(&mut cx);
    operations::check_sandbox(&mut cx);
    operations::check_reveals_secret(&mut cx);
    fields::check_all_messages(&mut cx);
    signing::check_recipes(&mut cx);
    templates::check_templates(&mut cx);
    flows::check_obtain(&mut cx);
    flows::check_postbacks(&mut cx);
    vectors::check_vectors(&mut cx);
    trust::check_http_statuses(&mut cx);
    trust::check_signed_roles(&mut cx);
    trust::check_max_age(&mut cx);
}

/// Visits every field of a message, nested ones included, with its YAML path.
pub fn walk_fields<'f>(
    fields: &'f IndexMap<String, Field>,
    base: &str,
    f: &mut dyn FnMut(&str, &'f str, &'f Field),
) {
    for (name, field) in fields {
        let path = format!("{base}.{name}");
        f(&path, name, field);
        if let Some(nested) = &field.fields {
            walk_fields(nested, &format!("{path}.fields"), f);
        }
        if let Some(variants) = &field.variants {
            for (vname, v) in variants {
                walk_fields(&v.fields, &format!("{path}.variants.{vname}.fields"), f);
            }
        }
        if let Some(item) = &field.items {
            let item_path = format!("{path}.items");
            f(&item_path, name, item);
            if let Some(nested) = &item.fields {
                walk_fields(nested, &format!("{item_path}.fields"), f);
            }
        }
    }
}

//! Which obtained values an operation needs, and in what order the steps that hand them
//! out run. The checker and the runtime both ask here, so lint refuses exactly the flows
//! the runtime could not run.

use std::collections::BTreeSet;

use crate::check::walk_fields;
use crate::model::Spec;
use crate::template::{self, Kind, Site};

/// The obtained values an operation's request uses: `obtained.NAME` in its templates (or
/// in the recipes they use, transitively) and `role: obtained.NAME` on its fields. Names
/// the spec does not declare are included (the checker reports them).
pub fn needs(spec: &Spec, op_name: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let Some(op) = spec.operations.get(op_name) else {
        return out;
    };
    let uses = template::uses(spec);
    let analyse = |source: &str| template::analyze(source).ok();
    let mut recipes: Vec<String> = Vec::new();
    for u in &uses {
        if u.site == Some(Site::Request(op_name)) && u.kind != Kind::Expression {
            if let Some(a) = analyse(u.source) {
                out.extend(a.under("obtained"));
                recipes.extend(a.under("signatures"));
            }
        }
    }
    let mut seen = BTreeSet::new();
    while let Some(r) = recipes.pop() {
        if !seen.insert(r.clone()) {
            continue;
        }
        for u in uses.iter().filter(|u| u.recipe == Some(r.as_str())) {
            if let Some(a) = analyse(u.source) {
                out.extend(a.under("obtained"));
                recipes.extend(a.under("signatures"));
            }
        }
    }
    let mut roles = |fields: &indexmap::IndexMap<String, crate::model::Field>| {
        walk_fields(fields, "", &mut |_, _, f| {
            if let Some(crate::Role::Obtained(name)) = &f.role {
                out.insert(name.clone());
            }
        });
    };
    roles(&op.params);
    roles(&op.query);
    if let Some(b) = &op.body {
        roles(&b.fields);
    }
    out
}

/// The obtained values to fetch before `op_name`, each after the ones its own step needs;
/// `Err` names a cycle (`token → login → token`).
pub fn order(spec: &Spec, op_name: &str) -> Result<Vec<String>, String> {
    fn visit(
        spec: &Spec,
        name: &str,
        trail: &mut Vec<String>,
        out: &mut Vec<String>,
    ) -> Result<(), String> {
        if out.iter().any(|n| n == name) {
            return Ok(());
        }
        if trail.iter().any(|n| n == name) {
            trail.push(name.to_string());
            return Err(trail.join(" → "));
        }
        let Some(o) = spec.obtain.get(name) else {
            return Ok(());
        };
        trail.push(name.to_string());
        for dep in needs(spec, &o.operation) {
            visit(spec, &dep, trail, out)?;
        }
        trail.pop();
        out.push(name.to_string());
        Ok(())
    }
    let mut out = Vec::new();
    for name in needs(spec, op_name) {
        visit(spec, &name, &mut Vec::new(), &mut out)?;
    }
    Ok(out)
}

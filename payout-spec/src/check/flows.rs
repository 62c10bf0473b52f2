//! Checks of `obtain:`: each value names a step that exists, is not the money step, and
//! says where its value is; steps do not need each other in a circle.

use super::Ctx;
use crate::diag::{did_you_mean, one_of_list};
use crate::model::{Field, OperationRole};

pub(super) fn check_obtain(cx: &mut Ctx) {
    let spec = cx.spec;
    for (name, o) in &spec.obtain {
        let base = format!("obtain.{name}");
        let Some(op) = spec.operations.get(&o.operation) else {
            let names = spec.operations.keys().map(String::as_str);
            cx.error(
                format!("{base}.operation"),
                format!(
                    "no operation `{}`; defined: {}{}",
                    o.operation,
                    one_of_list(names.clone()),
                    did_you_mean(&o.operation, names)
                ),
            );
            continue;
        };
        // Steps before the money step are run again whenever the cache has nothing; only a
        // step that moves no money may be repeated like that.
        if op.role != OperationRole::Other {
            cx.error(
                format!("{base}.operation"),
                format!(
                    "`{}` has `role: {}`; a step that obtains a value runs before the money step and may run twice, so it must be `role: other`",
                    o.operation, op.role
                ),
            );
        }
        // A path the response does not declare would only fail on the first real call.
        if let Some(body) = &op.response.body {
            for (key, path) in [
                ("value", Some(&o.value)),
                ("expires_in", o.expires_in.as_ref()),
            ] {
                let Some(path) = path else { continue };
                if !declared(&body.fields, path) {
                    cx.error(
                        format!("{base}.{key}"),
                        format!(
                            "`{path}` is not a field of `operations.{}.response.body`: declare it there, or correct the path",
                            o.operation
                        ),
                    );
                }
            }
        }
        if let Some(role) = &o.role {
            if !o.is_provider_ref() {
                cx.error(
                    format!("{base}.role"),
                    format!("unknown role `{role}`: an obtained value may only be the payout's `provider_ref`"),
                );
            }
        }
        if o.single_use && o.key.is_some() {
            cx.warning(
                format!("{base}.key"),
                "a single-use value is never cached, so its key is never used",
            );
        }
        if o.is_token() && o.key.is_some() {
            cx.warning(
                format!("{base}.key"),
                "a token is cached per client already; a key splits that cache further",
            );
        }
    }
    // The payout's id can come from one step only, and only from a step of the money
    // step's own flow (else no payout would ever carry it).
    let refs: Vec<&String> = spec
        .obtain
        .iter()
        .filter(|(_, o)| o.is_provider_ref())
        .map(|(n, _)| n)
        .collect();
    if refs.len() > 1 {
        cx.error(
            format!("obtain.{}.role", refs[1]),
            format!("`{}` is the payout's provider_ref already", refs[0]),
        );
    }
    if let Some(name) = refs.first() {
        let in_flow = spec
            .operation_for(OperationRole::Create)
            .is_some_and(|(op, _)| crate::flows::order(spec, op).is_ok_and(|f| f.contains(name)));
        if !in_flow {
            cx.error(
                format!("obtain.{name}.role"),
                "the create operation does not use this value, so it cannot be the payout's provider_ref",
            );
        }
    }
    for op_name in spec.operations.keys() {
        if let Err(cycle) = crate::flows::order(spec, op_name) {
            cx.error(
                format!("operations.{op_name}"),
                format!("the steps that obtain its values need each other in a circle: {cycle}"),
            );
        }
    }
}

/// Whether a dotted path names a declared field (through nested objects).
fn declared(fields: &indexmap::IndexMap<String, Field>, path: &str) -> bool {
    let (head, rest) = match path.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (path, None),
    };
    match (fields.get(head), rest) {
        (Some(_), None) => true,
        (Some(f), Some(rest)) => f.fields.as_ref().is_some_and(|n| declared(n, rest)),
        (None, _) => false,
    }
}

/// A postback names an operation that exists and moves no money; webhook roles are only
/// meaningful on such an operation.
pub(super) fn check_postbacks(cx: &mut Ctx) {
    let spec = cx.spec;
    for (name, wh) in &spec.webhooks {
        let Some(op_name) = &wh.postback else {
            continue;
        };
        let path = format!("webhooks.{name}.postback");
        match spec.operations.get(op_name) {
            None => {
                let names = spec.operations.keys().map(String::as_str);
                cx.error(
                    path,
                    format!(
                        "no operation `{op_name}`; defined: {}{}",
                        one_of_list(names.clone()),
                        did_you_mean(op_name, names)
                    ),
                );
            }
            Some(op) if op.role != OperationRole::Other => cx.error(
                path,
                format!("`{op_name}` has `role: {}`; a postback asks the gateway about a webhook, so it must be `role: other`", op.role),
            ),
            Some(_) => {}
        }
    }
}

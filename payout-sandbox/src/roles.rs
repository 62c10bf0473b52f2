//! Where each operation's request carries each unified role (its merchant reference,
//! amount, notify URL), worked out once when the gateway starts. The handler asks for a
//! role several times per request; walking the spec's fields (and formatting their paths)
//! on every ask was a tenth of the sandbox's work per create.

use std::collections::HashMap;

use payout_runtime::context::Message;
use payout_runtime::extract::{money_value, role_paths};
use payout_spec::{Field, Json, Location, Role, Spec};
use rust_decimal::Decimal;

/// Per operation, the request fields that carry a role, in the order they are asked: path
/// parameters, query, then body fields — a body field carrying the role's value before one
/// that carries a function of it (Wise's UUID of the reference, a `derive`d field).
#[derive(Debug, Default)]
pub(crate) struct RequestRoles {
    by_operation: HashMap<String, Vec<Carrier>>,
}

/// One request field with a role.
#[derive(Debug)]
struct Carrier {
    role: Role,
    location: Location,
    /// The field's name, or its dotted path in the body (`data.amount`, `items.0.ref`).
    path: String,
    field: Field,
}

impl RequestRoles {
    pub(crate) fn new(spec: &Spec) -> Self {
        let mut by_operation = HashMap::new();
        for (op_name, op) in &spec.operations {
            let mut carriers = Vec::new();
            for (location, fields) in [(Location::Path, &op.params), (Location::Query, &op.query)] {
                for (name, f) in fields {
                    if let Some(role) = &f.role {
                        carriers.push(Carrier {
                            role: role.clone(),
                            location,
                            path: name.clone(),
                            field: f.clone(),
                        });
                    }
                }
            }
            if let Some(body) = &op.body {
                let mut paths = Vec::new();
                role_paths(&body.fields, "", &mut paths);
                let (plain, derived): (Vec<_>, Vec<_>) =
                    paths.into_iter().partition(|(_, _, f)| f.derive.is_none());
                for (role, path, f) in plain.into_iter().chain(derived) {
                    carriers.push(Carrier {
                        role: role.clone(),
                        location: Location::Body,
                        path,
                        field: f.clone(),
                    });
                }
            }
            by_operation.insert(op_name.clone(), carriers);
        }
        RequestRoles { by_operation }
    }

    /// The value the request gives a role, and its field: the first field of the operation
    /// that carries the role decides (absent there is absent).
    fn find<'a>(
        &'a self,
        op_name: &str,
        role: &Role,
        msg: &'a Message,
        body_only: bool,
    ) -> Option<(&'a Json, &'a Field)> {
        let c = self
            .by_operation
            .get(op_name)?
            .iter()
            .filter(|c| !body_only || c.location == Location::Body)
            .find(|c| c.role == *role)?;
        let value = match c.location {
            Location::Path => msg.params.get(&c.path),
            Location::Query => msg.query.get(&c.path),
            Location::Body => Json::get_path_in(&msg.body, &c.path),
        }?;
        Some((value, &c.field))
    }

    /// The text of the request field that carries a role.
    pub(crate) fn text(&self, op_name: &str, role: &Role, msg: &Message) -> Option<String> {
        self.find(op_name, role, msg, false)?.0.scalar_text()
    }

    /// The request's amount (from its body), read as the runtime reads an amount role.
    pub(crate) fn amount(&self, spec: &Spec, op_name: &str, msg: &Message) -> Option<Decimal> {
        let (value, field) = self.find(op_name, &Role::Amount, msg, true)?;
        money_value(spec, field, value).ok()
    }
}

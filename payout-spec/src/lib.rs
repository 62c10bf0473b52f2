//! The payout spec language: a gateway described as YAML, loaded with positions, checked,
//! and described by a JSON Schema.
//!
//! The pipeline is [`yaml`] (text → positioned tree) → [`de`] (tree → [`model::Spec`],
//! collecting every problem) → [`check`] (semantic rules) → [`diag`] (problems with
//! `file:line:col` and the YAML path). No network and no async: the proc macro runs this
//! same pipeline at compile time.

pub mod check;
pub mod coverage;
pub mod de;
pub mod diag;
pub mod filters;
pub mod flows;
pub mod json;
pub mod load;
pub mod model;
pub mod roles;
pub mod schema;
pub mod template;
pub mod yaml;

pub use diag::{Diagnostic, Severity};
pub use json::{Json, JsonBody, JsonMap, JsonNode, JsonRef};
pub use load::{from_embedded, lint_str, load_file, load_str, to_embedded, LoadError, Loaded};
pub use model::*;
pub use roles::Role;

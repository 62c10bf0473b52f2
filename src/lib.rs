//! `payout`: payout gateways as YAML specs.
//!
//! This facade re-exports the pieces an application needs: the runtime (signing, requests,
//! responses, webhooks, the unified interface) and the spec model.

pub use payout_runtime as runtime;
pub use payout_spec as spec;

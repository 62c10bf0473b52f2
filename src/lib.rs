//! `payout`: payout gateways as YAML specs.
//!
//! This facade re-exports the pieces an application needs: the runtime (signing, requests,
//! responses, webhooks, the unified interface), the spec model, and [`provider!`], which
//! turns a spec into a typed client at compile time. [`gateways`] holds the typed clients
//! of the five specs in `specs/`.

#![deny(missing_docs)]

// The generated code names `::payout`; inside this crate that is the crate itself.
extern crate self as payout;

pub use payout_macros::provider;
pub use payout_runtime as runtime;
pub use payout_spec as spec;

pub mod gateways;

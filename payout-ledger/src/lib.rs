//! The payout ledger: where a payout's truth lives.
//!
//! Every payout is kept durably (SQLite by default, PostgreSQL when several processes share
//! the work) and created exactly once: the intent is committed before the create is sent
//! and the answer after; an ambiguous answer, or a crash in between, leaves the payout
//! `in_doubt`, resolved by the gateway's word (a query, a webhook, a duplicate probe where
//! the spec allows one), never by resending blindly. Webhooks are verified, deduplicated,
//! stored and applied before they are acknowledged. One status rule
//! ([`rules::decide`], built on the runtime's [`payout_runtime::transition`]) applies every
//! observation; every status change is appended to an event log read with a cursor.
//!
//! The pipeline: [`request`] (what the application asks) → [`ledger`] (create, webhook,
//! reconcile) → [`rules`] (what an observation does) → [`store`] (one transaction per
//! change); [`serve`] puts it behind HTTP.

pub mod error;
pub mod events;
pub mod ledger;
pub mod record;
pub mod replay;
pub mod request;
pub mod rules;
pub mod serve;
pub mod store;

pub use error::LedgerError;
pub use events::EventStream;
pub use ledger::{Config, Created, Ledger, Resolution};
pub use record::{Event, Observation, Payout, Source, Status};
pub use replay::DurableReplayStore;
pub use request::NewPayout;
pub use store::{Backend, Store};

//! The ledger's database as the runtime's [`ReplayStore`]: webhooks accepted are
//! remembered across restarts and across every process sharing the database.
//!
//! The ledger's own webhook inbox records the same keys in the same table, inside the
//! transaction that applies the webhook ([`Store::webhook`]), so that a crash can never
//! leave a key recorded for a webhook that was not applied. This type is for an
//! application that receives webhooks with a [`payout_runtime::DynamicClient`] of its own
//! (`with_replay_store`) and wants the ledger's durable memory of them.

use payout_runtime::ReplayStore;
use tokio::runtime::{Handle, RuntimeFlavor};

use crate::error::LedgerError;
use crate::store::Store;

/// A durable [`ReplayStore`] over the ledger's `replay_keys` table (SQLite or PostgreSQL).
///
/// The runtime's check is synchronous and the database is not: each check runs on the
/// Tokio runtime the store was opened on, which must be a multi-thread one (a
/// current-thread runtime cannot wait for its own I/O; such a store is refused when made).
#[derive(Debug, Clone)]
pub struct DurableReplayStore {
    store: Store,
    handle: Handle,
}

impl DurableReplayStore {
    /// Called inside the multi-thread Tokio runtime the store was opened on.
    pub fn new(store: Store) -> Result<DurableReplayStore, LedgerError> {
        let handle = Handle::try_current().map_err(|_| {
            LedgerError::Config("the replay store must be made inside a Tokio runtime".into())
        })?;
        if handle.runtime_flavor() != RuntimeFlavor::MultiThread {
            return Err(LedgerError::Config(
                "the replay store needs Tokio's multi-thread runtime: a synchronous check cannot wait for a database on a current-thread one".into(),
            ));
        }
        Ok(DurableReplayStore { store, handle })
    }
}

impl ReplayStore for DurableReplayStore {
    fn first_seen(&self, key: &str, now: u64, expires_at: u64) -> Result<bool, String> {
        let now = i64::try_from(now).unwrap_or(i64::MAX);
        let expires = i64::try_from(expires_at).unwrap_or(i64::MAX);
        let check = self.store.first_seen(key, now, expires);
        let answer = match Handle::try_current() {
            // On a worker of a multi-thread runtime: hand the worker's other tasks to
            // another thread while this one waits.
            Ok(h) if h.runtime_flavor() == RuntimeFlavor::MultiThread => {
                tokio::task::block_in_place(|| self.handle.block_on(check))
            }
            Ok(_) => {
                return Err(
                    "the durable replay store cannot wait on a current-thread runtime".into(),
                )
            }
            // Outside any runtime: the store's own (multi-thread) runtime drives the I/O.
            Err(_) => self.handle.block_on(check),
        };
        answer.map_err(|e| e.to_string())
    }
}

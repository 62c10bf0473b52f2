//! The event log as a stream: every status change, in cursor order, at least once.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use crate::error::LedgerError;
use crate::ledger::Ledger;
use crate::record::Event;

/// Reads the event log from a cursor. Keep the cursor of the last event handled (durably,
/// in the application's own transaction) and start again from it: events are delivered
/// at least once, in order.
pub struct EventStream {
    ledger: Arc<Ledger>,
    cursor: i64,
    buffered: VecDeque<Event>,
}

impl EventStream {
    pub fn new(ledger: Arc<Ledger>, after: i64) -> Self {
        EventStream {
            ledger,
            cursor: after,
            buffered: VecDeque::new(),
        }
    }

    /// The cursor of the last event returned.
    pub fn cursor(&self) -> i64 {
        self.cursor
    }

    /// The next event, waiting for one if there is none yet.
    pub async fn next(&mut self) -> Result<Event, LedgerError> {
        loop {
            if let Some(e) = self.buffered.pop_front() {
                self.cursor = e.cursor;
                return Ok(e);
            }
            let batch = self.ledger.events(self.cursor, 100).await?;
            if batch.is_empty() {
                self.ledger
                    .wait_for_change(Duration::from_millis(500))
                    .await;
            }
            self.buffered.extend(batch);
        }
    }
}

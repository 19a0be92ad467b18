//! Writing the audit log: rows recorded at once or queued by hot paths, and rejected tokens
//! tallied rather than written one by one. The events and records are [`crate::audit`]'s.

use crate::audit::{AuditEvent, AuditRecord};
use crate::domain::EpochSeconds;

/// Writes audit rows when audit logging is on, and aggregates rejected tokens.
///
/// `token_rejected` is not one row per bad request (that would let anyone fill the log): each
/// rejection is tallied by reason, and [`Auditor::flush_rejections`] writes one row per reason
/// with the count for the period, run every minute and at shutdown.
#[derive(Debug)]
pub struct Auditor {
    /// `ENABLE_AUDIT_LOGGING`.
    enabled: bool,
    /// Rejections since the last flush, by reason.
    rejections: std::sync::Mutex<std::collections::BTreeMap<&'static str, u64>>,
    /// Rows queued by hot paths (`tool_call`), written by [`Auditor::flush_queue`] every second.
    queue: std::sync::Mutex<Vec<AuditRecord>>,
}

/// Queued rows beyond this are dropped (and the drop logged) rather than growing without bound.
const MAX_QUEUED: usize = 100_000;

impl Auditor {
    /// An auditor; `enabled` is `ENABLE_AUDIT_LOGGING`.
    pub fn new(enabled: bool) -> Self {
        Self {
            enabled,
            rejections: std::sync::Mutex::default(),
            queue: std::sync::Mutex::default(),
        }
    }

    /// Whether rows are written at all.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// The record to write with a state change, or `None` when audit logging is off.
    pub fn gate(&self, record: AuditRecord) -> Option<AuditRecord> {
        self.enabled.then_some(record)
    }

    /// Write a standalone row (an event with no state change). A failure to write is logged and
    /// does not fail the request that caused it.
    pub async fn record(&self, store: &dyn crate::store::Store, record: AuditRecord) {
        if !self.enabled {
            return;
        }
        if let Err(err) = store.record_audit(&record).await {
            tracing::error!(error = ?err, audit.event = record.event.as_str(), "failed to write audit row");
        }
    }

    /// Queue a row to be written within a second, off the request's path. For events that
    /// record no state change of ours (a tool call changes ClickUp, not our database).
    pub fn record_later(&self, record: AuditRecord) {
        if !self.enabled {
            return;
        }
        let mut queue = self
            .queue
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if queue.len() >= MAX_QUEUED {
            tracing::error!(
                audit.event = record.event.as_str(),
                "audit queue full; row dropped"
            );
            return;
        }
        queue.push(record);
    }

    /// Write the queued rows, in batches of at most 1000 per transaction.
    pub async fn flush_queue(&self, store: &dyn crate::store::Store) {
        let queued = std::mem::take(
            &mut *self
                .queue
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        for batch in queued.chunks(1000) {
            if let Err(err) = store.record_audit_batch(batch).await {
                tracing::error!(error = ?err, audit.rows = batch.len(), "failed to write queued audit rows");
            }
        }
    }

    /// Count one rejected bearer token.
    pub fn tally_rejection(&self, reason: &'static str) {
        if !self.enabled {
            return;
        }
        let mut tally = self
            .rejections
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *tally.entry(reason).or_insert(0) += 1;
    }

    /// Write one `token_rejected` row per reason seen since the last flush.
    pub async fn flush_rejections(&self, store: &dyn crate::store::Store, now: EpochSeconds) {
        let tally = std::mem::take(
            &mut *self
                .rejections
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        for (reason, count) in tally {
            let record = AuditRecord::new(AuditEvent::TokenRejected, now)
                .details(serde_json::json!({ "reason": reason, "count": count }));
            self.record(store, record).await;
        }
    }
}

//! The audit log: typed events, and the row that records one.
//!
//! An event is an enum, never a free string, so every place that writes one is found by the
//! compiler. Details never hold a token, key, secret, email address, tool argument or result.

use serde::Serialize;
use serde_json::Value;

use crate::store::{EpochSeconds, UserId};

/// What happened. The stored `event_type` is the snake_case name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditEvent {
    /// A ClickUp login completed and a session was issued.
    AuthSuccess,
    /// A login failed (bad state, denied at ClickUp, exchange refused, upstream error).
    AuthFailure,
    /// A session was exchanged for a new one.
    TokenRefresh,
    /// A session (or every session of a user) was revoked by its owner.
    Logout,
    /// A user approved an MCP client.
    AuthorizationGranted,
    /// A user refused an MCP client.
    AuthorizationDenied,
    /// An MCP client registered itself.
    ClientRegistered,
    /// Bearer tokens were refused (aggregated: one row per reason and window, with a count).
    TokenRejected,
    /// A request was refused by the per-user rate limit.
    RateLimited,
    /// An operator changed a user's tier.
    TierChanged,
    /// An operator deleted a user.
    UserDeleted,
    /// An MCP tool ran (name, outcome, duration; never arguments or results).
    ToolCall,
    /// An authorization code was presented again: refused, and what its first use issued was
    /// revoked.
    AuthorizationCodeReused,
    /// A rotated refresh token was presented again (outside the grace window): its whole family
    /// was revoked.
    RefreshTokenReused,
    /// An MCP client revoked a token at `/revoke` (an access token's session, or a refresh
    /// token's family).
    TokenRevoked,
}

impl AuditEvent {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditEvent::AuthSuccess => "auth_success",
            AuditEvent::AuthFailure => "auth_failure",
            AuditEvent::TokenRefresh => "token_refresh",
            AuditEvent::Logout => "logout",
            AuditEvent::AuthorizationGranted => "authorization_granted",
            AuditEvent::AuthorizationDenied => "authorization_denied",
            AuditEvent::ClientRegistered => "client_registered",
            AuditEvent::TokenRejected => "token_rejected",
            AuditEvent::RateLimited => "rate_limited",
            AuditEvent::TierChanged => "tier_changed",
            AuditEvent::UserDeleted => "user_deleted",
            AuditEvent::ToolCall => "tool_call",
            AuditEvent::AuthorizationCodeReused => "authorization_code_reused",
            AuditEvent::RefreshTokenReused => "refresh_token_reused",
            AuditEvent::TokenRevoked => "token_revoked",
        }
    }
}

/// Who made the request: recorded with every row that comes from an HTTP request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestOrigin {
    /// The peer address (no proxy header is trusted).
    pub ip_address: Option<String>,
    /// The `User-Agent` header, truncated to 256 characters.
    pub user_agent: Option<String>,
}

/// One event to write.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditRecord {
    /// When it happened.
    pub timestamp: EpochSeconds,
    /// What happened.
    pub event: AuditEvent,
    /// Whose account it concerns, when known.
    pub user_id: Option<UserId>,
    /// Where the request came from.
    pub origin: RequestOrigin,
    /// Event-specific facts (a JSON object). Never a secret.
    pub details: Value,
}

impl AuditRecord {
    /// A record of `event` at `timestamp`, with no user, origin or details yet.
    pub fn new(event: AuditEvent, timestamp: EpochSeconds) -> Self {
        Self {
            timestamp,
            event,
            user_id: None,
            origin: RequestOrigin::default(),
            details: Value::Object(serde_json::Map::new()),
        }
    }

    /// Set the user.
    pub fn user(mut self, user_id: UserId) -> Self {
        self.user_id = Some(user_id);
        self
    }

    /// Set the request origin.
    pub fn origin(mut self, origin: &RequestOrigin) -> Self {
        self.origin = origin.clone();
        self
    }

    /// Set the details object.
    pub fn details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }
}

/// A stored audit row, as read back and exported (one JSON object per line).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditRow {
    /// Monotonic row id.
    pub id: i64,
    /// RFC 3339, UTC.
    pub timestamp: String,
    /// The event's stored name.
    pub event_type: String,
    /// The user, when known.
    pub user_id: Option<UserId>,
    /// Peer address, when from a request.
    pub ip_address: Option<String>,
    /// User-Agent, when from a request.
    pub user_agent: Option<String>,
    /// Event details.
    pub details: Value,
}

/// Format epoch seconds as RFC 3339 UTC (the export and API form).
pub(crate) fn rfc3339(epoch: EpochSeconds) -> String {
    time::OffsetDateTime::from_unix_timestamp(epoch)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| epoch.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_is_stored_under_its_serde_name() {
        for event in [
            AuditEvent::AuthSuccess,
            AuditEvent::AuthFailure,
            AuditEvent::TokenRefresh,
            AuditEvent::Logout,
            AuditEvent::AuthorizationGranted,
            AuditEvent::AuthorizationDenied,
            AuditEvent::ClientRegistered,
            AuditEvent::TokenRejected,
            AuditEvent::RateLimited,
            AuditEvent::TierChanged,
            AuditEvent::UserDeleted,
            AuditEvent::ToolCall,
            AuditEvent::AuthorizationCodeReused,
            AuditEvent::RefreshTokenReused,
            AuditEvent::TokenRevoked,
        ] {
            assert_eq!(
                serde_json::to_value(event).ok(),
                Some(Value::from(event.as_str()))
            );
        }
    }

    #[test]
    fn timestamps_export_as_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    }
}

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

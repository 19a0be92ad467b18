//! The audit log: typed events, and the row that records one.
//!
//! An event is an enum, never a free string, so every place that writes one is found by the
//! compiler. Details never hold a token, key, secret, email address, tool argument or result.

use serde::Serialize;
use serde_json::Value;

use crate::domain::{EpochSeconds, UserId};

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

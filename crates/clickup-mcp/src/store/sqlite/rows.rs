//! Between SQLite rows and the domain types: decoding rows, and the stored form of ids.
//!
//! A value this version cannot read (an unknown tier, a negative user id, details that are not
//! JSON) is [`StoreError::Corrupt`], never a panic.

use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use crate::audit::{AuditRow, rfc3339};
use crate::domain::{Tier, User, UserId, Workspace};
use crate::store::{KeyCheck, LoginFlow, OAuthState, Session, StoreError, StoredCredential};
use crate::vault::Sealed;

/// The stored form of a user id: ClickUp ids are positive and fit a signed 64-bit `BIGINT`; an id
/// that does not cannot belong to a stored user.
pub(super) fn stored_user_id(id: UserId) -> Result<i64, StoreError> {
    i64::try_from(id.0).map_err(|_| StoreError::InvalidUserId)
}

/// A user id read back from a `BIGINT` column.
fn user_id(raw: i64) -> Result<UserId, StoreError> {
    u64::try_from(raw)
        .map(UserId)
        .map_err(|_| StoreError::Corrupt("negative user id"))
}

/// The stored form of a login flow (JSON text).
pub(super) fn stored_flow(flow: &LoginFlow) -> Result<String, StoreError> {
    serde_json::to_string(flow).map_err(|_| StoreError::Corrupt("login flow does not serialise"))
}

/// Columns: `id, email, username, tier, default_workspace_id, default_workspace_name,
/// created_at, updated_at`.
pub(super) fn user(row: &SqliteRow) -> Result<User, StoreError> {
    let tier: String = row.try_get("tier")?;
    let tier: Tier = tier
        .parse()
        .map_err(|_| StoreError::Corrupt("unknown tier"))?;
    let workspace_id: Option<String> = row.try_get("default_workspace_id")?;
    let workspace_name: Option<String> = row.try_get("default_workspace_name")?;
    let default_workspace = match (workspace_id, workspace_name) {
        (Some(id), Some(name)) => Some(Workspace { id, name }),
        (None, None) => None,
        _ => {
            return Err(StoreError::Corrupt(
                "default workspace id and name disagree",
            ));
        }
    };
    Ok(User {
        id: user_id(row.try_get("id")?)?,
        email: row.try_get("email")?,
        username: row.try_get("username")?,
        tier,
        default_workspace,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// Columns: `user_id, access_key_id, access_blob, refresh_key_id, refresh_blob, expires_at,
/// revoked, updated_at`.
pub(super) fn credential(row: &SqliteRow) -> Result<StoredCredential, StoreError> {
    let refresh_key_id: Option<String> = row.try_get("refresh_key_id")?;
    let refresh_blob: Option<Vec<u8>> = row.try_get("refresh_blob")?;
    let refresh_token = match (refresh_key_id, refresh_blob) {
        (Some(key_id), Some(blob)) => Some(Sealed { key_id, blob }),
        (None, None) => None,
        _ => {
            return Err(StoreError::Corrupt(
                "refresh token key id and value disagree",
            ));
        }
    };
    Ok(StoredCredential {
        user_id: user_id(row.try_get("user_id")?)?,
        access_token: Sealed {
            key_id: row.try_get("access_key_id")?,
            blob: row.try_get("access_blob")?,
        },
        refresh_token,
        expires_at: row.try_get("expires_at")?,
        revoked: row.try_get("revoked")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// Columns: `jti, user_id, issued_at, expires_at, revoked_at`.
pub(super) fn session(row: &SqliteRow) -> Result<Session, StoreError> {
    Ok(Session {
        jti: row.try_get("jti")?,
        user_id: user_id(row.try_get("user_id")?)?,
        issued_at: row.try_get("issued_at")?,
        expires_at: row.try_get("expires_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

/// Columns: `state_hash, browser_hash, flow, created_at, expires_at`.
pub(super) fn oauth_state(row: &SqliteRow) -> Result<OAuthState, StoreError> {
    let flow: String = row.try_get("flow")?;
    let flow: LoginFlow =
        serde_json::from_str(&flow).map_err(|_| StoreError::Corrupt("unreadable login flow"))?;
    Ok(OAuthState {
        state_hash: row.try_get("state_hash")?,
        browser_hash: row.try_get("browser_hash")?,
        flow,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
    })
}

/// Columns: `key_id, check_value`.
pub(super) fn key_check(row: &SqliteRow) -> Result<KeyCheck, StoreError> {
    Ok(KeyCheck {
        key_id: row.try_get("key_id")?,
        check_value: row.try_get("check_value")?,
    })
}

/// Columns: `id, timestamp, event_type, user_id, ip_address, user_agent, details`.
pub(super) fn audit_row(row: &SqliteRow) -> Result<AuditRow, StoreError> {
    let details: String = row.try_get("details")?;
    let details = serde_json::from_str(&details)
        .map_err(|_| StoreError::Corrupt("audit details are not JSON"))?;
    let user: Option<i64> = row.try_get("user_id")?;
    Ok(AuditRow {
        id: row.try_get("id")?,
        timestamp: rfc3339(row.try_get("timestamp")?),
        event_type: row.try_get("event_type")?,
        user_id: user.map(user_id).transpose()?,
        ip_address: row.try_get("ip_address")?,
        user_agent: row.try_get("user_agent")?,
        details,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_id_beyond_a_signed_bigint_is_refused_rather_than_wrapped() {
        assert_eq!(stored_user_id(UserId(42)).ok(), Some(42));
        assert!(matches!(
            stored_user_id(UserId(u64::MAX)),
            Err(StoreError::InvalidUserId)
        ));
        assert!(matches!(user_id(-1), Err(StoreError::Corrupt(_))));
    }

    #[test]
    fn a_login_flow_is_stored_as_tagged_json() {
        assert_eq!(
            stored_flow(&LoginFlow::Session).ok().as_deref(),
            Some(r#"{"kind":"session"}"#)
        );
    }
}

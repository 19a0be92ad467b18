//! Between rows and the domain types: decoding rows (of either backend, through [`Columns`]), and
//! the stored form of ids.
//!
//! A value this version cannot read (an unknown tier, a negative user id, details that are not
//! JSON) is [`StoreError::Corrupt`], never a panic.

use sqlx::{ColumnIndex, Decode, Row, Type};

use crate::audit::{AuditRow, rfc3339};
use crate::domain::{Tier, User, UserId, Workspace};
use crate::store::{KeyCheck, LoginFlow, OAuthState, Session, StoreError, StoredCredential};
use crate::vault::Sealed;

/// The four column types the store reads — `TEXT`, `BIGINT`, `BOOLEAN`, `BLOB`/`BYTEA` — by name,
/// on any backend's row. Implemented for every sqlx row that decodes them, so the decoders below
/// and the verbs in `sql.rs` need no per-backend bounds ([`super::Dialect`] requires it of the
/// backend's row type).
pub(crate) trait Columns {
    /// A `TEXT` column (`None` for NULL).
    fn text(&self, name: &str) -> Result<Option<String>, sqlx::Error>;
    /// A `BIGINT` column.
    fn int(&self, name: &str) -> Result<Option<i64>, sqlx::Error>;
    /// A `BOOLEAN` column.
    fn flag(&self, name: &str) -> Result<Option<bool>, sqlx::Error>;
    /// A `BLOB`/`BYTEA` column.
    fn bytes(&self, name: &str) -> Result<Option<Vec<u8>>, sqlx::Error>;

    /// The column `name` as a `T`; NULL is an error unless `T` is an `Option`.
    fn column<T: Stored>(&self, name: &str) -> Result<T, sqlx::Error>
    where
        Self: Sized,
    {
        T::read(self, name)
    }
}

impl<R> Columns for R
where
    R: Row,
    for<'a> &'a str: ColumnIndex<R>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> i64: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> bool: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> Vec<u8>: Decode<'r, R::Database> + Type<R::Database>,
{
    fn text(&self, name: &str) -> Result<Option<String>, sqlx::Error> {
        self.try_get(name)
    }
    fn int(&self, name: &str) -> Result<Option<i64>, sqlx::Error> {
        self.try_get(name)
    }
    fn flag(&self, name: &str) -> Result<Option<bool>, sqlx::Error> {
        self.try_get(name)
    }
    fn bytes(&self, name: &str) -> Result<Option<Vec<u8>>, sqlx::Error> {
        self.try_get(name)
    }
}

/// A Rust type a column is read as (see [`Columns::column`]).
pub(crate) trait Stored: Sized {
    /// Read column `name` of `row`.
    fn read(row: &impl Columns, name: &str) -> Result<Self, sqlx::Error>;
}

macro_rules! stored {
    ($($ty:ty => $read:ident),* $(,)?) => {$(
        impl Stored for Option<$ty> {
            fn read(row: &impl Columns, name: &str) -> Result<Self, sqlx::Error> {
                row.$read(name)
            }
        }
        impl Stored for $ty {
            fn read(row: &impl Columns, name: &str) -> Result<Self, sqlx::Error> {
                row.$read(name)?.ok_or_else(|| sqlx::Error::ColumnDecode {
                    index: name.to_owned(),
                    source: Box::new(sqlx::error::UnexpectedNullError),
                })
            }
        }
    )*};
}

stored!(String => text, i64 => int, bool => flag, Vec<u8> => bytes);

/// The stored form of a user id: ClickUp ids are positive and fit a signed 64-bit `BIGINT`; an id
/// that does not cannot belong to a stored user.
pub(super) fn stored_user_id(id: UserId) -> Result<i64, StoreError> {
    i64::try_from(id.0).map_err(|_| StoreError::InvalidUserId)
}

/// A user id read back from a `BIGINT` column.
pub(super) fn user_id(raw: i64) -> Result<UserId, StoreError> {
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
pub(super) fn user(row: &impl Columns) -> Result<User, StoreError> {
    let tier: String = row.column("tier")?;
    let tier: Tier = tier
        .parse()
        .map_err(|_| StoreError::Corrupt("unknown tier"))?;
    let workspace_id: Option<String> = row.column("default_workspace_id")?;
    let workspace_name: Option<String> = row.column("default_workspace_name")?;
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
        id: user_id(row.column("id")?)?,
        email: row.column("email")?,
        username: row.column("username")?,
        tier,
        default_workspace,
        created_at: row.column("created_at")?,
        updated_at: row.column("updated_at")?,
    })
}

/// Columns: `user_id, access_key_id, access_blob, refresh_key_id, refresh_blob, expires_at,
/// revoked, updated_at`.
pub(super) fn credential(row: &impl Columns) -> Result<StoredCredential, StoreError> {
    let refresh_key_id: Option<String> = row.column("refresh_key_id")?;
    let refresh_blob: Option<Vec<u8>> = row.column("refresh_blob")?;
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
        user_id: user_id(row.column("user_id")?)?,
        access_token: Sealed {
            key_id: row.column("access_key_id")?,
            blob: row.column("access_blob")?,
        },
        refresh_token,
        expires_at: row.column("expires_at")?,
        revoked: row.column("revoked")?,
        updated_at: row.column("updated_at")?,
    })
}

/// Columns: `jti, user_id, issued_at, expires_at, revoked_at`.
pub(super) fn session(row: &impl Columns) -> Result<Session, StoreError> {
    Ok(Session {
        jti: row.column("jti")?,
        user_id: user_id(row.column("user_id")?)?,
        issued_at: row.column("issued_at")?,
        expires_at: row.column("expires_at")?,
        revoked_at: row.column("revoked_at")?,
    })
}

/// Columns: `state_hash, browser_hash, flow, created_at, expires_at`.
pub(super) fn oauth_state(row: &impl Columns) -> Result<OAuthState, StoreError> {
    let flow: String = row.column("flow")?;
    let flow: LoginFlow =
        serde_json::from_str(&flow).map_err(|_| StoreError::Corrupt("unreadable login flow"))?;
    Ok(OAuthState {
        state_hash: row.column("state_hash")?,
        browser_hash: row.column("browser_hash")?,
        flow,
        created_at: row.column("created_at")?,
        expires_at: row.column("expires_at")?,
    })
}

/// Columns: `key_id, check_value`.
pub(super) fn key_check(row: &impl Columns) -> Result<KeyCheck, StoreError> {
    Ok(KeyCheck {
        key_id: row.column("key_id")?,
        check_value: row.column("check_value")?,
    })
}

/// Columns: `id, timestamp, event_type, user_id, ip_address, user_agent, details`.
pub(super) fn audit_row(row: &impl Columns) -> Result<AuditRow, StoreError> {
    let details: String = row.column("details")?;
    let details = serde_json::from_str(&details)
        .map_err(|_| StoreError::Corrupt("audit details are not JSON"))?;
    let user: Option<i64> = row.column("user_id")?;
    Ok(AuditRow {
        id: row.column("id")?,
        timestamp: rfc3339(row.column("timestamp")?),
        event_type: row.column("event_type")?,
        user_id: user.map(user_id).transpose()?,
        ip_address: row.column("ip_address")?,
        user_agent: row.column("user_agent")?,
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

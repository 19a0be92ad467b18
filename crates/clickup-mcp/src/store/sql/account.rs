//! The account page's verbs (`Store` delegates here), for every backend: the clients a user
//! approved, withdrawing one grant, and the account page's own ClickUp login.

use sqlx::{Encode, Executor, Type};
use tracing::instrument;

use super::rows::{Columns, stored_user_id};
use super::{Dialect, SqlStore};
use crate::audit::AuditRecord;
use crate::domain::{EpochSeconds, User, UserId};
use crate::store::{BrowserLogin, ClientGrant, ClientMetadata, StoreError};

impl<DB> SqlStore<DB>
where
    DB: Dialect,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
    for<'q> bool: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> &'q [u8]: Encode<'q, DB> + Type<DB>,
    for<'q> Option<i64>: Encode<'q, DB>,
    for<'q> Option<&'q str>: Encode<'q, DB>,
    for<'q> Option<&'q [u8]>: Encode<'q, DB>,
{
    #[instrument(skip_all, fields(user.id = %user))]
    pub(super) async fn account_list_grants(
        &self,
        user: UserId,
    ) -> Result<Vec<ClientGrant>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.client_id, c.scope, c.granted_at, k.metadata, \
                    (SELECT MAX(s.issued_at) FROM sessions s \
                      WHERE s.user_id = c.user_id AND s.client_id = c.client_id) AS last_used_at \
             FROM oauth_consents c LEFT JOIN oauth_clients k ON k.client_id = c.client_id \
             WHERE c.user_id = $1 ORDER BY c.granted_at DESC, c.client_id",
        )
        .bind(stored_user_id(user)?)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let metadata: Option<String> = row.column("metadata")?;
                let client_name = match metadata {
                    Some(json) => {
                        serde_json::from_str::<ClientMetadata>(&json)
                            .map_err(|_| StoreError::Corrupt("unreadable client metadata"))?
                            .client_name
                    }
                    None => None,
                };
                Ok(ClientGrant {
                    client_id: row.column("client_id")?,
                    client_name,
                    scope: row.column("scope")?,
                    granted_at: row.column("granted_at")?,
                    last_used_at: row.column("last_used_at")?,
                })
            })
            .collect()
    }

    #[instrument(skip_all, fields(user.id = %user, oauth.client_id = %client_id))]
    pub(super) async fn account_revoke_grant(
        &self,
        user: UserId,
        client_id: &str,
        now: EpochSeconds,
        audit: Option<&AuditRecord>,
    ) -> Result<bool, StoreError> {
        let user = stored_user_id(user)?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let consent =
            sqlx::query("DELETE FROM oauth_consents WHERE user_id = $1 AND client_id = $2")
                .bind(user)
                .bind(client_id)
                .execute(&mut *tx)
                .await?;
        if DB::rows_affected(&consent) == 0 {
            return Ok(false);
        }
        // An unused code would still redeem; refresh tokens would mint new access tokens.
        sqlx::query(
            "DELETE FROM oauth_codes WHERE user_id = $1 AND client_id = $2 AND used_at IS NULL",
        )
        .bind(user)
        .bind(client_id)
        .execute(&mut *tx)
        .await?;
        for statement in [
            "UPDATE oauth_refresh_tokens SET revoked_at = $3 \
             WHERE user_id = $1 AND client_id = $2 AND revoked_at IS NULL",
            "UPDATE sessions SET revoked_at = $3 \
             WHERE user_id = $1 AND client_id = $2 AND revoked_at IS NULL",
        ] {
            sqlx::query(statement)
                .bind(user)
                .bind(client_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        Self::insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    #[instrument(skip_all, fields(user.id = %login.profile.id))]
    pub(super) async fn account_complete_login(
        &self,
        login: &BrowserLogin,
    ) -> Result<User, StoreError> {
        let now = login.browser_session.created_at;
        let browser = &login.browser_session;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let user = Self::upsert_user(&mut tx, &login.profile, now).await?;
        Self::upsert_credential(&mut tx, &login.credential).await?;
        sqlx::query(
            "INSERT INTO oauth_browser_sessions (id_hash, user_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(&browser.id_hash)
        .bind(stored_user_id(browser.user_id)?)
        .bind(browser.created_at)
        .bind(browser.expires_at)
        .execute(&mut *tx)
        .await?;
        Self::insert_audit(&mut tx, login.audit.as_ref()).await?;
        tx.commit().await?;
        Ok(user)
    }
}

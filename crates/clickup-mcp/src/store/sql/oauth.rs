//! The MCP authorization server's verbs (`Store` delegates here), for every backend.
//!
//! The race-deciding verbs — [`SqlStore::oauth_redeem_code`] and
//! [`SqlStore::oauth_rotate_refresh_token`] — decide one after the other for two concurrent
//! redemptions of one code (or refreshes of one token), and the one that comes second sees what
//! the first wrote: on SQLite because the transaction takes the write lock first
//! (`BEGIN IMMEDIATE`); on PostgreSQL because the code's check-and-set is one conditional
//! `UPDATE` (which waits for the other writer's row lock and re-checks) and the refresh token is
//! read with `FOR UPDATE` ([`Dialect::LOCK_ROW`]) — which also holds across replicas.

use sqlx::{Encode, Executor, Type};
use tracing::instrument;

use super::rows::{Columns, stored_user_id, user_id};
use super::{Dialect, SqlStore};
use crate::audit::AuditRecord;
use crate::domain::{EpochSeconds, User, UserId};
use crate::store::{
    AuthorizationCode, AuthorizedLogin, BrowserSession, ClientAuthMethod, ClientMetadata,
    CodeRedemption, Consent, GrantedAuthorization, IssuedTokens, OAuthClient, PendingAuthorization,
    RefreshRotation, RefreshToken, StoreError,
};

/// Used codes are kept this long past their expiry, so a late replay is still recognised (and
/// revokes what the first use issued) rather than answered as an unknown code.
const USED_CODE_RETENTION_SECS: i64 = 600;

const CLIENT_COLUMNS: &str =
    "client_id, auth_method, secret_hash, metadata, created_at, expires_at";
const CODE_COLUMNS: &str = "code_hash, client_id, user_id, redirect_uri, code_challenge, resource, scope, \
                            family_id, created_at, expires_at, used_at";
const REFRESH_COLUMNS: &str = "token_hash, family_id, client_id, user_id, scope, resource, session_jti, \
                               parent_hash, created_at, expires_at, rotated_at, revoked_at";

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
    #[instrument(skip_all, fields(oauth.client_id = %client.client_id))]
    pub(super) async fn oauth_register_client(
        &self,
        client: &OAuthClient,
        audit: Option<&AuditRecord>,
    ) -> Result<(), StoreError> {
        let metadata = serde_json::to_string(&client.metadata)
            .map_err(|_| StoreError::Corrupt("client metadata does not serialise"))?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        sqlx::query(
            "INSERT INTO oauth_clients (client_id, auth_method, secret_hash, metadata, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&client.client_id)
        .bind(client.auth_method.as_str())
        .bind(client.secret_hash.as_deref())
        .bind(metadata)
        .bind(client.created_at)
        .bind(client.expires_at)
        .execute(&mut *tx)
        .await?;
        Self::insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    #[instrument(skip_all)]
    pub(super) async fn oauth_get_client(
        &self,
        client_id: &str,
        now: EpochSeconds,
    ) -> Result<Option<OAuthClient>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {CLIENT_COLUMNS} FROM oauth_clients WHERE client_id = $1 AND expires_at > $2"
        )))
        .bind(client_id)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(client).transpose()
    }

    #[instrument(skip_all)]
    pub(super) async fn oauth_save_pending(
        &self,
        pending: &PendingAuthorization,
    ) -> Result<(), StoreError> {
        let request = serde_json::to_string(&pending.request)
            .map_err(|_| StoreError::Corrupt("authorization request does not serialise"))?;
        sqlx::query(
            "INSERT INTO oauth_pending_authorizations \
                 (id_hash, browser_hash, csrf_hash, request, user_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&pending.id_hash)
        .bind(&pending.browser_hash)
        .bind(&pending.csrf_hash)
        .bind(request)
        .bind(pending.user_id.map(stored_user_id).transpose()?)
        .bind(pending.created_at)
        .bind(pending.expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    #[instrument(skip_all)]
    pub(super) async fn oauth_take_pending(
        &self,
        id_hash: &str,
    ) -> Result<Option<PendingAuthorization>, StoreError> {
        // One statement: of two concurrent answers to one consent page, exactly one gets it.
        let row = sqlx::query(
            "DELETE FROM oauth_pending_authorizations WHERE id_hash = $1 \
             RETURNING id_hash, browser_hash, csrf_hash, request, user_id, created_at, expires_at",
        )
        .bind(id_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(pending).transpose()
    }

    #[instrument(skip_all)]
    pub(super) async fn oauth_get_browser_session(
        &self,
        id_hash: &str,
        now: EpochSeconds,
    ) -> Result<Option<BrowserSession>, StoreError> {
        let row = sqlx::query(
            "SELECT id_hash, user_id, created_at, expires_at FROM oauth_browser_sessions \
             WHERE id_hash = $1 AND expires_at > $2",
        )
        .bind(id_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(BrowserSession {
                id_hash: row.column("id_hash")?,
                user_id: user_id(row.column("user_id")?)?,
                created_at: row.column("created_at")?,
                expires_at: row.column("expires_at")?,
            })
        })
        .transpose()
    }

    #[instrument(skip_all, fields(user.id = %user))]
    pub(super) async fn oauth_get_consent(
        &self,
        user: UserId,
        client_id: &str,
    ) -> Result<Option<Consent>, StoreError> {
        let row = sqlx::query(
            "SELECT user_id, client_id, scope, granted_at FROM oauth_consents \
             WHERE user_id = $1 AND client_id = $2",
        )
        .bind(stored_user_id(user)?)
        .bind(client_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(Consent {
                user_id: user_id(row.column("user_id")?)?,
                client_id: row.column("client_id")?,
                scope: row.column("scope")?,
                granted_at: row.column("granted_at")?,
            })
        })
        .transpose()
    }

    #[instrument(skip_all, fields(user.id = %grant.consent.user_id))]
    pub(super) async fn oauth_grant(&self, grant: &GrantedAuthorization) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::write_grant(&mut tx, grant).await?;
        tx.commit().await?;
        Ok(())
    }

    #[instrument(skip_all, fields(user.id = %login.profile.id))]
    pub(super) async fn oauth_complete_login(
        &self,
        login: &AuthorizedLogin,
    ) -> Result<User, StoreError> {
        let now = login.grant.code.created_at;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let user = Self::upsert_user(&mut tx, &login.profile, now).await?;
        Self::upsert_credential(&mut tx, &login.credential).await?;
        Self::insert_audit(&mut tx, login.login_audit.as_ref()).await?;
        Self::write_grant(&mut tx, &login.grant).await?;
        tx.commit().await?;
        Ok(user)
    }

    #[instrument(skip_all)]
    pub(super) async fn oauth_get_code(
        &self,
        code_hash: &str,
    ) -> Result<Option<AuthorizationCode>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {CODE_COLUMNS} FROM oauth_codes WHERE code_hash = $1"
        )))
        .bind(code_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(code).transpose()
    }

    #[instrument(skip_all, fields(oauth.client_id = %tokens.client_id))]
    pub(super) async fn oauth_redeem_code(
        &self,
        code_hash: &str,
        tokens: &IssuedTokens,
        now: EpochSeconds,
        reuse_audit: Option<&AuditRecord>,
    ) -> Result<CodeRedemption, StoreError> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let marked = sqlx::query(
            "UPDATE oauth_codes SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL",
        )
        .bind(now)
        .bind(code_hash)
        .execute(&mut *tx)
        .await?;
        if DB::rows_affected(&marked) == 1 {
            Self::insert_tokens(&mut tx, tokens, None).await?;
            tx.commit().await?;
            return Ok(CodeRedemption::Redeemed);
        }
        let family = sqlx::query("SELECT family_id FROM oauth_codes WHERE code_hash = $1")
            .bind(code_hash)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(family) = family else {
            return Ok(CodeRedemption::Unknown);
        };
        let family: String = family.column("family_id")?;
        let revoked = Self::revoke_family(&mut tx, &family, now).await?;
        Self::insert_audit(&mut tx, reuse_audit).await?;
        tx.commit().await?;
        Ok(CodeRedemption::Replayed { revoked })
    }

    #[instrument(skip_all)]
    pub(super) async fn oauth_get_refresh_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<RefreshToken>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {REFRESH_COLUMNS} FROM oauth_refresh_tokens WHERE token_hash = $1"
        )))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(refresh_token).transpose()
    }

    #[instrument(skip_all, fields(oauth.client_id = %tokens.client_id))]
    pub(super) async fn oauth_rotate_refresh_token(
        &self,
        token_hash: &str,
        tokens: &IssuedTokens,
        now: EpochSeconds,
        grace_secs: i64,
        reuse_audit: Option<&AuditRecord>,
    ) -> Result<RefreshRotation, StoreError> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {REFRESH_COLUMNS} FROM oauth_refresh_tokens WHERE token_hash = $1{}",
            DB::LOCK_ROW
        )))
        .bind(token_hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(current) = row.as_ref().map(refresh_token).transpose()? else {
            return Ok(RefreshRotation::Invalid);
        };
        if current.revoked_at.is_some() {
            // A superseded token used again is a reuse; a token of a revoked family is dead.
            let revoked = Self::revoke_family(&mut tx, &current.family_id, now).await?;
            if revoked == 0 {
                return Ok(RefreshRotation::Invalid);
            }
            Self::insert_audit(&mut tx, reuse_audit).await?;
            tx.commit().await?;
            return Ok(RefreshRotation::Reused { revoked });
        }
        if current.expires_at <= now {
            return Ok(RefreshRotation::Invalid);
        }
        let rotated = sqlx::query(
            "UPDATE oauth_refresh_tokens SET rotated_at = $1 \
             WHERE token_hash = $2 AND rotated_at IS NULL AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(token_hash)
        .execute(&mut *tx)
        .await?;
        if DB::rows_affected(&rotated) == 1 {
            Self::insert_tokens(&mut tx, tokens, Some(token_hash)).await?;
            tx.commit().await?;
            return Ok(RefreshRotation::Rotated);
        }
        // Rotated before. Within the grace window, and when the one successor was never used,
        // this is the client retrying a refresh whose answer it lost: supersede that successor.
        let successors = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {REFRESH_COLUMNS} FROM oauth_refresh_tokens WHERE parent_hash = $1"
        )))
        .bind(token_hash)
        .fetch_all(&mut *tx)
        .await?;
        let successors: Vec<RefreshToken> = successors
            .iter()
            .map(refresh_token)
            .collect::<Result<_, _>>()?;
        let in_grace = current
            .rotated_at
            .is_some_and(|at| now.saturating_sub(at) <= grace_secs);
        if let [only] = successors.as_slice()
            && in_grace
            && only.rotated_at.is_none()
            && only.revoked_at.is_none()
        {
            sqlx::query("UPDATE oauth_refresh_tokens SET revoked_at = $1 WHERE token_hash = $2")
                .bind(now)
                .bind(&only.token_hash)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE sessions SET revoked_at = $1 WHERE jti = $2 AND revoked_at IS NULL",
            )
            .bind(now)
            .bind(&only.session_jti)
            .execute(&mut *tx)
            .await?;
            Self::insert_tokens(&mut tx, tokens, Some(token_hash)).await?;
            tx.commit().await?;
            return Ok(RefreshRotation::RotatedInGrace);
        }
        let revoked = Self::revoke_family(&mut tx, &current.family_id, now).await?;
        Self::insert_audit(&mut tx, reuse_audit).await?;
        tx.commit().await?;
        Ok(RefreshRotation::Reused { revoked })
    }

    #[instrument(skip_all)]
    pub(super) async fn oauth_revoke_family(
        &self,
        family_id: &str,
        now: EpochSeconds,
        audit: Option<&AuditRecord>,
    ) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let revoked = Self::revoke_family(&mut tx, family_id, now).await?;
        if revoked == 0 {
            return Ok(0);
        }
        Self::insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(revoked)
    }

    #[instrument(skip_all)]
    pub(super) async fn oauth_purge_expired(&self, now: EpochSeconds) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let mut purged = 0;
        for (sql, at) in [
            (
                "DELETE FROM oauth_pending_authorizations WHERE expires_at < $1",
                now,
            ),
            (
                "DELETE FROM oauth_browser_sessions WHERE expires_at < $1",
                now,
            ),
            (
                "DELETE FROM oauth_codes WHERE expires_at < $1",
                now - USED_CODE_RETENTION_SECS,
            ),
            (
                "DELETE FROM oauth_refresh_tokens WHERE expires_at < $1",
                now,
            ),
            ("DELETE FROM oauth_clients WHERE expires_at < $1", now),
        ] {
            let done = sqlx::query(sql).bind(at).execute(&mut *tx).await?;
            purged += DB::rows_affected(&done);
        }
        tx.commit().await?;
        Ok(purged)
    }

    /// Remember the consent, store the code (and browser session), keep the client, audit.
    async fn write_grant(
        conn: &mut DB::Connection,
        grant: &GrantedAuthorization,
    ) -> Result<(), StoreError> {
        let consent = &grant.consent;
        sqlx::query(
            "INSERT INTO oauth_consents (user_id, client_id, scope, granted_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, client_id) DO UPDATE SET scope = excluded.scope, granted_at = excluded.granted_at",
        )
        .bind(stored_user_id(consent.user_id)?)
        .bind(&consent.client_id)
        .bind(&consent.scope)
        .bind(consent.granted_at)
        .execute(&mut *conn)
        .await?;
        let code = &grant.code;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO oauth_codes ({CODE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        )))
        .bind(&code.code_hash)
        .bind(&code.client_id)
        .bind(stored_user_id(code.user_id)?)
        .bind(&code.redirect_uri)
        .bind(&code.code_challenge)
        .bind(&code.resource)
        .bind(&code.scope)
        .bind(&code.family_id)
        .bind(code.created_at)
        .bind(code.expires_at)
        .bind(code.used_at)
        .execute(&mut *conn)
        .await?;
        if let Some(browser) = &grant.browser_session {
            sqlx::query(
                "INSERT INTO oauth_browser_sessions (id_hash, user_id, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(&browser.id_hash)
            .bind(stored_user_id(browser.user_id)?)
            .bind(browser.created_at)
            .bind(browser.expires_at)
            .execute(&mut *conn)
            .await?;
        }
        Self::insert_audit(conn, grant.audit.as_ref()).await
    }

    /// Store an access token's session and its refresh token (successor of `parent`), keep the
    /// client alive as long as the refresh token, and write the audit row.
    async fn insert_tokens(
        conn: &mut DB::Connection,
        tokens: &IssuedTokens,
        parent: Option<&str>,
    ) -> Result<(), StoreError> {
        let session = &tokens.session;
        sqlx::query(
            "INSERT INTO sessions (jti, user_id, issued_at, expires_at, revoked_at, client_id, family_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&session.jti)
        .bind(stored_user_id(session.user_id)?)
        .bind(session.issued_at)
        .bind(session.expires_at)
        .bind(session.revoked_at)
        .bind(&tokens.client_id)
        .bind(&tokens.family_id)
        .execute(&mut *conn)
        .await?;
        if let Some(refresh) = &tokens.refresh {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO oauth_refresh_tokens ({REFRESH_COLUMNS}) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
            )))
            .bind(&refresh.token_hash)
            .bind(&tokens.family_id)
            .bind(&tokens.client_id)
            .bind(stored_user_id(refresh.user_id)?)
            .bind(&refresh.scope)
            .bind(&refresh.resource)
            .bind(&session.jti)
            .bind(parent)
            .bind(refresh.created_at)
            .bind(refresh.expires_at)
            .bind(None::<i64>)
            .bind(None::<i64>)
            .execute(&mut *conn)
            .await?;
        }
        sqlx::query(
            "UPDATE oauth_clients SET expires_at = $1 WHERE client_id = $2 AND expires_at < $1",
        )
        .bind(tokens.client_expires_at)
        .bind(&tokens.client_id)
        .execute(&mut *conn)
        .await?;
        Self::insert_audit(conn, tokens.audit.as_ref()).await
    }

    /// Revoke every live refresh token and session of a family; returns how many were live.
    async fn revoke_family(
        conn: &mut DB::Connection,
        family_id: &str,
        now: EpochSeconds,
    ) -> Result<u64, StoreError> {
        let tokens = sqlx::query(
            "UPDATE oauth_refresh_tokens SET revoked_at = $1 WHERE family_id = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(family_id)
        .execute(&mut *conn)
        .await?;
        let sessions = sqlx::query(
            "UPDATE sessions SET revoked_at = $1 WHERE family_id = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(family_id)
        .execute(&mut *conn)
        .await?;
        Ok(DB::rows_affected(&tokens) + DB::rows_affected(&sessions))
    }
}

fn client(row: &impl Columns) -> Result<OAuthClient, StoreError> {
    let method: String = row.column("auth_method")?;
    let metadata: String = row.column("metadata")?;
    let metadata: ClientMetadata = serde_json::from_str(&metadata)
        .map_err(|_| StoreError::Corrupt("unreadable client metadata"))?;
    Ok(OAuthClient {
        client_id: row.column("client_id")?,
        auth_method: ClientAuthMethod::parse(&method)
            .ok_or(StoreError::Corrupt("unknown client auth method"))?,
        secret_hash: row.column("secret_hash")?,
        metadata,
        created_at: row.column("created_at")?,
        expires_at: row.column("expires_at")?,
    })
}

fn pending(row: &impl Columns) -> Result<PendingAuthorization, StoreError> {
    let request: String = row.column("request")?;
    let user: Option<i64> = row.column("user_id")?;
    Ok(PendingAuthorization {
        id_hash: row.column("id_hash")?,
        browser_hash: row.column("browser_hash")?,
        csrf_hash: row.column("csrf_hash")?,
        request: serde_json::from_str(&request)
            .map_err(|_| StoreError::Corrupt("unreadable authorization request"))?,
        user_id: user.map(user_id).transpose()?,
        created_at: row.column("created_at")?,
        expires_at: row.column("expires_at")?,
    })
}

fn code(row: &impl Columns) -> Result<AuthorizationCode, StoreError> {
    Ok(AuthorizationCode {
        code_hash: row.column("code_hash")?,
        client_id: row.column("client_id")?,
        user_id: user_id(row.column("user_id")?)?,
        redirect_uri: row.column("redirect_uri")?,
        code_challenge: row.column("code_challenge")?,
        resource: row.column("resource")?,
        scope: row.column("scope")?,
        family_id: row.column("family_id")?,
        created_at: row.column("created_at")?,
        expires_at: row.column("expires_at")?,
        used_at: row.column("used_at")?,
    })
}

fn refresh_token(row: &impl Columns) -> Result<RefreshToken, StoreError> {
    Ok(RefreshToken {
        token_hash: row.column("token_hash")?,
        family_id: row.column("family_id")?,
        client_id: row.column("client_id")?,
        user_id: user_id(row.column("user_id")?)?,
        scope: row.column("scope")?,
        resource: row.column("resource")?,
        session_jti: row.column("session_jti")?,
        parent_hash: row.column("parent_hash")?,
        created_at: row.column("created_at")?,
        expires_at: row.column("expires_at")?,
        rotated_at: row.column("rotated_at")?,
        revoked_at: row.column("revoked_at")?,
    })
}

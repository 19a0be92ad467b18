//! The SQL [`Store`], written once for every backend: [`SqlStore`] is generic over the sqlx
//! database, and a [`Dialect`] names the few things that differ (how a write transaction begins,
//! how a read locks the row it will change, how many rows a statement changed). The backends —
//! `store/sqlite.rs` and `store/postgres.rs` — only open the pool and run their own migrations.
//!
//! The SQL itself is what both dialects accept: `$n` placeholders, `ON CONFLICT`, `RETURNING`,
//! `IS NOT DISTINCT FROM`, epoch seconds in `BIGINT`, bytes bound as `&[u8]` (`BLOB`/`BYTEA`).
//!
//! Every verb that writes more than one row runs in one transaction begun with
//! [`Dialect::BEGIN_WRITE`]. Check-and-set verbs (`take_oauth_state`, `rotate_session`,
//! `reseal_credential`, `redeem_code`) decide with a single conditional statement, which is
//! atomic on both backends: under PostgreSQL's READ COMMITTED a concurrent `UPDATE … WHERE` waits
//! for the other writer's row lock and re-checks its condition. A verb that reads a row and then
//! decides (`set_tier`, `rotate_refresh_token`) reads it with [`Dialect::LOCK_ROW`], so on
//! PostgreSQL the second of two concurrent callers — on any replica — waits and sees what the
//! first wrote, as SQLite's `BEGIN IMMEDIATE` makes it do on one.

mod account;
mod oauth;
mod rate_limits;
mod rows;

use std::borrow::Cow;
use std::fmt;

use async_trait::async_trait;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{Database, Encode, Executor, IntoArguments, Pool, SqlSafeStr, Type};
use tracing::instrument;

pub(crate) use self::rows::Columns;
use self::rows::stored_user_id;
use crate::audit::{AuditRecord, AuditRow};
use crate::domain::{EpochSeconds, Tier, User, UserId, UserProfile};
use crate::store::{
    AuditFilter, AuthorizationCode, AuthorizedLogin, BrowserLogin, BrowserSession, ClientGrant,
    CodeRedemption, CompletedLogin, Consent, GrantedAuthorization, IssuedTokens, KeyCheck,
    OAuthClient, OAuthState, PendingAuthorization, RateHit, RefreshRotation, RefreshToken,
    Rotation, Session, Store, StoreError, StoredCredential,
};

/// What differs between the SQL backends. The rest of what [`SqlStore`] needs from a backend is
/// in the `where` clauses of its `impl` blocks (Rust does not carry those with the trait; the
/// copies — here, `impl Store` below, `sql/oauth.rs` and `sql/account.rs` — are the same list).
pub(crate) trait Dialect: Database<Row: Columns, Arguments: IntoArguments<Self>> {
    /// The statement that begins a transaction that writes.
    const BEGIN_WRITE: &'static str;
    /// Appended to a `SELECT` of the row a transaction goes on to change: a row lock where the
    /// transaction does not already hold the write lock.
    const LOCK_ROW: &'static str;
    /// One hit on a sliding-window limit, binding `$1` scope, `$2` key, `$3` now (epoch ms),
    /// `$4` the window (ms), `$5` the limit; returns the row's `hits` (JSON text), `allowed` and
    /// `refusals` after the hit (`sql/rate_limits.rs`).
    const RATE_LIMIT_HIT: &'static str;
    /// A limit's `hits` (JSON text), binding `$1` scope and `$2` key.
    const RATE_LIMIT_PEEK: &'static str;
    /// How many rows a statement changed.
    fn rows_affected(done: &Self::QueryResult) -> u64;
}

/// A [`Store`] on a SQL database (see the module docs); built by `SqliteStore::connect` or
/// `PostgresStore::connect`.
pub(crate) struct SqlStore<DB: Database> {
    /// The connection pool, set up by the backend.
    pool: Pool<DB>,
    /// The database as it may be shown (a file path, or a PostgreSQL URL without its password).
    shown: String,
}

impl<DB: Dialect> fmt::Debug for SqlStore<DB> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SqlStore")
            .field("backend", &<DB as Database>::NAME)
            .field("database", &self.shown)
            .finish_non_exhaustive()
    }
}

impl<DB: Database> SqlStore<DB> {
    /// A store on `pool`, whose schema is already migrated; `shown` names the database in logs.
    pub(super) fn new(pool: Pool<DB>, shown: String) -> Self {
        Self { pool, shown }
    }
}

/// The embedded migrations of a backend: `(version, description, SQL)` per file
/// `migrations/<backend>/<version>_<description>.sql`, listed by hand because the workspace builds
/// sqlx without its `macros` feature (which `sqlx::migrate!` needs). The checksum is that of the
/// text, so the table `_sqlx_migrations` records exactly what `sqlx::migrate!` would: either can
/// take over from the other.
pub(super) fn migrator(files: &[(i64, &'static str, &'static str)]) -> Migrator {
    Migrator::with_migrations(
        files
            .iter()
            .map(|&(version, description, sql)| {
                Migration::new(
                    version,
                    Cow::Borrowed(description),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                )
            })
            .collect(),
    )
}

/// Statements shared by several verbs, run inside the caller's transaction.
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
    /// Write one audit row on `conn` (inside the caller's transaction).
    async fn insert_audit(
        conn: &mut DB::Connection,
        record: Option<&AuditRecord>,
    ) -> Result<(), StoreError> {
        let Some(record) = record else {
            return Ok(());
        };
        let user_id = record.user_id.map(stored_user_id).transpose()?;
        sqlx::query(
            "INSERT INTO audit_log (timestamp, event_type, user_id, ip_address, user_agent, details) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(record.timestamp)
        .bind(record.event.as_str())
        .bind(user_id)
        .bind(record.origin.ip_address.as_deref())
        .bind(record.origin.user_agent.as_deref())
        .bind(record.details.to_string())
        .execute(conn)
        .await?;
        Ok(())
    }

    /// Store `session` on `conn`.
    async fn insert_session(
        conn: &mut DB::Connection,
        session: &Session,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO sessions (jti, user_id, issued_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&session.jti)
        .bind(stored_user_id(session.user_id)?)
        .bind(session.issued_at)
        .bind(session.expires_at)
        .bind(session.revoked_at)
        .execute(conn)
        .await?;
        Ok(())
    }

    /// Create the user (as `free`) or update their profile (the tier is kept), on `conn`.
    async fn upsert_user(
        conn: &mut DB::Connection,
        profile: &UserProfile,
        now: EpochSeconds,
    ) -> Result<User, StoreError> {
        let (workspace_id, workspace_name) = match &profile.default_workspace {
            Some(w) => (Some(w.id.as_str()), Some(w.name.as_str())),
            None => (None, None),
        };
        let user = sqlx::query(
            "INSERT INTO users (id, email, username, tier, default_workspace_id, default_workspace_name, \
                                created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
             ON CONFLICT (id) DO UPDATE SET \
                 email = excluded.email, \
                 username = excluded.username, \
                 default_workspace_id = excluded.default_workspace_id, \
                 default_workspace_name = excluded.default_workspace_name, \
                 updated_at = excluded.updated_at \
             RETURNING id, email, username, tier, default_workspace_id, default_workspace_name, \
                       created_at, updated_at",
        )
        .bind(stored_user_id(profile.id)?)
        .bind(&profile.email)
        .bind(&profile.username)
        .bind(Tier::Free.as_str())
        .bind(workspace_id)
        .bind(workspace_name)
        .bind(now)
        .fetch_one(conn)
        .await?;
        rows::user(&user)
    }

    /// Store the user's ClickUp credential, replacing any earlier one and clearing `revoked`.
    async fn upsert_credential(
        conn: &mut DB::Connection,
        credential: &StoredCredential,
    ) -> Result<(), StoreError> {
        let refresh = credential.refresh_token.as_ref();
        sqlx::query(
            "INSERT INTO clickup_credentials (user_id, access_key_id, access_blob, refresh_key_id, refresh_blob, \
                                              expires_at, revoked, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (user_id) DO UPDATE SET \
                 access_key_id = excluded.access_key_id, \
                 access_blob = excluded.access_blob, \
                 refresh_key_id = excluded.refresh_key_id, \
                 refresh_blob = excluded.refresh_blob, \
                 expires_at = excluded.expires_at, \
                 revoked = excluded.revoked, \
                 updated_at = excluded.updated_at",
        )
        .bind(stored_user_id(credential.user_id)?)
        .bind(&credential.access_token.key_id)
        .bind(credential.access_token.blob.as_slice())
        .bind(refresh.map(|r| r.key_id.as_str()))
        .bind(refresh.map(|r| r.blob.as_slice()))
        .bind(credential.expires_at)
        .bind(false)
        .bind(credential.updated_at)
        .execute(conn)
        .await?;
        Ok(())
    }

    /// A row limit as a bind value (`LIMIT` takes a `BIGINT`).
    fn row_limit(limit: u32) -> i64 {
        i64::from(limit)
    }
}

#[async_trait]
impl<DB> Store for SqlStore<DB>
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
    #[instrument(skip_all)]
    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    // --- login states -------------------------------------------------------------------------

    #[instrument(skip_all)]
    async fn save_oauth_state(&self, state: &OAuthState) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO oauth_states (state_hash, browser_hash, flow, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&state.state_hash)
        .bind(&state.browser_hash)
        .bind(rows::stored_flow(&state.flow)?)
        .bind(state.created_at)
        .bind(state.expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    #[instrument(skip_all)]
    async fn take_oauth_state(&self, state_hash: &str) -> Result<Option<OAuthState>, StoreError> {
        // One statement: of two concurrent takes, exactly one gets the row.
        let row = sqlx::query(
            "DELETE FROM oauth_states WHERE state_hash = $1 \
             RETURNING state_hash, browser_hash, flow, created_at, expires_at",
        )
        .bind(state_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(rows::oauth_state).transpose()
    }

    #[instrument(skip_all)]
    async fn purge_expired_oauth_states(&self, now: EpochSeconds) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM oauth_states WHERE expires_at < $1")
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(DB::rows_affected(&done))
    }

    // --- users and logins ---------------------------------------------------------------------

    #[instrument(skip_all, fields(user.id = %login.profile.id))]
    async fn complete_login(&self, login: &CompletedLogin) -> Result<User, StoreError> {
        let profile = &login.profile;
        let credential = &login.credential;
        // The login's moment: when its session was issued.
        let now = login.session.issued_at;

        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let user = Self::upsert_user(&mut tx, profile, now).await?;
        Self::upsert_credential(&mut tx, credential).await?;
        Self::insert_session(&mut tx, &login.session).await?;
        Self::insert_audit(&mut tx, login.audit.as_ref()).await?;
        tx.commit().await?;
        Ok(user)
    }

    #[instrument(skip_all, fields(user.id = %id))]
    async fn get_user(&self, id: UserId) -> Result<Option<User>, StoreError> {
        let row = sqlx::query(
            "SELECT id, email, username, tier, default_workspace_id, default_workspace_name, created_at, updated_at \
             FROM users WHERE id = $1",
        )
        .bind(stored_user_id(id)?)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(rows::user).transpose()
    }

    #[instrument(skip_all)]
    async fn list_users(&self) -> Result<Vec<User>, StoreError> {
        let found = sqlx::query(
            "SELECT id, email, username, tier, default_workspace_id, default_workspace_name, created_at, updated_at \
             FROM users ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        found.iter().map(rows::user).collect()
    }

    #[instrument(skip_all, fields(user.id = %id, tier = tier.as_str()))]
    async fn set_tier(
        &self,
        id: UserId,
        tier: Tier,
        now: EpochSeconds,
        audit: Option<&AuditRecord>,
    ) -> Result<Option<Tier>, StoreError> {
        let id = stored_user_id(id)?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let previous = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT tier FROM users WHERE id = $1{}",
            DB::LOCK_ROW
        )))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(previous) = previous else {
            return Ok(None);
        };
        let previous: String = previous.column("tier")?;
        let previous: Tier = previous
            .parse()
            .map_err(|_| StoreError::Corrupt("unknown tier"))?;
        sqlx::query("UPDATE users SET tier = $1, updated_at = $2 WHERE id = $3")
            .bind(tier.as_str())
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        Self::insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(Some(previous))
    }

    #[instrument(skip_all, fields(user.id = %id))]
    async fn delete_user(
        &self,
        id: UserId,
        audit: Option<&AuditRecord>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        // The credential and the sessions go with the user (ON DELETE CASCADE).
        let done = sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(stored_user_id(id)?)
            .execute(&mut *tx)
            .await?;
        if DB::rows_affected(&done) == 0 {
            return Ok(false);
        }
        Self::insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    // --- credentials --------------------------------------------------------------------------

    #[instrument(skip_all, fields(user.id = %id))]
    async fn get_credential(&self, id: UserId) -> Result<Option<StoredCredential>, StoreError> {
        let row = sqlx::query(
            "SELECT user_id, access_key_id, access_blob, refresh_key_id, refresh_blob, expires_at, revoked, updated_at \
             FROM clickup_credentials WHERE user_id = $1",
        )
        .bind(stored_user_id(id)?)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(rows::credential).transpose()
    }

    #[instrument(skip_all, fields(user.id = %id))]
    async fn mark_credential_revoked(
        &self,
        id: UserId,
        now: EpochSeconds,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE clickup_credentials SET revoked = $1, updated_at = $2 WHERE user_id = $3",
        )
        .bind(true)
        .bind(now)
        .bind(stored_user_id(id)?)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    #[instrument(skip_all, fields(key.current = current_key_id))]
    async fn credentials_not_under_key(
        &self,
        current_key_id: &str,
        limit: u32,
    ) -> Result<Vec<StoredCredential>, StoreError> {
        let found = sqlx::query(
            "SELECT user_id, access_key_id, access_blob, refresh_key_id, refresh_blob, expires_at, revoked, updated_at \
             FROM clickup_credentials \
             WHERE access_key_id <> $1 OR (refresh_key_id IS NOT NULL AND refresh_key_id <> $1) \
             ORDER BY user_id LIMIT $2",
        )
        .bind(current_key_id)
        .bind(Self::row_limit(limit))
        .fetch_all(&self.pool)
        .await?;
        found.iter().map(rows::credential).collect()
    }

    #[instrument(skip_all, fields(user.id = %expected.user_id))]
    async fn reseal_credential(
        &self,
        expected: &StoredCredential,
        resealed: &StoredCredential,
    ) -> Result<bool, StoreError> {
        let (old_refresh, new_refresh) = (
            expected.refresh_token.as_ref(),
            resealed.refresh_token.as_ref(),
        );
        // Compare-and-swap in one statement: a login that replaced the credential since
        // `expected` was read leaves it unmatched.
        let done = sqlx::query(
            "UPDATE clickup_credentials SET \
                 access_key_id = $1, access_blob = $2, refresh_key_id = $3, refresh_blob = $4, updated_at = $5, \
                 expires_at = $11 \
             WHERE user_id = $6 \
               AND access_key_id = $7 AND access_blob = $8 \
               AND refresh_key_id IS NOT DISTINCT FROM $9 AND refresh_blob IS NOT DISTINCT FROM $10",
        )
        .bind(&resealed.access_token.key_id)
        .bind(resealed.access_token.blob.as_slice())
        .bind(new_refresh.map(|r| r.key_id.as_str()))
        .bind(new_refresh.map(|r| r.blob.as_slice()))
        .bind(resealed.updated_at)
        .bind(stored_user_id(expected.user_id)?)
        .bind(&expected.access_token.key_id)
        .bind(expected.access_token.blob.as_slice())
        .bind(old_refresh.map(|r| r.key_id.as_str()))
        .bind(old_refresh.map(|r| r.blob.as_slice()))
        .bind(resealed.expires_at)
        .execute(&self.pool)
        .await?;
        Ok(DB::rows_affected(&done) == 1)
    }

    #[instrument(skip_all)]
    async fn count_credentials_by_key(&self) -> Result<Vec<(String, u64)>, StoreError> {
        // A credential counts once under each key that sealed one of its values.
        let found = sqlx::query(
            "SELECT key_id, COUNT(*) AS credentials FROM ( \
                 SELECT user_id, access_key_id AS key_id FROM clickup_credentials \
                 UNION \
                 SELECT user_id, refresh_key_id AS key_id FROM clickup_credentials WHERE refresh_key_id IS NOT NULL \
             ) AS sealed GROUP BY key_id ORDER BY key_id",
        )
        .fetch_all(&self.pool)
        .await?;
        found
            .iter()
            .map(|row| {
                let count: i64 = row.column("credentials")?;
                let count =
                    u64::try_from(count).map_err(|_| StoreError::Corrupt("negative count"))?;
                Ok((row.column("key_id")?, count))
            })
            .collect()
    }

    // --- sessions -----------------------------------------------------------------------------

    #[instrument(skip_all)]
    async fn get_session(&self, jti: &str) -> Result<Option<Session>, StoreError> {
        let row = sqlx::query(
            "SELECT jti, user_id, issued_at, expires_at, revoked_at FROM sessions WHERE jti = $1",
        )
        .bind(jti)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(rows::session).transpose()
    }

    #[instrument(skip_all)]
    async fn get_session_and_user(
        &self,
        jti: &str,
    ) -> Result<Option<(Session, Option<User>)>, StoreError> {
        let row = sqlx::query(
            "SELECT s.jti, s.user_id, s.issued_at, s.expires_at, s.revoked_at, \
                    u.id, u.email, u.username, u.tier, u.default_workspace_id, u.default_workspace_name, \
                    u.created_at, u.updated_at \
             FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.jti = $1",
        )
        .bind(jti)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let session = rows::session(&row)?;
        let has_user: Option<i64> = row.column("id")?;
        let user = match has_user {
            Some(_) => Some(rows::user(&row)?),
            None => None,
        };
        Ok(Some((session, user)))
    }

    #[instrument(skip_all, fields(user.id = %new.user_id))]
    async fn rotate_session(
        &self,
        old_jti: &str,
        new: &Session,
        now: EpochSeconds,
        audit: Option<&AuditRecord>,
    ) -> Result<Rotation, StoreError> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        // Check and revoke in one statement: of two concurrent rotations, one finds it live.
        let done = sqlx::query(
            "UPDATE sessions SET revoked_at = $1 WHERE jti = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(old_jti)
        .execute(&mut *tx)
        .await?;
        if DB::rows_affected(&done) == 0 {
            return Ok(Rotation::AlreadyRevoked);
        }
        Self::insert_session(&mut tx, new).await?;
        Self::insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(Rotation::Rotated)
    }

    #[instrument(skip_all)]
    async fn revoke_session(
        &self,
        jti: &str,
        now: EpochSeconds,
        audit: Option<&AuditRecord>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let done = sqlx::query(
            "UPDATE sessions SET revoked_at = $1 WHERE jti = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(jti)
        .execute(&mut *tx)
        .await?;
        if DB::rows_affected(&done) == 0 {
            // Nothing changed, so nothing to record.
            return Ok(false);
        }
        Self::insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    #[instrument(skip_all, fields(user.id = %id))]
    async fn revoke_all_sessions(
        &self,
        id: UserId,
        now: EpochSeconds,
        audit: Option<&AuditRecord>,
    ) -> Result<u64, StoreError> {
        let id = stored_user_id(id)?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let done = sqlx::query(
            "UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM clickup_credentials WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        // MCP clients' refresh tokens would mint new sessions.
        sqlx::query(
            "UPDATE oauth_refresh_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        // Browser sessions would skip the ClickUp login at /authorize; remembered consents
        // would skip the consent page; unused codes would still redeem.
        for statement in [
            "DELETE FROM oauth_browser_sessions WHERE user_id = $1",
            "DELETE FROM oauth_consents WHERE user_id = $1",
            "DELETE FROM oauth_codes WHERE user_id = $1 AND used_at IS NULL",
        ] {
            sqlx::query(statement).bind(id).execute(&mut *tx).await?;
        }
        Self::insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(DB::rows_affected(&done))
    }

    #[instrument(skip_all)]
    async fn purge_expired_sessions(&self, now: EpochSeconds) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(DB::rows_affected(&done))
    }

    #[instrument(skip_all)]
    async fn count_live_sessions(&self, now: EpochSeconds) -> Result<u64, StoreError> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS live FROM sessions WHERE revoked_at IS NULL AND expires_at > $1",
        )
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        let live: i64 = row.column("live")?;
        u64::try_from(live).map_err(|_| StoreError::Corrupt("negative count"))
    }

    // --- rate limits (sql/rate_limits.rs) -------------------------------------------------------

    async fn hit_rate_limit(
        &self,
        scope: &str,
        key: &str,
        limit: u32,
        window_ms: i64,
        now_ms: i64,
    ) -> Result<RateHit, StoreError> {
        self.rate_limit_hit(scope, key, limit, window_ms, now_ms)
            .await
    }

    async fn rate_limit_hits(
        &self,
        scope: &str,
        key: &str,
        window_ms: i64,
        now_ms: i64,
    ) -> Result<Vec<i64>, StoreError> {
        self.rate_limit_window(scope, key, window_ms, now_ms).await
    }

    async fn purge_rate_limits(&self, scope: &str, idle_since_ms: i64) -> Result<u64, StoreError> {
        self.rate_limit_purge(scope, idle_since_ms).await
    }

    // --- keys ---------------------------------------------------------------------------------

    #[instrument(skip_all)]
    async fn key_checks(&self) -> Result<Vec<KeyCheck>, StoreError> {
        let found = sqlx::query("SELECT key_id, check_value FROM key_checks ORDER BY key_id")
            .fetch_all(&self.pool)
            .await?;
        found.iter().map(rows::key_check).collect()
    }

    #[instrument(skip_all, fields(key.id = %check.key_id))]
    async fn add_key_check(&self, check: &KeyCheck) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO key_checks (key_id, check_value) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING")
            .bind(&check.key_id)
            .bind(&check.check_value)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    // --- the MCP authorization server -------------------------------------------------------

    async fn register_client(
        &self,
        client: &OAuthClient,
        audit: Option<&AuditRecord>,
    ) -> Result<(), StoreError> {
        self.oauth_register_client(client, audit).await
    }

    async fn get_client(
        &self,
        client_id: &str,
        now: EpochSeconds,
    ) -> Result<Option<OAuthClient>, StoreError> {
        self.oauth_get_client(client_id, now).await
    }

    async fn save_pending_authorization(
        &self,
        pending: &PendingAuthorization,
    ) -> Result<(), StoreError> {
        self.oauth_save_pending(pending).await
    }

    async fn take_pending_authorization(
        &self,
        id_hash: &str,
    ) -> Result<Option<PendingAuthorization>, StoreError> {
        self.oauth_take_pending(id_hash).await
    }

    async fn get_browser_session(
        &self,
        id_hash: &str,
        now: EpochSeconds,
    ) -> Result<Option<BrowserSession>, StoreError> {
        self.oauth_get_browser_session(id_hash, now).await
    }

    async fn get_consent(
        &self,
        user_id: UserId,
        client_id: &str,
    ) -> Result<Option<Consent>, StoreError> {
        self.oauth_get_consent(user_id, client_id).await
    }

    async fn grant_authorization(&self, grant: &GrantedAuthorization) -> Result<(), StoreError> {
        self.oauth_grant(grant).await
    }

    async fn complete_authorization_login(
        &self,
        login: &AuthorizedLogin,
    ) -> Result<User, StoreError> {
        self.oauth_complete_login(login).await
    }

    async fn get_code(&self, code_hash: &str) -> Result<Option<AuthorizationCode>, StoreError> {
        self.oauth_get_code(code_hash).await
    }

    async fn redeem_code(
        &self,
        code_hash: &str,
        tokens: &IssuedTokens,
        now: EpochSeconds,
        reuse_audit: Option<&AuditRecord>,
    ) -> Result<CodeRedemption, StoreError> {
        self.oauth_redeem_code(code_hash, tokens, now, reuse_audit)
            .await
    }

    async fn get_refresh_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<RefreshToken>, StoreError> {
        self.oauth_get_refresh_token(token_hash).await
    }

    async fn rotate_refresh_token(
        &self,
        token_hash: &str,
        tokens: &IssuedTokens,
        now: EpochSeconds,
        grace_secs: i64,
        reuse_audit: Option<&AuditRecord>,
    ) -> Result<RefreshRotation, StoreError> {
        self.oauth_rotate_refresh_token(token_hash, tokens, now, grace_secs, reuse_audit)
            .await
    }

    async fn revoke_token_family(
        &self,
        family_id: &str,
        now: EpochSeconds,
        audit: Option<&AuditRecord>,
    ) -> Result<u64, StoreError> {
        self.oauth_revoke_family(family_id, now, audit).await
    }

    async fn purge_expired_oauth(&self, now: EpochSeconds) -> Result<u64, StoreError> {
        self.oauth_purge_expired(now).await
    }

    // --- the account page ---------------------------------------------------------------------

    async fn list_client_grants(&self, user_id: UserId) -> Result<Vec<ClientGrant>, StoreError> {
        self.account_list_grants(user_id).await
    }

    async fn revoke_client_grant(
        &self,
        user_id: UserId,
        client_id: &str,
        now: EpochSeconds,
        audit: Option<&AuditRecord>,
    ) -> Result<bool, StoreError> {
        self.account_revoke_grant(user_id, client_id, now, audit)
            .await
    }

    async fn complete_browser_login(&self, login: &BrowserLogin) -> Result<User, StoreError> {
        self.account_complete_login(login).await
    }

    // --- audit --------------------------------------------------------------------------------

    #[instrument(skip_all, fields(audit.event = record.event.as_str()))]
    async fn record_audit(&self, record: &AuditRecord) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await?;
        Self::insert_audit(&mut conn, Some(record)).await
    }

    #[instrument(skip_all, fields(audit.rows = records.len()))]
    async fn record_audit_batch(&self, records: &[AuditRecord]) -> Result<(), StoreError> {
        if records.is_empty() {
            return Ok(());
        }
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        for record in records {
            Self::insert_audit(&mut tx, Some(record)).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    #[instrument(skip_all)]
    async fn audit_rows(&self, filter: &AuditFilter) -> Result<Vec<AuditRow>, StoreError> {
        let user_id = filter.user_id.map(stored_user_id).transpose()?;
        let found = sqlx::query(
            "SELECT id, timestamp, event_type, user_id, ip_address, user_agent, details FROM audit_log \
             WHERE ($1 IS NULL OR timestamp >= $1) \
               AND ($2 IS NULL OR user_id = $2) \
               AND ($3 IS NULL OR id > $3) \
             ORDER BY id LIMIT $4",
        )
        .bind(filter.since)
        .bind(user_id)
        .bind(filter.after_id)
        .bind(Self::row_limit(filter.limit))
        .fetch_all(&self.pool)
        .await?;
        found.iter().map(rows::audit_row).collect()
    }
}

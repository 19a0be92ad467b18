//! Persistence: one [`Store`] trait with domain verbs, and its implementations.
//!
//! Every verb that changes state and has an audit event takes the [`AuditRecord`] with it and
//! writes both in one transaction, so the log never records a change that did not happen (or
//! misses one that did). Secrets reach the store only as [`Sealed`] values from the vault.
//!
//! One SQL store serves both backends (`store/sql.rs`, generic over the sqlx database): SQLite
//! (`store/sqlite.rs`) and PostgreSQL (`store/postgres.rs`) only open their pool, run their own
//! migrations (`migrations/sqlite/`, `migrations/postgres/`) and name the few spellings that
//! differ. The SQL keeps to what both accept: `TEXT`, `BIGINT` epoch seconds, `BOOLEAN`,
//! `BLOB`/`BYTEA`, `$1` placeholders.

mod catalog;
mod copy;
mod oauth;
mod postgres;
mod sql;
mod sqlite;

use std::fmt;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

pub use catalog::{Migrations, SchemaError};
pub use copy::{CopyError, CopyOptions, CopyProgress, CopyReport, copy};
pub use oauth::{
    AuthorizationCode, AuthorizationRequest, AuthorizedLogin, BrowserLogin, BrowserSession,
    ClientAuthMethod, ClientGrant, ClientMetadata, CodeRedemption, Consent, GrantedAuthorization,
    IssuedTokens, OAuthClient, PendingAuthorization, RefreshRotation, RefreshToken,
};
pub(crate) use postgres::PostgresStore;
pub(crate) use sqlite::SqliteStore;

use crate::audit::{AuditRecord, AuditRow};
use crate::domain::{EpochSeconds, Tier, User, UserId, UserProfile};
use crate::vault::{KeyCheck, Sealed};

/// A user's ClickUp OAuth grant, as stored: every secret sealed by the vault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredCredential {
    /// The owner; also the vault's associated data.
    pub user_id: UserId,
    /// The ClickUp access token, sealed with field name `access_token`.
    pub access_token: Sealed,
    /// A refresh token, when ClickUp issued one (it does not today), sealed as `refresh_token`.
    pub refresh_token: Option<Sealed>,
    /// When the access token expires, when ClickUp said so.
    pub expires_at: Option<EpochSeconds>,
    /// Set when ClickUp answered that the token is invalid; the user must log in again.
    pub revoked: bool,
    /// When it was stored.
    pub updated_at: EpochSeconds,
}

/// One issued session token (JWT), by its `jti`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// The JWT id: 32 random bytes, hex.
    pub jti: String,
    /// Whose session it is.
    pub user_id: UserId,
    /// `iat` of the token.
    pub issued_at: EpochSeconds,
    /// `exp` of the token.
    pub expires_at: EpochSeconds,
    /// When it was revoked (refresh, logout, user deletion), if it was.
    pub revoked_at: Option<EpochSeconds>,
}

/// Which login flow an OAuth `state` belongs to (the ClickUp callback is shared).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LoginFlow {
    /// The seed's `/auth/login`: the callback answers with a session token.
    Session,
    /// The account page's "Sign in with ClickUp": the callback stores the user, their ClickUp
    /// credential and a browser session, then redirects to `/account` (`crate::http::account`).
    Account,
    /// An MCP client's `/authorize`, approved on our consent page: the callback stores the
    /// ClickUp credential, then redirects to the client with a code (`crate::oauth::authorize`).
    Authorize {
        /// The validated request, with the scope the user granted.
        request: AuthorizationRequest,
    },
}

/// A pending ClickUp login, keyed by the SHA-256 of its `state`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OAuthState {
    /// SHA-256 of the state value, hex. The state itself is never stored.
    pub state_hash: String,
    /// SHA-256 of the browser-binding cookie value, hex.
    pub browser_hash: String,
    /// What to do when the callback comes back.
    pub flow: LoginFlow,
    /// Created.
    pub created_at: EpochSeconds,
    /// No longer valid from this time (10 minutes after creation).
    pub expires_at: EpochSeconds,
}

/// Everything a successful ClickUp callback writes, in one transaction.
#[derive(Clone, Debug)]
pub struct CompletedLogin {
    /// The user as ClickUp describes them now (the tier is not part of it).
    pub profile: UserProfile,
    /// The ClickUp credential; replaces any earlier one and clears `revoked`.
    pub credential: StoredCredential,
    /// The new session.
    pub session: Session,
    /// The `auth_success` row (`None` when audit logging is off).
    pub audit: Option<AuditRecord>,
}

/// Filter for reading the audit log.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    /// Only rows at or after this time.
    pub since: Option<EpochSeconds>,
    /// Only rows of this user.
    pub user_id: Option<UserId>,
    /// Only rows with an id greater than this (paging).
    pub after_id: Option<i64>,
    /// At most this many rows.
    pub limit: u32,
}

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be reached or answered with an error.
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// Migrations failed at start-up.
    #[error("database migration failed")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// A row held a value this version cannot read.
    #[error("corrupt row: {0}")]
    Corrupt(&'static str),
    /// Not a ClickUp user id.
    #[error("not a user id: expected digits, optionally prefixed with user_")]
    InvalidUserId,
    /// The schema is not this build's (see [`Migrations::Check`]).
    #[error(transparent)]
    Schema(#[from] SchemaError),
    /// The `DATABASE_URL` names a backend this build does not support.
    #[error("unsupported database URL scheme")]
    UnsupportedBackend,
}

/// The outcome of [`Store::rotate_session`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rotation {
    /// The old session was live and is now revoked; the new one is stored.
    Rotated,
    /// The old session was already revoked (or gone): nothing was written.
    AlreadyRevoked,
}

/// One hit on a sliding-window limit ([`Store::hit_rate_limit`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateHit {
    /// Whether this hit was accepted (and counted).
    pub allowed: bool,
    /// The accepted hits still in the window after this one, epoch ms, oldest first.
    pub hits: Vec<i64>,
    /// Whether this is the first refusal since the key's last accepted hit.
    pub first_refusal: bool,
}

/// Persistence for users, credentials, sessions, login states, keys and the audit log.
///
/// Implementations must make each verb atomic. Times are passed in (never read from a clock
/// inside the store) so tests control them.
#[async_trait]
pub trait Store: Send + Sync + fmt::Debug + 'static {
    /// Cheap liveness probe for `/health`.
    async fn ping(&self) -> Result<(), StoreError>;

    // --- login states -------------------------------------------------------------------------

    /// Remember a pending login.
    async fn save_oauth_state(&self, state: &OAuthState) -> Result<(), StoreError>;

    /// Remove and return the pending login for this state hash, if any (single use: a second
    /// call for the same hash returns `None`). Expiry is the caller's check.
    async fn take_oauth_state(&self, state_hash: &str) -> Result<Option<OAuthState>, StoreError>;

    /// Delete states that expired before `now`; returns how many.
    async fn purge_expired_oauth_states(&self, now: EpochSeconds) -> Result<u64, StoreError>;

    // --- users and logins ---------------------------------------------------------------------

    /// Upsert the user (new users are `free`; an existing user's tier is kept), replace their
    /// credential, create the session and write the audit row — all or nothing.
    async fn complete_login(&self, login: &CompletedLogin) -> Result<User, StoreError>;

    /// One user.
    async fn get_user(&self, id: UserId) -> Result<Option<User>, StoreError>;

    /// All users, by id.
    async fn list_users(&self) -> Result<Vec<User>, StoreError>;

    /// Change a user's tier and write the `tier_changed` row. Returns the previous tier, or
    /// `None` (and writes nothing) when the user does not exist.
    async fn set_tier(
        &self,
        id: UserId,
        tier: Tier,
        now: EpochSeconds,
        audit: Option<&AuditRecord>,
    ) -> Result<Option<Tier>, StoreError>;

    /// Delete the user, their credential and every session; write `user_deleted`. Returns
    /// whether the user existed (nothing is written when not). Audit rows are kept.
    async fn delete_user(
        &self,
        id: UserId,
        audit: Option<&AuditRecord>,
    ) -> Result<bool, StoreError>;

    // --- credentials --------------------------------------------------------------------------

    /// The user's stored ClickUp credential.
    async fn get_credential(&self, id: UserId) -> Result<Option<StoredCredential>, StoreError>;

    /// Mark the credential revoked (ClickUp rejected it).
    async fn mark_credential_revoked(
        &self,
        id: UserId,
        now: EpochSeconds,
    ) -> Result<(), StoreError>;

    /// All credentials whose access or refresh token is sealed under a key other than
    /// `current_key_id`, at most `limit` (for `keys rotate`, which re-seals them in batches).
    async fn credentials_not_under_key(
        &self,
        current_key_id: &str,
        limit: u32,
    ) -> Result<Vec<StoredCredential>, StoreError>;

    /// Replace the sealed values (and `expires_at`) of a credential, only if the sealed values
    /// are still the `expected` ones (so a login that raced a key rotation or a ClickUp token
    /// refresh is not overwritten). Returns whether it was replaced.
    async fn reseal_credential(
        &self,
        expected: &StoredCredential,
        resealed: &StoredCredential,
    ) -> Result<bool, StoreError>;

    /// How many credentials are sealed under each key id.
    async fn count_credentials_by_key(&self) -> Result<Vec<(String, u64)>, StoreError>;

    // --- sessions -----------------------------------------------------------------------------

    /// One session by `jti`.
    async fn get_session(&self, jti: &str) -> Result<Option<Session>, StoreError>;

    /// A session by `jti` with its user, read together (the per-request check: one query).
    /// The user is `None` when it was deleted.
    async fn get_session_and_user(
        &self,
        jti: &str,
    ) -> Result<Option<(Session, Option<User>)>, StoreError>;

    /// Revoke `old_jti` and store `new` — only if `old_jti` is live — and write the audit row
    /// (`token_refresh`); all or nothing.
    async fn rotate_session(
        &self,
        old_jti: &str,
        new: &Session,
        now: EpochSeconds,
        audit: Option<&AuditRecord>,
    ) -> Result<Rotation, StoreError>;

    /// Revoke one session and write the audit row (`logout`). Returns whether it was live.
    async fn revoke_session(
        &self,
        jti: &str,
        now: EpochSeconds,
        audit: Option<&AuditRecord>,
    ) -> Result<bool, StoreError>;

    /// Revoke every session and refresh token of the user, delete their ClickUp credential,
    /// browser sessions, remembered consents and unused codes, and write the audit row (`logout`
    /// with `all: true`). Returns how many sessions were live.
    async fn revoke_all_sessions(
        &self,
        id: UserId,
        now: EpochSeconds,
        audit: Option<&AuditRecord>,
    ) -> Result<u64, StoreError>;

    /// Delete sessions that expired before `now`; returns how many.
    async fn purge_expired_sessions(&self, now: EpochSeconds) -> Result<u64, StoreError>;

    /// How many sessions are live at `now` (not revoked, not expired): the
    /// `clickup_mcp_active_sessions` gauge of `GET /metrics`.
    async fn count_live_sessions(&self, now: EpochSeconds) -> Result<u64, StoreError>;

    // --- rate limits (shared by every process on the database) -------------------------------

    /// Count one hit on the limit `scope`/`key` at `now_ms`: accepted (and recorded) when fewer
    /// than `limit` accepted hits lie in the `window_ms` before it — exact under concurrency,
    /// from any number of processes.
    async fn hit_rate_limit(
        &self,
        scope: &str,
        key: &str,
        limit: u32,
        window_ms: i64,
        now_ms: i64,
    ) -> Result<RateHit, StoreError>;

    /// The accepted hits of `scope`/`key` in the `window_ms` before `now_ms`, oldest first,
    /// without counting one.
    async fn rate_limit_hits(
        &self,
        scope: &str,
        key: &str,
        window_ms: i64,
        now_ms: i64,
    ) -> Result<Vec<i64>, StoreError>;

    /// Forget the limits of `scope` with no hit after `idle_since_ms`; returns how many.
    async fn purge_rate_limits(&self, scope: &str, idle_since_ms: i64) -> Result<u64, StoreError>;

    // --- keys ---------------------------------------------------------------------------------

    /// All stored key check values.
    async fn key_checks(&self) -> Result<Vec<KeyCheck>, StoreError>;

    /// Store a key check value for a key id that has none yet (an existing one is left as is).
    async fn add_key_check(&self, check: &KeyCheck) -> Result<(), StoreError>;

    // --- the MCP authorization server (crate::oauth) -----------------------------------------

    /// Store a registered client and write `client_registered`.
    async fn register_client(
        &self,
        client: &OAuthClient,
        audit: Option<&AuditRecord>,
    ) -> Result<(), StoreError>;

    /// One registered client (expired ones are not returned).
    async fn get_client(
        &self,
        client_id: &str,
        now: EpochSeconds,
    ) -> Result<Option<OAuthClient>, StoreError>;

    /// Remember an authorization request shown on the consent page.
    async fn save_pending_authorization(
        &self,
        pending: &PendingAuthorization,
    ) -> Result<(), StoreError>;

    /// Remove and return the pending request with this id hash (single use). Expiry is the
    /// caller's check.
    async fn take_pending_authorization(
        &self,
        id_hash: &str,
    ) -> Result<Option<PendingAuthorization>, StoreError>;

    /// The browser session with this cookie hash, if it is live at `now`.
    async fn get_browser_session(
        &self,
        id_hash: &str,
        now: EpochSeconds,
    ) -> Result<Option<BrowserSession>, StoreError>;

    /// What the user approved for the client, if anything.
    async fn get_consent(
        &self,
        user_id: UserId,
        client_id: &str,
    ) -> Result<Option<Consent>, StoreError>;

    /// Remember the consent, store the code (and browser session) and write
    /// `authorization_granted` — all or nothing.
    async fn grant_authorization(&self, grant: &GrantedAuthorization) -> Result<(), StoreError>;

    /// A ClickUp login for an authorization request: upsert the user (tier kept), replace the
    /// credential, then everything [`Store::grant_authorization`] writes — all or nothing.
    async fn complete_authorization_login(
        &self,
        login: &AuthorizedLogin,
    ) -> Result<User, StoreError>;

    /// One code by hash (used or not).
    async fn get_code(&self, code_hash: &str) -> Result<Option<AuthorizationCode>, StoreError>;

    /// Mark the code used and store `tokens` — only if it was unused. If it was used before,
    /// revoke the family its first use issued and write `reuse_audit` instead.
    async fn redeem_code(
        &self,
        code_hash: &str,
        tokens: &IssuedTokens,
        now: EpochSeconds,
        reuse_audit: Option<&AuditRecord>,
    ) -> Result<CodeRedemption, StoreError>;

    /// One refresh token by hash.
    async fn get_refresh_token(&self, token_hash: &str)
    -> Result<Option<RefreshToken>, StoreError>;

    /// Rotate a refresh token: store `tokens` as its successor if it is live; within
    /// `grace_secs` of its rotation, supersede its unused successor once; otherwise (a reuse)
    /// revoke its family and write `reuse_audit`. See [`RefreshRotation`].
    async fn rotate_refresh_token(
        &self,
        token_hash: &str,
        tokens: &IssuedTokens,
        now: EpochSeconds,
        grace_secs: i64,
        reuse_audit: Option<&AuditRecord>,
    ) -> Result<RefreshRotation, StoreError>;

    /// Revoke every refresh token and session of a family and write the audit row (only when
    /// something was live). Returns how many were live.
    async fn revoke_token_family(
        &self,
        family_id: &str,
        now: EpochSeconds,
        audit: Option<&AuditRecord>,
    ) -> Result<u64, StoreError>;

    // --- the account page (crate::http::account) -----------------------------------------------

    /// The clients the user has a remembered consent for, newest grant first, with the name a
    /// registered client gave and when it was last issued an access token for this user.
    async fn list_client_grants(&self, user_id: UserId) -> Result<Vec<ClientGrant>, StoreError>;

    /// Withdraw the user's grant to one client: forget the consent, delete its unused codes,
    /// revoke its refresh tokens and access-token sessions for this user, and write the audit
    /// row (`token_revoked`) — only when there was a consent. Returns whether there was.
    async fn revoke_client_grant(
        &self,
        user_id: UserId,
        client_id: &str,
        now: EpochSeconds,
        audit: Option<&AuditRecord>,
    ) -> Result<bool, StoreError>;

    /// A ClickUp login from the account page: upsert the user (tier kept), replace the
    /// credential, store the browser session and write `auth_success` — all or nothing.
    async fn complete_browser_login(&self, login: &BrowserLogin) -> Result<User, StoreError>;

    /// Delete expired clients, pending requests, browser sessions, codes (kept 10 minutes past
    /// expiry so a replay is still recognised) and refresh tokens; returns how many rows.
    async fn purge_expired_oauth(&self, now: EpochSeconds) -> Result<u64, StoreError>;

    // --- audit --------------------------------------------------------------------------------

    /// Write one audit row on its own (events with no state change: failures, rejections).
    async fn record_audit(&self, record: &AuditRecord) -> Result<(), StoreError>;

    /// Write many audit rows in one transaction (the queued `tool_call` rows, every second).
    async fn record_audit_batch(&self, records: &[AuditRecord]) -> Result<(), StoreError>;

    /// Read audit rows in id order.
    async fn audit_rows(&self, filter: &AuditFilter) -> Result<Vec<AuditRow>, StoreError>;
}

/// Open the store named by `database_url` (`DATABASE_URL`) and bring its schema up to date:
/// `sqlite:…` is a [`SqliteStore`], `postgres:…`/`postgresql:…` a [`PostgresStore`]; any other
/// scheme is refused.
pub async fn connect(database_url: &str) -> Result<std::sync::Arc<dyn Store>, StoreError> {
    connect_with(database_url, Migrations::Run).await
}

/// [`connect`], with what to do about pending migrations (`DATABASE_MIGRATE`).
pub async fn connect_with(
    database_url: &str,
    migrations: Migrations,
) -> Result<std::sync::Arc<dyn Store>, StoreError> {
    match Backend::of(database_url)? {
        Backend::Sqlite => Ok(std::sync::Arc::new(
            SqliteStore::connect(database_url, migrations).await?,
        )),
        Backend::Postgres => Ok(std::sync::Arc::new(
            PostgresStore::connect(database_url, migrations).await?,
        )),
    }
}

/// Apply the pending migrations of the database at `database_url` (creating an SQLite file that
/// does not exist yet) and return them, `(version, description)`; `clickup-mcp migrate`.
pub async fn migrate(database_url: &str) -> Result<Vec<(i64, String)>, StoreError> {
    match Backend::of(database_url)? {
        Backend::Sqlite => sqlite::migrate(database_url).await,
        Backend::Postgres => postgres::migrate(database_url).await,
    }
}

/// Which backend a `DATABASE_URL` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// By the URL's scheme: `sqlite:`, `postgres:`/`postgresql:`; anything else is refused.
    pub(crate) fn of(database_url: &str) -> Result<Self, StoreError> {
        match database_url
            .split_once(':')
            .map_or("", |(scheme, _)| scheme)
        {
            "sqlite" => Ok(Self::Sqlite),
            "postgres" | "postgresql" => Ok(Self::Postgres),
            _ => Err(StoreError::UnsupportedBackend),
        }
    }
}

/// Whether several processes may share the database named by `database_url` (PostgreSQL: yes,
/// so limits must be counted in it; SQLite: one process, which counts in memory).
pub fn shared_by_replicas(database_url: &str) -> bool {
    database_url.starts_with("postgres:") || database_url.starts_with("postgresql:")
}

#[cfg(test)]
mod conformance;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_id_parses_with_or_without_the_user_prefix() {
        assert_eq!("42".parse::<UserId>().ok(), Some(UserId(42)));
        assert_eq!("user_42".parse::<UserId>().ok(), Some(UserId(42)));
        for bad in [
            "",
            "user_",
            "-1",
            "4 2",
            "user_x",
            "99999999999999999999",
            "+1",
        ] {
            assert!(bad.parse::<UserId>().is_err(), "{bad:?} must be refused");
        }
    }
}

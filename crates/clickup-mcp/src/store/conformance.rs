//! The store conformance suite: what every [`Store`] must do, written against `&dyn Store`.
//!
//! Each case is an `async fn(&dyn Store)`; [`conformance!`] turns the list of cases into one
//! tokio test per backend, each on a fresh database: `store::conformance::sqlite::*` on a new
//! SQLite file in a temporary directory, `store::conformance::postgres::*` on a new database in a
//! throwaway PostgreSQL cluster started for the test process (`tests/common/pg_cluster.rs`; skipped
//! with a notice when PostgreSQL is not installed, a failure when `CI` is set). The cases live in
//! one file per area; the fixtures here are shared by them and by the SQLite-only tests in
//! `store::sqlite::tests` (the file on disk, URL forms, migrations, corrupt rows).

mod account;
mod audit;
mod credentials;
pub(super) mod oauth;
#[path = "../../tests/common/pg_cluster.rs"]
pub(super) mod pg_cluster;
mod rate_limits;
mod sessions;
mod users;

use std::path::PathBuf;
use std::sync::Arc;

use serde_json::json;
use tempfile::TempDir;

use crate::audit::{AuditEvent, AuditRecord, AuditRow, RequestOrigin};
use crate::domain::{EpochSeconds, Tier, UserId, UserProfile, Workspace};
use crate::store::{
    AuditFilter, CompletedLogin, KeyCheck, LoginFlow, OAuthState, RateHit, Rotation, Session,
    Store, StoreError, StoredCredential,
};
use crate::vault::Sealed;

/// A fixed "now" for every case (2025-06-15T15:06:40Z).
pub(super) const NOW: EpochSeconds = 1_750_000_000;

/// Session lifetime used by the fixtures.
const DAY: EpochSeconds = 86_400;

// --- fixtures ---------------------------------------------------------------------------------

/// A fresh SQLite database in its own temporary directory, removed when dropped.
pub(super) struct TestDb {
    /// Keeps the directory alive for the test.
    _dir: TempDir,
    /// The database file.
    pub(super) path: PathBuf,
    /// The store under test.
    pub(super) store: Arc<dyn Store>,
}

impl TestDb {
    pub(super) async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory can be created");
        let path = dir.path().join("store.db");
        let store = crate::store::connect(&sqlite_url(&path))
            .await
            .expect("a fresh SQLite store opens");
        Self {
            _dir: dir,
            path,
            store,
        }
    }
}

/// A fresh, migrated PostgreSQL store, or `None` (with a notice printed) when PostgreSQL is not
/// installed and `CI` is not set.
pub(super) async fn fresh_postgres_store() -> Option<Arc<dyn Store>> {
    let url = pg_cluster::fresh_database().await?;
    let store = crate::store::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("a fresh PostgreSQL store opens ({url}): {e:?}"));
    Some(store)
}

pub(super) fn sqlite_url(path: &std::path::Path) -> String {
    format!("sqlite://{}", path.display())
}

fn profile(id: u64) -> UserProfile {
    UserProfile {
        id: UserId(id),
        email: format!("user{id}@example.com"),
        username: format!("user-{id}"),
        default_workspace: Some(Workspace {
            id: "9001".into(),
            name: "Acme".into(),
        }),
    }
}

fn sealed(key_id: &str, marker: u8) -> Sealed {
    Sealed {
        key_id: key_id.into(),
        blob: vec![marker; 40],
    }
}

fn credential(id: u64, access: Sealed) -> StoredCredential {
    StoredCredential {
        user_id: UserId(id),
        access_token: access,
        refresh_token: None,
        expires_at: None,
        revoked: false,
        updated_at: NOW,
    }
}

fn session(id: u64, jti: &str, issued_at: EpochSeconds) -> Session {
    Session {
        jti: jti.into(),
        user_id: UserId(id),
        issued_at,
        expires_at: issued_at + DAY,
        revoked_at: None,
    }
}

fn origin() -> RequestOrigin {
    RequestOrigin {
        ip_address: Some("203.0.113.7".into()),
        user_agent: Some("conformance/1.0".into()),
    }
}

fn record(event: AuditEvent, id: u64, at: EpochSeconds) -> AuditRecord {
    AuditRecord::new(event, at)
        .user(UserId(id))
        .origin(&origin())
}

/// A login of user `id` at `NOW` with session `jti` and an access token sealed under `k1`.
pub(super) fn login(id: u64, jti: &str) -> CompletedLogin {
    CompletedLogin {
        profile: profile(id),
        credential: credential(id, sealed("k1", 1)),
        session: session(id, jti, NOW),
        audit: Some(
            record(AuditEvent::AuthSuccess, id, NOW).details(json!({"workspace_id": "9001"})),
        ),
    }
}

fn state(hash: &str, expires_at: EpochSeconds) -> OAuthState {
    OAuthState {
        state_hash: hash.into(),
        browser_hash: format!("browser-{hash}"),
        flow: LoginFlow::Session,
        created_at: expires_at - 600,
        expires_at,
    }
}

/// Every audit row (of one user, when given), in id order.
async fn audit_log(store: &dyn Store, user: Option<u64>) -> Vec<AuditRow> {
    store
        .audit_rows(&AuditFilter {
            user_id: user.map(UserId),
            limit: 1_000,
            ..AuditFilter::default()
        })
        .await
        .expect("the audit log reads")
}

/// The event types of `rows`, in order.
fn events(rows: &[AuditRow]) -> Vec<&str> {
    rows.iter().map(|r| r.event_type.as_str()).collect()
}

use self::account::*;
use self::audit::*;
use self::credentials::*;
use self::oauth::*;
use self::rate_limits::*;
use self::sessions::*;
use self::users::*;

/// One tokio test per case and backend, each on a fresh database.
macro_rules! conformance {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    let db = super::TestDb::sqlite().await;
                    super::$case(&*db.store).await;
                }
            )*
        }

        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    if let Some(store) = super::fresh_postgres_store().await {
                        super::$case(&*store).await;
                    }
                }
            )*
        }
    };
}

conformance!(
    a_first_login_creates_a_free_user_with_credential_session_and_audit_row,
    a_later_login_keeps_a_premium_tier_and_updates_the_profile,
    a_later_login_replaces_the_credential_and_clears_revoked,
    users_are_listed_by_id,
    set_tier_returns_the_previous_tier_and_records_the_change,
    set_tier_on_a_missing_user_writes_nothing,
    deleting_a_user_removes_credential_and_sessions_but_keeps_audit_rows,
    deleting_a_missing_user_writes_nothing,
    a_failed_login_leaves_nothing_behind,
    an_oauth_state_can_be_taken_only_once,
    two_concurrent_takes_of_one_state_give_it_to_exactly_one,
    expired_oauth_states_are_purged_and_live_ones_kept,
    a_live_session_rotates_once,
    two_concurrent_rotations_of_one_session_give_exactly_one_rotated,
    a_revoked_session_cannot_rotate,
    a_failed_rotation_leaves_the_old_session_live,
    revoking_one_session_leaves_the_others_live,
    revoking_all_sessions_also_deletes_the_credential,
    expired_sessions_are_purged,
    live_sessions_are_counted_without_revoked_or_expired_ones,
    reseal_replaces_the_credential_only_while_it_is_the_expected_one,
    reseal_compares_the_refresh_token_too,
    credentials_not_under_the_current_key_are_found_by_access_or_refresh_key,
    a_key_check_is_stored_once_and_never_overwritten,
    an_audit_row_reads_back_as_written,
    a_batch_of_audit_rows_is_written_in_order,
    audit_rows_filter_by_time_and_user_and_page_by_id,
    the_store_answers_a_ping,
    a_registered_client_reads_back_until_it_expires,
    a_pending_authorization_can_be_taken_only_once,
    a_login_through_authorize_stores_user_credential_consent_code_and_browser,
    a_code_is_redeemed_once_and_a_replay_revokes_what_it_issued,
    two_concurrent_redemptions_of_one_code_give_exactly_one_redeemed,
    a_refresh_token_rotates_and_a_reuse_revokes_the_family,
    a_retry_within_the_grace_window_supersedes_the_lost_pair_once,
    a_retry_after_the_grace_window_or_after_the_successor_was_used_is_a_reuse,
    two_concurrent_rotations_leave_exactly_one_live_pair,
    revoking_a_family_leaves_other_families_and_seed_sessions_live,
    logging_out_everywhere_also_revokes_refresh_tokens_browser_sessions_and_consents,
    expired_oauth_rows_are_purged_but_used_codes_are_kept_a_while,
    a_rate_limit_accepts_at_most_the_limit_in_any_window,
    rate_limits_are_kept_per_scope_and_key_and_peeking_counts_nothing,
    concurrent_hits_on_one_key_are_counted_exactly,
    idle_rate_limits_are_purged_by_scope,
    the_grants_of_a_user_list_each_approved_client_with_name_and_last_use,
    revoking_a_client_grant_revokes_its_tokens_and_nothing_else,
    a_browser_login_stores_user_credential_browser_session_and_audit_row,
);

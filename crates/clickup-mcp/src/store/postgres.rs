//! The PostgreSQL backend: a connection pool on `DATABASE_URL=postgres://…`. The verbs are the
//! shared SQL store's (`store/sql.rs`); this module opens the pool, runs the migrations of
//! `migrations/postgres/`, and says how PostgreSQL spells what differs.
//!
//! Transactions run at PostgreSQL's default READ COMMITTED. A verb that reads a row and then
//! decides reads it `FOR UPDATE`, so concurrent callers — in one process or on several replicas
//! sharing the database — are decided one after the other (see `store/sql.rs`). Migrations take
//! sqlx's advisory lock, so replicas starting together migrate once.

use std::str::FromStr;
use std::time::Duration;

use sqlx::Postgres;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgQueryResult};

use super::StoreError;
use super::catalog::{self, Migrations};
use super::sql::{self, Dialect, SqlStore};

/// A [`crate::store::Store`] on a PostgreSQL database.
pub(crate) type PostgresStore = SqlStore<Postgres>;

impl Dialect for Postgres {
    const BEGIN_WRITE: &'static str = "BEGIN";
    const LOCK_ROW: &'static str = " FOR UPDATE";
    // `r.hits` in SET is the row as it is once this statement holds its lock.
    const RATE_LIMIT_HIT: &'static str = "\
        WITH hit AS ( \
            INSERT INTO rate_limits AS r (scope, key, hits, allowed, refusals, last_hit) \
            VALUES ($1, $2, CASE WHEN $5 > 0 THEN ARRAY[$3::BIGINT] ELSE ARRAY[]::BIGINT[] END, \
                    $5 > 0, CASE WHEN $5 > 0 THEN 0 ELSE 1 END, $3) \
            ON CONFLICT (scope, key) DO UPDATE SET \
                hits = ARRAY(SELECT t FROM unnest(r.hits) AS h(t) WHERE t > $3 - $4 ORDER BY t) \
                    || CASE WHEN (SELECT count(*) FROM unnest(r.hits) AS h(t) WHERE t > $3 - $4) < $5 \
                       THEN ARRAY[$3::BIGINT] ELSE ARRAY[]::BIGINT[] END, \
                allowed = (SELECT count(*) FROM unnest(r.hits) AS h(t) WHERE t > $3 - $4) < $5, \
                refusals = CASE WHEN (SELECT count(*) FROM unnest(r.hits) AS h(t) WHERE t > $3 - $4) < $5 \
                           THEN 0 ELSE r.refusals + 1 END, \
                last_hit = $3 \
            RETURNING hits, allowed, refusals) \
        SELECT array_to_json(hits)::TEXT AS hits, allowed, refusals FROM hit";
    const RATE_LIMIT_PEEK: &'static str = "SELECT array_to_json(hits)::TEXT AS hits FROM rate_limits \
        WHERE scope = $1 AND key = $2";

    fn rows_affected(done: &PgQueryResult) -> u64 {
        done.rows_affected()
    }
}

/// Connections in the pool (per replica).
const MAX_CONNECTIONS: u32 = 16;

/// How long a verb waits for a free connection before failing.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// The schema migrations, embedded at compile time from `migrations/postgres/`: the same
/// versions as SQLite's, in PostgreSQL's spelling.
pub(super) fn migrator() -> Migrator {
    sql::migrator(&[
        (
            1,
            "init",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/migrations/postgres/0001_init.sql"
            )),
        ),
        (
            2,
            "oauth",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/migrations/postgres/0002_oauth.sql"
            )),
        ),
        (
            3,
            "rate_limits",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/migrations/postgres/0003_rate_limits.sql"
            )),
        ),
    ])
}

impl PostgresStore {
    /// Connect to the database at `url` — `postgres://user:password@host:port/database?…` or
    /// `postgresql://…` (sqlx's options: `sslmode`, a Unix socket directory as `host=/path`, …)
    /// — and bring its schema up to date ([`Migrations::Run`]) or refuse a schema behind this
    /// build's ([`Migrations::Check`]). The database must exist; it is never created.
    pub async fn connect(url: &str, migrations: Migrations) -> Result<Self, StoreError> {
        let pool = pool(url).await?;
        catalog::bring_up_to_date(&pool, &migrator(), migrations).await?;
        let shown = crate::config::database_shown(url);
        tracing::info!(database = %shown, "PostgreSQL store ready");
        Ok(SqlStore::new(pool, shown))
    }
}

/// Apply the pending migrations of the database at `url` and return them.
pub(super) async fn migrate(url: &str) -> Result<Vec<(i64, String)>, StoreError> {
    let pool = pool(url).await?;
    let ran = catalog::bring_up_to_date(&pool, &migrator(), Migrations::Run).await;
    pool.close().await;
    ran
}

/// The pool on the (existing) database at `url`.
pub(super) async fn pool(url: &str) -> Result<sqlx::PgPool, StoreError> {
    if !(url.starts_with("postgres:") || url.starts_with("postgresql:")) {
        return Err(StoreError::UnsupportedBackend);
    }
    let options = PgConnectOptions::from_str(url)?;
    Ok(PgPoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    use sqlx::{Connection as _, PgConnection};

    use crate::domain::UserId;
    use crate::store::RefreshRotation;
    use crate::store::conformance::oauth::{GRACE, granted, tokens};
    use crate::store::conformance::{NOW, login, pg_cluster};

    #[tokio::test]
    async fn migrations_run_again_on_an_existing_database_without_error() {
        let Some(url) = pg_cluster::fresh_database().await else {
            return;
        };
        let store = crate::store::connect(&url).await.expect("opens");
        store
            .complete_login(&login(7, "jti-1"))
            .await
            .expect("login");

        let reopened = crate::store::connect(&url).await.expect("reopens");

        assert!(
            reopened.get_user(UserId(7)).await.expect("reads").is_some(),
            "data survives"
        );
    }

    #[tokio::test]
    async fn the_store_never_shows_the_password_of_its_url() {
        let Some(url) = pg_cluster::fresh_database().await else {
            return;
        };
        let with_password = url.replacen("postgres@", "postgres:hunter2@", 1);
        let store = PostgresStore::connect(&with_password, Migrations::Run)
            .await
            .expect("opens (trust authentication ignores the password)");
        let shown = format!("{store:?}");
        assert!(
            shown.contains("PostgreSQL") && !shown.contains("hunter2"),
            "{shown}"
        );
    }

    #[test]
    fn the_embedded_migrations_match_sqlites_versions() {
        let embedded: Vec<(i64, String)> = migrator()
            .iter()
            .map(|m| (m.version, m.description.to_string()))
            .collect();
        assert_eq!(
            embedded,
            vec![
                (1, "init".into()),
                (2, "oauth".into()),
                (3, "rate_limits".into())
            ]
        );
    }

    /// Two replicas (two pools on one database) refresh the same token at once. A third
    /// connection holds the token's row lock until both have started, so neither can decide
    /// first: the second to get the row must still see the first one's rotation (a retry within
    /// the grace window), not a stale live token (which would look like a reuse and revoke the
    /// family). Without `FOR UPDATE` on the read this fails every time.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn two_replicas_refreshing_one_token_are_decided_one_after_the_other() {
        let Some(url) = pg_cluster::fresh_database().await else {
            return;
        };
        let one = crate::store::connect(&url).await.expect("opens");
        let two = crate::store::connect(&url).await.expect("opens");
        granted(&*one).await;
        one.redeem_code("code-1", &tokens(7, "fam", "jti-1", "rt-1", NOW), NOW, None)
            .await
            .expect("redeems");

        let mut holder = PgConnection::connect(&url).await.expect("connects");
        let mut lock = holder.begin().await.expect("begins");
        sqlx::query(
            "SELECT token_hash FROM oauth_refresh_tokens WHERE token_hash = 'rt-1' FOR UPDATE",
        )
        .execute(&mut *lock)
        .await
        .expect("locks");
        let rotate =
            |store: Arc<dyn crate::store::Store>, jti: &'static str, hash: &'static str| {
                tokio::spawn(async move {
                    store
                        .rotate_refresh_token(
                            "rt-1",
                            &tokens(7, "fam", jti, hash, NOW + 1),
                            NOW + 1,
                            GRACE,
                            None,
                        )
                        .await
                        .expect("answers")
                })
            };
        let (a, b) = (rotate(one, "jti-a", "rt-a"), rotate(two, "jti-b", "rt-b"));
        tokio::time::sleep(Duration::from_millis(300)).await;
        lock.commit().await.expect("commits");

        let mut outcomes = [a.await.expect("runs"), b.await.expect("runs")];
        outcomes.sort_by_key(|o| format!("{o:?}"));
        assert_eq!(
            outcomes,
            [RefreshRotation::Rotated, RefreshRotation::RotatedInGrace]
        );
    }
}

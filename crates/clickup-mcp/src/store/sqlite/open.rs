//! Opening the SQLite database: URL forms, pragmas, the pool, and the embedded migrations.

use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::SqliteStore;
use crate::store::StoreError;
use crate::store::catalog::{self, Migrations, SchemaError};
use crate::store::sql::{self, SqlStore};

/// Connections in the pool for a database file. SQLite allows one writer at a time anyway; the
/// rest serve concurrent reads.
const MAX_CONNECTIONS: u32 = 8;

/// How long a statement waits for another connection's write lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The schema migrations, embedded at compile time from `migrations/sqlite/`.
pub(in crate::store) fn migrator() -> Migrator {
    sql::migrator(&[
        (
            1,
            "init",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/migrations/sqlite/0001_init.sql"
            )),
        ),
        (
            2,
            "oauth",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/migrations/sqlite/0002_oauth.sql"
            )),
        ),
        (
            3,
            "rate_limits",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/migrations/sqlite/0003_rate_limits.sql"
            )),
        ),
    ])
}

impl SqliteStore {
    /// Open the database at `url` — `sqlite://path`, `sqlite:path` or `sqlite::memory:` — and,
    /// with [`Migrations::Run`], create it (and its parent directory) if missing and bring its
    /// schema up to date; with [`Migrations::Check`], a file that does not exist is not created
    /// and a schema behind this build's is refused.
    ///
    /// Every connection runs in WAL mode with `foreign_keys=ON`, `synchronous=NORMAL` and a 5 s
    /// busy timeout.
    pub async fn connect(url: &str, migrations: Migrations) -> Result<Self, StoreError> {
        let create = migrations == Migrations::Run;
        if !create && !exists(url)? {
            let all: Vec<(i64, String)> = migrator()
                .iter()
                .map(|m| (m.version, m.description.to_string()))
                .collect();
            return Err(SchemaError::Behind(catalog::names(&all)).into());
        }
        let (pool, shown) = pool(url, create).await?;
        catalog::bring_up_to_date(&pool, &migrator(), migrations).await?;
        tracing::info!(database.path = %shown, "SQLite store ready");
        Ok(SqlStore::new(pool, shown))
    }
}

/// Apply the pending migrations of the database at `url` (created if missing) and return them.
pub(in crate::store) async fn migrate(url: &str) -> Result<Vec<(i64, String)>, StoreError> {
    let (pool, _) = pool(url, true).await?;
    let ran = catalog::bring_up_to_date(&pool, &migrator(), Migrations::Run).await;
    pool.close().await;
    ran
}

/// The pool on the database at `url`, and the database as it may be shown; with `create`, the
/// file and its directory are created when missing (readable by this user only).
pub(in crate::store) async fn pool(
    url: &str,
    create: bool,
) -> Result<(sqlx::SqlitePool, String), StoreError> {
    if !url.starts_with("sqlite:") {
        return Err(StoreError::UnsupportedBackend);
    }
    let in_memory = is_in_memory(url);
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(create)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT)
        .synchronous(SqliteSynchronous::Normal);
    let (pool_options, path) = if in_memory {
        // An in-memory database lives as long as one of its connections: keep exactly one,
        // forever (a shared-cache database with several connections fails with
        // SQLITE_LOCKED instead of waiting).
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None);
        (pool, None)
    } else {
        let path = options.get_filename().to_path_buf();
        if create {
            create_private_file(&path).map_err(|e| StoreError::Database(sqlx::Error::Io(e)))?;
        }
        (
            SqlitePoolOptions::new().max_connections(MAX_CONNECTIONS),
            Some(path),
        )
    };
    let options = if in_memory {
        options
    } else {
        options.journal_mode(SqliteJournalMode::Wal)
    };
    let pool = pool_options.connect_with(options).await?;
    let shown = path
        .as_deref()
        .map_or_else(|| ":memory:".to_owned(), |p| p.display().to_string());
    Ok((pool, shown))
}

/// Whether the database of `url` exists (an in-memory one always does).
fn exists(url: &str) -> Result<bool, StoreError> {
    if is_in_memory(url) {
        return Ok(true);
    }
    let options = SqliteConnectOptions::from_str(url)?;
    Ok(options.get_filename().exists())
}

/// Create the database file (and its directory) readable by this user only, when missing: it
/// holds email addresses and sealed tokens. SQLite gives the `-wal` and `-shm` files the same
/// permissions as the database file. An existing file's permissions are left as they are.
fn create_private_file(path: &std::path::Path) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.exists()
    {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(parent)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(err) => Err(err),
    }
}

/// Whether a `sqlite:` URL names an in-memory database (`sqlite::memory:`, `?mode=memory`).
fn is_in_memory(url: &str) -> bool {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let (database, params) = rest.split_once('?').unwrap_or((rest, ""));
    database == ":memory:" || params.split('&').any(|p| p == "mode=memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_memory_urls_are_told_from_file_urls() {
        for (url, memory) in [
            ("sqlite::memory:", true),
            ("sqlite://:memory:", true),
            ("sqlite://db.sqlite?mode=memory", true),
            ("sqlite://./data/clickup-mcp.db", false),
            ("sqlite:data.db", false),
            ("sqlite:///var/lib/clickup-mcp/db.sqlite?mode=rwc", false),
        ] {
            assert_eq!(is_in_memory(url), memory, "{url}");
        }
    }

    #[test]
    fn the_embedded_migrations_are_numbered_and_named_like_their_files() {
        let migrator = migrator();
        let embedded: Vec<(i64, &str)> = migrator
            .iter()
            .map(|m| (m.version, &*m.description))
            .collect();
        assert_eq!(
            embedded,
            vec![(1, "init"), (2, "oauth"), (3, "rate_limits")]
        );
    }
}

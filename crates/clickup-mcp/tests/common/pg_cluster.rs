//! A throwaway PostgreSQL cluster for the test process, and a fresh database in it per test.
//!
//! The first PostgreSQL test of the process runs `initdb` into a temporary directory and starts
//! `postgres` on a Unix socket in that directory (no TCP port, so nothing on the machine can
//! clash), with durability off (`fsync`, `synchronous_commit`) since the data is thrown away. It
//! runs under a small shell that waits on a pipe from this process: when the process exits —
//! however it exits — the pipe closes, the shell stops `postgres` and deletes the directory.
//! Each test then gets its own database ([`fresh_database`]: `CREATE DATABASE test_<n>`) and
//! opens it with the `postgres://` URL it is given, as the server would.
//!
//! Shared by the store's own tests (`src/store/conformance.rs` includes this file with
//! `#[path]`) and by black-box tests (`tests/<binary>/main.rs` with `#[path =
//! "../common/pg_cluster.rs"]`); it uses nothing from the crate, only `sqlx`, `tempfile` and
//! `tokio`.
//!
//! `initdb` refuses to run as root: as root, the cluster runs as the `postgres` user (Debian's
//! package creates it) or else `nobody`, through `runuser`.
//!
//! The binaries are looked for in `$PG_BINDIR`, then `pg_config --bindir`, then the newest
//! `/usr/lib/postgresql/<version>/bin` (Debian's layout), then `PATH`. Without them the
//! PostgreSQL tests fail when `CI` is set (`.ci/run` sets it and installs Debian's `postgresql`
//! package), and otherwise pass with a printed notice that they were skipped.

use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, Once, OnceLock};
use std::time::{Duration, Instant};

use sqlx::Connection as _;
use sqlx::postgres::{PgConnectOptions, PgConnection};

/// The socket's port number (only part of the socket file's name: there is no TCP listener).
const PORT: u16 = 5432;

/// How long the first test waits for the new cluster to accept connections.
const STARTUP: Duration = Duration::from_secs(60);

/// The running cluster, or why there is none.
static CLUSTER: OnceLock<Result<Cluster, Unavailable>> = OnceLock::new();

/// Numbers the per-test databases.
static NEXT_DATABASE: AtomicU32 = AtomicU32::new(1);

/// A cluster started for this process.
struct Cluster {
    /// The directory of the Unix socket (and of the data directory and log).
    socket_dir: PathBuf,
    /// The server's log, shown when it does not come up.
    log: PathBuf,
    /// The shell that runs `postgres`, to see whether it died.
    child: Mutex<Child>,
    /// Never written: the shell stops `postgres` when this closes (at process exit).
    _lifeline: Mutex<ChildStdin>,
}

/// Why the PostgreSQL tests cannot run.
#[derive(Debug)]
enum Unavailable {
    /// The binaries are not installed: skip, or fail under CI.
    Missing(String),
    /// They are, but the cluster did not start: always a failure.
    Failed(String),
}

/// The `postgres://` URL of a new, empty database in this process's cluster (started by the first
/// call), or `None` — with a notice printed once — when PostgreSQL is not installed and `CI` is
/// not set. Panics when `CI` is set and PostgreSQL is missing, or when the cluster fails.
pub async fn fresh_database() -> Option<String> {
    let cluster = match CLUSTER.get_or_init(start) {
        Ok(cluster) => cluster,
        Err(Unavailable::Missing(why)) if std::env::var_os("CI").is_none() => {
            static NOTICE: Once = Once::new();
            NOTICE.call_once(|| {
                eprintln!("PostgreSQL tests skipped (they fail when CI is set): {why}");
            });
            return None;
        }
        Err(Unavailable::Missing(why)) => panic!(
            "PostgreSQL is required when CI is set: {why} (install Debian's `postgresql` package, \
             or point PG_BINDIR at the directory holding initdb and postgres)"
        ),
        Err(Unavailable::Failed(why)) => panic!("the test PostgreSQL cluster did not start: {why}"),
    };
    let name = format!("test_{}", NEXT_DATABASE.fetch_add(1, Ordering::Relaxed));
    let mut admin = cluster.admin().await;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
    admin.close().await.ok();
    Some(format!(
        "postgres://postgres@localhost:{PORT}/{name}?host={}",
        cluster.socket_dir.display()
    ))
}

impl Cluster {
    /// A connection to the `postgres` database as the superuser, once the server accepts one.
    async fn admin(&self) -> PgConnection {
        let options = PgConnectOptions::new()
            .socket(&self.socket_dir)
            .port(PORT)
            .username("postgres")
            .database("postgres");
        let deadline = Instant::now() + STARTUP;
        loop {
            match PgConnection::connect_with(&options).await {
                Ok(conn) => return conn,
                Err(err) => {
                    let exited = self
                        .child
                        .lock()
                        .map(|mut child| child.try_wait().ok().flatten())
                        .unwrap_or(None);
                    if exited.is_some() || Instant::now() > deadline {
                        panic!(
                            "the test PostgreSQL cluster does not accept connections ({err}; \
                             exited: {exited:?}); its log:\n{}",
                            std::fs::read_to_string(&self.log).unwrap_or_default()
                        );
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
    }
}

/// Find the binaries, `initdb` a cluster in a new temporary directory and start it.
fn start() -> Result<Cluster, Unavailable> {
    let bin = bin_dir().ok_or_else(|| {
        Unavailable::Missing(match std::env::var_os("PG_BINDIR") {
            Some(dir) => format!(
                "PG_BINDIR={} holds no initdb and postgres",
                Path::new(&dir).display()
            ),
            None => "no initdb and postgres found (looked at `pg_config --bindir`, \
                     /usr/lib/postgresql/*/bin and PATH)"
                .into(),
        })
    })?;
    let failed =
        |what: &str, err: &dyn std::fmt::Display| Unavailable::Failed(format!("{what}: {err}"));
    let top = tempfile::Builder::new()
        .prefix("clickup-mcp-pg-")
        .tempdir()
        .map_err(|e| failed("a temporary directory", &e))?
        .keep();
    let data = top.join("data");
    let log = top.join("postgres.log");
    // As root, everything runs as an unprivileged user that owns the directory.
    let run_as = if is_root() {
        let user = ["postgres", "nobody"]
            .into_iter()
            .find(|user| succeeds(Command::new("id").arg("-u").arg(user)))
            .ok_or_else(|| {
                Unavailable::Failed(
                    "running as root, and no postgres or nobody user to run PostgreSQL as".into(),
                )
            })?;
        if !succeeds(Command::new("chown").arg(user).arg(&top)) {
            return Err(Unavailable::Failed(format!(
                "chown {user} {}",
                top.display()
            )));
        }
        Some(user)
    } else {
        None
    };
    let command = |program: &Path| {
        let mut command = match run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.arg("-u").arg(user).arg("--").arg(program);
                c
            }
            None => Command::new(program),
        };
        command.current_dir(&top);
        command
    };

    let initdb = command(&bin.join("initdb"))
        .arg("--pgdata")
        .arg(&data)
        .args([
            "--username=postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        ])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| failed("running initdb", &e))?;
    if !initdb.status.success() {
        return Err(Unavailable::Failed(format!(
            "initdb: {}{}",
            String::from_utf8_lossy(&initdb.stdout),
            String::from_utf8_lossy(&initdb.stderr)
        )));
    }

    // `read` returns at end of input: when this process has exited.
    let script = r#"
        "$1" -D "$2" -k "$3" -p "$4" -c listen_addresses= -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 \
             >"$5" 2>&1 &
        pid=$!
        read -r _ || true
        kill -INT "$pid" 2>/dev/null
        wait "$pid"
        rm -rf "$3"
    "#;
    let mut shell = command(Path::new("sh"));
    shell
        .arg("-c")
        .arg(script)
        .arg("sh")
        .arg(bin.join("postgres"))
        .arg(&data)
        .arg(&top)
        .arg(PORT.to_string())
        .arg(&log)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = shell.spawn().map_err(|e| failed("starting postgres", &e))?;
    let lifeline = child
        .stdin
        .take()
        .ok_or_else(|| Unavailable::Failed("no pipe to the postgres shell".into()))?;
    Ok(Cluster {
        socket_dir: top,
        log,
        child: Mutex::new(child),
        _lifeline: Mutex::new(lifeline),
    })
}

/// The directory holding `initdb` and `postgres`.
fn bin_dir() -> Option<PathBuf> {
    let has_both = |dir: &Path| dir.join("initdb").is_file() && dir.join("postgres").is_file();
    if let Some(dir) = std::env::var_os("PG_BINDIR") {
        return Some(PathBuf::from(dir)).filter(|d| has_both(d));
    }
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()));
    let debian = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version: u32 = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, dir)| has_both(dir))
        .max_by_key(|(version, _)| *version)
        .map(|(_, dir)| dir);
    let on_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .find(|dir| has_both(dir))
            .map(|dir| {
                // A symlink into the real installation (e.g. /usr/local/bin/initdb).
                std::fs::canonicalize(dir.join("initdb"))
                    .ok()
                    .and_then(|real| real.parent().map(Path::to_path_buf))
                    .filter(|real| has_both(real))
                    .unwrap_or(dir)
            })
    });
    from_pg_config
        .filter(|d| has_both(d))
        .or(debian)
        .or(on_path)
}

/// Whether this process runs as root (`initdb` refuses to).
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .ok()
        .is_some_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// Whether `command` runs and exits 0 (its output is discarded).
fn succeeds(command: &mut Command) -> bool {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

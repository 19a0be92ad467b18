//! The container set-up without a container runtime: `compose.yaml` runs `clickup-mcp serve
//! --sandbox` with the environment of `deploy/sandbox.env` on PostgreSQL. These tests run the
//! real binary with that same environment — the database moved to a throwaway PostgreSQL database
//! and the ports to free ones — and use it as a person would. Also `clickup-mcp migrate` and
//! `DATABASE_MIGRATE=false`, the start-up of replicas that do not migrate by themselves.

use std::collections::BTreeMap;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::io::AsyncBufReadExt;
use url::Url;

use crate::helpers::run_cli;
use crate::pg_cluster;

/// The repository's root (compose.yaml, deploy/).
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// `deploy/sandbox.env` as `NAME → value` (comments and blank lines skipped).
fn sandbox_env() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(format!("{ROOT}/deploy/sandbox.env")).unwrap();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (name, value) = l
                .split_once('=')
                .unwrap_or_else(|| panic!("NAME=value: {l}"));
            (name.trim().to_owned(), value.trim().to_owned())
        })
        .collect()
}

/// A port nothing listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `ip:port` with `address`'s IP and another port.
fn with_port(address: &str, port: u16) -> String {
    let ip = address.rsplit_once(':').unwrap().0;
    format!("{ip}:{port}")
}

/// `clickup-mcp <args>` running with exactly `env`; killed when dropped.
struct Server {
    child: tokio::process::Child,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Start it and wait (at most 60 s) until it says it is serving; `Err` with its log when it
    /// exits first.
    async fn start(args: &[&str], env: &BTreeMap<String, String>) -> Result<Self, String> {
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_clickup-mcp"))
            .args(args)
            .env_clear()
            .envs(env)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (serving_tx, serving_rx) = tokio::sync::oneshot::channel();
        let mut lines = tokio::io::BufReader::new(child.stderr.take().unwrap()).lines();
        let seen = log.clone();
        tokio::spawn(async move {
            let mut serving = Some(serving_tx);
            while let Ok(Some(line)) = lines.next_line().await {
                let started = line.contains("is serving");
                seen.lock().unwrap().push(line);
                if started && let Some(tx) = serving.take() {
                    let _ = tx.send(());
                }
            }
        });
        let started = tokio::time::timeout(Duration::from_secs(60), serving_rx).await;
        match started {
            Ok(Ok(())) => Ok(Self { child, log }),
            _ => {
                let _ = child.kill().await;
                Err(log.lock().unwrap().join("\n"))
            }
        }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

/// A service of compose.yaml: its lines, command and environment.
#[derive(Debug, Default)]
struct Service {
    text: String,
    command: Vec<String>,
    environment: BTreeMap<String, String>,
}

/// compose.yaml's services by name, read by indentation (the file keeps to block style, two
/// spaces a level, and JSON lists for commands).
fn compose_services() -> BTreeMap<String, Service> {
    let compose = std::fs::read_to_string(format!("{ROOT}/compose.yaml")).unwrap();
    let mut services: BTreeMap<String, Service> = BTreeMap::new();
    let (mut in_services, mut current, mut in_environment) = (false, None::<String>, false);
    for line in compose.lines().filter(|l| !l.trim_start().starts_with('#')) {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if indent == 0 && !trimmed.is_empty() {
            in_services = trimmed == "services:";
            current = None;
            continue;
        }
        if !in_services || trimmed.is_empty() {
            continue;
        }
        if indent == 2 {
            let name = trimmed.trim_end_matches(':').to_owned();
            services.insert(name.clone(), Service::default());
            current = Some(name);
            continue;
        }
        let Some(service) = current.as_ref().and_then(|name| services.get_mut(name)) else {
            continue;
        };
        service.text.push_str(trimmed);
        service.text.push('\n');
        if indent == 4 {
            in_environment = trimmed == "environment:";
            if let Some(list) = trimmed.strip_prefix("command:") {
                service.command = serde_json::from_str(list.trim())
                    .unwrap_or_else(|e| panic!("command {list}: {e}"));
            }
        } else if indent == 6 && in_environment {
            let (name, value) = trimmed.split_once(':').unwrap();
            service
                .environment
                .insert(name.to_owned(), value.trim().trim_matches('"').to_owned());
        }
    }
    services
}

/// What compose.yaml says, checked against sandbox.env: both commands read it, the server
/// publishes its ports and starts once `migrate` has completed, and the database URL names the
/// PostgreSQL service with its user, password and database.
fn compose_agrees_with(env: &BTreeMap<String, String>) -> BTreeMap<String, Service> {
    let services = compose_services();
    let (postgres, migrate, server) = (
        &services["postgres"],
        &services["migrate"],
        &services["server"],
    );
    for service in [migrate, server] {
        assert!(
            service.text.contains("env_file: deploy/sandbox.env"),
            "{service:?} reads deploy/sandbox.env"
        );
    }
    assert!(
        server
            .text
            .contains("migrate:\ncondition: service_completed_successfully"),
        "the server starts once migrate has completed: {server:?}"
    );
    assert_eq!(
        server
            .environment
            .get("DATABASE_MIGRATE")
            .map(String::as_str),
        Some("false"),
        "the server does not migrate by itself: {server:?}"
    );
    let database = Url::parse(&env["DATABASE_URL"]).unwrap();
    assert_eq!(database.scheme(), "postgres");
    assert_eq!(database.host_str(), Some("postgres"), "the compose service");
    for (key, value) in [
        ("POSTGRES_USER", database.username()),
        ("POSTGRES_PASSWORD", database.password().unwrap_or_default()),
        ("POSTGRES_DB", database.path().trim_start_matches('/')),
    ] {
        assert_eq!(
            postgres.environment.get(key).map(String::as_str),
            Some(value),
            "{key}"
        );
    }
    for name in ["LISTEN", "SANDBOX_LISTEN"] {
        let port = env[name].rsplit_once(':').unwrap().1;
        assert!(
            server.text.contains(&format!("- \"{port}:{port}\"")),
            "the server publishes {name}'s port {port}: {server:?}"
        );
    }
    let public = Url::parse(&env["PUBLIC_URL"]).unwrap();
    assert_eq!(
        public.port().map(|p| p.to_string()).as_deref(),
        env["LISTEN"].rsplit_once(':').map(|(_, p)| p),
        "PUBLIC_URL is the published LISTEN port"
    );
    services
}

/// The environment of the compose deployment, on `database` and free ports.
fn deployment_env(database: &str) -> BTreeMap<String, String> {
    let mut env = sandbox_env();
    let (listen, sandbox) = (free_port(), free_port());
    let mut public = Url::parse(&env["PUBLIC_URL"]).unwrap();
    public.set_port(Some(listen)).unwrap();
    env.insert("DATABASE_URL".into(), database.to_owned());
    env.insert("LISTEN".into(), with_port(&env["LISTEN"], listen));
    env.insert(
        "SANDBOX_LISTEN".into(),
        with_port(&env["SANDBOX_LISTEN"], sandbox),
    );
    env.insert(
        "PUBLIC_URL".into(),
        public.as_str().trim_end_matches('/').to_owned(),
    );
    env
}

/// Sign in through the sandbox as a browser would (following every redirect); the session token.
async fn login(public_url: &str) -> String {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let answer = browser
        .get(format!("{public_url}/auth/login"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    let body: Value = answer.json().await.unwrap();
    body["token"].as_str().expect("a session token").to_owned()
}

/// Bare `tools/list`: the names of the tools.
async fn tool_names(public_url: &str, token: &str) -> Vec<String> {
    let answer = reqwest::Client::new()
        .post(format!("{public_url}/mcp"))
        .bearer_auth(token)
        .json(&json!({"method": "tools/list"}))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    let body: Value = answer.json().await.unwrap();
    body["tools"]
        .as_array()
        .expect("tools")
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_compose_deployment_migrates_once_then_serves_the_sandbox_on_postgresql() {
    let services = compose_agrees_with(&sandbox_env());
    let Some(database) = pg_cluster::fresh_database().await else {
        return;
    };
    // Trust authentication ignores the password; nothing may show it.
    let database = database.replacen("postgres@", "postgres:compose-password@", 1);
    let env = deployment_env(&database);
    let public_url = env["PUBLIC_URL"].clone();
    let args = |service: &str| -> Vec<&str> {
        services[service]
            .command
            .iter()
            .map(String::as_str)
            .collect()
    };
    let pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();

    let migrated = run_cli(&args("migrate"), &pairs).await;
    assert!(migrated.success, "{}", migrated.stderr);
    assert!(
        migrated.stdout.contains("applied 0001_init"),
        "{}",
        migrated.stdout
    );
    let mut server_env = env.clone();
    server_env.extend(services["server"].environment.clone());
    let server = Server::start(&args("server"), &server_env)
        .await
        .unwrap_or_else(|log| panic!("serve did not start:\n{log}"));

    let health = reqwest::get(format!("{public_url}/health")).await.unwrap();
    assert_eq!(health.status(), StatusCode::OK, "{}", server.log());
    let health: Value = health.json().await.unwrap();
    assert_eq!(health["checks"]["database"], "ok", "{health}");
    let token = login(&public_url).await;
    let tools = tool_names(&public_url, &token).await;
    assert!(
        tools.iter().any(|t| t == "clickup_task_create"),
        "{tools:?}"
    );
    let log = server.log();
    assert!(log.contains("PostgreSQL store ready"), "{log}");
    for output in [&log, &migrated.stdout, &migrated.stderr] {
        assert!(
            !output.contains("compose-password"),
            "no password shown: {output}"
        );
    }
}

#[tokio::test]
async fn migrate_applies_each_migration_once_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("new.db").display());

    let first = run_cli(&["migrate", "--database", &url], &[]).await;
    let second = run_cli(&["migrate", "--database", &url], &[]).await;

    assert!(first.success, "{}", first.stderr);
    assert!(
        first.stderr.contains(&format!(
            "database: {}",
            dir.path().join("new.db").display()
        )),
        "{}",
        first.stderr
    );
    assert!(
        first.stdout.contains("applied 0001_init") && first.stdout.contains("applied 0002_oauth"),
        "{}",
        first.stdout
    );
    assert!(second.success, "{}", second.stderr);
    assert!(
        second.stdout.contains("nothing to apply") && !second.stdout.contains("applied"),
        "{}",
        second.stdout
    );
}

/// Replicas started with `DATABASE_MIGRATE=false` refuse a database that `clickup-mcp migrate`
/// has not prepared, and start on one it has; admin commands with that setting refuse it too.
#[tokio::test]
async fn with_database_migrate_false_serve_refuses_an_unmigrated_database() {
    let Some(database) = pg_cluster::fresh_database().await else {
        return;
    };
    let mut env = deployment_env(&database);
    env.insert("DATABASE_MIGRATE".into(), "false".into());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("replica.db");
    let mut on_sqlite = env.clone();
    on_sqlite.insert(
        "DATABASE_URL".into(),
        format!("sqlite://{}", file.display()),
    );

    for env in [&env, &on_sqlite] {
        let refused = Server::start(&["serve", "--sandbox"], env)
            .await
            .err()
            .expect("serve must not start on an unmigrated database");
        assert!(
            refused.contains("behind") && refused.contains("clickup-mcp migrate"),
            "{refused}"
        );
    }
    assert!(!file.exists(), "no SQLite file is created");
    // An admin command under the same setting changes no schema either.
    let admin = run_cli(
        &["users", "list", "--database", &database],
        &[("DATABASE_MIGRATE", "false")],
    )
    .await;
    assert!(!admin.success, "{}", admin.stdout);
    assert!(
        admin.stderr.contains("behind") && admin.stderr.contains("clickup-mcp migrate"),
        "{}",
        admin.stderr
    );
    let tables: i64 = {
        use sqlx::Connection as _;
        let mut conn = sqlx::PgConnection::connect(&database).await.unwrap();
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
        )
        .fetch_one(&mut conn)
        .await
        .unwrap()
    };
    assert_eq!(tables, 0, "nothing was migrated");

    let migrated = run_cli(&["migrate", "--database", &database], &[]).await;
    assert!(migrated.success, "{}", migrated.stderr);
    let server = Server::start(&["serve", "--sandbox"], &env)
        .await
        .unwrap_or_else(|log| panic!("serve starts once migrated:\n{log}"));
    let token = login(&env["PUBLIC_URL"]).await;
    assert!(
        !tool_names(&env["PUBLIC_URL"], &token).await.is_empty(),
        "{}",
        server.log()
    );
}

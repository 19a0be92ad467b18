//! `clickup-mcp store copy`: an operator moves a server's SQLite database, with rows the real app
//! wrote, to PostgreSQL; the app served from the copy still knows every session and can still open
//! every stored ClickUp token.

use reqwest::StatusCode;
use serde_json::{Value, json};
use sqlx::{Connection as _, PgConnection, Row as _, SqliteConnection};

use crate::helpers::{TestApp, build_app, run_cli, spawn_app};
use crate::pg_cluster;

/// The rows of every table but sqlx's, `(table, rows)` by name, on either backend.
async fn sqlite_counts(url: &str) -> Vec<(String, i64)> {
    let mut conn = SqliteConnection::connect(url).await.unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let mut counts = Vec::new();
    for table in tables {
        let n: i64 =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                .fetch_one(&mut conn)
                .await
                .unwrap();
        counts.push((table, n));
    }
    counts
}

async fn postgres_counts(url: &str) -> Vec<(String, i64)> {
    let mut conn = PgConnection::connect(url).await.unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' \
         AND table_name <> '_sqlx_migrations' ORDER BY table_name",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let mut counts = Vec::new();
    for table in tables {
        let n: i64 =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                .fetch_one(&mut conn)
                .await
                .unwrap();
        counts.push((table, n));
    }
    counts
}

/// The audit log as `(id, timestamp, event_type, details)`, by id.
const AUDIT: &str = "SELECT id, timestamp, event_type, details FROM audit_log ORDER BY id";

async fn sqlite_audit(url: &str) -> Vec<(i64, i64, String, String)> {
    let mut conn = SqliteConnection::connect(url).await.unwrap();
    sqlx::query(AUDIT)
        .fetch_all(&mut conn)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect()
}

async fn postgres_audit(url: &str) -> Vec<(i64, i64, String, String)> {
    let mut conn = PgConnection::connect(url).await.unwrap();
    sqlx::query(AUDIT)
        .fetch_all(&mut conn)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect()
}

/// A tool call that opens the caller's stored ClickUp token: the bare form's answer.
async fn list_workspaces(app_url: &str, token: &str) -> (StatusCode, Value) {
    let answer = reqwest::Client::new()
        .post(format!("{app_url}/mcp"))
        .bearer_auth(token)
        .json(&json!({"method": "tools/call",
                      "params": {"name": "clickup_workspace_list", "arguments": {}}}))
        .send()
        .await
        .unwrap();
    (answer.status(), answer.json().await.unwrap())
}

/// Rows in every kind of table, written by the real app: two users with sealed ClickUp tokens,
/// a live and a revoked session, a tier change, a registered OAuth client, audit rows.
async fn populated_app() -> (TestApp, String) {
    let app = spawn_app().await;
    let (alice, bob) = (app.seed(0).id, app.seed(1).id);
    let login = app.login_as(alice).await;
    let bob_login = app.login_as(bob).await;
    assert_eq!(
        app.logout(&bob_login.token, false).await.status,
        StatusCode::OK
    );
    let tier = app
        .cli(&["users", "set-tier", &alice.to_string(), "premium"], &[])
        .await;
    assert!(tier.success, "{}", tier.stderr);
    let registered = app
        .http
        .post(format!("{}/register", app.url))
        .json(&json!({"client_name": "Copied client",
                      "redirect_uris": ["http://127.0.0.1:33418/callback"],
                      "token_endpoint_auth_method": "none"}))
        .send()
        .await
        .unwrap();
    assert_eq!(registered.status(), StatusCode::CREATED);
    let (status, answer) = list_workspaces(&app.url, &login.token).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    (app, login.token)
}

#[tokio::test]
async fn a_sqlite_database_copied_to_postgresql_serves_the_same_sessions_and_tokens() {
    let Some(postgres) = pg_cluster::fresh_database().await else {
        return;
    };
    let (mut app, token) = populated_app().await;
    app.stop().await;
    let sqlite = app.database_url.clone();
    let source = sqlite_counts(&sqlite).await;
    for table in [
        "users",
        "clickup_credentials",
        "sessions",
        "key_checks",
        "audit_log",
        "oauth_clients",
    ] {
        let n = source
            .iter()
            .find(|(t, _)| t == table)
            .map_or(0, |(_, n)| *n);
        assert!(n > 0, "the source has {table} rows: {source:?}");
    }

    let unmigrated = run_cli(
        &["store", "copy", "--from", &sqlite, "--to", &postgres],
        &[],
    )
    .await;
    assert!(!unmigrated.success, "an unmigrated target is refused");
    assert!(
        unmigrated.stderr.contains("different migrations")
            && unmigrated.stderr.contains("clickup-mcp migrate"),
        "{}",
        unmigrated.stderr
    );
    let migrated = run_cli(&["migrate", "--database", &postgres], &[]).await;
    assert!(migrated.success, "{}", migrated.stderr);

    let copied = run_cli(
        &["store", "copy", "--from", &sqlite, "--to", &postgres],
        &[],
    )
    .await;

    assert!(copied.success, "{}", copied.stderr);
    assert!(
        copied.stdout.contains("the row counts of the target match"),
        "{}",
        copied.stdout
    );
    let copied_tables = |counts: Vec<(String, i64)>| -> Vec<(String, i64)> {
        counts
            .into_iter()
            .filter(|(t, _)| t != "rate_limits")
            .collect()
    };
    let target = postgres_counts(&postgres).await;
    assert_eq!(
        copied_tables(target.clone()),
        copied_tables(source.clone()),
        "every table, every row"
    );
    assert!(
        target.contains(&("rate_limits".to_owned(), 0)),
        "rate-limit windows start afresh: {target:?}"
    );
    assert!(
        copied.stdout.contains("rate_limits") && copied.stdout.contains("not copied"),
        "{}",
        copied.stdout
    );
    assert_eq!(
        postgres_audit(&postgres).await,
        sqlite_audit(&sqlite).await,
        "the audit log keeps its ids and order"
    );
    let sealed = |url: &str| {
        let url = url.to_owned();
        async move {
            let query = "SELECT user_id, access_key_id, access_blob FROM clickup_credentials ORDER BY user_id";
            let rows: Vec<(i64, String, Vec<u8>)> = if url.starts_with("sqlite:") {
                let mut c = SqliteConnection::connect(&url).await.unwrap();
                sqlx::query_as(query).fetch_all(&mut c).await.unwrap()
            } else {
                let mut c = PgConnection::connect(&url).await.unwrap();
                sqlx::query_as(query).fetch_all(&mut c).await.unwrap()
            };
            rows
        }
    };
    assert_eq!(
        sealed(&postgres).await,
        sealed(&sqlite).await,
        "tokens copied sealed, byte for byte"
    );

    // The copy is served: the same secrets and PUBLIC_URL (tokens name it), another database.
    let mut settings = app.settings.clone();
    settings.retain(|(k, _)| *k != "DATABASE_URL");
    settings.push(("DATABASE_URL", postgres.clone()));
    settings.push(("PUBLIC_URL", app.url.clone()));
    let served = build_app(&settings).await.unwrap();
    let url = format!("http://localhost:{}", served.port());
    let shutdown = served.shutdown_token();
    let running = tokio::spawn(served.run());
    let me: Value = app
        .http
        .get(format!("{url}/auth/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["tier"], "premium", "{me}");
    let last_copied = postgres_audit(&postgres).await.last().unwrap().0;
    let (status, answer) = list_workspaces(&url, &token).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_ne!(
        answer["isError"], true,
        "the sealed ClickUp token opens: {answer}"
    );
    let logout = app
        .http
        .post(format!("{url}/auth/logout"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        logout.status(),
        StatusCode::OK,
        "a new audit row gets a new id"
    );
    let after = postgres_audit(&postgres).await;
    assert!(after.last().unwrap().0 > last_copied, "{after:?}");
    shutdown.cancel();
    running.await.unwrap().unwrap();
}

#[tokio::test]
async fn a_target_that_holds_data_is_refused_unless_overwrite_is_asked_for() {
    let Some(postgres) = pg_cluster::fresh_database().await else {
        return;
    };
    let (mut app, _) = populated_app().await;
    app.stop().await;
    let sqlite = app.database_url.clone();
    assert!(
        run_cli(&["migrate", "--database", &postgres], &[])
            .await
            .success
    );
    assert!(
        run_cli(
            &["store", "copy", "--from", &sqlite, "--to", &postgres],
            &[]
        )
        .await
        .success
    );
    let mut conn = PgConnection::connect(&postgres).await.unwrap();
    sqlx::query("DELETE FROM sessions")
        .execute(&mut conn)
        .await
        .unwrap();
    let before = postgres_counts(&postgres).await;

    let again = run_cli(
        &["store", "copy", "--from", &sqlite, "--to", &postgres],
        &[],
    )
    .await;

    assert!(!again.success, "refused");
    assert!(
        again.stderr.contains("already holds data") && again.stderr.contains("--overwrite"),
        "{}",
        again.stderr
    );
    assert_eq!(postgres_counts(&postgres).await, before, "nothing written");

    let overwritten = run_cli(
        &[
            "store",
            "copy",
            "--from",
            &sqlite,
            "--to",
            &postgres,
            "--overwrite",
        ],
        &[],
    )
    .await;

    assert!(overwritten.success, "{}", overwritten.stderr);
    let without_windows = |counts: Vec<(String, i64)>| -> Vec<(String, i64)> {
        counts
            .into_iter()
            .filter(|(t, _)| t != "rate_limits")
            .collect()
    };
    assert_eq!(
        without_windows(postgres_counts(&postgres).await),
        without_windows(sqlite_counts(&sqlite).await)
    );
    let same = run_cli(&["store", "copy", "--from", &sqlite, "--to", &sqlite], &[]).await;
    assert!(
        !same.success && same.stderr.contains("same database"),
        "{}",
        same.stderr
    );
}

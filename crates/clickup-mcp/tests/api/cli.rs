//! The admin commands and start-up checks, run as the real binary against the test database.

use std::process::Stdio;
use std::time::Duration;

use clickup_mcp::domain::UserId;
use clickup_mcp::vault::{Field, Vault};
use reqwest::StatusCode;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use tokio::io::AsyncBufReadExt;

use crate::helpers::{Answer, TestApp, build_app, run_cli, spawn_app};

#[tokio::test]
async fn users_set_tier_takes_effect_on_the_next_request_without_a_new_login() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let login = app.login_as(alice).await;

    let out = app
        .cli(&["users", "set-tier", &alice.to_string(), "premium"], &[])
        .await;

    assert!(out.success, "{}", out.stderr);
    assert!(out.stdout.contains("free -> premium"), "{}", out.stdout);
    let me = app.get_me(&login.token).await;
    assert_eq!(me.body["user"]["tier"], "premium", "{}", me.text);
    assert_eq!(me.body["user"]["rate_limit"]["limit"], 500);

    let back = app
        .cli(
            &["users", "set-tier", &format!("user_{alice}"), "free"],
            &[],
        )
        .await;
    assert!(back.success, "the user_ form of the id: {}", back.stderr);
    assert_eq!(app.get_me(&login.token).await.body["user"]["tier"], "free");

    let bad = app
        .cli(&["users", "set-tier", &alice.to_string(), "gold"], &[])
        .await;
    assert!(!bad.success, "an unknown tier is refused");
    assert!(bad.stderr.contains("tier"), "{}", bad.stderr);
    let nobody = app
        .cli(&["users", "set-tier", "12345", "premium"], &[])
        .await;
    assert!(!nobody.success, "an unknown user is refused");
    let rows = app.audit_of("tier_changed").await;
    assert_eq!(rows.len(), 2, "one row per change that happened");
}

#[tokio::test]
async fn users_list_and_show_describe_the_stored_users() {
    let app = spawn_app().await;
    let alice = app.seed(0).clone();
    let bob = app.seed(1).clone();
    app.login_as(alice.id).await;
    app.login_as(bob.id).await;

    let list = app.cli(&["users", "list"], &[]).await;
    let show = app
        .cli(&["users", "show", &format!("user_{}", alice.id)], &[])
        .await;

    assert!(list.success, "{}", list.stderr);
    for seed in [&alice, &bob] {
        let line = list
            .stdout
            .lines()
            .find(|l| l.starts_with(&seed.id.to_string()))
            .unwrap_or_else(|| panic!("{} listed: {}", seed.id, list.stdout));
        assert!(
            line.contains("free") && line.contains(&seed.email),
            "{line}"
        );
    }
    assert!(show.success, "{}", show.stderr);
    let shown: Value = serde_json::from_str(&show.stdout).unwrap();
    assert_eq!(shown["id"], alice.id.to_string());
    assert_eq!(shown["email"], alice.email);
    assert_eq!(shown["tier"], "free");
    assert_eq!(shown["clickup_connection"], "connected");
    assert_eq!(shown["key_id"], "k1");
    assert_eq!(shown["default_workspace"]["id"], alice.workspaces[0]);
    let token = app.clickup_token(alice.id).await;
    assert!(!show.stdout.contains(&token), "never the ClickUp token");

    let missing = app.cli(&["users", "show", "12345"], &[]).await;
    assert_eq!(missing.code, Some(1), "{}", missing.stderr);
    assert!(
        missing.stderr.contains("no user 12345"),
        "{}",
        missing.stderr
    );
    let garbage = app.cli(&["users", "show", "alice"], &[]).await;
    assert!(!garbage.success, "not a user id");
}

#[tokio::test]
async fn users_delete_removes_the_user_and_their_token_is_refused() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let bob = app.seed(1).id;
    let login = app.login_as(alice).await;
    let other = app.login_as(bob).await;

    let out = app.cli(&["users", "delete", &alice.to_string()], &[]).await;

    assert!(out.success, "{}", out.stderr);
    let me = app.get_me(&login.token).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED, "{}", me.text);
    assert_eq!(me.code(), "invalid_token");
    assert!(me.header("www-authenticate").is_some());
    assert!(
        app.state
            .store
            .get_user(UserId(alice))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        app.credential(alice).await.is_none(),
        "the ClickUp token is deleted"
    );
    assert_eq!(
        app.count_rows("sessions").await,
        1,
        "only Bob's session is left"
    );
    assert_eq!(
        app.get_me(&other.token).await.status,
        StatusCode::OK,
        "Bob is untouched"
    );
    let rows = app.audit_of("user_deleted").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].user_id, Some(UserId(alice)));
    assert!(
        !app.audit_of("auth_success").await.is_empty(),
        "audit rows outlive the user"
    );

    let again = app.cli(&["users", "delete", &alice.to_string()], &[]).await;
    assert_eq!(again.code, Some(1), "deleting twice: {}", again.stderr);
    assert_eq!(
        app.audit_of("user_deleted").await.len(),
        1,
        "nothing written the second time"
    );
}

#[tokio::test]
async fn audit_export_prints_json_lines_filtered_by_user_and_time() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let bob = app.seed(1).id;
    app.login_as(alice).await;
    app.login_as(bob).await;
    let set = app
        .cli(&["users", "set-tier", &alice.to_string(), "premium"], &[])
        .await;
    assert!(set.success, "{}", set.stderr);

    let all = app.cli(&["audit", "export"], &[]).await;
    let alices = app
        .cli(&["audit", "export", "--user", &alice.to_string()], &[])
        .await;
    let future = app
        .cli(&["audit", "export", "--since", "2999-01-01T00:00:00Z"], &[])
        .await;
    let bad = app
        .cli(&["audit", "export", "--since", "yesterday"], &[])
        .await;

    let parse = |stdout: &str| -> Vec<Value> {
        stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("a JSON line: {l}")))
            .collect()
    };
    assert!(all.success, "{}", all.stderr);
    let rows = parse(&all.stdout);
    let events: Vec<&str> = rows
        .iter()
        .map(|r| r["event_type"].as_str().unwrap())
        .collect();
    assert_eq!(events, vec!["auth_success", "auth_success", "tier_changed"]);
    for row in &rows {
        for field in [
            "id",
            "timestamp",
            "event_type",
            "user_id",
            "ip_address",
            "user_agent",
            "details",
        ] {
            assert!(row.get(field).is_some(), "{field} in {row}");
        }
    }
    assert!(alices.success, "{}", alices.stderr);
    let only = parse(&alices.stdout);
    assert_eq!(
        only.len(),
        2,
        "Alice's login and tier change: {}",
        alices.stdout
    );
    assert!(
        only.iter().all(|r| r["user_id"] == alice),
        "{}",
        alices.stdout
    );
    assert!(future.success, "{}", future.stderr);
    assert_eq!(future.stdout, "", "nothing after 2999");
    assert!(!bad.success);
    assert!(bad.stderr.contains("--since"), "{}", bad.stderr);
}

#[tokio::test]
async fn keys_generate_prints_secrets_that_serve_accepts() {
    let out = run_cli(&["keys", "generate"], &[]).await;

    assert!(out.success, "{}", out.stderr);
    let value = |name: &str| {
        out.stdout
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("{name}= in {}", out.stdout))
            .to_owned()
    };
    let jwt_secret = value("JWT_SECRET");
    let encryption_key = value("ENCRYPTION_KEY");
    assert!(jwt_secret.len() >= 32, "JWT_SECRET is at least 32 bytes");
    let vault = Vault::from_keyring(&SecretString::from(encryption_key.clone())).unwrap();
    assert!(
        encryption_key.starts_with(&format!("{}:", vault.current_key_id())),
        "id:key"
    );
    // Commented out, and the whole line is the value once uncommented.
    let metrics_token = value("# METRICS_TOKEN");
    let config = clickup_mcp::config::ServeConfig::load(
        &clickup_mcp::config::Settings::from_pairs([
            ("CLICKUP_CLIENT_ID", "id"),
            ("CLICKUP_CLIENT_SECRET", "secret"),
            ("JWT_SECRET", jwt_secret.as_str()),
            ("ENCRYPTION_KEY", encryption_key.as_str()),
            ("METRICS_TOKEN", metrics_token.as_str()),
        ]),
        false,
    );
    assert!(config.is_ok(), "serve accepts the generated secrets");
    assert_ne!(metrics_token, jwt_secret, "each secret is its own");
    let second = run_cli(&["keys", "generate"], &[]).await;
    assert!(
        !second.stdout.contains(&jwt_secret),
        "fresh secrets every time"
    );
}

#[tokio::test]
async fn keys_rotate_reseals_every_stored_token_under_the_new_first_key() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let bob = app.seed(1).id;
    let login = app.login_as(alice).await;
    app.login_as(bob).await;
    let plain_a = app.clickup_token(alice).await;
    let plain_b = app.clickup_token(bob).await;
    let new_key = Vault::generate_key();
    let keyring = format!("knew:{new_key},k1:{}", app.encryption_key);

    let out = app
        .cli(&["keys", "rotate"], &[("ENCRYPTION_KEY", keyring.as_str())])
        .await;

    assert!(out.success, "{}", out.stderr);
    assert!(out.stdout.contains("re-encrypted 2"), "{}", out.stdout);
    let only_new = Vault::from_keyring(&SecretString::from(format!("knew:{new_key}"))).unwrap();
    for (user, plain) in [(alice, &plain_a), (bob, &plain_b)] {
        let credential = app.credential(user).await.unwrap();
        assert_eq!(credential.access_token.key_id, "knew", "user {user}");
        let opened = only_new
            .open(UserId(user), Field::AccessToken, &credential.access_token)
            .unwrap();
        assert_eq!(
            opened.expose_secret(),
            plain.as_str(),
            "user {user}: the same ClickUp token"
        );
        assert!(
            app.state
                .vault
                .open(UserId(user), Field::AccessToken, &credential.access_token)
                .is_err(),
            "the old keyring alone no longer opens it"
        );
    }

    // An app with only the new key starts on this database and uses the re-sealed tokens.
    let mut settings = app.settings.clone();
    settings.retain(|(k, _)| !matches!(*k, "ENCRYPTION_KEY" | "PUBLIC_URL"));
    settings.push(("ENCRYPTION_KEY", format!("knew:{new_key}")));
    settings.push(("PUBLIC_URL", app.url.clone()));
    let second = build_app(&settings).await.unwrap();
    let port = second.port();
    let stop = second.shutdown_token();
    let server = tokio::spawn(second.run());
    let refreshed = Answer::read(
        app.http
            .post(format!("http://127.0.0.1:{port}/auth/refresh"))
            .bearer_auth(&login.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    stop.cancel();
    server.await.unwrap().unwrap();
    assert_eq!(
        refreshed.status,
        StatusCode::OK,
        "the new-key app opened the token: {}",
        refreshed.text
    );

    // An app with only the old key refuses to start: the tokens are under a key it lacks.
    settings.retain(|(k, _)| *k != "ENCRYPTION_KEY");
    settings.push(("ENCRYPTION_KEY", app.encryption_key.clone()));
    let err = build_app(&settings)
        .await
        .expect_err("the old key alone is refused")
        .to_string();
    assert!(err.contains("ENCRYPTION_KEY"), "{err}");
}

/// The environment `serve` needs, for `app`'s database (without `ENCRYPTION_KEY`).
fn serve_env(app: &TestApp) -> Vec<(&'static str, String)> {
    app.settings
        .iter()
        .filter(|(k, _)| *k != "ENCRYPTION_KEY")
        .cloned()
        .collect()
}

/// Start `clickup-mcp serve` and wait (at most 20 s) until it says it is serving; then stop it.
async fn serves(env: &[(&'static str, String)]) -> bool {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_clickup-mcp"))
        .arg("serve")
        .env_clear()
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("LOG_FORMAT", "json")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = tokio::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let seen = tokio::time::timeout(Duration::from_secs(20), async {
        while let Ok(Some(line)) = lines.next_line().await {
            if line.contains("is serving") {
                return true;
            }
        }
        false
    })
    .await
    .unwrap_or(false);
    let _ = child.kill().await;
    seen
}

#[tokio::test]
async fn serve_stops_at_start_up_with_a_message_naming_a_missing_or_weak_secret() {
    let app = spawn_app().await;
    let base = serve_env(&app);
    let key = ("ENCRYPTION_KEY", app.encryption_key.clone());
    let with = |overrides: Vec<(&'static str, String)>, without: &'static str| {
        let mut env: Vec<(&'static str, String)> = base
            .iter()
            .chain([&key])
            .filter(|(k, _)| *k != without)
            .cloned()
            .collect();
        for (k, v) in overrides {
            env.retain(|(n, _)| *n != k);
            env.push((k, v));
        }
        env
    };
    let cases = [
        (
            "JWT_SECRET missing",
            with(vec![], "JWT_SECRET"),
            "JWT_SECRET",
        ),
        (
            "JWT_SECRET of 10 bytes",
            with(vec![("JWT_SECRET", "0123456789".into())], ""),
            "JWT_SECRET",
        ),
        (
            "ENCRYPTION_KEY missing",
            with(vec![], "ENCRYPTION_KEY"),
            "ENCRYPTION_KEY",
        ),
        (
            "ENCRYPTION_KEY not base64",
            with(vec![("ENCRYPTION_KEY", "not-a-key!".into())], ""),
            "ENCRYPTION_KEY",
        ),
        (
            "CLICKUP_CLIENT_ID missing",
            with(vec![], "CLICKUP_CLIENT_ID"),
            "CLICKUP_CLIENT_ID",
        ),
    ];

    for (case, env, named) in cases {
        let pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let out = run_cli(&["serve"], &pairs).await;
        assert!(!out.success, "{case}: serve must not start");
        assert!(
            out.stderr.contains(named),
            "{case}: stderr names {named}: {}",
            out.stderr
        );
        assert!(
            !out.stderr.contains("0123456789"),
            "{case}: the secret is not echoed"
        );
    }
}

#[tokio::test]
async fn serve_refuses_an_encryption_key_that_is_not_the_databases() {
    let app = spawn_app().await;
    let mut right = serve_env(&app);
    right.push(("ENCRYPTION_KEY", app.encryption_key.clone()));
    let mut wrong = serve_env(&app);
    wrong.push(("ENCRYPTION_KEY", Vault::generate_key()));

    assert!(
        serves(&right).await,
        "with the database's own key, serve starts"
    );
    let pairs: Vec<(&str, &str)> = wrong.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let out = run_cli(&["serve"], &pairs).await;

    assert!(!out.success, "with another key, serve must not start");
    assert!(out.stderr.contains("ENCRYPTION_KEY"), "{}", out.stderr);
}

/// `clickup-mcp ARGS` run in `dir` with only `env`.
async fn run_in(
    dir: &std::path::Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> std::process::Output {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_clickup-mcp"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .await
        .unwrap()
}

#[tokio::test]
async fn admin_commands_say_which_database_they_opened_and_never_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = |out: &std::process::Output| String::from_utf8_lossy(&out.stderr).into_owned();

    // A refused value is refused before anything is opened or created.
    let gold = run_in(dir.path(), &["users", "set-tier", "81000001", "gold"], &[]).await;
    assert!(!gold.status.success());
    assert!(stderr(&gold).contains("gold"), "{}", stderr(&gold));
    // No database here yet: neither the default nor the sandbox server's is made up.
    let plain = run_in(dir.path(), &["users", "list"], &[]).await;
    assert!(!plain.status.success());
    assert!(
        stderr(&plain).contains("no database at ./data/clickup-mcp.db")
            && stderr(&plain).contains("--sandbox"),
        "{}",
        stderr(&plain)
    );
    let sandbox = run_in(dir.path(), &["users", "list", "--sandbox"], &[]).await;
    assert!(!sandbox.status.success());
    assert!(
        stderr(&sandbox).contains("no database at ./data/sandbox.db")
            && stderr(&sandbox).contains("serve --sandbox"),
        "{}",
        stderr(&sandbox)
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no file or directory was created"
    );

    // The database of `serve --sandbox` in this directory, with a user in it.
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    app.login_as(alice).await;
    std::fs::create_dir(dir.path().join("data")).unwrap();
    let from = app.database_url.strip_prefix("sqlite://").unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::copy(
            format!("{from}{suffix}"),
            dir.path().join(format!("data/sandbox.db{suffix}")),
        );
    }
    let listed = run_in(dir.path(), &["users", "list", "--sandbox"], &[]).await;
    assert!(listed.status.success(), "{}", stderr(&listed));
    assert!(
        stderr(&listed).contains("database: ./data/sandbox.db"),
        "{}",
        stderr(&listed)
    );
    assert!(String::from_utf8_lossy(&listed.stdout).contains(&alice.to_string()));
    let named = run_in(
        dir.path(),
        &[
            "users",
            "set-tier",
            "--database",
            "sqlite://data/sandbox.db",
            &alice.to_string(),
            "premium",
        ],
        &[],
    )
    .await;
    assert!(named.status.success(), "{}", stderr(&named));
    assert!(
        stderr(&named).contains("database: data/sandbox.db"),
        "{}",
        stderr(&named)
    );
}

#[tokio::test]
async fn health_exits_zero_for_a_healthy_server_and_one_for_none() {
    let app = spawn_app().await;
    let port = reqwest::Url::parse(&app.url).unwrap().port().unwrap();

    let by_listen = run_cli(&["health"], &[("LISTEN", &format!("0.0.0.0:{port}"))]).await;
    let by_url = run_cli(&["health", "--url", &format!("{}/health", app.url)], &[]).await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let nobody = run_cli(&["health"], &[("LISTEN", &closed.to_string())]).await;

    assert!(by_listen.success, "{}", by_listen.stderr);
    assert!(
        by_listen
            .stderr
            .contains(&format!("http://127.0.0.1:{port}/health"))
    );
    assert!(by_url.success, "{}", by_url.stderr);
    assert_eq!(nobody.code, Some(1), "{}", nobody.stderr);
    assert!(nobody.stderr.contains("unhealthy"), "{}", nobody.stderr);
}

/// Every file and directory under `dir`, relative, sorted.
fn files_under(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        for entry in std::fs::read_dir(&next).unwrap() {
            let path = entry.unwrap().path();
            found.push(path.strip_prefix(dir).unwrap().display().to_string());
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    found.sort();
    found
}

#[tokio::test]
async fn serve_lists_every_configuration_problem_in_one_run_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = |out: &std::process::Output| String::from_utf8_lossy(&out.stderr).into_owned();

    let bare = run_in(dir.path(), &["serve", "--listen", "localhost"], &[]).await;
    let bad_key = run_in(
        dir.path(),
        &["serve"],
        &[
            ("CLICKUP_CLIENT_ID", "id"),
            ("CLICKUP_CLIENT_SECRET", "secret"),
            ("JWT_SECRET", "0123456789abcdef0123456789abcdef-x"),
            ("ENCRYPTION_KEY", "k2:bm90IGEga2V5"),
            ("JWT_EXPIRY", "soon"),
            ("LOG_FORMAT", "xml"),
        ],
    )
    .await;

    assert!(!bare.status.success());
    let shown = stderr(&bare);
    assert_eq!(shown.matches("error:").count(), 1, "{shown}");
    for expected in [
        "5 configuration problems:",
        "  - --listen: expected an IP address and port such as 127.0.0.1:8787, got \"localhost\"",
        "  - CLICKUP_CLIENT_ID is required but not set",
        "  - CLICKUP_CLIENT_SECRET is required but not set",
        "  - JWT_SECRET is required but not set (at least 32 random bytes; generate one with `clickup-mcp keys generate`)",
        "  - ENCRYPTION_KEY is required but not set (generate one with `clickup-mcp keys generate`)",
        "or try `clickup-mcp serve --sandbox`, which needs none of them.",
    ] {
        assert!(shown.contains(expected), "{expected:?} in {shown}");
    }
    assert!(!shown.contains("LISTEN"), "the flag as typed: {shown}");
    assert!(!bad_key.status.success());
    let shown = stderr(&bad_key);
    assert!(
        shown.contains(
            "ENCRYPTION_KEY: the key with id \"k2\" decodes to 9 bytes, but a key is 32 bytes"
        ) && shown.contains("generate a key with `clickup-mcp keys generate`")
            && shown.contains("JWT_EXPIRY: expected a number of seconds, got \"soon\"")
            && shown.contains("LOG_FORMAT: expected pretty or json, got \"xml\""),
        "{shown}"
    );
    assert!(
        !shown.contains("bm90IGEga2V5") && !shown.contains("--sandbox"),
        "{shown}"
    );
    assert_eq!(
        files_under(dir.path()),
        Vec::<String>::new(),
        "a refused start creates nothing (no ./data, no database)"
    );
}

#[tokio::test]
async fn serve_names_a_database_it_cannot_create_and_prints_the_os_error_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plain-file"), "").unwrap();
    let key = Vault::generate_key();

    let out = run_in(
        dir.path(),
        &["serve", "--listen", "127.0.0.1:0"],
        &[
            ("CLICKUP_CLIENT_ID", "id"),
            ("CLICKUP_CLIENT_SECRET", "secret"),
            ("JWT_SECRET", "0123456789abcdef0123456789abcdef-x"),
            ("ENCRYPTION_KEY", &key),
            ("DATABASE_URL", "sqlite://plain-file/sub/x.db"),
            ("LOG_FORMAT", "json"),
        ],
    )
    .await;

    let shown = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        shown.contains("error: failed to open the database plain-file/sub/x.db: "),
        "{shown}"
    );
    assert_eq!(
        shown.matches("(os error").count(),
        1,
        "the OS error once: {shown}"
    );
}

#[tokio::test]
async fn a_config_file_problem_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clickup-mcp.toml");
    std::fs::write(&file, "listen = \"127.0.0.1:0\"\n\nrate_limit_free = \n").unwrap();

    let out = run_cli(&["--config", &file.display().to_string(), "serve"], &[]).await;

    assert!(!out.success);
    assert!(
        out.stderr.contains(&format!(
            "config file {}: line 3, column 19: ",
            file.display()
        )),
        "{}",
        out.stderr
    );
}

#[tokio::test]
async fn plain_http_off_this_machine_is_refused_unless_explicitly_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let key = Vault::generate_key();
    let env = |extra: &[(&'static str, &str)]| {
        let mut env: Vec<(&'static str, String)> = vec![
            ("LISTEN", "127.0.0.1:0".into()),
            (
                "DATABASE_URL",
                format!("sqlite://{}", dir.path().join("t.db").display()),
            ),
            ("CLICKUP_CLIENT_ID", "id".into()),
            ("CLICKUP_CLIENT_SECRET", "secret".into()),
            ("JWT_SECRET", "0123456789abcdef0123456789abcdef-x".into()),
            ("ENCRYPTION_KEY", key.clone()),
        ];
        env.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
        env
    };
    let refused = env(&[("PUBLIC_URL", "http://mcp.example.com")]);
    let pairs: Vec<(&str, &str)> = refused.iter().map(|(k, v)| (*k, v.as_str())).collect();

    let out = run_cli(&["serve"], &pairs).await;

    assert!(!out.success);
    assert!(
        out.stderr
            .contains("PUBLIC_URL: http://mcp.example.com is plain http")
            && out.stderr.contains("ALLOW_INSECURE_HTTP=true"),
        "{}",
        out.stderr
    );
    assert!(
        serves(&env(&[
            ("PUBLIC_URL", "http://mcp.example.com"),
            ("ALLOW_INSECURE_HTTP", "true")
        ]))
        .await,
        "explicitly allowed"
    );
    assert!(
        serves(&env(&[("PUBLIC_URL", "http://localhost:8787")])).await,
        "loopback needs no permission"
    );
}

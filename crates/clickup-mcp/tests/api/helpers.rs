//! Spawning the app against a real ClickUp sandbox, and talking to both.

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use clickup_mcp::app::App;
use clickup_mcp::audit::AuditRow;
use clickup_mcp::clock::Clock;
use clickup_mcp::config::{ServeConfig, Settings};
use clickup_mcp::domain::UserId;
use clickup_mcp::state::AppState;
use clickup_mcp::store::{AuditFilter, StoredCredential};
use clickup_mcp::vault::{Field, Vault};
use clickup_openapi::RequestChecker;
use clickup_sandbox::{OAuthApp, Sandbox, SandboxOptions, SeedSize};
use reqwest::cookie::Jar;
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap};
use reqwest::{Client, StatusCode, redirect};
use secrecy::ExposeSecret;
use serde_json::{Value, json};
use sqlx::Connection;
use tempfile::TempDir;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use url::Url;

/// The `User-Agent` every test client sends (audit rows record it).
pub const USER_AGENT: &str = "clickup-mcp-tests/1.0";

/// How a test app is set up.
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// The sandbox redirects from its authorize page at once (else it shows the page).
    pub auto_approve: bool,
    /// Extra or overriding settings for `ServeConfig::load`.
    pub settings: Vec<(&'static str, String)>,
    /// What `serve --sandbox` relaxes: Client ID Metadata Documents may then be fetched from
    /// loopback (a test's own document server).
    pub sandbox_mode: bool,
    /// The sandbox's data (the large seed adds a workspace at real scale).
    pub seed: SeedSize,
    /// ClickUp requests per minute per token the sandbox allows (ClickUp's own: 100; most tests
    /// raise it so that they can run many calls).
    pub clickup_rate_limit: u32,
    /// The app's ClickUp timeouts and retries, when not ClickUp's defaults (30 s an attempt,
    /// 45 s in all): a test of what happens when ClickUp never answers need not wait 45 s.
    pub clickup_deadlines: Option<(clickup::Timeouts, clickup::RetryPolicy)>,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            auto_approve: true,
            settings: Vec::new(),
            sandbox_mode: false,
            seed: SeedSize::Default,
            clickup_rate_limit: 10_000,
            clickup_deadlines: None,
        }
    }
}

/// A seeded sandbox user, as `GET /_sandbox/users` lists them.
#[derive(Debug, Clone)]
pub struct Seed {
    pub id: u64,
    pub email: String,
    pub username: String,
    pub workspaces: Vec<String>,
}

/// A response read to the end: status, headers, the body as text and as JSON (`Null` if not JSON).
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
    pub body: Value,
}

impl Answer {
    pub async fn read(response: reqwest::Response) -> Self {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Self {
            status,
            headers,
            text,
            body,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn location(&self) -> String {
        self.header("location")
            .unwrap_or_else(|| panic!("no Location in a {} answer: {}", self.status, self.text))
            .to_owned()
    }

    /// `error.code` of the seed's error body.
    pub fn code(&self) -> &str {
        self.body["error"]["code"]
            .as_str()
            .unwrap_or("<no error code>")
    }

    /// `error.details.reason` of the seed's error body.
    pub fn reason(&self) -> &str {
        self.body["error"]["details"]["reason"]
            .as_str()
            .unwrap_or("<no reason>")
    }
}

/// A successful login: the session token.
#[derive(Debug, Clone)]
pub struct Login {
    pub token: String,
}

/// A running app with its sandbox and database; stops both when dropped.
pub struct TestApp {
    /// `PUBLIC_URL` without a trailing slash: `http://localhost:<port>`.
    pub url: String,
    pub port: u16,
    /// The sandbox, e.g. `http://127.0.0.1:<port>` (its API and authorize page are under `/api`).
    pub sandbox_url: String,
    pub state: AppState,
    pub db_path: PathBuf,
    pub database_url: String,
    pub client_id: String,
    pub jwt_secret: String,
    /// `ENCRYPTION_KEY` as given: one bare base64 key, so its id is `k1`.
    pub encryption_key: String,
    pub seeds: Vec<Seed>,
    /// No cookies, no redirects.
    pub http: Client,
    /// The settings the app was built from.
    pub settings: Vec<(&'static str, String)>,
    app_shutdown: CancellationToken,
    sandbox_shutdown: CancellationToken,
    server: Option<JoinHandle<anyhow::Result<()>>>,
    /// The sandbox, in-process: its request log is checked against ClickUp's OpenAPI file.
    sandbox: Sandbox,
    /// What that check has found so far; reported when the app is dropped.
    request_check: RequestChecker,
    /// Holds the database file; removed when the app is dropped.
    _dir: TempDir,
}

impl Drop for TestApp {
    /// Stops both servers, then fails the test if any request sent to the sandbox did not match
    /// ClickUp's OpenAPI file (unless the test is failing already).
    fn drop(&mut self) {
        self.app_shutdown.cancel();
        self.sandbox_shutdown.cancel();
        self.check_sandbox_requests();
        self.request_check.assert_clean();
    }
}

/// When every test app's clock starts: now, so that times written by the CLI (system clock) and
/// by the app (manual clock) are comparable.
fn start_ms() -> i64 {
    i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap()
}

fn random_hex(bytes: usize) -> String {
    (0..bytes)
        .map(|_| format!("{:02x}", rand::random::<u8>()))
        .collect()
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(AppOptions::default()).await
}

pub async fn spawn_app_with(options: AppOptions) -> TestApp {
    let client_id = format!("test-client-{}", random_hex(6));
    let client_secret = random_hex(24);
    let sandbox = clickup_sandbox::Sandbox::new(SandboxOptions {
        auto_approve: options.auto_approve,
        issue_refresh_tokens: false,
        apps: vec![OAuthApp {
            client_id: client_id.clone(),
            client_secret: client_secret.clone(),
            redirect_uris: Vec::new(),
        }],
        rate_limit_per_minute: options.clickup_rate_limit,
        seed: options.seed,
    });
    let sandbox_shutdown = CancellationToken::new();
    let running = clickup_sandbox::spawn(
        sandbox.clone(),
        "127.0.0.1:0".parse().unwrap(),
        sandbox_shutdown.clone(),
    )
    .await
    .unwrap();
    let sandbox_url = running.base_url();

    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("t.db");
    let database_url = format!("sqlite://{}", db_path.display());
    let jwt_secret = random_hex(32);
    let encryption_key = Vault::generate_key();
    let api = format!("{sandbox_url}/api");
    let mut settings: Vec<(&'static str, String)> = vec![
        ("LISTEN", "127.0.0.1:0".into()),
        ("DATABASE_URL", database_url.clone()),
        ("CLICKUP_CLIENT_ID", client_id.clone()),
        ("CLICKUP_CLIENT_SECRET", client_secret),
        ("CLICKUP_API_URL", api.clone()),
        ("CLICKUP_AUTHORIZE_URL", api),
        ("JWT_SECRET", jwt_secret.clone()),
        ("ENCRYPTION_KEY", encryption_key.clone()),
    ];
    for (name, value) in options.settings {
        settings.retain(|(n, _)| *n != name);
        settings.push((name, value));
    }
    let app = build_app_configured(&settings, options.sandbox_mode, options.clickup_deadlines)
        .await
        .unwrap();
    let state = app.state().clone();
    let url = app.public_url().as_str().trim_end_matches('/').to_owned();
    let port = app.port();
    let app_shutdown = app.shutdown_token();
    let server = tokio::spawn(app.run());

    let http = Client::builder()
        .redirect(redirect::Policy::none())
        .user_agent(USER_AGENT)
        .build()
        .unwrap();
    let listed: Value = http
        .get(format!("{sandbox_url}/_sandbox/users"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let seeds = listed["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| Seed {
            id: u["id"].as_u64().unwrap(),
            email: u["email"].as_str().unwrap().to_owned(),
            username: u["username"].as_str().unwrap().to_owned(),
            workspaces: u["workspaces"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| w.as_str().unwrap().to_owned())
                .collect(),
        })
        .collect();
    TestApp {
        url,
        port,
        sandbox_url,
        state,
        db_path,
        database_url,
        client_id,
        jwt_secret,
        encryption_key,
        seeds,
        http,
        settings,
        app_shutdown,
        sandbox_shutdown,
        server: Some(server),
        sandbox,
        request_check: RequestChecker::new(),
        _dir: dir,
    }
}

/// `App::build` from settings pairs, with a manual clock starting now.
pub async fn build_app(settings: &[(&'static str, String)]) -> anyhow::Result<App> {
    build_app_with(settings, false).await
}

/// The same, with `serve --sandbox`'s relaxations when `sandbox_mode` (the ClickUp URLs stay
/// those of `settings`).
pub async fn build_app_with(
    settings: &[(&'static str, String)],
    sandbox_mode: bool,
) -> anyhow::Result<App> {
    build_app_configured(settings, sandbox_mode, None).await
}

/// [`build_app_with`], with the ClickUp client's timeouts and retries when given.
async fn build_app_configured(
    settings: &[(&'static str, String)],
    sandbox_mode: bool,
    clickup_deadlines: Option<(clickup::Timeouts, clickup::RetryPolicy)>,
) -> anyhow::Result<App> {
    let mut config = ServeConfig::load(
        &Settings::from_pairs(settings.iter().map(|(k, v)| (*k, v.as_str()))),
        false,
    )?;
    config.oauth.allow_private_metadata_fetch = sandbox_mode;
    if let Some((timeouts, retry)) = clickup_deadlines {
        config.clickup.timeouts = timeouts;
        config.clickup.retry = retry;
    }
    App::build(config, Clock::manual(start_ms())).await
}

impl TestApp {
    /// The `i`-th seeded user.
    pub fn seed(&self, i: usize) -> &Seed {
        self.seeds.get(i).unwrap()
    }

    /// Now on the app's clock, epoch seconds.
    pub fn now(&self) -> i64 {
        self.state.clock.now()
    }

    pub fn advance_secs(&self, secs: i64) {
        self.state.clock.advance_secs(secs);
    }

    /// Stop serving and wait until the app has shut down (it flushes its audit tally on the way).
    pub async fn stop(&mut self) {
        self.app_shutdown.cancel();
        if let Some(server) = self.server.take() {
            tokio::time::timeout(Duration::from_secs(20), server)
                .await
                .expect("the app stops within 20 s")
                .unwrap()
                .unwrap();
        }
    }

    /// A browser signed in at the sandbox as `user` (the `sandbox_user` cookie), with its own jar.
    pub fn browser(&self, user: u64) -> Browser {
        let jar = Arc::new(Jar::default());
        jar.add_cookie_str(
            &format!("sandbox_user={user}"),
            &Url::parse(&self.sandbox_url).unwrap(),
        );
        Browser::new(jar, &self.url)
    }

    /// Log in as `user` through the whole redirect chain; the callback must answer 200.
    pub async fn login_as(&self, user: u64) -> Login {
        let answer = self.browser(user).login().await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "login as {user}: {}",
            answer.text
        );
        Login {
            token: answer.body["token"].as_str().unwrap().to_owned(),
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        Answer::read(
            self.http
                .get(format!("{}{path}", self.url))
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// `GET /auth/me` with `Authorization: <authorization>` as given (or none).
    pub async fn me_with(&self, authorization: Option<&str>) -> Answer {
        let mut request = self.http.get(format!("{}/auth/me", self.url));
        if let Some(value) = authorization {
            request = request.header(AUTHORIZATION, value);
        }
        Answer::read(request.send().await.unwrap()).await
    }

    pub async fn get_me(&self, token: &str) -> Answer {
        self.me_with(Some(&format!("Bearer {token}"))).await
    }

    pub async fn refresh(&self, token: &str) -> Answer {
        Answer::read(
            self.http
                .post(format!("{}/auth/refresh", self.url))
                .bearer_auth(token)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn logout(&self, token: &str, all: bool) -> Answer {
        let query = if all { "?all=true" } else { "" };
        Answer::read(
            self.http
                .post(format!("{}/auth/logout{query}", self.url))
                .bearer_auth(token)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    // --- the sandbox --------------------------------------------------------------------------

    /// `POST /_sandbox{path}` with a JSON body; the control must succeed.
    pub async fn sandbox_control(&self, path: &str, body: Value) -> Value {
        // `/reset` empties the request log.
        self.check_sandbox_requests();
        let response = self
            .http
            .post(format!("{}/_sandbox{path}", self.sandbox_url))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "sandbox control {path}: {}",
            response.status()
        );
        response.json().await.unwrap()
    }

    /// Checks the requests the sandbox logged since the last check, and the JSON bodies of its
    /// 2xx answers (top level only), against ClickUp's OpenAPI file (crates/clickup-openapi);
    /// what is found is reported when the app is dropped. Runs before anything that empties the
    /// log.
    pub fn check_sandbox_requests(&self) {
        for r in self.sandbox.requests_since(self.request_check.through()) {
            self.request_check.check(
                r.seq,
                &r.method,
                &r.path,
                r.query.as_deref(),
                r.body.as_ref(),
                r.status,
            );
            self.request_check.check_response(
                r.seq,
                &r.method,
                &r.path,
                r.status,
                r.response.as_ref(),
            );
        }
    }

    /// Inject a fault (`{path_prefix, status?, malformed_body?, ecode?, count?, …}`).
    pub async fn sandbox_fault(&self, fault: Value) {
        self.sandbox_control("/faults", fault).await;
    }

    /// Remove every injected fault.
    pub async fn clear_sandbox_faults(&self) {
        self.http
            .delete(format!("{}/_sandbox/faults", self.sandbox_url))
            .send()
            .await
            .unwrap();
    }

    /// The sandbox's request log.
    pub async fn sandbox_requests(&self) -> Vec<Value> {
        let body: Value = self
            .http
            .get(format!("{}/_sandbox/requests", self.sandbox_url))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        body["requests"].as_array().unwrap().clone()
    }

    /// Empties the sandbox's request log (after checking what it holds against the spec).
    pub async fn clear_sandbox_requests(&self) {
        self.check_sandbox_requests();
        self.http
            .delete(format!("{}/_sandbox/requests", self.sandbox_url))
            .send()
            .await
            .unwrap();
    }

    /// `"METHOD /path"` of every logged sandbox request.
    pub async fn sandbox_calls(&self) -> Vec<String> {
        self.sandbox_requests()
            .await
            .iter()
            .map(|r| {
                format!(
                    "{} {}",
                    r["method"].as_str().unwrap(),
                    r["path"].as_str().unwrap()
                )
            })
            .collect()
    }

    /// `GET {sandbox}/api/v2/user` with a ClickUp token → (status, body).
    pub async fn sandbox_whoami(&self, clickup_token: &str) -> (StatusCode, Value) {
        let response = self
            .http
            .get(format!("{}/api/v2/user", self.sandbox_url))
            .header(AUTHORIZATION, clickup_token)
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    // --- the database -------------------------------------------------------------------------

    pub async fn audit_rows(&self) -> Vec<AuditRow> {
        self.state
            .store
            .audit_rows(&AuditFilter {
                limit: 10_000,
                ..AuditFilter::default()
            })
            .await
            .unwrap()
    }

    /// Rows of one event type.
    pub async fn audit_of(&self, event_type: &str) -> Vec<AuditRow> {
        self.audit_rows()
            .await
            .into_iter()
            .filter(|r| r.event_type == event_type)
            .collect()
    }

    pub async fn credential(&self, user: u64) -> Option<StoredCredential> {
        self.state.store.get_credential(UserId(user)).await.unwrap()
    }

    /// The stored ClickUp access token of `user`, opened with the app's vault.
    pub async fn clickup_token(&self, user: u64) -> String {
        let credential = self.credential(user).await.expect("a stored credential");
        self.state
            .vault
            .open(UserId(user), Field::AccessToken, &credential.access_token)
            .unwrap()
            .expose_secret()
            .to_owned()
    }

    /// `SELECT COUNT(*)` of a table, on a connection of our own.
    pub async fn count_rows(&self, table: &str) -> i64 {
        let sql = match table {
            "users" => "SELECT COUNT(*) FROM users",
            "sessions" => "SELECT COUNT(*) FROM sessions",
            "clickup_credentials" => "SELECT COUNT(*) FROM clickup_credentials",
            "oauth_states" => "SELECT COUNT(*) FROM oauth_states",
            "audit_log" => "SELECT COUNT(*) FROM audit_log",
            other => panic!("no such table in the tests: {other}"),
        };
        let mut conn = sqlx::sqlite::SqliteConnection::connect(&self.database_url)
            .await
            .unwrap();
        let count: i64 = sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap();
        conn.close().await.unwrap();
        count
    }

    /// Asserts that no user, credential or session was written.
    pub async fn assert_nothing_written(&self, case: &str) {
        for table in ["users", "clickup_credentials", "sessions"] {
            assert_eq!(self.count_rows(table).await, 0, "{case}: rows in {table}");
        }
    }

    /// Copy `from`'s sealed access token into `to`'s credential row, as an attacker with write
    /// access to the database would.
    pub async fn copy_sealed_token(&self, from: u64, to: u64) {
        let mut conn = sqlx::sqlite::SqliteConnection::connect(&self.database_url)
            .await
            .unwrap();
        let done = sqlx::query(
            "UPDATE clickup_credentials SET \
             access_blob = (SELECT access_blob FROM clickup_credentials WHERE user_id = $1), \
             access_key_id = (SELECT access_key_id FROM clickup_credentials WHERE user_id = $1) \
             WHERE user_id = $2",
        )
        .bind(i64::try_from(from).unwrap())
        .bind(i64::try_from(to).unwrap())
        .execute(&mut conn)
        .await
        .unwrap();
        assert_eq!(done.rows_affected(), 1, "the row of {to} was updated");
        conn.close().await.unwrap();
    }

    /// The bytes of the database file and its WAL and shared-memory files.
    pub fn database_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let path = format!("{}{suffix}", self.db_path.display());
            if let Ok(content) = std::fs::read(&path) {
                bytes.extend_from_slice(&content);
            }
        }
        assert!(!bytes.is_empty(), "the database file exists");
        bytes
    }

    // --- the binary ---------------------------------------------------------------------------

    /// Run `clickup-mcp <args>` against this app's database, with only `DATABASE_URL` and `env`
    /// in its environment.
    pub async fn cli(&self, args: &[&str], env: &[(&str, &str)]) -> CliOutput {
        let mut all = vec![("DATABASE_URL", self.database_url.as_str())];
        all.extend_from_slice(env);
        run_cli(args, &all).await
    }
}

/// What a run of the binary printed.
#[derive(Debug)]
pub struct CliOutput {
    pub success: bool,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Run the built binary with exactly `env` (plus `PATH`), at most 30 s.
pub async fn run_cli(args: &[&str], env: &[(&str, &str)]) -> CliOutput {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_clickup-mcp"));
    command
        .args(args)
        .env_clear()
        .envs(env.iter().copied())
        .env("LOG_FORMAT", "json")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let output = tokio::time::timeout(Duration::from_secs(30), command.output())
        .await
        .unwrap_or_else(|_| panic!("clickup-mcp {args:?} did not finish within 30 s"))
        .unwrap();
    CliOutput {
        success: output.status.success(),
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A browser: its own cookie jar, one client that follows redirects and one that does not.
pub struct Browser {
    pub jar: Arc<Jar>,
    /// Follows redirects (like a browser).
    pub follow: Client,
    /// Stops at every redirect, so a test can walk the legs by hand.
    pub manual: Client,
    app_url: String,
}

impl Browser {
    pub fn new(jar: Arc<Jar>, app_url: &str) -> Self {
        let build = |policy| {
            Client::builder()
                .cookie_provider(jar.clone())
                .redirect(policy)
                .user_agent(USER_AGENT)
                .build()
                .unwrap()
        };
        Self {
            follow: build(redirect::Policy::limited(10)),
            manual: build(redirect::Policy::none()),
            jar: jar.clone(),
            app_url: app_url.to_owned(),
        }
    }

    /// `GET /auth/login`, following every redirect to the callback's answer (JSON).
    pub async fn login(&self) -> Answer {
        Answer::read(
            self.follow
                .get(format!("{}/auth/login", self.app_url))
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// The same, asking for HTML as a browser does.
    pub async fn login_html(&self) -> Answer {
        Answer::read(
            self.follow
                .get(format!("{}/auth/login", self.app_url))
                .header(
                    ACCEPT,
                    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                )
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// Leg 1: `GET /auth/login` → the sandbox authorize URL it redirects to.
    pub async fn start_login(&self) -> String {
        let answer = self.get(&format!("{}/auth/login", self.app_url)).await;
        assert!(
            answer.status.is_redirection(),
            "/auth/login: {} {}",
            answer.status,
            answer.text
        );
        answer.location()
    }

    /// Leg 2: the sandbox's authorize URL (auto-approve) → the callback URL with `code` and `state`.
    pub async fn approve_at_sandbox(&self, authorize_url: &str) -> String {
        let answer = self.get(authorize_url).await;
        assert_eq!(
            answer.status,
            StatusCode::FOUND,
            "sandbox authorize: {}",
            answer.text
        );
        let callback = answer.location();
        assert!(
            callback.starts_with(&format!("{}/auth/callback?", self.app_url)),
            "{callback}"
        );
        callback
    }

    /// Legs 1 and 2: the callback URL, not yet visited.
    pub async fn callback_url(&self) -> String {
        let authorize = self.start_login().await;
        self.approve_at_sandbox(&authorize).await
    }

    /// `GET url` without following redirects.
    pub async fn get(&self, url: &str) -> Answer {
        Answer::read(self.manual.get(url).send().await.unwrap()).await
    }
}

/// A query parameter of a URL.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// `url` with the query parameter `name` removed.
pub fn without_param(url: &str, name: &str) -> String {
    let mut parsed = Url::parse(url).unwrap();
    let kept: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(k, _)| k != name)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    parsed.query_pairs_mut().clear().extend_pairs(kept);
    parsed.to_string()
}

/// `url` with the query parameter `name` set to `value`.
pub fn with_param(url: &str, name: &str, value: &str) -> String {
    let stripped = without_param(url, name);
    let mut parsed = Url::parse(&stripped).unwrap();
    parsed.query_pairs_mut().append_pair(name, value);
    parsed.to_string()
}

/// Whether `s` is `n` lowercase hex digits.
pub fn is_hex(s: &str, n: usize) -> bool {
    s.len() == n
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

// --- JWTs ------------------------------------------------------------------------------------

/// The decoded header and claims of a JWT (no verification).
pub fn jwt_parts(token: &str) -> (Value, Value) {
    let mut parts = token.split('.');
    let decode = |part: Option<&str>| -> Value {
        serde_json::from_slice(&B64URL.decode(part.unwrap()).unwrap()).unwrap()
    };
    let header = decode(parts.next());
    let claims = decode(parts.next());
    (header, claims)
}

/// A JWT with this header and claims, signed with HMAC (`alg` HS256 or HS512) under `secret`.
pub fn sign_raw(header: &Value, claims: &Value, secret: &[u8]) -> String {
    use hmac::{Hmac, Mac};
    let input = format!(
        "{}.{}",
        B64URL.encode(header.to_string()),
        B64URL.encode(claims.to_string())
    );
    let signature = match header["alg"].as_str() {
        Some("HS512") => {
            let mut mac = <Hmac<sha2::Sha512> as Mac>::new_from_slice(secret).unwrap();
            mac.update(input.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        _ => {
            let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(secret).unwrap();
            mac.update(input.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
    };
    format!("{input}.{}", B64URL.encode(signature))
}

/// `token` with its claims replaced by `claims`, keeping the original header and signature.
pub fn with_claims(token: &str, claims: &Value) -> String {
    let mut parts = token.split('.');
    let header = parts.next().unwrap();
    let _ = parts.next();
    let signature = parts.next().unwrap();
    format!("{header}.{}.{signature}", B64URL.encode(claims.to_string()))
}

/// The HS256 header this server uses.
pub fn hs256_header() -> Value {
    json!({"alg": "HS256", "typ": "JWT"})
}

/// Epoch seconds as RFC 3339 UTC.
pub fn rfc3339(epoch: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(epoch)
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

/// The value of a hidden `<input name=… value=…>` in an HTML form.
pub fn form_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = start + html[start..].find('"')?;
    Some(
        html[start..end]
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

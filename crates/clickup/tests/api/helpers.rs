//! A sandbox on port 0 and a client pointed at it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use clickup::{
    BudgetOptions, ClickUp, ClientOptions, Clock, RetryPolicy, SystemClock, TaskId, TaskRef,
    TeamId, Timeouts,
};
use clickup_openapi::RequestChecker;
use clickup_sandbox::{
    DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, Sandbox, SandboxOptions, SeedUser, spawn,
};
use reqwest::header::{COOKIE, LOCATION};
use secrecy::SecretString;
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;
use url::Url;

pub const ALICE: u64 = 81_000_001;
pub const BOB: u64 = 81_000_002;
pub const DAVE: u64 = 81_000_004;
pub const ACME: &str = "9000001";
pub const BETA: &str = "9000002";
pub const SPRINT_12: &str = "901101001";
pub const BACKLOG: &str = "901101010";
pub const CALLBACK: &str = "http://localhost:9999/callback";

/// A running sandbox; stops when dropped, and then fails the test if any request sent to it did
/// not match ClickUp's OpenAPI file (crates/clickup-openapi).
pub struct TestSandbox {
    pub base: String,
    pub http: reqwest::Client,
    pub users: Vec<SeedUser>,
    shutdown: CancellationToken,
    /// The sandbox in-process, for its request log.
    sandbox: Sandbox,
    /// What the OpenAPI check has found so far.
    request_check: RequestChecker,
}

impl Drop for TestSandbox {
    fn drop(&mut self) {
        self.shutdown.cancel();
        self.check_requests();
        self.request_check.assert_clean();
    }
}

pub async fn spawn_sandbox() -> TestSandbox {
    spawn_with(SandboxOptions::default()).await
}

pub async fn spawn_with(options: SandboxOptions) -> TestSandbox {
    let sandbox = clickup_sandbox::Sandbox::new(options);
    let users = sandbox.users();
    let shutdown = CancellationToken::new();
    let running = spawn(
        sandbox.clone(),
        "127.0.0.1:0".parse().unwrap(),
        shutdown.clone(),
    )
    .await
    .unwrap();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestSandbox {
        base: running.base_url(),
        http,
        users,
        shutdown,
        sandbox,
        request_check: RequestChecker::new(),
    }
}

/// Retries quick enough for tests.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
        ..RetryPolicy::default()
    }
}

impl TestSandbox {
    /// Checks the requests logged since the last check, and the JSON bodies of the sandbox's 2xx
    /// answers (top level only), against ClickUp's OpenAPI file; what is found is reported when
    /// the sandbox is dropped.
    pub fn check_requests(&self) {
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

    /// For a test that sends requests to routes ClickUp does not have on purpose: those the
    /// sandbox answers 404 are not reported by the OpenAPI check.
    pub fn allow_unchecked_requests(&self) {
        self.request_check.allow_unknown_routes();
    }

    pub fn api_url(&self) -> Url {
        Url::parse(&format!("{}/api", self.base)).unwrap()
    }

    /// A client with fast retries and the default budget.
    pub fn client(&self) -> ClickUp {
        self.client_with(ClientOptions {
            retry: fast_retries(),
            ..ClientOptions::default()
        })
    }

    pub fn client_with(&self, options: ClientOptions) -> ClickUp {
        ClickUp::with_options(&self.api_url(), options).unwrap()
    }

    pub fn token(&self, user: u64) -> SecretString {
        let user = self.users.iter().find(|u| u.id == user).unwrap();
        SecretString::from(user.personal_token.clone())
    }

    /// `POST /_sandbox{path}` with a JSON body; asserts success.
    pub async fn control(&self, path: &str, body: Value) -> Value {
        // `/reset` empties the request log.
        self.check_requests();
        let response = self
            .http
            .post(format!("{}/_sandbox{path}", self.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let body: Value = response.json().await.unwrap();
        assert!(status.is_success(), "{path}: {status} {body}");
        body
    }

    /// Adds a fault.
    pub async fn fault(&self, spec: Value) {
        self.control("/faults", spec).await;
    }

    /// The request log since the last clear: `(method, path, status)`.
    pub async fn requests(&self) -> Vec<(String, String, u64)> {
        let body: Value = self
            .http
            .get(format!("{}/_sandbox/requests", self.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        body["requests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["method"].as_str().unwrap_or_default().to_owned(),
                    r["path"].as_str().unwrap_or_default().to_owned(),
                    r["status"].as_u64().unwrap_or_default(),
                )
            })
            .collect()
    }

    /// The query strings of the logged requests, in order, decoded (`statuses[]=to do`): the
    /// log re-encodes what it received.
    pub async fn request_queries(&self) -> Vec<String> {
        let body: Value = self
            .http
            .get(format!("{}/_sandbox/requests", self.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        body["requests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let raw = r["query"].as_str().unwrap_or_default();
                url::form_urlencoded::parse(raw.as_bytes())
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join("&")
            })
            .collect()
    }

    /// An OAuth authorization code of the default app for `user`, granting `teams`.
    pub async fn code_for(&self, user: u64, teams: &[&str]) -> String {
        let mut form: Vec<(&str, &str)> = vec![
            ("client_id", DEFAULT_CLIENT_ID),
            ("redirect_uri", CALLBACK),
            ("state", "s"),
        ];
        form.extend(teams.iter().map(|t| ("team", *t)));
        form.push(("decision", "authorize"));
        let response = self
            .http
            .post(format!("{}/api/oauth/authorize", self.base))
            .header(COOKIE, format!("sandbox_user={user}"))
            .form(&form)
            .send()
            .await
            .unwrap();
        let location = response.headers().get(LOCATION).unwrap().to_str().unwrap();
        let url = Url::parse(location).unwrap();
        url.query_pairs()
            .find(|(k, _)| k == "code")
            .map(|(_, v)| v.into_owned())
            .unwrap()
    }

    /// An OAuth access token for `user`, through the client's own code exchange.
    pub async fn oauth_token(&self, client: &ClickUp, user: u64, teams: &[&str]) -> SecretString {
        let code = self.code_for(user, teams).await;
        let secret = SecretString::from(DEFAULT_CLIENT_SECRET.to_owned());
        client
            .exchange_code(DEFAULT_CLIENT_ID, &secret, &code)
            .await
            .unwrap()
            .access_token
    }

    /// Sets the sandbox's rate limit per token and minute.
    pub async fn set_rate_limit(&self, per_minute: u32) {
        self.control("/settings", json!({ "rate_limit_per_minute": per_minute }))
            .await;
    }
}

pub fn team(id: &str) -> TeamId {
    TeamId::new(id).unwrap()
}

pub fn task(id: &str) -> TaskRef {
    TaskRef::Id(TaskId::new(id).unwrap())
}

/// A wall clock that a test can move forward.
#[derive(Debug, Default)]
pub struct OffsetClock {
    pub offset_ms: AtomicU64,
}

impl Clock for OffsetClock {
    fn now_ms(&self) -> u64 {
        SystemClock.now_ms() + self.offset_ms.load(Ordering::SeqCst)
    }
}

/// Client options with this clock and budget wait.
pub fn options_with_clock(clock: Arc<OffsetClock>, max_wait: Duration) -> ClientOptions {
    ClientOptions {
        timeouts: Timeouts::default(),
        retry: fast_retries(),
        budget: BudgetOptions { max_wait, clock },
        ..ClientOptions::default()
    }
}

//! Two replicas on one PostgreSQL database (docs/architecture.md, "Replicas"): two real
//! `clickup-mcp serve` processes share a database in a throwaway cluster
//! (`tests/common/pg_cluster.rs`) and one ClickUp sandbox, and what must hold across replicas
//! does — the per-user rate limit is exact over both, a logout on one is honoured by the other on
//! the next request, one authorization code redeemed on both at once gives one token pair, one
//! refresh token used on both at once leaves one live pair, the two together stay within
//! ClickUp's limit for one token, and the audit rows of both arrive.
//!
//! Both replicas have the same `PUBLIC_URL` (that of replica A), as behind a load balancer: a
//! request to replica B carries A's `Host`, as the balancer would pass it on. Skipped with a
//! notice when PostgreSQL is not installed (a failure when `CI` is set).
#![expect(
    clippy::unwrap_used,
    reason = "a test fails loudly on the first surprise; the panic message is the report"
)]

#[path = "../common/pg_cluster.rs"]
mod pg_cluster;

use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use clickup_sandbox::{OAuthApp, Sandbox, SandboxOptions, SeedSize};
use futures::future::join_all;
use reqwest::cookie::Jar;
use reqwest::{Client, StatusCode, redirect};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use sqlx::Connection as _;
use tokio::process::{Child, Command};
use tokio_util::sync::CancellationToken;
use url::Url;

/// A free user's requests per minute (the default `RATE_LIMIT_FREE`).
const FREE_LIMIT: usize = 100;

/// The MCP client's loopback redirect URI (never visited: the browser stops at it).
const REDIRECT: &str = "http://127.0.0.1:49152/callback";

/// One `clickup-mcp serve` process.
struct Replica {
    /// Where it listens.
    base: String,
    /// Killed when dropped.
    _child: Child,
}

/// The sandbox and two replicas on one database.
struct Deployment {
    a: Replica,
    b: Replica,
    /// `PUBLIC_URL` of both: A's address.
    public_url: String,
    database_url: String,
    sandbox_url: String,
    http: Client,
    sandbox_shutdown: CancellationToken,
}

impl Drop for Deployment {
    fn drop(&mut self) {
        self.sandbox_shutdown.cancel();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn random_hex(bytes: usize) -> String {
    (0..bytes)
        .map(|_| format!("{:02x}", rand::random::<u8>()))
        .collect()
}

/// Start the sandbox and both replicas on a fresh database; `None` when PostgreSQL is missing.
async fn deploy() -> Option<Deployment> {
    deploy_with(10_000, &[]).await
}

/// The same, with the sandbox allowing `clickup_per_minute` requests per token (ClickUp's own
/// limit is 100) and extra settings for both replicas.
async fn deploy_with(
    clickup_per_minute: u32,
    extra: &[(&'static str, &str)],
) -> Option<Deployment> {
    let database_url = pg_cluster::fresh_database().await?;
    let client_id = format!("replicas-{}", random_hex(6));
    let client_secret = random_hex(24);
    let sandbox = Sandbox::new(SandboxOptions {
        auto_approve: true,
        issue_refresh_tokens: false,
        apps: vec![OAuthApp {
            client_id: client_id.clone(),
            client_secret: client_secret.clone(),
            redirect_uris: Vec::new(),
        }],
        rate_limit_per_minute: clickup_per_minute,
        seed: SeedSize::Default,
    });
    let sandbox_shutdown = CancellationToken::new();
    let running = clickup_sandbox::spawn(
        sandbox,
        "127.0.0.1:0".parse().unwrap(),
        sandbox_shutdown.clone(),
    )
    .await
    .unwrap();
    let sandbox_url = running.base_url();
    let api = format!("{sandbox_url}/api");
    let (port_a, port_b) = (free_port(), free_port());
    let public_url = format!("http://127.0.0.1:{port_a}");
    let mut settings: Vec<(&'static str, String)> = extra
        .iter()
        .map(|(name, value)| (*name, (*value).to_owned()))
        .collect();
    settings.extend([
        ("DATABASE_URL", database_url.clone()),
        ("CLICKUP_CLIENT_ID", client_id),
        ("CLICKUP_CLIENT_SECRET", client_secret),
        ("CLICKUP_API_URL", api.clone()),
        ("CLICKUP_AUTHORIZE_URL", api),
        ("JWT_SECRET", random_hex(32)),
        ("ENCRYPTION_KEY", clickup_mcp::vault::Vault::generate_key()),
        ("PUBLIC_URL", public_url.clone()),
    ]);
    // One after the other: the second also finds the schema migrated.
    let a = start(&settings, port_a).await;
    let b = start(&settings, port_b).await;
    Some(Deployment {
        a,
        b,
        public_url,
        database_url,
        sandbox_url,
        http: Client::builder()
            .redirect(redirect::Policy::none())
            .build()
            .unwrap(),
        sandbox_shutdown,
    })
}

/// Start `clickup-mcp serve` on `port` and wait until `/health` answers.
async fn start(settings: &[(&'static str, String)], port: u16) -> Replica {
    let child = Command::new(env!("CARGO_BIN_EXE_clickup-mcp"))
        .arg("serve")
        .env_clear()
        .envs(settings.iter().map(|(k, v)| (*k, v.as_str())))
        .env("LISTEN", format!("127.0.0.1:{port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let http = Client::new();
    for _ in 0..200 {
        if let Ok(answer) = http.get(format!("{base}/health")).send().await
            && answer.status() == StatusCode::OK
        {
            return Replica {
                base,
                _child: child,
            };
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("replica on port {port} did not answer /health within 20 s");
}

impl Deployment {
    /// The seeded sandbox users' ids.
    async fn users(&self) -> Vec<u64> {
        let listed: Value = self
            .http
            .get(format!("{}/_sandbox/users", self.sandbox_url))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        listed["users"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].as_u64().unwrap())
            .collect()
    }

    /// Log `user` in through replica A (the browser follows every redirect); the session token.
    async fn login(&self, user: u64) -> String {
        let jar = Arc::new(Jar::default());
        jar.add_cookie_str(
            &format!("sandbox_user={user}"),
            &Url::parse(&self.sandbox_url).unwrap(),
        );
        let browser = Client::builder().cookie_provider(jar).build().unwrap();
        let answer = browser
            .get(format!("{}/auth/login", self.public_url))
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::OK);
        let body: Value = answer.json().await.unwrap();
        body["token"].as_str().unwrap().to_owned()
    }

    /// A request to `replica`, with the public `Host` a load balancer passes on.
    fn to(
        &self,
        replica: &Replica,
        method: reqwest::Method,
        path: &str,
    ) -> reqwest::RequestBuilder {
        let host = self.public_url.trim_start_matches("http://").to_owned();
        self.http
            .request(method, format!("{}{path}", replica.base))
            .header("host", host)
    }

    /// A bare `POST /mcp` to `replica`; the status.
    async fn mcp(&self, replica: &Replica, token: &str, body: Value) -> StatusCode {
        self.to(replica, reqwest::Method::POST, "/mcp")
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
            .status()
    }

    /// `GET /auth/me` on `replica`; the status.
    async fn me(&self, replica: &Replica, token: &str) -> StatusCode {
        self.to(replica, reqwest::Method::GET, "/auth/me")
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .status()
    }

    /// An MCP client's whole authorization through replica A: register a public client, open
    /// `/authorize` as `user`, approve, pass ClickUp, and read the code from the redirect to the
    /// client. The client id, the PKCE verifier and the code.
    async fn authorization_code(&self, user: u64) -> (String, String, String) {
        let registered: Value = self
            .http
            .post(format!("{}/register", self.public_url))
            .json(&json!({
                "client_name": "Replica test client",
                "redirect_uris": [REDIRECT],
                "token_endpoint_auth_method": "none",
                "grant_types": ["authorization_code", "refresh_token"],
                "response_types": ["code"],
            }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let client_id = registered["client_id"].as_str().unwrap().to_owned();
        let verifier = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 48]>());
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        let jar = Arc::new(Jar::default());
        jar.add_cookie_str(
            &format!("sandbox_user={user}"),
            &Url::parse(&self.sandbox_url).unwrap(),
        );
        // Follows every redirect but the last one, to the client.
        let browser = Client::builder()
            .cookie_provider(jar)
            .redirect(redirect::Policy::custom(|attempt| {
                if attempt.url().as_str().starts_with(REDIRECT) {
                    attempt.stop()
                } else {
                    attempt.follow()
                }
            }))
            .build()
            .unwrap();
        let mut authorize = Url::parse(&format!("{}/authorize", self.public_url)).unwrap();
        authorize.query_pairs_mut().extend_pairs([
            ("response_type", "code"),
            ("client_id", &client_id),
            ("redirect_uri", REDIRECT),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
            ("state", "st-1"),
            ("scope", "clickup:read clickup:write"),
            ("resource", &format!("{}/mcp", self.public_url)),
        ]);
        let page = browser.get(authorize).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK, "a consent page");
        let page = page.text().await.unwrap();
        let field = |name: &str| {
            let marker = format!("name=\"{name}\" value=\"");
            let start = page.find(&marker).unwrap() + marker.len();
            page[start..start + page[start..].find('"').unwrap()].to_owned()
        };
        let approved = browser
            .post(format!("{}/authorize/consent", self.public_url))
            .form(&[
                ("request_id", field("request_id").as_str()),
                ("csrf_token", field("csrf_token").as_str()),
                ("decision", "approve"),
                ("access", "read"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(approved.status(), StatusCode::FOUND);
        let to_client = approved.headers()["location"].to_str().unwrap().to_owned();
        assert!(to_client.starts_with(REDIRECT), "{to_client}");
        let code = Url::parse(&to_client)
            .unwrap()
            .query_pairs()
            .find(|(name, _)| name == "code")
            .unwrap()
            .1
            .into_owned();
        (client_id, verifier, code)
    }

    /// `POST /token` on `replica` with these fields: the status and the body.
    async fn token(&self, replica: &Replica, fields: &[(&str, &str)]) -> (StatusCode, Value) {
        let answer = self
            .to(replica, reqwest::Method::POST, "/token")
            .form(fields)
            .send()
            .await
            .unwrap();
        (answer.status(), answer.json().await.unwrap())
    }

    /// How many audit rows of each event type the shared database holds.
    async fn audit_counts(&self) -> Vec<(String, i64)> {
        let mut db = sqlx::PgConnection::connect(&self.database_url)
            .await
            .unwrap();
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT event_type, count(*) FROM audit_log GROUP BY event_type ORDER BY event_type",
        )
        .fetch_all(&mut db)
        .await
        .unwrap();
        rows
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_users_requests_split_over_two_replicas_are_limited_together_exactly() {
    let Some(deployment) = deploy().await else {
        return;
    };
    let users = deployment.users().await;
    let token = deployment.login(users[0]).await;

    let answers = join_all((0..150).map(|i| {
        let replica = if i % 2 == 0 {
            &deployment.a
        } else {
            &deployment.b
        };
        deployment.mcp(replica, &token, json!({"method": "tools/list"}))
    }))
    .await;

    let accepted = answers.iter().filter(|s| **s == StatusCode::OK).count();
    let refused = answers
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(
        (accepted, refused),
        (FREE_LIMIT, 150 - FREE_LIMIT),
        "{answers:?}"
    );
    // Both replicas refuse now, whichever served the accepted ones.
    for replica in [&deployment.a, &deployment.b] {
        assert_eq!(
            deployment
                .mcp(replica, &token, json!({"method": "tools/list"}))
                .await,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_logout_on_one_replica_is_honoured_by_the_other_at_once() {
    let Some(deployment) = deploy().await else {
        return;
    };
    let users = deployment.users().await;
    let token = deployment.login(users[0]).await;
    let tool_call = json!({"method": "tools/call", "params": {"name": "clickup_workspace_list", "arguments": {}}});
    // The credential is opened (and cached) on B before the logout.
    assert_eq!(
        deployment
            .mcp(&deployment.b, &token, tool_call.clone())
            .await,
        StatusCode::OK
    );
    assert_eq!(deployment.me(&deployment.b, &token).await, StatusCode::OK);

    let logout = deployment
        .to(&deployment.a, reqwest::Method::POST, "/auth/logout")
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), StatusCode::OK);

    assert_eq!(
        deployment.me(&deployment.b, &token).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        deployment.mcp(&deployment.b, &token, tool_call).await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_audit_rows_of_both_replicas_all_arrive() {
    let Some(deployment) = deploy().await else {
        return;
    };
    let users = deployment.users().await;
    let (alice, bob) = (
        deployment.login(users[0]).await,
        deployment.login(users[1]).await,
    );
    let tool_call = json!({"method": "tools/call", "params": {"name": "clickup_workspace_list", "arguments": {}}});

    let calls = join_all((0..40).map(|i| {
        let replica = if i % 2 == 0 {
            &deployment.a
        } else {
            &deployment.b
        };
        let token = if i < 20 { &alice } else { &bob };
        deployment.mcp(replica, token, tool_call.clone())
    }))
    .await;
    assert!(calls.iter().all(|s| *s == StatusCode::OK), "{calls:?}");
    // Alice runs over her limit on both replicas: one `rate_limited` row between them.
    let burst = join_all((0..FREE_LIMIT).map(|i| {
        let replica = if i % 2 == 0 {
            &deployment.a
        } else {
            &deployment.b
        };
        deployment.mcp(replica, &alice, json!({"method": "tools/list"}))
    }))
    .await;
    assert_eq!(
        burst
            .iter()
            .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
            .count(),
        20
    );

    // Queued `tool_call` rows are written within a second or so.
    let expected = vec![
        ("auth_success".to_owned(), 2),
        ("rate_limited".to_owned(), 1),
        ("tool_call".to_owned(), 40),
    ];
    let mut counts = Vec::new();
    for _ in 0..50 {
        counts = deployment.audit_counts().await;
        if counts == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(counts, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_replicas_together_stay_within_clickups_limit_for_one_token() {
    // ClickUp's 100 per minute per token; our own per-user limit out of the way.
    let Some(deployment) = deploy_with(100, &[("RATE_LIMIT_FREE", "1000")]).await else {
        return;
    };
    let users = deployment.users().await;
    let token = deployment.login(users[0]).await;
    // Each call reads the task from ClickUp (nothing cached).
    let tool_call = json!({"method": "tools/call", "params": {"name": "clickup_task_get", "arguments": {"task": "86aa0001"}}});

    let answers = join_all((0..150).map(|i| {
        let replica = if i % 2 == 0 {
            &deployment.a
        } else {
            &deployment.b
        };
        deployment.mcp(replica, &token, tool_call.clone())
    }))
    .await;
    assert!(answers.iter().all(|s| *s == StatusCode::OK), "{answers:?}");

    let listed: Value = deployment
        .http
        .get(format!("{}/_sandbox/requests", deployment.sandbox_url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let with_token: Vec<&Value> = listed["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["user_id"].as_u64() == Some(users[0]))
        .collect();
    let refused = with_token.iter().filter(|r| r["status"] == 429).count();
    assert_eq!(refused, 0, "ClickUp never had to refuse one");
    assert_eq!(
        with_token.len(),
        100,
        "as many as ClickUp allows reached it, and no more"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_code_redeemed_on_both_replicas_at_once_gives_one_token_pair() {
    let Some(deployment) = deploy().await else {
        return;
    };
    let users = deployment.users().await;
    let (client_id, verifier, code) = deployment.authorization_code(users[0]).await;
    let fields = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", verifier.as_str()),
        ("client_id", client_id.as_str()),
    ];

    let (a, b) = tokio::join!(
        deployment.token(&deployment.a, &fields),
        deployment.token(&deployment.b, &fields)
    );

    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::OK, StatusCode::BAD_REQUEST],
        "{a:?} {b:?}"
    );
    let (issued, refused) = if a.0 == StatusCode::OK {
        (a.1, b.1)
    } else {
        (b.1, a.1)
    };
    assert_eq!(refused["error"], "invalid_grant");
    // The replay revokes what the first redemption issued (RFC 6749, 4.1.2), on either replica.
    let access = issued["access_token"].as_str().unwrap();
    for replica in [&deployment.a, &deployment.b] {
        assert_eq!(
            deployment
                .mcp(replica, access, json!({"method": "tools/list"}))
                .await,
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_refresh_token_used_on_both_replicas_at_once_leaves_one_live_pair() {
    let Some(deployment) = deploy().await else {
        return;
    };
    let users = deployment.users().await;
    let (client_id, verifier, code) = deployment.authorization_code(users[0]).await;
    let (status, first) = deployment
        .token(
            &deployment.a,
            &[
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("redirect_uri", REDIRECT),
                ("code_verifier", verifier.as_str()),
                ("client_id", client_id.as_str()),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let fields = [
        ("grant_type", "refresh_token"),
        ("refresh_token", first["refresh_token"].as_str().unwrap()),
        ("client_id", client_id.as_str()),
    ];

    let (a, b) = tokio::join!(
        deployment.token(&deployment.a, &fields),
        deployment.token(&deployment.b, &fields)
    );

    // The documented outcome (README, the authorization server's refresh step, and
    // src/oauth/token.rs): a retry within the grace window is answered
    // with a new pair that supersedes the one the other rotation issued — both are answered, and
    // exactly one pair stays live.
    assert_eq!((a.0, b.0), (StatusCode::OK, StatusCode::OK), "{a:?} {b:?}");
    let mut live = 0;
    for answer in [&a.1, &b.1] {
        let access = answer["access_token"].as_str().unwrap();
        let status = deployment
            .mcp(&deployment.b, access, json!({"method": "tools/list"}))
            .await;
        assert!(
            [StatusCode::OK, StatusCode::UNAUTHORIZED].contains(&status),
            "{status}"
        );
        live += usize::from(status == StatusCode::OK);
    }
    assert_eq!(live, 1, "exactly one live pair");
}

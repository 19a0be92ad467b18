//! Spawning a sandbox and talking to it.

use clickup_sandbox::{
    DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, OAuthApp, SandboxOptions, SeedUser, spawn,
};
use reqwest::header::{COOKIE, LOCATION};
use reqwest::{Client, Response, StatusCode, redirect};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

pub const ALICE: u64 = 81_000_001;
pub const BOB: u64 = 81_000_002;
pub const CAROL: u64 = 81_000_003;
pub const DAVE: u64 = 81_000_004;
pub const ACME: &str = "9000001";
pub const BETA: &str = "9000002";
pub const CALLBACK: &str = "http://localhost:9999/callback";

/// A second OAuth app, registered by [`spawn_with`]'s default options.
pub fn other_app() -> OAuthApp {
    OAuthApp {
        client_id: "other-app".into(),
        client_secret: "other-secret".into(),
        redirect_uris: vec!["http://other.example/cb".into()],
    }
}

/// A running sandbox; stops when dropped.
pub struct TestSandbox {
    pub base: String,
    pub http: Client,
    pub users: Vec<SeedUser>,
    shutdown: CancellationToken,
}

impl Drop for TestSandbox {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

pub async fn spawn_sandbox() -> TestSandbox {
    spawn_with(SandboxOptions::default()).await
}

pub async fn spawn_with(mut options: SandboxOptions) -> TestSandbox {
    options.apps.push(other_app());
    let sandbox = clickup_sandbox::Sandbox::new(options);
    let users = sandbox.users();
    let shutdown = CancellationToken::new();
    let running = spawn(sandbox, "127.0.0.1:0".parse().unwrap(), shutdown.clone())
        .await
        .unwrap();
    let http = Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap();
    TestSandbox {
        base: running.base_url(),
        http,
        users,
        shutdown,
    }
}

impl TestSandbox {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn personal_token(&self, user: u64) -> String {
        self.users
            .iter()
            .find(|u| u.id == user)
            .unwrap()
            .personal_token
            .clone()
    }

    /// `GET /api{path}` with `Authorization: <token>`.
    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.http
            .get(self.url(&format!("/api{path}")))
            .header("Authorization", token)
            .send()
            .await
            .unwrap()
    }

    /// `GET /api{path}` → (status, JSON body).
    pub async fn get_json(&self, path: &str, token: &str) -> (StatusCode, Value) {
        let response = self.get(path, token).await;
        let status = response.status();
        (status, response.json().await.unwrap())
    }

    /// `{method} /api{path}` with `Authorization: <token>` and a JSON body (none for `None`) →
    /// (status, JSON body, `Value::Null` when the body is empty).
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self
            .http
            .request(method, self.url(&format!("/api{path}")))
            .header("Authorization", token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap()
        };
        (status, body)
    }

    /// `POST /api{path}` with a JSON body.
    pub async fn post_json(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::POST, path, token, Some(body))
            .await
    }

    /// `PUT /api{path}` with a JSON body.
    pub async fn put_json(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::PUT, path, token, Some(body))
            .await
    }

    /// `DELETE /api{path}`.
    pub async fn delete(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.send(reqwest::Method::DELETE, path, token, None).await
    }

    /// `POST /_sandbox{path}` with a JSON body → (status, JSON body).
    pub async fn control(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let response = self
            .http
            .post(self.url(&format!("/_sandbox{path}")))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap())
    }

    /// The request log.
    pub async fn requests(&self) -> Vec<Value> {
        let body: Value = self
            .http
            .get(self.url("/_sandbox/requests"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        body["requests"].as_array().unwrap().clone()
    }

    /// Submits the authorize form as `user` (cookie) and returns the redirect `Location`.
    pub async fn submit_authorize(
        &self,
        user: Option<&str>,
        client_id: &str,
        redirect_uri: &str,
        state: &str,
        form_tail: &[(&str, &str)],
    ) -> Response {
        let mut form: Vec<(&str, &str)> = vec![
            ("client_id", client_id),
            ("redirect_uri", redirect_uri),
            ("state", state),
        ];
        form.extend_from_slice(form_tail);
        let mut request = self.http.post(self.url("/api/oauth/authorize")).form(&form);
        if let Some(user) = user {
            request = request.header(COOKIE, format!("sandbox_user={user}"));
        }
        request.send().await.unwrap()
    }

    /// A code for `user` of the default app, granting `teams`.
    pub async fn code_for(&self, user: u64, teams: &[&str]) -> String {
        self.code_of(DEFAULT_CLIENT_ID, CALLBACK, user, teams).await
    }

    /// A code of the app `client_id` for `user`, granting `teams`.
    pub async fn code_of(
        &self,
        client_id: &str,
        redirect_uri: &str,
        user: u64,
        teams: &[&str],
    ) -> String {
        let mut tail: Vec<(&str, &str)> = teams.iter().map(|t| ("team", *t)).collect();
        tail.push(("decision", "authorize"));
        let response = self
            .submit_authorize(Some(&user.to_string()), client_id, redirect_uri, "s", &tail)
            .await;
        assert_eq!(response.status(), StatusCode::FOUND);
        let location = location(&response);
        query_param(&location, "code").unwrap()
    }

    /// `POST /api/v2/oauth/token` with a JSON body → (status, JSON body).
    pub async fn exchange(&self, body: Value) -> (StatusCode, Value) {
        let response = self
            .http
            .post(self.url("/api/v2/oauth/token"))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap())
    }

    /// An OAuth access token of the default app for `user`, granting `teams`.
    pub async fn oauth_token(&self, user: u64, teams: &[&str]) -> String {
        let code = self.code_for(user, teams).await;
        let (status, body) = self
            .exchange(json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET, "code": code }))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["access_token"].as_str().unwrap().to_owned()
    }
}

pub fn location(response: &Response) -> String {
    response
        .headers()
        .get(LOCATION)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned()
}

pub fn query_param(url: &str, name: &str) -> Option<String> {
    let url = url::Url::parse(url).unwrap();
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// The workspace ids of a `GET /v2/team` body.
pub fn team_ids(body: &Value) -> Vec<String> {
    body["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Asserts ClickUp's error form.
pub fn assert_clickup_error(
    status: StatusCode,
    body: &Value,
    want_status: u16,
    want_code: &str,
    case: &str,
) {
    assert_eq!(status.as_u16(), want_status, "{case}: status, body {body}");
    assert_eq!(body["ECODE"], want_code, "{case}: ECODE, body {body}");
    assert!(body["err"].is_string(), "{case}: err, body {body}");
}

/// The `id`s of the tasks of a task page.
pub fn task_ids(body: &Value) -> Vec<String> {
    body["tasks"]
        .as_array()
        .unwrap_or_else(|| panic!("no tasks in {body}"))
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect()
}

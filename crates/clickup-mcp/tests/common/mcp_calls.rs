//! Calling tools over `POST /mcp` in the seed's bare form, and reading what ClickUp was asked.
//! Shared by the test binaries that drive tools as a logged-in user (`tests/tools`, `tests/admin`,
//! `tests/scale`).

use clickup_mcp::audit::{AuditEvent, AuditRecord};
use clickup_mcp::domain::{Tier, UserId};
use serde_json::{Value, json};

use crate::helpers::{AppOptions, TestApp, spawn_app_with};

/// Alice: owner of Acme (9000001, Enterprise), member of Beta (9000002).
pub const ALICE: u64 = 81_000_001;
/// Carol: member of Acme; list 901101005 and task 86aa0012 are shared with her.
pub const CAROL: u64 = 81_000_003;

/// A tool's answer.
#[derive(Debug)]
pub struct ToolAnswer {
    /// `structuredContent`.
    pub data: Value,
    /// `isError`.
    pub is_error: bool,
    /// The text copy.
    pub text: String,
}

impl ToolAnswer {
    /// `structuredContent`, asserting success.
    pub fn ok(&self) -> &Value {
        assert!(!self.is_error, "expected success, got {}", self.text);
        &self.data
    }

    /// `error.code`, asserting failure.
    pub fn code(&self) -> &str {
        assert!(self.is_error, "expected an error, got {}", self.text);
        self.data["error"]["code"].as_str().unwrap()
    }

    /// `error.code`, asserting failure, with `why` in the panic message.
    pub fn code_for(&self, why: &str) -> &str {
        assert!(self.is_error, "{why}: expected an error, got {}", self.text);
        self.data["error"]["code"].as_str().unwrap()
    }

    /// `error.message`.
    pub fn message(&self) -> &str {
        self.data["error"]["message"].as_str().unwrap_or_default()
    }
}

/// An app with a logged-in user.
pub struct Session {
    pub app: TestApp,
    pub token: String,
    pub user: u64,
    /// The MCP URL path tools are called on: `/mcp` unless [`Session::on`] says otherwise.
    pub path: String,
}

impl Session {
    /// A fresh app and Alice logged in (free tier).
    pub async fn alice() -> Self {
        Self::of(ALICE).await
    }

    /// A fresh app and `user` logged in (free tier).
    pub async fn of(user: u64) -> Self {
        Self::with(AppOptions::default(), user).await
    }

    /// A fresh app set up with `options`, and `user` logged in (free tier).
    pub async fn with(options: AppOptions, user: u64) -> Self {
        let app = spawn_app_with(options).await;
        let token = app.login_as(user).await.token;
        Self {
            app,
            token,
            user,
            path: "/mcp".to_owned(),
        }
    }

    /// Call tools on another MCP URL, e.g. `/mcp/x/all` for tools outside the everyday set.
    #[allow(dead_code, reason = "not every test binary calls tools outside /mcp")]
    pub fn on(mut self, path: &str) -> Self {
        path.clone_into(&mut self.path);
        self
    }

    /// Make the user premium.
    pub async fn premium(self) -> Self {
        let audit =
            AuditRecord::new(AuditEvent::TierChanged, self.app.now()).user(UserId(self.user));
        self.app
            .state
            .store
            .set_tier(
                UserId(self.user),
                Tier::Premium,
                self.app.now(),
                Some(&audit),
            )
            .await
            .unwrap();
        self
    }

    /// Call a tool.
    pub async fn call(&self, tool: &str, arguments: Value) -> ToolAnswer {
        let response = self
            .app
            .http
            .post(format!("{}{}", self.app.url, self.path))
            .bearer_auth(&self.token)
            .json(
                &json!({"method": "tools/call", "params": {"name": tool, "arguments": arguments}}),
            )
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "{tool}: HTTP {}",
            response.status()
        );
        let body: Value = response.json().await.unwrap();
        ToolAnswer {
            data: body["structuredContent"].clone(),
            is_error: body["isError"].as_bool().unwrap_or(false),
            text: body["content"][0]["text"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        }
    }

    /// Call a tool after clearing the sandbox log; also answer `"METHOD /path?query"` of every
    /// ClickUp request the call made.
    pub async fn traced(&self, tool: &str, arguments: Value) -> (ToolAnswer, Vec<String>) {
        self.app.clear_sandbox_requests().await;
        let answer = self.call(tool, arguments).await;
        (answer, self.requests().await)
    }

    /// `"METHOD /path?query"` of every logged ClickUp request (the `/api` prefix dropped).
    pub async fn requests(&self) -> Vec<String> {
        self.app
            .sandbox_requests()
            .await
            .iter()
            .map(|r| {
                let path = r["path"].as_str().unwrap();
                let path = path.strip_prefix("/api").unwrap_or(path);
                let method = r["method"].as_str().unwrap();
                match r["query"].as_str() {
                    Some(q) if !q.is_empty() => format!("{method} {path}?{q}"),
                    _ => format!("{method} {path}"),
                }
            })
            .collect()
    }

    /// The JSON body of the last logged ClickUp request `METHOD /path` (no query); fails the
    /// test when none was sent.
    pub async fn body_of(&self, method: &str, path: &str) -> Value {
        let full = format!("/api{path}");
        self.app
            .sandbox_requests()
            .await
            .into_iter()
            .rev()
            .find(|r| r["method"] == method && r["path"] == full.as_str())
            .map(|r| r["body"].clone())
            .unwrap_or_else(|| panic!("no {method} {path} was sent"))
    }

    /// Warm the connection cache (workspaces), so a traced call shows only its own requests.
    pub async fn warm(&self) {
        self.call("clickup_workspace_list", serde_json::json!({}))
            .await
            .ok();
    }

    /// The task as ClickUp has it now.
    pub async fn task(&self, id: &str) -> Value {
        self.clickup_get(&format!("/v2/task/{id}")).await
    }

    /// `GET {sandbox}/api{path}` with the user's ClickUp token, outside the app.
    pub async fn clickup_get(&self, path: &str) -> Value {
        let token = self.app.clickup_token(self.user).await;
        let response = self
            .app
            .http
            .get(format!("{}/api{path}", self.app.sandbox_url))
            .header("Authorization", token)
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "GET {path}: {}",
            response.status()
        );
        response.json().await.unwrap()
    }
}

/// Alice, premium, on `/mcp/x/all` (every toolset), with the workspaces cached.
pub async fn premium_alice() -> Session {
    let s = Session::alice().await.premium().await.on("/mcp/x/all");
    s.warm().await;
    s
}

/// `items[*].<field>` as strings.
pub fn strings(items: &Value, field: &str) -> Vec<String> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i[field].as_str().unwrap().to_owned())
        .collect()
}

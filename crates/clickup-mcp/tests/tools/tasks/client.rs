//! Calling the task tools over real HTTP (`POST /mcp`, the seed's bare form, and JSON-RPC with a
//! progress token), and reading what the ClickUp sandbox received.

use clickup_mcp::audit::{AuditEvent, AuditRecord};
use clickup_mcp::domain::{Tier, UserId};
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use serde_json::{Value, json};

use crate::helpers::{Answer, AppOptions, TestApp, spawn_app_with};

pub const ALICE: u64 = 81_000_001;
pub const SPRINT_12: &str = "901101001";
pub const BACKLOG: &str = "901101010";

/// An app with Alice logged in (at the given tier).
pub struct Session {
    pub app: TestApp,
    pub token: String,
}

impl Session {
    pub async fn start(tier: Tier) -> Self {
        Self::start_with(tier, AppOptions::default()).await
    }

    /// A session on an app started with these options.
    pub async fn start_with(tier: Tier, options: AppOptions) -> Self {
        let app = spawn_app_with(options).await;
        let token = app.login_as(ALICE).await.token;
        if tier == Tier::Premium {
            let audit = AuditRecord::new(AuditEvent::TierChanged, app.now()).user(UserId(ALICE));
            app.state
                .store
                .set_tier(UserId(ALICE), tier, app.now(), Some(&audit))
                .await
                .unwrap();
        }
        Self { app, token }
    }

    /// Bare `tools/call` → the result object (`content`, `isError`, `structuredContent`).
    pub async fn call(&self, tool: &str, arguments: Value) -> Value {
        let response = self
            .app
            .http
            .post(format!("{}/mcp", self.app.url))
            .header(AUTHORIZATION, format!("Bearer {}", self.token))
            .header(CONTENT_TYPE, "application/json")
            .body(
                json!({"method": "tools/call", "params": {"name": tool, "arguments": arguments}})
                    .to_string(),
            )
            .send()
            .await
            .unwrap();
        let answer = Answer::read(response).await;
        assert_eq!(answer.status, 200, "tools/call {tool}: {}", answer.text);
        answer.body
    }

    /// A successful call's structured content; the text copy must be the same JSON.
    pub async fn ok(&self, tool: &str, arguments: Value) -> Value {
        let result = self.call(tool, arguments).await;
        assert_eq!(result["isError"], false, "{tool} failed: {result}");
        let structured = result["structuredContent"].clone();
        let text = result["content"][0]["text"].as_str().unwrap();
        let json_part = &text[text.find('{').unwrap()..];
        assert_eq!(
            serde_json::from_str::<Value>(json_part).unwrap(),
            structured,
            "the text copy carries the same JSON"
        );
        structured
    }

    /// A failed call's `structuredContent.error`.
    pub async fn error(&self, tool: &str, arguments: Value) -> Value {
        let result = self.call(tool, arguments).await;
        assert_eq!(result["isError"], true, "{tool} should fail: {result}");
        result["structuredContent"]["error"].clone()
    }

    /// Forget the sandbox's request log.
    pub async fn clear_log(&self) {
        self.app.clear_sandbox_requests().await;
    }

    /// `METHOD /api/path` of every ClickUp request since the log was cleared.
    pub async fn clickup_calls(&self) -> Vec<String> {
        self.app.sandbox_calls().await
    }

    /// The logged requests with their query strings.
    pub async fn clickup_requests(&self) -> Vec<Value> {
        self.app.sandbox_requests().await
    }

    /// JSON-RPC `tools/call` (2025-11-25) with `_meta.progressToken`, accepting SSE: the
    /// messages the server sent, in order (notifications first, the response last).
    pub async fn call_with_progress(
        &self,
        tool: &str,
        arguments: Value,
        token: &str,
    ) -> Vec<Value> {
        let body = json!({
            "jsonrpc": "2.0", "id": 7, "method": "tools/call",
            "params": {"name": tool, "arguments": arguments, "_meta": {"progressToken": token}},
        });
        let response = self
            .app
            .http
            .post(format!("{}/mcp", self.app.url))
            .header(AUTHORIZATION, format!("Bearer {}", self.token))
            .header(CONTENT_TYPE, "application/json")
            .header(ACCEPT, "application/json, text/event-stream")
            .header("mcp-protocol-version", "2025-11-25")
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let text = response.text().await.unwrap();
        if content_type.starts_with("application/json") {
            return vec![serde_json::from_str(&text).unwrap()];
        }
        assert!(
            content_type.starts_with("text/event-stream"),
            "{content_type}: {text}"
        );
        text.lines()
            .filter_map(|line| line.strip_prefix("data:"))
            .map(str::trim)
            .filter(|data| !data.is_empty())
            .map(|data| serde_json::from_str(data).unwrap())
            .collect()
    }
}

/// The ids of a page's items.
pub fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {page}"))
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect()
}

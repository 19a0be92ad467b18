//! Speaking MCP to the app over real HTTP: JSON-RPC in each protocol revision the server
//! supports (Streamable HTTP, JSON answers), and the seed's bare form.

use std::sync::atomic::{AtomicU64, Ordering};

use clickup_mcp::audit::{AuditEvent, AuditRecord};
use clickup_mcp::domain::{Tier, UserId};
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use serde_json::{Value, json};

use crate::helpers::{Answer, TestApp};

/// The revisions with an `initialize` handshake.
pub const V2025_06_18: &str = "2025-06-18";
pub const V2025_11_25: &str = "2025-11-25";
/// The revision without a handshake: every request carries its version in `_meta`.
pub const V2026_07_28: &str = "2026-07-28";

/// What a Streamable HTTP client must accept.
pub const ACCEPT_BOTH: &str = "application/json, text/event-stream";

/// The one tool that exists in every build of the catalogue.
pub const WORKSPACE_LIST: &str = "clickup_workspace_list";

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A fresh JSON-RPC id.
pub fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// The `_meta` a 2026-07-28 request carries instead of a handshake.
pub fn meta_2026() -> Value {
    json!({
        "io.modelcontextprotocol/protocolVersion": V2026_07_28,
        "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": {"name": "clickup-mcp-tests", "version": "1.0.0"},
    })
}

/// An `initialize` request body.
pub fn initialize_body(version: &str) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": next_id(),
        "method": "initialize",
        "params": {
            "protocolVersion": version,
            "capabilities": {},
            "clientInfo": {"name": "clickup-mcp-tests", "version": "1.0.0"},
        },
    })
}

/// `X-RateLimit-*` of an answer, as numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitHeaders {
    pub limit: u64,
    pub remaining: u64,
    pub reset: i64,
}

impl Answer {
    /// The `X-RateLimit-*` headers, or `None` when any is missing.
    pub fn limit_headers(&self) -> Option<LimitHeaders> {
        Some(LimitHeaders {
            limit: self.header("x-ratelimit-limit")?.parse().ok()?,
            remaining: self.header("x-ratelimit-remaining")?.parse().ok()?,
            reset: self.header("x-ratelimit-reset")?.parse().ok()?,
        })
    }

    /// `result` of a JSON-RPC answer; panics with the answer when it is not a success.
    pub fn result(&self) -> &Value {
        assert!(
            self.status.is_success() && self.body.get("result").is_some(),
            "expected a JSON-RPC result, got {} {}",
            self.status,
            self.text
        );
        &self.body["result"]
    }

    /// `error.code` of a JSON-RPC error answer.
    pub fn rpc_error_code(&self) -> i64 {
        self.body["error"]["code"]
            .as_i64()
            .unwrap_or_else(|| panic!("no JSON-RPC error code in {} {}", self.status, self.text))
    }
}

/// The names of the tools in a `tools/list` result (bare or JSON-RPC).
pub fn tool_names(result: &Value) -> Vec<String> {
    result["tools"]
        .as_array()
        .unwrap_or_else(|| panic!("no tools array in {result}"))
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_owned())
        .collect()
}

/// `structuredContent.error.code` of a tool result.
pub fn tool_error_code(result: &Value) -> &str {
    assert_eq!(result["isError"], true, "expected a tool error: {result}");
    result["structuredContent"]["error"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no structuredContent.error.code in {result}"))
}

/// The ids of the workspaces in a `clickup_workspace_list` result.
pub fn workspace_ids(result: &Value) -> Vec<String> {
    assert_eq!(
        result["isError"], false,
        "expected a tool success: {result}"
    );
    result["structuredContent"]["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {result}"))
        .iter()
        .map(|w| w["id"].as_str().unwrap().to_owned())
        .collect()
}

impl TestApp {
    /// `POST /mcp` with exactly these headers (plus `Authorization: Bearer <token>` if given).
    pub async fn post_mcp(
        &self,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: impl Into<reqwest::Body>,
    ) -> Answer {
        self.post_mcp_at("/mcp", token, headers, body).await
    }

    /// `POST` to one of the MCP URLs (`/mcp/x/time`, `/mcp/readonly`, …), as [`Self::post_mcp`].
    pub async fn post_mcp_at(
        &self,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: impl Into<reqwest::Body>,
    ) -> Answer {
        let mut request = self.http.post(format!("{}{path}", self.url)).body(body);
        if let Some(token) = token {
            request = request.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        Answer::read(request.send().await.unwrap()).await
    }

    /// The seed's bare form: a JSON body, no `Accept`, no protocol headers.
    pub async fn bare(&self, token: &str, body: Value) -> Answer {
        self.post_mcp(
            Some(token),
            &[(CONTENT_TYPE.as_str(), "application/json")],
            body.to_string(),
        )
        .await
    }

    /// Bare `tools/list` → the tool names; must succeed.
    pub async fn bare_tool_names(&self, token: &str) -> Vec<String> {
        let answer = self.bare(token, json!({"method": "tools/list"})).await;
        assert_eq!(answer.status, 200, "bare tools/list: {}", answer.text);
        tool_names(&answer.body)
    }

    /// Bare `tools/call` → the result object; the HTTP answer must be 200.
    pub async fn bare_call(&self, token: &str, tool: &str, arguments: Value) -> Value {
        let answer = self
            .bare(
                token,
                json!({"method": "tools/call", "params": {"name": tool, "arguments": arguments}}),
            )
            .await;
        assert_eq!(
            answer.status, 200,
            "bare tools/call {tool}: {}",
            answer.text
        );
        answer.body
    }

    /// A JSON-RPC message as a Streamable HTTP client of `version` sends it: both media types
    /// accepted, `MCP-Protocol-Version` on everything but `initialize`, and for 2026-07-28 the
    /// `Mcp-Method` (and `Mcp-Name`) headers.
    pub async fn rpc_message(&self, token: &str, version: &str, message: &Value) -> Answer {
        let method = message["method"].as_str().unwrap_or_default().to_owned();
        let mut headers: Vec<(&str, String)> = vec![
            (CONTENT_TYPE.as_str(), "application/json".into()),
            (ACCEPT.as_str(), ACCEPT_BOTH.into()),
        ];
        if method != "initialize" {
            headers.push(("mcp-protocol-version", version.into()));
        }
        if version == V2026_07_28 {
            headers.push(("mcp-method", method.clone()));
            if let Some(name) = message["params"]["name"].as_str() {
                headers.push(("mcp-name", name.into()));
            }
        }
        let borrowed: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        self.post_mcp(Some(token), &borrowed, message.to_string())
            .await
    }

    /// A JSON-RPC request in `version` (2026-07-28 requests get their `_meta`).
    pub async fn rpc(&self, token: &str, version: &str, method: &str, params: Value) -> Answer {
        let mut params = params;
        if version == V2026_07_28 {
            if !params.is_object() {
                params = json!({});
            }
            params["_meta"] = meta_2026();
        }
        let mut message = json!({"jsonrpc": "2.0", "id": next_id(), "method": method});
        if params.as_object().is_some_and(|p| !p.is_empty()) {
            message["params"] = params;
        }
        self.rpc_message(token, version, &message).await
    }

    /// JSON-RPC `tools/call` in `version` → the result; must be a JSON-RPC success.
    pub async fn rpc_call(
        &self,
        token: &str,
        version: &str,
        tool: &str,
        arguments: Value,
    ) -> Value {
        let answer = self
            .rpc(
                token,
                version,
                "tools/call",
                json!({"name": tool, "arguments": arguments}),
            )
            .await;
        answer.result().clone()
    }

    /// Set a user's tier in the store, as `clickup-mcp users set-tier` does.
    pub async fn set_tier(&self, user: u64, tier: Tier) {
        let audit = AuditRecord::new(AuditEvent::TierChanged, self.now()).user(UserId(user));
        let previous = self
            .state
            .store
            .set_tier(UserId(user), tier, self.now(), Some(&audit))
            .await
            .unwrap();
        assert!(previous.is_some(), "user {user} exists");
    }

    /// Write the queued audit rows (`tool_call`, `rate_limited`) now.
    pub async fn flush_audit(&self) {
        self.state
            .auditor
            .flush_queue(self.state.store.as_ref())
            .await;
    }

    /// How many logged sandbox requests were exactly `METHOD /path` (e.g. `GET /api/v2/team`).
    pub async fn sandbox_count(&self, method_path: &str) -> usize {
        self.sandbox_calls()
            .await
            .iter()
            .filter(|c| c.as_str() == method_path)
            .count()
    }
}

//! Toolsets and read-only by URL: `/mcp` serves the everyday default, `/mcp/x/{toolsets}`
//! exactly the named toolsets, `/mcp/x/all` everything, and `/readonly` at the end only the
//! read-only tools; an operator narrows every URL with `ENABLED_TOOLSETS`. Tiers and scopes
//! apply on every URL as on `/mcp`, and a tool a URL does not serve is refused by name, with
//! what to do instead, before any ClickUp request.

use std::collections::BTreeSet;

use clickup_mcp::domain::Tier;
use clickup_tools::toolsets::Toolset;
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use serde_json::{Value, json};

use crate::client::{ACCEPT_BOTH, V2025_11_25, next_id, tool_error_code, tool_names};
use crate::helpers::{Answer, AppOptions, TestApp, spawn_app, spawn_app_with};

const TIMER_TOOLS: [&str; 2] = ["clickup_timer_start", "clickup_timer_stop"];

impl TestApp {
    /// A JSON-RPC request (2025-11-25) to one of the MCP URLs.
    async fn rpc_at(&self, path: &str, token: &str, method: &str, params: Value) -> Answer {
        let message =
            json!({"jsonrpc": "2.0", "id": next_id(), "method": method, "params": params});
        self.post_mcp_at(
            path,
            Some(token),
            &[
                (CONTENT_TYPE.as_str(), "application/json"),
                (ACCEPT.as_str(), ACCEPT_BOTH),
                ("mcp-protocol-version", V2025_11_25),
            ],
            message.to_string(),
        )
        .await
    }

    async fn tools_at(&self, path: &str, token: &str) -> Vec<Value> {
        let answer = self.rpc_at(path, token, "tools/list", json!({})).await;
        answer.result()["tools"].as_array().unwrap().clone()
    }

    async fn names_at(&self, path: &str, token: &str) -> BTreeSet<String> {
        let answer = self.rpc_at(path, token, "tools/list", json!({})).await;
        tool_names(answer.result()).into_iter().collect()
    }

    async fn call_at(&self, path: &str, token: &str, tool: &str, arguments: Value) -> Value {
        let answer = self
            .rpc_at(
                path,
                token,
                "tools/call",
                json!({"name": tool, "arguments": arguments}),
            )
            .await;
        answer.result().clone()
    }
}

async fn premium_alice(app: &TestApp) -> String {
    let alice = app.seed(0).id;
    let token = app.login_as(alice).await.token;
    app.set_tier(alice, Tier::Premium).await;
    token
}

/// The names of the catalogue's tools in `toolsets` (the library's own catalogue: the URLs must
/// serve exactly these), read-only ones only if `read_only`.
fn catalogue_names(toolsets: &[Toolset], read_only: bool) -> BTreeSet<String> {
    clickup_tools::catalogue()
        .all()
        .map(|t| t.spec())
        .filter(|spec| toolsets.contains(&spec.toolset))
        .filter(|spec| !read_only || spec.effect.is_read_only())
        .map(|spec| spec.name.to_owned())
        .collect()
}

#[tokio::test]
async fn each_url_serves_exactly_its_toolsets() {
    let app = spawn_app().await;
    let token = premium_alice(&app).await;

    let default = app.names_at("/mcp", &token).await;
    let all = app.names_at("/mcp/x/all", &token).await;
    let time = app.names_at("/mcp/x/time", &token).await;
    let tasks_and_time = app.names_at("/mcp/x/tasks,time", &token).await;
    let tasks = app.names_at("/mcp/x/tasks", &token).await;

    assert!(
        default.len() <= 36,
        "the default is small: {}",
        default.len()
    );
    assert!(default.is_subset(&all), "/mcp/x/all has every default tool");
    assert!(TIMER_TOOLS.iter().all(|t| time.contains(*t)), "{time:?}");
    assert_eq!(time, catalogue_names(&[Toolset::Time], false));
    assert!(tasks.contains("clickup_task_get") && tasks.contains("clickup_my_task_list"));
    assert!(
        !tasks
            .iter()
            .any(|n| n.contains("bulk") || n.contains("timer")),
        "{tasks:?}"
    );
    assert_eq!(tasks, catalogue_names(&[Toolset::Tasks], false));
    assert!(
        tasks.len() > tasks.intersection(&default).count(),
        "a toolset's URL serves more than its everyday tools"
    );
    let with_docs = app.names_at("/mcp/x/default,docs", &token).await;
    let docs = catalogue_names(&[Toolset::Docs], false);
    assert_eq!(with_docs, default.union(&docs).cloned().collect());
    let union: BTreeSet<String> = tasks.union(&time).cloned().collect();
    assert_eq!(tasks_and_time, union, "a list is the union of its toolsets");
    // The order of the names makes no difference.
    assert_eq!(app.names_at("/mcp/x/time,tasks", &token).await, union);
}

#[tokio::test]
async fn readonly_urls_serve_only_read_tools_and_refuse_a_write_by_name() {
    let app = spawn_app().await;
    let token = premium_alice(&app).await;

    let read_only = app.tools_at("/mcp/readonly", &token).await;
    assert!(!read_only.is_empty());
    for tool in &read_only {
        assert_eq!(
            tool["annotations"]["readOnlyHint"], true,
            "{}",
            tool["name"]
        );
    }
    let everything = app.names_at("/mcp", &token).await;
    let reads: BTreeSet<String> = read_only
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_owned())
        .collect();
    assert!(reads.is_subset(&everything));
    assert_eq!(
        app.names_at("/mcp/x/time/readonly", &token).await,
        catalogue_names(&[Toolset::Time], true)
    );
    assert_eq!(
        app.names_at("/mcp/x/tasks/readonly", &token).await,
        catalogue_names(&[Toolset::Tasks], true)
    );

    app.clear_sandbox_requests().await;
    let refused = app
        .call_at(
            "/mcp/readonly",
            &token,
            "clickup_space_create",
            json!({"name": "Nope"}),
        )
        .await;
    assert_eq!(tool_error_code(&refused), "invalid_argument", "{refused}");
    let text = refused["content"][0]["text"].as_str().unwrap();
    assert!(
        text.contains("clickup_space_create") && text.contains("read-only"),
        "{text}"
    );
    assert!(app.sandbox_calls().await.is_empty(), "no ClickUp request");
}

#[tokio::test]
async fn a_tool_outside_the_urls_toolsets_is_refused_with_where_to_find_it() {
    let app = spawn_app().await;
    let token = premium_alice(&app).await;
    app.clear_sandbox_requests().await;

    let refused = app
        .call_at(
            "/mcp/x/time",
            &token,
            "clickup_task_get",
            json!({"task": "ENG-1"}),
        )
        .await;
    assert_eq!(tool_error_code(&refused), "invalid_argument", "{refused}");
    let text = refused["content"][0]["text"].as_str().unwrap();
    assert!(text.contains("`tasks` toolset"), "{text}");
    assert!(text.contains("/mcp/x/default,tasks"), "{text}");
    // The seed's bare form on the same URL is refused alike.
    let bare = app
        .post_mcp_at(
            "/mcp/x/time",
            Some(&token),
            &[(CONTENT_TYPE.as_str(), "application/json")],
            json!({"method": "tools/call", "params": {"name": "clickup_task_get", "arguments": {"task": "ENG-1"}}})
                .to_string(),
        )
        .await;
    assert_eq!(bare.status, 200, "{}", bare.text);
    assert_eq!(
        tool_error_code(&bare.body),
        "invalid_argument",
        "{}",
        bare.text
    );
    assert!(app.sandbox_calls().await.is_empty(), "no ClickUp request");

    // A tool the URL serves works.
    let served = app
        .call_at(
            "/mcp/x/hierarchy",
            &token,
            "clickup_workspace_list",
            json!({}),
        )
        .await;
    assert_eq!(served["isError"], false, "{served}");
}

#[tokio::test]
async fn an_unknown_toolset_is_a_404_naming_the_valid_ones() {
    let app = spawn_app().await;
    let token = premium_alice(&app).await;
    for (path, token) in [
        ("/mcp/x/doc", Some(token.as_str())),
        ("/mcp/x/tasks,nope/readonly", Some(token.as_str())),
        ("/mcp/x/doc", None),
    ] {
        let answer = app
            .post_mcp_at(
                path,
                token,
                &[(CONTENT_TYPE.as_str(), "application/json")],
                json!({"method": "tools/list"}).to_string(),
            )
            .await;
        assert_eq!(answer.status, 404, "{path}: {}", answer.text);
        assert_eq!(answer.code(), "not_found", "{path}");
        let message = answer.body["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("hierarchy, tasks, bulk, comments, tags, time, checklists"),
            "{path}: {message}"
        );
    }
}

#[tokio::test]
async fn tiers_and_scopes_apply_on_every_url() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let token = app.login_as(alice).await.token;
    app.set_tier(alice, Tier::Free).await;

    assert!(
        app.names_at("/mcp/x/bulk", &token).await.is_empty(),
        "bulk tools are premium"
    );
    let refused = app
        .call_at(
            "/mcp/x/bulk",
            &token,
            "clickup_task_bulk_update",
            json!({"tasks": []}),
        )
        .await;
    assert_eq!(tool_error_code(&refused), "premium_required", "{refused}");

    // A free caller's schema has no premium argument; a premium caller's has it.
    let free = app.tools_at("/mcp/x/tasks", &token).await;
    let create = |tools: &[Value]| {
        tools
            .iter()
            .find(|t| t["name"] == "clickup_task_create")
            .unwrap()["inputSchema"]["properties"]
            .clone()
    };
    assert!(create(&free).get("custom_fields").is_none());
    app.set_tier(alice, Tier::Premium).await;
    let premium = app.tools_at("/mcp/x/tasks", &token).await;
    assert!(create(&premium).get("custom_fields").is_some());
}

#[tokio::test]
async fn the_operator_narrows_every_url_with_enabled_toolsets() {
    let app = spawn_app_with(AppOptions {
        settings: vec![("ENABLED_TOOLSETS", "tasks,comments".to_owned())],
        ..AppOptions::default()
    })
    .await;
    let token = premium_alice(&app).await;

    let default = app.names_at("/mcp", &token).await;
    assert!(default.contains("clickup_task_get") && default.contains("clickup_comment_list"));
    assert!(!default.contains("clickup_workspace_list"), "{default:?}");
    assert!(app.names_at("/mcp/x/time", &token).await.is_empty());
    let all = app.names_at("/mcp/x/all", &token).await;
    assert!(default.is_subset(&all));
    assert_eq!(
        all,
        catalogue_names(&[Toolset::Tasks, Toolset::Comments], false)
    );
    let refused = app
        .call_at("/mcp/x/all", &token, "clickup_timer_stop", json!({}))
        .await;
    assert_eq!(tool_error_code(&refused), "invalid_argument", "{refused}");
}

#[tokio::test]
async fn every_url_is_the_one_protected_resource_for_oauth() {
    let app = spawn_app().await;
    for path in ["/mcp/x/time", "/mcp/readonly", "/mcp/x/tasks,time/readonly"] {
        let answer = app
            .post_mcp_at(
                path,
                None,
                &[(CONTENT_TYPE.as_str(), "application/json")],
                json!({"method": "tools/list"}).to_string(),
            )
            .await;
        assert_eq!(answer.status, 401, "{path}");
        let challenge = answer.header("www-authenticate").unwrap();
        assert!(
            challenge.contains(&format!(
                "resource_metadata=\"{}/.well-known/oauth-protected-resource/mcp\"",
                app.url
            )),
            "{path}: {challenge}"
        );
        // RFC 9728 path-suffixed discovery from the URL itself names the same resource.
        let metadata = app
            .get(&format!("/.well-known/oauth-protected-resource{path}"))
            .await;
        assert_eq!(metadata.status, 200, "{path}");
        assert_eq!(
            metadata.body["resource"],
            format!("{}/mcp", app.url),
            "{path}"
        );
        // Streamable HTTP's GET is refused as on /mcp.
        let get = app.get(path).await;
        assert_eq!(get.status, 405, "{path}");
    }
}

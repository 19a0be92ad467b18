//! `tool_call` audit rows (docs/architecture.md, "Audit log"): one per call, with the tool, the outcome and the duration,
//! never the arguments or the result.

use serde_json::json;

use crate::client::{V2025_11_25, V2026_07_28, WORKSPACE_LIST};
use crate::helpers::{USER_AGENT, spawn_app};

#[tokio::test]
async fn each_tool_call_leaves_one_row_with_tool_outcome_and_duration_and_nothing_else() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let token = app.login_as(alice).await.token;

    // First, while nothing is cached: ClickUp answers garbage.
    app.sandbox_fault(json!({"path_prefix": "/v2/team", "malformed_body": true}))
        .await;
    app.rpc_call(&token, V2026_07_28, WORKSPACE_LIST, json!({}))
        .await;
    app.bare_call(&token, WORKSPACE_LIST, json!({})).await;
    app.rpc_call(
        &token,
        V2025_11_25,
        WORKSPACE_LIST,
        json!({"secret_argument": "ARG-SECRET-5c2a"}),
    )
    .await;
    // Not tool calls: a listing and an unknown tool.
    app.bare(&token, json!({"method": "tools/list"})).await;
    app.rpc(
        &token,
        V2025_11_25,
        "tools/call",
        json!({"name": "clickup_nope", "arguments": {}}),
    )
    .await;
    app.flush_audit().await;

    let rows = app.audit_of("tool_call").await;

    let outcomes: Vec<&str> = rows
        .iter()
        .map(|r| r.details["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(
        outcomes,
        vec!["error:upstream_error", "ok", "error:invalid_argument"],
        "one row per call, in order"
    );
    for row in &rows {
        assert_eq!(row.user_id.map(|u| u.0), Some(alice));
        let details = row.details.as_object().unwrap();
        let mut keys: Vec<&str> = details.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, vec!["duration_ms", "outcome", "tool"], "{details:?}");
        assert_eq!(details["tool"], WORKSPACE_LIST);
        assert!(details["duration_ms"].is_u64(), "{details:?}");
        let text = row.details.to_string();
        for leak in [
            "ARG-SECRET",
            "secret_argument",
            "Acme Corp",
            "9000001",
            "Beta Labs",
        ] {
            assert!(
                !text.contains(leak),
                "no arguments or results in the row: {text}"
            );
        }
    }
    let all = app.audit_rows().await;
    let everything = format!("{all:?}");
    assert!(!everything.contains("ARG-SECRET"), "nowhere in the log");
    assert!(!everything.contains(&token), "never the session token");
}

#[tokio::test]
async fn the_duration_of_a_tool_call_is_measured() {
    let app = spawn_app().await;
    let token = app.login_as(app.seed(0).id).await.token;
    app.sandbox_fault(json!({"path_prefix": "/v2/team", "delay_ms": 400}))
        .await;

    let result = app.bare_call(&token, WORKSPACE_LIST, json!({})).await;
    app.flush_audit().await;

    assert_eq!(result["isError"], false, "{result}");
    let rows = app.audit_of("tool_call").await;
    assert_eq!(rows.len(), 1);
    let duration = rows[0].details["duration_ms"].as_u64().unwrap();
    assert!(
        (400..10_000).contains(&duration),
        "the 400 ms ClickUp took is in it: {duration}"
    );
}

#[tokio::test]
async fn a_tool_call_row_says_where_the_call_came_from() {
    let app = spawn_app().await;
    let token = app.login_as(app.seed(0).id).await.token;

    app.bare_call(&token, WORKSPACE_LIST, json!({})).await;
    app.flush_audit().await;

    let rows = app.audit_of("tool_call").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].ip_address.as_deref(), Some("127.0.0.1"));
    assert_eq!(rows[0].user_agent.as_deref(), Some(USER_AGENT));
}

#[tokio::test]
async fn with_audit_logging_off_no_tool_call_row_is_written() {
    let app = crate::helpers::spawn_app_with(crate::helpers::AppOptions {
        settings: vec![("ENABLE_AUDIT_LOGGING", "false".into())],
        ..Default::default()
    })
    .await;
    let token = app.login_as(app.seed(0).id).await.token;

    app.bare_call(&token, WORKSPACE_LIST, json!({})).await;
    app.flush_audit().await;

    assert_eq!(app.count_rows("audit_log").await, 0);
}

#[tokio::test]
async fn a_graceful_shutdown_under_load_writes_the_row_of_every_call_it_answered() {
    let mut app = spawn_app().await;
    let token = app.login_as(app.seed(0).id).await.token;
    // Slow enough that the calls are still running when the shutdown begins.
    app.sandbox_fault(json!({"path_prefix": "/v2/team", "delay_ms": 300}))
        .await;

    let calls: Vec<_> = (0..40)
        .map(|_| {
            let request = app
                .http
                .post(format!("{}/mcp", app.url))
                .bearer_auth(&token)
                .json(&json!({
                    "method": "tools/call",
                    "params": {"name": WORKSPACE_LIST, "arguments": {}},
                }));
            tokio::spawn(async move { request.send().await.map(|r| r.status()) })
        })
        .collect();
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    app.stop().await;

    let mut answered = 0;
    for call in calls {
        if call.await.unwrap().is_ok_and(|status| status == 200) {
            answered += 1;
        }
    }
    assert!(answered > 0, "some calls were in flight and answered");
    assert_eq!(
        app.audit_of("tool_call").await.len(),
        answered,
        "one row for each answered call, none lost in the queue"
    );
}

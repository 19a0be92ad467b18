//! The happy paths: JSON-RPC over Streamable HTTP in 2025-06-18, 2025-11-25 (with the
//! `initialize` handshake) and 2026-07-28 (without it), and the seed's bare form with its own
//! curl examples. Stateless: no `Mcp-Session-Id`, JSON answers.

use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use serde_json::{Value, json};

use crate::client::{
    V2025_06_18, V2025_11_25, V2026_07_28, WORKSPACE_LIST, initialize_body, next_id, tool_names,
    workspace_ids,
};
use crate::helpers::{Answer, spawn_app};

/// Every tool descriptor has what a client needs: name, description, object input and output
/// schemas, and read/write annotations.
fn assert_well_formed_tools(result: &Value, case: &str) {
    let tools = result["tools"].as_array().unwrap();
    assert!(!tools.is_empty(), "{case}: no tools");
    for tool in tools {
        let name = tool["name"].as_str().unwrap();
        assert!(name.starts_with("clickup_"), "{case}: {name}");
        assert!(
            tool["description"].as_str().is_some_and(|d| !d.is_empty()),
            "{case}: {name} has a description"
        );
        assert_eq!(tool["inputSchema"]["type"], "object", "{case}: {name}");
        assert_eq!(tool["outputSchema"]["type"], "object", "{case}: {name}");
        assert!(
            tool["annotations"]["readOnlyHint"].is_boolean(),
            "{case}: {name} annotations"
        );
    }
}

#[tokio::test]
async fn a_handshake_client_initializes_lists_and_calls_in_2025_06_18_and_2025_11_25() {
    let app = spawn_app().await;
    let alice = app.seed(0).clone();
    let token = app.login_as(alice.id).await.token;

    for version in [V2025_06_18, V2025_11_25] {
        let init = app
            .rpc_message(&token, version, &initialize_body(version))
            .await;
        assert_eq!(init.status, StatusCode::OK, "{version}: {}", init.text);
        assert!(
            init.header("content-type")
                .is_some_and(|c| c.starts_with("application/json")),
            "{version}: a JSON answer, not an event stream: {:?}",
            init.header("content-type")
        );
        assert_eq!(
            init.header("mcp-session-id"),
            None,
            "{version}: stateless, no session"
        );
        let result = init.result();
        assert_eq!(result["protocolVersion"], version, "{version}: negotiated");
        assert_eq!(result["serverInfo"]["name"], "clickup-mcp");
        assert!(result["capabilities"]["tools"].is_object(), "{result}");

        let initialized = app
            .rpc_message(
                &token,
                version,
                &json!({"jsonrpc": "2.0", "method": "notifications/initialized"}),
            )
            .await;
        assert_eq!(
            initialized.status,
            StatusCode::ACCEPTED,
            "{version}: a notification is accepted with 202: {}",
            initialized.text
        );
        assert!(initialized.text.is_empty(), "{version}: 202 has no body");

        let list = app.rpc(&token, version, "tools/list", json!({})).await;
        assert_eq!(list.status, StatusCode::OK, "{version}: {}", list.text);
        assert_eq!(list.header("mcp-session-id"), None);
        assert_well_formed_tools(list.result(), version);
        assert!(tool_names(list.result()).contains(&WORKSPACE_LIST.to_owned()));

        let call = app
            .rpc_call(&token, version, WORKSPACE_LIST, json!({}))
            .await;
        let mut ids = workspace_ids(&call);
        ids.sort();
        assert_eq!(ids, alice.workspaces, "{version}: Alice's workspaces");
        let text = call["content"][0]["text"].as_str().unwrap();
        assert_eq!(
            serde_json::from_str::<Value>(text).unwrap(),
            call["structuredContent"],
            "{version}: the text copy is the same JSON"
        );
    }
}

#[tokio::test]
async fn a_2026_07_28_client_lists_and_calls_without_a_handshake() {
    let app = spawn_app().await;
    let alice = app.seed(0).clone();
    let token = app.login_as(alice.id).await.token;

    let list = app.rpc(&token, V2026_07_28, "tools/list", json!({})).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    assert_eq!(list.header("mcp-session-id"), None);
    assert_well_formed_tools(list.result(), V2026_07_28);
    assert!(tool_names(list.result()).contains(&WORKSPACE_LIST.to_owned()));

    let call = app
        .rpc_call(&token, V2026_07_28, WORKSPACE_LIST, json!({}))
        .await;

    let mut ids = workspace_ids(&call);
    ids.sort();
    assert_eq!(ids, alice.workspaces);
    assert_eq!(
        call["resultType"], "complete",
        "2026-07-28 results say they are complete: {call}"
    );
}

#[tokio::test]
async fn a_2026_07_28_request_whose_headers_contradict_its_body_is_refused() {
    let app = spawn_app().await;
    let token = app.login_as(app.seed(0).id).await.token;
    let message = json!({
        "jsonrpc": "2.0",
        "id": next_id(),
        "method": "tools/list",
        "params": {"_meta": crate::client::meta_2026()},
    });
    let post = |method_header: Option<&'static str>, version: &'static str| {
        let message = message.clone();
        let app = &app;
        let token = token.clone();
        async move {
            let mut headers = vec![
                ("content-type", "application/json"),
                ("accept", crate::client::ACCEPT_BOTH),
                ("mcp-protocol-version", version),
            ];
            if let Some(method) = method_header {
                headers.push(("mcp-method", method));
            }
            app.post_mcp(Some(&token), &headers, message.to_string())
                .await
        }
    };

    let cases = [
        (
            "Mcp-Method names another method",
            post(Some("tools/call"), V2026_07_28).await,
        ),
        ("no Mcp-Method", post(None, V2026_07_28).await),
        (
            "MCP-Protocol-Version differs from _meta",
            post(Some("tools/list"), V2025_11_25).await,
        ),
    ];

    for (case, answer) in cases {
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{case}: {}",
            answer.text
        );
        assert!(
            answer.body["error"]["code"].is_i64(),
            "{case}: a JSON-RPC error: {}",
            answer.text
        );
        assert!(answer.body.get("result").is_none(), "{case}");
    }
}

#[tokio::test]
async fn initialize_with_an_unknown_version_is_answered_with_one_the_server_speaks() {
    let app = spawn_app().await;
    let token = app.login_as(app.seed(0).id).await.token;

    let init = app
        .rpc_message(&token, "1999-01-01", &initialize_body("1999-01-01"))
        .await;

    let version = init.result()["protocolVersion"].as_str().unwrap();
    assert!(
        [V2025_06_18, V2025_11_25].contains(&version),
        "a supported revision with a handshake: {version}"
    );
}

#[tokio::test]
async fn the_seeds_curl_examples_work_in_the_bare_form() {
    let app = spawn_app().await;
    let alice = app.seed(0).clone();
    let token = app.login_as(alice.id).await.token;
    // curl -X POST $URL/mcp -H "Authorization: Bearer $T" -H "Content-Type: application/json"
    //      -d '{"method":"tools/list"}'
    let post = |body: &'static str| {
        let request = app
            .http
            .post(format!("{}/mcp", app.url))
            .header(AUTHORIZATION, format!("Bearer {token}"))
            .header(CONTENT_TYPE, "application/json")
            .body(body);
        async move { Answer::read(request.send().await.unwrap()).await }
    };

    let list = post(r#"{"method":"tools/list"}"#).await;
    let call = post(
        r#"{"method":"tools/call","params":{"name":"clickup_workspace_list","arguments":{}}}"#,
    )
    .await;

    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    assert!(
        list.body.get("jsonrpc").is_none(),
        "the bare result object: {}",
        list.text
    );
    assert_well_formed_tools(&list.body, "bare");
    assert_eq!(call.status, StatusCode::OK, "{}", call.text);
    assert!(call.body.get("jsonrpc").is_none(), "{}", call.text);
    assert!(
        call.body.get("resultType").is_none(),
        "the seed's shape, no 2026 discriminator: {}",
        call.text
    );
    assert!(call.body["content"].is_array(), "{}", call.text);
    let mut ids = workspace_ids(&call.body);
    ids.sort();
    assert_eq!(ids, alice.workspaces);
}

#[tokio::test]
async fn the_bare_form_and_every_json_rpc_revision_list_the_same_tools() {
    let app = spawn_app().await;
    let token = app.login_as(app.seed(0).id).await.token;

    let bare = app.bare_tool_names(&token).await;

    for version in [V2025_06_18, V2025_11_25, V2026_07_28] {
        let list = app.rpc(&token, version, "tools/list", json!({})).await;
        assert_eq!(tool_names(list.result()), bare, "{version}");
    }
}

#[tokio::test]
async fn bare_requests_that_are_not_tools_list_or_a_well_formed_call_get_the_seed_error_body() {
    let app = spawn_app().await;
    let token = app.login_as(app.seed(0).id).await.token;
    app.clear_sandbox_requests().await;
    let cases = [
        (
            "unknown method",
            json!({"method": "resources/list"}),
            StatusCode::BAD_REQUEST,
            "invalid_request",
        ),
        (
            "no method",
            json!({"params": {}}),
            StatusCode::BAD_REQUEST,
            "invalid_request",
        ),
        (
            "tools/call without params",
            json!({"method": "tools/call"}),
            StatusCode::BAD_REQUEST,
            "invalid_request",
        ),
        (
            "tools/call without a name",
            json!({"method": "tools/call", "params": {"arguments": {}}}),
            StatusCode::BAD_REQUEST,
            "invalid_request",
        ),
        (
            "unknown tool",
            json!({"method": "tools/call", "params": {"name": "clickup_no_such_tool"}}),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
    ];

    for (case, body, status, code) in cases {
        let answer = app.bare(&token, body).await;
        assert_eq!(answer.status, status, "{case}: {}", answer.text);
        assert_eq!(answer.code(), code, "{case}: {}", answer.text);
        assert!(
            answer.body["error"]["message"].is_string(),
            "{case}: {}",
            answer.text
        );
    }
    assert!(
        app.sandbox_requests().await.is_empty(),
        "no ClickUp request for a refused call"
    );
}

//! Scopes that mean something: a read-only token lists and calls only read-only tools, and a
//! call beyond it is an HTTP 403 with the step-up challenge.

use reqwest::StatusCode;
use serde_json::json;

use crate::client::{bare, connect, rpc, tool_names};
use crate::helpers::spawn_app;

const WRITE_TOOL: &str = "clickup_folder_create";

fn read_only_names(listing: &serde_json::Value) -> (Vec<String>, Vec<String>) {
    let mut read = Vec::new();
    let mut write = Vec::new();
    for tool in listing.as_array().unwrap() {
        let name = tool["name"].as_str().unwrap().to_owned();
        if tool["annotations"]["readOnlyHint"] == true {
            read.push(name);
        } else {
            write.push(name);
        }
    }
    (read, write)
}

#[tokio::test]
async fn a_read_only_token_lists_only_read_only_tools_and_a_read_write_token_lists_all_the_tier_allows()
 {
    let app = spawn_app().await;
    let (_, reader) = connect(&app, app.seed(0).id, "read").await;
    let (_, writer) = connect(&app, app.seed(0).id, "write").await;
    let seed = app.login_as(app.seed(0).id).await.token;

    let listed = rpc(&app, &reader.access, "tools/list", json!({})).await;
    let (read, write) = read_only_names(&listed.body["result"]["tools"]);
    assert!(!read.is_empty(), "{}", listed.text);
    assert!(
        write.is_empty(),
        "write tools listed to a read-only token: {write:?}"
    );

    let (_, all) = tool_names(&app, &writer.access).await;
    let (_, from_seed) = tool_names(&app, &seed).await;
    assert!(all.contains(&WRITE_TOOL.to_owned()), "{all:?}");
    assert_eq!(
        all, from_seed,
        "a seed token has full access within the tier"
    );
    let (_, bare_read) = tool_names(&app, &reader.access).await;
    assert_eq!(bare_read, read, "the bare form is filtered the same way");
}

#[tokio::test]
async fn a_write_call_with_a_read_only_token_is_a_403_insufficient_scope_with_the_step_up_header() {
    let app = spawn_app().await;
    let (_, reader) = connect(&app, app.seed(0).id, "read").await;
    app.clear_sandbox_requests().await;
    let expected_challenge = format!(
        r#"Bearer error="insufficient_scope", scope="clickup:read clickup:write", resource_metadata="{}/.well-known/oauth-protected-resource/mcp""#,
        app.url
    );
    let arguments = json!({"space": "Engineering", "name": "Should not exist"});

    let jsonrpc = rpc(
        &app,
        &reader.access,
        "tools/call",
        json!({"name": WRITE_TOOL, "arguments": arguments}),
    )
    .await;
    let bare_form = bare(
        &app,
        &reader.access,
        json!({"method": "tools/call", "params": {"name": WRITE_TOOL, "arguments": arguments}}),
    )
    .await;

    for (form, answer) in [("JSON-RPC", &jsonrpc), ("bare", &bare_form)] {
        assert_eq!(
            answer.status,
            StatusCode::FORBIDDEN,
            "{form}: {}",
            answer.text
        );
        assert_eq!(answer.code(), "insufficient_scope", "{form}");
        assert_eq!(
            answer.header("www-authenticate"),
            Some(expected_challenge.as_str()),
            "{form}"
        );
        assert!(answer.header("x-ratelimit-limit").is_some(), "{form}");
    }
    assert!(
        app.sandbox_calls().await.is_empty(),
        "nothing reached ClickUp"
    );

    let read_call = rpc(
        &app,
        &reader.access,
        "tools/call",
        json!({"name": "clickup_user_get", "arguments": {}}),
    )
    .await;
    assert_eq!(read_call.status, StatusCode::OK, "{}", read_call.text);
    assert_eq!(
        read_call.body["result"]["isError"], false,
        "{}",
        read_call.text
    );
}

#[tokio::test]
async fn a_read_write_token_may_call_a_write_tool() {
    let app = spawn_app().await;
    let (_, writer) = connect(&app, app.seed(0).id, "write").await;
    let answer = bare(
        &app,
        &writer.access,
        json!({"method": "tools/call", "params": {"name": WRITE_TOOL, "arguments": {}}}),
    )
    .await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "not refused for scope (the tool itself may still reject its arguments): {}",
        answer.text
    );
}

#[tokio::test]
async fn an_oauth_access_token_cannot_be_turned_into_a_full_seed_token_at_auth_refresh() {
    let app = spawn_app().await;
    let (_, reader) = connect(&app, app.seed(0).id, "read").await;
    let answer = app.refresh(&reader.access).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.text);
    assert_eq!(answer.code(), "refresh_failed");
    assert_eq!(answer.reason(), "use_token_endpoint");
}

//! Tiers on `/mcp`: `tools/list` shows what the caller's tier allows, a premium tool called by a
//! free user is refused with `premium_required` before any ClickUp request, and a tier change
//! takes effect on the next request of the same session. The premium tools are found by
//! difference of the two listings, so these tests follow the catalogue as it grows.

use std::collections::BTreeSet;

use clickup_mcp::domain::Tier;
use serde_json::json;

use crate::client::{V2025_11_25, V2026_07_28, WORKSPACE_LIST, tool_error_code, tool_names};
use crate::helpers::{TestApp, jwt_parts, spawn_app};

async fn listings(app: &TestApp, user: u64, token: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    app.set_tier(user, Tier::Free).await;
    let free = app.bare_tool_names(token).await.into_iter().collect();
    app.set_tier(user, Tier::Premium).await;
    let premium = app.bare_tool_names(token).await.into_iter().collect();
    app.set_tier(user, Tier::Free).await;
    (free, premium)
}

#[tokio::test]
async fn a_free_user_sees_a_subset_of_what_a_premium_user_sees() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let token = app.login_as(alice).await.token;

    let (free, premium) = listings(&app, alice, &token).await;

    assert!(free.contains(WORKSPACE_LIST), "a core free tool: {free:?}");
    assert!(
        free.is_subset(&premium),
        "premium sees every free tool: {:?}",
        free.difference(&premium).collect::<Vec<_>>()
    );
    for name in premium.iter().chain(free.iter()) {
        assert!(name.starts_with("clickup_"), "{name}");
    }
}

#[tokio::test]
async fn every_premium_tool_called_by_a_free_user_is_premium_required_without_a_clickup_request() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let token = app.login_as(alice).await.token;
    let (free, premium) = listings(&app, alice, &token).await;
    let premium_only: Vec<&String> = premium.difference(&free).collect();
    app.clear_sandbox_requests().await;

    for tool in &premium_only {
        let bare = app.bare_call(&token, tool, json!({})).await;
        let rpc = app.rpc_call(&token, V2025_11_25, tool, json!({})).await;
        let rpc_2026 = app.rpc_call(&token, V2026_07_28, tool, json!({})).await;
        for (form, result) in [
            ("bare", bare),
            ("2025-11-25", rpc),
            ("2026-07-28", rpc_2026),
        ] {
            assert_eq!(
                tool_error_code(&result),
                "premium_required",
                "{tool} {form}: {result}"
            );
            let message = result["structuredContent"]["error"]["message"]
                .as_str()
                .unwrap();
            assert!(
                message.contains(tool.as_str()),
                "{tool}: names the tool: {message}"
            );
        }
    }

    assert!(
        app.sandbox_requests().await.is_empty(),
        "refused before ClickUp: {:?}",
        app.sandbox_calls().await
    );
    app.flush_audit().await;
    let rows = app.audit_of("tool_call").await;
    assert_eq!(
        rows.len(),
        premium_only.len() * 3,
        "each refusal is a tool call"
    );
    for row in rows {
        assert_eq!(
            row.details["outcome"], "error:premium_required",
            "{}",
            row.details
        );
    }
}

#[tokio::test]
async fn a_premium_user_can_call_every_premium_tool_past_the_tier_gate() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let token = app.login_as(alice).await.token;
    let (free, premium) = listings(&app, alice, &token).await;
    app.set_tier(alice, Tier::Premium).await;

    for tool in premium.difference(&free) {
        let result = app.bare_call(&token, tool, json!({})).await;
        let code = result["structuredContent"]["error"]["code"].as_str();
        assert_ne!(code, Some("premium_required"), "{tool}: {result}");
    }
}

#[tokio::test]
async fn a_tier_change_takes_effect_on_the_next_request_of_the_same_session() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let token = app.login_as(alice).await.token;
    let (free, premium) = listings(&app, alice, &token).await;

    let as_free = app.bare(&token, json!({"method": "tools/list"})).await;
    app.set_tier(alice, Tier::Premium).await;
    let as_premium = app.bare(&token, json!({"method": "tools/list"})).await;
    let as_premium_rpc = app.rpc(&token, V2025_11_25, "tools/list", json!({})).await;
    app.set_tier(alice, Tier::Free).await;
    let free_again = app.bare(&token, json!({"method": "tools/list"})).await;

    assert_eq!(as_free.limit_headers().unwrap().limit, 100);
    assert_eq!(
        tool_names(&as_free.body)
            .into_iter()
            .collect::<BTreeSet<_>>(),
        free
    );
    assert_eq!(
        as_premium.limit_headers().unwrap().limit,
        500,
        "the premium limit at once"
    );
    assert_eq!(
        tool_names(&as_premium.body)
            .into_iter()
            .collect::<BTreeSet<_>>(),
        premium
    );
    assert_eq!(
        tool_names(as_premium_rpc.result())
            .into_iter()
            .collect::<BTreeSet<_>>(),
        premium
    );
    assert_eq!(free_again.limit_headers().unwrap().limit, 100);
    assert_eq!(
        tool_names(&free_again.body)
            .into_iter()
            .collect::<BTreeSet<_>>(),
        free
    );
    assert_eq!(
        jwt_parts(&token).1["tier"],
        "free",
        "the same session token throughout"
    );
}

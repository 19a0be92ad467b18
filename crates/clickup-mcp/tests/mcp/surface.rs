//! What a model reads: `tools/list` over real HTTP, measured as a client receives it (the
//! compact JSON of `result.tools`), within the budgets of docs/tools.md ("What a model reads"),
//! and snapshotted with `insta` so that every change to it shows in review
//! (`cargo insta review`, or `INSTA_UPDATE=always` to accept).

use clickup_mcp::domain::Tier;
use serde_json::{Value, json};

use crate::client::V2025_11_25;
use crate::helpers::spawn_app;

fn bytes(value: &Value) -> usize {
    serde_json::to_vec(value).unwrap().len()
}

/// Name, description and input schema: what clients put in front of the model.
fn shown(tool: &Value) -> usize {
    bytes(&json!({
        "name": tool["name"],
        "description": tool["description"],
        "inputSchema": tool["inputSchema"],
    }))
}

#[tokio::test]
async fn the_default_listing_fits_the_context_budget_and_is_snapshotted() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let token = app.login_as(alice).await.token;

    app.set_tier(alice, Tier::Free).await;
    let free = app
        .rpc(&token, V2025_11_25, "tools/list", json!({}))
        .await
        .result()["tools"]
        .clone();
    app.set_tier(alice, Tier::Premium).await;
    let premium = app
        .rpc(&token, V2025_11_25, "tools/list", json!({}))
        .await
        .result()["tools"]
        .clone();

    for (tier, tools) in [("free", &free), ("premium", &premium)] {
        let list = tools.as_array().unwrap();
        let total = bytes(tools);
        let shown: usize = list.iter().map(shown).sum();
        println!("{tier}: {} tools, {total} bytes, {shown} shown", list.len());
        assert!(list.len() <= 36, "{tier}: {} tools on /mcp", list.len());
        assert!(total <= 40_000, "{tier}: tools/list is {total} bytes");
        assert!(shown <= 28_000, "{tier}: {shown} bytes shown to the model");
        for tool in list {
            let size = bytes(tool);
            assert!(size <= 2_500, "{tier}: {} is {size} bytes", tool["name"]);
        }
    }
    insta::assert_json_snapshot!("tools_list_premium_default", premium);
}

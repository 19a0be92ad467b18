//! A premium session on `/mcp/x/all`, warmed so a traced call shows only its own requests.

use serde_json::{Value, json};

pub use crate::mcp_calls::{CAROL, Session};

/// Bob's user id in the seed.
pub const BOB: u64 = 81_000_002;

/// Alice, premium, on the URL that serves every toolset, with the workspaces cached.
pub async fn premium() -> Session {
    let s = Session::alice().await.premium().await.on("/mcp/x/all");
    s.call("clickup_workspace_list", json!({})).await.ok();
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

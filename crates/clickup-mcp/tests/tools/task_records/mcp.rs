//! Sessions on `/mcp/x/all` (the tools of this binary are outside the everyday set), and
//! reading what the sandbox holds.

use serde_json::Value;

pub use crate::mcp_calls::Session;

/// Alice (free tier) on `/mcp/x/all`, the connection's workspaces read.
pub async fn free() -> Session {
    let s = Session::alice().await.on("/mcp/x/all");
    s.warm().await;
    s
}

/// Alice (premium) on `/mcp/x/all`, the connection's workspaces read.
pub async fn premium() -> Session {
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

//! Sessions on `/mcp/x/all` (the tools of this binary are outside the everyday set), and
//! reading what the sandbox holds.

use serde_json::{Value, json};

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

impl Session {
    /// Warm the connection cache (workspaces), so a traced call shows only its own requests.
    pub async fn warm(&self) {
        self.call("clickup_workspace_list", json!({})).await.ok();
    }

    /// The task as ClickUp has it now.
    pub async fn task(&self, id: &str) -> Value {
        self.clickup_get(&format!("/v2/task/{id}")).await
    }
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

//! Calling tools over `POST /mcp` in the seed's bare form, and reading what ClickUp was asked
//! (the shared part is `tests/common/mcp_calls.rs`).

use serde_json::{Value, json};

use crate::mcp_calls::ToolAnswer;
pub use crate::mcp_calls::{CAROL, Session};

/// Bob: admin of Acme, owner of Beta (Free Forever).
pub const BOB: u64 = 81_000_002;

impl ToolAnswer {
    /// `error.candidates[*].name`, sorted.
    pub fn candidate_names(&self) -> Vec<String> {
        let mut names = strings(&self.data["error"]["candidates"], "name");
        names.sort();
        names
    }
}

impl Session {
    /// Warm the connection cache (workspaces and the default workspace's tree), so a traced
    /// call shows only its own requests.
    pub async fn warm_tree(&self) {
        self.call("clickup_hierarchy_get", json!({})).await.ok();
    }
}

/// `items[*].<field>` as strings.
pub fn strings(items: &Value, field: &str) -> Vec<String> {
    items
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|i| i[field].as_str().unwrap_or_default().to_owned())
        .collect()
}

//! Calling tools over `POST /mcp` in the seed's bare form, and reading what ClickUp was asked
//! (the shared part is `tests/common/mcp_calls.rs`).

use serde_json::Value;

pub use crate::mcp_calls::{CAROL, Session};

/// `items[*].<field>` as strings.
pub fn strings(items: &Value, field: &str) -> Vec<String> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i[field].as_str().unwrap().to_owned())
        .collect()
}

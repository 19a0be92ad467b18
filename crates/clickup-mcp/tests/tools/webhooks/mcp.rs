//! A premium session on `/mcp/x/all`, warmed so a traced call shows only its own requests.

use serde_json::Value;

pub use crate::mcp_calls::{CAROL, Session, premium_alice as premium, strings};

/// The JSON body of the last ClickUp request with this method.
pub async fn last_body(s: &Session, method: &str) -> Value {
    let requests = s.app.sandbox_requests().await;
    requests
        .iter()
        .rev()
        .find(|r| r["method"] == method)
        .unwrap()["body"]
        .clone()
}

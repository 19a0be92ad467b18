//! Sessions on `/mcp/x/all` (the tools of this binary are outside the everyday set), and
//! reading what the sandbox holds.

pub use crate::mcp_calls::{Session, premium_alice as premium, strings};

/// Alice (free tier) on `/mcp/x/all`, the connection's workspaces read.
pub async fn free() -> Session {
    let s = Session::alice().await.on("/mcp/x/all");
    s.warm().await;
    s
}

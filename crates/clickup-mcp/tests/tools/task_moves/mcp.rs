//! Calling tools over `POST /mcp/x/all` (these tools are outside the everyday set), and reading
//! what ClickUp was asked (the shared part is `tests/common/mcp_calls.rs`).

pub use crate::mcp_calls::{Session, strings};

impl Session {
    /// Alice on `/mcp/x/all`, free tier, with the workspaces cached so a traced call shows only
    /// its own requests.
    pub async fn all() -> Self {
        let s = Self::alice().await.on("/mcp/x/all");
        s.warm().await;
        s
    }

    /// [`Session::all`], premium.
    pub async fn all_premium() -> Self {
        let s = Self::alice().await.premium().await.on("/mcp/x/all");
        s.warm().await;
        s
    }
}

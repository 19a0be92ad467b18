//! Calling the chat tools as a premium user on `/mcp/x/all`, and the ids of the seeded chat
//! (crates/clickup-sandbox/README.md, "Chat").

pub use crate::mcp_calls::{CAROL, Session, strings};

/// `/v3/workspaces/9000001/chat`.
pub const CHAT: &str = "/v3/workspaces/9000001/chat";
/// The public channel `general` (Alice, Bob, Carol).
pub const GENERAL: &str = "8-9000001-1";
/// The private channel `leads` (Alice, Bob).
pub const LEADS: &str = "8-9000001-2";
/// The channel of space Engineering.
pub const ENGINEERING: &str = "4-90011001-8";
/// The DM between Alice and Bob.
pub const ALICE_BOB: &str = "8-9000001-3";
/// Seeded messages: `general`'s welcome (Alice; reactions thumbsup by Bob, tada by Carol), the
/// standup notice (Bob; one reply by Carol; thumbsup by Alice), and the review request (Carol,
/// assigned to Bob).
pub const WELCOME: &str = "80000000001";
pub const STANDUP: &str = "80000000002";
pub const REVIEW: &str = "80000000004";

impl Session {
    /// Alice, premium, calling tools on `/mcp/x/all`, the connection cache warm.
    pub async fn chat_alice() -> Self {
        let s = Session::alice().await.premium().await.on("/mcp/x/all");
        s.warm().await;
        s
    }

    /// `user`, premium, on `/mcp/x/all`, warm.
    pub async fn chat_user(user: u64) -> Self {
        let s = Session::of(user).await.premium().await.on("/mcp/x/all");
        s.warm().await;
        s
    }
}

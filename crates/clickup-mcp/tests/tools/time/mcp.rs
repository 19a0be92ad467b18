//! Calling the time tools on `/mcp/x/all`, and the seeded time entries of Acme (9000001).

pub use crate::mcp_calls::{CAROL, Session, strings};

/// Alice's seeded entries: 2 h on 86aa0001 (billable, tag `dev`) from 2025-01-01T11:00Z.
pub const PIPELINE: &str = "4000000000000000001";
/// Bob's: 1 h on 86aa0002 from 2024-12-30T10:00Z.
pub const BOBS: &str = "4000000000000000002";
/// Alice's: 90 min on 86aa0005 (tags `dev`, `review`) from 2024-12-31T10:00Z.
pub const REVIEW: &str = "4000000000000000004";
/// Alice's: 45 min without a task from 2025-01-01T07:00Z.
pub const PLANNING: &str = "4000000000000000005";
/// Bob's user id.
pub const BOB: u64 = 81_000_002;
/// Dave's (Beta Labs, a Free Forever workspace).
pub const DAVE: u64 = 81_000_004;

/// 2024-12-30T00:00:00Z and 2025-01-02T23:59:59.999Z, in ms.
pub const FROM_MS: i64 = 1_735_516_800_000;
pub const UNTIL_MS: i64 = 1_735_862_399_999;

impl Session {
    /// `user`, premium, on `/mcp/x/all`, the connection cache warm.
    pub async fn time_user(user: u64) -> Self {
        let s = Session::of(user).await.premium().await.on("/mcp/x/all");
        s.warm().await;
        s
    }

    /// Alice (owner of Acme), premium, on `/mcp/x/all`, warm.
    pub async fn time_alice() -> Self {
        Self::time_user(crate::mcp_calls::ALICE).await
    }
}

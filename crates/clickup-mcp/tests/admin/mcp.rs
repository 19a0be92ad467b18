//! Calling the administration tools over `POST /mcp/x/all` as a premium user, and reading what
//! ClickUp was asked (the shared part is `tests/common/mcp_calls.rs`).

pub use crate::mcp_calls::{ALICE, CAROL, Session, strings};

/// Bob: admin of Acme, owner of Beta.
pub const BOB: u64 = 81_000_002;
/// Dave: member of Beta only.
pub const DAVE: u64 = 81_000_004;

/// The seeded "Design" group of Acme (Carol).
pub const DESIGN: &str = "5e1d0000-0000-4000-8000-000000000001";
/// The seeded "Engineering Leads" group of Acme (Alice, Bob).
pub const LEADS: &str = "5e1d0000-0000-4000-8000-000000000002";

/// A premium session of `user` on the URL that serves every tool.
pub async fn premium(user: u64) -> Session {
    let s = Session::of(user).await.premium().await.on("/mcp/x/all");
    s.warm().await;
    s
}

//! A premium session on `/mcp/x/all`, warmed so a traced call shows only its own requests.

pub use crate::mcp_calls::{CAROL, Session, premium_alice as premium, strings};

/// Bob's user id in the seed.
pub const BOB: u64 = 81_000_002;

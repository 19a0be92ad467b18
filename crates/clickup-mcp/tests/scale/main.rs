//! Upstream cost at real scale (docs/tools.md, "References"): the app against the sandbox's large
//! seed (Globex Industries, 9000003: 64 spaces, ~900 folders and lists, 20,000 tasks) at
//! ClickUp's default limit of 100 requests a minute per token, counting the exact ClickUp
//! requests of each call from the sandbox's request log.
#![expect(
    clippy::unwrap_used,
    reason = "a test fails loudly on the first surprise; the panic message is the report"
)]

#[path = "../api/helpers.rs"]
#[expect(
    dead_code,
    reason = "shared with tests/api; this binary uses part of it"
)]
mod helpers;

#[path = "../common/mcp_calls.rs"]
#[expect(
    dead_code,
    reason = "shared with tests/tools; this binary uses part of it"
)]
mod mcp_calls;

mod agent_session;
mod answers;
mod every_toolset;
mod lookups;

use clickup_sandbox::SeedSize;

use crate::helpers::AppOptions;
use crate::mcp_calls::{ALICE, Session};

/// The large workspace.
pub(crate) const GLOBEX: &str = "9000003";
/// ClickUp's default: requests a minute per token.
pub(crate) const CLICKUP_LIMIT: u32 = 100;

/// Alice, logged in, on the large seed at ClickUp's real limit; the log starts empty.
pub(crate) async fn globex() -> Session {
    let options = AppOptions {
        seed: SeedSize::Large,
        clickup_rate_limit: CLICKUP_LIMIT,
        ..AppOptions::default()
    };
    let s = Session::with(options, ALICE).await;
    s.app.clear_sandbox_requests().await;
    s
}

/// A new minute for the sandbox's per-token rate limit (its clock, not the app's).
pub(crate) async fn next_minute(s: &Session) {
    s.app
        .sandbox_control("/clock", serde_json::json!({"advance_secs": 61}))
        .await;
}

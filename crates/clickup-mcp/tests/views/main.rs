//! Black-box tests of the view tools (docs/tools.md, "Views"): each test starts the real app on
//! port 0 with a fresh SQLite file and a real ClickUp sandbox, calls the tools over
//! `POST /mcp/x/all` as a premium user, and checks the answer, the exact ClickUp requests and
//! what the sandbox holds afterwards.
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
mod mcp_calls;

mod mcp;
mod tasks;
mod views;
mod writes;

//! Black-box tests of the MCP endpoint `POST /mcp` and of `clickup-mcp stdio`: each test starts
//! the real app on port 0 with a fresh SQLite file and a real ClickUp sandbox, and speaks real
//! HTTP and real MCP to it (JSON-RPC in every supported revision, and the seed's bare form).
//! Tests that iterate over `tools/list` keep working as the catalogue grows.
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

mod audit;
mod auth;
mod client;
mod isolation;
mod protocol;
mod rate_limits;
mod requests;
mod stdio;
mod surface;
mod tiers;
mod toolsets;
mod upstream;

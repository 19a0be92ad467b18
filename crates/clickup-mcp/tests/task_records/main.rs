//! Black-box tests of the task-record tools (checklists, custom fields, dependencies and links
//! in docs/tools.md, "Catalogue"): each test starts the real app on port 0 with a fresh SQLite
//! file and a real ClickUp sandbox, calls the tools over `POST /mcp/x/all`, and checks the
//! result, the exact ClickUp requests made, and what the sandbox holds afterwards.
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
    reason = "shared with tests/collab; this binary uses part of it"
)]
mod mcp_calls;

mod checklists;
mod fields;
mod mcp;
mod relations;

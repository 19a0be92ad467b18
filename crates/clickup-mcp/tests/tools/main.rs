//! Black-box tests of the tools, one module per area of the catalogue (docs/tools.md): each test
//! starts the real app on port 0 with a fresh SQLite file and a real ClickUp sandbox, calls the
//! tools over `POST /mcp`, and checks the answer, the exact ClickUp requests made and what the
//! sandbox then holds. One test binary for all the areas: each binary links the whole server, so
//! one per area cost CI a link and 130 MB of disk apiece.
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

mod attachments;
mod chat;
mod collab;
mod docs;
mod goals_templates;
mod hierarchy;
mod task_moves;
mod task_records;
mod tasks;
mod time;
mod views;
mod webhooks;

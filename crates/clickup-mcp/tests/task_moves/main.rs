//! Black-box tests of the tools that move tasks and delete parts of the hierarchy (task move,
//! duplicate, merge and their bulk forms; a task in several lists; space, folder and list
//! deletes): each test starts the real app on port 0 with a fresh SQLite file and a real
//! ClickUp sandbox, calls the tools over `POST /mcp/x/all`, and checks the answer, the exact
//! ClickUp requests, and what the sandbox holds afterwards.
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
    reason = "shared with the other tool test binaries; this one uses part of it"
)]
mod mcp_calls;

mod copies;
mod deletes;
mod lists;
mod mcp;
mod moves;

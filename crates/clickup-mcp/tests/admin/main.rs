//! Black-box tests of the administration tools (user groups, the workspace profile, members,
//! guests, access lists and audit logs; docs/tools.md, "Catalogue"): each test starts the real
//! app on port 0 with a fresh SQLite file and a real ClickUp sandbox, calls the tools over
//! `POST /mcp/x/all`, and checks the result and the exact ClickUp requests made (and their
//! bodies). Acme Corp (9000001) is on the Enterprise plan, Beta Labs (9000002) on Free Forever.
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

mod access;
mod groups;
mod guests;
mod mcp;
mod users;
mod workspace;

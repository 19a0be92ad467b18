//! Black-box tests of the MCP authorization server (issue 4): each test starts the real app on
//! port 0 with a fresh SQLite file and a real ClickUp sandbox, and walks the flow an MCP client
//! and a browser walk — discovery, registration, `/authorize` with PKCE, our consent page, the
//! sandbox's ClickUp page, the callback, `/token`, `/mcp`, refresh, revocation — and the attacks
//! on each step.
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

mod account;
mod authorize_attacks;
mod client;
mod discovery;
mod flow;
mod metadata_documents;
mod registration;
mod revocation;
mod scopes;
mod token_attacks;

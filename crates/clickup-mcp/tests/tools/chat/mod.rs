//! Black-box tests of the chat tools (API v3, docs/tools.md, "Catalogue"): each test starts the
//! real app on port 0 with a fresh SQLite file and a real ClickUp sandbox, calls the tools over
//! `POST /mcp/x/all` as a premium user, and checks the result, the exact ClickUp requests made
//! and what the sandbox then holds.

mod channels;
mod dms;
mod mcp;
mod messages;
mod reactions;

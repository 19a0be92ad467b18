//! Black-box tests of the doc tools (docs/tools.md, "Docs"): each test starts the real app on
//! port 0 with a fresh SQLite file and a real ClickUp sandbox, calls the tools over
//! `POST /mcp/x/all` as a premium user, and checks the answer, the exact ClickUp requests and
//! what the sandbox holds afterwards.

mod documents;
mod mcp;
mod pages;

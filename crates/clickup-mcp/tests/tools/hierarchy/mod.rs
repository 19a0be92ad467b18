//! Black-box tests of the hierarchy and people tools (docs/tools.md, "Catalogue"): each test starts the real
//! app on port 0 with a fresh SQLite file and a real ClickUp sandbox, calls the tools over
//! `POST /mcp`, and checks the result and the exact ClickUp requests made.

mod folders;
mod lists;
mod mcp;
mod people;
mod schema;
mod spaces;
mod tree;

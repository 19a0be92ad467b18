//! Black-box tests of the task-record tools (checklists, custom fields, dependencies and links
//! in docs/tools.md, "Catalogue"): each test starts the real app on port 0 with a fresh SQLite
//! file and a real ClickUp sandbox, calls the tools over `POST /mcp/x/all`, and checks the
//! result, the exact ClickUp requests made, and what the sandbox holds afterwards.

mod checklists;
mod fields;
mod mcp;
mod relations;

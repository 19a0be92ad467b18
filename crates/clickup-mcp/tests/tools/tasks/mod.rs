//! Black-box tests of the task tools (docs/tools.md, "Catalogue"): each test starts the real app on port 0
//! with a fresh SQLite file and a real ClickUp sandbox, logs in as a seeded user, calls the tools
//! over `POST /mcp`, and checks the answers and the exact ClickUp requests behind them.

mod bulk;
mod client;
mod paging;
mod read;
mod write;

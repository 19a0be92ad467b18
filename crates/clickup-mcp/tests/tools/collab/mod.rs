//! Black-box tests of the collaboration tools (comments, tags and timers in docs/tools.md, "Catalogue"): each
//! test starts the real app on port 0 with a fresh SQLite file and a real ClickUp sandbox, calls
//! the tools over `POST /mcp`, and checks the result and the exact ClickUp requests made.

mod comments;
mod comments_edit;
mod comments_write;
mod mcp;
mod replies;
mod space_tags;
mod tags;
mod timers;

//! Calling tools over `POST /mcp` in the seed's bare form, and reading what ClickUp was asked
//! (the shared part is `tests/common/mcp_calls.rs`).

pub use crate::mcp_calls::{CAROL, Session, strings};

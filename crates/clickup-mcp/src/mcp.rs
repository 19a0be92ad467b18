//! The MCP server: one core that lists and calls tools for a caller, served by rmcp over
//! Streamable HTTP (hosted) and stdio (local); the HTTP layer also serves the seed's bare JSON
//! form through the same core (`crate::http::mcp_bare`).
//!
//! - [`core`]: tier gate, tool dispatch, `tool_call` audit — the code every transport shares.
//! - [`handler`]: rmcp's `ServerHandler` over the core.
//! - [`progress`]: MCP progress notifications for the tools that report progress.
//! - [`caller`]: who is calling, as the HTTP layer authenticated them.

pub mod caller;
pub mod core;
pub mod handler;
pub mod progress;

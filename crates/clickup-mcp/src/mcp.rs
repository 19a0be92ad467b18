//! The MCP server: one core that lists and calls tools for a caller, served by rmcp over
//! Streamable HTTP (hosted), over stdio (local), and through the seed's bare JSON form.
//!
//! - [`core`]: tier gate, tool dispatch, `tool_call` audit — the code every transport shares.
//! - [`handler`]: rmcp's `ServerHandler` over the core.
//! - [`bare`]: the seed's bare `{"method":…}` form.
//! - [`caller`]: who is calling, as the HTTP layer authenticated them.

pub mod bare;
pub mod caller;
pub mod core;
pub mod handler;
pub mod progress;

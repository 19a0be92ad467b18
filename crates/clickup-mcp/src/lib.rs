//! clickup-mcp: a hosted, multi-tenant ClickUp MCP server.
pub mod audit;
mod random;
pub mod store;
pub mod vault;

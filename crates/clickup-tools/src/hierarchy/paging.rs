//! Paging for the hierarchy tools (TOOLS.md §1.6): how a `limit` and `cursor` slice the arrays
//! ClickUp returns unpaged, with the connection's cursor codec.

use serde_json::Value;

use crate::context::ToolContext;
use crate::cursor::{Page, Upstream};
use crate::error::ToolError;

/// One page of `items` (an array ClickUp returned whole) for `tool` with these `filters`.
pub fn slice<T>(
    ctx: &ToolContext,
    tool: &str,
    filters: &Value,
    cursor: Option<&str>,
    limit: Option<u32>,
    default_limit: u32,
    items: Vec<T>,
) -> Result<Page<T>, ToolError> {
    let pager = ctx
        .cursors
        .pager(tool, filters, cursor, limit, default_limit, Upstream::Whole)?;
    pager.slice(items)
}

/// Check `cursor` and `limit` before any ClickUp call, so a bad one costs nothing.
pub fn check(
    ctx: &ToolContext,
    tool: &str,
    filters: &Value,
    cursor: Option<&str>,
    limit: Option<u32>,
    default_limit: u32,
) -> Result<(), ToolError> {
    ctx.cursors
        .pager(tool, filters, cursor, limit, default_limit, Upstream::Whole)
        .map(|_| ())
}

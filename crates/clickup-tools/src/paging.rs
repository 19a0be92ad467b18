//! Paging over arrays ClickUp returns whole (spaces, folders, lists, members, tags): how a
//! `limit` and `cursor` slice them, with cursors bound to the running tool and its filters
//! (docs/tools.md, "Paging and cursors"). Tasks and comments page upstream: see
//! [`crate::tasks::paging`] and [`crate::cursor::Pager`].

use serde_json::Value;

use crate::context::ToolContext;
use crate::cursor::{Page, Upstream};
use crate::error::ToolError;

/// One page of `items` (an array ClickUp returned whole) with these `filters`.
pub fn slice<T>(
    ctx: &ToolContext,
    filters: &Value,
    cursor: Option<&str>,
    limit: Option<u32>,
    default_limit: u32,
    items: Vec<T>,
) -> Result<Page<T>, ToolError> {
    let pager = ctx.pager(filters, cursor, limit, default_limit, Upstream::Whole)?;
    pager.slice(items)
}

/// Check `cursor` and `limit` before any ClickUp call, so a bad one costs nothing.
pub fn check(
    ctx: &ToolContext,
    filters: &Value,
    cursor: Option<&str>,
    limit: Option<u32>,
    default_limit: u32,
) -> Result<(), ToolError> {
    ctx.pager(filters, cursor, limit, default_limit, Upstream::Whole)
        .map(|_| ())
}

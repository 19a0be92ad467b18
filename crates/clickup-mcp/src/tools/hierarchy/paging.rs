//! Paging for the hierarchy tools (TOOLS.md §1.6): their cursor codec, and how a `limit` and
//! `cursor` slice the arrays ClickUp returns unpaged.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::tools::cursor::{CursorCodec, Page, Upstream};
use crate::tools::error::ToolError;

/// Where the key comes from until the server's secret is wired to the tools: a fixed,
/// purpose-specific derivation. Cursors carry only what the caller could see anyway (an offset),
/// and are bound to the tool and its filters.
const KEY_CONTEXT: &[u8] = b"clickup-mcp/hierarchy-tools/cursor-key/v1";

/// The codec the hierarchy tools sign their cursors with.
pub fn codec() -> CursorCodec {
    let digest = Sha256::digest(KEY_CONTEXT);
    let mut key = [0u8; 32];
    key.copy_from_slice(&digest);
    CursorCodec::new(key)
}

/// One page of `items` (an array ClickUp returned whole) for `tool` with these `filters`.
pub fn slice<T>(
    tool: &str,
    filters: &Value,
    cursor: Option<&str>,
    limit: Option<u32>,
    default_limit: u32,
    items: Vec<T>,
) -> Result<Page<T>, ToolError> {
    let codec = codec();
    let pager = codec.pager(tool, filters, cursor, limit, default_limit, Upstream::Whole)?;
    pager.slice(items)
}

/// Check `cursor` and `limit` before any ClickUp call, so a bad one costs nothing.
pub fn check(
    tool: &str,
    filters: &Value,
    cursor: Option<&str>,
    limit: Option<u32>,
    default_limit: u32,
) -> Result<(), ToolError> {
    let codec = codec();
    codec
        .pager(tool, filters, cursor, limit, default_limit, Upstream::Whole)
        .map(|_| ())
}

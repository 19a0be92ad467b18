//! Opaque pagination cursors and pages (docs/tools.md, "Paging and cursors").
//!
//! Every `list`/`search` tool takes `cursor` and `limit` and returns a [`Page`]
//! `{items, has_more, next_cursor}`. A cursor records where the next page starts — the upstream
//! position ([`Upstream`]: ClickUp's page number, ClickUp's own cursor, the comment `start` +
//! `start_id`, or the one unpaged array) plus an offset into it — and is bound to the tool and to
//! a fingerprint of the tool's filters, so it cannot be replayed against another query.
//!
//! # Format
//!
//! `base64url_nopad([version = 1][scope: 16 bytes][position: JSON][tag: 16 bytes])`, where
//! `scope = SHA-256("clickup-mcp/cursor-scope\0" ‖ tool ‖ "\0" ‖ filter fingerprint)[..16]` and
//! `tag = HMAC-SHA-256(key, "clickup-mcp/cursor/v1\0" ‖ everything before the tag)[..16]`.
//! The position is readable by whoever holds the cursor; it only holds what the caller could see
//! anyway (page numbers, ClickUp cursors, comment ids). A cursor is at most
//! [`MAX_CURSOR_LEN`] characters.
//!
//! # Refusals (all `invalid_argument`, none echoes the cursor)
//!
//! - not base64url, too short or long, unknown version, or a tag that does not verify (altered,
//!   issued by another server or before a restart with a per-process key): "not valid here";
//! - valid, but for another tool or other filters: "belongs to another query";
//! - `limit` outside `1..=100`.
//!
//! The key comes from the caller ([`CursorCodec::new`]): the hosted server derives it from its
//! secret; stdio gives it a random key.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use zeroize::Zeroize;

use crate::error::ToolError;

/// The `limit` when a tool is given none (comments use 25).
pub const DEFAULT_LIMIT: u32 = 50;
/// The largest `limit` a tool accepts.
pub const MAX_LIMIT: u32 = 100;
/// The longest cursor accepted or issued, in characters.
pub const MAX_CURSOR_LEN: usize = 1024;

const VERSION: u8 = 1;
const SCOPE_LEN: usize = 16;
const TAG_LEN: usize = 16;
const MAC_CONTEXT: &[u8] = b"clickup-mcp/cursor/v1\0";
const SCOPE_CONTEXT: &[u8] = b"clickup-mcp/cursor-scope\0";
/// Top-level arguments left out of the fingerprint: they steer paging, not the query.
const PAGING_ARGUMENTS: [&str; 2] = ["cursor", "limit"];

/// Where the upstream (ClickUp) side of the next page starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Upstream {
    /// ClickUp returned one unpaged array; the server slices it.
    #[serde(rename = "w")]
    Whole,
    /// ClickUp's `page` number (tasks: pages of 100 from 0).
    #[serde(rename = "p")]
    Page(u32),
    /// ClickUp's own opaque cursor (v3 docs `next_cursor`, v3 chat `cursor`).
    #[serde(rename = "c")]
    Cursor(String),
    /// Comments: `start` (the oldest returned comment's date, epoch ms) and `start_id` (its id).
    #[serde(rename = "m")]
    Comments {
        /// The `start` query parameter.
        #[serde(rename = "s")]
        start: i64,
        /// The `start_id` query parameter.
        #[serde(rename = "i")]
        start_id: String,
    },
}

/// A position in a paged result: an upstream position and how many of its items were already
/// returned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CursorPosition {
    /// Which upstream page (or array) to fetch.
    #[serde(rename = "u")]
    pub upstream: Upstream,
    /// Items of that upstream page already returned.
    #[serde(rename = "o")]
    pub offset: u32,
    /// When the query's first page was read (epoch ms): relative dates in its filters
    /// ("tomorrow", "in 3 days") keep meaning the same instant on every page.
    #[serde(rename = "n", default, skip_serializing_if = "Option::is_none")]
    pub started_ms: Option<i64>,
}

impl CursorPosition {
    /// The start of an upstream page.
    pub fn at(upstream: Upstream) -> Self {
        Self {
            upstream,
            offset: 0,
            started_ms: None,
        }
    }
}

/// A stable hash of a tool's filter arguments (see [`filter_fingerprint`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct FilterFingerprint([u8; 16]);

impl fmt::Debug for FilterFingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FilterFingerprint({})", hex::encode(self.0))
    }
}

/// The fingerprint of a tool's arguments: SHA-256 of their canonical JSON (object keys sorted,
/// object members that are `null` left out, so absent and `null` agree), truncated to 16 bytes.
/// The top-level `cursor` and `limit` are left out, so a caller may change the page size between
/// pages. Include everything that changes the result set: the workspace, filters, sort order,
/// `timezone` (it changes what date filters mean).
pub fn filter_fingerprint(filters: &Value) -> FilterFingerprint {
    let mut canonical = String::new();
    match filters {
        Value::Object(map) => {
            let kept: serde_json::Map<String, Value> = map
                .iter()
                .filter(|(k, _)| !PAGING_ARGUMENTS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            write_canonical(&Value::Object(kept), &mut canonical);
        }
        other => write_canonical(other, &mut canonical),
    }
    let digest = Sha256::digest(canonical.as_bytes());
    let mut out = [0u8; 16];
    out.copy_from_slice(&digest[..16]);
    FilterFingerprint(out)
}

/// Canonical JSON: sorted keys, no `null` members, no whitespace. Independent of whether
/// `serde_json` preserves insertion order.
fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> =
                map.iter().filter(|(_, v)| !v.is_null()).collect();
            members.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, member)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(member, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// Issues and checks cursors with one HMAC key.
#[derive(Clone)]
pub struct CursorCodec {
    /// The HMAC-SHA-256 key; zeroed on drop.
    key: [u8; 32],
}

impl fmt::Debug for CursorCodec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CursorCodec { key: <redacted> }")
    }
}

impl Drop for CursorCodec {
    fn drop(&mut self) {
        self.key.zeroize();
    }
}

impl CursorCodec {
    /// A codec with this key. The hosted server derives it from its secret (a purpose-specific
    /// derivation, not the secret itself) so cursors survive restarts and work across replicas.
    pub fn new(key: [u8; 32]) -> Self {
        Self { key }
    }

    /// The cursor for `position` in `tool`'s query with these filters.
    pub fn encode(
        &self,
        tool: &str,
        filters: FilterFingerprint,
        position: &CursorPosition,
    ) -> Result<String, ToolError> {
        let json = serde_json::to_vec(position).map_err(|_| too_long())?;
        let mut bytes = Vec::with_capacity(1 + SCOPE_LEN + json.len() + TAG_LEN);
        bytes.push(VERSION);
        bytes.extend_from_slice(&scope(tool, filters));
        bytes.extend_from_slice(&json);
        let tag = self.mac(&bytes)?.finalize().into_bytes();
        bytes.extend_from_slice(&tag[..TAG_LEN]);
        let cursor = URL_SAFE_NO_PAD.encode(&bytes);
        if cursor.len() > MAX_CURSOR_LEN {
            return Err(too_long());
        }
        Ok(cursor)
    }

    /// The position a cursor records, after checking that this server issued it unaltered for
    /// `tool` with these filters.
    pub fn decode(
        &self,
        tool: &str,
        filters: FilterFingerprint,
        cursor: &str,
    ) -> Result<CursorPosition, ToolError> {
        if cursor.len() > MAX_CURSOR_LEN {
            return Err(not_valid_here());
        }
        let bytes = URL_SAFE_NO_PAD
            .decode(cursor.trim())
            .map_err(|_| not_valid_here())?;
        if bytes.len() < 1 + SCOPE_LEN + TAG_LEN || bytes[0] != VERSION {
            return Err(not_valid_here());
        }
        let (signed, tag) = bytes.split_at(bytes.len() - TAG_LEN);
        self.mac(signed)?
            .verify_truncated_left(tag)
            .map_err(|_| not_valid_here())?;
        if signed[1..1 + SCOPE_LEN] != scope(tool, filters) {
            return Err(another_query());
        }
        serde_json::from_slice(&signed[1 + SCOPE_LEN..]).map_err(|_| not_valid_here())
    }

    /// Start paging for one call: validate `limit` (`None` → `default_limit`) and read `cursor`
    /// (`None` → `first`, the first upstream page).
    pub fn pager<'a>(
        &'a self,
        tool: &'a str,
        filters: &Value,
        cursor: Option<&str>,
        limit: Option<u32>,
        default_limit: u32,
        first: Upstream,
    ) -> Result<Pager<'a>, ToolError> {
        let limit = page_limit(limit, default_limit)?;
        let fingerprint = filter_fingerprint(filters);
        let (position, resumed) = match cursor {
            Some(cursor) => (self.decode(tool, fingerprint, cursor)?, true),
            None => (CursorPosition::at(first), false),
        };
        Ok(Pager {
            codec: self,
            tool,
            fingerprint,
            position,
            limit,
            resumed,
        })
    }

    fn mac(&self, data: &[u8]) -> Result<Hmac<Sha256>, ToolError> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key)
            .map_err(|_| ToolError::upstream("The page cursor could not be signed."))?;
        mac.update(MAC_CONTEXT);
        mac.update(data);
        Ok(mac)
    }
}

/// The binding of a cursor to its tool and filters.
fn scope(tool: &str, filters: FilterFingerprint) -> [u8; SCOPE_LEN] {
    let mut hasher = Sha256::new();
    hasher.update(SCOPE_CONTEXT);
    hasher.update(tool.as_bytes());
    hasher.update([0]);
    hasher.update(filters.0);
    let digest = hasher.finalize();
    let mut out = [0u8; SCOPE_LEN];
    out.copy_from_slice(&digest[..SCOPE_LEN]);
    out
}

fn not_valid_here() -> ToolError {
    ToolError::invalid_argument(
        "`cursor` is not valid here: it was altered, comes from another server, or expired with a restart. \
         Start again without `cursor`.",
    )
}

fn another_query() -> ToolError {
    ToolError::invalid_argument(
        "`cursor` belongs to another query (a different tool or different filters). Start again without \
         `cursor`, or repeat the filters of the call that returned it.",
    )
}

fn too_long() -> ToolError {
    ToolError::upstream("ClickUp's paging position is too long to carry in a cursor.")
}

/// `limit` checked against `1..=MAX_LIMIT`; `None` gives `default_limit`.
pub fn page_limit(limit: Option<u32>, default_limit: u32) -> Result<usize, ToolError> {
    let limit = limit.unwrap_or(default_limit);
    if (1..=MAX_LIMIT).contains(&limit) {
        usize::try_from(limit).map_err(|_| limit_error())
    } else {
        Err(limit_error())
    }
}

fn limit_error() -> ToolError {
    ToolError::invalid_argument(format!("`limit` must be between 1 and {MAX_LIMIT}."))
}

/// One call's paging: where it starts, how many items it returns, and how to issue the next
/// cursor.
#[derive(Debug)]
pub struct Pager<'a> {
    codec: &'a CursorCodec,
    tool: &'a str,
    fingerprint: FilterFingerprint,
    position: CursorPosition,
    limit: usize,
    resumed: bool,
}

impl Pager<'_> {
    /// Where this page starts: the first upstream page, or what the cursor recorded.
    pub fn position(&self) -> &CursorPosition {
        &self.position
    }

    /// How many items this page may hold (1..=100).
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Whether the call came with a cursor.
    pub fn resumed(&self) -> bool {
        self.resumed
    }

    /// This pager for a query started at `now_ms`, unless its cursor recorded when it started.
    #[must_use]
    pub fn started_at(mut self, now_ms: i64) -> Self {
        self.position.started_ms = self.position.started_ms.or(Some(now_ms));
        self
    }

    /// When the query's first page was read, if known: the `now` its relative dates mean.
    pub fn started_ms(&self) -> Option<i64> {
        self.position.started_ms
    }

    /// The cursor for `position` in this query (it carries when the query started).
    pub fn cursor_for(&self, position: &CursorPosition) -> Result<String, ToolError> {
        let mut position = position.clone();
        position.started_ms = self.position.started_ms;
        self.codec.encode(self.tool, self.fingerprint, &position)
    }

    /// A page of `items` whose next page starts at `next` (`None`: this is the last page).
    pub fn page<T>(
        &self,
        items: Vec<T>,
        next: Option<CursorPosition>,
    ) -> Result<Page<T>, ToolError> {
        let next_cursor = next
            .map(|position| self.cursor_for(&position))
            .transpose()?;
        Ok(Page {
            items,
            has_more: next_cursor.is_some(),
            next_cursor,
        })
    }

    /// This page of an unpaged upstream array: `limit` items from the cursor's offset. A list
    /// that shrank under the cursor gives an empty last page.
    pub fn slice<T>(&self, items: Vec<T>) -> Result<Page<T>, ToolError> {
        if self.position.upstream != Upstream::Whole {
            return Err(another_query());
        }
        let offset = usize::try_from(self.position.offset).unwrap_or(usize::MAX);
        let end = offset.saturating_add(self.limit);
        let has_more = items.len() > end;
        let items: Vec<T> = items.into_iter().skip(offset).take(self.limit).collect();
        let next = match (has_more, u32::try_from(end)) {
            (false, _) => None,
            (true, Ok(end)) => Some(CursorPosition {
                upstream: Upstream::Whole,
                offset: end,
                started_ms: None,
            }),
            (true, Err(_)) => return Err(too_long()),
        };
        self.page(items, next)
    }
}

/// One page of a `list`/`search` result (docs/tools.md, "Paging and cursors" and "Results").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Page<T> {
    /// This page's items.
    pub items: Vec<T>,
    /// Whether more items follow; never a silent truncation.
    pub has_more: bool,
    /// Pass as `cursor` (with the same filters) for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// A complete result in one page.
    pub fn complete(items: Vec<T>) -> Self {
        Self {
            items,
            has_more: false,
            next_cursor: None,
        }
    }
}

#[cfg(test)]
mod tests;

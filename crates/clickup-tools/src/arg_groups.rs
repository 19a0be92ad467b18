//! Argument groups many tools share, declared once and flattened into each tool's `Args`
//! (`#[serde(flatten)]`). Their fields carry no descriptions on purpose: the server's
//! `initialize` instructions explain them once per conversation instead of once per tool
//! (docs/tools.md, "What a model reads"). Unknown arguments are refused by the registry from
//! the tool's schema, so `Args` structs that flatten a group need no `deny_unknown_fields`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `workspace_id`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
pub struct InWorkspace {
    // Workspace id; default: the connection's (`resolve::workspace`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace_id: Option<String>,
}

/// `workspace_id` and `timezone`, for tools that read or show dates.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
pub struct WorkspaceAndZone {
    // Workspace id; default: the connection's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace_id: Option<String>,
    // IANA zone dates are read and shown in; default: `DEFAULT_TIMEZONE` (`ctx.zone`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

/// `cursor` and `limit`, for tools that answer pages. Not part of the filters a cursor is
/// bound to.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
pub struct Paging {
    // `next_cursor` of the previous page.
    #[serde(default)]
    pub cursor: Option<String>,
    // Items per page; each tool has its default (`crate::cursor::page_limit`).
    #[serde(default)]
    #[schemars(range(min = 1, max = 100))]
    pub limit: Option<u32>,
}

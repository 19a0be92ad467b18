//! Hierarchy tools (docs/tools.md, "Catalogue"): the space → folder → list tree of a workspace, paged by
//! space, and resolving one space, folder or list reference to its kind, ids and full path. One
//! tool per file: [`get`] (`clickup_hierarchy_get`), [`location_get`] (`clickup_location_get`).
//!
//! What the hierarchy, space, folder and list tools share:
//!
//! - [`views`]: how spaces, folders and lists are shown;
//! - [`checked_name`]: the name argument of a space, folder or list.

use std::sync::Arc;

use crate::error::ToolError;
use crate::registry::{ClickUpTool, tool};

pub mod get;
pub mod location_get;
pub mod views;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<get::HierarchyGet>(),
        tool::<location_get::LocationGet>(),
    ]
}

/// A name argument for a space, folder or list: trimmed, not empty, at most 255 characters.
pub fn checked_name(name: &str) -> Result<String, ToolError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 255 || name.chars().any(char::is_control) {
        return Err(ToolError::invalid_argument(
            "`name` must be 1-255 characters without control characters.",
        ));
    }
    Ok(name.to_owned())
}

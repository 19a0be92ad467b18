//! Workspace tools: which workspaces this connection may use.

use std::sync::Arc;

use crate::registry::{ClickUpTool, tool};

pub mod list;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![tool::<list::WorkspaceList>()]
}

//! Workspace tools: which workspaces this connection may use ([`list`]), and one workspace's
//! profile: plan, seats, custom roles, task types ([`get`]).

use std::sync::Arc;

use crate::registry::{ClickUpTool, tool};

pub mod get;
pub mod list;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![tool::<list::WorkspaceList>(), tool::<get::WorkspaceGet>()]
}

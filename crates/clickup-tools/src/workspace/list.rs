//! Workspace tools (TOOLS.md §2): which workspaces this connection may use.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::context::ToolContext;
use crate::registry::{ClickUpTool, Effect, ToolFuture, ToolSpec, TypedTool};
use crate::resolve;
use crate::toolsets::Toolset;

/// The tools of this file.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![Arc::new(TypedTool::new(
        ToolSpec {
            name: "clickup_workspace_list",
            title: "List workspaces",
            description: "Workspaces (ClickUp 'teams') you can use, and which is the default.",
            tier: Tier::Free,
            toolset: Toolset::Hierarchy,
            effect: Effect::Read,
            references: &[],
            premium_arguments: &[],
        },
        workspace_list,
    ))]
}

/// No arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceListArgs {}

/// One workspace.
#[derive(Debug, Serialize, JsonSchema)]
pub struct WorkspaceSummary {
    /// Workspace (team) id.
    pub id: String,
    /// Name.
    pub name: String,
    /// How many members it has.
    pub members_count: usize,
    /// Whether tools use it when no `workspace_id` is given.
    pub default: bool,
}

/// The page of workspaces.
#[derive(Debug, Serialize, JsonSchema)]
pub struct WorkspaceList {
    /// The workspaces.
    pub items: Vec<WorkspaceSummary>,
    /// Always false: ClickUp returns every workspace at once.
    pub has_more: bool,
    /// Always null.
    pub next_cursor: Option<String>,
}

fn workspace_list<'a>(
    ctx: &'a ToolContext,
    _args: WorkspaceListArgs,
) -> ToolFuture<'a, WorkspaceList> {
    Box::pin(async move {
        let workspaces = ctx.cache.workspaces(ctx).await?;
        let default = resolve::workspace(ctx, None).await.ok().map(|w| w.id);
        let items = workspaces
            .iter()
            .map(|w| WorkspaceSummary {
                default: default.as_deref() == Some(w.id.as_str()),
                members_count: w.members.len(),
                id: w.id.clone(),
                name: w.name.clone(),
            })
            .collect();
        Ok(WorkspaceList {
            items,
            has_more: false,
            next_cursor: None,
        })
    })
}

//! `clickup_workspace_list`: the workspaces this connection may use, and the default one.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;

/// `clickup_workspace_list`.
#[derive(Debug)]
pub struct WorkspaceList;

/// No arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Args {}

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
pub struct Output {
    /// The workspaces.
    pub items: Vec<WorkspaceSummary>,
    /// Always false: ClickUp returns every workspace at once.
    pub has_more: bool,
    /// Always null.
    pub next_cursor: Option<String>,
}

impl Tool for WorkspaceList {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_workspace_list",
        title: "List workspaces",
        description: "Workspaces (ClickUp 'teams') you can use, and which is the default.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, _args: Args) -> Result<Output, ToolError> {
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
        Ok(Output {
            items,
            has_more: false,
            next_cursor: None,
        })
    }
}

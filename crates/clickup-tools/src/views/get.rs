//! `clickup_view_get`: one view with its grouping, sorting, filters, columns and settings.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;
use crate::views::{ViewOut, read_view, view_id};

/// `clickup_view_get`.
#[derive(Debug)]
pub struct ViewGet;

/// Arguments of `clickup_view_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// View id (`clickup_view_list`).
    pub view_id: String,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for ViewGet {
    type Args = Args;
    type Output = ViewOut;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_view_get",
        title: "Get a view",
        description: "One view with its parent, grouping, sorting, filters, columns and \
                      settings (ClickUp's JSON).",
        tier: Tier::Premium,
        toolset: Toolset::Views,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<ViewOut, ToolError> {
        let id = view_id(&args.view_id)?;
        resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let view = read_view(ctx, &id).await?;
        Ok(ViewOut::new(&view, true))
    }
}

//! `clickup_goal_get`: one goal with its key results and progress.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::goals::{GoalOut, read_goal, resolve_goal};
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;

/// `clickup_goal_get`.
#[derive(Debug)]
pub struct GoalGet;

/// Arguments of `clickup_goal_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Goal id or name.
    pub goal: String,
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for GoalGet {
    type Args = Args;
    type Output = GoalOut;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_goal_get",
        title: "Get a goal",
        description: "One goal with its description, owners, progress and key results.",
        tier: Tier::Premium,
        toolset: Toolset::Goals,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<GoalOut, ToolError> {
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let id = resolve_goal(ctx, &ws, &args.goal, false).await?;
        let goal = read_goal(ctx, &id).await?;
        Ok(GoalOut::new(&goal, &zone, true))
    }
}

//! `clickup_goal_delete`: delete a goal and its key results.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::goals::{read_goal, resolve_goal};
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;

/// `clickup_goal_delete`.
#[derive(Debug)]
pub struct GoalDelete;

/// Arguments of `clickup_goal_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Goal id or whole name.
    pub goal: String,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// What was deleted.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Deleted {
    /// Always true.
    pub ok: bool,
    /// The deleted object's id.
    pub id: String,
    /// Its name, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Tool for GoalDelete {
    type Args = Args;
    type Output = Deleted;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_goal_delete",
        title: "Delete a goal",
        description: "Delete a goal and its key results. A name must match the whole goal name.",
        tier: Tier::Premium,
        toolset: Toolset::Goals,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Deleted, ToolError> {
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let id = resolve_goal(ctx, &ws, &args.goal, true).await?;
        let goal = read_goal(ctx, &id).await?;
        let result = ctx.clickup.delete_goal(&ctx.token, &id).await;
        ctx.answer("The goal", result).await?;
        Ok(Deleted {
            ok: true,
            id: id.to_string(),
            name: Some(goal.name),
        })
    }
}

//! `clickup_task_delete`: delete a task and its subtasks.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::task_ref;
use crate::toolsets::Toolset;

/// `clickup_task_delete`.
#[derive(Debug)]
pub struct TaskDelete;

/// Arguments of `clickup_task_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference (the initialize instructions say the forms).
    pub task: String,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The answer of a delete.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Deleted {
    /// Always true.
    pub ok: bool,
    /// The deleted task's id (as referenced: canonical or custom).
    pub id: String,
}

impl Tool for TaskDelete {
    type Args = Args;
    type Output = Deleted;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_delete",
        title: "Delete a task",
        description: "Delete a task and its subtasks.",
        tier: Tier::Free,
        toolset: Toolset::Tasks,
        effect: Effect::DestructiveIdempotent,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Deleted, ToolError> {
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let reference = task_ref::resolve(ctx, &workspace, &args.task, None).await?;
        let deleted = ctx.clickup.delete_task(&ctx.token, &reference).await;
        ctx.answer("The task", deleted).await?;
        Ok(Deleted {
            ok: true,
            id: reference.path_id().to_string(),
        })
    }
}

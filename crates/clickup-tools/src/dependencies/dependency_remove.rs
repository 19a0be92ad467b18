//! `clickup_task_dependency_remove`: remove a dependency in either direction.

use clickup::ids::TaskRef;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::dependencies::{Removed, dependency, direction, has_dependency, other_task, read_task};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;

/// `clickup_task_dependency_remove`.
#[derive(Debug)]
pub struct TaskDependencyRemove;

/// Arguments of `clickup_task_dependency_remove`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference.
    pub task: String,
    /// A task `task` waits on.
    #[serde(default)]
    pub waiting_on: Option<String>,
    /// A task that waits on `task`.
    #[serde(default)]
    pub blocking: Option<String>,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for TaskDependencyRemove {
    type Args = Args;
    type Output = Removed;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_dependency_remove",
        title: "Remove a task dependency",
        description: "Remove a dependency: `waiting_on` or `blocking` (give one).",
        tier: Tier::Premium,
        toolset: Toolset::Dependencies,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Removed, ToolError> {
        let direction = direction(args.waiting_on.as_deref(), args.blocking.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let task = read_task(ctx, &ws, &args.task).await?;
        let other = other_task(ctx, &ws, &task, direction.arg, direction.reference).await?;
        let existing = dependency(&direction, other);
        let removed = has_dependency(&task, &existing);
        if removed {
            let canonical = TaskRef::Id(task.id.clone());
            let result = ctx
                .clickup
                .remove_dependency(&ctx.token, &canonical, &existing)
                .await;
            ctx.answer("The task", result).await?;
        }
        Ok(Removed {
            ok: true,
            id: task.id.to_string(),
            custom_id: task.custom_id.clone(),
            removed,
        })
    }
}

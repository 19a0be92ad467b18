//! `clickup_task_link_remove`: remove the link between two tasks (made from either side).

use clickup::ids::TaskRef;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::dependencies::{Removed, has_link, other_task, read_task};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;

/// `clickup_task_link_remove`.
#[derive(Debug)]
pub struct TaskLinkRemove;

/// Arguments of `clickup_task_link_remove`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference.
    pub task: String,
    // A task reference: the linked task.
    pub links_to: String,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for TaskLinkRemove {
    type Args = Args;
    type Output = Removed;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_link_remove",
        title: "Unlink two tasks",
        description: "Remove the link between two tasks.",
        tier: Tier::Premium,
        toolset: Toolset::Dependencies,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Removed, ToolError> {
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let task = read_task(ctx, &ws, &args.task).await?;
        let other = other_task(ctx, &ws, &task, "links_to", &args.links_to).await?;
        let removed = has_link(&task, &other);
        if removed {
            let canonical = TaskRef::Id(task.id.clone());
            let result = ctx
                .clickup
                .remove_task_link(&ctx.token, &canonical, &other)
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

//! `clickup_task_tag_remove`: take tags off a task (they stay defined in the space).

use clickup::ids::TaskRef;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::tags::{read_task, requested_tags};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_task_tag_remove`.
#[derive(Debug)]
pub struct TaskTagRemove;

/// Arguments of `clickup_task_tag_remove`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference.
    pub task: String,
    // Tag names, case-insensitive.
    pub tags: Vec<String>,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The result of `clickup_task_tag_remove`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// Always true when the call succeeds.
    pub ok: bool,
    /// The task id.
    pub id: String,
    /// The custom task id, when the workspace uses them.
    pub custom_id: Option<String>,
    /// Tags taken off the task.
    pub removed: Vec<String>,
    /// Requested tags the task did not carry (nothing to do).
    pub not_on_task: Vec<String>,
}

impl Tool for TaskTagRemove {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_tag_remove",
        title: "Remove tags from a task",
        description: "Take tags off a task (they stay defined in the space); tags it lacks are \
                      listed in `not_on_task`.",
        tier: Tier::Free,
        toolset: Toolset::Tags,
        everyday: true,
        effect: Effect::DestructiveIdempotent,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let wanted = requested_tags(&args.tags)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let task = read_task(ctx, &ws, &args.task).await?;
        let canonical = TaskRef::Id(task.id.clone());
        let mut removed = Vec::new();
        let mut not_on_task = Vec::new();
        for tag in wanted {
            let Some(on_task) = task.tags.iter().find(|t| t.name.eq_ignore_ascii_case(&tag)) else {
                not_on_task.push(tag);
                continue;
            };
            let name = ids::tag(&on_task.name)?;
            let result = ctx
                .clickup
                .remove_task_tag(&ctx.token, &canonical, &name)
                .await;
            ctx.answer("The task", result).await?;
            removed.push(on_task.name.clone());
        }
        Ok(Output {
            ok: true,
            id: task.id.to_string(),
            custom_id: task.custom_id.clone(),
            removed,
            not_on_task,
        })
    }
}

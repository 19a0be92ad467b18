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
use clickup::filters::TaskReadOptions;

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

/// The answer of a delete: what was deleted, so the caller can see it was the task meant.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Deleted {
    /// Always true.
    pub ok: bool,
    /// The deleted task's id (as referenced: canonical or custom).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its custom id, when it had one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_id: Option<String>,
    /// The list it was in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
}

impl Tool for TaskDelete {
    type Args = Args;
    type Output = Deleted;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_delete",
        title: "Delete a task",
        description: "Delete a task and its subtasks. A name must match the whole task name; the \
                      answer names what was deleted.",
        tier: Tier::Free,
        toolset: Toolset::Tasks,
        everyday: true,
        effect: Effect::Destructive,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Deleted, ToolError> {
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let reference = task_ref::resolve_exact(ctx, &workspace, &args.task, None).await?;
        // Read it first: the answer says what was deleted, and a task that is not there is
        // `not_found` before anything is destroyed.
        let options = TaskReadOptions {
            include_subtasks: false,
            include_markdown_description: false,
        };
        let task = ctx.clickup.get_task(&ctx.token, &reference, options).await;
        let task = ctx.answer("The task", task).await?;
        let deleted = ctx.clickup.delete_task(&ctx.token, &reference).await;
        ctx.answer("The task", deleted).await?;
        ctx.cache.forget_task(ctx, &task.id);
        Ok(Deleted {
            ok: true,
            id: reference.path_id().to_string(),
            name: task.name,
            custom_id: task.custom_id,
            list: task.list.and_then(|l| l.name),
        })
    }
}

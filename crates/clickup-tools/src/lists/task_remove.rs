//! `clickup_list_task_remove`: take a task out of a list that is not its home list.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::lists::membership::{self, Membership, explained, is_home, named};
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::tasks::shape::Named;
use crate::toolsets::Toolset;

/// `clickup_list_task_remove`.
#[derive(Debug)]
pub struct ListTaskRemove;

/// Arguments of `clickup_list_task_remove`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A list reference.
    pub list: String,
    // A task reference (a name must match whole).
    pub task: String,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for ListTaskRemove {
    type Args = Args;
    type Output = Membership;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_list_task_remove",
        title: "Remove a task from another list",
        description: "Take a task out of a list that is not its home list (the task stays in \
                      its home list). A task name must match whole.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &["list", "task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Membership, ToolError> {
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let parts = membership::parts(ctx, &workspace, &args.list, &args.task, true).await?;
        let task = parts.task;
        if is_home(&task, &parts.list) {
            return Err(ToolError::invalid_argument(
                "That list is the task's home list, which it cannot leave; move it with \
                 clickup_task_move or delete it with clickup_task_delete.",
            ));
        }
        let removed = ctx
            .clickup
            .remove_task_from_list(&ctx.token, &parts.list, &task.id)
            .await;
        ctx.answer("The task or list", removed)
            .await
            .map_err(explained)?;
        let list_name = task
            .locations
            .iter()
            .find(|l| l.id == parts.list.as_str())
            .and_then(|l| l.name.clone())
            .or_else(|| (!parts.list_name.is_empty()).then(|| parts.list_name.clone()));
        Ok(Membership {
            ok: true,
            task: Named {
                id: task.id.to_string(),
                name: Some(task.name.clone()),
            },
            list: Named {
                id: parts.list.to_string(),
                name: list_name,
            },
            home_list: task.list.as_ref().map(named),
            other_lists: task
                .locations
                .iter()
                .filter(|l| l.id != parts.list.as_str())
                .map(named)
                .collect(),
            verified: false,
            not_applied: Vec::new(),
        })
    }
}

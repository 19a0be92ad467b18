//! `clickup_task_link_add`: link two tasks (no blocking). ClickUp answers the task with its
//! links, which serves as the read-back.

use clickup::ids::TaskRef;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::dependencies::{Added, TaskBrief, has_link, other_task, read_task};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::tasks::shape::relationships;
use crate::toolsets::Toolset;
use crate::verify::NotApplied;

/// `clickup_task_link_add`.
#[derive(Debug)]
pub struct TaskLinkAdd;

/// Arguments of `clickup_task_link_add`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference.
    pub task: String,
    // A task reference: the task to link to.
    pub links_to: String,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for TaskLinkAdd {
    type Args = Args;
    type Output = Added;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_link_add",
        title: "Link two tasks",
        description: "Link a task to another (a plain link: neither waits on the other).",
        tier: Tier::Premium,
        toolset: Toolset::Dependencies,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Added, ToolError> {
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let task = read_task(ctx, &ws, &args.task).await?;
        let other = other_task(ctx, &ws, &task, "links_to", &args.links_to).await?;
        if has_link(&task, &other) {
            return Ok(Added {
                task: TaskBrief::from(&task),
                relationships: relationships(&task),
                added: false,
                verified: true,
                not_applied: Vec::new(),
            });
        }
        let canonical = TaskRef::Id(task.id.clone());
        let result = ctx
            .clickup
            .add_task_link(&ctx.token, &canonical, &other)
            .await;
        let after = ctx.answer("The task", result).await?;
        let mut not_applied = Vec::new();
        if !has_link(&after, &other) {
            not_applied.push(NotApplied {
                field: "links_to".into(),
                requested: Value::from(other.as_str()),
                actual: Value::Null,
            });
        }
        Ok(Added {
            task: TaskBrief::from(&after),
            relationships: relationships(&after),
            added: true,
            verified: true,
            not_applied,
        })
    }
}

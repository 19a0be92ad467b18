//! `clickup_task_dependency_add`: make a task wait on another, or block another.

use clickup::ids::TaskRef;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::dependencies::{
    Added, TaskBrief, dependency, direction, get, has_dependency, other_task, read_task,
};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::tasks::shape::relationships;
use crate::toolsets::Toolset;
use crate::verify::NotApplied;

/// `clickup_task_dependency_add`.
#[derive(Debug)]
pub struct TaskDependencyAdd;

/// Arguments of `clickup_task_dependency_add`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference.
    pub task: String,
    /// A task `task` waits on (it blocks `task`).
    #[serde(default)]
    pub waiting_on: Option<String>,
    /// A task that waits on `task`.
    #[serde(default)]
    pub blocking: Option<String>,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for TaskDependencyAdd {
    type Args = Args;
    type Output = Added;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_dependency_add",
        title: "Add a task dependency",
        description: "Make a task wait on another (`waiting_on`) or block another (`blocking`); \
                      give one.",
        tier: Tier::Premium,
        toolset: Toolset::Dependencies,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Added, ToolError> {
        let direction = direction(args.waiting_on.as_deref(), args.blocking.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let task = read_task(ctx, &ws, &args.task).await?;
        let other = other_task(ctx, &ws, &task, direction.arg, direction.reference).await?;
        let wanted = dependency(&direction, other.clone());
        if has_dependency(&task, &wanted) {
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
            .add_dependency(&ctx.token, &canonical, &wanted)
            .await;
        ctx.answer("The task", result).await?;
        let Ok(after) = get(ctx, &canonical).await else {
            return Ok(Added {
                task: TaskBrief::from(&task),
                relationships: relationships(&task),
                added: true,
                verified: false,
                not_applied: Vec::new(),
            });
        };
        let mut not_applied = Vec::new();
        if !has_dependency(&after, &wanted) {
            not_applied.push(NotApplied {
                field: direction.arg.to_owned(),
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

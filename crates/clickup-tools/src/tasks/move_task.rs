//! `clickup_task_move`: change a task's home list in place (ClickUp's v3 move; same id,
//! comments, history and attachments kept; subtasks go along). See [`crate::tasks::moving`].

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::tasks::moving::{MoveOptions, MoveResult, StatusMapArg, move_one, target};
use crate::tasks::shape::Render;
use crate::toolsets::Toolset;

/// `clickup_task_move`.
#[derive(Debug)]
pub struct TaskMove;

/// Arguments of `clickup_task_move`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference.
    pub task: String,
    /// The new home list.
    pub list: String,
    /// Needed for each status (of the task or a subtask) the new list lacks.
    #[serde(default)]
    pub status_mappings: Vec<StatusMapArg>,
    /// Bring the task's custom fields to the new list.
    #[serde(default)]
    pub move_custom_fields: bool,
    /// Only these fields (ids or names); implies `move_custom_fields`.
    #[serde(default)]
    pub custom_fields_to_move: Vec<String>,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for TaskMove {
    type Args = Args;
    type Output = MoveResult;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_move",
        title: "Move a task to another list",
        description: "Change a task's home list in place: same id, comments and history kept, \
                      subtasks go along (never a copy and delete).",
        tier: Tier::Free,
        toolset: Toolset::Tasks,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &["task", "list"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<MoveResult, ToolError> {
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let options = MoveOptions {
            status_mappings: args.status_mappings,
            move_custom_fields: args.move_custom_fields,
            custom_fields_to_move: args.custom_fields_to_move,
        };
        let target = target(ctx, &workspace, &args.list, &options).await?;
        let moved = move_one(ctx, &workspace, &args.task, &target, &options).await?;
        let render = Render::new(ctx.default_zone.clone(), DetailLevel::Summary);
        Ok(MoveResult {
            task: render.summary(&moved.task),
            from_list: moved.from_list,
            verified: moved.verified,
            not_applied: moved.not_applied,
        })
    }
}

//! `clickup_task_update`: change some fields of a task, verified by reading it back.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::tasks::arguments;
use crate::tasks::changes::{UpdateFields, update_one};
use crate::tasks::shape::{DetailLevel, Render};
use crate::tasks::verify::TaskWriteResult;
use crate::toolsets::Toolset;

/// `clickup_task_update`.
#[derive(Debug)]
pub struct TaskUpdate;

/// Arguments of `clickup_task_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference (the initialize instructions say the forms).
    pub task: String,
    // What to change.
    #[serde(flatten)]
    pub fields: UpdateFields,
    // Shared conventions (initialize instructions): no description in the schema.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for TaskUpdate {
    type Args = Args;
    type Output = TaskWriteResult;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_update",
        title: "Update a task",
        description: "Change some fields of a task. `assignees`, `group_assignees`, \
                      `watchers`, `replace_tags` are final sets; `add_`/`remove_assignees` and \
                      `add_`/`remove_tags` are changes (space tags). `parent`: a task of the \
                      same list. `custom_fields` is premium.",
        tier: Tier::Free,
        toolset: Toolset::Tasks,
        everyday: true,
        effect: Effect::WriteIdempotent,
        references: &["task"],
        premium_arguments: &["custom_fields"],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<TaskWriteResult, ToolError> {
        args.fields.check()?;
        if !args.fields.custom_fields.is_empty() {
            arguments::require_premium_argument(ctx, "custom_fields")?;
        }
        let reader = ctx.date_reader(args.workspace.timezone.as_deref())?;
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let updated = update_one(ctx, &workspace, &reader, &args.task, &args.fields, true).await?;
        let mut render = Render::new(reader.zone().clone(), args.detail_level);
        render
            .name_task_types(ctx, &workspace.id, [&updated.task])
            .await;
        Ok(TaskWriteResult {
            task: render.task(&updated.task),
            verified: updated.verified,
            not_applied: updated.not_applied,
            tags: updated.tags,
        })
    }
}

//! `clickup_task_get`: one task, with the sections `include` adds to the summary.

use clickup::filters::TaskReadOptions;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::task_ref;
use crate::tasks::shape::{DetailLevel, Render, Section, Task};
use crate::toolsets::Toolset;

/// `clickup_task_get`.
#[derive(Debug)]
pub struct TaskGet;

/// Arguments of `clickup_task_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference (the initialize instructions say the forms).
    pub task: String,
    // Sections to add to the summary (all of them at `full`); the tool description says so.
    #[serde(default)]
    pub include: Vec<Section>,
    // Shared conventions (initialize instructions): no description in the schema.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // `timezone`: for dates in the answer.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for TaskGet {
    type Args = Args;
    type Output = Task;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_get",
        title: "Get a task",
        description: "One task; `include` adds sections to the summary.",
        tier: Tier::Free,
        toolset: Toolset::Tasks,
        everyday: true,
        effect: Effect::Read,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Task, ToolError> {
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let reference = task_ref::resolve(ctx, &workspace, &args.task, None).await?;
        let mut render = Render::new(zone, args.detail_level);
        render.sections = args.include;
        let options = TaskReadOptions {
            include_subtasks: render.level == DetailLevel::Full
                || render.sections.contains(&Section::Subtasks),
            include_markdown_description: true,
        };
        let task = ctx
            .answer(
                "The task",
                ctx.clickup.get_task(&ctx.token, &reference, options).await,
            )
            .await?;
        render.name_task_types(ctx, &workspace.id, [&task]).await;
        Ok(render.task(&task))
    }
}

//! `clickup_task_merge` (premium): merge source tasks into a target task (`POST
//! /v2/task/{task_id}/merge` with `{source_task_ids}`, canonical ids only: custom ids are read
//! once each). The sources cease to exist separately. Names must match whole (this destroys),
//! and every task is read first, so the answer names what was merged away.

use clickup::filters::TaskReadOptions;
use clickup::ids::{TaskId, TaskRef};
use clickup::models::task::MergeTasks;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::task_ref;
use crate::tasks::shape::{DetailLevel, Named, Render, TaskSummary};
use crate::toolsets::Toolset;

/// Most source tasks of one merge.
const MAX_SOURCES: usize = 100;

/// `clickup_task_merge`.
#[derive(Debug)]
pub struct TaskMerge;

/// Arguments of `clickup_task_merge`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// The task that remains.
    pub task: String,
    /// Tasks merged into it (1–100); they cease to exist separately.
    pub sources: Vec<String>,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The answer of `clickup_task_merge`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Merged {
    /// The target task, as read after the merge.
    pub task: TaskSummary,
    /// The tasks merged into it (gone as separate tasks).
    pub merged: Vec<Named>,
    /// Whether the target was read back.
    pub verified: bool,
}

impl Tool for TaskMerge {
    type Args = Args;
    type Output = Merged;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_merge",
        title: "Merge tasks",
        description: "Merge source tasks into a target task; the sources cease to exist \
                      separately. Names must match whole; the answer names what was merged.",
        tier: Tier::Premium,
        toolset: Toolset::Tasks,
        everyday: false,
        effect: Effect::Destructive,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Merged, ToolError> {
        if args.sources.is_empty() || args.sources.len() > MAX_SOURCES {
            return Err(ToolError::invalid_argument(format!(
                "`sources` takes 1 to {MAX_SOURCES} tasks. Nothing was done."
            )));
        }
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let target = read(ctx, &workspace, &args.task).await?;
        let mut sources: Vec<(TaskId, String)> = Vec::new();
        for reference in &args.sources {
            let source = read(ctx, &workspace, reference).await?;
            if source.id == target.id {
                return Err(ToolError::invalid_argument(
                    "A task cannot be merged into itself; `sources` names the target. Nothing \
                     was done.",
                ));
            }
            if !sources.iter().any(|(id, _)| *id == source.id) {
                sources.push((source.id, source.name));
            }
        }
        let body = MergeTasks {
            source_task_ids: sources.iter().map(|(id, _)| id.clone()).collect(),
        };
        let merged = ctx.clickup.merge_tasks(&ctx.token, &target.id, &body).await;
        ctx.answer("A task", merged).await?;
        for (id, _) in &sources {
            ctx.cache.forget_task(ctx, id);
        }
        let after = ctx
            .clickup
            .get_task(
                &ctx.token,
                &TaskRef::Id(target.id.clone()),
                TaskReadOptions {
                    include_subtasks: false,
                    include_markdown_description: false,
                },
            )
            .await;
        let (task, verified) = match after {
            Ok(task) => (task, true),
            Err(_) => (target, false),
        };
        let render = Render::new(ctx.default_zone.clone(), DetailLevel::Summary);
        Ok(Merged {
            task: render.summary(&task),
            merged: sources
                .into_iter()
                .map(|(id, name)| Named {
                    id: id.to_string(),
                    name: Some(name),
                })
                .collect(),
            verified,
        })
    }
}

/// A task by a whole-name reference, read (custom ids become canonical).
async fn read(
    ctx: &ToolContext,
    workspace: &crate::cache::WorkspaceInfo,
    reference: &str,
) -> Result<clickup::models::Task, ToolError> {
    let reference = task_ref::resolve_exact(ctx, workspace, reference, None).await?;
    let read = ctx
        .clickup
        .get_task(
            &ctx.token,
            &reference,
            TaskReadOptions {
                include_subtasks: false,
                include_markdown_description: false,
            },
        )
        .await;
    ctx.answer("The task", read).await
}

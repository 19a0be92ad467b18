//! `clickup_task_bulk_move` (premium): move up to 100 tasks to one list, one by one, each as
//! `clickup_task_move` does (the v3 move; statuses kept or mapped; subtasks along). The target
//! list is read once; a mapping to a status it lacks refuses the whole call before any move.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::{ToolError, ToolErrorCode};
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::tasks::bulk::{BulkResult, ItemResult, budget_spent, check_count, not_attempted};
use crate::tasks::moving::{MoveOptions, StatusMapArg, move_one, target};
use crate::toolsets::Toolset;

/// `clickup_task_bulk_move`.
#[derive(Debug)]
pub struct TaskBulkMove;

/// Arguments of `clickup_task_bulk_move`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Task references, at most 100 (the description says so).
    pub tasks: Vec<String>,
    /// The new home list of every task.
    pub list: String,
    /// Needed for each status (of a task or subtask) the new list lacks.
    #[serde(default)]
    pub status_mappings: Vec<StatusMapArg>,
    /// Bring the tasks' custom fields to the new list.
    #[serde(default)]
    pub move_custom_fields: bool,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for TaskBulkMove {
    type Args = Args;
    type Output = BulkResult;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_bulk_move",
        title: "Move tasks in bulk",
        description: "Move up to 100 tasks to one list like clickup_task_move, one by one (not \
                      atomic).",
        tier: Tier::Premium,
        toolset: Toolset::Bulk,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &["list"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<BulkResult, ToolError> {
        check_count(args.tasks.len())?;
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let options = MoveOptions {
            status_mappings: args.status_mappings,
            move_custom_fields: args.move_custom_fields,
            custom_fields_to_move: Vec::new(),
        };
        let target = target(ctx, &workspace, &args.list, &options).await?;
        let total = args.tasks.len() as u64;
        let mut results = Vec::with_capacity(args.tasks.len());
        let mut stopped = false;
        for (i, reference) in args.tasks.iter().enumerate() {
            stopped = stopped || budget_spent(ctx);
            if stopped {
                results.push(not_attempted(i));
                continue;
            }
            results.push(
                match move_one(ctx, &workspace, reference, &target, &options).await {
                    Ok(moved) => ItemResult {
                        index: i,
                        ok: true,
                        id: Some(moved.task.id.to_string()),
                        custom_id: moved.task.custom_id.clone(),
                        name: Some(moved.task.name.clone()),
                        error: None,
                        not_applied: moved.not_applied,
                        tags: None,
                    },
                    Err(err) => {
                        stopped = err.code == ToolErrorCode::RateLimited;
                        ItemResult::failed(i, &err)
                    }
                },
            );
            ctx.progress(i as u64 + 1, total, format!("moved item {i}"))
                .await;
        }
        Ok(BulkResult::new(results))
    }
}

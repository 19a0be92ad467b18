//! `clickup_task_bulk_delete` (premium): delete up to 100 tasks (with their subtasks), one by
//! one; names must match whole, as for `clickup_task_delete`.

use clickup::filters::TaskReadOptions;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::{ToolError, ToolErrorCode};
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::task_ref;
use crate::tasks::bulk::{BulkResult, ItemResult, budget_spent, check_count, not_attempted};
use crate::toolsets::Toolset;

/// `clickup_task_bulk_delete`.
#[derive(Debug)]
pub struct TaskBulkDelete;

/// Arguments of `clickup_task_bulk_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Task references, at most 100 (the description says so).
    pub tasks: Vec<String>,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for TaskBulkDelete {
    type Args = Args;
    type Output = BulkResult;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_bulk_delete",
        title: "Delete tasks in bulk",
        description: "Delete up to 100 tasks and their subtasks, one by one (not atomic). Names \
                      must match whole; each result names what was deleted.",
        tier: Tier::Premium,
        toolset: Toolset::Bulk,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<BulkResult, ToolError> {
        check_count(args.tasks.len())?;
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let total = args.tasks.len() as u64;
        let mut results = Vec::with_capacity(args.tasks.len());
        let mut stopped = false;
        for (i, reference) in args.tasks.iter().enumerate() {
            stopped = stopped || budget_spent(ctx);
            if stopped {
                results.push(not_attempted(i));
                continue;
            }
            results.push(match delete_one(ctx, &workspace, reference).await {
                Ok(done) => ItemResult { index: i, ..done },
                Err(err) => {
                    stopped = err.code == ToolErrorCode::RateLimited;
                    ItemResult::failed(i, &err)
                }
            });
            ctx.progress(i as u64 + 1, total, format!("deleted item {i}"))
                .await;
        }
        Ok(BulkResult::new(results))
    }
}

/// Read (for the answer) and delete one task.
async fn delete_one(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    reference: &str,
) -> Result<ItemResult, ToolError> {
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
    let task = ctx.answer("The task", read).await?;
    let deleted = ctx.clickup.delete_task(&ctx.token, &reference).await;
    ctx.answer("The task", deleted).await?;
    ctx.cache.forget_task(ctx, &task.id);
    Ok(ItemResult {
        index: 0,
        ok: true,
        id: Some(task.id.to_string()),
        custom_id: task.custom_id,
        name: Some(task.name),
        error: None,
        not_applied: Vec::new(),
        tags: None,
    })
}

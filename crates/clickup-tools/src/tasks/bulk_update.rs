//! `clickup_task_bulk_update` (premium): up to 100 `{task, …fields}` changes, each like
//! `clickup_task_update`, one by one.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::error::{ToolError, ToolErrorCode};
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::tasks::bulk::{BulkResult, ItemResult, budget_spent, check_count, not_attempted};
use crate::tasks::changes::{UpdateFields, update_one};
use crate::toolsets::Toolset;

/// `clickup_task_bulk_update`.
#[derive(Debug)]
pub struct TaskBulkUpdate;

// One task of `clickup_task_bulk_update`: a task reference and its changes. Inlined into
// `tasks`.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(inline, extend("additionalProperties" = false))]
pub struct BulkUpdateItem {
    pub task: String,
    // What to change (as clickup_task_update).
    #[serde(flatten)]
    pub fields: UpdateFields,
}

/// Arguments of `clickup_task_bulk_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // At most 100 (`MAX_ITEMS`; the tool description says so).
    pub tasks: Vec<BulkUpdateItem>,
    // Read each task back and report `not_applied` (default true, said by the schema's
    // `default`).
    #[serde(default)]
    #[schemars(extend("default" = true))]
    pub verify: Option<bool>,
    // Shared conventions (initialize instructions): no description in the schema.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for TaskBulkUpdate {
    type Args = Args;
    type Output = BulkResult;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_bulk_update",
        title: "Update tasks in bulk",
        description: "Update up to 100 tasks like clickup_task_update, one by one (not \
                      atomic).",
        tier: Tier::Premium,
        toolset: Toolset::Bulk,
        everyday: true,
        effect: Effect::WriteIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<BulkResult, ToolError> {
        check_count(args.tasks.len())?;
        let verify = args.verify.unwrap_or(true);
        let reader = ctx.date_reader(args.workspace.timezone.as_deref())?;
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let total = args.tasks.len() as u64;
        let mut results = Vec::with_capacity(args.tasks.len());
        let mut stopped = false;
        for (i, item) in args.tasks.iter().enumerate() {
            stopped = stopped || budget_spent(ctx);
            if stopped {
                results.push(not_attempted(i));
                continue;
            }
            let outcome = match item.fields.check() {
                Ok(()) => {
                    update_one(ctx, &workspace, &reader, &item.task, &item.fields, verify).await
                }
                Err(err) => Err(err),
            };
            results.push(match outcome {
                Ok(task) => ItemResult {
                    index: i,
                    ok: true,
                    id: Some(task.task.id.to_string()),
                    custom_id: task.task.custom_id.clone(),
                    name: None,
                    error: None,
                    not_applied: task.not_applied,
                    tags: task.tags,
                },
                Err(err) => {
                    stopped = err.code == ToolErrorCode::RateLimited;
                    ItemResult::failed(i, &err)
                }
            });
            ctx.progress(i as u64 + 1, total, format!("updated item {i}"))
                .await;
        }
        Ok(BulkResult::new(results))
    }
}

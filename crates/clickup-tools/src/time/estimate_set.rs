//! `clickup_task_estimate_set`: per-user time estimates on a task, merged with the others
//! (`PATCH`, default) or replacing them all (`PUT`) on ClickUp's v3
//! `/v3/workspaces/{workspace_id}/tasks/{task_id}/time_estimates_by_user` (a custom id is read
//! to its canonical id first). Up to 10 estimates; each user must be assigned to the task, or
//! `unassigned`. ClickUp has no read of per-user estimates, so the result is ClickUp's answer
//! with `verified: false`.

use clickup::models::time::{EstimateAssignee, EstimateMode, Unassigned, UserEstimate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::durations::{DurationMs, format_duration};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::time::user_ids;
use crate::toolsets::Toolset;
use crate::{ids, resolve, task_ref};

/// The most estimates ClickUp takes in one request.
const MAX_ESTIMATES: usize = 10;

/// `clickup_task_estimate_set`.
#[derive(Debug)]
pub struct TaskEstimateSet;

/// One user's estimate.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Estimate {
    /// A user assigned to the task, or `unassigned`.
    pub user: String,
    pub time_estimate: DurationMs,
}

/// Merge with the task's other estimates, or replace them all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Only these users' estimates change.
    #[default]
    Merge,
    /// These become the task's only estimates.
    Replace,
}

/// Arguments of `clickup_task_estimate_set`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference.
    pub task: String,
    /// 1–10 estimates.
    pub estimates: Vec<Estimate>,
    #[serde(default)]
    pub mode: Mode,
    // Shared argument.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// An estimate as ClickUp answered it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EstimateOut {
    /// User id; none for unassigned work.
    pub user_id: Option<String>,
    /// Ms.
    pub time_estimate_ms: i64,
    /// The same as text.
    pub time_estimate: String,
}

/// The result of `clickup_task_estimate_set`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The task id.
    pub task_id: String,
    /// The task's total estimate in ms, as ClickUp answered.
    pub total_ms: Option<i64>,
    /// The task's per-user estimates, as ClickUp answered.
    pub estimates: Vec<EstimateOut>,
    /// Always false: ClickUp has no read of per-user estimates.
    pub verified: bool,
}

impl Tool for TaskEstimateSet {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_estimate_set",
        title: "Set per-user estimates",
        description: "Per-user time estimates on a task (users assigned to it, or \
                      `unassigned`): merged with the others, or `mode: replace` for all. \
                      Business plan or above.",
        tier: Tier::Premium,
        toolset: Toolset::Time,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        if args.estimates.is_empty() || args.estimates.len() > MAX_ESTIMATES {
            return Err(ToolError::invalid_argument(format!(
                "`estimates` must hold 1 to {MAX_ESTIMATES} estimates."
            )));
        }
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let mut body: Vec<UserEstimate> = Vec::with_capacity(args.estimates.len());
        for estimate in &args.estimates {
            let assignee = if estimate.user.trim().eq_ignore_ascii_case("unassigned") {
                EstimateAssignee::Unassigned(Unassigned::Unassigned)
            } else {
                let user = user_ids(ctx, &ws, std::slice::from_ref(&estimate.user)).await?;
                let id = user.first().copied().ok_or_else(|| {
                    ToolError::invalid_argument("An estimate's `user` names nobody; pass a member's id, email or name, or `unassigned`.")
                })?;
                EstimateAssignee::User(id)
            };
            if body.iter().any(|b| b.assignee == assignee) {
                return Err(ToolError::invalid_argument(
                    "Each user may appear once in `estimates`.",
                ));
            }
            let time = i64::try_from(estimate.time_estimate.ms)
                .map_err(|_| ToolError::invalid_argument("An estimate is too long."))?;
            body.push(UserEstimate { assignee, time });
        }
        let task = task_ref::canonical(ctx, &ws, &args.task, None).await?;
        let mode = match args.mode {
            Mode::Merge => EstimateMode::Merge,
            Mode::Replace => EstimateMode::Replace,
        };
        let answer = ctx
            .clickup
            .set_time_estimates_by_user(&ctx.token, &team, &task, &body, mode)
            .await;
        let answer = ctx.answer("The task", answer).await?;
        Ok(Output {
            task_id: task.to_string(),
            total_ms: answer.get("total_time_estimate").and_then(Value::as_i64),
            estimates: estimates_of(&answer),
            verified: false,
        })
    }
}

/// The per-user estimates of ClickUp's answer, read loosely (its shape is undocumented).
fn estimates_of(answer: &Value) -> Vec<EstimateOut> {
    answer
        .get("time_estimates")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| {
                    let ms = item.get("time").and_then(Value::as_i64)?;
                    let user_id = match item.get("assignee") {
                        Some(Value::Number(n)) => Some(n.to_string()),
                        _ => None,
                    };
                    Some(EstimateOut {
                        user_id,
                        time_estimate_ms: ms,
                        time_estimate: format_duration(u64::try_from(ms).unwrap_or_default()),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

//! `clickup_time_in_status_get`: how long tasks have been in each status, and their current
//! status. One task: `GET /v2/task/{task_id}/time_in_status`; several (≤ 100): one
//! `GET /v2/task/bulk_time_in_status/task_ids?task_ids=a&task_ids=b` (custom ids go as such when
//! all are custom, else each is first read to its canonical id). ClickUp counts whole minutes;
//! the tool answers ms.

use clickup::ids::{TaskId, TaskRef};
use clickup::models::time::{StatusTime, TimeInStatus};
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::dates;
use crate::durations::format_duration;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve, task_ref};

/// The most tasks one call may ask about (ClickUp's bulk limit).
const MAX_TASKS: usize = 100;

/// `clickup_time_in_status_get`.
#[derive(Debug)]
pub struct TimeInStatusGet;

/// Arguments of `clickup_time_in_status_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// 1–100 task references.
    pub tasks: Vec<String>,
    // Shared arguments.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// Time in one status.
#[derive(Debug, Serialize, JsonSchema)]
pub struct StatusSpan {
    /// Status name.
    pub status: String,
    /// Status type (`open`, `custom`, `done`, `closed`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// Time in it, ms (ClickUp counts whole minutes).
    pub time_ms: i64,
    /// The same as text.
    pub time: String,
    /// Since (ISO 8601): the current visit for the current status, else the first entry.
    pub since: Option<String>,
}

/// One task's time in status.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TaskTimes {
    /// The task id as asked (a custom id when given so).
    pub task_id: String,
    /// The status it is in now.
    pub current: Option<StatusSpan>,
    /// Every status it has been in.
    pub statuses: Vec<StatusSpan>,
}

/// The result of `clickup_time_in_status_get`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// One per task, in the order asked.
    pub items: Vec<TaskTimes>,
}

impl Tool for TimeInStatusGet {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_time_in_status_get",
        title: "Time in status",
        description: "How long each task (1–100) has spent in each status, and its current status.",
        tier: Tier::Premium,
        toolset: Toolset::Time,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        if args.tasks.is_empty() || args.tasks.len() > MAX_TASKS {
            return Err(ToolError::invalid_argument(format!(
                "`tasks` must hold 1 to {MAX_TASKS} task references."
            )));
        }
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let mut tasks: Vec<TaskRef> = Vec::with_capacity(args.tasks.len());
        for reference in &args.tasks {
            let task = task_ref::resolve(ctx, &ws, reference, None).await?;
            if !tasks.contains(&task) {
                tasks.push(task);
            }
        }
        if let [task] = tasks.as_slice() {
            let times = ctx.clickup.task_time_in_status(&ctx.token, task).await;
            let times = ctx.answer("The task", times).await?;
            return Ok(Output {
                items: vec![TaskTimes::new(task.path_id().as_str(), &times, &zone)],
            });
        }
        let all_custom = tasks.iter().all(|t| matches!(t, TaskRef::Custom { .. }));
        let mut sent: Vec<TaskId> = Vec::with_capacity(tasks.len());
        for task in &tasks {
            match task {
                TaskRef::Id(id) => sent.push(id.clone()),
                TaskRef::Custom { custom_id, .. } if all_custom => sent.push(custom_id.clone()),
                TaskRef::Custom { custom_id, .. } => {
                    sent.push(task_ref::canonical(ctx, &ws, custom_id.as_str(), None).await?)
                }
            }
        }
        let team = ids::team(&ws.id)?;
        let custom = all_custom.then_some(&team);
        let times = ctx
            .clickup
            .bulk_time_in_status(&ctx.token, &sent, custom)
            .await;
        let times = ctx.answer("A task", times).await?;
        let items = sent
            .iter()
            .map(|id| {
                let found = times.get(id.as_str()).or_else(|| {
                    times
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(id.as_str()))
                        .map(|(_, v)| v)
                });
                match found {
                    Some(t) => TaskTimes::new(id.as_str(), t, &zone),
                    None => TaskTimes {
                        task_id: id.to_string(),
                        current: None,
                        statuses: Vec::new(),
                    },
                }
            })
            .collect();
        Ok(Output { items })
    }
}

impl TaskTimes {
    fn new(task_id: &str, times: &TimeInStatus, zone: &TimeZone) -> Self {
        Self {
            task_id: task_id.to_owned(),
            current: times
                .current_status
                .as_ref()
                .map(|s| StatusSpan::new(s, zone)),
            statuses: times
                .status_history
                .iter()
                .map(|s| StatusSpan::new(s, zone))
                .collect(),
        }
    }
}

impl StatusSpan {
    fn new(status: &StatusTime, zone: &TimeZone) -> Self {
        let minutes = status
            .total_time
            .as_ref()
            .and_then(|t| t.by_minute)
            .unwrap_or_default()
            .max(0);
        let time_ms = minutes.saturating_mul(60_000);
        Self {
            status: status.status.clone(),
            r#type: status.kind.clone(),
            time_ms,
            time: format_duration(u64::try_from(time_ms).unwrap_or_default()),
            since: status
                .total_time
                .as_ref()
                .and_then(|t| t.since)
                .map(|s| dates::format_date(s.millis(), zone)),
        }
    }
}

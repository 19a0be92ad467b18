//! `clickup_timer_start`: start the caller's timer, on a task or not, optionally replacing a
//! running one.

use clickup::ids::TaskRef;
use clickup::models::{StartTimer, TimeEntry};
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::dates;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::time::{Timer, check_description, check_tags, current, time_tags};
use crate::toolsets::Toolset;
use crate::verify::NotApplied;
use crate::{ids, resolve, task_ref};

/// `clickup_timer_start`.
#[derive(Debug)]
pub struct TimerStart;

/// Arguments of `clickup_timer_start`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference: the task to track.
    #[serde(default)]
    pub task: Option<String>,
    // What the time is for.
    #[serde(default)]
    pub description: Option<String>,
    // Whether the time is billable (ClickUp's default: no).
    #[serde(default)]
    pub billable: Option<bool>,
    /// Time-entry tags, not space tags.
    #[serde(default)]
    pub tags: Vec<String>,
    // Stop a running timer first instead of refusing (the tool description says so).
    #[serde(default)]
    pub replace_running: bool,
    // Shared arguments (server instructions); `timezone`: the zone of the dates in the answer.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// The result of `clickup_timer_start`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The running timer, as read back.
    pub timer: Timer,
    /// The timer that was running and got stopped (`replace_running`).
    pub stopped: Option<Timer>,
    /// Whether the timer was read back.
    pub verified: bool,
    /// Requested values the running timer does not have.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for TimerStart {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_timer_start",
        title: "Start a timer",
        description: "Start your timer, on a task or not. Refused while another runs unless \
                      `replace_running` (which stops it and returns it as `stopped`).",
        tier: Tier::Premium,
        toolset: Toolset::Time,
        everyday: true,
        effect: Effect::Write,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let tags = time_tags(&args.tags)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let task = match args.task.as_deref() {
            Some(reference) => Some(task_ref::resolve(ctx, &ws, reference, None).await?),
            None => None,
        };

        let stopped = match current(ctx, &team).await? {
            Some(running) if !args.replace_running => {
                return Err(already_running(&running, &zone));
            }
            Some(_) => {
                let stopped = ctx.clickup.stop_timer(&ctx.token, &team).await;
                Some(ctx.answer("The running timer", stopped).await?)
            }
            None => None,
        };

        let request = StartTimer {
            task: task.clone(),
            description: args.description.clone(),
            tags: tags.clone(),
            billable: args.billable,
        };
        let started = ctx.clickup.start_timer(&ctx.token, &team, &request).await;
        let started = ctx.answer("The task", started).await?;

        let after = current(ctx, &team).await?.filter(|e| e.id == started.id);
        let Some(after) = after else {
            return Err(ToolError::upstream(
                "ClickUp accepted the timer but does not show it running; check with clickup_time_entry_list.",
            ));
        };
        let mut not_applied = Vec::new();
        if let Some(task) = &task {
            let on = after.task.as_ref();
            let same = match task {
                TaskRef::Id(id) => on.is_some_and(|t| t.id == id.as_str()),
                TaskRef::Custom { custom_id, .. } => on.is_some_and(|t| {
                    t.custom_id
                        .as_deref()
                        .is_some_and(|c| c.eq_ignore_ascii_case(custom_id.as_str()))
                }),
            };
            if !same {
                not_applied.push(NotApplied {
                    field: "task".into(),
                    requested: Value::from(task.path_id().as_str()),
                    actual: on.map_or(Value::Null, |t| Value::from(t.id.as_str())),
                });
            }
        }
        check_description(&mut not_applied, args.description.as_deref(), &after);
        if let Some(billable) = args.billable
            && billable != after.billable
        {
            not_applied.push(NotApplied {
                field: "billable".into(),
                requested: Value::from(billable),
                actual: Value::from(after.billable),
            });
        }
        check_tags(&mut not_applied, &tags, &after);
        Ok(Output {
            timer: Timer::new(&after, &zone),
            stopped: stopped.as_ref().map(|e| Timer::new(e, &zone)),
            verified: true,
            not_applied,
        })
    }
}

/// `invalid_argument` describing the running timer (the caller's own data).
fn already_running(running: &TimeEntry, zone: &TimeZone) -> ToolError {
    let on = running
        .task
        .as_ref()
        .map(|t| match &t.name {
            Some(name) => format!(" on task {name} ({})", t.id),
            None => format!(" on task {}", t.id),
        })
        .unwrap_or_default();
    let since = running
        .start
        .map(|s| format!(" since {}", dates::format_date(s.millis(), zone)))
        .unwrap_or_default();
    ToolError::invalid_argument(format!(
        "A timer is already running (entry {}{on}{since}).",
        running.id
    ))
    .with_hint(
        "Stop it with clickup_timer_stop, or pass `replace_running: true` to stop it and start the new one.",
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn entry(value: Value) -> TimeEntry {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn a_running_timer_is_described_with_its_task_and_start() {
        let running = entry(
            json!({"id": "4000", "start": "1735725600000", "duration": -1,
            "task": {"id": "86aa0001", "name": "Set up CI pipeline"}}),
        );
        let err = already_running(&running, &TimeZone::UTC);
        assert_eq!(
            err.message,
            "A timer is already running (entry 4000 on task Set up CI pipeline (86aa0001) since 2025-01-01T10:00:00+00:00)."
        );
        assert!(err.hint.unwrap().contains("replace_running"));
    }
}

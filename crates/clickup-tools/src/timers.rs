//! Timer tools (TOOLS.md §13): start and stop the caller's running timer. ClickUp runs one timer
//! per user and workspace; a running one is a time entry with a negative `duration`. Both tools
//! are premium and verified: the timer is read back after the change.

use std::sync::Arc;

use clickup::ids::{TaskRef, TeamId};
use clickup::models::time::TagAction;
use clickup::models::{StartTimer, TimeEntry, UpdateTimeEntry};
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Tier;
use crate::context::ToolContext;
use crate::dates;
use crate::error::ToolError;
use crate::registry::{ClickUpTool, Effect, ToolFuture, ToolSpec, TypedTool};
use crate::toolsets::Toolset;
use crate::verify::NotApplied;
use crate::{ids, resolve, task_ref};

/// The most time-entry tags one call may set.
const MAX_TAGS: usize = 100;

/// ClickUp's answer to a stop with no running timer.
const NO_TIMER_RUNNING: &str = "TIMEENTRY_001";

/// The tools of this file.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_timer_start",
                title: "Start a timer",
                description: "Start your timer, on a task or not. Refused while another runs unless \
                              `replace_running` (which stops it and returns it as `stopped`).",
                tier: Tier::Premium,
                toolset: Toolset::Time,
                effect: Effect::Write,
                references: &["task"],
                premium_arguments: &[],
            },
            timer_start,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_timer_stop",
                title: "Stop my timer",
                description: "Stop your running timer, optionally setting the entry's description and \
                              adding time-entry tags.",
                tier: Tier::Premium,
                toolset: Toolset::Time,
                effect: Effect::WriteIdempotent,
                references: &[],
                premium_arguments: &[],
            },
            timer_stop,
        )),
    ]
}

/// A running or finished timer.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Timer {
    /// Time entry id.
    pub id: String,
    /// Whether it is still running.
    pub running: bool,
    /// The task it tracks, if any.
    pub task: Option<TimerTask>,
    /// Description.
    pub description: Option<String>,
    /// Billable.
    pub billable: bool,
    /// Time-entry tags.
    pub tags: Vec<String>,
    /// Started (ISO 8601 in the effective time zone).
    pub start: Option<String>,
    /// Ended, for a finished entry.
    pub end: Option<String>,
    /// Tracked time in ms, for a finished entry.
    pub duration_ms: Option<i64>,
}

/// The task of a timer.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TimerTask {
    /// Task id.
    pub id: String,
    /// Custom task id, when the workspace uses them.
    pub custom_id: Option<String>,
    /// Name.
    pub name: Option<String>,
}

impl Timer {
    fn new(entry: &TimeEntry, zone: &TimeZone) -> Self {
        let running = entry.is_running();
        Self {
            id: entry.id.to_string(),
            running,
            task: entry.task.as_ref().map(|t| TimerTask {
                id: t.id.clone(),
                custom_id: t.custom_id.clone(),
                name: t.name.clone(),
            }),
            description: entry.description.clone().filter(|d| !d.is_empty()),
            billable: entry.billable,
            tags: tag_names(entry),
            start: entry.start.map(|s| dates::format_date(s.millis(), zone)),
            end: entry.end.map(|e| dates::format_date(e.millis(), zone)),
            duration_ms: entry.duration.filter(|_| !running),
        }
    }
}

// --- clickup_timer_start ---------------------------------------------------------------------

/// Arguments of `clickup_timer_start`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimerStartArgs {
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
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
    // Shared argument: the zone of the dates in the answer.
    #[serde(default)]
    pub timezone: Option<String>,
}

/// The result of `clickup_timer_start`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TimerStartResult {
    /// The running timer, as read back.
    pub timer: Timer,
    /// The timer that was running and got stopped (`replace_running`).
    pub stopped: Option<Timer>,
    /// Whether the timer was read back.
    pub verified: bool,
    /// Requested values the running timer does not have.
    pub not_applied: Vec<NotApplied>,
}

fn timer_start<'a>(ctx: &'a ToolContext, args: TimerStartArgs) -> ToolFuture<'a, TimerStartResult> {
    Box::pin(async move {
        let zone = ctx.zone(args.timezone.as_deref())?;
        let tags = time_tags(&args.tags)?;
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let task = match args.task.as_deref() {
            Some(reference) => Some(task_ref::resolve(ctx, &ws, reference, None).await?),
            None => None,
        };

        let stopped = match current(ctx, &team).await? {
            Some(running) if !args.replace_running => {
                return Err(already_running(&running, &zone));
            }
            Some(_) => Some(match ctx.clickup.stop_timer(&ctx.token, &team).await {
                Ok(entry) => entry,
                Err(err) => return Err(ctx.clickup_error(err, "The running timer").await),
            }),
            None => None,
        };

        let request = StartTimer {
            task: task.clone(),
            description: args.description.clone(),
            tags: tags.clone(),
            billable: args.billable,
        };
        let started = match ctx.clickup.start_timer(&ctx.token, &team, &request).await {
            Ok(entry) => entry,
            Err(err) => return Err(ctx.clickup_error(err, "The task").await),
        };

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
        Ok(TimerStartResult {
            timer: Timer::new(&after, &zone),
            stopped: stopped.as_ref().map(|e| Timer::new(e, &zone)),
            verified: true,
            not_applied,
        })
    })
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

// --- clickup_timer_stop ----------------------------------------------------------------------

/// Arguments of `clickup_timer_stop`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimerStopArgs {
    // Set the finished entry's description (the tool description says so).
    #[serde(default)]
    pub description: Option<String>,
    // Time-entry tags to add (the tool description says so).
    #[serde(default)]
    pub tags: Vec<String>,
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
    // Shared argument: the zone of the dates in the answer.
    #[serde(default)]
    pub timezone: Option<String>,
}

/// The result of `clickup_timer_stop`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TimerStopResult {
    /// The finished entry, as read back.
    pub timer: Timer,
    /// Whether the entry was read back.
    pub verified: bool,
    /// Requested values the entry does not have.
    pub not_applied: Vec<NotApplied>,
}

fn timer_stop<'a>(ctx: &'a ToolContext, args: TimerStopArgs) -> ToolFuture<'a, TimerStopResult> {
    Box::pin(async move {
        let zone = ctx.zone(args.timezone.as_deref())?;
        let tags = time_tags(&args.tags)?;
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;

        let stopped = match ctx.clickup.stop_timer(&ctx.token, &team).await {
            Ok(entry) => entry,
            Err(err) if err.ecode() == Some(NO_TIMER_RUNNING) || is_empty_stop(&err) => {
                return Err(ToolError::invalid_argument(
                    "No timer is running, so there is nothing to stop.",
                )
                .with_hint("Start one with clickup_timer_start."));
            }
            Err(err) => return Err(ctx.clickup_error(err, "The running timer").await),
        };

        if args.description.is_some() || !tags.is_empty() {
            let update = UpdateTimeEntry {
                description: args.description.clone(),
                tags: tags
                    .iter()
                    .map(|name| clickup::models::time::TimeTagName { name: name.clone() })
                    .collect(),
                tag_action: (!tags.is_empty()).then_some(TagAction::Add),
                ..UpdateTimeEntry::default()
            };
            if let Err(err) = ctx
                .clickup
                .update_time_entry(&ctx.token, &team, &stopped.id, &update)
                .await
            {
                return Err(ctx.clickup_error(err, "The stopped time entry").await);
            }
        }

        let after = match ctx
            .clickup
            .get_time_entry(&ctx.token, &team, &stopped.id)
            .await
        {
            Ok(Some(entry)) => entry,
            Ok(None) => {
                return Err(ToolError::upstream(
                    "The timer was stopped, but ClickUp does not show the entry; check with clickup_time_entry_list.",
                ));
            }
            Err(err) => return Err(ctx.clickup_error(err, "The stopped time entry").await),
        };
        let mut not_applied = Vec::new();
        if after.is_running() {
            not_applied.push(NotApplied {
                field: "running".into(),
                requested: Value::from(false),
                actual: Value::from(true),
            });
        }
        check_description(&mut not_applied, args.description.as_deref(), &after);
        check_tags(&mut not_applied, &tags, &after);
        Ok(TimerStopResult {
            timer: Timer::new(&after, &zone),
            verified: true,
            not_applied,
        })
    })
}

/// ClickUp answered the stop with an empty `data`: no timer was running.
fn is_empty_stop(err: &clickup::ClickUpError) -> bool {
    *err == clickup::ClickUpError::Malformed("the stopped timer is missing")
}

// --- shared ----------------------------------------------------------------------------------

/// The caller's running timer, if any.
async fn current(ctx: &ToolContext, team: &TeamId) -> Result<Option<TimeEntry>, ToolError> {
    match ctx.clickup.get_current_timer(&ctx.token, team, None).await {
        Ok(entry) => Ok(entry.filter(TimeEntry::is_running)),
        Err(err) => Err(ctx.clickup_error(err, "The workspace").await),
    }
}

/// Time-entry tag names: trimmed, non-empty, without case-insensitive duplicates.
fn time_tags(tags: &[String]) -> Result<Vec<String>, ToolError> {
    if tags.len() > MAX_TAGS {
        return Err(ToolError::invalid_argument(format!(
            "`tags` may hold at most {MAX_TAGS} names."
        )));
    }
    let mut out: Vec<String> = Vec::new();
    for (index, tag) in tags.iter().enumerate() {
        let tag = tag.trim();
        if tag.is_empty() || tag.chars().count() > 255 || tag.chars().any(char::is_control) {
            return Err(ToolError::invalid_argument(format!(
                "`tags[{index}]` is not a usable tag name (empty, too long, or with control characters)."
            )));
        }
        if !out.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            out.push(tag.to_owned());
        }
    }
    Ok(out)
}

fn tag_names(entry: &TimeEntry) -> Vec<String> {
    entry.tags.iter().map(|t| t.name.clone()).collect()
}

fn check_description(
    not_applied: &mut Vec<NotApplied>,
    requested: Option<&str>,
    entry: &TimeEntry,
) {
    if let Some(requested) = requested {
        let actual = entry.description.as_deref().unwrap_or("");
        if actual.trim() != requested.trim() {
            not_applied.push(NotApplied {
                field: "description".into(),
                requested: Value::from(requested),
                actual: Value::from(actual),
            });
        }
    }
}

fn check_tags(not_applied: &mut Vec<NotApplied>, requested: &[String], entry: &TimeEntry) {
    let actual = tag_names(entry);
    for tag in requested {
        if !actual.iter().any(|a| a.eq_ignore_ascii_case(tag)) {
            not_applied.push(NotApplied {
                field: "tags".into(),
                requested: Value::from(tag.as_str()),
                actual: Value::from(actual.clone()),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn entry(value: Value) -> TimeEntry {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn a_running_entry_has_no_end_or_duration_and_a_finished_one_has_both() {
        let running = entry(
            json!({"id": "1", "start": "1735725600000", "duration": -5000,
            "task": {"id": "86aa0001", "name": "CI", "custom_id": "ENG-1"}, "tags": [{"name": "dev"}]}),
        );
        let timer = Timer::new(&running, &TimeZone::UTC);
        assert!(timer.running);
        assert_eq!(timer.start.as_deref(), Some("2025-01-01T10:00:00+00:00"));
        assert_eq!((timer.end, timer.duration_ms), (None, None));
        assert_eq!(timer.tags, vec!["dev"]);
        assert_eq!(timer.task.unwrap().custom_id.as_deref(), Some("ENG-1"));

        let finished = entry(
            json!({"id": "2", "start": "1735725600000", "end": 1735732800000i64,
            "duration": 7200000, "description": ""}),
        );
        let timer = Timer::new(&finished, &TimeZone::UTC);
        assert!(!timer.running);
        assert_eq!(timer.duration_ms, Some(7_200_000));
        assert_eq!(timer.description, None, "an empty description is none");
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

    #[test]
    fn time_tags_are_deduplicated_and_bad_ones_refused_by_position() {
        let tags = ["dev", "DEV", " review "].map(String::from).to_vec();
        assert_eq!(time_tags(&tags).unwrap(), vec!["dev", "review"]);
        let err = time_tags(&["ok".into(), " ".into()]).unwrap_err();
        assert!(err.message.contains("`tags[1]`"), "{}", err.message);
    }

    #[test]
    fn a_description_or_tag_that_did_not_stick_is_not_applied() {
        let after = entry(json!({"id": "1", "description": "old", "tags": [{"name": "dev"}]}));
        let mut not_applied = Vec::new();
        check_description(&mut not_applied, Some("new"), &after);
        check_tags(&mut not_applied, &["dev".into(), "review".into()], &after);
        let fields: Vec<&str> = not_applied.iter().map(|n| n.field.as_str()).collect();
        assert_eq!(fields, ["description", "tags"]);
        assert_eq!(not_applied[1].requested, json!("review"));
    }
}

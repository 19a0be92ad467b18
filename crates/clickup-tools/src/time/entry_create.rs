//! `clickup_time_entry_create`: log time that is already spent: a start plus a duration or an
//! end, on a task or not, for the caller or (owners and admins) someone else. Verified: the
//! entry is read back.

use clickup::ids::TaskRef;
use clickup::models::TimeEntry;
use clickup::models::time::NewTimeEntry;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::dates::DateArg;
use crate::durations::DurationMs;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::time::{
    EntryOut, answer_about_others, check_description, check_tags, coloured_tags, me_and_admin,
    others_need_admin, time_tags, user_ids,
};
use crate::toolsets::Toolset;
use crate::verify::NotApplied;
use crate::{ids, resolve, task_ref};

/// `clickup_time_entry_create`.
#[derive(Debug)]
pub struct TimeEntryCreate;

/// Arguments of `clickup_time_entry_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// When the work started.
    pub start: DateArg,
    /// How long it took; or give `end`.
    #[serde(default)]
    pub duration: Option<DurationMs>,
    /// When it ended; or give `duration`.
    #[serde(default)]
    pub end: Option<DateArg>,
    // A task reference.
    #[serde(default)]
    pub task: Option<String>,
    // What the time was for.
    #[serde(default)]
    pub description: Option<String>,
    // Billable (ClickUp's default: no).
    #[serde(default)]
    pub billable: Option<bool>,
    /// Time-entry tags, not space tags (paid plans).
    #[serde(default)]
    pub tags: Vec<String>,
    /// Whose time it is (default: yours; others need an owner or admin).
    #[serde(default)]
    pub assignee: Option<String>,
    // Shared arguments; `timezone`: the zone dates are read and shown in.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// The result of `clickup_time_entry_create` (and of `clickup_time_entry_update`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The entry, as read back.
    pub entry: EntryOut,
    /// Whether it was read back.
    pub verified: bool,
    /// Requested values the entry does not have.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for TimeEntryCreate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_time_entry_create",
        title: "Log time",
        description: "Log time already spent: `start` plus `duration` or `end`, on a task or \
                      not.",
        tier: Tier::Premium,
        toolset: Toolset::Time,
        everyday: false,
        effect: Effect::Write,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let reader = ctx.date_reader_at(args.workspace.timezone.as_deref(), None)?;
        let start = reader.parse("start", &args.start)?.epoch_ms;
        let duration = match (&args.duration, &args.end) {
            (Some(duration), None) => i64::try_from(duration.ms)
                .map_err(|_| ToolError::invalid_argument("`duration` is too long."))?,
            (None, Some(end)) => reader.parse("end", end)?.epoch_ms - start,
            _ => {
                return Err(ToolError::invalid_argument(
                    "Give exactly one of `duration` and `end`.",
                ));
            }
        };
        if duration <= 0 {
            return Err(ToolError::invalid_argument("`end` must be after `start`."));
        }
        let tags = time_tags(&args.tags)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let task = match args.task.as_deref() {
            Some(reference) => Some(task_ref::resolve(ctx, &ws, reference, None).await?),
            None => None,
        };
        let mut assignee = None;
        if let Some(user) = &args.assignee {
            let user = user_ids(ctx, &ws, std::slice::from_ref(user)).await?;
            let (me, admin) = me_and_admin(ctx, &ws).await?;
            assignee = user.first().copied().filter(|u| *u != me);
            if assignee.is_some() && !admin {
                return Err(others_need_admin());
            }
        }
        let request = NewTimeEntry {
            start,
            duration,
            task: task.clone(),
            description: args.description.clone(),
            billable: args.billable,
            tags: coloured_tags(&tags, &[], None, None),
            assignee,
        };
        let created = ctx
            .clickup
            .create_time_entry(&ctx.token, &team, &request)
            .await;
        let created = answer_about_others(ctx, "The task", created, assignee.is_some()).await?;

        let after = ctx
            .clickup
            .get_time_entry(&ctx.token, &team, &created.id)
            .await;
        let Some(after) = ctx.answer("The new time entry", after).await? else {
            return Err(ToolError::upstream(
                "ClickUp accepted the entry but does not show it; check with clickup_time_entry_list.",
            ));
        };
        let mut not_applied = Vec::new();
        check_times(&mut not_applied, Some(start), Some(duration), &after);
        check_task(&mut not_applied, task.as_ref(), &after);
        check_description(&mut not_applied, args.description.as_deref(), &after);
        check_billable(&mut not_applied, args.billable, &after);
        check_tags(&mut not_applied, &tags, &after);
        Ok(Output {
            entry: EntryOut::new(&after, crate::detail::DetailLevel::Summary, reader.zone()),
            verified: true,
            not_applied,
        })
    }
}

/// A requested start or duration the entry does not have.
pub(crate) fn check_times(
    not_applied: &mut Vec<NotApplied>,
    start: Option<i64>,
    duration: Option<i64>,
    entry: &TimeEntry,
) {
    let actual_start = entry.start.map(|s| s.millis());
    if let Some(start) = start
        && actual_start != Some(start)
    {
        not_applied.push(NotApplied {
            field: "start".into(),
            requested: Value::from(start),
            actual: actual_start.map_or(Value::Null, Value::from),
        });
    }
    if let Some(duration) = duration
        && entry.duration != Some(duration)
    {
        not_applied.push(NotApplied {
            field: "duration".into(),
            requested: Value::from(duration),
            actual: entry.duration.map_or(Value::Null, Value::from),
        });
    }
}

/// A requested task the entry is not on.
pub(crate) fn check_task(
    not_applied: &mut Vec<NotApplied>,
    task: Option<&TaskRef>,
    entry: &TimeEntry,
) {
    let Some(task) = task else {
        return;
    };
    let on = entry.task.as_ref();
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

/// A requested billable flag the entry does not have.
pub(crate) fn check_billable(
    not_applied: &mut Vec<NotApplied>,
    billable: Option<bool>,
    entry: &TimeEntry,
) {
    if let Some(billable) = billable
        && billable != entry.billable
    {
        not_applied.push(NotApplied {
            field: "billable".into(),
            requested: Value::from(billable),
            actual: Value::from(entry.billable),
        });
    }
}

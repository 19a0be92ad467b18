//! `clickup_time_entry_update`: change an entry's times, description, billable flag, task or
//! time-entry tags (the desired set). The request is built from a fresh read of the entry:
//! ClickUp documents `tid` as required (the entry's own task keeps it) and `start` and `end` as
//! going together. Tags go as `tag_action: add` and, for those to drop, a second edit with
//! `tag_action: remove`. Verified: the entry is read back.

use clickup::models::UpdateTimeEntry;
use clickup::models::time::TagAction;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::dates::DateArg;
use crate::detail::DetailLevel;
use crate::durations::DurationMs;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::time::entry_create::{Output, check_billable, check_task, check_times};
use crate::time::{
    EntryOut, answer_tags, check_description, check_tags, coloured_tags, entry_id, tag_names,
    time_tags,
};
use crate::toolsets::Toolset;
use crate::verify::NotApplied;
use crate::{ids, resolve, task_ref};

/// `clickup_time_entry_update`.
#[derive(Debug)]
pub struct TimeEntryUpdate;

/// Arguments of `clickup_time_entry_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // The entry's id.
    pub time_entry_id: String,
    /// New start (the duration is kept unless `end` or `duration` is given).
    #[serde(default)]
    pub start: Option<DateArg>,
    /// New end.
    #[serde(default)]
    pub end: Option<DateArg>,
    /// New duration (from the start).
    #[serde(default)]
    pub duration: Option<DurationMs>,
    // New description.
    #[serde(default)]
    pub description: Option<String>,
    // Billable.
    #[serde(default)]
    pub billable: Option<bool>,
    /// Move the entry to this task.
    #[serde(default)]
    pub task: Option<String>,
    /// The entry's time-entry tags, as a set ([] removes all).
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    // Shared arguments.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for TimeEntryUpdate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_time_entry_update",
        title: "Edit a time entry",
        description: "Change a time entry's times, description, billable flag, task or tags.",
        tier: Tier::Premium,
        toolset: Toolset::Time,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let reader = ctx.date_reader_at(args.workspace.timezone.as_deref(), None)?;
        let id = entry_id(&args.time_entry_id)?;
        let start = args
            .start
            .as_ref()
            .map(|s| reader.parse("start", s).map(|d| d.epoch_ms))
            .transpose()?;
        let end = args
            .end
            .as_ref()
            .map(|e| reader.parse("end", e).map(|d| d.epoch_ms))
            .transpose()?;
        if end.is_some() && args.duration.is_some() {
            return Err(ToolError::invalid_argument(
                "Give `end` or `duration`, not both.",
            ));
        }
        let wanted_tags = args.tags.as_deref().map(time_tags).transpose()?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let task = match args.task.as_deref() {
            Some(reference) => Some(task_ref::canonical(ctx, &ws, reference, None).await?),
            None => None,
        };

        let before = ctx.clickup.get_time_entry(&ctx.token, &team, &id).await;
        let Some(before) = ctx.answer("The time entry", before).await? else {
            return Err(ToolError::not_found("The time entry was not found."));
        };
        let times_given = start.is_some() || end.is_some() || args.duration.is_some();
        let (new_start, new_end) = if times_given {
            if before.is_running() {
                return Err(ToolError::invalid_argument(
                    "The entry is a running timer: stop it with clickup_timer_stop before changing its times.",
                ));
            }
            let old_start = before.start.map(|s| s.millis()).unwrap_or_default();
            let old_duration = before.duration.unwrap_or_default().max(0);
            let new_start = start.unwrap_or(old_start);
            let duration = args
                .duration
                .map(|d| i64::try_from(d.ms).unwrap_or(i64::MAX));
            let new_end = match (end, duration) {
                (Some(end), _) => end,
                (None, Some(duration)) => new_start.saturating_add(duration),
                (None, None) => new_start.saturating_add(old_duration),
            };
            if new_end <= new_start {
                return Err(ToolError::invalid_argument(
                    "The entry must end after it starts.",
                ));
            }
            (Some(new_start), Some(new_end))
        } else {
            (None, None)
        };
        let tid = task
            .as_ref()
            .map(|t| t.as_str().to_owned())
            .or_else(|| before.task.as_ref().map(|t| t.id.clone()));
        let current = tag_names(&before);
        let (add, remove): (Vec<String>, Vec<String>) = match &wanted_tags {
            Some(wanted) => (
                wanted
                    .iter()
                    .filter(|w| !current.iter().any(|c| c.eq_ignore_ascii_case(w)))
                    .cloned()
                    .collect(),
                current
                    .iter()
                    .filter(|c| !wanted.iter().any(|w| w.eq_ignore_ascii_case(c)))
                    .cloned()
                    .collect(),
            ),
            None => (Vec::new(), Vec::new()),
        };

        let update = UpdateTimeEntry {
            description: args.description.clone(),
            tags: coloured_tags(&add, &before.tags, None, None),
            tag_action: (!add.is_empty()).then_some(TagAction::Add),
            start: new_start,
            end: new_end,
            tid: tid.clone(),
            billable: args.billable,
            duration: None,
        };
        let result = ctx
            .clickup
            .update_time_entry(&ctx.token, &team, &id, &update)
            .await;
        answer_tags(ctx, "The time entry", result).await?;
        if !remove.is_empty() {
            let update = UpdateTimeEntry {
                tags: coloured_tags(&remove, &before.tags, None, None),
                tag_action: Some(TagAction::Remove),
                tid,
                ..UpdateTimeEntry::default()
            };
            let result = ctx
                .clickup
                .update_time_entry(&ctx.token, &team, &id, &update)
                .await;
            answer_tags(ctx, "The time entry", result).await?;
        }

        let after = ctx.clickup.get_time_entry(&ctx.token, &team, &id).await;
        let Some(after) = ctx.answer("The time entry", after).await? else {
            return Err(ToolError::upstream(
                "ClickUp accepted the change but no longer shows the entry; check with clickup_time_entry_list.",
            ));
        };
        let mut not_applied = Vec::new();
        check_times(
            &mut not_applied,
            new_start,
            new_start.zip(new_end).map(|(s, e)| e - s),
            &after,
        );
        let task_ref = task.map(clickup::ids::TaskRef::Id);
        check_task(&mut not_applied, task_ref.as_ref(), &after);
        check_description(&mut not_applied, args.description.as_deref(), &after);
        check_billable(&mut not_applied, args.billable, &after);
        if let Some(wanted) = &wanted_tags {
            check_tags(&mut not_applied, wanted, &after);
            let left = tag_names(&after);
            for tag in left
                .iter()
                .filter(|t| !wanted.iter().any(|w| w.eq_ignore_ascii_case(t)))
            {
                not_applied.push(NotApplied {
                    field: "tags".into(),
                    requested: serde_json::json!(wanted),
                    actual: serde_json::Value::from(tag.as_str()),
                });
            }
        }
        Ok(Output {
            entry: EntryOut::new(&after, DetailLevel::Summary, reader.zone()),
            verified: true,
            not_applied,
        })
    }
}

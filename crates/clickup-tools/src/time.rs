//! Time-tracking tools (docs/tools.md, "Catalogue"): time entries (list, get, log, edit, delete,
//! history), the running timer (get, start, stop), time-entry tags, time in status, and a time
//! report computed locally. ClickUp runs one timer per user and workspace; a running one is a
//! time entry with a negative `duration`. Durations are ms (`dur` arguments as in
//! `durations.rs`). Without `assignees`, ClickUp answers the caller's own entries; other
//! people's need an owner or admin. Every tool but `clickup_time_entry_list` is premium; writes
//! are verified by reading the entry back (time-entry tags have no read of one entry's tags
//! other than the entry itself).

use std::sync::Arc;

use clickup::ids::{TeamId, TimeEntryId};
use clickup::models::TimeEntry;
use clickup::models::time::{TimeEntryTag, TimeTagName};
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::registry::{ClickUpTool, tool};
use crate::verify::NotApplied;
use crate::{dates, durations};

pub mod entry_create;
pub mod entry_delete;
pub mod entry_get;
pub mod entry_history_list;
pub mod entry_list;
pub mod entry_update;
pub mod estimate_set;
pub mod in_status_get;
pub mod report_get;
pub mod start;
pub mod stop;
pub mod tag_add;
pub mod tag_list;
pub mod tag_remove;
pub mod tag_update;
pub mod timer_get;

/// The most time-entry tags one call may set.
const MAX_TAGS: usize = 100;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<entry_list::TimeEntryList>(),
        tool::<entry_get::TimeEntryGet>(),
        tool::<entry_create::TimeEntryCreate>(),
        tool::<entry_update::TimeEntryUpdate>(),
        tool::<entry_delete::TimeEntryDelete>(),
        tool::<entry_history_list::TimeEntryHistoryList>(),
        tool::<timer_get::TimerGet>(),
        tool::<start::TimerStart>(),
        tool::<stop::TimerStop>(),
        tool::<tag_list::TimeEntryTagList>(),
        tool::<tag_add::TimeEntryTagAdd>(),
        tool::<tag_remove::TimeEntryTagRemove>(),
        tool::<tag_update::TimeEntryTagUpdate>(),
        tool::<estimate_set::TaskEstimateSet>(),
        tool::<in_status_get::TimeInStatusGet>(),
        tool::<report_get::TimeReportGet>(),
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

/// The caller's running timer, if any.
async fn current(ctx: &ToolContext, team: &TeamId) -> Result<Option<TimeEntry>, ToolError> {
    let entry = ctx.clickup.get_current_timer(&ctx.token, team, None).await;
    Ok(ctx
        .answer("The workspace", entry)
        .await?
        .filter(TimeEntry::is_running))
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

/// The entry's time-entry tag names.
fn tag_names(entry: &TimeEntry) -> Vec<String> {
    entry.tags.iter().map(|t| t.name.clone()).collect()
}

/// A requested description the entry does not have, as `not_applied`.
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

/// Requested tags the entry does not carry (case-insensitively), as `not_applied`.
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

/// 30 days in ms: ClickUp's default range for time entries.
pub(crate) const THIRTY_DAYS_MS: i64 = 30 * 86_400_000;

/// The most time entries one call may name.
const MAX_ENTRIES: usize = 100;

/// Who a time entry belongs to.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EntryUser {
    /// User id.
    pub id: String,
    /// Username.
    pub username: Option<String>,
}

/// An id and a name.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
pub struct IdName {
    /// Id.
    pub id: String,
    /// Name, when ClickUp sent it.
    pub name: Option<String>,
}

/// Where an entry's task lives.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EntryLocation {
    /// The list.
    pub list: Option<IdName>,
    /// The folder (none for a folderless list).
    pub folder: Option<IdName>,
    /// The space.
    pub space: Option<IdName>,
}

/// A time entry.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EntryOut {
    /// Time entry id.
    pub id: String,
    /// Whether it is a running timer.
    pub running: bool,
    /// Whose time it is.
    pub user: Option<EntryUser>,
    /// The task it is tracked on, if any.
    pub task: Option<TimerTask>,
    /// Description.
    pub description: Option<String>,
    /// Billable.
    pub billable: bool,
    /// Time-entry tags.
    pub tags: Vec<String>,
    /// Started (ISO 8601 in the effective time zone).
    pub start: Option<String>,
    /// Ended (none while running).
    pub end: Option<String>,
    /// Tracked time in ms (none while running).
    pub duration_ms: Option<i64>,
    /// The same as text (`1h 30m`).
    pub duration: Option<String>,
    /// `full`: where the task lives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<EntryLocation>,
    /// `full`: the task's own (space) tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_tags: Option<Vec<String>>,
    /// `full`: start, epoch ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<i64>,
    /// `full`: end, epoch ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_ms: Option<i64>,
}

impl EntryOut {
    fn new(entry: &TimeEntry, detail: DetailLevel, zone: &TimeZone) -> Self {
        let timer = Timer::new(entry, zone);
        let full = detail == DetailLevel::Full;
        Self {
            id: timer.id,
            running: timer.running,
            user: entry.user.as_ref().map(|u| EntryUser {
                id: u.id.to_string(),
                username: u.username.clone(),
            }),
            task: timer.task,
            description: timer.description,
            billable: timer.billable,
            tags: timer.tags,
            start: timer.start,
            end: timer.end,
            duration_ms: timer.duration_ms,
            duration: timer
                .duration_ms
                .and_then(|d| u64::try_from(d).ok())
                .map(durations::format_duration),
            location: location_of(entry).filter(|_| full),
            task_tags: full.then(|| {
                entry
                    .extra
                    .get("task_tags")
                    .and_then(Value::as_array)
                    .map(|tags| {
                        tags.iter()
                            .filter_map(|t| t.get("name").and_then(Value::as_str))
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default()
            }),
            start_ms: entry.start.map(|s| s.millis()).filter(|_| full),
            end_ms: entry.end.map(|e| e.millis()).filter(|_| full),
        }
    }
}

/// An id ClickUp sends as a number or a string.
fn id_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The entry's `task_location`, when ClickUp sent one.
pub(crate) fn location_of(entry: &TimeEntry) -> Option<EntryLocation> {
    let at = entry.extra.get("task_location")?.as_object()?;
    let part = |id: &str, name: &str| {
        id_text(at.get(id)).map(|id| IdName {
            id,
            name: at.get(name).and_then(Value::as_str).map(str::to_owned),
        })
    };
    Some(EntryLocation {
        list: part("list_id", "list_name"),
        folder: part("folder_id", "folder_name"),
        space: part("space_id", "space_name"),
    })
}

/// A time entry id argument.
fn entry_id(raw: &str) -> Result<TimeEntryId, ToolError> {
    let raw = raw.trim();
    if raw.is_empty() || raw.contains(',') {
        return Err(ToolError::invalid_argument(
            "A time entry id is a single id such as 4000000000000000001.",
        ));
    }
    TimeEntryId::new(raw)
        .map_err(|e| ToolError::invalid_argument(format!("The time entry id is not valid: {e}.")))
}

/// 1–100 time entry ids, once each.
fn entry_ids(raw: &[String]) -> Result<Vec<TimeEntryId>, ToolError> {
    if raw.is_empty() || raw.len() > MAX_ENTRIES {
        return Err(ToolError::invalid_argument(format!(
            "`time_entry_ids` must hold 1 to {MAX_ENTRIES} ids."
        )));
    }
    let mut ids: Vec<TimeEntryId> = Vec::with_capacity(raw.len());
    for id in raw {
        let id = entry_id(id)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// The caller's user id and whether they may read or log other people's time (owner or admin),
/// as far as the workspace's member list tells (unknown roles are left to ClickUp).
async fn me_and_admin(ctx: &ToolContext, ws: &WorkspaceInfo) -> Result<(u64, bool), ToolError> {
    let me = crate::tasks::arguments::me(ctx).await?;
    let role = ws.members.iter().find(|m| m.id == me).and_then(|m| m.role);
    Ok((me, role.is_none_or(|r| r <= 2)))
}

/// The refusal for another user's time asked for by a member or guest.
fn others_need_admin() -> ToolError {
    ToolError::invalid_argument(
        "Only workspace owners and admins can read or log other people's time entries.",
    )
    .with_hint("Leave out the other people to work with your own entries, or ask an admin.")
}

/// ClickUp's answer about other users' time: its permission refusal (a 401 that is neither a
/// bad token nor an unauthorized workspace) becomes [`others_need_admin`]; else as
/// [`answer_tags`].
async fn answer_about_others<T>(
    ctx: &ToolContext,
    what: &str,
    result: Result<T, clickup::ClickUpError>,
    others: bool,
) -> Result<T, ToolError> {
    match result {
        Err(err)
            if others
                && err.status() == Some(401)
                && !err.is_token_invalid()
                && !err.is_team_not_authorized() =>
        {
            Err(others_need_admin().with_upstream(err.status(), err.ecode().map(str::to_owned)))
        }
        result => answer_tags(ctx, what, result).await,
    }
}

/// ClickUp's answer about time-entry tags: its plan refusal (`TIMEENTRY_052`) says which plan.
async fn answer_tags<T>(
    ctx: &ToolContext,
    what: &str,
    result: Result<T, clickup::ClickUpError>,
) -> Result<T, ToolError> {
    match result {
        Err(err) if err.ecode() == Some(TAGS_NEED_PLAN) => Err(ToolError::upstream(
            "Time-entry tags need a paid ClickUp plan (Business or above; this workspace's plan has none).",
        )
        .with_upstream(err.status(), Some(TAGS_NEED_PLAN.to_owned()))),
        result => ctx.answer(what, result).await,
    }
}

/// ClickUp's code for time-entry tags on a plan without them.
const TAGS_NEED_PLAN: &str = "TIMEENTRY_052";

/// Time-entry tags with colours, for bodies that require them: those the entry or workspace
/// already gives the tag, else `fg`/`bg`, else ClickUp's example colours.
fn coloured_tags(
    names: &[String],
    known: &[TimeEntryTag],
    fg: Option<&str>,
    bg: Option<&str>,
) -> Vec<TimeTagName> {
    names
        .iter()
        .map(|name| {
            let mut tag = TimeTagName::with_colours(name.clone(), known);
            if let Some(fg) = fg {
                tag.tag_fg = Some(fg.to_owned());
            }
            if let Some(bg) = bg {
                tag.tag_bg = Some(bg.to_owned());
            }
            tag
        })
        .collect()
}

/// A `#rrggbb` colour argument.
fn colour(arg: &str, value: Option<&str>) -> Result<Option<String>, ToolError> {
    match value {
        None => Ok(None),
        Some(v)
            if v.len() == 7
                && v.starts_with('#')
                && v[1..].bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            Ok(Some(v.to_owned()))
        }
        Some(_) => Err(ToolError::invalid_argument(format!(
            "`{arg}` must be a colour such as #4194f6."
        ))),
    }
}

/// Resolves people references to user ids (once each).
async fn user_ids(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    references: &[String],
) -> Result<Vec<u64>, ToolError> {
    crate::tasks::arguments::people(ctx, ws, references).await
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

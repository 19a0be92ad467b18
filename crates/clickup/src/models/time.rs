//! Time entries and the running timer.

use serde::{Deserialize, Serialize};

use crate::ids::TimeEntryId;
use crate::models::people::UserRef;
use crate::models::values::{Extra, Timestamp, null_as_empty, opt_integer, opt_timestamp};

/// A time entry; the running timer is one with a negative `duration`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeEntry {
    /// Entry id.
    pub id: TimeEntryId,
    /// The task it is tracked on.
    #[serde(default)]
    pub task: Option<TimeEntryTask>,
    /// Workspace id.
    #[serde(default)]
    pub wid: Option<String>,
    /// Whose time it is.
    #[serde(default)]
    pub user: Option<UserRef>,
    /// Billable.
    #[serde(default)]
    pub billable: bool,
    /// Started.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub start: Option<Timestamp>,
    /// Ended (`None` while running).
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub end: Option<Timestamp>,
    /// Duration, ms; negative while running (ClickUp sends a string or a number).
    #[serde(default, deserialize_with = "opt_integer")]
    pub duration: Option<i64>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Time-entry tags.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub tags: Vec<TimeEntryTag>,
    /// Everything else ClickUp sent (`source`, `at`, `task_location`, `task_url`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

impl TimeEntry {
    /// Whether this is a running timer.
    pub fn is_running(&self) -> bool {
        self.duration.is_some_and(|d| d < 0)
    }
}

/// The task of a time entry (a short form).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeEntryTask {
    /// Task id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Custom id, when the workspace has them.
    #[serde(default)]
    pub custom_id: Option<String>,
    /// Everything else ClickUp sent (`status`, `custom_type`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A time-entry tag (not a space tag).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeEntryTag {
    /// Name.
    pub name: String,
    /// Everything else ClickUp sent (`tag_fg`, `tag_bg`, `creator`).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"data": TimeEntry}` from start, stop and the current timer; `data` is `null` (or empty)
/// when no timer runs.
#[derive(Deserialize)]
pub(crate) struct TimeEntryEnvelope {
    #[serde(default)]
    pub(crate) data: Option<serde_json::Value>,
}

impl TimeEntryEnvelope {
    /// The entry, or `None` for `null` / `{}` / `[]`.
    pub(crate) fn into_entry(self) -> Result<Option<TimeEntry>, serde_json::Error> {
        match self.data {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::Object(map)) if map.is_empty() => Ok(None),
            Some(serde_json::Value::Array(items)) if items.is_empty() => Ok(None),
            Some(serde_json::Value::Array(mut items)) => {
                serde_json::from_value(items.swap_remove(0)).map(Some)
            }
            Some(value) => serde_json::from_value(value).map(Some),
        }
    }
}

/// A tag given by name when starting, stopping or editing an entry. Editing an entry
/// (`PUT …/time_entries/{timer_id}`) takes each tag with its colours: ClickUp documents
/// `tag_fg` and `tag_bg` as required there ([`TimeTagName::with_colours`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimeTagName {
    /// Name.
    pub name: String,
    /// Text colour (`#rrggbb`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_fg: Option<String>,
    /// Background colour (`#rrggbb`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_bg: Option<String>,
}

impl TimeTagName {
    /// The text colour of a time-entry tag that has none yet: a new space tag's.
    pub const DEFAULT_FG: &'static str = super::tag::NewTag::DEFAULT_FG;
    /// The background colour of a time-entry tag that has none yet: a new space tag's.
    pub const DEFAULT_BG: &'static str = super::tag::NewTag::DEFAULT_BG;

    /// A tag by name only (starting a timer).
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            tag_fg: None,
            tag_bg: None,
        }
    }

    /// A tag with its colours: those of the tag of the same name in `known` (say, the entry's
    /// own tags), else ClickUp's documented example colours.
    pub fn with_colours(name: impl Into<String>, known: &[TimeEntryTag]) -> Self {
        let name = name.into();
        let colour = |key: &str, default: &str| {
            known
                .iter()
                .find(|t| t.name.eq_ignore_ascii_case(&name))
                .and_then(|t| t.extra.get(key))
                .and_then(serde_json::Value::as_str)
                .unwrap_or(default)
                .to_owned()
        };
        Self {
            tag_fg: Some(colour("tag_fg", Self::DEFAULT_FG)),
            tag_bg: Some(colour("tag_bg", Self::DEFAULT_BG)),
            name,
        }
    }
}

/// `POST /v2/team/{team_id}/time_entries/start`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StartTimer {
    /// The task to track time on.
    pub task: Option<crate::TaskRef>,
    /// Description.
    pub description: Option<String>,
    /// Time-entry tags.
    pub tags: Vec<String>,
    /// Billable.
    pub billable: Option<bool>,
}

/// The body actually sent for [`StartTimer`].
#[derive(Serialize)]
pub(crate) struct StartTimerBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) tid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) tags: Vec<TimeTagName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) billable: Option<bool>,
}

/// Whether `tags` of an entry update are added or removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TagAction {
    /// Add the tags.
    Add,
    /// Remove the tags.
    Remove,
}

/// `PUT /v2/team/{team_id}/time_entries/{timer_id}`. Fields left `None` are not sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct UpdateTimeEntry {
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Tags to add or remove (with `tag_action`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<TimeTagName>,
    /// What to do with `tags`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_action: Option<TagAction>,
    /// Start, epoch ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<i64>,
    /// End, epoch ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<i64>,
    /// The entry's task (ClickUp documents it as required: send the entry's own task to keep
    /// it, another to move the entry).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tid: Option<String>,
    /// Billable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billable: Option<bool>,
    /// Duration, ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<i64>,
}

/// Where time entries are read from: ClickUp takes at most one of these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeEntryLocation {
    /// Entries on tasks of a space (`space_id`).
    Space(crate::ids::SpaceId),
    /// Entries on tasks of a folder (`folder_id`).
    Folder(crate::ids::FolderId),
    /// Entries on tasks of a list (`list_id`).
    List(crate::ids::ListId),
    /// Entries on one task (`task_id`; a custom id adds `custom_task_ids&team_id`).
    Task(crate::TaskRef),
}

/// The query of `GET /v2/team/{team_Id}/time_entries`. Without dates ClickUp answers the last 30
/// days; without `assignees`, the caller's entries only (others need an admin).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimeEntryFilter {
    /// From, epoch ms (`start_date`).
    pub start_date: Option<i64>,
    /// Until, epoch ms (`end_date`).
    pub end_date: Option<i64>,
    /// Whose entries (`assignee`, comma-joined user ids).
    pub assignees: Vec<u64>,
    /// One location at most.
    pub location: Option<TimeEntryLocation>,
    /// Only billable (`true`) or non-billable (`false`) entries (`is_billable`).
    pub billable: Option<bool>,
    /// Add the task's tags (`include_task_tags`).
    pub include_task_tags: bool,
    /// Add list, folder and space names (`include_location_names`).
    pub include_location_names: bool,
    /// Add approval history and details (`include_approval_history`, `include_approval_details`).
    pub include_approval: bool,
}

/// `POST /v2/team/{team_Id}/time_entries`: a finished entry from `start` and `duration`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewTimeEntry {
    /// Start, epoch ms.
    pub start: i64,
    /// Duration, ms (ClickUp requires it; `end` is derived from it).
    pub duration: i64,
    /// The task (`tid`).
    pub task: Option<crate::TaskRef>,
    /// Description.
    pub description: Option<String>,
    /// Billable.
    pub billable: Option<bool>,
    /// Time-entry tags with colours (ClickUp documents `name`, `tag_fg`, `tag_bg` as required).
    pub tags: Vec<TimeTagName>,
    /// Whose time it is (owners and admins may name anyone; members only themselves).
    pub assignee: Option<u64>,
}

/// The body actually sent for [`NewTimeEntry`].
#[derive(Serialize)]
pub(crate) struct NewTimeEntryBody<'a> {
    pub(crate) start: i64,
    pub(crate) duration: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) tid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) billable: Option<bool>,
    #[serde(skip_serializing_if = "<[TimeTagName]>::is_empty")]
    pub(crate) tags: &'a [TimeTagName],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) assignee: Option<u64>,
}

/// `{"data": [TimeEntry]}` of `GET /v2/team/{team_Id}/time_entries`.
#[derive(Deserialize)]
pub(crate) struct TimeEntriesEnvelope {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub(crate) data: Vec<TimeEntry>,
}

/// A time-entry tag of the workspace, with its colours.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceTimeTag {
    /// Name.
    pub name: String,
    /// Text colour.
    #[serde(default)]
    pub tag_fg: Option<String>,
    /// Background colour.
    #[serde(default)]
    pub tag_bg: Option<String>,
    /// Everything else ClickUp sent (`creator`).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"data": [tag]}` of `GET /v2/team/{team_id}/time_entries/tags`.
#[derive(Deserialize)]
pub(crate) struct TimeTagsEnvelope {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub(crate) data: Vec<WorkspaceTimeTag>,
}

/// `POST` / `DELETE /v2/team/{team_id}/time_entries/tags`.
#[derive(Serialize)]
pub(crate) struct TimeEntryTagsBody<'a> {
    pub(crate) time_entry_ids: Vec<&'a str>,
    pub(crate) tags: &'a [TimeTagName],
}

/// `PUT /v2/team/{team_id}/time_entries/tags`: rename or recolour a tag everywhere (ClickUp
/// documents all four as required).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimeTagRename {
    /// The tag's current name.
    pub name: String,
    /// Its new name (the current one to keep it).
    pub new_name: String,
    /// Text colour.
    pub tag_fg: String,
    /// Background colour.
    pub tag_bg: String,
}

/// One change in a time entry's history (`GET …/time_entries/{timer_id}/history`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeEntryChange {
    /// Change id.
    #[serde(default, deserialize_with = "opt_id_string")]
    pub id: Option<String>,
    /// What changed (`duration`, `description`, `tags`, …).
    #[serde(default)]
    pub field: Option<String>,
    /// The value before.
    #[serde(default)]
    pub before: serde_json::Value,
    /// The value after.
    #[serde(default)]
    pub after: serde_json::Value,
    /// Who changed it.
    #[serde(default)]
    pub user: Option<UserRef>,
    /// When, epoch ms.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub date: Option<Timestamp>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An id ClickUp sends as a string or a number.
fn opt_id_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// `{"data": [change]}` of the history endpoint.
#[derive(Deserialize)]
pub(crate) struct TimeEntryHistoryEnvelope {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub(crate) data: Vec<TimeEntryChange>,
}

/// Time a task spent in its statuses (`GET /v2/task/{task_id}/time_in_status`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeInStatus {
    /// The status it is in now.
    #[serde(default)]
    pub current_status: Option<StatusTime>,
    /// Every status it has been in.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub status_history: Vec<StatusTime>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The time spent in one status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusTime {
    /// Status name.
    pub status: String,
    /// Colour.
    #[serde(default)]
    pub color: Option<String>,
    /// Status type (`open`, `custom`, `done`, `closed`).
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// Position in the list's statuses.
    #[serde(default, deserialize_with = "opt_integer")]
    pub orderindex: Option<i64>,
    /// Total time and since when.
    #[serde(default)]
    pub total_time: Option<StatusTotal>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `total_time` of a status: whole minutes, and the first time the task entered it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusTotal {
    /// Minutes in the status.
    #[serde(default, deserialize_with = "opt_integer")]
    pub by_minute: Option<i64>,
    /// Since, epoch ms.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub since: Option<Timestamp>,
}

/// One per-assignee estimate of `PATCH`/`PUT /v3/workspaces/{workspace_id}/tasks/{task_id}/
/// time_estimates_by_user` (the body is a JSON array of up to 10; UNVERIFIED against ClickUp's
/// v3 reference: its page names the body "Array of time estimates per assignee", with
/// `assignee` a user id or `"unassigned"` and `time` in ms).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UserEstimate {
    /// A user id, or `unassigned` for unassigned work.
    pub assignee: EstimateAssignee,
    /// Estimate, ms.
    pub time: i64,
}

/// Whom an estimate is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum EstimateAssignee {
    /// A user assigned to the task.
    User(u64),
    /// Unassigned work (`"unassigned"`).
    Unassigned(Unassigned),
}

/// The literal `"unassigned"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unassigned {
    /// `"unassigned"`.
    Unassigned,
}

/// Whether per-user estimates merge with the task's others (`PATCH`) or replace them (`PUT`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EstimateMode {
    /// Only the given assignees change.
    Merge,
    /// The given estimates become all of the task's.
    Replace,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn no_running_timer_is_none_whatever_form_clickup_uses() {
        for body in [
            json!({"data": null}),
            json!({"data": {}}),
            json!({"data": []}),
            json!({}),
        ] {
            let envelope: TimeEntryEnvelope = serde_json::from_value(body.clone()).unwrap();
            assert_eq!(envelope.into_entry().unwrap(), None, "{body}");
        }
    }

    #[test]
    fn a_running_timer_has_a_negative_duration() {
        let body = json!({"data": {"id": "4000001", "task": {"id": "86aa0001", "name": "CI"},
            "wid": "9000001", "billable": false, "start": "1595293042560", "duration": -25655,
            "description": "", "tags": [], "at": "1595293042560"}});
        let envelope: TimeEntryEnvelope = serde_json::from_value(body).unwrap();
        let entry = envelope.into_entry().unwrap().unwrap();
        assert!(entry.is_running());
        assert_eq!(entry.start, Some(Timestamp(1_595_293_042_560)));
        assert!(entry.extra.contains_key("at"));
    }

    #[test]
    fn one_entry_comes_as_an_array_of_one_with_times_as_strings() {
        // The example of `GET /v2/team/{team_id}/time_entries/{timer_id}` in ClickUp's reference.
        let body = json!({"data": [{"id": "1963465985517105840", "wid": "300702",
            "user": {"id": 1, "username": "first_name last_name", "email": "test@gmail.com",
                "color": "#08c7e0", "initials": "JK", "profilePicture": null},
            "billable": false, "start": "1592841559129", "end": "1592845899021",
            "duration": "4339892", "description": "", "tags": [], "source": "clickup",
            "at": "1592845899021", "task_location": {"list_id": 1560300071,
                "folder_id": 468300080, "space_id": 22800253, "list_name": "List",
                "folder_name": "Folder", "space_name": "Space"},
            "task_tags": [], "task_url": "https://staging.clickup.com/t/rnmuwz7"}]});
        let envelope: TimeEntryEnvelope = serde_json::from_value(body).unwrap();
        let entry = envelope.into_entry().unwrap().unwrap();
        assert!(!entry.is_running());
        assert_eq!(entry.start, Some(Timestamp(1_592_841_559_129)));
        assert_eq!(entry.end, Some(Timestamp(1_592_845_899_021)));
        assert_eq!(entry.duration, Some(4_339_892));
        assert_eq!(entry.task, None);
        assert!(entry.extra.contains_key("task_location"));
    }

    #[test]
    fn a_stopped_entry_has_numbers_for_end_duration_and_at() {
        // The example of `POST /v2/team/{team_id}/time_entries/stop`.
        let body = json!({"data": {"id": "timer_id", "task": {"id": "task_id",
            "name": "test task", "status": {"status": "to do", "color": "#d3d3d3",
            "type": "open", "orderindex": 0}, "custom_type": null}, "wid": "workspace_id",
            "billable": false, "start": "1595289395842", "end": 1_595_289_452_790_i64,
            "duration": 56948, "description": "", "tags": [], "source": "clickup",
            "at": 1_595_289_452_790_i64}});
        let envelope: TimeEntryEnvelope = serde_json::from_value(body).unwrap();
        let entry = envelope.into_entry().unwrap().unwrap();
        assert_eq!(entry.end, Some(Timestamp(1_595_289_452_790)));
        assert_eq!(entry.duration, Some(56_948));
        assert_eq!(entry.task.map(|t| t.id), Some("task_id".to_owned()));
    }
}

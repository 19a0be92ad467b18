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

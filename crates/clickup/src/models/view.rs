//! Views at every level (`GET /v2/{team,space,folder,list}/{id}/view`, `GET /v2/view/{view_id}`)
//! and the tasks a view shows (`GET /v2/view/{view_id}/task`).
//!
//! A view's `grouping`, `divide`, `sorting`, `filters`, `columns`, `team_sidebar` and `settings`
//! are kept as JSON objects: ClickUp's OpenAPI file types their inner arrays as strings where
//! ClickUp sends objects (docs/tools.md, "Where ClickUp differs from its OpenAPI file"), and a
//! full-body `PUT` must send back whatever ClickUp gave, unchanged.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Value, json};

use crate::ids::{FolderId, ListId, SpaceId, TeamId};
use crate::models::task::Task;
use crate::models::values::{Extra, null_as_empty};

/// `parent.type` of a view at the workspace's Everything level.
pub const PARENT_TEAM: u32 = 7;
/// `parent.type` of a view on a space.
pub const PARENT_SPACE: u32 = 4;
/// `parent.type` of a view on a folder.
pub const PARENT_FOLDER: u32 = 5;
/// `parent.type` of a view on a list.
pub const PARENT_LIST: u32 = 6;

/// The view types ClickUp's create endpoints take.
pub const VIEW_TYPES: [&str; 10] = [
    "list",
    "board",
    "calendar",
    "table",
    "timeline",
    "workload",
    "activity",
    "map",
    "conversation",
    "gantt",
];

/// The level a view is listed at or created on.
#[derive(Clone, Copy, Debug)]
pub enum ViewLevel<'a> {
    /// The workspace's Everything level.
    Team(&'a TeamId),
    /// A space.
    Space(&'a SpaceId),
    /// A folder.
    Folder(&'a FolderId),
    /// A list.
    List(&'a ListId),
}

/// Where a view sits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewParent {
    /// The workspace, space, folder or list id (ClickUp has sent numbers too).
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    /// [`PARENT_TEAM`], [`PARENT_SPACE`], [`PARENT_FOLDER`] or [`PARENT_LIST`].
    #[serde(rename = "type")]
    pub kind: u32,
}

/// A view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct View {
    /// View id (`3c-105`).
    pub id: String,
    /// Name.
    pub name: String,
    /// `list`, `board`, `calendar`, … (see [`VIEW_TYPES`]).
    #[serde(rename = "type")]
    pub kind: String,
    /// Where it sits.
    #[serde(default)]
    pub parent: Option<ViewParent>,
    /// `{field, dir, collapsed, ignore}`.
    #[serde(default)]
    pub grouping: Option<Value>,
    /// `{field, dir, collapsed}`.
    #[serde(default)]
    pub divide: Option<Value>,
    /// `{fields: [{field, dir, idx}]}`.
    #[serde(default)]
    pub sorting: Option<Value>,
    /// `{op, fields: [{field, op, values}], search, show_closed}`.
    #[serde(default)]
    pub filters: Option<Value>,
    /// `{fields: [{field, idx, width, hidden, …}]}`.
    #[serde(default)]
    pub columns: Option<Value>,
    /// `{assignees, assigned_comments, unassigned_tasks}`.
    #[serde(default)]
    pub team_sidebar: Option<Value>,
    /// `{show_task_locations, show_subtasks, …}`.
    #[serde(default)]
    pub settings: Option<Value>,
    /// Everything else ClickUp sent (`date_created`, `creator`, `visibility`, `protected`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /v2/{team,space,folder,list}/{id}/view` → `{views: [...]}`; ClickUp's list and
/// Everything-level answers may also carry `required_views` (the built-in views by type).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Views {
    /// The views of the level.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub views: Vec<View>,
    /// Built-in views by type, when ClickUp sends them.
    #[serde(default)]
    pub required_views: Option<Value>,
}

/// `{"view": …}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct ViewEnvelope {
    pub(crate) view: View,
}

/// Tasks per page of `GET /v2/view/{view_id}/task`.
pub const VIEW_TASK_PAGE_SIZE: usize = 30;

/// One page of a view's tasks, 30 per page from `page=0`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ViewTaskPage {
    /// The tasks of this page.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub tasks: Vec<Task>,
    /// Whether this is the last page.
    #[serde(default)]
    pub last_page: Option<bool>,
}

impl ViewTaskPage {
    /// Whether a next page may hold more: `last_page: false`, or no `last_page` and a full page.
    pub fn has_more(&self) -> bool {
        self.last_page
            .map_or(self.tasks.len() >= VIEW_TASK_PAGE_SIZE, |last| !last)
    }
}

/// The body of the create endpoints and of `PUT /v2/view/{view_id}`. ClickUp's file marks every
/// settings object required: [`ViewBody::new`] fills each with ClickUp's documented neutral
/// value, which the caller then overrides.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ViewBody {
    /// Name.
    pub name: String,
    /// View type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Where it sits (`PUT` only; the create endpoints take it from the path).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<ViewParent>,
    /// Grouping.
    pub grouping: Value,
    /// Divide.
    pub divide: Value,
    /// Sorting.
    pub sorting: Value,
    /// Filters.
    pub filters: Value,
    /// Columns.
    pub columns: Value,
    /// Team sidebar.
    pub team_sidebar: Value,
    /// Settings.
    pub settings: Value,
}

impl ViewBody {
    /// A body with ClickUp's documented defaults (grouped by status, no sorting, no filters,
    /// closed tasks hidden, no extra columns).
    pub fn new(name: impl Into<String>, kind: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            kind: kind.into(),
            parent: None,
            grouping: json!({"field": "status", "dir": 1, "collapsed": [], "ignore": false}),
            divide: json!({"field": null, "dir": null, "collapsed": []}),
            sorting: json!({"fields": []}),
            filters: json!({"op": "AND", "fields": [], "search": "", "show_closed": false}),
            columns: json!({"fields": []}),
            team_sidebar: json!({
                "assignees": [], "assigned_comments": false, "unassigned_tasks": false
            }),
            settings: json!({
                "show_task_locations": false, "show_subtasks": 3,
                "show_subtask_parent_names": false, "show_closed_subtasks": false,
                "show_assignees": true, "show_images": true, "collapse_empty_columns": null,
                "me_comments": true, "me_subtasks": true, "me_checklists": true
            }),
        }
    }

    /// The full body of a view as read: what a `PUT` sends for the fields it does not change.
    pub fn from_view(view: &View) -> Self {
        let defaults = Self::new(view.name.clone(), view.kind.clone());
        let or = |value: &Option<Value>, default: Value| {
            value.clone().filter(|v| !v.is_null()).unwrap_or(default)
        };
        Self {
            parent: view.parent.clone(),
            grouping: or(&view.grouping, defaults.grouping.clone()),
            divide: or(&view.divide, defaults.divide.clone()),
            sorting: or(&view.sorting, defaults.sorting.clone()),
            filters: or(&view.filters, defaults.filters.clone()),
            columns: or(&view.columns, defaults.columns.clone()),
            team_sidebar: or(&view.team_sidebar, defaults.team_sidebar.clone()),
            settings: or(&view.settings, defaults.settings.clone()),
            ..defaults
        }
    }
}

/// An id sent as a string or a number.
fn string_or_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "expected a string or number id, got {}",
            match other {
                Value::Null => "null",
                Value::Bool(_) => "a boolean",
                Value::Array(_) => "an array",
                _ => "an object",
            }
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_is_read_with_a_numeric_parent_id_and_its_settings_kept_whole() {
        let view: View = serde_json::from_value(json!({
            "id": "3c-105", "name": "Board", "type": "board",
            "parent": {"id": 512, "type": 7},
            "filters": {"op": "AND", "fields": [{"field": "status", "op": "EQ", "values": ["open"]}],
                        "search": "", "show_closed": false},
            "protected": false
        }))
        .unwrap();
        assert_eq!(view.parent.as_ref().unwrap().id, "512");
        assert_eq!(view.extra["protected"], false);
        let body = ViewBody::from_view(&view);
        assert_eq!(body.filters["fields"][0]["field"], "status");
        assert_eq!(
            body.grouping["field"], "status",
            "missing parts get ClickUp's defaults"
        );
    }

    #[test]
    fn a_page_without_last_page_has_more_when_full() {
        let page = ViewTaskPage {
            tasks: Vec::new(),
            last_page: None,
        };
        assert!(!page.has_more());
    }
}

//! Tasks as ClickUp really sends them (docs/tools.md, "Where ClickUp differs from its OpenAPI file"): assignees, watchers, tags and
//! checklists are objects, dates are ms strings, `status` has id and type, estimates are ms.

use serde::{Deserialize, Serialize};

use crate::ids::{FieldId, TaskId, UserId};
use crate::models::field::CustomField;
use crate::models::hierarchy::ParentRef;
use crate::models::people::UserRef;
use crate::models::status::{Priority, Status};
use crate::models::tag::Tag;
use crate::models::values::{
    AddRem, Clearable, Extra, PriorityLevel, Timestamp, null_as_empty, opt_integer, opt_timestamp,
};

/// A task, from `GET /v2/task/{task_id}` and the task lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// The canonical task id (`86aa0001`).
    pub id: TaskId,
    /// The custom id (`ENG-1`) when the workspace has custom ids on.
    #[serde(default)]
    pub custom_id: Option<String>,
    /// The custom task type (a number), `null` for an ordinary task.
    #[serde(default)]
    pub custom_item_id: Option<u64>,
    /// Name.
    pub name: String,
    /// Description as plain text.
    #[serde(default)]
    pub text_content: Option<String>,
    /// Description (plain text in v2).
    #[serde(default)]
    pub description: Option<String>,
    /// Description as markdown, with `include_markdown_description=true`.
    #[serde(default)]
    pub markdown_description: Option<String>,
    /// Current status.
    #[serde(default)]
    pub status: Option<Status>,
    /// Position in its list.
    #[serde(default)]
    pub orderindex: Option<serde_json::Value>,
    /// Created.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub date_created: Option<Timestamp>,
    /// Last updated.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub date_updated: Option<Timestamp>,
    /// Closed (a closed-type status).
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub date_closed: Option<Timestamp>,
    /// Done (a done- or closed-type status).
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub date_done: Option<Timestamp>,
    /// Whether it is archived.
    #[serde(default)]
    pub archived: bool,
    /// Who created it.
    #[serde(default)]
    pub creator: Option<UserRef>,
    /// Assignees.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub assignees: Vec<UserRef>,
    /// Group (team) assignees, as ClickUp sends them.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub group_assignees: Vec<serde_json::Value>,
    /// Watchers.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub watchers: Vec<UserRef>,
    /// Checklists with their items.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub checklists: Vec<Checklist>,
    /// Tags.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub tags: Vec<Tag>,
    /// The parent task id, for a subtask.
    #[serde(default)]
    pub parent: Option<String>,
    /// The top of the parent chain, for a subtask.
    #[serde(default)]
    pub top_level_parent: Option<String>,
    /// Priority, `null` when none.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Due date.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub due_date: Option<Timestamp>,
    /// Start date.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub start_date: Option<Timestamp>,
    /// Sprint points.
    #[serde(default)]
    pub points: Option<f64>,
    /// Time estimate, ms.
    #[serde(default, deserialize_with = "opt_integer")]
    pub time_estimate: Option<i64>,
    /// Time tracked, ms.
    #[serde(default, deserialize_with = "opt_integer")]
    pub time_spent: Option<i64>,
    /// Custom fields with their values.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub custom_fields: Vec<CustomField>,
    /// Dependencies (both directions).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub dependencies: Vec<Dependency>,
    /// Linked tasks.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub linked_tasks: Vec<LinkedTask>,
    /// Other lists the task is in ("tasks in multiple lists").
    #[serde(default, deserialize_with = "null_as_empty")]
    pub locations: Vec<ParentRef>,
    /// Workspace id.
    #[serde(default)]
    pub team_id: Option<String>,
    /// `https://app.clickup.com/t/…`.
    #[serde(default)]
    pub url: Option<String>,
    /// Home list.
    #[serde(default)]
    pub list: Option<ParentRef>,
    /// Folder (ClickUp also sends it as `project`, kept in `extra`).
    #[serde(default)]
    pub folder: Option<ParentRef>,
    /// Space.
    #[serde(default)]
    pub space: Option<ParentRef>,
    /// Subtasks, with `include_subtasks=true`.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub subtasks: Vec<Task>,
    /// Attachments, as ClickUp sends them.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub attachments: Vec<serde_json::Value>,
    /// Everything else ClickUp sent (`project`, `permission_level`, `sharing`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A checklist on a task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checklist {
    /// Checklist id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Items resolved.
    #[serde(default)]
    pub resolved: Option<u32>,
    /// Items not resolved.
    #[serde(default)]
    pub unresolved: Option<u32>,
    /// Items.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub items: Vec<ChecklistItem>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A checklist item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    /// Item id.
    pub id: String,
    /// Text.
    pub name: String,
    /// Whether it is ticked.
    #[serde(default)]
    pub resolved: bool,
    /// Assignee.
    #[serde(default)]
    pub assignee: Option<UserRef>,
    /// Parent item id, for nested items.
    #[serde(default)]
    pub parent: Option<String>,
    /// Everything else ClickUp sent (`orderindex`, `children`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// One dependency of a task: `task_id` waits on `depends_on`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dependency {
    /// The waiting task.
    pub task_id: String,
    /// The task it waits on.
    pub depends_on: String,
    /// Dependency type (ClickUp sends a number).
    #[serde(default, rename = "type")]
    pub kind: Option<serde_json::Value>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One link between tasks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedTask {
    /// One end.
    pub task_id: String,
    /// The other end.
    pub link_id: String,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One page of tasks: `GET /v2/list/{list_id}/task` and `GET /v2/team/{team_id}/task`, 100
/// per page from `page=0`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskPage {
    /// The tasks of this page.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub tasks: Vec<Task>,
    /// Whether this is the last page (ClickUp sends it; the spec omits it).
    #[serde(default)]
    pub last_page: Option<bool>,
}

/// Tasks per page of ClickUp's task lists.
pub const TASK_PAGE_SIZE: usize = 100;

impl TaskPage {
    /// Whether a next page may hold more: `last_page: false`, or no `last_page` and a full page.
    pub fn has_more(&self) -> bool {
        self.last_page
            .map_or(self.tasks.len() >= TASK_PAGE_SIZE, |last| !last)
    }
}

/// A custom field value to set when creating a task.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CustomFieldValue {
    /// The field.
    pub id: FieldId,
    /// The value, in the field type's shape.
    pub value: serde_json::Value,
}

/// `POST /v2/list/{list_id}/task`. Fields left `None` or empty are not sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CreateTask {
    /// Name.
    pub name: String,
    /// Description as markdown (docs/tools.md, "Markdown").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markdown_content: Option<String>,
    /// Status name (must exist in the list).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Priority.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<PriorityLevel>,
    /// Assignees.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assignees: Vec<UserId>,
    /// Group (team) assignees, by group id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub group_assignees: Vec<String>,
    /// Tag names (ClickUp may drop unknown ones: check and add the rest with the tag endpoint).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Due date, epoch ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_date: Option<i64>,
    /// Whether the due date has a time of day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_date_time: Option<bool>,
    /// Start date, epoch ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<i64>,
    /// Whether the start date has a time of day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date_time: Option<bool>,
    /// Time estimate, ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_estimate: Option<i64>,
    /// Sprint points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
    /// Notify everyone, including the creator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_all: Option<bool>,
    /// Parent task (makes a subtask; same list).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<TaskId>,
    /// A task to link the new one to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links_to: Option<TaskId>,
    /// Refuse when required custom fields are missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_required_custom_fields: Option<bool>,
    /// Custom field values (premium in the tool layer).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub custom_fields: Vec<CustomFieldValue>,
    /// Task type; omitted unless one is given (docs/tools.md, "Where ClickUp differs from its OpenAPI file").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_item_id: Option<u64>,
}

/// `PUT /v2/task/{task_id}`. Fields left unchanged are not sent; `Clearable::Clear` sends
/// `null`. Tags are ignored by ClickUp here (use the tag endpoints), and `parent` cannot be
/// cleared (docs/tools.md, "Where ClickUp differs from its OpenAPI file").
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UpdateTask {
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description as markdown; `" "` clears it (ClickUp's way).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markdown_content: Option<String>,
    /// Status name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Priority.
    #[serde(skip_serializing_if = "Clearable::is_unchanged")]
    pub priority: Clearable<PriorityLevel>,
    /// Due date, epoch ms.
    #[serde(skip_serializing_if = "Clearable::is_unchanged")]
    pub due_date: Clearable<i64>,
    /// Whether the due date has a time of day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_date_time: Option<bool>,
    /// Start date, epoch ms.
    #[serde(skip_serializing_if = "Clearable::is_unchanged")]
    pub start_date: Clearable<i64>,
    /// Whether the start date has a time of day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date_time: Option<bool>,
    /// Time estimate, ms.
    #[serde(skip_serializing_if = "Clearable::is_unchanged")]
    pub time_estimate: Clearable<i64>,
    /// Sprint points.
    #[serde(skip_serializing_if = "Clearable::is_unchanged")]
    pub points: Clearable<f64>,
    /// New parent (re-parent a subtask within its list).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<TaskId>,
    /// Assignees to add and remove.
    #[serde(skip_serializing_if = "AddRem::is_empty")]
    pub assignees: AddRem<UserId>,
    /// Group assignees to add and remove.
    #[serde(skip_serializing_if = "AddRem::is_empty")]
    pub group_assignees: AddRem<String>,
    /// Watchers to add and remove.
    #[serde(skip_serializing_if = "AddRem::is_empty")]
    pub watchers: AddRem<UserId>,
    /// Archive or unarchive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// Task type. `Some(0)`, ClickUp's plain "Task", is sent as `null`: the documented way to
    /// set a task back to an ordinary task.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "task_type_or_null"
    )]
    pub custom_item_id: Option<u64>,
}

/// A task type for `PUT /v2/task/{task_id}`: `0` (the plain task) as `null`.
fn task_type_or_null<S: serde::Serializer>(
    task_type: &Option<u64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match task_type {
        Some(id) if *id != 0 => serializer.serialize_u64(*id),
        _ => serializer.serialize_none(),
    }
}

/// `POST /v2/task/{task_id}/dependency`: exactly one direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NewDependency {
    /// The task waits on this one (`depends_on`).
    WaitingOn(TaskId),
    /// This one waits on the task (`dependency_of`; the spec's `depedency_of` is a typo).
    Blocking(TaskId),
}

impl Serialize for NewDependency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            NewDependency::WaitingOn(id) => map.serialize_entry("depends_on", id)?,
            NewDependency::Blocking(id) => map.serialize_entry("dependency_of", id)?,
        }
        map.end()
    }
}

/// `POST /v2/task/{task_id}/field/{field_id}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SetCustomField {
    /// The value, in the field type's shape (text, number, option id, `{"add","rem"}`, …).
    pub value: serde_json::Value,
    /// Extra options, e.g. `{"time": true}` for a date with a time of day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_options: Option<serde_json::Value>,
}

/// The body of the v3 move (`PUT …/tasks/{task_id}/home_list/{list_id}`), as ClickUp's guide
/// "Move a task to a new List" shows it. Empty parts are not sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MoveTask {
    /// Bring custom fields of the current list to the new one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub move_custom_fields: Option<bool>,
    /// Only these custom fields (ids), with `move_custom_fields: true`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub custom_fields_to_move: Vec<FieldId>,
    /// How statuses the new list lacks are mapped, by status id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub status_mappings: Vec<StatusMapping>,
}

/// One status mapping of a move: a status id of the current list → one of the new list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatusMapping {
    /// The current list's status id.
    pub source_status: String,
    /// The new list's status id.
    pub destination_status: String,
}

/// `POST /v2/task/{task_id}/merge`: the tasks merged into the target (canonical ids).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MergeTasks {
    /// The source tasks, which cease to exist separately.
    pub source_task_ids: Vec<TaskId>,
}

#[derive(Deserialize)]
pub(crate) struct TaskEnvelope {
    pub(crate) task: Task,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_task_as_clickup_sends_it_is_read_and_unknown_fields_are_kept() {
        let body = r##"{
            "id": "86aa0001", "custom_id": "ENG-1", "custom_item_id": null, "name": "Set up CI",
            "text_content": "Run build", "description": "Run build",
            "markdown_description": "Run **build**",
            "status": {"id": "p1_s2", "status": "in progress", "color": "#4194f6", "orderindex": 1, "type": "custom"},
            "orderindex": "1.00000000000000000000000000000000",
            "date_created": "1735725600000", "date_updated": "1735812000000", "date_closed": null,
            "date_done": null, "archived": false,
            "creator": {"id": 81000001, "username": "Alice", "color": "#fff", "email": "a@x", "profilePicture": null},
            "assignees": [{"id": 81000002, "username": "Bob", "initials": "BB", "email": "b@x", "color": null, "profilePicture": null}],
            "group_assignees": [], "watchers": [], "checklists": [],
            "tags": [{"name": "ci", "tag_fg": "#000", "tag_bg": "#fff", "creator": 81000001}],
            "parent": null, "top_level_parent": null,
            "priority": {"color": "#ffcc00", "id": "2", "orderindex": "2", "priority": "high"},
            "due_date": "1736330400000", "start_date": null, "points": 3, "time_estimate": 7200000,
            "time_spent": 0, "custom_fields": [], "dependencies": [], "linked_tasks": [],
            "locations": [], "team_id": "9000001", "url": "https://app.clickup.com/t/86aa0001",
            "permission_level": "create",
            "list": {"id": "901101001", "name": "Sprint 12", "access": true},
            "project": {"id": "90111001", "name": "Backend", "hidden": false, "access": true},
            "folder": {"id": "90111001", "name": "Backend", "hidden": false, "access": true},
            "space": {"id": "90011001"}, "attachments": []
        }"##;
        let task: Task = serde_json::from_str(body).unwrap();
        assert_eq!(task.id.as_str(), "86aa0001");
        assert_eq!(
            task.status.as_ref().map(|s| s.status.as_str()),
            Some("in progress")
        );
        assert_eq!(
            task.priority.as_ref().and_then(Priority::level),
            Some(PriorityLevel::High)
        );
        assert_eq!(task.due_date, Some(Timestamp(1_736_330_400_000)));
        assert_eq!(task.assignees[0].id, 81_000_002);
        assert_eq!(task.tags[0].name, "ci");
        assert_eq!(task.time_estimate, Some(7_200_000));
        assert_eq!(task.extra.get("permission_level"), Some(&json!("create")));
        assert!(
            task.extra.contains_key("project"),
            "unknown fields are kept"
        );
    }

    #[test]
    fn an_update_sends_only_what_changes() {
        let update = UpdateTask {
            name: Some("New".into()),
            priority: Clearable::Clear,
            assignees: AddRem {
                add: vec![UserId(1)],
                rem: vec![UserId(2)],
            },
            ..UpdateTask::default()
        };
        assert_eq!(
            serde_json::to_value(update).unwrap(),
            json!({"name": "New", "priority": null, "assignees": {"add": [1], "rem": [2]}})
        );
        let create = CreateTask {
            name: "A".into(),
            ..CreateTask::default()
        };
        assert_eq!(serde_json::to_value(create).unwrap(), json!({"name": "A"}));
    }

    #[test]
    fn a_dependency_is_sent_with_the_real_field_name() {
        let id = TaskId::new("86aa0002").unwrap();
        assert_eq!(
            serde_json::to_value(NewDependency::Blocking(id.clone())).unwrap(),
            json!({"dependency_of": "86aa0002"})
        );
        assert_eq!(
            serde_json::to_value(NewDependency::WaitingOn(id)).unwrap(),
            json!({"depends_on": "86aa0002"})
        );
    }

    #[test]
    fn a_page_without_last_page_has_more_only_when_full() {
        let page = |n: usize, last: Option<bool>| TaskPage {
            tasks: Vec::with_capacity(n),
            last_page: last,
        };
        assert!(page(0, Some(false)).has_more());
        assert!(!page(0, Some(true)).has_more());
        assert!(!page(0, None).has_more());
    }
}

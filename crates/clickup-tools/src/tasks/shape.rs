//! The task objects every task tool answers with (docs/tools.md, "Detail levels" and "Results"): [`TaskSummary`] (id,
//! custom id, name, status, priority, assignees, due date, list, parent, url) and [`Task`], the
//! summary plus, at `detail_level: full`, the details (markdown description, every date with its
//! epoch ms, estimate and time spent, tags, watchers, …) and the sections (custom fields with
//! readable values, checklists, relationships, subtasks, attachments). Dates are ISO 8601 in the
//! effective zone; ids are strings.

use clickup::models;
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::dates::{format_date, format_read_date};
use crate::durations::format_duration;
use crate::markdown::description_from_clickup;
use crate::priority::Priority;

pub mod values;

pub use values::{FieldValue, field_options};

pub use crate::detail::DetailLevel;

// A section `clickup_task_get` can add to the summary (all of them at `full`). Inlined, with
// no description: the tool description says what `include` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum Section {
    /// Subtasks (every level).
    Subtasks,
    /// Checklists with their items.
    Checklists,
    /// Custom fields with readable values.
    CustomFields,
    /// Attachments.
    Attachments,
    /// Waiting-on, blocking and linked tasks.
    Relationships,
}

/// A person: ClickUp user id and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Person {
    /// ClickUp user id.
    pub id: String,
    /// Display name, when set.
    pub name: Option<String>,
}

/// Another object, by id and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Named {
    /// Its id.
    pub id: String,
    /// Its name, when ClickUp sent it.
    pub name: Option<String>,
}

/// Where a task's due date stands, for `clickup_my_task_list`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    /// Due before today.
    Overdue,
    /// Due today.
    Today,
    /// Due after today.
    Upcoming,
    /// No due date.
    NoDate,
}

/// A task in short.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct TaskSummary {
    /// Canonical task id.
    pub id: String,
    /// Custom task id (`ENG-42`), when the workspace uses them.
    pub custom_id: Option<String>,
    /// Name.
    pub name: String,
    /// Status name.
    pub status: Option<String>,
    /// Priority by name, `null` for none.
    pub priority: Option<Priority>,
    /// Assignees.
    pub assignees: Vec<Person>,
    /// Due date: ISO 8601 in the effective zone (a bare date when it has no time of day).
    pub due_date: Option<String>,
    /// Home list.
    pub list: Option<Named>,
    /// Parent task id, for a subtask.
    pub parent: Option<String>,
    /// `https://app.clickup.com/t/…`.
    pub url: Option<String>,
    /// Only in `clickup_my_task_list`: overdue, today, upcoming or no date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_state: Option<DueState>,
}

/// A task: the summary, plus the details at `full` and the sections asked for.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Task {
    /// The summary fields.
    #[serde(flatten)]
    pub summary: TaskSummary,
    /// Present at `detail_level: full`.
    #[serde(flatten)]
    pub details: Option<TaskDetails>,
    /// Custom fields of the task's list with readable values (`null` when unset).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Vec<FieldValue>>,
    /// Checklists with their items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checklists: Option<Vec<ChecklistOut>>,
    /// Dependencies and links.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relationships: Option<Relationships>,
    /// Subtasks (every level), in short.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtasks: Option<Vec<TaskSummary>>,
    /// Attachments, as ClickUp describes them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Value>>,
}

/// The fields `detail_level: full` adds.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct TaskDetails {
    /// Description as markdown.
    pub description: Option<String>,
    /// Status group: `open`, `custom`, `done` or `closed`.
    pub status_type: Option<String>,
    /// Start date (ISO 8601).
    pub start_date: Option<String>,
    /// Created (ISO 8601).
    pub date_created: Option<String>,
    /// Last updated (ISO 8601).
    pub date_updated: Option<String>,
    /// Closed (ISO 8601).
    pub date_closed: Option<String>,
    /// Done (ISO 8601).
    pub date_done: Option<String>,
    /// The same dates as epoch milliseconds.
    pub dates_ms: DatesMs,
    /// Time estimate (`1h 30m`).
    pub time_estimate: Option<String>,
    /// Time estimate in ms.
    pub time_estimate_ms: Option<i64>,
    /// Time tracked (`1h 30m`).
    pub time_spent: Option<String>,
    /// Time tracked in ms.
    pub time_spent_ms: Option<i64>,
    /// Sprint points.
    pub points: Option<f64>,
    /// Task type name (its id when the name is not known), `null` for an ordinary task.
    pub task_type: Option<String>,
    /// Whether it is archived.
    pub archived: bool,
    /// Who created it.
    pub creator: Option<Person>,
    /// Tag names.
    pub tags: Vec<String>,
    /// Watchers.
    pub watchers: Vec<Person>,
    /// Group (team) assignee ids.
    pub group_assignees: Vec<String>,
    /// Folder.
    pub folder: Option<Named>,
    /// Space.
    pub space: Option<Named>,
    /// Other lists the task is also in.
    pub extra_lists: Vec<Named>,
    /// Top of the parent chain, for a subtask.
    pub top_level_parent: Option<String>,
}

/// A task's dates as epoch milliseconds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DatesMs {
    /// Due.
    pub due: Option<i64>,
    /// Start.
    pub start: Option<i64>,
    /// Created.
    pub created: Option<i64>,
    /// Updated.
    pub updated: Option<i64>,
    /// Closed.
    pub closed: Option<i64>,
    /// Done.
    pub done: Option<i64>,
}

/// A checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ChecklistOut {
    /// Checklist id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Items.
    pub items: Vec<ChecklistItemOut>,
}

/// A checklist item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ChecklistItemOut {
    /// Item id.
    pub id: String,
    /// Text.
    pub name: String,
    /// Whether it is ticked.
    pub resolved: bool,
    /// Assignee.
    pub assignee: Option<Person>,
}

/// Dependencies and links of a task, by task id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Relationships {
    /// Tasks this one waits on.
    pub waiting_on: Vec<String>,
    /// Tasks waiting on this one.
    pub blocking: Vec<String>,
    /// Linked tasks.
    pub links: Vec<String>,
}

/// How tasks are rendered in one call.
#[derive(Clone, Debug)]
pub struct Render {
    /// The effective zone.
    pub zone: TimeZone,
    /// Summary or full.
    pub level: DetailLevel,
    /// Sections added to the summary.
    pub sections: Vec<Section>,
    /// Task type names by id, when they were read.
    task_types: std::collections::HashMap<u64, String>,
}

impl Render {
    /// Summary or full, no extra sections.
    pub fn new(zone: TimeZone, level: DetailLevel) -> Self {
        Self {
            zone,
            level,
            sections: Vec::new(),
            task_types: std::collections::HashMap::new(),
        }
    }

    /// Show task types by name: the workspace's types are read (cached for a session) when one
    /// of `tasks` has a type. Without them (ClickUp failed), types are shown by id.
    pub async fn name_task_types<'a>(
        &mut self,
        ctx: &crate::context::ToolContext,
        workspace: &str,
        tasks: impl IntoIterator<Item = &'a models::Task>,
    ) {
        // Only the full form shows task types.
        let typed = self.level == DetailLevel::Full
            && tasks
                .into_iter()
                .any(|t| t.custom_item_id.is_some_and(|id| id != 0));
        if !typed {
            return;
        }
        if let Ok(items) = ctx.cache.task_types(ctx, workspace).await {
            self.task_types = items.iter().map(|i| (i.id, i.name.clone())).collect();
        }
    }

    fn wants(&self, section: Section) -> bool {
        self.level == DetailLevel::Full || self.sections.contains(&section)
    }

    /// The summary of a ClickUp task.
    pub fn summary(&self, task: &models::Task) -> TaskSummary {
        TaskSummary {
            id: task.id.to_string(),
            custom_id: task.custom_id.clone(),
            name: task.name.clone(),
            status: task.status.as_ref().map(|s| s.status.clone()),
            priority: priority(task),
            assignees: task.assignees.iter().map(person).collect(),
            due_date: task
                .due_date
                .map(|d| self.date(d.millis(), flag(task, "due_date_time"))),
            list: task.list.as_ref().map(named),
            parent: task.parent.clone(),
            url: task.url.clone(),
            due_state: None,
        }
    }

    /// The task as this call renders it.
    pub fn task(&self, task: &models::Task) -> Task {
        let full = self.level == DetailLevel::Full;
        Task {
            summary: self.summary(task),
            details: full.then(|| self.details(task)),
            custom_fields: self
                .wants(Section::CustomFields)
                .then(|| values::fields(&task.custom_fields, &self.zone)),
            checklists: self
                .wants(Section::Checklists)
                .then(|| task.checklists.iter().map(checklist).collect()),
            relationships: self
                .wants(Section::Relationships)
                .then(|| relationships(task)),
            subtasks: (self.sections.contains(&Section::Subtasks)
                || (full && !task.subtasks.is_empty()))
            .then(|| task.subtasks.iter().map(|t| self.summary(t)).collect()),
            attachments: self
                .wants(Section::Attachments)
                .then(|| task.attachments.clone()),
        }
    }

    fn details(&self, task: &models::Task) -> TaskDetails {
        let iso = |d: Option<clickup::Timestamp>| d.map(|d| format_date(d.millis(), &self.zone));
        TaskDetails {
            description: description_from_clickup(
                task.markdown_description.as_deref(),
                task.description.as_deref(),
            ),
            status_type: task.status.as_ref().and_then(|s| s.kind.clone()),
            start_date: task
                .start_date
                .map(|d| self.date(d.millis(), flag(task, "start_date_time"))),
            date_created: iso(task.date_created),
            date_updated: iso(task.date_updated),
            date_closed: iso(task.date_closed),
            date_done: iso(task.date_done),
            dates_ms: DatesMs {
                due: task.due_date.map(|d| d.millis()),
                start: task.start_date.map(|d| d.millis()),
                created: task.date_created.map(|d| d.millis()),
                updated: task.date_updated.map(|d| d.millis()),
                closed: task.date_closed.map(|d| d.millis()),
                done: task.date_done.map(|d| d.millis()),
            },
            time_estimate: duration(task.time_estimate),
            time_estimate_ms: task.time_estimate,
            time_spent: duration(task.time_spent),
            time_spent_ms: task.time_spent,
            points: task.points,
            task_type: task.custom_item_id.filter(|id| *id != 0).map(|id| {
                self.task_types
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| id.to_string())
            }),
            archived: task.archived,
            creator: task.creator.as_ref().map(person),
            tags: task.tags.iter().map(|t| t.name.clone()).collect(),
            watchers: task.watchers.iter().map(person).collect(),
            group_assignees: task.group_assignees.iter().filter_map(group_id).collect(),
            folder: task
                .folder
                .as_ref()
                .filter(|f| f.hidden != Some(true))
                .map(named),
            space: task.space.as_ref().map(named),
            extra_lists: task
                .locations
                .iter()
                .filter(|l| task.list.as_ref().is_none_or(|home| home.id != l.id))
                .map(named)
                .collect(),
            top_level_parent: task.top_level_parent.clone(),
        }
    }

    /// A date ClickUp sent, in the zone shown ([`format_read_date`]; `dates_ms` keeps the
    /// instant).
    fn date(&self, ms: i64, has_time: Option<bool>) -> String {
        format_read_date(ms, has_time, &self.zone)
    }
}

/// The task's priority by name.
pub fn priority(task: &models::Task) -> Option<Priority> {
    task.priority
        .as_ref()
        .and_then(models::Priority::level)
        .and_then(|level| Priority::from_level(u64::from(level.number())))
}

/// `due_date_time` / `start_date_time` when ClickUp sent it.
fn flag(task: &models::Task, name: &str) -> Option<bool> {
    task.extra.get(name).and_then(Value::as_bool)
}

fn person(user: &models::UserRef) -> Person {
    Person {
        id: user.id.to_string(),
        name: user.username.clone(),
    }
}

fn named(parent: &models::ParentRef) -> Named {
    Named {
        id: parent.id.clone(),
        name: parent.name.clone(),
    }
}

/// An `id` member sent as a string or a number.
pub(crate) fn value_id(value: &Value) -> Option<String> {
    match value.get("id")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The id of one of a task's group assignees: an object with an `id`, as ClickUp sends them, or
/// a bare id, as its OpenAPI file says.
pub(crate) fn group_id(value: &Value) -> Option<String> {
    value
        .as_str()
        .map(str::to_owned)
        .or_else(|| value_id(value))
}

fn duration(ms: Option<i64>) -> Option<String> {
    ms.and_then(|ms| u64::try_from(ms).ok())
        .filter(|ms| *ms > 0)
        .map(format_duration)
}

fn checklist(list: &models::Checklist) -> ChecklistOut {
    ChecklistOut {
        id: list.id.clone(),
        name: list.name.clone(),
        items: list
            .items
            .iter()
            .map(|item| ChecklistItemOut {
                id: item.id.clone(),
                name: item.name.clone(),
                resolved: item.resolved,
                assignee: item.assignee.as_ref().map(person),
            })
            .collect(),
    }
}

/// Waiting-on, blocking and linked task ids, each once.
pub fn relationships(task: &models::Task) -> Relationships {
    let me = task.id.as_str();
    let mut out = Relationships::default();
    let push = |list: &mut Vec<String>, id: &str| {
        if id != me && !list.iter().any(|x| x == id) {
            list.push(id.to_owned());
        }
    };
    for dependency in &task.dependencies {
        if dependency.task_id == me {
            push(&mut out.waiting_on, &dependency.depends_on);
        } else if dependency.depends_on == me {
            push(&mut out.blocking, &dependency.task_id);
        }
    }
    for link in &task.linked_tasks {
        let other = if link.task_id == me {
            &link.link_id
        } else {
            &link.task_id
        };
        push(&mut out.links, other);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn task() -> models::Task {
        serde_json::from_value(json!({
            "id": "86aa0001", "custom_id": "ENG-1", "name": "Set up CI",
            "markdown_description": "Run **build**", "description": "Run build",
            "status": {"status": "in progress", "type": "custom"},
            "priority": {"id": "2", "priority": "high"},
            "assignees": [{"id": 81000002, "username": "Bob"}],
            "due_date": "1736330400000", "date_created": "1735725600000",
            "time_estimate": 5400000, "tags": [{"name": "ci"}],
            "list": {"id": "901101001", "name": "Sprint 12"},
            "folder": {"id": "90119001", "name": "hidden", "hidden": true},
            "dependencies": [
                {"task_id": "86aa0001", "depends_on": "86aa0005"},
                {"task_id": "86aa0006", "depends_on": "86aa0001"}
            ],
            "linked_tasks": [{"task_id": "86aa0007", "link_id": "86aa0001"}],
            "custom_fields": [
                {"id": "f1", "name": "Severity", "type": "drop_down", "value": 2,
                 "type_config": {"options": [
                    {"id": "o1", "name": "Low", "orderindex": 0},
                    {"id": "o3", "name": "High", "orderindex": 2}]}},
                {"id": "f2", "name": "Components", "type": "labels", "value": ["l1"],
                 "type_config": {"options": [{"id": "l1", "label": "api"}]}},
                {"id": "f3", "name": "Effort", "type": "number", "value": "5"},
                {"id": "f4", "name": "Blocked", "type": "checkbox", "value": "false"},
                {"id": "f5", "name": "Reviewer", "type": "users", "value": [{"id": 81000002, "username": "Bob"}]},
                {"id": "f6", "name": "Release", "type": "date", "value": "1736330400000"},
                {"id": "f7", "name": "Customer", "type": "text"}
            ]
        }))
        .unwrap()
    }

    #[test]
    fn a_summary_has_names_and_iso_dates_in_the_zone() {
        let render = Render::new(TimeZone::get("Europe/Paris").unwrap(), DetailLevel::Summary);
        let out = serde_json::to_value(render.task(&task())).unwrap();
        assert_eq!(out["priority"], "high");
        assert_eq!(out["status"], "in progress");
        assert_eq!(out["due_date"], "2025-01-08T11:00:00+01:00");
        assert_eq!(out["assignees"], json!([{"id": "81000002", "name": "Bob"}]));
        assert!(out.get("description").is_none(), "summary has no details");
        assert!(out.get("custom_fields").is_none());
    }

    #[test]
    fn group_assignees_are_read_as_objects_or_as_bare_ids() {
        let mut task = task();
        task.group_assignees = vec![json!({"id": "g-1", "name": "Design"}), json!("g-2")];
        let render = Render::new(TimeZone::UTC, DetailLevel::Full);
        let out = serde_json::to_value(render.task(&task)).unwrap();
        assert_eq!(out["group_assignees"], json!(["g-1", "g-2"]));
    }

    #[test]
    fn a_date_field_at_four_in_the_morning_reads_as_a_bare_date() {
        // ClickUp keeps a date without a time of day at 04:00 local, and its read says nothing
        // more: shown as 04:00 it would claim a time nobody set.
        let mut task = task();
        task.custom_fields[5].value = Some(json!("1736308800000"));
        let render = Render::new(TimeZone::UTC, DetailLevel::Full);
        let out = serde_json::to_value(render.task(&task)).unwrap();
        assert_eq!(out["custom_fields"][5]["name"], "Release");
        assert_eq!(out["custom_fields"][5]["value"], "2025-01-08");
        let paris = Render::new(TimeZone::get("Europe/Paris").unwrap(), DetailLevel::Full);
        let out = serde_json::to_value(paris.task(&task)).unwrap();
        assert_eq!(
            out["custom_fields"][5]["value"],
            "2025-01-08T05:00:00+01:00"
        );
    }

    #[test]
    fn full_adds_details_and_readable_custom_field_values() {
        let render = Render::new(TimeZone::UTC, DetailLevel::Full);
        let out = serde_json::to_value(render.task(&task())).unwrap();
        assert_eq!(out["description"], "Run **build**");
        assert_eq!(out["time_estimate"], "1h 30m");
        assert_eq!(out["dates_ms"]["due"], 1_736_330_400_000_i64);
        assert_eq!(out["folder"], Value::Null, "the hidden folder is not shown");
        let values: Vec<Value> = out["custom_fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["value"].clone())
            .collect();
        assert_eq!(
            values,
            vec![
                json!("High"),
                json!(["api"]),
                json!(5.0),
                json!(false),
                json!([{"id": "81000002", "name": "Bob"}]),
                json!("2025-01-08T10:00:00+00:00"),
                Value::Null,
            ]
        );
        assert_eq!(out["relationships"]["waiting_on"], json!(["86aa0005"]));
        assert_eq!(out["relationships"]["blocking"], json!(["86aa0006"]));
        assert_eq!(out["relationships"]["links"], json!(["86aa0007"]));
    }
}

//! Verified writes (docs/tools.md, "Verified writes"): after a create or update the task is read back, and each
//! requested field that did not take effect is reported as `{field, requested, actual}` in
//! `not_applied` (ClickUp silently ignores, for example, assignees who are not members, `tags`
//! on update, or a status it does not know on some plans).

use clickup::filters::TaskReadOptions;
use clickup::ids::TaskRef;
use clickup::models;
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Value, json};

use crate::context::ToolContext;
use crate::dates::format_date;
use crate::error::ToolError;
use crate::markdown::description_from_clickup;
use crate::priority::Priority;
use crate::tasks::fields::{self, PreparedField};
use crate::tasks::shape::{self, Task};

pub use crate::verify::NotApplied;

/// The answer of a task write: the task as read back, whether it was read back, and what did
/// not take.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct TaskWriteResult {
    /// The task (read back after the write).
    pub task: Task,
    /// Whether the task was read back after the write.
    pub verified: bool,
    /// Requested changes the task does not show; empty when everything took.
    pub not_applied: Vec<NotApplied>,
    /// The tags the write put on and took off, when it changed tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<crate::tasks::changes::TagChange>,
}

/// What the task should show after a write. `None` = not requested; `Some(None)` = cleared.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expected {
    /// Name.
    pub name: Option<String>,
    /// Description (markdown).
    pub description: Option<Option<String>>,
    /// Status (as the list spells it).
    pub status: Option<String>,
    /// Priority.
    pub priority: Option<Option<Priority>>,
    /// The exact final set of assignees.
    pub assignees: Option<Vec<u64>>,
    /// Assignees that must be there (delta form).
    pub assignees_added: Vec<u64>,
    /// Assignees that must be gone (delta form).
    pub assignees_removed: Vec<u64>,
    /// The exact final set of watchers.
    pub watchers: Option<Vec<u64>>,
    /// The exact final set of group assignees.
    pub group_assignees: Option<Vec<String>>,
    /// The exact final set of tags (lower case).
    pub tags: Option<Vec<String>>,
    /// Tags that must be there (create: the creator may add none, ClickUp none).
    pub tags_included: Vec<String>,
    /// Due date, ms.
    pub due_date: Option<Option<i64>>,
    /// Start date, ms.
    pub start_date: Option<Option<i64>>,
    /// Estimate, ms.
    pub time_estimate: Option<Option<i64>>,
    /// Points.
    pub points: Option<Option<f64>>,
    /// Task type id (`None` inside: a plain task).
    pub task_type: Option<Option<u64>>,
    /// Parent id.
    pub parent: Option<String>,
    /// Archived.
    pub archived: Option<bool>,
    /// Custom fields.
    pub fields: Vec<PreparedField>,
}

/// Read the task back (`GET /v2/task/{task_id}` with the markdown description).
pub async fn read_back(ctx: &ToolContext, task: &TaskRef) -> Result<models::Task, ToolError> {
    let read = ctx
        .clickup
        .get_task(&ctx.token, task, TaskReadOptions::default())
        .await;
    ctx.answer("The task", read).await
}

fn sorted<T: Ord + Clone>(items: &[T]) -> Vec<T> {
    let mut out = items.to_vec();
    out.sort();
    out.dedup();
    out
}

/// What did not take effect, comparing `expected` with the task as read back.
pub fn not_applied(expected: &Expected, task: &models::Task, zone: &TimeZone) -> Vec<NotApplied> {
    let mut out = Vec::new();
    let mut miss = |field: &str, requested: Value, actual: Value| {
        out.push(NotApplied {
            field: field.to_owned(),
            requested,
            actual,
        });
    };
    let date = |ms: Option<i64>| ms.map_or(Value::Null, |ms| json!(format_date(ms, zone)));
    if let Some(name) = &expected.name
        && task.name != *name
    {
        miss("name", json!(name), json!(task.name));
    }
    if let Some(wanted) = &expected.description {
        let actual = description_from_clickup(
            task.markdown_description.as_deref(),
            task.description.as_deref(),
        );
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let same = match (wanted, &actual) {
            (None, None) => true,
            (Some(w), Some(a)) => norm(w) == norm(a),
            _ => false,
        };
        if !same {
            miss("description", json!(wanted), json!(actual));
        }
    }
    let status = task.status.as_ref().map(|s| s.status.clone());
    if let Some(wanted) = &expected.status
        && !status
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case(wanted))
    {
        miss("status", json!(wanted), json!(status));
    }
    let priority = shape::priority(task);
    if let Some(wanted) = expected.priority
        && wanted != priority
    {
        miss("priority", json!(wanted), json!(priority));
    }
    let assignees: Vec<u64> = task.assignees.iter().map(|u| u.id).collect();
    if let Some(wanted) = &expected.assignees
        && sorted(wanted) != sorted(&assignees)
    {
        miss("assignees", json!(ids(wanted)), json!(ids(&assignees)));
    }
    let missing: Vec<u64> = expected
        .assignees_added
        .iter()
        .filter(|id| !assignees.contains(id))
        .copied()
        .collect();
    if !missing.is_empty() {
        miss(
            "add_assignees",
            json!(ids(&missing)),
            json!(ids(&assignees)),
        );
    }
    let kept: Vec<u64> = expected
        .assignees_removed
        .iter()
        .filter(|id| assignees.contains(id))
        .copied()
        .collect();
    if !kept.is_empty() {
        miss(
            "remove_assignees",
            json!(ids(&kept)),
            json!(ids(&assignees)),
        );
    }
    let watchers: Vec<u64> = task.watchers.iter().map(|u| u.id).collect();
    if let Some(wanted) = &expected.watchers
        && sorted(wanted) != sorted(&watchers)
    {
        miss("watchers", json!(ids(wanted)), json!(ids(&watchers)));
    }
    let groups: Vec<String> = task
        .group_assignees
        .iter()
        .filter_map(shape::group_id)
        .collect();
    if let Some(wanted) = &expected.group_assignees
        && sorted(wanted) != sorted(&groups)
    {
        miss("group_assignees", json!(wanted), json!(groups));
    }
    let tags: Vec<String> = task.tags.iter().map(|t| t.name.to_lowercase()).collect();
    if let Some(wanted) = &expected.tags
        && sorted(wanted) != sorted(&tags)
    {
        miss("tags", json!(wanted), json!(tags));
    }
    if expected.tags_included.iter().any(|t| !tags.contains(t)) {
        miss("tags", json!(expected.tags_included), json!(tags));
    }
    let due = task.due_date.map(clickup::Timestamp::millis);
    if let Some(wanted) = expected.due_date
        && wanted != due
    {
        miss("due_date", date(wanted), date(due));
    }
    let start = task.start_date.map(clickup::Timestamp::millis);
    if let Some(wanted) = expected.start_date
        && wanted != start
    {
        miss("start_date", date(wanted), date(start));
    }
    let estimate = task.time_estimate.filter(|ms| *ms > 0);
    if let Some(wanted) = expected.time_estimate
        && wanted != estimate
    {
        miss("time_estimate", json!(wanted), json!(estimate));
    }
    if let Some(wanted) = expected.points
        && !same_number(wanted, task.points)
    {
        miss("points", json!(wanted), json!(task.points));
    }
    let task_type = task.custom_item_id.filter(|id| *id != 0);
    if let Some(wanted) = expected.task_type
        && wanted != task_type
    {
        miss("task_type", json!(wanted), json!(task_type));
    }
    if let Some(wanted) = &expected.parent
        && task.parent.as_deref() != Some(wanted.as_str())
    {
        miss("parent", json!(wanted), json!(task.parent));
    }
    if let Some(wanted) = expected.archived
        && task.archived != wanted
    {
        miss("archived", json!(wanted), json!(task.archived));
    }
    for field in &expected.fields {
        if !fields::took_effect(field, &task.custom_fields) {
            let actual = task
                .custom_fields
                .iter()
                .find(|f| f.id == field.id.as_str())
                .and_then(|f| f.value.clone())
                .unwrap_or(Value::Null);
            miss(
                &format!("custom_fields.{}", field.name),
                field.requested.clone(),
                actual,
            );
        }
    }
    out
}

fn same_number(wanted: Option<f64>, actual: Option<f64>) -> bool {
    match (wanted, actual) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        _ => false,
    }
}

fn ids(users: &[u64]) -> Vec<String> {
    users.iter().map(u64::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_that_did_not_take_are_listed_with_both_values() {
        let task: models::Task = serde_json::from_value(json!({
            "id": "86cc0001", "name": "A", "status": {"status": "to do"},
            "assignees": [{"id": 1}], "tags": [{"name": "ci"}], "time_estimate": 3600000
        }))
        .unwrap();
        let expected = Expected {
            name: Some("A".into()),
            status: Some("TO DO".into()),
            assignees: Some(vec![1, 99]),
            tags: Some(vec!["ci".into()]),
            parent: Some("86aa0001".into()),
            time_estimate: Some(Some(3_600_000)),
            ..Expected::default()
        };
        let missed = not_applied(&expected, &task, &TimeZone::UTC);
        let names: Vec<&str> = missed.iter().map(|m| m.field.as_str()).collect();
        assert_eq!(names, ["assignees", "parent"]);
        assert_eq!(missed[0].requested, json!(["1", "99"]));
        assert_eq!(missed[0].actual, json!(["1"]));
    }
}

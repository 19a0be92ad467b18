//! Dependency and link tools (docs/tools.md, "Dependencies and links"): what a task waits on
//! (`waiting_on` → ClickUp's `depends_on`), what it blocks (`blocking` → `dependency_of`) and
//! which tasks it links to. Each tool reads the task first (its canonical id, and whether the
//! relation is already there: adding or removing it again sends nothing), names the other task
//! by canonical id, and answers the task's relationships after the change, as ClickUp shows
//! them.

use std::sync::Arc;

use clickup::filters::TaskReadOptions;
use clickup::ids::{TaskId, TaskRef};
use clickup::models::{NewDependency, Task};
use schemars::JsonSchema;
use serde::Serialize;

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{ClickUpTool, tool};
use crate::task_ref;
use crate::tasks::shape::{Relationships, relationships};

pub mod dependency_add;
pub mod dependency_remove;
pub mod link_add;
pub mod link_remove;
pub mod relationship_list;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<relationship_list::TaskRelationshipList>(),
        tool::<dependency_add::TaskDependencyAdd>(),
        tool::<dependency_remove::TaskDependencyRemove>(),
        tool::<link_add::TaskLinkAdd>(),
        tool::<link_remove::TaskLinkRemove>(),
    ]
}

/// A task by id and name.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TaskBrief {
    /// Task id.
    pub id: String,
    /// Custom task id (`ENG-42`), when the workspace uses them.
    pub custom_id: Option<String>,
    /// Name.
    pub name: String,
}

impl From<&Task> for TaskBrief {
    fn from(task: &Task) -> Self {
        Self {
            id: task.id.to_string(),
            custom_id: task.custom_id.clone(),
            name: task.name.clone(),
        }
    }
}

/// The result of the add tools.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Added {
    /// The task.
    pub task: TaskBrief,
    /// Its relationships after the change, by task id.
    pub relationships: Relationships,
    /// False when the relation was already there (nothing was sent).
    pub added: bool,
    /// Whether the task was read back.
    pub verified: bool,
    /// The relation, when the task read back does not show it.
    pub not_applied: Vec<crate::verify::NotApplied>,
}

/// The result of the remove tools.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Removed {
    /// Always true when the call succeeds.
    pub ok: bool,
    /// The task id.
    pub id: String,
    /// The custom task id, when the workspace uses them.
    pub custom_id: Option<String>,
    /// False when there was no such relation (nothing was sent).
    pub removed: bool,
}

/// A dependency direction and the other task, as the tools take it.
#[derive(Debug)]
pub(crate) struct Direction<'a> {
    /// The argument given (`waiting_on` or `blocking`).
    pub(crate) arg: &'static str,
    /// Its task reference.
    pub(crate) reference: &'a str,
}

/// Exactly one of `waiting_on` and `blocking`.
pub(crate) fn direction<'a>(
    waiting_on: Option<&'a str>,
    blocking: Option<&'a str>,
) -> Result<Direction<'a>, ToolError> {
    match (waiting_on, blocking) {
        (Some(reference), None) => Ok(Direction {
            arg: "waiting_on",
            reference,
        }),
        (None, Some(reference)) => Ok(Direction {
            arg: "blocking",
            reference,
        }),
        _ => Err(ToolError::invalid_argument(
            "Give exactly one of `waiting_on` (the task waits on it) and `blocking` (it waits on \
             the task).",
        )),
    }
}

/// The dependency `direction` names, with the other task's canonical id.
pub(crate) fn dependency(direction: &Direction<'_>, other: TaskId) -> NewDependency {
    if direction.arg == "waiting_on" {
        NewDependency::WaitingOn(other)
    } else {
        NewDependency::Blocking(other)
    }
}

/// Whether `task` shows the dependency.
pub(crate) fn has_dependency(task: &Task, dependency: &NewDependency) -> bool {
    let now = relationships(task);
    match dependency {
        NewDependency::WaitingOn(other) => now.waiting_on.iter().any(|t| t == other.as_str()),
        NewDependency::Blocking(other) => now.blocking.iter().any(|t| t == other.as_str()),
    }
}

/// Whether `task` is linked to `other` (either way).
pub(crate) fn has_link(task: &Task, other: &TaskId) -> bool {
    relationships(task)
        .links
        .iter()
        .any(|t| t == other.as_str())
}

/// A task read without its description (what these tools show does not need it).
pub(crate) const PLAIN_READ: TaskReadOptions = TaskReadOptions {
    include_subtasks: false,
    include_markdown_description: false,
};

/// Resolve and read the tool's task.
pub(crate) async fn read_task(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    reference: &str,
) -> Result<Task, ToolError> {
    let task = task_ref::resolve(ctx, ws, reference, None).await?;
    get(ctx, &task).await
}

/// Read a task.
pub(crate) async fn get(ctx: &ToolContext, task: &TaskRef) -> Result<Task, ToolError> {
    let result = ctx.clickup.get_task(&ctx.token, task, PLAIN_READ).await;
    ctx.answer("The task", result).await
}

/// The other task's canonical id; `arg` names it in errors. Not the task itself.
pub(crate) async fn other_task(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    task: &Task,
    arg: &str,
    reference: &str,
) -> Result<TaskId, ToolError> {
    let named = |err: ToolError| ToolError {
        message: format!("`{arg}`: {}", err.message),
        ..err
    };
    // A custom id is read once for its canonical id (ClickUp reads the other task's id as
    // canonical).
    let other = match task_ref::resolve(ctx, ws, reference, None)
        .await
        .map_err(named)?
    {
        TaskRef::Id(id) => id,
        custom => get(ctx, &custom).await.map_err(named)?.id,
    };
    if other == task.id {
        return Err(ToolError::invalid_argument(format!(
            "`{arg}` is the task itself; give another task."
        )));
    }
    Ok(other)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn exactly_one_direction_is_taken_and_mapped_to_clickup_s_names() {
        assert!(direction(None, None).is_err());
        assert!(direction(Some("a"), Some("b")).is_err());
        let other = TaskId::new("86aa0005").unwrap();
        let waiting = direction(Some("86aa0005"), None).unwrap();
        assert_eq!(
            serde_json::to_value(dependency(&waiting, other.clone())).unwrap(),
            json!({"depends_on": "86aa0005"})
        );
        let blocking = direction(None, Some("86aa0005")).unwrap();
        assert_eq!(
            serde_json::to_value(dependency(&blocking, other)).unwrap(),
            json!({"dependency_of": "86aa0005"})
        );
    }

    #[test]
    fn a_task_shows_its_dependencies_in_both_directions() {
        let task: Task = serde_json::from_value(json!({
            "id": "86aa0006", "name": "Guide",
            "dependencies": [
                {"task_id": "86aa0006", "depends_on": "86aa0005", "type": 1},
                {"task_id": "86aa0007", "depends_on": "86aa0006", "type": 0}
            ],
            "linked_tasks": [{"task_id": "86aa0001", "link_id": "86aa0006"}]
        }))
        .unwrap();
        let id = |s: &str| TaskId::new(s).unwrap();
        assert!(has_dependency(
            &task,
            &NewDependency::WaitingOn(id("86aa0005"))
        ));
        assert!(has_dependency(
            &task,
            &NewDependency::Blocking(id("86aa0007"))
        ));
        assert!(!has_dependency(
            &task,
            &NewDependency::Blocking(id("86aa0005"))
        ));
        assert!(has_link(&task, &id("86aa0001")));
    }
}

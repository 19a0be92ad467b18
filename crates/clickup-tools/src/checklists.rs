//! Checklist tools (docs/tools.md, "Checklists"): checklists on a task and their items. Checklist
//! and item ids come from `clickup_task_get include: [checklists]`. Writes that ClickUp answers
//! with the checklist are verified by reading the checklist's task again (no GET of a checklist
//! exists); renaming or moving a checklist is answered with nothing and comes back
//! `verified: false`.

use std::sync::Arc;

use crate::dependencies::PLAIN_READ;
use clickup::ids::{ChecklistId, ChecklistItemId, TaskId, TaskRef};
use clickup::models::{Checklist, ChecklistItem, Task};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{ClickUpTool, tool};
use crate::tasks::arguments;
use crate::verify::Verifier;

pub mod create;
pub mod delete;
pub mod item_create;
pub mod item_delete;
pub mod item_update;
pub mod update;

/// The most items `clickup_checklist_create` adds in one call.
pub const MAX_ITEMS: usize = 50;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<create::ChecklistCreate>(),
        tool::<update::ChecklistUpdate>(),
        tool::<delete::ChecklistDelete>(),
        tool::<item_create::ChecklistItemCreate>(),
        tool::<item_update::ChecklistItemUpdate>(),
        tool::<item_delete::ChecklistItemDelete>(),
    ]
}

/// A checklist with its items.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChecklistOut {
    /// Checklist id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The task it is on.
    pub task_id: Option<String>,
    /// Items ticked.
    pub resolved: usize,
    /// Items not ticked.
    pub unresolved: usize,
    /// Items in order (nested ones name their `parent`).
    pub items: Vec<ItemOut>,
}

/// A checklist item.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ItemOut {
    /// Item id.
    pub id: String,
    /// Text.
    pub name: String,
    /// Whether it is ticked.
    pub resolved: bool,
    /// Assignee.
    pub assignee: Option<crate::comments::Person>,
    /// The item it is nested under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

impl From<&ChecklistItem> for ItemOut {
    fn from(item: &ChecklistItem) -> Self {
        Self {
            id: item.id.clone(),
            name: item.name.clone(),
            resolved: item.resolved,
            assignee: item.assignee.as_ref().map(crate::comments::Person::from),
            parent: item.parent.clone().filter(|p| !p.is_empty()),
        }
    }
}

impl From<&Checklist> for ChecklistOut {
    fn from(checklist: &Checklist) -> Self {
        let resolved = checklist.items.iter().filter(|i| i.resolved).count();
        Self {
            id: checklist.id.clone(),
            name: checklist.name.clone(),
            task_id: task_of(checklist).map(|t| t.to_string()),
            resolved,
            unresolved: checklist.items.len() - resolved,
            items: checklist.items.iter().map(ItemOut::from).collect(),
        }
    }
}

/// A checklist id argument.
pub(crate) fn checklist_id(raw: &str) -> Result<ChecklistId, ToolError> {
    ChecklistId::new(raw.trim()).map_err(|e| {
        ToolError::invalid_argument(format!("`checklist_id` is not valid: {e}."))
            .with_hint("Checklist ids come from clickup_task_get with `include: [\"checklists\"]`.")
    })
}

/// A checklist item id argument (`arg` names it in errors).
pub(crate) fn item_id(arg: &str, raw: &str) -> Result<ChecklistItemId, ToolError> {
    ChecklistItemId::new(raw.trim()).map_err(|e| {
        ToolError::invalid_argument(format!("`{arg}` is not valid: {e}."))
            .with_hint("Item ids come from clickup_task_get with `include: [\"checklists\"]`.")
    })
}

/// A checklist or item name: trimmed, not blank.
pub(crate) fn name(arg: &str, raw: &str) -> Result<String, ToolError> {
    let name = raw.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(ToolError::invalid_argument(format!(
            "`{arg}` must be non-empty text without control characters."
        )));
    }
    Ok(name.to_owned())
}

/// The user id of one person reference (`me`, id, email, username).
pub(crate) async fn person(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    reference: &str,
) -> Result<u64, ToolError> {
    let ids = arguments::people(ctx, workspace, &[reference.to_owned()]).await?;
    ids.into_iter().next().ok_or_else(|| {
        ToolError::invalid_argument(
            "`assignee` names nobody; pass a member's id, email or name (clickup_member_list).",
        )
    })
}

/// The task a checklist is on, as ClickUp's checklist answers name it (`task_id`).
pub(crate) fn task_of(checklist: &Checklist) -> Option<TaskId> {
    checklist
        .extra
        .get("task_id")
        .and_then(|v| match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .and_then(|s| TaskId::new(s).ok())
}

/// Read the checklist's task again and find the checklist on it: `None` when the read fails
/// (the write stands; the answer is then not verified) or the checklist is gone.
pub(crate) async fn reread(ctx: &ToolContext, task: &TaskId, checklist: &str) -> Reread {
    let read = ctx
        .clickup
        .get_task(&ctx.token, &TaskRef::Id(task.clone()), PLAIN_READ)
        .await;
    match read {
        Ok(task) => Reread::Read(find(&task, checklist).cloned()),
        Err(_) => Reread::Failed,
    }
}

/// What reading the checklist's task again found.
#[derive(Debug)]
pub(crate) enum Reread {
    /// The task was read; the checklist as it shows there (`None`: not on the task).
    Read(Option<Checklist>),
    /// The task could not be read.
    Failed,
}

/// The checklist `id` on `task`.
pub(crate) fn find<'a>(task: &'a Task, id: &str) -> Option<&'a Checklist> {
    task.checklists.iter().find(|c| c.id == id)
}

/// Read the task of `answered` (a checklist ClickUp answered a write with) again and compare
/// item `item` with `expect`; the answer of the item tools.
pub(crate) async fn verify_item(
    ctx: &ToolContext,
    answered: Checklist,
    item: &str,
    expect: &item_create::Expect,
) -> Result<item_create::Output, ToolError> {
    let read = match task_of(&answered) {
        Some(task) => reread(ctx, &task, &answered.id).await,
        None => Reread::Failed,
    };
    let mut verifier = Verifier::default();
    let (checklist, verified) = match read {
        Reread::Read(Some(after)) => (after, true),
        Reread::Read(None) => {
            verifier.check("checklist", &answered.id, Value::Null, false);
            (answered.clone(), true)
        }
        Reread::Failed => (answered.clone(), false),
    };
    let shown = checklist
        .items
        .iter()
        .find(|i| i.id == item)
        .or_else(|| answered.items.iter().find(|i| i.id == item));
    let Some(shown) = shown else {
        return Err(ToolError::upstream(
            "ClickUp accepted the change but does not show the item; check with \
             clickup_task_get include:[checklists].",
        ));
    };
    if verified && !checklist.items.iter().any(|i| i.id == item) {
        verifier.check("item", item, Value::Null, false);
    } else if verified {
        if let Some(name) = &expect.name {
            verifier.same("name", name.as_str(), shown.name.as_str());
        }
        if let Some(assignee) = expect.assignee {
            verifier.same("assignee", assignee, shown.assignee.as_ref().map(|u| u.id));
        }
        if let Some(resolved) = expect.resolved {
            verifier.same("resolved", resolved, shown.resolved);
        }
        if let Some(parent) = &expect.parent {
            let actual = shown.parent.clone().filter(|p| !p.is_empty());
            verifier.same("parent_item_id", parent.clone(), actual);
        }
    }
    Ok(item_create::Output {
        item: ItemOut::from(shown),
        checklist: ChecklistOut::from(&checklist),
        verified,
        not_applied: verifier.finish(),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_checklist_is_shown_with_counts_nesting_and_its_task() {
        let checklist: Checklist = serde_json::from_value(json!({
            "id": "c1", "task_id": "86aa0001", "name": "Release", "orderindex": 0,
            "items": [
                {"id": "i1", "name": "Write", "resolved": true,
                 "assignee": {"id": 81000001, "username": "Alice"}, "parent": null},
                {"id": "i2", "name": "Check", "resolved": false, "parent": "i1"}
            ]
        }))
        .unwrap();
        let out = serde_json::to_value(ChecklistOut::from(&checklist)).unwrap();
        assert_eq!(out["task_id"], "86aa0001");
        assert_eq!(
            (out["resolved"].clone(), out["unresolved"].clone()),
            (json!(1), json!(1))
        );
        assert_eq!(out["items"][0]["assignee"]["name"], "Alice");
        assert!(out["items"][0].get("parent").is_none(), "top-level item");
        assert_eq!(out["items"][1]["parent"], "i1");
    }

    #[test]
    fn blank_names_and_bad_ids_are_refused_naming_the_argument() {
        assert_eq!(name("name", "  Ship it ").unwrap(), "Ship it");
        assert!(
            name("items[2]", "  ")
                .unwrap_err()
                .message
                .contains("`items[2]`")
        );
        assert!(
            item_id("item_id", "")
                .unwrap_err()
                .message
                .contains("`item_id`")
        );
        assert!(checklist_id("..").is_err());
    }
}

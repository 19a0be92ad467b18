//! Checklists on tasks and their items: the request bodies that write them, and ClickUp's
//! `{"checklist": …}` answer (the checklists themselves also arrive inside a task, `task.rs`).

use serde::{Deserialize, Serialize};

use crate::models::task::Checklist;
use crate::models::values::Clearable;

/// `POST /v2/task/{task_id}/checklist`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewChecklist {
    /// The checklist's name.
    pub name: String,
}

/// `PUT /v2/checklist/{checklist_id}`: what is given changes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct UpdateChecklist {
    /// A new name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The place among the task's checklists, from 0 (the top).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
}

/// `POST /v2/checklist/{checklist_id}/checklist_item`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewChecklistItem {
    /// The item's text.
    pub name: String,
    /// Who the item is assigned to (a user id; ClickUp's spec types it as an integer here).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<u64>,
}

/// `PUT /v2/checklist/{checklist_id}/checklist_item/{checklist_item_id}`: what is given
/// changes; `assignee` and `parent` are cleared with `null`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UpdateChecklistItem {
    /// A new text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The assignee: a user id (sent as a string, as the spec types it) or `null` to unassign.
    #[serde(skip_serializing_if = "Clearable::is_unchanged")]
    pub assignee: Clearable<String>,
    /// Ticked or not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<bool>,
    /// The item to nest under (an item id of the same checklist), or `null` to un-nest.
    #[serde(skip_serializing_if = "Clearable::is_unchanged")]
    pub parent: Clearable<String>,
}

/// ClickUp's answer to the checklist writes that return the checklist.
#[derive(Deserialize)]
pub(crate) struct ChecklistEnvelope {
    pub(crate) checklist: Checklist,
}

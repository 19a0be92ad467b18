//! Task tools (docs/tools.md, "Catalogue"): read, search and list tasks; create, update and delete them;
//! and the premium bulk forms. One tool per file:
//!
//! - [`get`], [`list`], [`search`], [`my_list`]: reading;
//! - [`create`], [`update`], [`delete`]: writing one task;
//! - [`move_task`], [`duplicate`], [`merge`]: a task to another list, a copy of it, several
//!   merged into one;
//! - [`bulk_create`], [`bulk_update`], [`bulk_move`], [`bulk_delete`]: the premium bulk forms.
//!
//! What several of them share:
//!
//! - [`shape`]: the task objects every tool answers with (`TaskSummary`, `Task`).
//! - [`filters`]: the task filters (TF) → the client's `TaskFilter`.
//! - [`paging`]: cursors over ClickUp's pages of 100.
//! - [`arguments`]: people, tags, groups and *(prem)* arguments.
//! - [`list_context`]: the list a write goes to (its statuses and custom fields).
//! - [`fields`]: custom-field values written with a task (*(prem)*).
//! - [`creation`]: creating one task (`clickup_task_create` and the bulk form);
//!   [`changes`]: updating one (`clickup_task_update` and the bulk form);
//!   [`verify`]: re-reading a written task and what did not take.
//! - [`bulk`]: the answer of the bulk forms, and when they stop;
//! - [`moving`]: the v3 move, with status mappings (`clickup_task_move` and the bulk form).

use std::sync::Arc;

use crate::registry::{ClickUpTool, tool};

pub mod arguments;
pub mod bulk;
pub mod bulk_create;
pub mod bulk_delete;
pub mod bulk_move;
pub mod bulk_update;
pub mod changes;
pub mod create;
pub mod creation;
pub mod delete;
pub mod duplicate;
pub mod fields;
pub mod filters;
pub mod get;
pub mod list;
pub mod list_context;
pub mod merge;
pub mod move_task;
pub mod moving;
pub mod my_list;
pub mod paging;
pub mod search;
pub mod shape;
pub mod update;
pub mod verify;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<get::TaskGet>(),
        tool::<list::TaskList>(),
        tool::<search::TaskSearch>(),
        tool::<my_list::MyTaskList>(),
        tool::<create::TaskCreate>(),
        tool::<update::TaskUpdate>(),
        tool::<delete::TaskDelete>(),
        tool::<move_task::TaskMove>(),
        tool::<duplicate::TaskDuplicate>(),
        tool::<merge::TaskMerge>(),
        tool::<bulk_create::TaskBulkCreate>(),
        tool::<bulk_update::TaskBulkUpdate>(),
        tool::<bulk_move::TaskBulkMove>(),
        tool::<bulk_delete::TaskBulkDelete>(),
    ]
}

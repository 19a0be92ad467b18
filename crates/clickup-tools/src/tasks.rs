//! Task tools (TOOLS.md §6, §7): read, search and list tasks; create, update and delete them;
//! and the premium bulk forms.
//!
//! - [`shape`]: the task objects every tool answers with (`TaskSummary`, `Task`).
//! - [`filters`]: the task filters (TF) → the client's `TaskFilter`.
//! - [`paging`]: cursors over ClickUp's pages of 100.
//! - [`read`]: `clickup_task_get`, `clickup_task_list`, `clickup_task_search`;
//!   [`mine`]: `clickup_my_task_list`.
//! - [`fields`]: custom-field values written with a task (*(prem)*).
//! - [`write`]: `clickup_task_create`, `clickup_task_delete`; [`update`]: `clickup_task_update`;
//!   [`verify`]: re-reading a written task and what did not take.
//! - [`bulk`]: `clickup_task_bulk_create`, `clickup_task_bulk_update`.
//! - [`arguments`]: unknown arguments, zones, people, *(prem)* arguments.

use std::sync::Arc;

use crate::Tier;
use crate::registry::{ClickUpTool, Effect, ToolSpec, TypedTool};
use crate::toolsets::Toolset;

pub mod arguments;
pub mod bulk;
pub mod fields;
pub mod filters;
pub mod mine;
pub mod paging;
pub mod read;
pub mod shape;
pub mod update;
pub mod verify;
pub mod write;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_task_get",
                title: "Get a task",
                description: "One task; `include` adds sections to the summary.",
                tier: Tier::Free,
                toolset: Toolset::Tasks,
                effect: Effect::Read,
                references: &["task"],
                premium_arguments: &[],
            },
            read::task_get,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_task_list",
                title: "List a list's tasks",
                description: "Tasks whose home list is `list`. Closed tasks and subtasks only \
                              when asked (`include_closed`, `subtasks`).",
                tier: Tier::Free,
                toolset: Toolset::Tasks,
                effect: Effect::Read,
                references: &["list"],
                premium_arguments: &[],
            },
            read::task_list,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_task_search",
                title: "Search tasks",
                description: "Workspace-wide search: `query` matches part of a name or a custom \
                              id, not descriptions. Reads ≤ 5 ClickUp pages a call; short pages \
                              may still have `has_more`. Closed tasks, subtasks only if asked.",
                tier: Tier::Free,
                toolset: Toolset::Tasks,
                effect: Effect::Read,
                references: &[],
                premium_arguments: &[],
            },
            read::task_search,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_my_task_list",
                title: "List my tasks",
                description: "Your open tasks, soonest due first (undated last), each with \
                              `due_state` (overdue, today, upcoming, no_date).",
                tier: Tier::Free,
                toolset: Toolset::Tasks,
                effect: Effect::Read,
                references: &[],
                premium_arguments: &[],
            },
            mine::my_task_list,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_task_create",
                title: "Create a task",
                description: "Create a task in `list`; with `parent` (same list), a subtask. \
                              `custom_fields` is premium.",
                tier: Tier::Free,
                toolset: Toolset::Tasks,
                effect: Effect::Write,
                references: &["list"],
                premium_arguments: &["custom_fields"],
            },
            write::task_create,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_task_update",
                title: "Update a task",
                description: "Change some fields of a task. `assignees`, `group_assignees`, \
                              `watchers`, `tags` are final sets \
                              (`add_assignees`/`remove_assignees`: a change). `parent`: a task of \
                              the same list; `null` is refused. `custom_fields` is premium.",
                tier: Tier::Free,
                toolset: Toolset::Tasks,
                effect: Effect::WriteIdempotent,
                references: &["task"],
                premium_arguments: &["custom_fields"],
            },
            update::task_update,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_task_delete",
                title: "Delete a task",
                description: "Delete a task and its subtasks.",
                tier: Tier::Free,
                toolset: Toolset::Tasks,
                effect: Effect::DestructiveIdempotent,
                references: &["task"],
                premium_arguments: &[],
            },
            write::task_delete,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_task_bulk_create",
                title: "Create tasks in bulk",
                description: "Create up to 100 tasks in one list, one by one (not atomic). An \
                              item's `ref` names it for other items' `parent_ref` (subtask of) \
                              and `waiting_on_refs` (waits on).",
                tier: Tier::Premium,
                toolset: Toolset::Bulk,
                effect: Effect::Write,
                references: &["list"],
                premium_arguments: &[],
            },
            bulk::task_bulk_create,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_task_bulk_update",
                title: "Update tasks in bulk",
                description: "Update up to 100 tasks like clickup_task_update, one by one (not \
                              atomic).",
                tier: Tier::Premium,
                toolset: Toolset::Bulk,
                effect: Effect::WriteIdempotent,
                references: &[],
                premium_arguments: &[],
            },
            bulk::task_bulk_update,
        )),
    ]
}

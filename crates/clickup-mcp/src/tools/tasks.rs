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

use crate::store::Tier;
use crate::tools::registry::{ClickUpTool, Effect, ToolSpec, TypedTool};
use crate::tools::toolsets::Toolset;

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
                description: "One task by id, custom id (ENG-42), URL, path or name. `include` adds \
                              sections to the summary (subtasks, checklists, custom_fields, attachments, \
                              relationships); `detail_level: full` returns everything.",
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
                description: "Tasks whose home list is `list`, filtered (statuses, assignees, tags, \
                              dates, custom fields, task types) and ordered; paged: pass `next_cursor` \
                              while `has_more` is true. Closed tasks and subtasks only when asked.",
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
                description: "Workspace-wide task search: `query` matches the name (contains) or the \
                              custom id, plus the task filters and spaces/folders/lists/parent. Reads at \
                              most 5 of ClickUp's pages per call; when `has_more` is true, pass \
                              `next_cursor` to continue.",
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
                description: "Your open tasks across the workspace, soonest due first (undated last), \
                              each marked overdue / today / upcoming / no_date; `window` narrows to \
                              overdue, today or the coming week.",
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
                description: "Create a task in `list` (a subtask with `parent`, same list). Description \
                              in markdown; status checked against the list's statuses; people by id, \
                              email, username or `me`; dates as ISO 8601 or text (`tomorrow 9am`); \
                              estimate as `1h 30m`. The task is read back: `not_applied` lists what \
                              ClickUp did not take. `custom_fields` is premium.",
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
                description: "Change a task's fields; only those given change, `null` clears a date, \
                              estimate, priority, points or description. `assignees`, `watchers`, \
                              `group_assignees` and `tags` are the desired final sets \
                              (`add_assignees`/`remove_assignees` for a change instead). `parent` moves \
                              a subtask under another task of its list. Verified: `not_applied` lists \
                              what did not take. `custom_fields` is premium.",
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
                description: "Create up to 100 tasks in one list. Items may name each other: give an \
                              item a `ref`, then `parent_ref` (make it a subtask of that item) and \
                              `waiting_on_refs` (it waits on those items). Items run one by one, not \
                              atomically; results come in input order with `succeeded`, `failed`, \
                              `not_attempted`.",
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
                description: "Update up to 100 tasks, each with its own fields (as clickup_task_update). \
                              Items run one by one, not atomically; results come in input order with \
                              `succeeded`, `failed`, `not_attempted`.",
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

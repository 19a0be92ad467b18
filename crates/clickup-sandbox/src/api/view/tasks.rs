//! `GET /v2/view/{view_id}/task?page=`: the tasks a view shows, 30 a page from `page=0`, with
//! `last_page`.
//!
//! What the sandbox evaluates of a view (the rest of its settings is kept and sent back, not
//! applied):
//! - the parent: every task of the workspace, space, folder or list (tasks placed in a list
//!   besides their home list count for that list); never archived or deleted tasks, nor tasks
//!   in archived lists, folders or spaces;
//! - `filters.show_closed` (closed and done tasks hidden unless true), `filters.search` (part of
//!   the name, any case), and `filters.fields` combined with `filters.op` (`AND`/`OR`): `status`
//!   (`EQ`, `ANY`, `NOT`, `NOT ANY`, status names), `assignee` (`EQ`, `ANY`, `ALL`, `NOT`,
//!   `NOT ANY`, user ids) and `tag` (`EQ`, `ANY`, `ALL`, `NOT`, `NOT ANY`, names, a leading `#`
//!   ignored). Any other field or operator is not evaluated (the filter lets every task
//!   through); `filter_groups` are not read;
//! - `settings.show_subtasks`: 1 (collapsed) lists top-level tasks only; 2 and 3 list subtasks
//!   as items of their own;
//! - the first `sorting.fields` entry when it is `dueDate`, `name`, `dateCreated` or
//!   `dateUpdated` (`dir` 1 ascending, -1 descending); otherwise the seed's order;
//! - chat views (`conversation`) and activity views show no tasks.

use std::cmp::Ordering;

use serde_json::{Value, json};

use crate::api::task::{RenderOptions, is_done, task_json};
use crate::model::{Data, Task, View, ViewParent};

/// Tasks per page.
pub(crate) const PAGE_SIZE: usize = 30;

/// Page `page` of the tasks `view` shows: `{"tasks": [...], "last_page": bool}`.
pub(crate) fn page(data: &Data, view: &View, page: usize) -> Value {
    let mut tasks: Vec<&Task> = if matches!(view.kind.as_str(), "conversation" | "activity") {
        Vec::new()
    } else {
        data.tasks
            .iter()
            .filter(|t| in_place(data, t, &view.parent) && shown(data, t, view))
            .collect()
    };
    sort(&mut tasks, &view.sorting);
    let start = page.saturating_mul(PAGE_SIZE);
    let items: Vec<Value> = tasks
        .iter()
        .skip(start)
        .take(PAGE_SIZE)
        .map(|t| task_json(data, t, RenderOptions::default()))
        .collect();
    let last_page = start.saturating_add(PAGE_SIZE) >= tasks.len();
    json!({ "tasks": items, "last_page": last_page })
}

/// Whether a live task sits in the view's place.
fn in_place(data: &Data, task: &Task, parent: &ViewParent) -> bool {
    if task.deleted || task.archived {
        return false;
    }
    let Some(list) = data.list(task.list_id.as_str()) else {
        return false;
    };
    let folder_live = list
        .folder_id
        .as_ref()
        .and_then(|f| data.folder(f.as_str()))
        .is_none_or(|f| !f.archived);
    let space = data.space(list.space_id.as_str());
    if list.archived || !folder_live || space.is_none_or(|s| s.archived) {
        return false;
    }
    match parent {
        ViewParent::Team(team) => space.is_some_and(|s| &s.team_id == team),
        ViewParent::Space(id) => &list.space_id == id,
        ViewParent::Folder(id) => list.folder_id.as_ref() == Some(id),
        ViewParent::List(id) => &task.list_id == id || data.task_extras.is_in(&task.id, id),
    }
}

/// Whether the view's filters and subtask setting let the task through.
fn shown(data: &Data, task: &Task, view: &View) -> bool {
    let filters = &view.filters;
    let show_subtasks = view
        .settings
        .get("show_subtasks")
        .and_then(Value::as_i64)
        .unwrap_or(3);
    if task.parent.is_some() && show_subtasks == 1 {
        return false;
    }
    let show_closed = filters
        .get("show_closed")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if !show_closed && is_done(data, task) {
        return false;
    }
    let search = filters
        .get("search")
        .and_then(Value::as_str)
        .map(|s| s.trim().to_lowercase())
        .unwrap_or_default();
    if !search.is_empty() && !task.name.to_lowercase().contains(&search) {
        return false;
    }
    let results: Vec<bool> = filters
        .get("fields")
        .and_then(Value::as_array)
        .map(|fields| fields.iter().filter_map(|f| evaluate(task, f)).collect())
        .unwrap_or_default();
    let any = filters
        .get("op")
        .and_then(Value::as_str)
        .is_some_and(|op| op.eq_ignore_ascii_case("OR"));
    if any && !results.is_empty() {
        results.contains(&true)
    } else {
        !results.contains(&false)
    }
}

/// How a filter compares the task's values with its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Test {
    Any,
    All,
    None,
}

/// One filter `{field, op, values}` on the task: `None` when the sandbox does not evaluate it.
fn evaluate(task: &Task, filter: &Value) -> Option<bool> {
    let field = filter.get("field").and_then(Value::as_str)?;
    let op = filter.get("op").and_then(Value::as_str)?.to_uppercase();
    let wanted: Vec<String> = match filter.get("values") {
        Some(Value::Array(values)) => values.iter().filter_map(text).collect(),
        Some(value) => text(value).into_iter().collect(),
        None => Vec::new(),
    };
    let test = match op.as_str() {
        "EQ" | "ANY" | "IS" => Test::Any,
        "ALL" => Test::All,
        "NOT" | "NOT ANY" | "NOT EQ" => Test::None,
        _ => return None,
    };
    let have: Vec<String> = match field {
        "status" => {
            if test == Test::All {
                return None;
            }
            vec![task.status.to_lowercase()]
        }
        "assignee" | "assignees" => task.assignees.iter().map(u64::to_string).collect(),
        "tag" | "tags" => task.tags.iter().map(|t| t.name.to_lowercase()).collect(),
        _ => return None,
    };
    let wanted: Vec<String> = wanted
        .iter()
        .map(|w| w.trim_start_matches('#').to_lowercase())
        .collect();
    Some(match test {
        Test::Any => wanted.iter().any(|w| have.contains(w)),
        Test::All => wanted.iter().all(|w| have.contains(w)),
        Test::None => !wanted.iter().any(|w| have.contains(w)),
    })
}

/// A filter value as text: strings as they are, numbers written out.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Orders by the first sorting field the sandbox knows; others keep the seed's order.
fn sort(tasks: &mut [&Task], sorting: &Value) {
    let Some(first) = sorting
        .get("fields")
        .and_then(Value::as_array)
        .and_then(|f| f.first())
    else {
        return;
    };
    let field = first.get("field").and_then(Value::as_str).unwrap_or("");
    let descending = first.get("dir").and_then(Value::as_i64) == Some(-1);
    let compare: fn(&Task, &Task) -> Ordering = match field {
        "dueDate" | "due_date" => |a, b| match (a.due_date, b.due_date) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
        "name" => |a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        "dateCreated" | "date_created" => |a, b| a.date_created.cmp(&b.date_created),
        "dateUpdated" | "date_updated" => |a, b| a.date_updated.cmp(&b.date_updated),
        _ => return,
    };
    tasks.sort_by(|a, b| {
        let order = compare(a, b);
        if descending { order.reverse() } else { order }
    });
}

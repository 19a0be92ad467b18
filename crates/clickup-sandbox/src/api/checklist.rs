//! Checklists on tasks and their items:
//!
//! - `POST /v2/task/{task_id}/checklist` `{name}` → `{"checklist": …}` (custom task ids taken);
//! - `PUT /v2/checklist/{checklist_id}` `{name?, position?}` → `{}` (`position` 0 is the top);
//! - `DELETE /v2/checklist/{checklist_id}` → `{}`;
//! - `POST /v2/checklist/{checklist_id}/checklist_item` `{name, assignee?}` → `{"checklist": …}`;
//! - `PUT /v2/checklist/{checklist_id}/checklist_item/{checklist_item_id}`
//!   `{name?, assignee?, resolved?, parent?}` (`null` unassigns, un-nests) → `{"checklist": …}`;
//! - `DELETE …/checklist_item/{checklist_item_id}` → `{}`, with the items nested under it.
//!
//! A checklist is reached through its task: unknown, foreign (another workspace) or on a deleted
//! task, it answers 404 "Checklist not found". Task JSON carries the task's checklists
//! ([`task_json`]), items flat in order, each with `parent` and the ids of its `children`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use axum::routing::{post, put};
use serde_json::{Value, json};

use crate::api::body::{Body, Patch, as_user_id};
use crate::api::task::{CustomIdQuery, locate_task};
use crate::api::{ms, user_json};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, Task, UserId};
use crate::state::SharedState;

/// A checklist id that names no checklist the caller may use.
const CHECKLIST_NOT_FOUND: ApiError = ApiError::other(404, "Checklist not found", "CHECKLIST_004");
/// An item id that names no item of the checklist.
const ITEM_NOT_FOUND: ApiError = ApiError::other(404, "Checklist item not found", "CHECKLIST_005");
/// An assignee who is not a member of the task's workspace.
const ASSIGNEE_INVALID: ApiError = ApiError::other(
    400,
    "Checklist item assignee must be a member of the workspace",
    "CHECKLIST_010",
);
/// A parent that is not another item of the same checklist (or would make a cycle).
const PARENT_INVALID: ApiError = ApiError::other(
    400,
    "Parent must be another item of the same checklist",
    "CHECKLIST_011",
);

/// The task's `checklists` as ClickUp embeds them in task JSON (`api/task/json.rs`).
pub(crate) fn task_json(data: &Data, task: &Task) -> Vec<Value> {
    data.checklists
        .of_task(&task.id)
        .into_iter()
        .map(|index| checklist_json(data, index))
        .collect()
}

/// Checklist `index` as ClickUp sends it.
fn checklist_json(data: &Data, index: usize) -> Value {
    let checklist = &data.checklists.lists[index];
    let resolved = checklist.items.iter().filter(|i| i.resolved).count();
    let items: Vec<Value> = checklist
        .items
        .iter()
        .enumerate()
        .map(|(position, item)| {
            let children: Vec<&str> = checklist
                .items
                .iter()
                .filter(|c| c.parent.as_deref() == Some(item.id.as_str()))
                .map(|c| c.id.as_str())
                .collect();
            json!({
                "id": item.id,
                "name": item.name,
                "orderindex": position,
                "assignee": item.assignee.and_then(|id| data.user(id)).map_or(Value::Null, user_json),
                "group_assignee": null,
                "resolved": item.resolved,
                "parent": item.parent,
                "date_created": ms(item.date_created),
                "start_date": null,
                "start_date_time": null,
                "due_date": null,
                "due_date_time": null,
                "sent_due_date_notif": null,
                "children": children,
            })
        })
        .collect();
    json!({
        "id": checklist.id,
        "task_id": checklist.task_id,
        "name": checklist.name,
        "date_created": ms(checklist.date_created),
        "orderindex": checklist.orderindex,
        "creator": checklist.creator,
        "resolved": resolved,
        "unresolved": checklist.items.len() - resolved,
        "items": items,
    })
}

/// The position of a checklist the caller may use (its task live and in one of the caller's
/// workspaces).
fn locate_checklist(data: &Data, caller: &Caller, id: &str) -> Result<usize, ApiError> {
    let index = data.checklists.index(id).ok_or(CHECKLIST_NOT_FOUND)?;
    let task = data
        .task(data.checklists.lists[index].task_id.as_str())
        .filter(|t| !t.deleted)
        .ok_or(CHECKLIST_NOT_FOUND)?;
    let team = data.team_of_task(task).ok_or(CHECKLIST_NOT_FOUND)?;
    if !caller.may_use(&team.id) {
        return Err(CHECKLIST_NOT_FOUND);
    }
    Ok(index)
}

/// Marks the checklist's task as updated.
fn touch(data: &mut Data, checklist: usize, now: i64) {
    let task_id = data.checklists.lists[checklist].task_id.clone();
    if let Some(index) = data.task_index(task_id.as_str()) {
        data.tasks[index].date_updated = now;
    }
}

/// A required, non-blank `name`.
fn required_name(body: &Body) -> Result<String, ApiError> {
    match body.string("name")? {
        Patch::Value(name) if !name.trim().is_empty() => Ok(name),
        _ => Err(ApiError::NameInvalid),
    }
}

/// An optional new name: absent keeps it; blank or `null` is refused.
fn new_name(body: &Body) -> Result<Option<String>, ApiError> {
    match body.string("name")? {
        Patch::Absent => Ok(None),
        Patch::Value(name) if !name.trim().is_empty() => Ok(Some(name)),
        _ => Err(ApiError::NameInvalid),
    }
}

/// An assignee from a body value (number or numeric string) who belongs to the workspace of
/// checklist `index`'s task.
fn member_of_task_team(data: &Data, index: usize, value: &Value) -> Result<UserId, ApiError> {
    let id = as_user_id(value).ok_or(ASSIGNEE_INVALID)?;
    let task = data
        .task(data.checklists.lists[index].task_id.as_str())
        .ok_or(CHECKLIST_NOT_FOUND)?;
    let member = data
        .team_of_task(task)
        .is_some_and(|t| t.members.iter().any(|m| m.user_id == id));
    if member {
        Ok(id)
    } else {
        Err(ASSIGNEE_INVALID)
    }
}

/// `POST /v2/task/{task_id}/checklist` `{name}` → `{"checklist": …}`, placed last.
pub(crate) async fn create_checklist(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(task_id): Path<String>,
    Query(query): Query<CustomIdQuery>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let task = locate_task(data, &caller, &task_id, &query)?;
    let name = required_name(&body)?;
    let n = data.take_id();
    let task_id = data.tasks[task].id.clone();
    let index = data.checklists.create(
        format!("c1ec0000-0000-4000-9000-{n:012}"),
        task_id,
        name,
        caller.user_id,
        now,
    );
    data.tasks[task].date_updated = now;
    Ok(Json(json!({ "checklist": checklist_json(data, index) })))
}

/// `PUT /v2/checklist/{checklist_id}` `{name?, position?}` → `{}`.
pub(crate) async fn update_checklist(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(checklist_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let index = locate_checklist(data, &caller, &checklist_id)?;
    let name = new_name(&body)?;
    let position = match body.int("position")? {
        Patch::Absent | Patch::Null => None,
        Patch::Value(p) => Some(usize::try_from(p).map_err(|_| ApiError::FieldTypeInvalid)?),
    };
    if let Some(name) = name {
        data.checklists.lists[index].name = name;
    }
    if let Some(position) = position {
        data.checklists.move_to(index, position);
    }
    touch(data, index, now);
    Ok(Json(json!({})))
}

/// `DELETE /v2/checklist/{checklist_id}` → `{}`.
pub(crate) async fn delete_checklist(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(checklist_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let index = locate_checklist(data, &caller, &checklist_id)?;
    touch(data, index, now);
    data.checklists.remove(index);
    Ok(Json(json!({})))
}

/// `POST /v2/checklist/{checklist_id}/checklist_item` `{name, assignee?}` →
/// `{"checklist": …}`, the item last.
pub(crate) async fn create_item(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(checklist_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let index = locate_checklist(data, &caller, &checklist_id)?;
    let name = required_name(&body)?;
    let assignee = match body.raw("assignee") {
        None | Some(Value::Null) => None,
        Some(value) => Some(member_of_task_team(data, index, value)?),
    };
    let n = data.take_id();
    data.checklists.add_item(
        index,
        format!("c1e70000-0000-4000-9000-{n:012}"),
        name,
        assignee,
        now,
    );
    touch(data, index, now);
    Ok(Json(json!({ "checklist": checklist_json(data, index) })))
}

/// `PUT /v2/checklist/{checklist_id}/checklist_item/{checklist_item_id}`
/// `{name?, assignee?, resolved?, parent?}` → `{"checklist": …}`.
pub(crate) async fn update_item(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((checklist_id, item_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let index = locate_checklist(data, &caller, &checklist_id)?;
    let item = data.checklists.lists[index]
        .items
        .iter()
        .position(|i| i.id == item_id)
        .ok_or(ITEM_NOT_FOUND)?;
    let name = new_name(&body)?;
    let assignee = match body.raw("assignee") {
        None => Patch::Absent,
        Some(Value::Null) => Patch::Null,
        Some(value) => Patch::Value(member_of_task_team(data, index, value)?),
    };
    let resolved = body.bool("resolved")?;
    let parent = body.string("parent")?;
    if let Patch::Value(parent) = &parent
        && !data.checklists.may_nest(index, &item_id, parent)
    {
        return Err(PARENT_INVALID);
    }
    let target = &mut data.checklists.lists[index].items[item];
    if let Some(name) = name {
        target.name = name;
    }
    assignee.apply_to(&mut target.assignee);
    if let Some(resolved) = resolved {
        target.resolved = resolved;
    }
    parent.apply_to(&mut target.parent);
    touch(data, index, now);
    Ok(Json(json!({ "checklist": checklist_json(data, index) })))
}

/// `DELETE /v2/checklist/{checklist_id}/checklist_item/{checklist_item_id}` → `{}`, with
/// every item nested under it.
pub(crate) async fn delete_item(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((checklist_id, item_id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let index = locate_checklist(data, &caller, &checklist_id)?;
    if !data.checklists.remove_item(index, &item_id) {
        return Err(ITEM_NOT_FOUND);
    }
    touch(data, index, now);
    Ok(Json(json!({})))
}

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    axum::Router::new()
        .route("/api/v2/task/{task_id}/checklist", post(create_checklist))
        .route(
            "/api/v2/checklist/{checklist_id}",
            put(update_checklist).delete(delete_checklist),
        )
        .route(
            "/api/v2/checklist/{checklist_id}/checklist_item",
            post(create_item),
        )
        .route(
            "/api/v2/checklist/{checklist_id}/checklist_item/{checklist_item_id}",
            put(update_item).delete(delete_item),
        )
}

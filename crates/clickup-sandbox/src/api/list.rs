//! `GET`/`POST /v2/folder/{folder_id}/list`, `GET`/`POST /v2/space/{space_id}/list`
//! (folderless lists), `GET`/`PUT`/`DELETE /v2/list/{list_id}`, and `POST`/`DELETE
//! /v2/list/{list_id}/task/{task_id}` (a task in a list besides its home list: the Tasks in
//! Multiple Lists ClickApp of the workspace must be on).
//!
//! A list's `status` in ClickUp's write bodies is its colour (`unset_status: true` removes it),
//! `assignee` its owner (a user id, `"none"` clears it); `folder_id` on `PUT` is ignored, as lists
//! cannot move.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use serde_json::{Value, json};

use crate::api::body::{Body, Patch, as_user_id};
use crate::api::space::{optional_name, required_name};
use crate::api::{
    ArchivedQuery, opt_ms, statuses_json, user_json, visible_folder, visible_list, visible_space,
};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, FolderId, List, ListId, Priority, SpaceId, TaskId, UserId};
use crate::state::SharedState;

/// `POST /v2/folder/{folder_id}/list` → the list.
pub(crate) async fn create_folder_list(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(folder_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let mut world = state.world();
    let data = &mut world.data;
    let folder = visible_folder(data, &caller, &folder_id)?;
    let (space, folder) = (folder.space_id.clone(), Some(folder.id.clone()));
    create(data, space, folder, &body).map(Json)
}

/// `POST /v2/space/{space_id}/list` → the folderless list.
pub(crate) async fn create_folderless_list(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(space_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let mut world = state.world();
    let data = &mut world.data;
    let space = visible_space(data, &caller, &space_id)?.id.clone();
    create(data, space, None, &body).map(Json)
}

/// `PUT /v2/list/{list_id}` → the list as changed.
pub(crate) async fn update_list(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(list_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let mut world = state.world();
    let data = &mut world.data;
    let mut list = visible_list(data, &caller, &list_id)?.clone();
    if let Some(name) = optional_name(&body)? {
        list.name = name;
    }
    apply_fields(data, &mut list, &body)?;
    if body.bool("unset_status")? == Some(true) {
        list.color = None;
    }
    let id = list.id.clone();
    if let Some(slot) = data.lists.iter_mut().find(|l| l.id == id) {
        *slot = list;
    }
    let list = data
        .list(id.as_str())
        .ok_or(ApiError::ObjectNotAuthorized)?;
    Ok(Json(list_json(data, list)))
}

fn create(
    data: &mut Data,
    space_id: SpaceId,
    folder_id: Option<FolderId>,
    body: &Body,
) -> Result<Value, ApiError> {
    let name = required_name(body)?;
    let id = ListId(format!("90190{:04}", data.take_id()));
    let mut list = List {
        id: id.clone(),
        space_id,
        folder_id,
        name,
        content: String::new(),
        archived: false,
        statuses: None,
        due_date: None,
        due_date_time: false,
        priority: None,
        assignee: None,
        color: None,
    };
    apply_fields(data, &mut list, body)?;
    data.lists.push(list);
    let list = data
        .list(id.as_str())
        .ok_or(ApiError::ObjectNotAuthorized)?;
    Ok(list_json(data, list))
}

/// The fields create and update share: description, due date, priority, owner, colour.
fn apply_fields(data: &Data, list: &mut List, body: &Body) -> Result<(), ApiError> {
    match (body.string("markdown_content")?, body.string("content")?) {
        (Patch::Value(markdown), _) => list.content = markdown,
        (_, Patch::Value(text)) => list.content = text.trim().to_owned(),
        _ => {}
    }
    body.int("due_date")?.apply_to(&mut list.due_date);
    if let Some(with_time) = body.bool("due_date_time")? {
        list.due_date_time = with_time;
    }
    match body.int("priority")? {
        Patch::Absent => {}
        Patch::Null => list.priority = None,
        Patch::Value(p) => {
            list.priority = Some(match p {
                1 => Priority::Urgent,
                2 => Priority::High,
                3 => Priority::Normal,
                4 => Priority::Low,
                _ => return Err(ApiError::PriorityInvalid),
            })
        }
    }
    match body.raw("assignee") {
        None => {}
        // `"none"` is ClickUp's documented way to clear the owner; `null` is accepted too.
        Some(Value::Null) => list.assignee = None,
        Some(Value::String(none)) if none == "none" => list.assignee = None,
        Some(value) => {
            let member = |id: UserId| {
                data.team_of_space(&list.space_id)
                    .is_some_and(|t| t.members.iter().any(|m| m.user_id == id))
            };
            if let Some(id) = as_user_id(value).filter(|id| member(*id)) {
                list.assignee = Some(id);
            }
        }
    }
    body.string("status")?.apply_to(&mut list.color);
    Ok(())
}

/// `GET /v2/folder/{folder_id}/list` → `{"lists": [...]}`.
pub(crate) async fn get_lists(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(folder_id): Path<String>,
    Query(query): Query<ArchivedQuery>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let folder = visible_folder(&world.data, &caller, &folder_id)?;
    let lists: Vec<Value> = world
        .data
        .lists
        .iter()
        .filter(|l| l.folder_id.as_ref() == Some(&folder.id) && l.archived == query.archived())
        .map(|l| list_json(&world.data, l))
        .collect();
    Ok(Json(json!({ "lists": lists })))
}

/// `GET /v2/space/{space_id}/list` → `{"lists": [...]}`, the lists in no folder.
pub(crate) async fn get_folderless_lists(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(space_id): Path<String>,
    Query(query): Query<ArchivedQuery>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let space = visible_space(&world.data, &caller, &space_id)?;
    let lists: Vec<Value> = world
        .data
        .lists
        .iter()
        .filter(|l| {
            l.space_id == space.id && l.folder_id.is_none() && l.archived == query.archived()
        })
        .map(|l| list_json(&world.data, l))
        .collect();
    Ok(Json(json!({ "lists": lists })))
}

/// `GET /v2/list/{list_id}` → the list with its statuses.
pub(crate) async fn get_list(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(list_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let list = visible_list(&world.data, &caller, &list_id)?;
    Ok(Json(list_json(&world.data, list)))
}

/// The `folder` ref of a list or task: its folder, or the space's hidden folder when folderless.
pub(crate) fn folder_ref_json(data: &Data, list: &List) -> Value {
    match list
        .folder_id
        .as_ref()
        .and_then(|id| data.folder(id.as_str()))
    {
        Some(folder) => {
            json!({ "id": folder.id, "name": folder.name, "hidden": false, "access": true })
        }
        None => {
            let hidden = data
                .space(list.space_id.as_str())
                .map(|s| s.hidden_folder_id.clone());
            json!({ "id": hidden, "name": "hidden", "hidden": true, "access": true })
        }
    }
}

/// A list as ClickUp sends it.
pub(crate) fn list_json(data: &Data, list: &List) -> Value {
    let space_name = data.space(list.space_id.as_str()).map(|s| s.name.clone());
    let orderindex = data
        .lists
        .iter()
        .filter(|l| l.space_id == list.space_id && l.folder_id == list.folder_id)
        .position(|l| l.id == list.id)
        .unwrap_or(0);
    let priority = list.priority.map_or(
        Value::Null,
        |p| json!({ "priority": p.name(), "color": p.color() }),
    );
    let assignee = list
        .assignee
        .and_then(|id| data.user(id))
        .map_or(Value::Null, user_json);
    json!({
        "id": list.id,
        "name": list.name,
        "orderindex": orderindex,
        "content": list.content,
        "status": list.color.as_ref().map_or(Value::Null, |c| json!({ "status": c, "color": c, "hide_label": true })),
        "priority": priority,
        "assignee": assignee,
        "task_count": data.live_tasks_in(&list.id).count(),
        "due_date": opt_ms(list.due_date),
        "due_date_time": list.due_date_time,
        "start_date": Value::Null,
        "start_date_time": Value::Null,
        "folder": folder_ref_json(data, list),
        "space": { "id": list.space_id, "name": space_name, "access": true },
        "inbound_address": format!("a.t.{}.sandbox@tasks.clickup.com", list.id),
        "archived": list.archived,
        "override_statuses": list.statuses.is_some(),
        "statuses": statuses_json(data.statuses_of(list)),
        "permission_level": "create",
    })
}

/// The workspace lacks the Tasks in Multiple Lists ClickApp (the sandbox's code; ClickUp's is
/// not documented).
const MULTIPLE_LISTS_OFF: ApiError = ApiError::other(
    400,
    "Tasks in Multiple Lists ClickApp is not enabled",
    "ITEM_172",
);
/// Taking a task out of its home list.
const HOME_LIST: ApiError =
    ApiError::other(400, "Cannot remove a task from its home list", "ITEM_173");

/// `DELETE /v2/list/{list_id}` → `{}`: the list and its tasks are gone.
pub(crate) async fn delete_list(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(list_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let data = &mut world.data;
    let id = visible_list(data, &caller, &list_id)?.id.clone();
    delete_lists(data, &[id]);
    Ok(Json(json!({})))
}

/// Deletes `doomed` lists: their tasks are marked deleted and every extra-list placement in
/// or of them is forgotten.
pub(crate) fn delete_lists(data: &mut Data, doomed: &[ListId]) {
    let mut gone_tasks = Vec::new();
    for task in data
        .tasks
        .iter_mut()
        .filter(|t| doomed.contains(&t.list_id))
    {
        task.deleted = true;
        gone_tasks.push(task.id.clone());
    }
    data.task_extras
        .forget(|task, list| doomed.contains(list) || gone_tasks.contains(task));
    data.links
        .retain(|l| !gone_tasks.contains(&l.task_id) && !gone_tasks.contains(&l.links_to));
    data.dependencies
        .retain(|d| !gone_tasks.contains(&d.task_id) && !gone_tasks.contains(&d.depends_on));
    data.lists.retain(|l| !doomed.contains(&l.id));
}

/// The list and the task of a membership request: both visible, in one workspace that has
/// the Tasks in Multiple Lists ClickApp on.
fn membership_parts(
    data: &Data,
    caller: &Caller,
    list_id: &str,
    task_id: &str,
) -> Result<(ListId, TaskId, ListId), ApiError> {
    let list = visible_list(data, caller, list_id)?;
    let team = data
        .team_of_space(&list.space_id)
        .map(|t| t.id.clone())
        .ok_or(ApiError::ObjectNotAuthorized)?;
    let index = crate::api::task::locate_task(
        data,
        caller,
        task_id,
        &crate::api::task::CustomIdQuery::default(),
    )?;
    let task = &data.tasks[index];
    if data.team_of_task(task).map(|t| &t.id) != Some(&team) {
        return Err(ApiError::ObjectNotAuthorized);
    }
    if !data.task_extras.multiple_lists.contains(&team) {
        return Err(MULTIPLE_LISTS_OFF);
    }
    Ok((list.id.clone(), task.id.clone(), task.list_id.clone()))
}

/// `POST /v2/list/{list_id}/task/{task_id}` → `{}`: the task is also in the list (adding it
/// again, or to its home list, changes nothing).
pub(crate) async fn add_task_to_list(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((list_id, task_id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let data = &mut world.data;
    let (list, task, home) = membership_parts(data, &caller, &list_id, &task_id)?;
    if list != home {
        data.task_extras.add(&task, &list);
    }
    Ok(Json(json!({})))
}

/// `DELETE /v2/list/{list_id}/task/{task_id}` → `{}`: the task is no longer in the list; its
/// home list answers 400.
pub(crate) async fn remove_task_from_list(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((list_id, task_id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let data = &mut world.data;
    let (list, task, home) = membership_parts(data, &caller, &list_id, &task_id)?;
    if list == home {
        return Err(HOME_LIST);
    }
    data.task_extras.remove(&task, &list);
    Ok(Json(json!({})))
}

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    use axum::routing::{delete, post};
    axum::Router::new()
        .route("/api/v2/list/{list_id}", delete(delete_list))
        .route(
            "/api/v2/list/{list_id}/task/{task_id}",
            post(add_task_to_list).delete(remove_task_from_list),
        )
}

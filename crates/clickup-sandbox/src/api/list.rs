//! `GET /v2/folder/{folder_id}/list`, `GET /v2/space/{space_id}/list` (folderless lists) and
//! `GET /v2/list/{list_id}`.

use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use serde_json::{Value, json};

use crate::api::{
    ArchivedQuery, opt_ms, statuses_json, user_json, visible_folder, visible_list, visible_space,
};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, List};
use crate::state::SharedState;

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
        "status": Value::Null,
        "priority": priority,
        "assignee": assignee,
        "task_count": data.live_tasks_in(&list.id).count(),
        "due_date": opt_ms(list.due_date),
        "due_date_time": false,
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

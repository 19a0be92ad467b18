//! `GET`/`POST /v2/space/{space_id}/folder` and `GET`/`PUT`/`DELETE /v2/folder/{folder_id}`:
//! folders embed their lists; deleting one deletes its lists and their tasks.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use serde_json::{Value, json};

use crate::api::body::Body;
use crate::api::list::list_json;
use crate::api::space::required_name;
use crate::api::{ArchivedQuery, visible_folder, visible_space};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, Folder, FolderId};
use crate::state::SharedState;

/// `POST /v2/space/{space_id}/folder` `{name}` → the folder.
pub(crate) async fn create_folder(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(space_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let mut world = state.world();
    let data = &mut world.data;
    let space_id = visible_space(data, &caller, &space_id)?.id.clone();
    let name = required_name(&body)?;
    let id = FolderId(format!("9019{:04}", data.take_id()));
    data.folders.push(Folder {
        id: id.clone(),
        space_id,
        name,
        archived: false,
    });
    let folder = data
        .folder(id.as_str())
        .ok_or(ApiError::ObjectNotAuthorized)?;
    Ok(Json(folder_json(data, folder)))
}

/// `PUT /v2/folder/{folder_id}` `{name}` → the folder.
pub(crate) async fn update_folder(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(folder_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let mut world = state.world();
    let data = &mut world.data;
    let id = visible_folder(data, &caller, &folder_id)?.id.clone();
    let name = required_name(&body)?;
    if let Some(folder) = data.folders.iter_mut().find(|f| f.id == id) {
        folder.name = name;
    }
    let folder = data
        .folder(id.as_str())
        .ok_or(ApiError::ObjectNotAuthorized)?;
    Ok(Json(folder_json(data, folder)))
}

/// `GET /v2/space/{space_id}/folder` → `{"folders": [...]}`.
pub(crate) async fn get_folders(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(space_id): Path<String>,
    Query(query): Query<ArchivedQuery>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let space = visible_space(&world.data, &caller, &space_id)?;
    let folders: Vec<Value> = world
        .data
        .folders
        .iter()
        .filter(|f| f.space_id == space.id && f.archived == query.archived())
        .map(|f| folder_json(&world.data, f))
        .collect();
    Ok(Json(json!({ "folders": folders })))
}

/// `GET /v2/folder/{folder_id}` → the folder with its lists.
pub(crate) async fn get_folder(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(folder_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let folder = visible_folder(&world.data, &caller, &folder_id)?;
    Ok(Json(folder_json(&world.data, folder)))
}

/// A folder as ClickUp sends it, embedding its lists that are not archived.
pub(crate) fn folder_json(data: &Data, folder: &Folder) -> Value {
    let lists: Vec<&crate::model::List> = data
        .lists
        .iter()
        .filter(|l| l.folder_id.as_ref() == Some(&folder.id) && !l.archived)
        .collect();
    let task_count: usize = lists
        .iter()
        .map(|l| data.live_tasks_in(&l.id).count())
        .sum();
    let space_name = data.space(folder.space_id.as_str()).map(|s| s.name.clone());
    let orderindex = data
        .folders
        .iter()
        .filter(|f| f.space_id == folder.space_id)
        .position(|f| f.id == folder.id)
        .unwrap_or(0);
    json!({
        "id": folder.id,
        "name": folder.name,
        "orderindex": orderindex,
        "override_statuses": false,
        "hidden": false,
        "space": { "id": folder.space_id, "name": space_name, "access": true },
        "task_count": task_count.to_string(),
        "archived": folder.archived,
        "statuses": [],
        "lists": lists.iter().map(|l| list_json(data, l)).collect::<Vec<_>>(),
        "permission_level": "create",
    })
}

/// `DELETE /v2/folder/{folder_id}` → `{}`: the folder, its lists and their tasks are gone.
pub(crate) async fn delete_folder(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(folder_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let data = &mut world.data;
    let id = visible_folder(data, &caller, &folder_id)?.id.clone();
    let lists: Vec<crate::model::ListId> = data
        .lists
        .iter()
        .filter(|l| l.folder_id.as_ref() == Some(&id))
        .map(|l| l.id.clone())
        .collect();
    crate::api::list::delete_lists(data, &lists);
    data.folders.retain(|f| f.id != id);
    Ok(Json(json!({})))
}

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    axum::Router::new().route(
        "/api/v2/folder/{folder_id}",
        axum::routing::delete(delete_folder),
    )
}

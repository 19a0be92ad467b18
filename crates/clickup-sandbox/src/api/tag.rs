//! Tags: `GET`/`POST /v2/space/{space_id}/tag`, `PUT`/`DELETE
//! /v2/space/{space_id}/tag/{tag_name}` and `POST`/`DELETE /v2/task/{task_id}/tag/{tag_name}`.
//!
//! Names are kept lower case and compared case-insensitively, as ClickUp does; the tag name in a
//! path is one percent-encoded segment (`a%20b%2Fc` is the tag `a b/c`). Putting an unknown tag
//! on a task creates it in the task's space, as ClickUp does. Editing a space tag (colours
//! spelled `fg_color`/`bg_color`, unlike creation) renames and recolours it on every task of the
//! space too; deleting one takes it off every task of the space.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use axum::routing::put;
use serde_json::{Value, json};

use crate::api::body::Body;
use crate::api::task::{CustomIdQuery, locate_task};
use crate::api::visible_space;
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, SpaceId, Tag, UserId};
use crate::state::SharedState;

/// No tag of that name in the space. The sandbox's choice (ClickUp's ECODE is unconfirmed).
const TAG_NOT_FOUND: ApiError = ApiError::other(404, "Tag not found", "TAG_002");
/// Renaming a tag to a name the space has already. The sandbox's choice.
const TAG_EXISTS: ApiError = ApiError::other(400, "Tag already exists", "TAG_003");

/// Colours of a tag created without any.
const DEFAULT_FG: &str = "#ffffff";
const DEFAULT_BG: &str = "#7b68ee";

/// `GET /v2/space/{space_id}/tag` → `{"tags": [...]}`.
pub(crate) async fn get_space_tags(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(space_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let space = visible_space(&world.data, &caller, &space_id)?;
    let tags: Vec<Value> = space.tags.iter().map(tag_json).collect();
    Ok(Json(json!({ "tags": tags })))
}

/// `POST /v2/space/{space_id}/tag` `{"tag": {name, tag_fg, tag_bg}}` → `{}`. A name the space
/// has already leaves the existing tag as it is.
pub(crate) async fn create_space_tag(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(space_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let tag = body.raw("tag").ok_or(ApiError::TagNameInvalid)?;
    let name = tag
        .get("name")
        .and_then(Value::as_str)
        .map(|n| n.trim().to_lowercase())
        .filter(|n| !n.is_empty())
        .ok_or(ApiError::TagNameInvalid)?;
    let colour = |key: &str, default: &str| {
        tag.get(key)
            .and_then(Value::as_str)
            .unwrap_or(default)
            .to_owned()
    };
    let (fg, bg) = (colour("tag_fg", DEFAULT_FG), colour("tag_bg", DEFAULT_BG));
    let mut world = state.world();
    let data = &mut world.data;
    let space_id = visible_space(data, &caller, &space_id)?.id.clone();
    if let Some(space) = data.spaces.iter_mut().find(|s| s.id == space_id)
        && !space.tags.iter().any(|t| t.name == name)
    {
        space.tags.push(Tag {
            name,
            fg,
            bg,
            creator: caller.user_id,
        });
    }
    Ok(Json(json!({})))
}

/// `POST /v2/task/{task_id}/tag/{tag_name}` → `{}`.
pub(crate) async fn add_task_tag(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((task_id, tag_name)): Path<(String, String)>,
    Query(query): Query<CustomIdQuery>,
) -> Result<Json<Value>, ApiError> {
    let name = tag_name.trim().to_lowercase();
    if name.is_empty() {
        return Err(ApiError::TagNameInvalid);
    }
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let index = locate_task(data, &caller, &task_id, &query)?;
    let space_id = data
        .list(data.tasks[index].list_id.as_str())
        .map(|l| l.space_id.clone())
        .ok_or(ApiError::ObjectNotAuthorized)?;
    let tag = ensure_space_tag(data, &space_id, &name, caller.user_id);
    let task = &mut data.tasks[index];
    if !task.tags.iter().any(|t| t.name == tag.name) {
        task.tags.push(tag);
        task.date_updated = now;
    }
    Ok(Json(json!({})))
}

/// `DELETE /v2/task/{task_id}/tag/{tag_name}` → `{}` (also when the task did not have it).
pub(crate) async fn remove_task_tag(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((task_id, tag_name)): Path<(String, String)>,
    Query(query): Query<CustomIdQuery>,
) -> Result<Json<Value>, ApiError> {
    let name = tag_name.trim().to_lowercase();
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let index = locate_task(data, &caller, &task_id, &query)?;
    let task = &mut data.tasks[index];
    let before = task.tags.len();
    task.tags.retain(|t| t.name != name);
    if task.tags.len() != before {
        task.date_updated = now;
    }
    Ok(Json(json!({})))
}

/// The space's tag named `name` (lower case), created with default colours when missing.
pub(crate) fn ensure_space_tag(data: &mut Data, space: &SpaceId, name: &str, user: UserId) -> Tag {
    let Some(space) = data.spaces.iter_mut().find(|s| &s.id == space) else {
        return Tag {
            name: name.to_owned(),
            fg: DEFAULT_FG.into(),
            bg: DEFAULT_BG.into(),
            creator: user,
        };
    };
    if let Some(tag) = space.tags.iter().find(|t| t.name == name) {
        return tag.clone();
    }
    let tag = Tag {
        name: name.to_owned(),
        fg: DEFAULT_FG.into(),
        bg: DEFAULT_BG.into(),
        creator: user,
    };
    space.tags.push(tag.clone());
    tag
}

fn tag_json(tag: &Tag) -> Value {
    json!({ "name": tag.name, "tag_fg": tag.fg, "tag_bg": tag.bg, "creator": tag.creator })
}

/// `PUT /v2/space/{space_id}/tag/{tag_name}` `{"tag": {name, fg_color, bg_color}}` →
/// `{"tag": {name, fg_color, bg_color}}`. A colour not given keeps its value; the tasks of the
/// space that carry the tag carry it renamed and recoloured.
async fn edit_space_tag(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((space_id, tag_name)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let tag = body
        .raw("tag")
        .filter(|t| t.is_object())
        .ok_or(ApiError::TagNameInvalid)?;
    let old = tag_name.trim().to_lowercase();
    let new_name = match tag.get("name") {
        None | Some(Value::Null) => old.clone(),
        Some(name) => name
            .as_str()
            .map(|n| n.trim().to_lowercase())
            .filter(|n| !n.is_empty())
            .ok_or(ApiError::TagNameInvalid)?,
    };
    let colour = |key: &str| -> Result<Option<String>, ApiError> {
        match tag.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(c)) => Ok(Some(c.clone())),
            Some(_) => Err(ApiError::other(400, "Tag colour invalid", "TAG_004")),
        }
    };
    let (fg, bg) = (colour("fg_color")?, colour("bg_color")?);
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let space_id = visible_space(data, &caller, &space_id)?.id.clone();
    let space = data
        .spaces
        .iter_mut()
        .find(|s| s.id == space_id)
        .ok_or(ApiError::ObjectNotAuthorized)?;
    if new_name != old && space.tags.iter().any(|t| t.name == new_name) {
        return Err(TAG_EXISTS);
    }
    let tag = space
        .tags
        .iter_mut()
        .find(|t| t.name == old)
        .ok_or(TAG_NOT_FOUND)?;
    tag.name.clone_from(&new_name);
    if let Some(fg) = fg {
        tag.fg = fg;
    }
    if let Some(bg) = bg {
        tag.bg = bg;
    }
    let edited = tag.clone();
    for index in tasks_of_space(data, &space_id) {
        let task = &mut data.tasks[index];
        if let Some(on_task) = task.tags.iter_mut().find(|t| t.name == old) {
            *on_task = edited.clone();
            task.date_updated = now;
        }
    }
    Ok(Json(json!({
        "tag": { "name": edited.name, "fg_color": edited.fg, "bg_color": edited.bg }
    })))
}

/// `DELETE /v2/space/{space_id}/tag/{tag_name}` (ClickUp documents a `{"tag": …}` body; the
/// path names the tag) → `{}`. The tag comes off every task of the space.
async fn delete_space_tag(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((space_id, tag_name)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    Body::parse(&body)?;
    let name = tag_name.trim().to_lowercase();
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let space_id = visible_space(data, &caller, &space_id)?.id.clone();
    let space = data
        .spaces
        .iter_mut()
        .find(|s| s.id == space_id)
        .ok_or(ApiError::ObjectNotAuthorized)?;
    let before = space.tags.len();
    space.tags.retain(|t| t.name != name);
    if space.tags.len() == before {
        return Err(TAG_NOT_FOUND);
    }
    for index in tasks_of_space(data, &space_id) {
        let task = &mut data.tasks[index];
        let before = task.tags.len();
        task.tags.retain(|t| t.name != name);
        if task.tags.len() != before {
            task.date_updated = now;
        }
    }
    Ok(Json(json!({})))
}

/// Positions of the tasks (deleted ones too) whose home list is in `space`.
fn tasks_of_space(data: &Data, space: &SpaceId) -> Vec<usize> {
    let lists: std::collections::HashSet<&str> = data
        .lists
        .iter()
        .filter(|l| &l.space_id == space)
        .map(|l| l.id.as_str())
        .collect();
    data.tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| lists.contains(t.list_id.as_str()))
        .map(|(i, _)| i)
        .collect()
}

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    axum::Router::new().route(
        "/api/v2/space/{space_id}/tag/{tag_name}",
        put(edit_space_tag).delete(delete_space_tag),
    )
}

//! `GET`/`POST /v2/team/{team_id}/space`, `GET`/`PUT`/`DELETE /v2/space/{space_id}` (a delete
//! takes the space's folders, lists and tasks with it).
//!
//! `PUT` is ClickUp's full-body PUT: it overwrites every field the body carries (name, color,
//! private, admin_can_manage, multiple_assignees) and, inside `features`, each feature object the
//! body carries, whole (`{"due_dates": {"enabled": true}}` drops `start_date`); what the body
//! leaves out keeps its value.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use serde_json::{Map, Value, json};

use crate::api::body::{Body, Patch};
use crate::api::{ArchivedQuery, statuses_json, visible_space, visible_team};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, FolderId, Space, SpaceId};
use crate::seed::{default_features, default_space_statuses};
use crate::state::SharedState;

/// `POST /v2/team/{team_id}/space` `{name, multiple_assignees?, features?}` → the space, with
/// the default statuses and ClickApps (each feature the body carries replaces the default).
pub(crate) async fn create_space(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let mut world = state.world();
    let data = &mut world.data;
    let team_id = visible_team(data, &caller, &team_id)?.id.clone();
    let name = required_name(&body)?;
    let mut features = default_features();
    merge_features(&mut features, &body)?;
    let n = data.take_id();
    let id = format!("9009{n:04}");
    let space = Space {
        id: SpaceId(id.clone()),
        team_id,
        name,
        color: body
            .string("color")?
            .into_option()
            .unwrap_or_else(|| "#7b68ee".into()),
        private: body.bool("private")?.unwrap_or(false),
        archived: false,
        multiple_assignees: body.bool("multiple_assignees")?.unwrap_or(true),
        statuses: default_space_statuses(&id),
        hidden_folder_id: FolderId(format!("9018{n:04}")),
        admin_can_manage: body.bool("admin_can_manage")?.unwrap_or(false),
        features,
        tags: Vec::new(),
    };
    data.spaces.push(space);
    let space = data.space(&id).ok_or(ApiError::ObjectNotAuthorized)?;
    Ok(Json(space_json(data, space)))
}

/// `PUT /v2/space/{space_id}` → the space as changed.
pub(crate) async fn update_space(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(space_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let mut world = state.world();
    let data = &mut world.data;
    let id = visible_space(data, &caller, &space_id)?.id.clone();
    let name = optional_name(&body)?;
    let color = body.string("color")?.into_option();
    let private = body.bool("private")?;
    let admin_can_manage = body.bool("admin_can_manage")?;
    let multiple_assignees = body.bool("multiple_assignees")?;
    let space = data
        .spaces
        .iter_mut()
        .find(|s| s.id == id)
        .ok_or(ApiError::ObjectNotAuthorized)?;
    let mut features = space.features.clone();
    merge_features(&mut features, &body)?;
    space.features = features;
    if let Some(name) = name {
        space.name = name;
    }
    if let Some(color) = color {
        space.color = color;
    }
    if let Some(private) = private {
        space.private = private;
    }
    if let Some(admin_can_manage) = admin_can_manage {
        space.admin_can_manage = admin_can_manage;
    }
    if let Some(multiple) = multiple_assignees {
        space.multiple_assignees = multiple;
    }
    let space = data
        .space(id.as_str())
        .ok_or(ApiError::ObjectNotAuthorized)?;
    Ok(Json(space_json(data, space)))
}

/// A non-empty `name`, or 400 `INPUT_005`.
pub(crate) fn required_name(body: &Body) -> Result<String, ApiError> {
    match body.string("name")? {
        Patch::Value(name) if !name.trim().is_empty() => Ok(name),
        _ => Err(ApiError::NameInvalid),
    }
}

/// `name` when the body carries it: non-empty, or 400 `INPUT_005` (`null` and blank too).
pub(crate) fn optional_name(body: &Body) -> Result<Option<String>, ApiError> {
    match body.string("name")? {
        Patch::Absent => Ok(None),
        Patch::Value(name) if !name.trim().is_empty() => Ok(Some(name)),
        _ => Err(ApiError::NameInvalid),
    }
}

/// Replaces each feature the body's `features` object carries (`multiple_assignees` there is
/// read by the caller through the top-level field).
fn merge_features(features: &mut Map<String, Value>, body: &Body) -> Result<(), ApiError> {
    match body.raw("features") {
        None | Some(Value::Null) => Ok(()),
        Some(Value::Object(given)) => {
            for (key, value) in given {
                if key != "multiple_assignees" {
                    features.insert(key.clone(), value.clone());
                }
            }
            Ok(())
        }
        Some(_) => Err(ApiError::FieldTypeInvalid),
    }
}

/// `GET /v2/team/{team_id}/space` → `{"spaces": [...]}`.
pub(crate) async fn get_spaces(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
    Query(query): Query<ArchivedQuery>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let team = visible_team(&world.data, &caller, &team_id)?;
    let spaces: Vec<Value> = world
        .data
        .spaces
        .iter()
        .filter(|s| s.team_id == team.id && s.archived == query.archived())
        .map(|s| space_json(&world.data, s))
        .collect();
    Ok(Json(json!({ "spaces": spaces })))
}

/// `GET /v2/space/{space_id}` → the space.
pub(crate) async fn get_space(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(space_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let space = visible_space(&world.data, &caller, &space_id)?;
    Ok(Json(space_json(&world.data, space)))
}

/// A space as ClickUp sends it: statuses, members and ClickApps.
pub(crate) fn space_json(data: &Data, space: &Space) -> Value {
    let members: Vec<Value> = data
        .team(space.team_id.as_str())
        .map(|team| {
            team.members
                .iter()
                .filter_map(|m| data.user(m.user_id))
                .map(|u| {
                    json!({ "user": {
                        "id": u.id,
                        "username": u.username,
                        "color": u.color,
                        "profilePicture": u.profile_picture(),
                        "initials": u.initials,
                    }})
                })
                .collect()
        })
        .unwrap_or_default();
    let mut features = space.features.clone();
    features.insert(
        "multiple_assignees".into(),
        json!({ "enabled": space.multiple_assignees }),
    );
    json!({
        "id": space.id,
        "name": space.name,
        "color": space.color,
        "private": space.private,
        "avatar": Value::Null,
        "admin_can_manage": space.admin_can_manage,
        "archived": space.archived,
        "members": members,
        "statuses": statuses_json(&space.statuses),
        "multiple_assignees": space.multiple_assignees,
        "features": features,
        "tags": space.tags.iter().map(|t| json!({ "name": t.name, "tag_fg": t.fg, "tag_bg": t.bg })).collect::<Vec<_>>(),
    })
}

/// `DELETE /v2/space/{space_id}` → `{}`: the space and everything in it are gone.
pub(crate) async fn delete_space(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(space_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let data = &mut world.data;
    let id = visible_space(data, &caller, &space_id)?.id.clone();
    let lists: Vec<crate::model::ListId> = data
        .lists
        .iter()
        .filter(|l| l.space_id == id)
        .map(|l| l.id.clone())
        .collect();
    crate::api::list::delete_lists(data, &lists);
    data.folders.retain(|f| f.space_id != id);
    data.spaces.retain(|s| s.id != id);
    Ok(Json(json!({})))
}

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    axum::Router::new().route(
        "/api/v2/space/{space_id}",
        axum::routing::delete(delete_space),
    )
}

//! `GET /v2/list/{list_id}/member` and `GET /v2/task/{task_id}/member`: the people who can see
//! a list or task: every member of the workspace but guests, unless the task, list, its folder
//! or its space was made private (`PATCH /v3/…/acls`, the most specific access list first):
//! then its owners and admins and the users and groups granted access.

use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use serde_json::{Value, json};

use crate::api::task::{CustomIdQuery, locate_task};
use crate::api::{user_json, visible_list};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, SpaceId, UserId};
use crate::state::SharedState;

/// `GET /v2/list/{list_id}/member` → `{"members": [...]}`.
pub(crate) async fn get_list_members(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(list_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let list = visible_list(data, &caller, &list_id)?;
    let objects = [
        ("list", Some(list.id.as_str())),
        ("folder", list.folder_id.as_ref().map(|f| f.as_str())),
        ("space", Some(list.space_id.as_str())),
    ];
    let allowed = private_access(data, &objects);
    Ok(Json(members_json(data, &list.space_id, allowed.as_deref())))
}

/// `GET /v2/task/{task_id}/member` → `{"members": [...]}`.
pub(crate) async fn get_task_members(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(task_id): Path<String>,
    Query(query): Query<CustomIdQuery>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let index = locate_task(data, &caller, &task_id, &query)?;
    let task = &data.tasks[index];
    let list = data
        .list(task.list_id.as_str())
        .ok_or(ApiError::ObjectNotAuthorized)?;
    let objects = [
        ("task", Some(task.id.as_str())),
        ("list", Some(list.id.as_str())),
        ("folder", list.folder_id.as_ref().map(|f| f.as_str())),
        ("space", Some(list.space_id.as_str())),
    ];
    let allowed = private_access(data, &objects);
    Ok(Json(members_json(data, &list.space_id, allowed.as_deref())))
}

/// The users granted access to the most specific of `objects` that was made private, with
/// the members of groups granted; `None` when none of them is private.
fn private_access(data: &Data, objects: &[(&str, Option<&str>)]) -> Option<Vec<UserId>> {
    let acl = objects
        .iter()
        .filter_map(|(kind, id)| id.and_then(|id| data.admin.acl(kind, id)))
        .find(|acl| acl.private)?;
    let mut users = Vec::new();
    for grant in &acl.entries {
        if grant.kind == "user" {
            users.extend(grant.id.parse::<UserId>().ok());
        } else if let Some(group) = data.admin.groups.iter().find(|g| g.id == grant.id) {
            users.extend(group.members.iter().copied());
        }
    }
    Some(users)
}

fn members_json(data: &Data, space: &SpaceId, allowed: Option<&[UserId]>) -> Value {
    let profile_info = json!({
        "display_profile": null,
        "verified_ambassador": null,
        "verified_consultant": null,
        "top_tier_user": null,
        "viewed_verified_ambassador": null,
        "viewed_verified_consultant": null,
        "viewed_top_tier_user": null,
    });
    let members: Vec<Value> = data
        .team_of_space(space)
        .map(|team| {
            team.members
                .iter()
                .filter(|m| m.role != 4)
                .filter(|m| allowed.is_none_or(|a| m.role <= 2 || a.contains(&m.user_id)))
                .filter_map(|m| data.user(m.user_id))
                .map(|u| {
                    let mut user = user_json(u);
                    if let Some(object) = user.as_object_mut() {
                        object.insert("profileInfo".into(), profile_info.clone());
                    }
                    user
                })
                .collect()
        })
        .unwrap_or_default();
    json!({ "members": members })
}

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    axum::Router::new()
}

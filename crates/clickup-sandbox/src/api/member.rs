//! `GET /v2/list/{list_id}/member` and `GET /v2/task/{task_id}/member`: the people who can see
//! a list or task. No space is private in the sandbox, so that is every member of the workspace
//! (guests included only when something is shared with them; none are seeded).

use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use serde_json::{Value, json};

use crate::api::task::{CustomIdQuery, locate_task};
use crate::api::{user_json, visible_list};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, SpaceId};
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
    Ok(Json(members_json(data, &list.space_id)))
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
    let space = data
        .list(data.tasks[index].list_id.as_str())
        .map(|l| l.space_id.clone())
        .ok_or(ApiError::ObjectNotAuthorized)?;
    Ok(Json(members_json(data, &space)))
}

fn members_json(data: &Data, space: &SpaceId) -> Value {
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

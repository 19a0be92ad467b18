//! Taking dependencies and links between tasks away (adding them is in `task/relation.rs`):
//!
//! - `DELETE /v2/task/{task_id}/dependency?depends_on=X` (this task no longer waits on X) or
//!   `?dependency_of=X` (X no longer waits on this task) → `{}`. Exactly one of the two, though
//!   the spec marks both required; both or neither is 400 `DEP_001`.
//! - `DELETE /v2/task/{task_id}/link/{links_to}` → `{"task": …}`, the task without the link
//!   (whichever task the link was made from).
//!
//! The other task must be a live task of the same workspace (else 401 `OAUTH_027`, or 404
//! `ITEM_013` when deleted); removing a relation that does not exist changes nothing.

use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::routing::delete;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::api::task::{CustomIdQuery, RenderOptions, live_task_of_team, locate_task, task_json};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::state::SharedState;

/// Query of `DELETE /v2/task/{task_id}/dependency`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct DependencyQuery {
    depends_on: Option<String>,
    dependency_of: Option<String>,
    custom_task_ids: Option<String>,
    team_id: Option<String>,
}

/// `DELETE /v2/task/{task_id}/dependency?depends_on=` or `?dependency_of=` → `{}`.
pub(crate) async fn remove_dependency(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(task_id): Path<String>,
    Query(query): Query<DependencyQuery>,
) -> Result<Json<Value>, ApiError> {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let ids = CustomIdQuery::new(query.custom_task_ids.clone(), query.team_id.clone());
    let index = locate_task(data, &caller, &task_id, &ids)?;
    let task = &data.tasks[index];
    let team = data
        .team_of_task(task)
        .cloned()
        .ok_or(ApiError::ObjectNotAuthorized)?;
    let id = task.id.clone();
    let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
    let (waiting, blocking) = match (&query.depends_on, &query.dependency_of) {
        (Some(other), none) if blank(none) && !blank(&query.depends_on) => {
            (id, live_task_of_team(data, &team, other)?)
        }
        (none, Some(other)) if blank(none) && !blank(&query.dependency_of) => {
            (live_task_of_team(data, &team, other)?, id)
        }
        _ => return Err(ApiError::DependencyInvalid),
    };
    let before = data.dependencies.len();
    data.dependencies
        .retain(|d| !(d.task_id == waiting && d.depends_on == blocking));
    if data.dependencies.len() != before {
        data.tasks[index].date_updated = now;
    }
    Ok(Json(json!({})))
}

/// `DELETE /v2/task/{task_id}/link/{links_to}` → `{"task": …}`.
pub(crate) async fn remove_link(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((task_id, links_to)): Path<(String, String)>,
    Query(query): Query<CustomIdQuery>,
) -> Result<Json<Value>, ApiError> {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let index = locate_task(data, &caller, &task_id, &query)?;
    let task = &data.tasks[index];
    let team = data
        .team_of_task(task)
        .cloned()
        .ok_or(ApiError::ObjectNotAuthorized)?;
    let other = live_task_of_team(data, &team, &links_to)?;
    let id = task.id.clone();
    let before = data.links.len();
    data.links.retain(|l| {
        !((l.task_id == id && l.links_to == other) || (l.task_id == other && l.links_to == id))
    });
    if data.links.len() != before {
        data.tasks[index].date_updated = now;
    }
    let task = &data.tasks[index];
    Ok(Json(
        json!({ "task": task_json(data, task, RenderOptions::default()) }),
    ))
}

/// This resource's routes (merged into the authenticated API router, `api.rs`, which routes
/// the `POST`s of the same paths).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    axum::Router::new()
        .route(
            "/api/v2/task/{task_id}/dependency",
            delete(remove_dependency),
        )
        .route(
            "/api/v2/task/{task_id}/link/{links_to}",
            delete(remove_link),
        )
}

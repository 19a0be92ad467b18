//! Tasks: `GET`, `PUT`, `DELETE /v2/task/{task_id}`, `POST /v2/list/{list_id}/task`, and the
//! paged reads `GET /v2/list/{list_id}/task` and `GET /v2/team/{team_Id}/task`.
//!
//! `json.rs` renders a task, `search.rs` filters and pages, `write.rs` creates and updates,
//! `relation.rs` links tasks and makes dependencies, `moves.rs` moves a task to another home
//! list (v3) and merges tasks.
//! Every endpoint that takes a task id also takes `custom_task_ids=true&team_id=…`.

mod json;
mod moves;
mod relation;
mod search;
mod write;

pub(crate) use json::{RenderOptions, descendants, is_done, task_json};
pub(crate) use relation::{add_dependency, add_link};
pub(crate) use search::{get_list_tasks, get_team_tasks};
pub(crate) use write::live_task_of_team;
pub(crate) use write::{create_task, update_task};

use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::Value;

use crate::api::visible_team;
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, TaskId};
use crate::state::SharedState;

/// `custom_task_ids=true&team_id=…`: the task id in the path is a custom id of that workspace.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct CustomIdQuery {
    custom_task_ids: Option<String>,
    team_id: Option<String>,
}

impl CustomIdQuery {
    /// From the two parameters' values.
    pub(crate) fn new(custom_task_ids: Option<String>, team_id: Option<String>) -> Self {
        Self {
            custom_task_ids,
            team_id,
        }
    }

    /// From a decoded query string.
    pub(crate) fn from_params(params: &crate::api::params::Params) -> Self {
        Self {
            custom_task_ids: params.get("custom_task_ids").map(str::to_owned),
            team_id: params.get("team_id").map(str::to_owned),
        }
    }

    /// Whether the path's task id is a custom id.
    pub(crate) fn is_custom(&self) -> bool {
        self.custom_task_ids.as_deref() == Some("true")
    }
}

/// Query parameters of `GET /v2/task/{task_id}`; `"true"` switches a flag on.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct TaskQuery {
    custom_task_ids: Option<String>,
    team_id: Option<String>,
    include_subtasks: Option<String>,
    include_markdown_description: Option<String>,
}

fn flag(value: Option<&String>) -> bool {
    value.is_some_and(|v| v == "true")
}

/// `GET /v2/task/{task_id}` → the task.
pub(crate) async fn get_task(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(task_id): Path<String>,
    Query(query): Query<TaskQuery>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let ids = CustomIdQuery {
        custom_task_ids: query.custom_task_ids.clone(),
        team_id: query.team_id.clone(),
    };
    let task = &data.tasks[locate_task(data, &caller, &task_id, &ids)?];
    let options = RenderOptions {
        markdown: flag(query.include_markdown_description.as_ref()),
    };
    let mut body = task_json(data, task, options);
    if flag(query.include_subtasks.as_ref())
        && let Some(object) = body.as_object_mut()
    {
        let subtasks: Vec<Value> = descendants(data, task)
            .into_iter()
            .map(|t| task_json(data, t, options))
            .collect();
        object.insert("subtasks".into(), Value::Array(subtasks));
    }
    Ok(Json(body))
}

/// `DELETE /v2/task/{task_id}` → 204, deleting the task and every subtask below it.
pub(crate) async fn delete_task(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(task_id): Path<String>,
    Query(query): Query<CustomIdQuery>,
) -> Result<StatusCode, ApiError> {
    let mut world = state.world();
    let data = &mut world.data;
    let index = locate_task(data, &caller, &task_id, &query)?;
    let task = &data.tasks[index];
    let mut doomed: Vec<TaskId> = descendants(data, task)
        .into_iter()
        .map(|t| t.id.clone())
        .collect();
    doomed.push(task.id.clone());
    for task in data.tasks.iter_mut().filter(|t| doomed.contains(&t.id)) {
        task.deleted = true;
    }
    data.links
        .retain(|l| !doomed.contains(&l.task_id) && !doomed.contains(&l.links_to));
    data.dependencies
        .retain(|d| !doomed.contains(&d.task_id) && !doomed.contains(&d.depends_on));
    data.task_extras.forget(|task, _| doomed.contains(task));
    Ok(StatusCode::NO_CONTENT)
}

/// The index of a task the caller may use, by id or (with `custom_task_ids=true`) by custom id
/// within `team_id`: unknown or foreign → 401 `OAUTH_027`, deleted → 404 `ITEM_013`.
pub(crate) fn locate_task(
    data: &Data,
    caller: &Caller,
    id: &str,
    query: &CustomIdQuery,
) -> Result<usize, ApiError> {
    let index = if query.is_custom() {
        let team_id = query
            .team_id
            .as_deref()
            .ok_or(ApiError::CustomTaskIdsNeedTeamId)?;
        let team = visible_team(data, caller, team_id)?;
        if !team.custom_task_ids {
            return Err(ApiError::ObjectNotAuthorized);
        }
        data.tasks
            .iter()
            .position(|t| {
                t.custom_id
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(id))
                    && data.team_of_task(t).map(|x| &x.id) == Some(&team.id)
            })
            .ok_or(ApiError::ObjectNotAuthorized)?
    } else {
        data.task_index(id).ok_or(ApiError::ObjectNotAuthorized)?
    };
    let task = &data.tasks[index];
    let team = data
        .team_of_task(task)
        .ok_or(ApiError::ObjectNotAuthorized)?;
    if !caller.may_use(&team.id) {
        return Err(ApiError::ObjectNotAuthorized);
    }
    if task.deleted {
        return Err(ApiError::TaskDeleted);
    }
    Ok(index)
}

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    use axum::routing::{post, put};
    axum::Router::new()
        .route(
            "/api/v3/workspaces/{workspace_id}/tasks/{task_id}/home_list/{list_id}",
            put(moves::move_task),
        )
        .route("/api/v2/task/{task_id}/merge", post(moves::merge_tasks))
}

//! Relations between tasks: `POST /v2/task/{task_id}/link/{links_to}` (→ `{"task": …}`) and
//! `POST /v2/task/{task_id}/dependency` with exactly one of `depends_on` (this task waits on it)
//! or `dependency_of` (it waits on this task) — the spec's `depedency_of` is a typo and is not
//! read. Both tasks must be live tasks of the same workspace; repeating a relation changes
//! nothing.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use serde_json::{Value, json};

use super::write::live_task_of_team;
use super::{CustomIdQuery, RenderOptions, locate_task, task_json};
use crate::api::body::{Body, Patch};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Dependency, TaskLink};
use crate::state::SharedState;

/// `POST /v2/task/{task_id}/link/{links_to}` → `{"task": …}`, the task with its links.
pub(crate) async fn add_link(
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
    if other == id {
        return Err(ApiError::DependencyInvalid);
    }
    let exists = data.links.iter().any(|l| {
        (l.task_id == id && l.links_to == other) || (l.task_id == other && l.links_to == id)
    });
    if !exists {
        data.links.push(TaskLink {
            task_id: id,
            links_to: other,
            date_created: now,
            user: caller.user_id,
        });
    }
    let task = &data.tasks[index];
    Ok(Json(
        json!({ "task": task_json(data, task, RenderOptions::default()) }),
    ))
}

/// `POST /v2/task/{task_id}/dependency` `{depends_on}` or `{dependency_of}` → `{}`.
pub(crate) async fn add_dependency(
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
    let index = locate_task(data, &caller, &task_id, &query)?;
    let task = &data.tasks[index];
    let team = data
        .team_of_task(task)
        .cloned()
        .ok_or(ApiError::ObjectNotAuthorized)?;
    let id = task.id.clone();
    let (waiting, blocking) = match (body.string("depends_on")?, body.string("dependency_of")?) {
        (Patch::Value(other), Patch::Absent | Patch::Null) => {
            (id.clone(), live_task_of_team(data, &team, &other)?)
        }
        (Patch::Absent | Patch::Null, Patch::Value(other)) => {
            (live_task_of_team(data, &team, &other)?, id.clone())
        }
        _ => return Err(ApiError::DependencyInvalid),
    };
    if waiting == blocking {
        return Err(ApiError::DependencyInvalid);
    }
    if !data
        .dependencies
        .iter()
        .any(|d| d.task_id == waiting && d.depends_on == blocking)
    {
        data.dependencies.push(Dependency {
            task_id: waiting,
            depends_on: blocking,
            date_created: now,
            user: caller.user_id,
        });
    }
    Ok(Json(json!({})))
}

//! Tasks changing place: the v3 move to another home list (`PUT
//! /v3/workspaces/{workspace_id}/tasks/{task_id}/home_list/{list_id}`, as ClickUp's guide "Move a
//! task to a new List" describes it) and merging tasks into one (`POST /v2/task/{task_id}/merge`).
//!
//! A move keeps the task's id, comments, history and extra lists; its subtasks move with it.
//! A status the new list has (by name, any case) is kept; otherwise `status_mappings` (status
//! ids, current list → new list) must map it, else 400 `ITEM_114`; a mapped status counts as a
//! status change (time in status). `move_custom_fields` makes the task's custom fields (or those
//! in `custom_fields_to_move`) apply to the new list too.
//!
//! A merge folds each source into the target: assignees, watchers and tags join the target's,
//! comments, subtasks and time entries move to it, and the source is deleted (its id then
//! answers 404 `ITEM_013`, as any deleted task's).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use serde_json::{Value, json};

use super::{CustomIdQuery, descendants, locate_task};
use crate::api::body::Body;
use crate::api::{visible_list, visible_team};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{
    CommentTarget, CustomField, Data, FieldScope, List, ListId, Status, Task, TaskId,
};
use crate::state::SharedState;

/// A subtask moved on its own (ClickUp moves subtasks with their parent).
const SUBTASK_MOVE: ApiError = ApiError::other(400, "Cannot move a subtask", "ITEM_137");
/// A task merged into itself.
const MERGE_INTO_ITSELF: ApiError =
    ApiError::other(400, "Cannot merge a task into itself", "ITEM_261");
/// `source_task_ids` missing, empty or not strings.
const MERGE_SOURCES_INVALID: ApiError = ApiError::other(
    400,
    "source_task_ids must be a non-empty array",
    "INPUT_002",
);

/// `PUT /v3/workspaces/{workspace_id}/tasks/{task_id}/home_list/{list_id}` → `{}`.
pub(crate) async fn move_task(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((workspace_id, task_id, list_id)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let team = visible_team(data, &caller, &workspace_id)?.id.clone();
    let index = locate_task(data, &caller, &task_id, &CustomIdQuery::default())?;
    let task = data.tasks[index].clone();
    if data.team_of_task(&task).map(|t| &t.id) != Some(&team) {
        return Err(ApiError::ObjectNotAuthorized);
    }
    let target = visible_list(data, &caller, &list_id)?.clone();
    if data.team_of_space(&target.space_id).map(|t| &t.id) != Some(&team) {
        return Err(ApiError::ObjectNotAuthorized);
    }
    if task.parent.is_some() {
        return Err(SUBTASK_MOVE);
    }
    let mappings = status_mappings(&body)?;
    let source = data
        .list(task.list_id.as_str())
        .cloned()
        .ok_or(ApiError::ObjectNotAuthorized)?;
    let mut moving: Vec<TaskId> = descendants(data, &task)
        .into_iter()
        .map(|t| t.id.clone())
        .collect();
    moving.insert(0, task.id.clone());
    // Every status is checked before anything changes.
    let mut new_statuses = Vec::with_capacity(moving.len());
    for id in &moving {
        let current = data
            .task(id.as_str())
            .map(|t| t.status.clone())
            .unwrap_or_default();
        new_statuses.push(mapped_status(data, &source, &target, &current, &mappings)?);
    }
    if body.bool("move_custom_fields")? == Some(true) {
        let only: Vec<String> = body
            .array("custom_fields_to_move")?
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect();
        carry_fields(data, &source, &target, &only);
    }
    for (id, status) in moving.iter().zip(new_statuses) {
        if let Some(index) = data.task_index(id.as_str()) {
            crate::api::time::record_status_change(data, index, &status, now);
        }
        if let Some(moved) = data.tasks.iter_mut().find(|t| &t.id == id) {
            moved.list_id = target.id.clone();
            moved.status = status;
            moved.date_updated = now;
        }
    }
    // The new home list is no longer an extra list of the task.
    data.task_extras.remove(&task.id, &target.id);
    Ok(Json(json!({})))
}

/// `status_mappings: [{source_status, destination_status}]` as (source id, destination id).
fn status_mappings(body: &Body) -> Result<Vec<(String, String)>, ApiError> {
    body.array("status_mappings")?
        .iter()
        .map(|m| {
            let source = m.get("source_status").and_then(Value::as_str);
            let destination = m.get("destination_status").and_then(Value::as_str);
            match (source, destination) {
                (Some(s), Some(d)) => Ok((s.to_owned(), d.to_owned())),
                _ => Err(ApiError::FieldTypeInvalid),
            }
        })
        .collect()
}

/// The status a task in `current` status has in `target`: the same name, else the mapping of
/// its status id, else 400 `ITEM_114`.
fn mapped_status(
    data: &Data,
    source: &List,
    target: &List,
    current: &str,
    mappings: &[(String, String)],
) -> Result<String, ApiError> {
    let targets: &[Status] = data.statuses_of(target);
    if let Some(same) = targets
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case(current))
    {
        return Ok(same.name.clone());
    }
    let current_id = data
        .statuses_of(source)
        .iter()
        .find(|s| s.name == current)
        .map(|s| s.id.clone())
        .ok_or(ApiError::StatusNotFound)?;
    let destination = mappings
        .iter()
        .find(|(from, _)| *from == current_id)
        .map(|(_, to)| to)
        .ok_or(ApiError::StatusNotFound)?;
    targets
        .iter()
        .find(|s| &s.id == destination)
        .map(|s| s.name.clone())
        .ok_or(ApiError::StatusNotFound)
}

/// Makes the fields of `source` (all, or those in `only`) apply to `target` as well, as a copy
/// of the definition bound to the list (same id, so values carry over).
fn carry_fields(data: &mut Data, source: &List, target: &List, only: &[String]) {
    let applying: Vec<String> = data
        .fields_of(target)
        .iter()
        .map(|f| f.id.clone())
        .collect();
    let carried: Vec<CustomField> = data
        .fields_of(source)
        .into_iter()
        .filter(|f| only.is_empty() || only.contains(&f.id))
        .filter(|f| !applying.contains(&f.id))
        .map(|f| CustomField {
            scope: FieldScope::List(target.id.clone()),
            ..f.clone()
        })
        .collect();
    data.fields.extend(carried);
}

/// `POST /v2/task/{task_id}/merge` `{source_task_ids}` → `{}`.
pub(crate) async fn merge_tasks(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(task_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let target_index = locate_task(data, &caller, &task_id, &CustomIdQuery::default())?;
    let target = data.tasks[target_index].clone();
    let raw = body.array("source_task_ids")?;
    if raw.is_empty() || raw.len() > 100 {
        return Err(MERGE_SOURCES_INVALID);
    }
    let team = data.team_of_task(&target).map(|t| t.id.clone());
    let mut sources: Vec<TaskId> = Vec::new();
    for value in &raw {
        let id = value.as_str().ok_or(MERGE_SOURCES_INVALID)?;
        let index = locate_task(data, &caller, id, &CustomIdQuery::default())?;
        let source = &data.tasks[index];
        if data.team_of_task(source).map(|t| t.id.clone()) != team {
            return Err(ApiError::ObjectNotAuthorized);
        }
        if source.id == target.id {
            return Err(MERGE_INTO_ITSELF);
        }
        if !sources.contains(&source.id) {
            sources.push(source.id.clone());
        }
    }
    for source in &sources {
        merge_one(data, &target, source, now);
    }
    Ok(Json(json!({})))
}

/// Folds `source` into `target` and deletes it.
fn merge_one(data: &mut Data, target: &Task, source: &TaskId, now: i64) {
    let Some(from) = data.task(source.as_str()).cloned() else {
        return;
    };
    if let Some(into) = data.tasks.iter_mut().find(|t| t.id == target.id) {
        for user in &from.assignees {
            if !into.assignees.contains(user) {
                into.assignees.push(*user);
            }
        }
        for user in &from.watchers {
            if !into.watchers.contains(user) {
                into.watchers.push(*user);
            }
        }
        for tag in &from.tags {
            if !into.tags.iter().any(|t| t.name == tag.name) {
                into.tags.push(tag.clone());
            }
        }
        into.date_updated = now;
    }
    let home: ListId = target.list_id.clone();
    for child in data
        .tasks
        .iter_mut()
        .filter(|t| t.parent.as_ref() == Some(source) && !t.deleted)
    {
        child.parent = Some(target.id.clone());
        child.list_id = home.clone();
    }
    for comment in &mut data.comments {
        if comment.target == CommentTarget::Task(source.clone()) {
            comment.target = CommentTarget::Task(target.id.clone());
        }
    }
    for entry in &mut data.time_entries {
        if entry.task_id.as_ref() == Some(source) {
            entry.task_id = Some(target.id.clone());
        }
    }
    if let Some(gone) = data.tasks.iter_mut().find(|t| &t.id == source) {
        gone.deleted = true;
        gone.date_updated = now;
    }
    data.links
        .retain(|l| &l.task_id != source && &l.links_to != source);
    data.dependencies
        .retain(|d| &d.task_id != source && &d.depends_on != source);
    data.task_extras.forget(|task, _| task == source);
    data.task_extras.record_merge(source, &target.id, now);
}

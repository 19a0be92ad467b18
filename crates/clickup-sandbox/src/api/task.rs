//! `GET /v2/task/{task_id}`: one task as real ClickUp sends it (not as the spec says): status with
//! id and type, assignees/watchers/tags as objects, dates as ms strings, estimates as integer ms.

use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::api::list::folder_ref_json;
use crate::api::{ms, opt_ms, status_json, task_priority_json, users_json, visible_team};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, StatusType, Task};
use crate::state::SharedState;

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
    let task = find_task(data, &caller, &task_id, &query)?;
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

/// Finds the task by id, or by custom id within `team_id` when `custom_task_ids=true`.
fn find_task<'a>(
    data: &'a Data,
    caller: &Caller,
    id: &str,
    query: &TaskQuery,
) -> Result<&'a Task, ApiError> {
    let task = if flag(query.custom_task_ids.as_ref()) {
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
            .find(|t| {
                t.custom_id
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(id))
                    && team_of(data, t) == Some(team.id.as_str())
            })
            .ok_or(ApiError::ObjectNotAuthorized)?
    } else {
        data.task(id).ok_or(ApiError::ObjectNotAuthorized)?
    };
    let team = team_of(data, task).ok_or(ApiError::ObjectNotAuthorized)?;
    if !caller.teams.iter().any(|t| t.as_str() == team) {
        return Err(ApiError::ObjectNotAuthorized);
    }
    if task.deleted {
        return Err(ApiError::TaskDeleted);
    }
    Ok(task)
}

/// The workspace a task lives in.
fn team_of<'a>(data: &'a Data, task: &Task) -> Option<&'a str> {
    let list = data.list(task.list_id.as_str())?;
    data.space(list.space_id.as_str())
        .map(|s| s.team_id.as_str())
}

/// Every live subtask below `task`, depth first, in seed order.
fn descendants<'a>(data: &'a Data, task: &Task) -> Vec<&'a Task> {
    let mut out = Vec::new();
    for child in data
        .tasks
        .iter()
        .filter(|t| t.parent.as_ref() == Some(&task.id) && !t.deleted)
    {
        out.push(child);
        out.extend(descendants(data, child));
    }
    out
}

/// The top of a subtask's parent chain.
fn top_level_parent<'a>(data: &'a Data, task: &'a Task) -> Option<&'a Task> {
    let mut current = data.task(task.parent.as_ref()?.as_str())?;
    while let Some(parent) = current.parent.as_ref().and_then(|p| data.task(p.as_str())) {
        current = parent;
    }
    Some(current)
}

/// Optional parts of the task JSON.
#[derive(Clone, Copy, Debug)]
struct RenderOptions {
    /// Add `markdown_description`.
    markdown: bool,
}

/// Markdown reduced to the plain text ClickUp puts in `text_content` and `description`.
fn plain_text(markdown: &str) -> String {
    markdown
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '#'))
        .collect()
}

fn task_json(data: &Data, task: &Task, options: RenderOptions) -> Value {
    let list = data.list(task.list_id.as_str());
    let statuses = list.map(|l| data.statuses_of(l)).unwrap_or_default();
    let status = statuses
        .iter()
        .position(|s| s.name == task.status)
        .and_then(|i| statuses.get(i).map(|s| status_json(s, i)))
        .unwrap_or(Value::Null);
    let is_done = statuses
        .iter()
        .find(|s| s.name == task.status)
        .is_some_and(|s| matches!(s.kind, StatusType::Done | StatusType::Closed));
    let creator = data.user(task.creator).map_or(Value::Null, |u| {
        json!({ "id": u.id, "username": u.username, "color": u.color, "email": u.email, "profilePicture": u.profile_picture() })
    });
    let tags: Vec<Value> = task
        .tags
        .iter()
        .map(|t| json!({ "name": t.name, "tag_fg": t.fg, "tag_bg": t.bg, "creator": t.creator }))
        .collect();
    let orderindex = data.tasks.iter().position(|t| t.id == task.id).unwrap_or(0) + 1;
    let team_id = team_of(data, task);
    let folder = list.map_or(Value::Null, |l| folder_ref_json(data, l));
    let text = plain_text(&task.description);
    let mut body = json!({
        "id": task.id,
        "custom_id": task.custom_id,
        "custom_item_id": Value::Null,
        "name": task.name,
        "text_content": text,
        "description": text,
        "status": status,
        "orderindex": format!("{orderindex}.00000000000000000000000000000000"),
        "date_created": ms(task.date_created),
        "date_updated": ms(task.date_updated),
        "date_closed": opt_ms(task.date_closed),
        "date_done": if is_done { opt_ms(task.date_closed) } else { Value::Null },
        "archived": task.archived,
        "creator": creator,
        "assignees": users_json(data, &task.assignees),
        "group_assignees": [],
        "watchers": users_json(data, &task.watchers),
        "checklists": [],
        "tags": tags,
        "parent": task.parent,
        "top_level_parent": top_level_parent(data, task).map(|t| t.id.clone()),
        "priority": task_priority_json(task.priority),
        "due_date": opt_ms(task.due_date),
        "start_date": opt_ms(task.start_date),
        "points": task.points,
        "time_estimate": task.time_estimate,
        "time_spent": 0,
        "custom_fields": [],
        "dependencies": [],
        "linked_tasks": [],
        "locations": [],
        "team_id": team_id,
        "url": format!("https://app.clickup.com/t/{}", task.id),
        "permission_level": "create",
        "list": { "id": task.list_id, "name": list.map(|l| l.name.clone()), "access": true },
        "project": folder.clone(),
        "folder": folder,
        "space": { "id": list.map(|l| l.space_id.clone()) },
        "attachments": [],
    });
    if options.markdown
        && let Some(object) = body.as_object_mut()
    {
        object.insert(
            "markdown_description".into(),
            Value::String(task.description.clone()),
        );
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_marks_are_dropped_from_plain_text() {
        assert_eq!(
            plain_text("Run **build**, *tests* and `clippy`"),
            "Run build, tests and clippy"
        );
    }
}

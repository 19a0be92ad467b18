//! `POST /v2/list/{list_id}/task` and `PUT /v2/task/{task_id}`, with ClickUp's rules: the status
//! must exist in the list (case-insensitive), a parent must be a live task of the same list, a
//! task type must exist in the workspace, custom-field values must fit their field.
//!
//! What real ClickUp silently ignores, the sandbox ignores too, so that a client's verified write
//! can see it did not take: `tags` on update, `parent: null` on update, assignees and watchers
//! who are not members of the workspace.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use serde_json::Value;

use super::{CustomIdQuery, RenderOptions, descendants, locate_task, task_json};
use crate::api::body::{AddRem, Body, Patch, as_id_string, as_user_id};
use crate::api::field::{checked_value, store_value};
use crate::api::space::{optional_name, required_name};
use crate::api::tag::ensure_space_tag;
use crate::api::visible_list;
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{
    Data, FieldValue, List, Priority, StatusType, Task, TaskId, TaskLink, Team, UserId,
};
use crate::state::SharedState;

/// `POST /v2/list/{list_id}/task` → the created task.
pub(crate) async fn create_task(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(list_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let list = visible_list(data, &caller, &list_id)?.clone();
    let team = data
        .team_of_space(&list.space_id)
        .cloned()
        .ok_or(ApiError::ObjectNotAuthorized)?;

    let name = required_name(&body)?;
    let status = match body.string("status")? {
        Patch::Value(status) => canonical_status(data, &list, &status)?,
        Patch::Absent | Patch::Null => data
            .statuses_of(&list)
            .first()
            .map(|s| s.name.clone())
            .unwrap_or_default(),
    };
    let priority = priority(body.int("priority")?)?.into_option();
    let assignees = members_only(&team, body.array("assignees")?.iter());
    let group_assignees: Vec<String> = body
        .array("group_assignees")?
        .iter()
        .filter_map(as_id_string)
        .collect();
    let tag_names: Vec<String> = body
        .array("tags")?
        .iter()
        .filter_map(Value::as_str)
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    let parent = match body.string("parent")? {
        Patch::Value(parent) => Some(checked_parent(data, &list, &parent, None)?),
        Patch::Absent | Patch::Null => None,
    };
    let links_to = match body.string("links_to")? {
        Patch::Value(other) => Some(live_task_of_team(data, &team, &other)?),
        Patch::Absent | Patch::Null => None,
    };
    let custom_item_id = custom_item(&team, body.int("custom_item_id")?)?.into_option();
    let field_values = create_field_values(data, &team, &list, &body)?;
    let description = match body.string("markdown_content")? {
        Patch::Value(markdown) => markdown,
        _ => body
            .string("description")?
            .into_option()
            .unwrap_or_default(),
    };
    let due_date = body.int("due_date")?.into_option();
    let start_date = body.int("start_date")?.into_option();
    let time_estimate = body.int("time_estimate")?.into_option();
    let points = body.number("points")?.into_option();
    let due_date_time = body.bool("due_date_time")?.unwrap_or(false);
    let start_date_time = body.bool("start_date_time")?.unwrap_or(false);

    let id = TaskId(format!("86cc{:04}", data.take_id()));
    let custom_id = team.custom_task_ids.then(|| next_custom_id(data, &team));
    let tags = tag_names
        .iter()
        .map(|name| ensure_space_tag(data, &list.space_id, name, caller.user_id))
        .collect();
    let closed = status_kind_in(data, &list, &status).is_some_and(is_closing);
    let task = Task {
        id: id.clone(),
        custom_id,
        name,
        description,
        list_id: list.id.clone(),
        parent,
        status,
        priority,
        assignees,
        watchers: vec![caller.user_id],
        tags,
        creator: caller.user_id,
        date_created: now,
        date_updated: now,
        date_closed: closed.then_some(now),
        due_date,
        start_date,
        time_estimate,
        points,
        archived: false,
        deleted: false,
        custom_item_id,
        group_assignees,
        due_date_time,
        start_date_time,
        field_values,
    };
    data.tasks.push(task);
    if let Some(other) = links_to {
        data.links.push(TaskLink {
            task_id: id.clone(),
            links_to: other,
            date_created: now,
            user: caller.user_id,
        });
    }
    let task = data
        .task(id.as_str())
        .ok_or(ApiError::ObjectNotAuthorized)?;
    Ok(Json(task_json(data, task, RenderOptions::default())))
}

/// `PUT /v2/task/{task_id}` → the updated task.
pub(crate) async fn update_task(
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
    let mut task = data.tasks[index].clone();
    let list = data
        .list(task.list_id.as_str())
        .cloned()
        .ok_or(ApiError::ObjectNotAuthorized)?;
    let team = data
        .team_of_space(&list.space_id)
        .cloned()
        .ok_or(ApiError::ObjectNotAuthorized)?;

    if let Some(name) = optional_name(&body)? {
        task.name = name;
    }
    match (
        body.string("markdown_content")?,
        body.string("description")?,
    ) {
        (Patch::Value(markdown), _) => task.description = markdown,
        (_, Patch::Value(text)) => task.description = text.trim().to_owned(),
        _ => {}
    }
    if let Patch::Value(status) = body.string("status")? {
        let status = canonical_status(data, &list, &status)?;
        let was_closed = status_kind_in(data, &list, &task.status).is_some_and(is_closing);
        let closing = status_kind_in(data, &list, &status).is_some_and(is_closing);
        if closing && !was_closed {
            task.date_closed = Some(now);
        } else if !closing {
            task.date_closed = None;
        }
        task.status = status;
    }
    priority(body.int("priority")?)?.apply_to(&mut task.priority);
    body.int("due_date")?.apply_to(&mut task.due_date);
    body.int("start_date")?.apply_to(&mut task.start_date);
    body.int("time_estimate")?.apply_to(&mut task.time_estimate);
    body.number("points")?.apply_to(&mut task.points);
    if let Some(value) = body.bool("due_date_time")? {
        task.due_date_time = value;
    }
    if let Some(value) = body.bool("start_date_time")? {
        task.start_date_time = value;
    }
    if let Some(change) = body.add_rem("assignees")? {
        apply_user_change(&team, &mut task.assignees, &change);
    }
    if let Some(change) = body.add_rem("watchers")? {
        apply_user_change(&team, &mut task.watchers, &change);
    }
    if let Some(change) = body.add_rem("group_assignees")? {
        for group in change.add.iter().filter_map(as_id_string) {
            if !task.group_assignees.contains(&group) {
                task.group_assignees.push(group);
            }
        }
        let rem: Vec<String> = change.rem.iter().filter_map(as_id_string).collect();
        task.group_assignees.retain(|g| !rem.contains(g));
    }
    if let Patch::Value(parent) = body.string("parent")? {
        task.parent = Some(checked_parent(data, &list, &parent, Some(&task))?);
    }
    if let Some(archived) = body.bool("archived")? {
        task.archived = archived;
    }
    custom_item(&team, body.int("custom_item_id")?)?.apply_to(&mut task.custom_item_id);
    task.date_updated = now;
    crate::api::time::record_status_change(data, index, &task.status, now);
    data.tasks[index] = task;
    Ok(Json(task_json(
        data,
        &data.tasks[index],
        RenderOptions::default(),
    )))
}

/// The list's status named `wanted` (case-insensitive), as the list spells it.
fn canonical_status(data: &Data, list: &List, wanted: &str) -> Result<String, ApiError> {
    data.statuses_of(list)
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case(wanted.trim()))
        .map(|s| s.name.clone())
        .ok_or(ApiError::StatusNotFound)
}

fn status_kind_in(data: &Data, list: &List, status: &str) -> Option<StatusType> {
    data.statuses_of(list)
        .iter()
        .find(|s| s.name == status)
        .map(|s| s.kind)
}

fn is_closing(kind: StatusType) -> bool {
    matches!(kind, StatusType::Done | StatusType::Closed)
}

/// `priority`: 1–4 or `null`.
fn priority(value: Patch<i64>) -> Result<Patch<Priority>, ApiError> {
    Ok(match value {
        Patch::Absent => Patch::Absent,
        Patch::Null => Patch::Null,
        Patch::Value(1) => Patch::Value(Priority::Urgent),
        Patch::Value(2) => Patch::Value(Priority::High),
        Patch::Value(3) => Patch::Value(Priority::Normal),
        Patch::Value(4) => Patch::Value(Priority::Low),
        Patch::Value(_) => return Err(ApiError::PriorityInvalid),
    })
}

/// `custom_item_id`: `null` or 0 is a plain task; another id must be a task type of the team.
fn custom_item(team: &Team, value: Patch<i64>) -> Result<Patch<u64>, ApiError> {
    Ok(match value {
        Patch::Absent => Patch::Absent,
        Patch::Null | Patch::Value(0) => Patch::Null,
        Patch::Value(id) => {
            let id = u64::try_from(id).map_err(|_| ApiError::CustomItemNotFound)?;
            if !team.task_types.iter().any(|t| t.id == id) {
                return Err(ApiError::CustomItemNotFound);
            }
            Patch::Value(id)
        }
    })
}

fn is_member(team: &Team, user: UserId) -> bool {
    team.members.iter().any(|m| m.user_id == user)
}

/// User ids of the workspace's members among `values`, once each.
fn members_only<'a>(team: &Team, values: impl Iterator<Item = &'a Value>) -> Vec<UserId> {
    let mut out = Vec::new();
    for id in values.filter_map(as_user_id) {
        if is_member(team, id) && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Applies `{add, rem}` to a set of users; ids of non-members are ignored.
fn apply_user_change(team: &Team, users: &mut Vec<UserId>, change: &AddRem) {
    for id in members_only(team, change.add.iter()) {
        if !users.contains(&id) {
            users.push(id);
        }
    }
    let rem: Vec<UserId> = change.rem.iter().filter_map(as_user_id).collect();
    users.retain(|u| !rem.contains(u));
}

/// A parent for a task of `list`: a live task of the same list, and (when `moving` is given)
/// neither the task itself nor one of its subtasks.
fn checked_parent(
    data: &Data,
    list: &List,
    parent: &str,
    moving: Option<&Task>,
) -> Result<TaskId, ApiError> {
    let parent = data
        .task(parent)
        .filter(|p| !p.deleted && p.list_id == list.id)
        .ok_or(ApiError::ParentNotInList)?;
    if let Some(task) = moving {
        let below = descendants(data, task);
        if parent.id == task.id || below.iter().any(|d| d.id == parent.id) {
            return Err(ApiError::ParentNotInList);
        }
    }
    Ok(parent.id.clone())
}

/// A live task of the same workspace (unknown or foreign ids answer 401 `OAUTH_027`).
pub(crate) fn live_task_of_team(data: &Data, team: &Team, id: &str) -> Result<TaskId, ApiError> {
    let task = data
        .task(id)
        .filter(|t| data.team_of_task(t).is_some_and(|x| x.id == team.id))
        .ok_or(ApiError::ObjectNotAuthorized)?;
    if task.deleted {
        return Err(ApiError::TaskDeleted);
    }
    Ok(task.id.clone())
}

/// The next custom id of a workspace: its prefix and one more than the highest number used.
fn next_custom_id(data: &Data, team: &Team) -> String {
    let prefix = format!("{}-", team.custom_id_prefix);
    let highest = data
        .tasks
        .iter()
        .filter_map(|t| {
            t.custom_id
                .as_deref()?
                .strip_prefix(&prefix)?
                .parse::<u64>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", highest + 1)
}

/// The `custom_fields` of a create body, each checked against its field; with
/// `check_required_custom_fields: true`, every required field of the list must get a value.
fn create_field_values(
    data: &Data,
    team: &Team,
    list: &List,
    body: &Body,
) -> Result<Vec<FieldValue>, ApiError> {
    let fields = data.fields_of(list);
    let mut values = Vec::new();
    for item in body.array("custom_fields")? {
        let field_id = item
            .get("id")
            .and_then(Value::as_str)
            .ok_or(ApiError::FieldNotFound)?;
        let field = fields
            .iter()
            .find(|f| f.id == field_id)
            .ok_or(ApiError::FieldNotFound)?;
        let input = item.get("value").unwrap_or(&Value::Null);
        let value = checked_value(data, Some(&team.id), field, input, None)?;
        store_value(&mut values, field_id, value);
    }
    if body.bool("check_required_custom_fields")? == Some(true)
        && fields
            .iter()
            .any(|f| f.required && !values.iter().any(|v| v.field_id == f.id))
    {
        return Err(ApiError::RequiredFieldMissing);
    }
    Ok(values)
}

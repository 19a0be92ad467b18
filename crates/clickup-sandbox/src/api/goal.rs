//! Goals and key results: `GET`/`POST /v2/team/{team_id}/goal`, `GET`/`PUT`/`DELETE
//! /v2/goal/{goal_id}`, `POST /v2/goal/{goal_id}/key_result` and `PUT`/`DELETE
//! /v2/key_result/{key_result_id}`.
//!
//! Progress is computed as ClickUp shows it: a key result's `percent_completed` from its steps
//! (`automatic` ones count the closed tasks they link, directly or through lists), a goal's as
//! the mean of its key results'. A goal at 100 % is completed and only listed with
//! `include_completed=true`. `json.rs` renders goals and key results.

mod json;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::routing::{get, post, put};
use serde_json::{Value, json};

use crate::api::body::{Body, Patch, as_id_string, as_user_id};
use crate::api::params::Params;
use crate::api::space::required_name;
use crate::api::visible_team;
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, ListId, TaskId, Team, UserId};
use crate::state::SharedState;

use json::{goal_json, goal_summary_json, key_result_json, percent_of_goal};

/// An unknown goal id, or one in a workspace the token may not use. The sandbox's choice
/// (ClickUp's ECODE for it is unconfirmed).
const GOAL_NOT_FOUND: ApiError = ApiError::other(404, "Goal not found", "GOAL_002");
/// An unknown key result id. The sandbox's choice.
const KEY_RESULT_NOT_FOUND: ApiError = ApiError::other(404, "Key result not found", "KR_002");
/// A key result `type` other than the five ClickUp documents. The sandbox's choice.
const KEY_RESULT_TYPE_INVALID: ApiError = ApiError::other(
    400,
    "Key result type must be number, currency, boolean, percentage or automatic",
    "KR_001",
);
/// A task or list id in `task_ids`/`list_ids` that is not in the goal's workspace.
const LINKED_ITEM_NOT_FOUND: ApiError =
    ApiError::other(400, "Linked task or list not found", "KR_005");

/// The key result types ClickUp documents.
pub(crate) const KEY_RESULT_TYPES: [&str; 5] =
    ["number", "currency", "boolean", "percentage", "automatic"];

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    axum::Router::new()
        .route(
            "/api/v2/team/{team_id}/goal",
            get(get_goals).post(create_goal),
        )
        .route(
            "/api/v2/goal/{goal_id}",
            get(get_goal).put(update_goal).delete(delete_goal),
        )
        .route("/api/v2/goal/{goal_id}/key_result", post(create_key_result))
        .route(
            "/api/v2/key_result/{key_result_id}",
            put(update_key_result).delete(delete_key_result),
        )
}

/// `GET /v2/team/{team_id}/goal[?include_completed=true]` → `{goals, folders}`.
async fn get_goals(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = Params::parse(raw.as_deref());
    let include_completed = params.flag("include_completed");
    let world = state.world();
    let data = &world.data;
    let team = visible_team(data, &caller, &team_id)?;
    let goals_in = |folder: Option<&str>| -> Vec<Value> {
        (0..data.goals.goals.len())
            .filter(|&i| {
                let g = &data.goals.goals[i];
                g.team_id == team.id
                    && !g.archived
                    && g.folder_id.as_deref() == folder
                    && (include_completed || percent_of_goal(data, i) < 100)
            })
            .map(|i| goal_summary_json(data, i))
            .collect()
    };
    let goals = goals_in(None);
    let folders: Vec<Value> = data
        .goals
        .folders
        .iter()
        .filter(|f| f.team_id == team.id)
        .map(|f| {
            let goals = goals_in(Some(f.id.as_str()));
            json!({
                "id": f.id, "name": f.name, "team_id": f.team_id, "private": false,
                "creator": f.creator, "goal_count": goals.len(), "members": [],
                "goals": goals,
            })
        })
        .collect();
    Ok(Json(json!({ "goals": goals, "folders": folders })))
}

/// `POST /v2/team/{team_id}/goal` `{name, due_date, description, multiple_owners, owners,
/// color}` → `{"goal": …}`.
async fn create_goal(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let team = visible_team(data, &caller, &team_id)?.clone();
    let name = required_name(&body)?;
    let due_date = body.int("due_date")?.into_option().unwrap_or(now);
    let description = body
        .string("description")?
        .into_option()
        .unwrap_or_default();
    let color = body
        .string("color")?
        .into_option()
        .unwrap_or_else(|| "#32a852".to_owned());
    let owners = members_of(&team, &body.array("owners")?);
    let multiple_owners = body.bool("multiple_owners")?.unwrap_or(owners.len() > 1);
    let id = uuid_like(data.take_id());
    let goal = data.goals.push_goal(id, team.id.clone(), now);
    goal.name = name;
    goal.description = description;
    goal.due_date = due_date;
    goal.color = color;
    goal.owners = owners;
    goal.multiple_owners = multiple_owners;
    goal.creator = caller.user_id;
    let rendered = goal_json(data, data.goals.goals.len() - 1);
    Ok(Json(json!({ "goal": rendered })))
}

/// `GET /v2/goal/{goal_id}` → `{"goal": …}` with its key results.
async fn get_goal(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(goal_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let index = goal_index(data, &caller, &goal_id)?;
    Ok(Json(json!({ "goal": goal_json(data, index) })))
}

/// `PUT /v2/goal/{goal_id}` `{name, due_date, description, rem_owners, add_owners, color}` →
/// `{"goal": …}`. Fields not in the body keep their values.
async fn update_goal(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(goal_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let index = goal_index(data, &caller, &goal_id)?;
    let team = data
        .team(data.goals.goals[index].team_id.as_str())
        .cloned()
        .ok_or(GOAL_NOT_FOUND)?;
    let name = match body.string("name")? {
        Patch::Value(name) if !name.trim().is_empty() => Some(name),
        Patch::Absent => None,
        _ => return Err(ApiError::NameInvalid),
    };
    let due_date = body.int("due_date")?;
    let description = body.string("description")?;
    let color = body.string("color")?;
    let add = members_of(&team, &body.array("add_owners")?);
    let rem: Vec<UserId> = body
        .array("rem_owners")?
        .iter()
        .filter_map(as_user_id)
        .collect();
    let goal = &mut data.goals.goals[index];
    if let Some(name) = name {
        goal.name = name;
    }
    if let Patch::Value(due) = due_date {
        goal.due_date = due;
    }
    if let Patch::Value(text) = description {
        goal.description = text;
    }
    if let Patch::Value(color) = color {
        goal.color = color;
    }
    goal.owners.retain(|o| !rem.contains(o));
    for user in add {
        if !goal.owners.contains(&user) {
            goal.owners.push(user);
        }
    }
    goal.date_updated = now;
    Ok(Json(json!({ "goal": goal_json(data, index) })))
}

/// `DELETE /v2/goal/{goal_id}` → `{}`; its key results go with it.
async fn delete_goal(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(goal_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let data = &mut world.data;
    let index = goal_index(data, &caller, &goal_id)?;
    let goal = data.goals.goals.remove(index);
    data.goals.key_results.retain(|k| k.goal_id != goal.id);
    Ok(Json(json!({})))
}

/// `POST /v2/goal/{goal_id}/key_result` `{name, owners, type, steps_start, steps_end, unit,
/// task_ids, list_ids}` → `{"key_result": …}`.
async fn create_key_result(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(goal_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let index = goal_index(data, &caller, &goal_id)?;
    let goal_id = data.goals.goals[index].id.clone();
    let team = data
        .team(data.goals.goals[index].team_id.as_str())
        .cloned()
        .ok_or(GOAL_NOT_FOUND)?;
    let name = required_name(&body)?;
    let kind = body
        .string("type")?
        .into_option()
        .filter(|k| KEY_RESULT_TYPES.contains(&k.as_str()))
        .ok_or(KEY_RESULT_TYPE_INVALID)?;
    let steps_start = body.number("steps_start")?.into_option().unwrap_or(0.0);
    let steps_end = body.number("steps_end")?.into_option().unwrap_or(1.0);
    let unit = body.string("unit")?.into_option().unwrap_or_default();
    let owners = members_of(&team, &body.array("owners")?);
    let task_ids = linked_tasks(data, &team, &body.array("task_ids")?)?;
    let list_ids = linked_lists(data, &team, &body.array("list_ids")?)?;
    let id = uuid_like(data.take_id());
    let key_result = data.goals.push_key_result(id, goal_id, now);
    key_result.name = name;
    key_result.kind = kind;
    key_result.unit = unit;
    key_result.steps_start = steps_start;
    key_result.steps_end = steps_end;
    key_result.steps_current = steps_start;
    key_result.task_ids = task_ids;
    key_result.list_ids = list_ids;
    key_result.owners = owners;
    key_result.creator = caller.user_id;
    let rendered = key_result_json(data, data.goals.key_results.len() - 1);
    Ok(Json(json!({ "key_result": rendered })))
}

/// `PUT /v2/key_result/{key_result_id}` `{steps_current, note}` (and any create field) →
/// `{"key_result": …}`, recording the change as its `last_action`.
async fn update_key_result(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(key_result_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let index = key_result_index(data, &caller, &key_result_id)?;
    let steps_current = body.number("steps_current")?.into_option();
    let note = body.string("note")?.into_option();
    let name = match body.string("name")? {
        Patch::Value(name) if !name.trim().is_empty() => Some(name),
        Patch::Absent => None,
        _ => return Err(ApiError::NameInvalid),
    };
    let steps_start = body.number("steps_start")?.into_option();
    let steps_end = body.number("steps_end")?.into_option();
    let unit = body.string("unit")?.into_option();
    let action_id = uuid_like(data.take_id());
    let key_result = &mut data.goals.key_results[index];
    if let Some(name) = name {
        key_result.name = name;
    }
    if let Some(start) = steps_start {
        key_result.steps_start = start;
    }
    if let Some(end) = steps_end {
        key_result.steps_end = end;
    }
    if let Some(unit) = unit {
        key_result.unit = unit;
    }
    if steps_current.is_some() || note.is_some() {
        key_result.record(
            action_id,
            caller.user_id,
            now,
            steps_current,
            note.unwrap_or_default(),
        );
    }
    Ok(Json(json!({ "key_result": key_result_json(data, index) })))
}

/// `DELETE /v2/key_result/{key_result_id}` → `{}`.
async fn delete_key_result(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(key_result_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let data = &mut world.data;
    let index = key_result_index(data, &caller, &key_result_id)?;
    data.goals.key_results.remove(index);
    Ok(Json(json!({})))
}

/// The position of a goal the caller may see.
fn goal_index(data: &Data, caller: &Caller, id: &str) -> Result<usize, ApiError> {
    data.goals
        .goals
        .iter()
        .position(|g| g.id == id && caller.may_use(&g.team_id))
        .ok_or(GOAL_NOT_FOUND)
}

/// The position of a key result of a goal the caller may see.
fn key_result_index(data: &Data, caller: &Caller, id: &str) -> Result<usize, ApiError> {
    let index = data
        .goals
        .key_results
        .iter()
        .position(|k| k.id == id)
        .ok_or(KEY_RESULT_NOT_FOUND)?;
    let goal = &data.goals.key_results[index].goal_id;
    goal_index(data, caller, goal).map_err(|_| KEY_RESULT_NOT_FOUND)?;
    Ok(index)
}

/// The user ids among `values` that are members of `team`, once each.
fn members_of(team: &Team, values: &[Value]) -> Vec<UserId> {
    let mut out = Vec::new();
    for id in values.iter().filter_map(as_user_id) {
        if team.members.iter().any(|m| m.user_id == id) && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// `task_ids`: live tasks of the workspace.
fn linked_tasks(data: &Data, team: &Team, values: &[Value]) -> Result<Vec<TaskId>, ApiError> {
    values
        .iter()
        .map(|v| {
            let id = as_id_string(v).ok_or(ApiError::FieldTypeInvalid)?;
            data.task(&id)
                .filter(|t| !t.deleted && data.team_of_task(t).is_some_and(|x| x.id == team.id))
                .map(|t| t.id.clone())
                .ok_or(LINKED_ITEM_NOT_FOUND)
        })
        .collect()
}

/// `list_ids`: lists of the workspace.
fn linked_lists(data: &Data, team: &Team, values: &[Value]) -> Result<Vec<ListId>, ApiError> {
    values
        .iter()
        .map(|v| {
            let id = as_id_string(v).ok_or(ApiError::FieldTypeInvalid)?;
            data.list(&id)
                .filter(|l| {
                    data.team_of_space(&l.space_id)
                        .is_some_and(|x| x.id == team.id)
                })
                .map(|l| l.id.clone())
                .ok_or(LINKED_ITEM_NOT_FOUND)
        })
        .collect()
}

/// A deterministic UUID-shaped id from the id counter (the seed's goals use `-0000-` in the
/// second group, so the two never meet).
pub(crate) fn uuid_like(n: u64) -> String {
    format!("{:08x}-5a4d-4b00-8c00-{:012x}", 0x9a00_0000_u64 + n, n)
}

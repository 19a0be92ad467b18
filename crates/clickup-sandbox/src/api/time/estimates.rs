//! Per-assignee time estimates: `PATCH` (merge) and `PUT` (replace)
//! `/api/v3/workspaces/{workspace_id}/tasks/{task_id}/time_estimates_by_user`. Absent from
//! ClickUp's OpenAPI file; from its v3 reference: the body is a JSON array of up to 10
//! `{assignee: <user id> | "unassigned", time: <ms>}`, each assignee must be assigned to the
//! task, Business plan or above. The answer `{total_time_estimate, time_estimates: [{assignee,
//! time}]}` (all of the task's) and the errors (v2 `{err, ECODE}`, sandbox ECODEs
//! `TIMEENTRY_91x`) are the sandbox's choice: ClickUp does not describe them. The task's
//! `time_estimate` becomes the sum.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use serde_json::{Value, json};

use crate::api::task::{CustomIdQuery, locate_task};
use crate::api::visible_team;
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, Plan, UserId};
use crate::state::SharedState;

/// Free Forever.
const NEED_PLAN: ApiError = ApiError::other(
    400,
    "Time estimates per assignee need the Business plan or above",
    "TIMEENTRY_910",
);
/// Not an array of 1–10 `{assignee, time}`.
const BODY_INVALID: ApiError = ApiError::other(
    400,
    "The body must be an array of 1 to 10 {assignee, time} estimates",
    "TIMEENTRY_911",
);
/// An assignee not assigned to the task.
const NOT_ASSIGNED: ApiError =
    ApiError::other(400, "Assignee is not assigned to the task", "TIMEENTRY_912");

/// The most estimates one request may set.
const MAX_ESTIMATES: usize = 10;

/// `PATCH …/time_estimates_by_user`: the given assignees' estimates change, others stay.
pub(crate) async fn merge(
    state: State<SharedState>,
    caller: Extension<Caller>,
    path: Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    set(state, caller, path, &body, false)
}

/// `PUT …/time_estimates_by_user`: the given estimates become all of the task's.
pub(crate) async fn replace(
    state: State<SharedState>,
    caller: Extension<Caller>,
    path: Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    set(state, caller, path, &body, true)
}

fn set(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((workspace_id, task_id)): Path<(String, String)>,
    body: &[u8],
    replace: bool,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let data = &mut world.data;
    let team = visible_team(data, &caller, &workspace_id)?.clone();
    if team.plan == Plan::FreeForever {
        return Err(NEED_PLAN);
    }
    // Task ids and custom task ids both work here.
    let index = locate_task(data, &caller, &task_id, &CustomIdQuery::default()).or_else(|_| {
        let custom = CustomIdQuery::new(Some("true".into()), Some(team.id.as_str().to_owned()));
        locate_task(data, &caller, &task_id, &custom)
    })?;
    let items: Vec<Value> = serde_json::from_slice(body).map_err(|_| BODY_INVALID)?;
    if items.is_empty() || items.len() > MAX_ESTIMATES {
        return Err(BODY_INVALID);
    }
    let task = data.tasks[index].clone();
    let mut wanted: Vec<(Option<UserId>, i64)> = Vec::with_capacity(items.len());
    for item in &items {
        let assignee = match item.get("assignee") {
            Some(Value::String(s)) if s == "unassigned" => None,
            Some(Value::Number(n)) => Some(n.as_u64().ok_or(BODY_INVALID)?),
            _ => return Err(BODY_INVALID),
        };
        let time = item
            .get("time")
            .and_then(Value::as_i64)
            .filter(|t| *t >= 0)
            .ok_or(BODY_INVALID)?;
        if assignee.is_some_and(|a| !task.assignees.contains(&a)) {
            return Err(NOT_ASSIGNED);
        }
        wanted.push((assignee, time));
    }
    if replace {
        data.time.estimates.retain(|e| e.task_id != task.id);
    }
    for (assignee, ms) in wanted {
        data.time.set_estimate(&task.id, assignee, ms);
    }
    let total: i64 = data
        .time
        .estimates
        .iter()
        .filter(|e| e.task_id == task.id)
        .map(|e| e.ms)
        .sum();
    data.tasks[index].time_estimate = Some(total);
    Ok(Json(answer(data, &task.id, total)))
}

fn answer(data: &Data, task_id: &crate::model::TaskId, total: i64) -> Value {
    let estimates: Vec<Value> = data
        .time
        .estimates
        .iter()
        .filter(|e| &e.task_id == task_id)
        .map(|e| {
            json!({
                "assignee": e.assignee.map_or(json!("unassigned"), |a| json!(a)),
                "time": e.ms,
            })
        })
        .collect();
    json!({ "total_time_estimate": total, "time_estimates": estimates })
}

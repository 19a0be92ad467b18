//! `GET` / `POST /v2/team/{team_Id}/time_entries`, `DELETE …/time_entries/{timer_id}` (ids
//! comma-joined) and `GET …/time_entries/{timer_id}/history`.
//!
//! As ClickUp documents: without dates the list covers the last 30 days (until now); without
//! `assignee` it holds the caller's entries only, and another user's need an owner or admin;
//! at most one of `space_id`, `folder_id`, `list_id`, `task_id`. The ECODEs `TIMEENTRY_9xx` are
//! the sandbox's own: ClickUp documents neither the texts nor the codes of these refusals.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, RawQuery, State};
use serde_json::{Value, json};

use super::{
    Shape, entry_answer, entry_json, is_admin, may_edit_entry, may_use_entry, remember_tags,
    tag_names,
};
use crate::api::body::{Body, Patch, as_user_id};
use crate::api::params::Params;
use crate::api::task::{CustomIdQuery, live_task_of_team, locate_task};
use crate::api::{ms, user_json, visible_team};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, TaskId, Team, TimeEntry, UserId};
use crate::state::SharedState;

/// Another user's entries asked for by a member or guest.
pub(super) const OTHERS_NEED_ADMIN: ApiError = ApiError::other(
    401,
    "Only workspace owners and admins can access other users' time entries",
    "TIMEENTRY_901",
);
/// More than one of `space_id`, `folder_id`, `list_id`, `task_id`.
const ONE_LOCATION: ApiError = ApiError::other(
    400,
    "Only one of space_id, folder_id, list_id or task_id may be given",
    "TIMEENTRY_902",
);
/// `start_date` after `end_date`.
const DATES_INVALID: ApiError =
    ApiError::other(400, "start_date must be before end_date", "TIMEENTRY_903");
/// A new entry without `start`, or without `duration` and `end`, or ending before it starts.
const TIMES_INVALID: ApiError = ApiError::other(
    400,
    "start and a duration (or end) are required, and end must not be before start",
    "TIMEENTRY_906",
);
/// An `assignee` who is not a member of the workspace.
const ASSIGNEE_INVALID: ApiError = ApiError::other(
    400,
    "Assignee is not a member of the workspace",
    "TIMEENTRY_907",
);

/// 30 days, ClickUp's default range.
const DEFAULT_RANGE_MS: i64 = 30 * 86_400_000;

/// `GET /v2/team/{team_Id}/time_entries` → `{"data": [entry]}`, newest first, each as one entry
/// is answered (`task_location`, `task_tags`, `task_url`).
pub(crate) async fn list(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = Params::parse(raw.as_deref());
    let now = state.now_ms();
    let world = state.world();
    let data = &world.data;
    let team = visible_team(data, &caller, &team_id)?;
    let users: Vec<UserId> = match params.get("assignee").filter(|a| !a.trim().is_empty()) {
        Some(raw) => raw
            .split(',')
            .map(|u| {
                u.trim()
                    .parse::<u64>()
                    .map_err(|_| ApiError::FieldTypeInvalid)
            })
            .collect::<Result<_, _>>()?,
        None => vec![caller.user_id],
    };
    if users.iter().any(|u| *u != caller.user_id) && !is_admin(team, caller.user_id) {
        return Err(OTHERS_NEED_ADMIN);
    }
    let given = ["space_id", "folder_id", "list_id", "task_id"]
        .iter()
        .filter(|k| params.get(k).is_some())
        .count();
    if given > 1 {
        return Err(ONE_LOCATION);
    }
    let end = params.int("end_date").unwrap_or(now);
    let start = params.int("start_date").unwrap_or(end - DEFAULT_RANGE_MS);
    if start > end {
        return Err(DATES_INVALID);
    }
    let task = match params.get("task_id") {
        Some(id) => {
            let query = CustomIdQuery::from_params(&params);
            Some(
                data.tasks[locate_task(data, &caller, id, &query)?]
                    .id
                    .clone(),
            )
        }
        None => None,
    };
    let billable = params.get("is_billable").map(|b| b == "true");
    let mut entries: Vec<&TimeEntry> = data
        .time_entries
        .iter()
        .filter(|e| e.team_id == team.id && users.contains(&e.user))
        .filter(|e| e.start >= start && e.start <= end)
        .filter(|e| billable.is_none_or(|b| e.billable == b))
        .filter(|e| in_location(data, e, &params, task.as_ref()))
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.start));
    let entries: Vec<Value> = entries
        .into_iter()
        .map(|e| entry_json(data, e, now, Shape::Single))
        .collect();
    Ok(Json(json!({ "data": entries })))
}

/// Whether an entry's task is in the location the query names (any entry when none).
fn in_location(data: &Data, entry: &TimeEntry, params: &Params, task: Option<&TaskId>) -> bool {
    let Some(on) = entry.task_id.as_ref() else {
        return task.is_none()
            && ["space_id", "folder_id", "list_id"]
                .iter()
                .all(|k| params.get(k).is_none());
    };
    if let Some(task) = task {
        return on == task;
    }
    let list = data
        .task(on.as_str())
        .and_then(|t| data.list(t.list_id.as_str()));
    let matches =
        |key: &str, value: Option<&str>| params.get(key).is_none_or(|wanted| value == Some(wanted));
    matches("list_id", list.map(|l| l.id.as_str()))
        && matches(
            "folder_id",
            list.and_then(|l| l.folder_id.as_ref().map(|f| f.as_str())),
        )
        && matches("space_id", list.map(|l| l.space_id.as_str()))
}

/// `POST /v2/team/{team_Id}/time_entries` `{start, duration | end | stop, tid?, description?,
/// billable?, tags?, assignee?}` → `{"data": entry}`, the finished entry (as start and stop
/// answer it).
pub(crate) async fn create(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
    Query(query): Query<CustomIdQuery>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let team: Team = visible_team(data, &caller, &team_id)?.clone();
    let start = body.int("start")?.into_option().ok_or(TIMES_INVALID)?;
    let end = match (
        body.int("end")?.into_option(),
        body.int("stop")?.into_option(),
        body.int("duration")?.into_option(),
    ) {
        (Some(end), _, _) | (None, Some(end), _) => end,
        (None, None, Some(duration)) => start.saturating_add(duration),
        (None, None, None) => return Err(TIMES_INVALID),
    };
    if end < start {
        return Err(TIMES_INVALID);
    }
    let user = match body.raw("assignee").filter(|v| !v.is_null()) {
        Some(value) => as_user_id(value).ok_or(ApiError::FieldTypeInvalid)?,
        None => caller.user_id,
    };
    if user != caller.user_id {
        if !is_admin(&team, caller.user_id) {
            return Err(OTHERS_NEED_ADMIN);
        }
        if !team.members.iter().any(|m| m.user_id == user) {
            return Err(ASSIGNEE_INVALID);
        }
    }
    let task_id = match body.string("tid")? {
        Patch::Value(tid) if query.is_custom() => Some(
            data.tasks[locate_task(data, &caller, &tid, &query)?]
                .id
                .clone(),
        ),
        Patch::Value(tid) => Some(live_task_of_team(data, &team, &tid)?),
        Patch::Absent | Patch::Null => None,
    };
    let tags = tag_names(&team, &body)?;
    remember_tags(data, &team, caller.user_id, &body.array("tags")?);
    let id = format!("{}", 4_000_000_000_000_100_000u64 + data.take_id());
    data.time_entries.push(TimeEntry {
        id: id.clone(),
        team_id: team.id.clone(),
        user,
        task_id,
        description: body
            .string("description")?
            .into_option()
            .unwrap_or_default(),
        billable: body.bool("billable")?.unwrap_or(false),
        tags,
        start,
        end: Some(end),
        at: now,
    });
    entry_answer(data, &id, now, Shape::Stopped)
}

/// `DELETE /v2/team/{team_id}/time_entries/{timer_id}` with one id or several comma-joined →
/// `{"data": entry}` for one, `{"data": [entry]}` for several. Every id must be the caller's
/// own entry, else nothing is deleted (404 `TIMEENTRY_004`).
pub(crate) async fn delete(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((team_id, timer_ids)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let team = visible_team(data, &caller, &team_id)?.clone();
    let ids: Vec<&str> = timer_ids
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .collect();
    if ids.is_empty() {
        return Err(ApiError::TimeEntryNotFound);
    }
    let mut gone = Vec::with_capacity(ids.len());
    for id in &ids {
        let entry = data
            .time_entries
            .iter()
            .find(|e| e.id == *id && may_edit_entry(&team, caller.user_id, e))
            .ok_or(ApiError::TimeEntryNotFound)?;
        gone.push(entry_json(data, entry, now, Shape::Stopped));
    }
    data.time_entries
        .retain(|e| !(e.team_id == team.id && ids.contains(&e.id.as_str())));
    if let [one] = gone.as_slice() {
        return Ok(Json(json!({ "data": one })));
    }
    Ok(Json(json!({ "data": gone })))
}

/// `GET /v2/team/{team_id}/time_entries/{timer_id}/history` → `{"data": [change]}`, newest
/// first: `{id, field, before, after, user, date, source}`.
pub(crate) async fn history(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((team_id, timer_id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let team = visible_team(data, &caller, &team_id)?;
    data.time_entries
        .iter()
        .find(|e| e.id == timer_id && may_use_entry(team, caller.user_id, e))
        .ok_or(ApiError::TimeEntryNotFound)?;
    let changes: Vec<Value> = data
        .time
        .history
        .iter()
        .rev()
        .filter(|c| c.entry_id == timer_id)
        .map(|c| {
            json!({
                "id": c.id,
                "field": c.field,
                "before": c.before,
                "after": c.after,
                "user": data.user(c.user).map_or(Value::Null, user_json),
                "date": ms(c.date),
                "source": "clickup",
            })
        })
        .collect();
    Ok(Json(json!({ "data": changes })))
}

//! Time in status: `GET /v2/task/{task_id}/time_in_status` and
//! `GET /v2/task/bulk_time_in_status/task_ids?task_ids=a&task_ids=b` (≤ 100, the one ClickUp
//! endpoint whose array parameter has no brackets), computed from the status changes kept in
//! `Data::time` ([`record_status_change`]). A task never changed has been in its status since
//! it was created. Per status: `total_time.by_minute` is the whole minutes spent in it over all
//! visits, `since` the first time it was entered; `current_status.total_time` covers the
//! current visit.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Extension, Path, Query, RawQuery, State};
use serde_json::{Map, Value, json};

use crate::api::ms;
use crate::api::task::{CustomIdQuery, locate_task};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, Task};
use crate::state::SharedState;

/// More than 100 task ids, or none (sandbox ECODE: ClickUp documents none).
const TASK_IDS_INVALID: ApiError = ApiError::other(
    400,
    "task_ids must hold between 1 and 100 task ids",
    "TIMEENTRY_905",
);

/// The most tasks one bulk request may ask about.
const MAX_TASKS: usize = 100;

/// Records that the task at `index` of `Data::tasks` is in `new_status` from `now` on (called
/// where an updated task is stored, before it replaces the old one). The first change also
/// records the status it leaves, held since the task's creation.
pub(crate) fn record_status_change(data: &mut Data, index: usize, new_status: &str, now: i64) {
    let Some(task) = data.tasks.get(index).cloned() else {
        return;
    };
    if task.status == new_status {
        return;
    }
    let known = data
        .time
        .status_changes
        .iter()
        .any(|c| c.task_id == task.id);
    if !known {
        data.time
            .push_status(&task.id, &task.status, task.date_created);
    }
    data.time.push_status(&task.id, new_status, now);
}

/// One status's time: `(name, first entered, ms in it, ms of the current visit)`.
struct Visit {
    status: String,
    since: i64,
    total_ms: i64,
}

/// The task's time in status as ClickUp answers it.
fn time_in_status(data: &Data, task: &Task, now: i64) -> Value {
    let mut changes: Vec<(&str, i64)> = data
        .time
        .status_changes
        .iter()
        .filter(|c| c.task_id == task.id)
        .map(|c| (c.status.as_str(), c.at))
        .collect();
    if changes.is_empty() {
        changes.push((task.status.as_str(), task.date_created));
    }
    changes.sort_by_key(|(_, at)| *at);
    let mut visits: Vec<Visit> = Vec::new();
    for (i, (status, at)) in changes.iter().enumerate() {
        let until = changes.get(i + 1).map_or(now, |(_, next)| *next);
        let spent = (until - at).max(0);
        match visits.iter_mut().find(|v| v.status == *status) {
            Some(visit) => visit.total_ms += spent,
            None => visits.push(Visit {
                status: (*status).to_owned(),
                since: *at,
                total_ms: spent,
            }),
        }
    }
    let statuses = data
        .list(task.list_id.as_str())
        .map(|l| data.statuses_of(l))
        .unwrap_or_default();
    let describe = |name: &str| {
        statuses
            .iter()
            .position(|s| s.name == name)
            .and_then(|i| statuses.get(i).map(|s| (s.color.clone(), json!(s.kind), i)))
            .unwrap_or_else(|| ("#d3d3d3".to_owned(), json!("custom"), 0))
    };
    let current_since = changes.last().map_or(task.date_created, |(_, at)| *at);
    let (current_color, _, _) = describe(&task.status);
    let history: Vec<Value> = visits
        .iter()
        .map(|v| {
            let (color, kind, orderindex) = describe(&v.status);
            json!({
                "status": v.status,
                "color": color,
                "type": kind,
                "total_time": { "by_minute": v.total_ms / 60_000, "since": ms(v.since) },
                "orderindex": orderindex,
            })
        })
        .collect();
    json!({
        "current_status": {
            "status": task.status,
            "color": current_color,
            "total_time": {
                "by_minute": (now - current_since).max(0) / 60_000,
                "since": ms(current_since),
            },
        },
        "status_history": history,
    })
}

/// `GET /v2/task/{task_id}/time_in_status` → `{current_status, status_history}`.
pub(crate) async fn time_in_status_of_task(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(task_id): Path<String>,
    Query(query): Query<CustomIdQuery>,
) -> Result<Json<Value>, ApiError> {
    let now = state.now_ms();
    let world = state.world();
    let data = &world.data;
    let index = locate_task(data, &caller, &task_id, &query)?;
    Ok(Json(time_in_status(data, &data.tasks[index], now)))
}

/// `GET /v2/task/bulk_time_in_status/task_ids?task_ids=a&task_ids=b[&custom_task_ids=true
/// &team_id=…]` → `{"<id as given>": {current_status, status_history}, …}`; any task the caller
/// cannot see fails the whole request, as for one task.
pub(crate) async fn bulk_time_in_status(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let pairs: Vec<(String, String)> = raw
        .as_deref()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default();
    let last = |name: &str| {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let query = CustomIdQuery::new(last("custom_task_ids"), last("team_id"));
    let mut ids: Vec<&str> = Vec::new();
    for (key, value) in &pairs {
        if key == "task_ids" && !ids.contains(&value.as_str()) {
            ids.push(value.as_str());
        }
    }
    if ids.is_empty() || ids.len() > MAX_TASKS {
        return Err(TASK_IDS_INVALID);
    }
    let now = state.now_ms();
    let world = state.world();
    let data = &world.data;
    let mut answer = BTreeMap::new();
    for id in ids {
        let index = locate_task(data, &caller, id, &query)?;
        answer.insert(id.to_owned(), time_in_status(data, &data.tasks[index], now));
    }
    Ok(Json(Value::Object(
        answer.into_iter().collect::<Map<_, _>>(),
    )))
}

//! Timers: `GET /v2/team/{team_id}/time_entries/current`, `POST …/time_entries/start`,
//! `POST …/time_entries/stop`, and one entry: `GET` / `PUT …/time_entries/{timer_id}`.
//!
//! One timer runs per user and workspace; a running entry answers a negative `duration` (minus
//! the time elapsed so far). Starting while a timer runs stops the running one first
//! and keeps it as a finished entry (the sandbox's choice; ClickUp documents nothing, and its apps
//! behave so). Time-entry tags need a paid plan: on Beta Labs (Free Forever) they answer 400
//! `TIMEENTRY_052`, as ClickUp does.
//!
//! Shapes follow the response examples of ClickUp's reference, which differ per endpoint (see
//! [`Shape`]): ids are strings, `start` is always a ms string; the current timer has `at` a
//! string and `duration` a number; start and stop answer `end`, `duration` and `at` as numbers;
//! one entry (`GET …/{timer_id}`) answers `{"data": [entry]}` with `start`, `end`, `duration`
//! and `at` all strings, plus `task_location`, `task_tags` and `task_url`. `task` (`{id,
//! custom_id, name, status, custom_type}`) is left out when the entry has no task, as the
//! reference says.
//!
//! The rest of the area lives in `time/`: listing, logging and deleting entries and their
//! history (`entries`), time-entry tags (`tags`), time in status (`status`).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use serde_json::{Value, json};

use crate::api::body::{Body, Patch};
use crate::api::list::folder_ref_json;
use crate::api::task::{CustomIdQuery, live_task_of_team, locate_task};
use crate::api::{ms, status_json, user_json, visible_team};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, Plan, Team, TimeEntry, UserId};
use crate::state::SharedState;

mod entries;
mod estimates;
mod status;
mod tags;

pub(crate) use status::record_status_change;

/// A tag's colours when it was given without any (a new space tag's, as ClickUp's examples).
const DEFAULT_TAG_FG: &str = "#FFFFFF";
const DEFAULT_TAG_BG: &str = "#BF55EC";

/// Whether `user` is an owner or admin of `team` (who may read and log others' time).
fn is_admin(team: &Team, user: UserId) -> bool {
    team.members
        .iter()
        .any(|m| m.user_id == user && matches!(m.role, 1 | 2))
}

/// Whether the caller may see `entry`: their own, or any of the workspace as an admin.
fn may_use_entry(team: &Team, user: UserId, entry: &TimeEntry) -> bool {
    entry.team_id == team.id && (entry.user == user || is_admin(team, user))
}

/// Whether the caller may change or delete `entry`: their own only (an admin logs time for
/// others with `assignee`, but edits only their own here).
fn may_edit_entry(team: &Team, user: UserId, entry: &TimeEntry) -> bool {
    entry.team_id == team.id && entry.user == user
}

/// Records a change to an entry for its history.
fn record_change(
    data: &mut Data,
    entry_id: &str,
    field: &str,
    before: Value,
    after: Value,
    user: UserId,
    now: i64,
) {
    if before == after {
        return;
    }
    let id = format!("{}", 5_000_000_000_000_000_000u64 + data.take_id());
    data.time
        .push_change(id, entry_id, field, before, after, user, now);
}

/// Keeps the colours of the tags of a body (`[{name, tag_fg?, tag_bg?}]`) for the workspace;
/// a tag already known keeps its colours unless new ones are given.
fn remember_tags(data: &mut Data, team: &Team, user: UserId, tags: &[Value]) {
    for tag in tags {
        let Some(name) = tag.get("name").and_then(Value::as_str) else {
            continue;
        };
        let fg = tag.get("tag_fg").and_then(Value::as_str);
        let bg = tag.get("tag_bg").and_then(Value::as_str);
        data.time.remember_tag(
            &team.id,
            name,
            (fg, bg),
            (DEFAULT_TAG_FG, DEFAULT_TAG_BG),
            user,
        );
    }
}

/// A time-entry tag as ClickUp answers it: `{name, tag_fg, tag_bg, creator}`.
fn tag_json(data: &Data, team_id: &crate::model::TeamId, name: &str) -> Value {
    match data.time.tag(team_id, name) {
        Some(t) => json!({ "name": t.name, "tag_fg": t.fg, "tag_bg": t.bg, "creator": t.creator }),
        None => json!({ "name": name, "tag_fg": DEFAULT_TAG_FG, "tag_bg": DEFAULT_TAG_BG }),
    }
}

/// `?assignee=` of the current timer: another user's (owners and admins only).
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct AssigneeQuery {
    assignee: Option<String>,
}

/// `GET /v2/team/{team_id}/time_entries/current[?assignee=]` → `{"data": entry}` or
/// `{"data": null}`: the caller's running timer, or `assignee`'s for an owner or admin.
pub(crate) async fn get_current(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
    Query(query): Query<AssigneeQuery>,
) -> Result<Json<Value>, ApiError> {
    let now = state.now_ms();
    let world = state.world();
    let data = &world.data;
    let team = visible_team(data, &caller, &team_id)?;
    let user = match query.assignee.as_deref().map(str::trim) {
        Some(raw) if !raw.is_empty() => raw
            .parse::<UserId>()
            .map_err(|_| ApiError::FieldTypeInvalid)?,
        _ => caller.user_id,
    };
    if user != caller.user_id && !is_admin(team, caller.user_id) {
        return Err(entries::OTHERS_NEED_ADMIN);
    }
    let running = data
        .time_entries
        .iter()
        .find(|e| e.team_id == team.id && e.user == user && e.end.is_none());
    Ok(Json(
        json!({ "data": running.map(|e| entry_json(data, e, now, Shape::Current)) }),
    ))
}

/// `POST /v2/team/{team_id}/time_entries/start` `{tid?, description?, billable?, tags?}` →
/// `{"data": entry}`.
pub(crate) async fn start(
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
    let team = visible_team(data, &caller, &team_id)?.clone();
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
    let description = body
        .string("description")?
        .into_option()
        .unwrap_or_default();
    let billable = body.bool("billable")?.unwrap_or(false);
    for entry in data
        .time_entries
        .iter_mut()
        .filter(|e| e.team_id == team.id && e.user == caller.user_id && e.end.is_none())
    {
        entry.end = Some(now);
        entry.at = now;
    }
    let id = format!("{}", 4_000_000_000_000_100_000u64 + data.take_id());
    data.time_entries.push(TimeEntry {
        id: id.clone(),
        team_id: team.id.clone(),
        user: caller.user_id,
        task_id,
        description,
        billable,
        tags,
        start: now,
        end: None,
        at: now,
    });
    entry_answer(data, &id, now, Shape::Started)
}

/// `POST /v2/team/{team_id}/time_entries/stop` → `{"data": entry}`, the stopped entry; 400
/// `TIMEENTRY_001` when no timer runs.
pub(crate) async fn stop(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let team = visible_team(data, &caller, &team_id)?.id.clone();
    let entry = data
        .time_entries
        .iter_mut()
        .find(|e| e.team_id == team && e.user == caller.user_id && e.end.is_none())
        .ok_or(ApiError::NoRunningTimer)?;
    entry.end = Some(now.max(entry.start + 1));
    entry.at = now;
    let id = entry.id.clone();
    entry_answer(data, &id, now, Shape::Stopped)
}

/// `GET /v2/team/{team_id}/time_entries/{timer_id}` → `{"data": [entry]}` (the caller's own, or
/// any of the workspace for an owner or admin; an array of one, as ClickUp answers).
pub(crate) async fn get_entry(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((team_id, timer_id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let now = state.now_ms();
    let world = state.world();
    let data = &world.data;
    let team = visible_team(data, &caller, &team_id)?;
    let entry = data
        .time_entries
        .iter()
        .find(|e| e.id == timer_id && may_use_entry(team, caller.user_id, e))
        .ok_or(ApiError::TimeEntryNotFound)?;
    Ok(Json(
        json!({ "data": [entry_json(data, entry, now, Shape::Single)] }),
    ))
}

/// `PUT /v2/team/{team_id}/time_entries/{timer_id}` `{description?, billable?, tags?,
/// tag_action?, start?, end?, duration?, tid?}` → `{}`. `tag_action` is `replace` (default),
/// `add` or `remove`; `start` and `end` go together; `duration` applies to a stopped entry.
pub(crate) async fn update_entry(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((team_id, timer_id)): Path<(String, String)>,
    Query(query): Query<CustomIdQuery>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let team = visible_team(data, &caller, &team_id)?.clone();
    let index = data
        .time_entries
        .iter()
        .position(|e| e.id == timer_id && may_edit_entry(&team, caller.user_id, e))
        .ok_or(ApiError::TimeEntryNotFound)?;
    let task_id = match body.string("tid")? {
        Patch::Value(tid) if query.is_custom() => Patch::Value(
            data.tasks[locate_task(data, &caller, &tid, &query)?]
                .id
                .clone(),
        ),
        Patch::Value(tid) => Patch::Value(live_task_of_team(data, &team, &tid)?),
        Patch::Null => Patch::Null,
        Patch::Absent => Patch::Absent,
    };
    let tags = body
        .raw("tags")
        .map(|_| tag_names(&team, &body))
        .transpose()?;
    let action = body.string("tag_action")?.into_option();
    let start = body.int("start")?.into_option();
    let end = body.int("end")?.into_option();
    let duration = body.int("duration")?.into_option();
    if tags.is_some() {
        remember_tags(data, &team, caller.user_id, &body.array("tags")?);
    }
    let before = data.time_entries[index].clone();
    let entry = &mut data.time_entries[index];
    task_id.apply_to(&mut entry.task_id);
    if let Some(description) = body.string("description")?.into_option() {
        entry.description = description;
    }
    if let Some(billable) = body.bool("billable")? {
        entry.billable = billable;
    }
    if let Some(tags) = tags {
        match action.as_deref() {
            Some("add") => {
                for tag in tags {
                    if !entry.tags.contains(&tag) {
                        entry.tags.push(tag);
                    }
                }
            }
            Some("remove") => entry.tags.retain(|t| !tags.contains(t)),
            _ => entry.tags = tags,
        }
    }
    match (start, end, duration) {
        (Some(start), Some(end), _) if end >= start => {
            entry.start = start;
            entry.end = Some(end);
        }
        (Some(_), _, _) | (_, Some(_), _) => return Err(ApiError::FieldTypeInvalid),
        (None, None, Some(duration)) if entry.end.is_some() && duration >= 0 => {
            entry.end = Some(entry.start + duration);
        }
        _ => {}
    }
    entry.at = now;
    let after = entry.clone();
    record_entry_changes(data, &before, &after, caller.user_id, now);
    Ok(Json(json!({})))
}

/// Records what differs between two states of an entry, field by field.
fn record_entry_changes(
    data: &mut Data,
    before: &TimeEntry,
    after: &TimeEntry,
    user: UserId,
    now: i64,
) {
    let id = after.id.as_str();
    let changes = [
        (
            "description",
            json!(before.description),
            json!(after.description),
        ),
        ("billable", json!(before.billable), json!(after.billable)),
        ("tags", json!(before.tags), json!(after.tags)),
        ("start", ms(before.start), ms(after.start)),
        (
            "end",
            before.end.map_or(Value::Null, ms),
            after.end.map_or(Value::Null, ms),
        ),
        ("task", json!(before.task_id), json!(after.task_id)),
    ];
    for (field, old, new) in changes {
        record_change(data, id, field, old, new, user, now);
    }
}

/// Tag names of a start/update body (`[{name}]`); refused on a plan without them.
fn tag_names(team: &Team, body: &Body) -> Result<Vec<String>, ApiError> {
    let tags: Vec<String> = body
        .array("tags")?
        .iter()
        .filter_map(|t| t.get("name").and_then(Value::as_str))
        .map(str::to_owned)
        .collect();
    if !tags.is_empty() && team.plan == Plan::FreeForever {
        return Err(ApiError::TimeEntryTagsNeedPlan);
    }
    Ok(tags)
}

fn entry_answer(data: &Data, id: &str, now: i64, shape: Shape) -> Result<Json<Value>, ApiError> {
    let entry = data
        .time_entries
        .iter()
        .find(|e| e.id == id)
        .ok_or(ApiError::TimeEntryNotFound)?;
    Ok(Json(json!({ "data": entry_json(data, entry, now, shape) })))
}

/// The endpoint an entry is rendered for: ClickUp's reference types `end`, `duration` and `at`
/// differently in each (`start` is a string in all of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// `GET …/time_entries/current`: `duration` a number, `at` a string, no `end`.
    Current,
    /// `POST …/time_entries/start`: `duration` and `at` numbers, no `end`.
    Started,
    /// `POST …/time_entries/stop`: `end`, `duration` and `at` numbers.
    Stopped,
    /// `GET …/time_entries/{timer_id}`: `end`, `duration` and `at` strings, with the task's
    /// location, tags and URL.
    Single,
}

impl Shape {
    /// A ms value or a duration, as this endpoint writes it.
    fn number(self, value: i64) -> Value {
        match self {
            Shape::Single => ms(value),
            Shape::Current | Shape::Started | Shape::Stopped => json!(value),
        }
    }

    /// A tag: its name only for the current and started timer (as the start body gives it),
    /// with colours and creator elsewhere.
    fn tag(self, data: &Data, team_id: &crate::model::TeamId, name: &str) -> Value {
        match self {
            Shape::Current | Shape::Started => json!({ "name": name }),
            Shape::Stopped | Shape::Single => tag_json(data, team_id, name),
        }
    }

    /// `at`: a string for the reads, a number for start and stop.
    fn at(self, value: i64) -> Value {
        match self {
            Shape::Current | Shape::Single => ms(value),
            Shape::Started | Shape::Stopped => json!(value),
        }
    }
}

/// A numeric id as a JSON number (`task_location` has them so), else the string.
fn number_id(id: &str) -> Value {
    id.parse::<u64>().map_or_else(|_| json!(id), |n| json!(n))
}

/// A time entry as ClickUp sends it from `shape`'s endpoint; running entries have a negative
/// `duration` and no `end`.
fn entry_json(data: &Data, entry: &TimeEntry, now: i64, shape: Shape) -> Value {
    let task = entry.task_id.as_ref().and_then(|id| data.task(id.as_str()));
    let duration = match entry.end {
        Some(end) => end - entry.start,
        None => -(now - entry.start).max(1),
    };
    let mut body = json!({
        "id": entry.id,
        "wid": entry.team_id,
        "user": data.user(entry.user).map_or(Value::Null, user_json),
        "billable": entry.billable,
        "start": ms(entry.start),
        "duration": shape.number(duration),
        "description": entry.description,
        "tags": entry.tags.iter().map(|t| shape.tag(data, &entry.team_id, t)).collect::<Vec<_>>(),
        "source": "clickup",
        "at": shape.at(entry.at),
    });
    let Some(object) = body.as_object_mut() else {
        return body;
    };
    if let Some(end) = entry.end {
        object.insert("end".into(), shape.number(end));
    }
    if let Some(task) = task {
        let list = data.list(task.list_id.as_str());
        let status = list.and_then(|list| {
            let statuses = data.statuses_of(list);
            statuses
                .iter()
                .position(|s| s.name == task.status)
                .and_then(|i| statuses.get(i).map(|s| status_json(s, i)))
        });
        object.insert(
            "task".into(),
            json!({
                "id": task.id,
                "custom_id": task.custom_id,
                "name": task.name,
                "status": status,
                "custom_type": null,
            }),
        );
        if shape == Shape::Single {
            let folder = list.map_or(Value::Null, |l| folder_ref_json(data, l));
            let space = list.and_then(|l| data.space(l.space_id.as_str()));
            object.insert(
                "task_location".into(),
                json!({
                    "list_id": number_id(task.list_id.as_str()),
                    "folder_id": folder["id"].as_str().map_or(Value::Null, number_id),
                    "space_id": space.map_or(Value::Null, |s| number_id(s.id.as_str())),
                    "list_name": list.map(|l| l.name.clone()),
                    "folder_name": folder["name"],
                    "space_name": space.map(|s| s.name.clone()),
                }),
            );
            let tags: Vec<Value> = task
                .tags
                .iter()
                .map(|t| json!({ "name": t.name, "tag_fg": t.fg, "tag_bg": t.bg, "creator": t.creator }))
                .collect();
            object.insert("task_tags".into(), Value::Array(tags));
            object.insert(
                "task_url".into(),
                json!(format!("https://app.clickup.com/t/{}", task.id)),
            );
        }
    }
    body
}

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    use axum::routing::get;
    axum::Router::new()
        .route(
            "/api/v2/team/{team_id}/time_entries",
            get(entries::list).post(entries::create),
        )
        .route(
            "/api/v2/team/{team_id}/time_entries/{timer_id}",
            axum::routing::delete(entries::delete),
        )
        .route(
            "/api/v2/team/{team_id}/time_entries/{timer_id}/history",
            get(entries::history),
        )
        .route(
            "/api/v2/team/{team_id}/time_entries/tags",
            get(tags::list)
                .post(tags::add)
                .delete(tags::remove)
                .put(tags::rename),
        )
        .route(
            "/api/v3/workspaces/{workspace_id}/tasks/{task_id}/time_estimates_by_user",
            axum::routing::patch(estimates::merge).put(estimates::replace),
        )
        .route(
            "/api/v2/task/{task_id}/time_in_status",
            get(status::time_in_status_of_task),
        )
        .route(
            "/api/v2/task/bulk_time_in_status/task_ids",
            get(status::bulk_time_in_status),
        )
}

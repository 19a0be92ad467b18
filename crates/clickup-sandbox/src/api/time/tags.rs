//! Time-entry tags (`/v2/team/{team_id}/time_entries/tags`): `GET` the workspace's, `POST` to
//! add tags to entries, `DELETE` (with a JSON body) to remove them, `PUT` to rename or recolour
//! one everywhere. A paid-plan feature: Free Forever answers 400 `TIMEENTRY_052`. A tag exists
//! while an entry carries it; its colours are kept in `Data::time`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use serde_json::{Value, json};

use super::{may_edit_entry, record_change, remember_tags, tag_json};
use crate::api::body::Body;
use crate::api::visible_team;
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, Plan, Team};
use crate::state::SharedState;

/// A tag no entry of the workspace carries (sandbox ECODE: ClickUp documents none).
const TAG_NOT_FOUND: ApiError = ApiError::other(404, "Time entry tag not found", "TIMEENTRY_904");

/// The workspace, refused on a plan without time-entry tags.
fn tag_team(data: &Data, caller: &Caller, team_id: &str) -> Result<Team, ApiError> {
    let team = visible_team(data, caller, team_id)?.clone();
    if team.plan == Plan::FreeForever {
        return Err(ApiError::TimeEntryTagsNeedPlan);
    }
    Ok(team)
}

/// `GET /v2/team/{team_id}/time_entries/tags` → `{"data": [{name, tag_fg, tag_bg, creator}]}`,
/// the tags on the workspace's entries, by name.
pub(crate) async fn list(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let team = tag_team(data, &caller, &team_id)?;
    let mut names: Vec<&str> = data
        .time_entries
        .iter()
        .filter(|e| e.team_id == team.id)
        .flat_map(|e| e.tags.iter().map(String::as_str))
        .collect();
    names.sort_unstable_by_key(|n| n.to_lowercase());
    names.dedup();
    let tags: Vec<Value> = names
        .into_iter()
        .map(|n| tag_json(data, &team.id, n))
        .collect();
    Ok(Json(json!({ "data": tags })))
}

/// The `time_entry_ids` and tag names of an add or remove body; every id must be the caller's
/// own entry (else 404 `TIMEENTRY_004`).
fn entries_and_tags(
    data: &Data,
    caller: &Caller,
    team: &Team,
    body: &Body,
) -> Result<(Vec<usize>, Vec<String>), ApiError> {
    let ids = body.array("time_entry_ids")?;
    let tags: Vec<String> = body
        .array("tags")?
        .iter()
        .map(|t| {
            t.get("name")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or(ApiError::FieldTypeInvalid)
        })
        .collect::<Result<_, _>>()?;
    if ids.is_empty() || tags.is_empty() {
        return Err(ApiError::FieldTypeInvalid);
    }
    let mut indexes = Vec::with_capacity(ids.len());
    for id in &ids {
        let id = id.as_str().ok_or(ApiError::FieldTypeInvalid)?;
        let index = data
            .time_entries
            .iter()
            .position(|e| e.id == id && may_edit_entry(team, caller.user_id, e))
            .ok_or(ApiError::TimeEntryNotFound)?;
        indexes.push(index);
    }
    Ok((indexes, tags))
}

/// `POST /v2/team/{team_id}/time_entries/tags` `{time_entry_ids, tags: [{name, tag_fg,
/// tag_bg}]}` → `{}`.
pub(crate) async fn add(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let team = tag_team(data, &caller, &team_id)?;
    let (indexes, tags) = entries_and_tags(data, &caller, &team, &body)?;
    remember_tags(data, &team, caller.user_id, &body.array("tags")?);
    for index in indexes {
        let entry = &mut data.time_entries[index];
        let before = json!(entry.tags);
        for tag in &tags {
            if !entry.tags.contains(tag) {
                entry.tags.push(tag.clone());
            }
        }
        entry.at = now;
        let (id, after) = (entry.id.clone(), json!(entry.tags));
        record_change(data, &id, "tags", before, after, caller.user_id, now);
    }
    Ok(Json(json!({})))
}

/// `DELETE /v2/team/{team_id}/time_entries/tags` `{time_entry_ids, tags: [{name}]}` → `{}`.
pub(crate) async fn remove(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let team = tag_team(data, &caller, &team_id)?;
    let (indexes, tags) = entries_and_tags(data, &caller, &team, &body)?;
    for index in indexes {
        let entry = &mut data.time_entries[index];
        let before = json!(entry.tags);
        entry.tags.retain(|t| !tags.contains(t));
        entry.at = now;
        let (id, after) = (entry.id.clone(), json!(entry.tags));
        record_change(data, &id, "tags", before, after, caller.user_id, now);
    }
    Ok(Json(json!({})))
}

/// `PUT /v2/team/{team_id}/time_entries/tags` `{name, new_name, tag_fg, tag_bg}` → `{}`: the
/// tag renamed and recoloured on every entry of the workspace.
pub(crate) async fn rename(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let mut world = state.world();
    let data = &mut world.data;
    let team = tag_team(data, &caller, &team_id)?;
    let field = |key: &str| -> Result<String, ApiError> {
        body.string(key)?
            .into_option()
            .filter(|v| !v.trim().is_empty())
            .ok_or(ApiError::FieldTypeInvalid)
    };
    let (name, new_name) = (field("name")?, field("new_name")?);
    let (fg, bg) = (field("tag_fg")?, field("tag_bg")?);
    let used = data
        .time_entries
        .iter()
        .any(|e| e.team_id == team.id && e.tags.contains(&name));
    if !used {
        return Err(TAG_NOT_FOUND);
    }
    for entry in data
        .time_entries
        .iter_mut()
        .filter(|e| e.team_id == team.id)
    {
        for tag in entry.tags.iter_mut().filter(|t| **t == name) {
            tag.clone_from(&new_name);
        }
    }
    data.time
        .tags
        .retain(|t| !(t.team_id == team.id && t.name == name));
    remember_tags(
        data,
        &team,
        caller.user_id,
        &[json!({ "name": new_name, "tag_fg": fg, "tag_bg": bg })],
    );
    Ok(Json(json!({})))
}

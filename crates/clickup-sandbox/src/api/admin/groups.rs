//! User groups ("Teams" in ClickUp's UI): `GET /v2/group?team_id=`, `POST
//! /v2/team/{team_id}/group`, `PUT` and `DELETE /v2/group/{group_id}`. Anyone in the workspace
//! reads them; owners and admins write them. A member must belong to the workspace; handles are
//! unique in it.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{record, require_admin};
use crate::api::body::{Body, Patch, as_user_id};
use crate::api::{ms, users_json, visible_team};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, Team, UserId};
use crate::state::SharedState;

/// `GET /v2/group` without `team_id`. Sandbox's choice of ECODE.
const TEAM_ID_REQUIRED: ApiError = ApiError::other(400, "Team id required", "GROUP_001");
/// A handle another group of the workspace has. Sandbox's choice of ECODE.
const HANDLE_TAKEN: ApiError =
    ApiError::other(400, "A group with this handle already exists", "GROUP_002");
/// A member id that is not in the workspace. Sandbox's choice of ECODE.
const MEMBER_NOT_IN_TEAM: ApiError = ApiError::other(
    400,
    "Group members must belong to the workspace",
    "GROUP_003",
);
/// An unknown group id, or one of a workspace the token may not use. Sandbox's choice.
const GROUP_NOT_FOUND: ApiError = ApiError::other(404, "Group not found", "GROUP_004");
/// A handle with characters ClickUp does not allow. Sandbox's choice of ECODE.
const HANDLE_INVALID: ApiError = ApiError::other(400, "Handle invalid", "GROUP_005");

/// A group as ClickUp answers it.
pub(crate) fn group_json(data: &Data, group_index: usize) -> Value {
    let Some(g) = data.admin.groups.get(group_index) else {
        return Value::Null;
    };
    json!({
        "id": g.id,
        "team_id": g.team_id,
        "userid": g.creator,
        "name": g.name,
        "handle": g.handle,
        "date_created": ms(g.date_created),
        "initials": initials(&g.name),
        "members": users_json(data, &g.members),
        "avatar": { "attachment_id": null, "color": null, "source": null, "icon": null },
    })
}

/// The first letters of the first two words, upper case (`Engineering Leads` → `EL`).
pub(crate) fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

/// The query of `GET /v2/group`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct GroupsQuery {
    team_id: Option<String>,
    /// Comma-separated group ids.
    group_ids: Option<String>,
}

/// `GET /v2/group?team_id=` → `{"groups": [...]}`, optionally only `group_ids`.
pub(crate) async fn get_groups(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Query(query): Query<GroupsQuery>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let team_id = query.team_id.as_deref().ok_or(TEAM_ID_REQUIRED)?;
    let team = visible_team(data, &caller, team_id)?;
    let wanted: Option<Vec<&str>> = query
        .group_ids
        .as_deref()
        .map(|ids| ids.split(',').map(str::trim).collect());
    let groups: Vec<Value> = data
        .admin
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.team_id == team.id)
        .filter(|(_, g)| {
            wanted
                .as_ref()
                .is_none_or(|ids| ids.contains(&g.id.as_str()))
        })
        .map(|(i, _)| group_json(data, i))
        .collect();
    Ok(Json(json!({ "groups": groups })))
}

/// `POST /v2/team/{team_id}/group` with `{name, handle?, members}` → the group.
pub(crate) async fn create_group(
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
    require_admin(&team, &caller)?;
    let name = match body.string("name")? {
        Patch::Value(name) if !name.trim().is_empty() => name.trim().to_owned(),
        _ => return Err(ApiError::NameInvalid),
    };
    let handle = match body.string("handle")? {
        Patch::Value(handle) => checked_handle(&handle)?,
        Patch::Absent | Patch::Null => derived_handle(&name),
    };
    check_handle_free(data, &team, &handle, None)?;
    let members = member_ids(&team, &body.array("members")?)?;
    let id = format!("5e1d0000-0000-4000-9000-{:012}", data.take_id());
    let group = data.admin.add_group(id, team.id.clone());
    group.creator = caller.user_id;
    group.name = name;
    group.handle = handle;
    group.date_created = now;
    group.members = members;
    record(data, &team.id, caller.user_id, "GROUP_CREATED", now);
    Ok(Json(group_json(data, data.admin.groups.len() - 1)))
}

/// `PUT /v2/group/{group_id}` with `{name?, handle?, members?: {add, rem}}` → the group.
pub(crate) async fn update_group(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(group_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let (index, team) = locate(data, &caller, &group_id)?;
    require_admin(&team, &caller)?;
    let name = match body.string("name")? {
        Patch::Value(name) if !name.trim().is_empty() => Some(name.trim().to_owned()),
        Patch::Absent => None,
        _ => return Err(ApiError::NameInvalid),
    };
    let handle = match body.string("handle")? {
        Patch::Value(handle) => Some(checked_handle(&handle)?),
        Patch::Absent | Patch::Null => None,
    };
    if let Some(handle) = &handle {
        check_handle_free(data, &team, handle, Some(index))?;
    }
    let change = body.add_rem("members")?.unwrap_or_default();
    let add = member_ids(&team, &change.add)?;
    let rem = member_ids(&team, &change.rem)?;
    let group = &mut data.admin.groups[index];
    if let Some(name) = name {
        group.name = name;
    }
    if let Some(handle) = handle {
        group.handle = handle;
    }
    let mut added = false;
    for user in add {
        if !group.members.contains(&user) {
            group.members.push(user);
            added = true;
        }
    }
    let before = group.members.len();
    group.members.retain(|m| !rem.contains(m));
    let removed = group.members.len() != before;
    record(data, &team.id, caller.user_id, "GROUP_EDITED", now);
    if added {
        record(data, &team.id, caller.user_id, "GROUP_MEMBER_ADDED", now);
    }
    if removed {
        record(data, &team.id, caller.user_id, "GROUP_MEMBER_REMOVED", now);
    }
    Ok(Json(group_json(data, index)))
}

/// `DELETE /v2/group/{group_id}` → `{}`; tasks assigned to the group lose it.
pub(crate) async fn delete_group(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(group_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let (index, team) = locate(data, &caller, &group_id)?;
    require_admin(&team, &caller)?;
    let group = data.admin.groups.remove(index);
    for task in &mut data.tasks {
        task.group_assignees.retain(|g| g != &group.id);
    }
    for acl in &mut data.admin.acls {
        acl.grant("group", &group.id, None);
    }
    record(data, &team.id, caller.user_id, "GROUP_DELETED", now);
    Ok(Json(json!({})))
}

/// The group's position and its workspace, when the token may use that workspace.
fn locate(data: &Data, caller: &Caller, group_id: &str) -> Result<(usize, Team), ApiError> {
    let index = data
        .admin
        .groups
        .iter()
        .position(|g| g.id == group_id)
        .ok_or(GROUP_NOT_FOUND)?;
    let team = data
        .team(data.admin.groups[index].team_id.as_str())
        .filter(|t| caller.may_use(&t.id))
        .ok_or(GROUP_NOT_FOUND)?;
    Ok((index, team.clone()))
}

/// A handle as ClickUp keeps it: lower case letters, digits, `-`, `_` and `.`.
fn checked_handle(handle: &str) -> Result<String, ApiError> {
    let handle = handle.trim().trim_start_matches('@').to_lowercase();
    let ok = !handle.is_empty()
        && handle.chars().count() <= 64
        && handle
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok { Ok(handle) } else { Err(HANDLE_INVALID) }
}

/// The handle ClickUp makes from a name: its letters and digits, lower case.
fn derived_handle(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn check_handle_free(
    data: &Data,
    team: &Team,
    handle: &str,
    except: Option<usize>,
) -> Result<(), ApiError> {
    let taken = data
        .admin
        .groups
        .iter()
        .enumerate()
        .any(|(i, g)| g.team_id == team.id && g.handle == handle && Some(i) != except);
    if taken { Err(HANDLE_TAKEN) } else { Ok(()) }
}

/// User ids of the body, each a member of `team`.
fn member_ids(team: &Team, values: &[Value]) -> Result<Vec<UserId>, ApiError> {
    let mut ids = Vec::new();
    for value in values {
        let id = as_user_id(value).ok_or(ApiError::FieldTypeInvalid)?;
        if !team.members.iter().any(|m| m.user_id == id) {
            return Err(MEMBER_NOT_IN_TEAM);
        }
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

//! Guests: `POST /v2/team/{team_id}/guest` (invite), `GET`, `PUT`, `DELETE
//! /v2/team/{team_id}/guest/{guest_id}`, and sharing a task, list or folder with one
//! (`POST`/`DELETE /v2/{task|list|folder}/{id}/guest/{guest_id}` with `{permission_level}`).
//! Enterprise only; inviting, editing and removing guests is for owners and admins, sharing
//! for any member but a guest. A guest is a role-4 member; a share is a `Data::shares` entry
//! with its level in `Admin::guest_levels`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use serde_json::{Value, json};

use super::users::team_with_roles;
use super::{
    ALREADY_IN_WORKSPACE, EMAIL_INVALID, custom_role, record, remove_from_team, require_admin,
    require_enterprise, require_member, role_of, user_for_email, valid_email,
};
use crate::api::body::{Body, Patch};
use crate::api::task::{CustomIdQuery, locate_task};
use crate::api::team::{member_user_json, shared_json};
use crate::api::{user_json, visible_folder, visible_list, visible_team};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, FolderId, ListId, Member, Share, SharedItem, Team, TeamId, UserId};
use crate::state::SharedState;

/// A guest id that is no guest of the workspace. Sandbox's choice of ECODE.
const GUEST_NOT_FOUND: ApiError = ApiError::other(404, "Guest not found", "GUEST_004");
/// A `permission_level` other than read, comment, edit, create. Sandbox's choice of ECODE.
const LEVEL_INVALID: ApiError = ApiError::other(
    400,
    "permission_level must be read, comment, edit or create",
    "GUEST_002",
);

/// The permission flags of a guest, as their JSON keys.
const FLAGS: [&str; 5] = [
    "can_edit_tags",
    "can_see_time_spent",
    "can_see_time_estimated",
    "can_create_views",
    "can_see_points_estimated",
];

/// `{"guest": {user, invited_by, can_…, shared}}`.
fn guest_answer(data: &Data, team: &TeamId, guest: UserId) -> Value {
    let profile = data
        .admin
        .guests
        .iter()
        .find(|g| &g.team_id == team && g.user == guest);
    let user = data.user(guest);
    let (Some(user), Some(t)) = (user, data.team(team.as_str())) else {
        return json!({ "guest": {} });
    };
    let member = Member {
        user_id: guest,
        role: 4,
    };
    let mut user_value = member_user_json(data, &t.id, &member, user);
    if let (Some(p), Some(object)) = (profile, user_value.as_object_mut()) {
        object.insert("date_invited".into(), crate::api::ms(p.date_invited));
    }
    json!({
        "guest": {
            "user": user_value,
            "invited_by": profile
                .and_then(|p| data.user(p.invited_by))
                .map_or(Value::Null, user_json),
            "can_edit_tags": profile.is_some_and(|p| p.can_edit_tags),
            "can_see_time_spent": profile.is_some_and(|p| p.can_see_time_spent),
            "can_see_time_estimated": profile.is_some_and(|p| p.can_see_time_estimated),
            "can_create_views": profile.is_some_and(|p| p.can_create_views),
            "can_see_points_estimated": profile.is_some_and(|p| p.can_see_points_estimated),
            "shared": shared_json(data, team, guest),
        }
    })
}

/// Sets the flags the body carries on the guest's profile (left out: unchanged).
fn apply_flags(data: &mut Data, team: &TeamId, guest: UserId, body: &Body) -> Result<(), ApiError> {
    let mut values = [None; 5];
    for (slot, key) in values.iter_mut().zip(FLAGS) {
        *slot = body.bool(key)?;
    }
    let role = match body.int("custom_role_id")? {
        Patch::Value(id) => Patch::Value(custom_role(data, team, id)?),
        other => match other {
            Patch::Null => Patch::Null,
            _ => Patch::Absent,
        },
    };
    if let Some(p) = data
        .admin
        .guests
        .iter_mut()
        .find(|g| &g.team_id == team && g.user == guest)
    {
        let slots = [
            &mut p.can_edit_tags,
            &mut p.can_see_time_spent,
            &mut p.can_see_time_estimated,
            &mut p.can_create_views,
            &mut p.can_see_points_estimated,
        ];
        for (slot, value) in slots.into_iter().zip(values) {
            if let Some(value) = value {
                *slot = value;
            }
        }
    }
    match role {
        Patch::Value(id) => data.admin.set_role_holder(team, guest, Some(id)),
        Patch::Null => data.admin.set_role_holder(team, guest, None),
        Patch::Absent => {}
    }
    Ok(())
}

/// `POST /v2/team/{team_id}/guest` with `{email, can_…?, custom_role_id?}` → `{"team": …}`.
pub(crate) async fn invite_guest(
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
    require_enterprise(&team)?;
    require_admin(&team, &caller)?;
    let email = match body.string("email")? {
        Patch::Value(email) if valid_email(email.trim()) => email.trim().to_owned(),
        _ => return Err(EMAIL_INVALID),
    };
    let already = data
        .users
        .iter()
        .find(|u| u.email.eq_ignore_ascii_case(&email))
        .is_some_and(|u| role_of(&team, u.id).is_some());
    if already {
        return Err(ALREADY_IN_WORKSPACE);
    }
    // Check the custom role before anything changes.
    if let Patch::Value(id) = body.int("custom_role_id")? {
        custom_role(data, &team.id, id)?;
    }
    let user = user_for_email(data, &email);
    if let Some(t) = data.teams.iter_mut().find(|t| t.id == team.id) {
        t.members.push(Member {
            user_id: user,
            role: 4,
        });
    }
    data.admin
        .add_guest(team.id.clone(), user, caller.user_id, now);
    apply_flags(data, &team.id, user, &body)?;
    record(data, &team.id, caller.user_id, "INVITE_TO_WORKSPACE", now);
    Ok(Json(team_with_roles(data, team.id.as_str())))
}

/// A guest of `team` by the path's id.
fn guest_id(team: &Team, guest_id: &str) -> Result<UserId, ApiError> {
    guest_id
        .parse::<UserId>()
        .ok()
        .filter(|id| role_of(team, *id) == Some(4))
        .ok_or(GUEST_NOT_FOUND)
}

/// The workspace of a `/team/{team_id}/guest/{guest_id}` path, Enterprise and the caller an
/// owner or admin, and the guest.
fn guest_of_team(
    data: &Data,
    caller: &Caller,
    team_id: &str,
    id: &str,
) -> Result<(Team, UserId), ApiError> {
    let team = visible_team(data, caller, team_id)?.clone();
    require_enterprise(&team)?;
    require_admin(&team, caller)?;
    let guest = guest_id(&team, id)?;
    Ok((team, guest))
}

/// `GET /v2/team/{team_id}/guest/{guest_id}` → `{"guest": …}`.
pub(crate) async fn get_guest(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((team_id, id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let (team, guest) = guest_of_team(data, &caller, &team_id, &id)?;
    Ok(Json(guest_answer(data, &team.id, guest)))
}

/// `PUT /v2/team/{team_id}/guest/{guest_id}` with the flags to change → `{"guest": …}`.
pub(crate) async fn edit_guest(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((team_id, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let mut world = state.world();
    let data = &mut world.data;
    let (team, guest) = guest_of_team(data, &caller, &team_id, &id)?;
    if !data
        .admin
        .guests
        .iter()
        .any(|g| g.team_id == team.id && g.user == guest)
    {
        // A guest seeded without a profile (or made a guest elsewhere) gets one now.
        data.admin
            .add_guest(team.id.clone(), guest, caller.user_id, 0);
    }
    apply_flags(data, &team.id, guest, &body)?;
    Ok(Json(guest_answer(data, &team.id, guest)))
}

/// `DELETE /v2/team/{team_id}/guest/{guest_id}` → `{"team": …}` without them.
pub(crate) async fn remove_guest(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((team_id, id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let (team, guest) = guest_of_team(data, &caller, &team_id, &id)?;
    remove_from_team(data, &team.id, guest);
    record(data, &team.id, caller.user_id, "REMOVE_FROM_WORKSPACE", now);
    Ok(Json(team_with_roles(data, team.id.as_str())))
}

/// The level of a share body.
fn level(body: &Body) -> Result<String, ApiError> {
    match body.string("permission_level")? {
        Patch::Value(level) if matches!(level.as_str(), "read" | "comment" | "edit" | "create") => {
            Ok(level)
        }
        _ => Err(LEVEL_INVALID),
    }
}

/// Shares (`Some(level)`) or unshares `item` of `team` with guest `id`, after ClickUp's checks.
fn share(
    data: &mut Data,
    caller: &Caller,
    team: &Team,
    item: SharedItem,
    id: &str,
    level: Option<String>,
) -> Result<Value, ApiError> {
    require_enterprise(team)?;
    require_member(team, caller)?;
    let guest = guest_id(team, id)?;
    let share = Share {
        user: guest,
        team_id: team.id.clone(),
        item: item.clone(),
    };
    let known = data
        .shares
        .iter()
        .any(|s| s.user == guest && s.team_id == team.id && s.item == item);
    if level.is_some() && !known {
        data.shares.push(share);
    } else if level.is_none() {
        data.shares
            .retain(|s| !(s.user == guest && s.team_id == team.id && s.item == item));
    }
    data.admin.set_guest_level(&team.id, guest, &item, level);
    Ok(guest_answer(data, &team.id, guest))
}

/// The workspace of a task given by id or custom id.
fn task_item(
    data: &Data,
    caller: &Caller,
    task_id: &str,
    query: &CustomIdQuery,
) -> Result<(Team, SharedItem), ApiError> {
    let index = locate_task(data, caller, task_id, query)?;
    let task = &data.tasks[index];
    let team = data
        .team_of_task(task)
        .cloned()
        .ok_or(ApiError::ObjectNotAuthorized)?;
    Ok((team, SharedItem::Task(task.id.clone())))
}

fn list_item(data: &Data, caller: &Caller, list_id: &str) -> Result<(Team, SharedItem), ApiError> {
    let list = visible_list(data, caller, list_id)?;
    let team = data
        .team_of_space(&list.space_id)
        .cloned()
        .ok_or(ApiError::ObjectNotAuthorized)?;
    Ok((team, SharedItem::List(ListId::from(list.id.as_str()))))
}

fn folder_item(
    data: &Data,
    caller: &Caller,
    folder_id: &str,
) -> Result<(Team, SharedItem), ApiError> {
    let folder = visible_folder(data, caller, folder_id)?;
    let team = data
        .team_of_space(&folder.space_id)
        .cloned()
        .ok_or(ApiError::ObjectNotAuthorized)?;
    Ok((team, SharedItem::Folder(FolderId::from(folder.id.as_str()))))
}

/// `POST /v2/task/{task_id}/guest/{guest_id}` with `{permission_level}` → `{"guest": …}`.
pub(crate) async fn share_task(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((task_id, id)): Path<(String, String)>,
    Query(query): Query<CustomIdQuery>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let mut world = state.world();
    let data = &mut world.data;
    let (team, item) = task_item(data, &caller, &task_id, &query)?;
    let level = level(&body)?;
    share(data, &caller, &team, item, &id, Some(level)).map(Json)
}

/// `DELETE /v2/task/{task_id}/guest/{guest_id}` → `{"guest": …}`.
pub(crate) async fn unshare_task(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((task_id, id)): Path<(String, String)>,
    Query(query): Query<CustomIdQuery>,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let data = &mut world.data;
    let (team, item) = task_item(data, &caller, &task_id, &query)?;
    share(data, &caller, &team, item, &id, None).map(Json)
}

/// `POST /v2/list/{list_id}/guest/{guest_id}` with `{permission_level}` → `{"guest": …}`.
pub(crate) async fn share_list(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((list_id, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let mut world = state.world();
    let data = &mut world.data;
    let (team, item) = list_item(data, &caller, &list_id)?;
    let level = level(&body)?;
    share(data, &caller, &team, item, &id, Some(level)).map(Json)
}

/// `DELETE /v2/list/{list_id}/guest/{guest_id}` → `{"guest": …}`.
pub(crate) async fn unshare_list(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((list_id, id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let data = &mut world.data;
    let (team, item) = list_item(data, &caller, &list_id)?;
    share(data, &caller, &team, item, &id, None).map(Json)
}

/// `POST /v2/folder/{folder_id}/guest/{guest_id}` with `{permission_level}` → `{"guest": …}`.
pub(crate) async fn share_folder(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((folder_id, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let mut world = state.world();
    let data = &mut world.data;
    let (team, item) = folder_item(data, &caller, &folder_id)?;
    let level = level(&body)?;
    share(data, &caller, &team, item, &id, Some(level)).map(Json)
}

/// `DELETE /v2/folder/{folder_id}/guest/{guest_id}` → `{"guest": …}`.
pub(crate) async fn unshare_folder(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((folder_id, id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let data = &mut world.data;
    let (team, item) = folder_item(data, &caller, &folder_id)?;
    share(data, &caller, &team, item, &id, None).map(Json)
}

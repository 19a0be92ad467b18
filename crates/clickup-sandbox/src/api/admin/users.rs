//! Members: `POST /v2/team/{team_id}/user` (invite), `PUT` and `DELETE
//! /v2/team/{team_id}/user/{user_id}`. Enterprise only, for owners and admins. Guests are not
//! "users" here (their own endpoints are in `guests.rs`): a guest id answers 404 `TEAM_025`.
//! The owner cannot be removed or demoted.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use serde_json::{Value, json};

use super::{
    ALREADY_IN_WORKSPACE, EMAIL_INVALID, custom_role, record, remove_from_team, require_admin,
    require_enterprise, role_of, user_for_email, valid_email,
};
use crate::api::body::{Body, Patch};
use crate::api::team::{member_user_json, shared_json, team_json};
use crate::api::{user_json, visible_team};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, Member, Team, UserId};
use crate::state::SharedState;

/// Removing or demoting the workspace owner. Sandbox's choice of ECODE.
const OWNER_IS_FIXED: ApiError = ApiError::other(
    400,
    "The workspace owner cannot be changed or removed",
    "TEAM_040",
);

/// `{"team": …}` with the built-in and custom roles, as the invitation endpoints answer.
pub(super) fn team_with_roles(data: &Data, team_id: &str) -> Value {
    let Some(team) = data.team(team_id) else {
        return json!({});
    };
    let mut value = team_json(data, team);
    let mut roles = vec![
        json!({"id": 1, "name": "owner", "custom": false}),
        json!({"id": 2, "name": "admin", "custom": false}),
        json!({"id": 3, "name": "member", "custom": false}),
        json!({"id": 4, "name": "guest", "custom": false}),
    ];
    roles.extend(
        data.admin
            .roles
            .iter()
            .filter(|r| r.team_id == team.id)
            .map(|r| {
                json!({"id": r.id, "name": r.name, "custom": true,
                       "inherited_role": r.inherited_role})
            }),
    );
    if let Some(object) = value.as_object_mut() {
        object.insert("roles".into(), json!(roles));
    }
    json!({ "team": value })
}

/// `{"member": {user, invited_by, shared}}` for `user` of `team`.
fn member_answer(data: &Data, team: &Team, user: UserId) -> Value {
    let member = team.members.iter().find(|m| m.user_id == user);
    let profile = member.and_then(|m| data.user(m.user_id).map(|u| (m, u)));
    let Some((member, profile)) = profile else {
        return json!({ "member": {} });
    };
    let owner = team
        .members
        .iter()
        .find(|m| m.role == 1)
        .and_then(|m| data.user(m.user_id))
        .map_or(Value::Null, user_json);
    json!({
        "member": {
            "user": member_user_json(data, &team.id, member, profile),
            "invited_by": owner,
            "shared": shared_json(data, &team.id, user),
        }
    })
}

/// `POST /v2/team/{team_id}/user` with `{email, admin, custom_role_id?}` → `{"team": …}`.
pub(crate) async fn invite_user(
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
    let admin = body.bool("admin")?.unwrap_or(false);
    let role = match body.int("custom_role_id")? {
        Patch::Value(id) => Some(custom_role(data, &team.id, id)?),
        Patch::Absent | Patch::Null => None,
    };
    let already = data
        .users
        .iter()
        .find(|u| u.email.eq_ignore_ascii_case(&email))
        .is_some_and(|u| role_of(&team, u.id).is_some());
    if already {
        return Err(ALREADY_IN_WORKSPACE);
    }
    let user = user_for_email(data, &email);
    if let Some(t) = data.teams.iter_mut().find(|t| t.id == team.id) {
        t.members.push(Member {
            user_id: user,
            role: if admin { 2 } else { 3 },
        });
    }
    data.admin.set_role_holder(&team.id, user, role);
    record(data, &team.id, caller.user_id, "INVITE_TO_WORKSPACE", now);
    Ok(Json(team_with_roles(data, team.id.as_str())))
}

/// A member (not a guest) of `team` by the path's id.
fn member_id(team: &Team, user_id: &str) -> Result<UserId, ApiError> {
    user_id
        .parse::<UserId>()
        .ok()
        .filter(|id| matches!(role_of(team, *id), Some(1..=3)))
        .ok_or(ApiError::UserNotFound)
}

/// `PUT /v2/team/{team_id}/user/{user_id}` with `{username, admin, custom_role_id}` →
/// `{"member": …}`. A field left out keeps its value; `custom_role_id: null` takes the custom
/// role away.
pub(crate) async fn edit_user(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((team_id, user_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let team = visible_team(data, &caller, &team_id)?.clone();
    require_enterprise(&team)?;
    require_admin(&team, &caller)?;
    let user = member_id(&team, &user_id)?;
    let username = match body.string("username")? {
        Patch::Value(name) if !name.trim().is_empty() => Some(name.trim().to_owned()),
        Patch::Absent | Patch::Null => None,
        Patch::Value(_) => return Err(ApiError::NameInvalid),
    };
    let admin = body.bool("admin")?;
    let role = match body.int("custom_role_id")? {
        Patch::Value(id) => Patch::Value(custom_role(data, &team.id, id)?),
        Patch::Null => Patch::Null,
        Patch::Absent => Patch::Absent,
    };
    let current = role_of(&team, user);
    if current == Some(1) && admin.is_some_and(|a| !a) {
        return Err(OWNER_IS_FIXED);
    }
    if let Some(name) = username
        && let Some(u) = data.users.iter_mut().find(|u| u.id == user)
    {
        u.username = name;
    }
    if let Some(admin) = admin
        && current != Some(1)
        && let Some(member) = data
            .teams
            .iter_mut()
            .find(|t| t.id == team.id)
            .and_then(|t| t.members.iter_mut().find(|m| m.user_id == user))
    {
        let role = if admin { 2 } else { 3 };
        if member.role != role {
            member.role = role;
            record(data, &team.id, caller.user_id, "CHANGE_USER_ROLE", now);
        }
    }
    match role {
        Patch::Value(id) => data.admin.set_role_holder(&team.id, user, Some(id)),
        Patch::Null => data.admin.set_role_holder(&team.id, user, None),
        Patch::Absent => {}
    }
    let team = data.team(team.id.as_str()).cloned().unwrap_or(team);
    Ok(Json(member_answer(data, &team, user)))
}

/// `DELETE /v2/team/{team_id}/user/{user_id}` → `{"team": …}` without them.
pub(crate) async fn remove_user(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((team_id, user_id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let team = visible_team(data, &caller, &team_id)?.clone();
    require_enterprise(&team)?;
    require_admin(&team, &caller)?;
    let user = member_id(&team, &user_id)?;
    if role_of(&team, user) == Some(1) {
        return Err(OWNER_IS_FIXED);
    }
    remove_from_team(data, &team.id, user);
    record(data, &team.id, caller.user_id, "REMOVE_FROM_WORKSPACE", now);
    let answer = team_with_roles(data, team.id.as_str());
    Ok(Json(answer))
}

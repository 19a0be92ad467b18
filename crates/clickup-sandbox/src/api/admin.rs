//! Workspace administration: user groups (`groups.rs`), members (`users.rs`), guests and what
//! is shared with them (`guests.rs`), access lists (`acl.rs`, v3) and audit logs (`audit.rs`,
//! v3), with the plan and role checks ClickUp makes: most of it is Enterprise-only (403
//! `TEAM_110`) and for workspace owners and admins; audit logs for the owner alone.

mod acl;
mod audit;
mod groups;
mod guests;
mod users;

pub(super) use groups::initials;

use axum::Router;
use axum::routing::{get, patch, post, put};

use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, Plan, Team, TeamId, User, UserId};
use crate::state::SharedState;

/// The caller is not a workspace owner or admin. Sandbox's choice of ECODE.
pub(super) const ADMIN_ONLY: ApiError = ApiError::other(
    403,
    "Only workspace owners and admins can do this",
    "TEAM_111",
);
/// The caller is not the workspace owner. Sandbox's choice of ECODE.
pub(super) const OWNER_ONLY: ApiError =
    ApiError::other(403, "Only the workspace owner can do this", "TEAM_112");
/// A guest may not do this (sharing, groups). Sandbox's choice of ECODE.
pub(super) const NOT_FOR_GUESTS: ApiError =
    ApiError::other(403, "Guests cannot do this", "TEAM_113");
/// An email that is not one. Sandbox's choice of ECODE.
pub(super) const EMAIL_INVALID: ApiError = ApiError::other(400, "Email invalid", "INPUT_003");
/// The email belongs to someone already in the workspace. Sandbox's choice of ECODE.
pub(super) const ALREADY_IN_WORKSPACE: ApiError =
    ApiError::other(400, "User is already in this workspace", "TEAM_031");
/// A `custom_role_id` the workspace does not define. Sandbox's choice of ECODE.
pub(super) const CUSTOM_ROLE_NOT_FOUND: ApiError =
    ApiError::other(400, "Custom role not found", "TEAM_032");

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> Router<SharedState> {
    Router::new()
        .route("/api/v2/group", get(groups::get_groups))
        .route("/api/v2/team/{team_id}/group", post(groups::create_group))
        .route(
            "/api/v2/group/{group_id}",
            put(groups::update_group).delete(groups::delete_group),
        )
        .route("/api/v2/team/{team_id}/user", post(users::invite_user))
        .route(
            "/api/v2/team/{team_id}/user/{user_id}",
            put(users::edit_user).delete(users::remove_user),
        )
        .route("/api/v2/team/{team_id}/guest", post(guests::invite_guest))
        .route(
            "/api/v2/team/{team_id}/guest/{guest_id}",
            get(guests::get_guest)
                .put(guests::edit_guest)
                .delete(guests::remove_guest),
        )
        .route(
            "/api/v2/task/{task_id}/guest/{guest_id}",
            post(guests::share_task).delete(guests::unshare_task),
        )
        .route(
            "/api/v2/list/{list_id}/guest/{guest_id}",
            post(guests::share_list).delete(guests::unshare_list),
        )
        .route(
            "/api/v2/folder/{folder_id}/guest/{guest_id}",
            post(guests::share_folder).delete(guests::unshare_folder),
        )
        .route(
            "/api/v3/workspaces/{workspace_id}/{object_type}/{object_id}/acls",
            patch(acl::update_acl),
        )
        .route(
            "/api/v3/workspaces/{workspace_id}/auditlogs",
            post(audit::search),
        )
}

/// `user`'s role in `team` (1 owner, 2 admin, 3 member, 4 guest), if a member.
pub(super) fn role_of(team: &Team, user: UserId) -> Option<u8> {
    team.members
        .iter()
        .find(|m| m.user_id == user)
        .map(|m| m.role)
}

/// Enterprise-only endpoints: 403 `TEAM_110` on another plan.
pub(super) fn require_enterprise(team: &Team) -> Result<(), ApiError> {
    if team.plan == Plan::Enterprise {
        Ok(())
    } else {
        Err(ApiError::EnterpriseOnly)
    }
}

/// Owner or admin of `team`.
pub(super) fn require_admin(team: &Team, caller: &Caller) -> Result<(), ApiError> {
    match role_of(team, caller.user_id) {
        Some(1 | 2) => Ok(()),
        _ => Err(ADMIN_ONLY),
    }
}

/// Anyone but a guest.
pub(super) fn require_member(team: &Team, caller: &Caller) -> Result<(), ApiError> {
    match role_of(team, caller.user_id) {
        Some(1..=3) => Ok(()),
        _ => Err(NOT_FOR_GUESTS),
    }
}

/// Whether `email` looks like one: `local@domain.tld`, no spaces, at most 254 characters.
pub(super) fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= 254
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && !domain.contains('@')
}

/// The user with `email` (any case), made when there is none: ClickUp sends an invitation;
/// the sandbox creates the account at once, with a personal token like the seeded ones.
pub(super) fn user_for_email(data: &mut Data, email: &str) -> UserId {
    if let Some(user) = data
        .users
        .iter()
        .find(|u| u.email.eq_ignore_ascii_case(email))
    {
        return user.id;
    }
    let id = 82_000_000 + data.take_id();
    let local = email.split('@').next().unwrap_or(email);
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut state = id.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let secret: String = (0..32)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let index = usize::try_from(state >> 59).unwrap_or(0) % CHARS.len();
            char::from(CHARS[index])
        })
        .collect();
    data.users.push(User {
        id,
        username: local.to_owned(),
        email: email.to_owned(),
        color: "#7b68ee".into(),
        initials: local
            .chars()
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_default(),
        timezone: "Etc/UTC".into(),
        week_start_day: 0,
        personal_token: format!("pk_{id}_{secret}"),
    });
    id
}

/// Records an audit-log row (times strictly increasing per workspace, so that paging by
/// timestamp never skips a row).
pub(super) fn record(data: &mut Data, team: &TeamId, user: UserId, event_type: &str, now: i64) {
    let last = data
        .admin
        .audit
        .iter()
        .filter(|e| &e.team_id == team)
        .map(|e| e.timestamp)
        .max()
        .unwrap_or(i64::MIN);
    let id = data.take_id();
    data.admin.push_audit(
        id,
        team.clone(),
        user,
        event_type,
        "success",
        now.max(last.saturating_add(1)),
    );
}

/// A custom role id of the body, checked against the workspace's roles (Enterprise only).
pub(super) fn custom_role(data: &Data, team: &TeamId, id: i64) -> Result<u64, ApiError> {
    u64::try_from(id)
        .ok()
        .filter(|id| {
            data.admin
                .roles
                .iter()
                .any(|r| &r.team_id == team && r.id == *id)
        })
        .ok_or(CUSTOM_ROLE_NOT_FOUND)
}

/// Takes `user` out of `team`: membership, groups, custom role, shares, guest permissions.
pub(super) fn remove_from_team(data: &mut Data, team: &TeamId, user: UserId) {
    if let Some(t) = data.teams.iter_mut().find(|t| &t.id == team) {
        t.members.retain(|m| m.user_id != user);
    }
    for group in data.admin.groups.iter_mut().filter(|g| &g.team_id == team) {
        group.members.retain(|m| *m != user);
    }
    data.admin.set_role_holder(team, user, None);
    data.shares
        .retain(|s| !(&s.team_id == team && s.user == user));
    data.admin
        .guest_levels
        .retain(|l| !(&l.team_id == team && l.user == user));
    data.admin
        .guests
        .retain(|g| !(&g.team_id == team && g.user == user));
}

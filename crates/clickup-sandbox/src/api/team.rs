//! Workspaces: `GET /v2/team` (the workspaces this token may use, with their members),
//! `GET /v2/team/{team_id}/custom_item` (task types), `GET /v2/team/{team_id}/shared` (what is
//! shared with the caller explicitly) and `GET /v2/team/{team_id}/user/{user_id}` (Enterprise
//! only: Acme Corp is seeded on the Enterprise plan, Beta Labs on Free Forever).

use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::routing::get;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::api::folder::folder_json;
use crate::api::list::list_json;
use crate::api::task::{RenderOptions, task_json};
use crate::api::{ms, user_json, visible_team};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, Member, Plan, Share, SharedItem, Team, TeamId, User, UserId};
use crate::seed::SEED_EPOCH_MS;
use crate::state::SharedState;

const DAY_MS: i64 = 86_400_000;

/// `GET /v2/team` → `{"teams": [...]}`, only the workspaces granted to this token.
pub(crate) async fn get_authorized_teams(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let teams: Vec<Value> = world
        .data
        .teams
        .iter()
        .filter(|t| caller.may_use(&t.id))
        .map(|t| team_json(&world.data, t))
        .collect();
    Ok(Json(json!({ "teams": teams })))
}

/// `GET /v2/team/{team_id}/custom_item` → `{"custom_items": [...]}`.
pub(crate) async fn get_task_types(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let team = visible_team(&world.data, &caller, &team_id)?;
    let items: Vec<Value> = team
        .task_types
        .iter()
        .map(|t| {
            json!({
                "id": t.id,
                "name": t.name,
                "name_plural": t.name_plural,
                "description": t.description,
                "avatar": { "source": null, "value": null },
            })
        })
        .collect();
    Ok(Json(json!({ "custom_items": items })))
}

/// `GET /v2/team/{team_id}/shared` → `{"shared": {tasks, lists, folders}}`: what was shared with
/// the caller explicitly.
pub(crate) async fn get_shared(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let team = visible_team(data, &caller, &team_id)?;
    Ok(Json(
        json!({ "shared": shared_json(data, &team.id, caller.user_id) }),
    ))
}

/// `GET /v2/team/{team_id}/user/{user_id}` → `{"member": {user, invited_by, shared}}`; on a
/// plan other than Enterprise 403 `TEAM_110`, an id of no member 404 `TEAM_025`.
pub(crate) async fn get_team_user(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((team_id, user_id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let team = visible_team(data, &caller, &team_id)?;
    if team.plan != Plan::Enterprise {
        return Err(ApiError::EnterpriseOnly);
    }
    let (member, user) = user_id
        .parse::<UserId>()
        .ok()
        .and_then(|id| team.members.iter().find(|m| m.user_id == id))
        .and_then(|m| data.user(m.user_id).map(|u| (m, u)))
        .ok_or(ApiError::UserNotFound)?;
    let owner = team
        .members
        .iter()
        .find(|m| m.role == 1)
        .and_then(|m| data.user(m.user_id))
        .map_or(Value::Null, user_json);
    Ok(Json(json!({
        "member": {
            "user": member_user_json(data, &team.id, member, user),
            "invited_by": owner,
            "shared": shared_json(data, &team.id, user.id),
        }
    })))
}

/// The items shared with `user` in `team`; items shared with a guest carry their
/// `permission_level`.
pub(crate) fn shared_json(data: &Data, team: &TeamId, user: UserId) -> Value {
    let (mut tasks, mut lists, mut folders) = (Vec::new(), Vec::new(), Vec::new());
    for share in data
        .shares
        .iter()
        .filter(|s| s.user == user && &s.team_id == team)
    {
        match &share.item {
            SharedItem::Task(id) => {
                if let Some(task) = data.task(id.as_str()).filter(|t| !t.deleted) {
                    let json = task_json(data, task, RenderOptions::default());
                    tasks.push(with_level(data, share, json));
                }
            }
            SharedItem::List(id) => {
                if let Some(list) = data.list(id.as_str()) {
                    lists.push(with_level(data, share, list_json(data, list)));
                }
            }
            SharedItem::Folder(id) => {
                if let Some(folder) = data.folder(id.as_str()) {
                    folders.push(with_level(data, share, folder_json(data, folder)));
                }
            }
        }
    }
    json!({ "tasks": tasks, "lists": lists, "folders": folders })
}

/// `item` with the `permission_level` it is shared at, when it was shared with a guest.
fn with_level(data: &Data, share: &Share, mut item: Value) -> Value {
    let level = data
        .admin
        .guest_levels
        .iter()
        .find(|l| l.user == share.user && l.team_id == share.team_id && l.item == share.item);
    if let (Some(level), Some(object)) = (level, item.as_object_mut()) {
        object.insert("permission_level".into(), json!(level.level));
    }
    item
}

/// A member's custom role as ClickUp embeds it (`{id, name}`), or `null`.
pub(crate) fn custom_role_json(data: &Data, team: &TeamId, user: UserId) -> Value {
    data.admin
        .role_holders
        .iter()
        .find(|h| &h.team_id == team && h.user == user)
        .and_then(|h| {
            data.admin
                .roles
                .iter()
                .find(|r| r.id == h.role_id && &r.team_id == team)
        })
        .map_or(Value::Null, |r| json!({ "id": r.id, "name": r.name }))
}

/// A member's user object as `GET /v2/team` embeds it: the user with role and dates.
pub(crate) fn member_user_json(data: &Data, team: &TeamId, member: &Member, user: &User) -> Value {
    let mut user_value = user_json(user);
    if let Some(object) = user_value.as_object_mut() {
        object.insert("role".into(), json!(member.role));
        object.insert("custom_role".into(), custom_role_json(data, team, user.id));
        object.insert("last_active".into(), ms(SEED_EPOCH_MS - DAY_MS));
        object.insert("date_joined".into(), ms(SEED_EPOCH_MS - 90 * DAY_MS));
        object.insert("date_invited".into(), ms(SEED_EPOCH_MS - 91 * DAY_MS));
    }
    user_value
}

/// A workspace as `GET /v2/team` lists it; a guest's entry carries their permissions.
pub(crate) fn team_json(data: &Data, team: &Team) -> Value {
    let members: Vec<Value> = team
        .members
        .iter()
        .filter_map(|m| data.user(m.user_id).map(|u| (m, u)))
        .map(|(member, user)| {
            let mut entry = json!({ "user": member_user_json(data, &team.id, member, user) });
            let profile = data
                .admin
                .guests
                .iter()
                .find(|g| g.team_id == team.id && g.user == user.id);
            if let (Some(p), Some(object)) = (profile, entry.as_object_mut()) {
                object.insert(
                    "invited_by".into(),
                    data.user(p.invited_by).map_or(Value::Null, user_json),
                );
                object.insert("can_edit_tags".into(), json!(p.can_edit_tags));
                object.insert("can_see_time_spent".into(), json!(p.can_see_time_spent));
                object.insert(
                    "can_see_time_estimated".into(),
                    json!(p.can_see_time_estimated),
                );
                object.insert("can_create_views".into(), json!(p.can_create_views));
                object.insert(
                    "can_see_points_estimated".into(),
                    json!(p.can_see_points_estimated),
                );
            }
            entry
        })
        .collect();
    json!({
        "id": team.id,
        "name": team.name,
        "color": team.color,
        "avatar": Value::Null,
        "members": members,
    })
}

/// `GET /v2/team/{team_id}/plan` → `{plan_name, plan_id}`.
pub(crate) async fn get_plan(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let team = visible_team(&world.data, &caller, &team_id)?;
    let (name, id) = match team.plan {
        Plan::FreeForever => ("Free Forever", 1),
        Plan::Enterprise => ("Enterprise", 4),
    };
    Ok(Json(json!({ "plan_name": name, "plan_id": id })))
}

/// Member seats an Enterprise workspace pays for at least (more when it has more members).
const ENTERPRISE_MEMBER_SEATS: usize = 10;
/// Guest seats per paid member seat (Enterprise).
const GUESTS_PER_SEAT: usize = 5;

/// `GET /v2/team/{team_id}/seats` → `{members: {filled, total, empty}, guests: {…}}`.
/// Enterprise pays for at least 10 member seats and 5 guest seats per member seat; Free
/// Forever has exactly the seats it uses.
pub(crate) async fn get_seats(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let team = visible_team(&world.data, &caller, &team_id)?;
    let guests = team.members.iter().filter(|m| m.role == 4).count();
    let members = team.members.len() - guests;
    let (member_seats, guest_seats) = match team.plan {
        Plan::Enterprise => {
            let seats = members.max(ENTERPRISE_MEMBER_SEATS);
            (seats, (seats * GUESTS_PER_SEAT).max(guests))
        }
        Plan::FreeForever => (members, guests),
    };
    Ok(Json(json!({
        "members": {
            "filled_members_seats": members,
            "total_member_seats": member_seats,
            "empty_member_seats": member_seats - members,
        },
        "guests": {
            "filled_guest_seats": guests,
            "total_guest_seats": guest_seats,
            "empty_guest_seats": guest_seats - guests,
        },
    })))
}

/// Query of `GET /v2/team/{team_id}/customroles`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct RolesQuery {
    include_members: Option<String>,
}

/// `GET /v2/team/{team_id}/customroles` → `{"custom_roles": [...]}`; `members` (user ids) are
/// filled with `include_members=true`. Custom roles are an Enterprise feature: other plans
/// have none.
pub(crate) async fn get_custom_roles(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
    Query(query): Query<RolesQuery>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let team = visible_team(data, &caller, &team_id)?;
    let with_members = query.include_members.as_deref() == Some("true");
    let roles: Vec<Value> = data
        .admin
        .roles
        .iter()
        .filter(|r| r.team_id == team.id && team.plan == Plan::Enterprise)
        .map(|r| {
            let members: Vec<UserId> = if with_members {
                data.admin
                    .role_holders
                    .iter()
                    .filter(|h| h.team_id == team.id && h.role_id == r.id)
                    .map(|h| h.user)
                    .collect()
            } else {
                Vec::new()
            };
            json!({
                "id": r.id,
                "team_id": r.team_id,
                "name": r.name,
                "inherited_role": r.inherited_role,
                "date_created": ms(r.date_created),
                "members": members,
            })
        })
        .collect();
    Ok(Json(json!({ "custom_roles": roles })))
}

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    axum::Router::new()
        .route("/api/v2/team/{team_id}/plan", get(get_plan))
        .route("/api/v2/team/{team_id}/seats", get(get_seats))
        .route("/api/v2/team/{team_id}/customroles", get(get_custom_roles))
}

//! Workspaces: `GET /v2/team` (the workspaces this token may use, with their members),
//! `GET /v2/team/{team_id}/custom_item` (task types), `GET /v2/team/{team_id}/shared` (what is
//! shared with the caller explicitly) and `GET /v2/team/{team_id}/user/{user_id}` (Enterprise
//! only: Acme Corp is seeded on the Enterprise plan, Beta Labs on Free Forever).

use axum::Json;
use axum::extract::{Extension, Path, State};
use serde_json::{Value, json};

use crate::api::folder::folder_json;
use crate::api::list::list_json;
use crate::api::task::{RenderOptions, task_json};
use crate::api::{ms, user_json, visible_team};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, Member, Plan, SharedItem, Team, TeamId, User, UserId};
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
            "user": member_user_json(member, user),
            "invited_by": owner,
            "shared": shared_json(data, &team.id, user.id),
        }
    })))
}

/// The items shared with `user` in `team`.
fn shared_json(data: &Data, team: &TeamId, user: UserId) -> Value {
    let (mut tasks, mut lists, mut folders) = (Vec::new(), Vec::new(), Vec::new());
    for share in data
        .shares
        .iter()
        .filter(|s| s.user == user && &s.team_id == team)
    {
        match &share.item {
            SharedItem::Task(id) => {
                if let Some(task) = data.task(id.as_str()).filter(|t| !t.deleted) {
                    tasks.push(task_json(data, task, RenderOptions::default()));
                }
            }
            SharedItem::List(id) => {
                if let Some(list) = data.list(id.as_str()) {
                    lists.push(list_json(data, list));
                }
            }
            SharedItem::Folder(id) => {
                if let Some(folder) = data.folder(id.as_str()) {
                    folders.push(folder_json(data, folder));
                }
            }
        }
    }
    json!({ "tasks": tasks, "lists": lists, "folders": folders })
}

/// A member's user object as `GET /v2/team` embeds it: the user with role and dates.
fn member_user_json(member: &Member, user: &User) -> Value {
    let mut user_value = user_json(user);
    if let Some(object) = user_value.as_object_mut() {
        object.insert("role".into(), json!(member.role));
        object.insert("custom_role".into(), Value::Null);
        object.insert("last_active".into(), ms(SEED_EPOCH_MS - DAY_MS));
        object.insert("date_joined".into(), ms(SEED_EPOCH_MS - 90 * DAY_MS));
        object.insert("date_invited".into(), ms(SEED_EPOCH_MS - 91 * DAY_MS));
    }
    user_value
}

fn team_json(data: &Data, team: &Team) -> Value {
    let members: Vec<Value> = team
        .members
        .iter()
        .filter_map(|m| data.user(m.user_id).map(|u| (m, u)))
        .map(|(member, user)| json!({ "user": member_user_json(member, user) }))
        .collect();
    json!({
        "id": team.id,
        "name": team.name,
        "color": team.color,
        "avatar": Value::Null,
        "members": members,
    })
}

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    axum::Router::new()
}

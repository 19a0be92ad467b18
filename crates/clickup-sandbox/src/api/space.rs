//! `GET /v2/team/{team_id}/space` and `GET /v2/space/{space_id}`.

use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use serde_json::{Value, json};

use crate::api::{ArchivedQuery, statuses_json, visible_space, visible_team};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, Space};
use crate::state::SharedState;

/// `GET /v2/team/{team_id}/space` → `{"spaces": [...]}`.
pub(crate) async fn get_spaces(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
    Query(query): Query<ArchivedQuery>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let team = visible_team(&world.data, &caller, &team_id)?;
    let spaces: Vec<Value> = world
        .data
        .spaces
        .iter()
        .filter(|s| s.team_id == team.id && s.archived == query.archived())
        .map(|s| space_json(&world.data, s))
        .collect();
    Ok(Json(json!({ "spaces": spaces })))
}

/// `GET /v2/space/{space_id}` → the space.
pub(crate) async fn get_space(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(space_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let space = visible_space(&world.data, &caller, &space_id)?;
    Ok(Json(space_json(&world.data, space)))
}

/// A space as ClickUp sends it: statuses, members and ClickApps.
pub(crate) fn space_json(data: &Data, space: &Space) -> Value {
    let members: Vec<Value> = data
        .team(space.team_id.as_str())
        .map(|team| {
            team.members
                .iter()
                .filter_map(|m| data.user(m.user_id))
                .map(|u| {
                    json!({ "user": {
                        "id": u.id,
                        "username": u.username,
                        "color": u.color,
                        "profilePicture": u.profile_picture(),
                        "initials": u.initials,
                    }})
                })
                .collect()
        })
        .unwrap_or_default();
    let on = json!({ "enabled": true });
    json!({
        "id": space.id,
        "name": space.name,
        "color": space.color,
        "private": space.private,
        "avatar": Value::Null,
        "admin_can_manage": false,
        "archived": space.archived,
        "members": members,
        "statuses": statuses_json(&space.statuses),
        "multiple_assignees": space.multiple_assignees,
        "features": {
            "due_dates": {
                "enabled": true,
                "start_date": true,
                "remap_due_dates": false,
                "remap_closed_due_date": false,
            },
            "sprints": { "enabled": false },
            "time_tracking": on,
            "points": on,
            "custom_items": on,
            "priorities": {
                "enabled": true,
                "priorities": [
                    { "color": "#f50000", "id": "1", "orderindex": "1", "priority": "urgent" },
                    { "color": "#f8ae00", "id": "2", "orderindex": "2", "priority": "high" },
                    { "color": "#6fddff", "id": "3", "orderindex": "3", "priority": "normal" },
                    { "color": "#d8d8d8", "id": "4", "orderindex": "4", "priority": "low" },
                ],
            },
            "tags": on,
            "time_estimates": on,
            "check_unresolved": { "enabled": true, "subtasks": null, "checklists": null, "comments": null },
            "milestones": { "enabled": false },
            "custom_fields": on,
            "remap_dependencies": on,
            "dependency_warning": on,
            "status_pies": { "enabled": false },
            "multiple_assignees": { "enabled": space.multiple_assignees },
            "emails": on,
        },
    })
}

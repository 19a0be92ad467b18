//! `GET /v2/team`: the workspaces this token may use, with their members.

use axum::Json;
use axum::extract::{Extension, State};
use serde_json::{Value, json};

use crate::api::{ms, user_json};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, Team};
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

fn team_json(data: &Data, team: &Team) -> Value {
    let members: Vec<Value> = team
        .members
        .iter()
        .filter_map(|m| data.user(m.user_id).map(|u| (m, u)))
        .map(|(member, user)| {
            let mut user_value = user_json(user);
            if let Some(object) = user_value.as_object_mut() {
                object.insert("role".into(), json!(member.role));
                object.insert("custom_role".into(), Value::Null);
                object.insert("last_active".into(), ms(SEED_EPOCH_MS - DAY_MS));
                object.insert("date_joined".into(), ms(SEED_EPOCH_MS - 90 * DAY_MS));
                object.insert("date_invited".into(), ms(SEED_EPOCH_MS - 91 * DAY_MS));
            }
            json!({ "user": user_value })
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

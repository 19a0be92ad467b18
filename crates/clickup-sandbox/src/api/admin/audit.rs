//! `POST /v3/workspaces/{workspace_id}/auditlogs`: the workspace's audit logs (a read despite
//! the method). Enterprise only, for the workspace owner alone. Body: `applicability`
//! (`auth-and-security` or `user-activity`, required), `filter` (`userId`, `userEmail`,
//! `eventType` arrays, `eventStatus`, `startTime`, `endTime` in epoch ms) and `pagination`
//! (`pageRows`, default 50, at most 100; `pageTimestamp`, default now; `pageDirection` `before`
//! (newest first, rows strictly older) or `after` (oldest first, rows strictly newer)).
//! ClickUp does not describe the answer: the sandbox answers `{"data": [rows]}`, each row
//! `{id, workspaceId, userId, userEmail, eventType, eventStatus, applicability, timestamp}`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use serde_json::{Value, json};

use super::{OWNER_ONLY, require_enterprise, role_of};
use crate::api::body::{Body, Patch, as_int};
use crate::api::visible_team;
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::state::SharedState;

/// A missing or unknown `applicability`. Sandbox's choice of ECODE.
const APPLICABILITY_INVALID: ApiError = ApiError::other(
    400,
    "applicability must be auth-and-security or user-activity",
    "AUDIT_001",
);
/// A `filter` or `pagination` of the wrong shape. Sandbox's choice of ECODE.
const QUERY_INVALID: ApiError = ApiError::other(400, "Invalid audit log query", "AUDIT_002");

/// The handler.
pub(crate) async fn search(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(workspace_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let world = state.world();
    let data = &world.data;
    let team = visible_team(data, &caller, &workspace_id)?;
    require_enterprise(team)?;
    if role_of(team, caller.user_id) != Some(1) {
        return Err(OWNER_ONLY);
    }
    let applicability = match body.string("applicability")? {
        Patch::Value(a) if a == "auth-and-security" || a == "user-activity" => a,
        _ => return Err(APPLICABILITY_INVALID),
    };
    let filter = object(body.raw("filter"))?;
    let strings = |key: &str| -> Result<Vec<String>, ApiError> {
        match filter.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.clone()),
                    Value::Number(n) => Ok(n.to_string()),
                    _ => Err(QUERY_INVALID),
                })
                .collect(),
            Some(_) => Err(QUERY_INVALID),
        }
    };
    let number =
        |map: &serde_json::Map<String, Value>, key: &str| -> Result<Option<i64>, ApiError> {
            match map.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => as_int(v).map(Some).ok_or(QUERY_INVALID),
            }
        };
    let user_ids = strings("userId")?;
    let emails: Vec<String> = strings("userEmail")?
        .iter()
        .map(|e| e.to_lowercase())
        .collect();
    let event_types = strings("eventType")?;
    let status = match filter.get("eventStatus") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(QUERY_INVALID),
    };
    let start = number(&filter, "startTime")?;
    let end = number(&filter, "endTime")?;
    let pagination = object(body.raw("pagination"))?;
    let rows = number(&pagination, "pageRows")?.unwrap_or(50).clamp(1, 100);
    let at = number(&pagination, "pageTimestamp")?.unwrap_or(now);
    let after = match pagination.get("pageDirection") {
        None | Some(Value::Null) => false,
        Some(Value::String(d)) if d == "before" => false,
        Some(Value::String(d)) if d == "after" => true,
        Some(_) => return Err(QUERY_INVALID),
    };
    let mut matching: Vec<Value> = data
        .admin
        .audit
        .iter()
        .filter(|e| e.team_id == team.id && e.applicability == applicability)
        .filter(|e| user_ids.is_empty() || user_ids.contains(&e.user.to_string()))
        .filter(|e| {
            emails.is_empty()
                || data
                    .user(e.user)
                    .is_some_and(|u| emails.contains(&u.email.to_lowercase()))
        })
        .filter(|e| event_types.is_empty() || event_types.contains(&e.event_type))
        .filter(|e| status.as_deref().is_none_or(|s| s == e.event_status))
        .filter(|e| start.is_none_or(|s| e.timestamp >= s) && end.is_none_or(|x| e.timestamp <= x))
        .filter(|e| {
            if after {
                e.timestamp > at
            } else {
                e.timestamp < at
            }
        })
        .map(|e| {
            json!({
                "id": e.id.to_string(),
                "workspaceId": e.team_id,
                "userId": e.user.to_string(),
                "userEmail": data.user(e.user).map(|u| u.email.clone()),
                "eventType": e.event_type,
                "eventStatus": e.event_status,
                "applicability": e.applicability,
                "timestamp": e.timestamp,
            })
        })
        .collect();
    matching.sort_by_key(|row| row["timestamp"].as_i64().unwrap_or_default());
    if !after {
        matching.reverse();
    }
    matching.truncate(usize::try_from(rows).unwrap_or(50));
    Ok(Json(json!({ "data": matching })))
}

/// An optional JSON object of the body (absent or `null` → empty).
fn object(value: Option<&Value>) -> Result<serde_json::Map<String, Value>, ApiError> {
    match value {
        None | Some(Value::Null) => Ok(serde_json::Map::new()),
        Some(Value::Object(map)) => Ok(map.clone()),
        Some(_) => Err(QUERY_INVALID),
    }
}

//! Webhooks: `GET`/`POST /v2/team/{team_id}/webhook` and `PUT`/`DELETE
//! /v2/webhook/{webhook_id}`.
//!
//! A webhook belongs to the user who created it: the list shows the caller's own, and only
//! they may change or delete one (another user's answers as an unknown id). Every answer
//! carries the webhook's `secret`, as ClickUp's does. A create keeps the most specific of
//! `space_id`/`folder_id`/`list_id`/`task_id` (ClickUp's documented rule); `events` are the
//! documented names or `*`, and none means all. `PUT` takes `status` `active` (on a suspended
//! webhook: active again with `fail_count` 0, ClickUp's way to revive one; a failing one stays
//! failing) or `suspended`. Nothing is ever
//! delivered. `json.rs` renders webhooks.

mod json;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::routing::{get, put};
use serde_json::{Value, json};

use crate::api::body::{Body, Patch, as_id_string};
use crate::api::task::{CustomIdQuery, locate_task};
use crate::api::{visible_folder, visible_list, visible_space, visible_team};
use crate::auth::{Caller, TokenKind};
use crate::errors::ApiError;
use crate::model::{Data, HookLocation, TeamId, Webhook};
use crate::state::SharedState;

use json::webhook_json;

/// An unknown webhook id, or another user's. The sandbox's choice (ClickUp's is undocumented).
const WEBHOOK_NOT_FOUND: ApiError = ApiError::other(404, "Webhook not found", "WEBHOOK_002");
/// An endpoint that is not an http(s) URL. The sandbox's choice.
const ENDPOINT_INVALID: ApiError = ApiError::other(400, "Invalid endpoint", "WEBHOOK_001");
/// An event name ClickUp does not document. The sandbox's choice.
const EVENTS_INVALID: ApiError = ApiError::other(400, "Invalid events", "WEBHOOK_003");
/// A `status` other than `active` or `suspended`. The sandbox's choice.
const STATUS_INVALID: ApiError = ApiError::other(400, "Invalid status", "WEBHOOK_004");
/// The same endpoint and location again for the same user ("Webhook configuration already
/// exists", as integrations report it; the ECODE is the sandbox's choice).
const WEBHOOK_EXISTS: ApiError =
    ApiError::other(400, "Webhook configuration already exists", "WEBHOOK_005");

/// The events ClickUp documents for webhooks.
pub(crate) const EVENTS: [&str; 28] = [
    "taskCreated",
    "taskUpdated",
    "taskDeleted",
    "taskPriorityUpdated",
    "taskStatusUpdated",
    "taskAssigneeUpdated",
    "taskDueDateUpdated",
    "taskTagUpdated",
    "taskMoved",
    "taskCommentPosted",
    "taskCommentUpdated",
    "taskTimeEstimateUpdated",
    "taskTimeTrackedUpdated",
    "listCreated",
    "listUpdated",
    "listDeleted",
    "folderCreated",
    "folderUpdated",
    "folderDeleted",
    "spaceCreated",
    "spaceUpdated",
    "spaceDeleted",
    "goalCreated",
    "goalUpdated",
    "goalDeleted",
    "keyResultCreated",
    "keyResultUpdated",
    "keyResultDeleted",
];

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    axum::Router::new()
        .route(
            "/api/v2/team/{team_id}/webhook",
            get(get_webhooks).post(create_webhook),
        )
        .route(
            "/api/v2/webhook/{webhook_id}",
            put(update_webhook).delete(delete_webhook),
        )
}

/// `GET /v2/team/{team_id}/webhook` → `{"webhooks": [...]}`: the caller's, oldest first.
async fn get_webhooks(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let team = visible_team(data, &caller, &team_id)?;
    let webhooks: Vec<Value> = data
        .webhooks
        .hooks
        .iter()
        .filter(|h| h.team_id == team.id && h.user == caller.user_id)
        .map(webhook_json)
        .collect();
    Ok(Json(json!({ "webhooks": webhooks })))
}

/// `POST /v2/team/{team_id}/webhook` `{endpoint, events, space_id?, folder_id?, list_id?,
/// task_id?}` → `{id, webhook}`.
async fn create_webhook(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let mut world = state.world();
    let data = &mut world.data;
    let team = visible_team(data, &caller, &team_id)?.id.clone();
    let endpoint = checked_endpoint(body.string("endpoint")?.into_option())?;
    let events = checked_events(body.raw("events"))?;
    let location = location(data, &caller, &team, &body)?;
    let exists = data.webhooks.hooks.iter().any(|h| {
        h.team_id == team
            && h.user == caller.user_id
            && h.endpoint == endpoint
            && h.location == location
    });
    if exists {
        return Err(WEBHOOK_EXISTS);
    }
    let n = data.take_id();
    let hook = Webhook {
        id: format!("{:08x}-3e6b-4b00-8c00-{n:012x}", 0x7e60_0000_u64 + n),
        team_id: team,
        user: caller.user_id,
        client_id: match caller.kind {
            TokenKind::Oauth => "SANDBOXOAUTHCLIENT".to_owned(),
            TokenKind::Personal => String::new(),
        },
        endpoint,
        events,
        location,
        status: "active".to_owned(),
        fail_count: 0,
        secret: secret(n),
    };
    let rendered = webhook_json(&hook);
    let id = hook.id.clone();
    data.webhooks.hooks.push(hook);
    Ok(Json(json!({ "id": id, "webhook": rendered })))
}

/// `PUT /v2/webhook/{webhook_id}` `{endpoint, events, status}` → `{id, webhook}`; fields not in
/// the body keep their values.
async fn update_webhook(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(webhook_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let mut world = state.world();
    let data = &mut world.data;
    let index = own_webhook(data, &caller, &webhook_id)?;
    let endpoint = match body.string("endpoint")? {
        Patch::Absent => None,
        other => Some(checked_endpoint(other.into_option())?),
    };
    let events = match body.raw("events") {
        None => None,
        events => Some(checked_events(events)?),
    };
    let status = match body.string("status")? {
        Patch::Absent => None,
        Patch::Value(s) if s == "active" || s == "suspended" => Some(s),
        _ => return Err(STATUS_INVALID),
    };
    let hook = &mut data.webhooks.hooks[index];
    if let Some(endpoint) = endpoint {
        hook.endpoint = endpoint;
    }
    if let Some(events) = events {
        hook.events = events;
    }
    match status.as_deref() {
        Some("active") if hook.status == "suspended" => {
            hook.status = "active".to_owned();
            hook.fail_count = 0;
        }
        Some("suspended") => hook.status = "suspended".to_owned(),
        _ => {}
    }
    Ok(Json(
        json!({ "id": hook.id, "webhook": webhook_json(hook) }),
    ))
}

/// `DELETE /v2/webhook/{webhook_id}` → `{}`.
async fn delete_webhook(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(webhook_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let data = &mut world.data;
    let index = own_webhook(data, &caller, &webhook_id)?;
    data.webhooks.hooks.remove(index);
    Ok(Json(json!({})))
}

/// The position of the caller's own webhook `id` in a workspace the token may use.
fn own_webhook(data: &Data, caller: &Caller, id: &str) -> Result<usize, ApiError> {
    data.webhooks
        .hooks
        .iter()
        .position(|h| h.id == id && h.user == caller.user_id && caller.may_use(&h.team_id))
        .ok_or(WEBHOOK_NOT_FOUND)
}

/// An http(s) URL with a host, trimmed.
fn checked_endpoint(endpoint: Option<String>) -> Result<String, ApiError> {
    let endpoint = endpoint.map(|e| e.trim().to_owned()).unwrap_or_default();
    let rest = endpoint
        .strip_prefix("https://")
        .or_else(|| endpoint.strip_prefix("http://"))
        .ok_or(ENDPOINT_INVALID)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || endpoint.len() > 2000 || endpoint.chars().any(char::is_whitespace) {
        return Err(ENDPOINT_INVALID);
    }
    Ok(endpoint)
}

/// `events`: an array of documented names or `*` (also a single string, as the update's spec
/// types it); absent, `null` or empty → `["*"]`.
fn checked_events(events: Option<&Value>) -> Result<Vec<String>, ApiError> {
    let names: Vec<String> = match events {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_owned).ok_or(EVENTS_INVALID))
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(EVENTS_INVALID),
    };
    if names.is_empty() || names.iter().any(|n| n == "*") {
        return Ok(vec!["*".to_owned()]);
    }
    if names.iter().any(|n| !EVENTS.contains(&n.as_str())) {
        return Err(EVENTS_INVALID);
    }
    let mut unique = Vec::new();
    for name in names {
        if !unique.contains(&name) {
            unique.push(name);
        }
    }
    Ok(unique)
}

/// The most specific location of the body, checked to be visible and in `team`.
fn location(
    data: &Data,
    caller: &Caller,
    team: &TeamId,
    body: &Body,
) -> Result<Option<HookLocation>, ApiError> {
    let id = |key: &str| -> Result<Option<String>, ApiError> {
        match body.raw(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => as_id_string(v)
                .filter(|s| !s.is_empty())
                .map(Some)
                .ok_or(ApiError::FieldTypeInvalid),
        }
    };
    let in_team = |space: &crate::model::SpaceId| {
        data.team_of_space(space)
            .is_some_and(|t| &t.id == team)
            .then_some(())
            .ok_or(ApiError::ObjectNotAuthorized)
    };
    if let Some(task) = id("task_id")? {
        let index = locate_task(data, caller, &task, &CustomIdQuery::new(None, None))?;
        let task = &data.tasks[index];
        if data.team_of_task(task).map(|t| &t.id) != Some(team) {
            return Err(ApiError::ObjectNotAuthorized);
        }
        return Ok(Some(HookLocation::Task(task.id.to_string())));
    }
    if let Some(list) = id("list_id")? {
        let list = visible_list(data, caller, &list)?;
        in_team(&list.space_id)?;
        return Ok(Some(HookLocation::List(list.id.to_string())));
    }
    if let Some(folder) = id("folder_id")? {
        let folder = visible_folder(data, caller, &folder)?;
        in_team(&folder.space_id)?;
        return Ok(Some(HookLocation::Folder(folder.id.to_string())));
    }
    if let Some(space) = id("space_id")? {
        let space = visible_space(data, caller, &space)?;
        in_team(&space.id)?;
        return Ok(Some(HookLocation::Space(space.id.to_string())));
    }
    Ok(None)
}

/// A deterministic 64-character signing secret (upper-case letters and digits, like ClickUp's).
fn secret(n: u64) -> String {
    const ALPHABET: &[u8; 36] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut state = n.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5eed_5eed_5eed_5eed;
    (0..64)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            char::from(ALPHABET[(state % 36) as usize])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_must_be_http_urls_with_a_host() {
        assert!(checked_endpoint(Some(" https://example.com/x ".into())).is_ok());
        assert!(checked_endpoint(Some("http://example.com".into())).is_ok());
        assert!(checked_endpoint(Some("ftp://example.com".into())).is_err());
        assert!(checked_endpoint(Some("https:///x".into())).is_err());
        assert!(checked_endpoint(None).is_err());
    }

    #[test]
    fn events_are_documented_names_and_none_or_a_star_means_all() {
        assert_eq!(checked_events(None).unwrap(), ["*"]);
        assert_eq!(checked_events(Some(&json!("*"))).unwrap(), ["*"]);
        assert_eq!(
            checked_events(Some(&json!(["taskCreated", "taskCreated", "listDeleted"]))).unwrap(),
            ["taskCreated", "listDeleted"]
        );
        assert!(checked_events(Some(&json!(["taskExploded"]))).is_err());
        assert!(checked_events(Some(&json!([1]))).is_err());
    }

    #[test]
    fn secrets_are_64_characters_and_differ() {
        assert_eq!(secret(1).len(), 64);
        assert_ne!(secret(1), secret(2));
    }
}

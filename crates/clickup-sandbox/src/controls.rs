//! Test controls under `/_sandbox/` (JSON in, JSON out): reset, seed users, the request log,
//! faults, runtime settings, token revocation and the clock. Errors here are
//! `{"error": "..."}`, not ClickUp's form: these endpoints are the sandbox's own.

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::faults::{FaultError, FaultSpec};
use crate::request_log::StoredRequest;
use crate::sandbox::seed_users;
use crate::state::SharedState;

/// Why a control request was refused.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ControlError {
    #[error("invalid JSON body: {0}")]
    InvalidBody(String),
    #[error("{0}")]
    InvalidFault(#[from] FaultError),
    #[error("rate_limit_per_minute must be at least 1")]
    ZeroRateLimit,
}

impl IntoResponse for ControlError {
    fn into_response(self) -> Response {
        let status = match self {
            Self::InvalidBody(_) | Self::InvalidFault(_) | Self::ZeroRateLimit => {
                StatusCode::BAD_REQUEST
            }
        };
        (status, Json(json!({ "error": self.to_string() }))).into_response()
    }
}

/// Parses a JSON body; an empty body is `{}`.
fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ControlError> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    serde_json::from_slice(body).map_err(|e| ControlError::InvalidBody(e.to_string()))
}

/// The control routes.
pub(crate) fn router() -> Router<SharedState> {
    Router::new()
        .route("/_sandbox/reset", post(reset))
        .route("/_sandbox/users", get(users))
        .route("/_sandbox/requests", get(requests).delete(clear_requests))
        .route(
            "/_sandbox/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/_sandbox/settings", get(settings).post(change_settings))
        .route("/_sandbox/tokens/revoke", post(revoke_tokens))
        .route("/_sandbox/clock", get(clock).post(advance_clock))
}

/// `POST /_sandbox/reset`: back to the seed; log, faults, codes, tokens and windows cleared.
async fn reset(State(state): State<SharedState>) -> Json<Value> {
    state.world().reset();
    Json(json!({ "ok": true }))
}

/// `GET /_sandbox/users` → `{"users": [...]}`.
async fn users(State(state): State<SharedState>) -> Json<Value> {
    let users = seed_users(&state.world().data);
    Json(json!({ "users": users }))
}

#[derive(Debug, Deserialize)]
struct SinceQuery {
    #[serde(default)]
    since: u64,
}

/// `GET /_sandbox/requests?since=seq` → `{"requests": [...]}`, entries after `since`.
async fn requests(
    State(state): State<SharedState>,
    Query(query): Query<SinceQuery>,
) -> Json<Value> {
    let entries = state.world().log.since(query.since);
    let entries: Vec<_> = entries
        .into_iter()
        .map(StoredRequest::without_response)
        .collect();
    Json(json!({ "requests": entries }))
}

/// `DELETE /_sandbox/requests`.
async fn clear_requests(State(state): State<SharedState>) -> Json<Value> {
    state.world().log.clear();
    Json(json!({ "ok": true }))
}

/// `GET /_sandbox/faults` → `{"faults": [...]}`.
async fn list_faults(State(state): State<SharedState>) -> Json<Value> {
    Json(json!({ "faults": state.world().faults.list() }))
}

/// `POST /_sandbox/faults` `{path_prefix, method?, status?, delay_ms?, malformed_body?, count?,
/// err?, ecode?}` → the fault as registered.
async fn add_fault(
    State(state): State<SharedState>,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ControlError> {
    let spec: FaultSpec = parse(&body)?;
    let fault = state.world().faults.add(spec)?;
    Ok((StatusCode::CREATED, Json(json!(fault))))
}

/// `DELETE /_sandbox/faults`.
async fn clear_faults(State(state): State<SharedState>) -> Json<Value> {
    state.world().faults.clear();
    Json(json!({ "ok": true }))
}

/// `GET /_sandbox/settings`.
async fn settings(State(state): State<SharedState>) -> Json<Value> {
    Json(json!(state.world().settings))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsChange {
    auto_approve: Option<bool>,
    issue_refresh_tokens: Option<bool>,
    rate_limit_per_minute: Option<u32>,
}

/// `POST /_sandbox/settings` `{auto_approve?, issue_refresh_tokens?, rate_limit_per_minute?}` →
/// the settings now in force.
async fn change_settings(
    State(state): State<SharedState>,
    body: Bytes,
) -> Result<Json<Value>, ControlError> {
    let change: SettingsChange = parse(&body)?;
    if change.rate_limit_per_minute == Some(0) {
        return Err(ControlError::ZeroRateLimit);
    }
    let mut world = state.world();
    let settings = &mut world.settings;
    if let Some(value) = change.auto_approve {
        settings.auto_approve = value;
    }
    if let Some(value) = change.issue_refresh_tokens {
        settings.issue_refresh_tokens = value;
    }
    if let Some(value) = change.rate_limit_per_minute {
        settings.rate_limit_per_minute = value;
    }
    Ok(Json(json!(*settings)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Revoke {
    user_id: u64,
}

/// `POST /_sandbox/tokens/revoke` `{user_id}` → `{"revoked": n}`: every OAuth access and refresh
/// token of the user stops working (personal tokens are not affected).
async fn revoke_tokens(
    State(state): State<SharedState>,
    body: Bytes,
) -> Result<Json<Value>, ControlError> {
    let revoke: Revoke = parse(&body)?;
    let revoked = state.world().oauth.revoke_user(revoke.user_id);
    Ok(Json(json!({ "revoked": revoked })))
}

/// `GET /_sandbox/clock` → `{"now_ms": ...}`.
async fn clock(State(state): State<SharedState>) -> Json<Value> {
    Json(json!({ "now_ms": state.now_ms() }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    advance_secs: u64,
}

/// `POST /_sandbox/clock` `{advance_secs}` → `{"now_ms": ...}`: moves the sandbox's clock forward.
async fn advance_clock(
    State(state): State<SharedState>,
    body: Bytes,
) -> Result<Json<Value>, ControlError> {
    let advance: Advance = parse(&body)?;
    state.clock().advance_secs(advance.advance_secs);
    Ok(Json(json!({ "now_ms": state.now_ms() })))
}

//! `GET /health`: liveness and the database check.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde_json::json;

use crate::audit::rfc3339;
use crate::state::AppState;

/// 200 with `{status, version, timestamp, checks:{database}}`, or 503 when the database is down.
pub async fn health(State(state): State<AppState>) -> impl IntoResponse {
    let database_ok = state.store.ping().await.is_ok();
    let status = if database_ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = json!({
        "status": if database_ok { "healthy" } else { "unhealthy" },
        "version": env!("CARGO_PKG_VERSION"),
        "timestamp": rfc3339(state.clock.now()),
        "checks": { "database": if database_ok { "ok" } else { "unreachable" } },
    });
    (status, Json(body))
}

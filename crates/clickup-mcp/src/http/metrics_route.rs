//! `GET /metrics`: the Prometheus text of [`crate::metrics`], for `Authorization: Bearer
//! <METRICS_TOKEN>` only. Without `METRICS_TOKEN` the route is not mounted, so it is a 404
//! like any unknown path.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::state::AppState;
use crate::web::error::ApiError;

/// `GET /metrics`: authenticate → read the live sessions → encode.
pub(crate) async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !presents_metrics_token(&state, &headers) {
        return unauthorized();
    }
    let live_sessions = match state.store.count_live_sessions(state.clock.now()).await {
        Ok(live) => Some(live),
        Err(err) => {
            tracing::warn!(error = %err, "failed to count live sessions for /metrics");
            None
        }
    };
    match state.metrics.encode(live_sessions) {
        Ok(text) => ([(header::CONTENT_TYPE, crate::metrics::CONTENT_TYPE)], text).into_response(),
        Err(_) => {
            ApiError::Internal(anyhow::anyhow!("failed to encode the metrics")).into_response()
        }
    }
}

/// Exactly one `Authorization: Bearer <METRICS_TOKEN>` header.
fn presents_metrics_token(state: &AppState, headers: &HeaderMap) -> bool {
    crate::auth::sessions::bearer_token(headers).is_ok_and(|token| state.metrics.admits(token))
}

/// 401 with a challenge; the same answer for a missing, malformed or wrong token.
fn unauthorized() -> Response {
    let mut response = (
        StatusCode::UNAUTHORIZED,
        Json(crate::web::error::error_body(
            "invalid_token",
            "GET /metrics needs Authorization: Bearer <METRICS_TOKEN>.",
            None,
        )),
    )
        .into_response();
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static(r#"Bearer realm="metrics""#),
    );
    response
}

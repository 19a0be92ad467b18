//! Responses the HTTP routes and the MCP authorization server's handlers share: redirects,
//! no-store answers, and whether a request came to `PUBLIC_URL`'s host.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::state::AppState;
use crate::web::error::ApiError;

/// Whether the request came to `PUBLIC_URL`'s host (a flow that sets cookies must run there).
pub(crate) fn is_public_host(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let public = &state.public_url;
    let expected = match public.port() {
        Some(port) => format!("{}:{port}", public.host_str().unwrap_or_default()),
        None => public.host_str().unwrap_or_default().to_owned(),
    };
    host.eq_ignore_ascii_case(&expected)
}

/// A 302 Found to `location` (docs/architecture.md, "Request flow"; axum's `Redirect::to` answers 303).
pub(crate) fn found(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => (StatusCode::FOUND, [(header::LOCATION, value)]).into_response(),
        Err(_) => ApiError::internal(anyhow::anyhow!("a redirect location is not a valid header"))
            .into_response(),
    }
}

/// Token-bearing answers must never be cached.
pub(crate) fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
        .headers_mut()
        .insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

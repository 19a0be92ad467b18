//! One access-log line per request, at INFO, on the target `clickup_mcp::access`: method, route
//! (the route's pattern, e.g. `/mcp/x/{toolsets}`, never the path with its values and never the
//! query string, which carries OAuth codes and states), status, latency, a request id and the
//! user, once authentication has found one. Never a header, so never a token.
//!
//! The request id is made here (an incoming `X-Request-Id` is not trusted: it would let a caller
//! write into the log) and returned as `X-Request-Id`; everything logged while the request runs
//! is in its span, so its lines carry it too.
//!
//! The same middleware feeds `clickup_mcp_http_requests_total` and
//! `clickup_mcp_http_request_duration_seconds` (`crate::metrics`), labelled by the same route
//! pattern, so the number of series stays bounded.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use crate::metrics::Metrics;

/// Where a handler puts the id of the user it authenticated, for the access log.
#[derive(Clone, Debug, Default)]
pub(crate) struct LoggedUser(Arc<OnceLock<u64>>);

impl LoggedUser {
    /// Record the request's user (the first one set wins).
    pub(crate) fn set(&self, user_id: u64) {
        let _ = self.0.set(user_id);
    }
}

/// The middleware (`axum::middleware::from_fn_with_state`); it also counts the request and its
/// latency in the metrics, by route pattern.
pub(crate) async fn access_log(
    State(metrics): State<Arc<Metrics>>,
    mut request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let request_id = hex::encode(crate::random::bytes::<8>());
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(no route)", MatchedPath::as_str)
        .to_owned();
    let user = LoggedUser::default();
    request.extensions_mut().insert(user.clone());
    let span = tracing::info_span!(
        "request",
        request_id = %request_id,
        http.method = %method,
        http.route = %route
    );
    let mut response = next.run(request).instrument(span.clone()).await;
    let latency = started.elapsed();
    let latency_ms = u64::try_from(latency.as_millis()).unwrap_or(u64::MAX);
    let status = response.status().as_u16();
    metrics.http_request(&method, &route, status, latency.as_secs_f64());
    span.in_scope(|| {
        tracing::info!(
            target: "clickup_mcp::access",
            status,
            latency_ms,
            user_id = user.0.get().copied(),
            "{method} {route} {status} {latency_ms}ms"
        );
    });
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

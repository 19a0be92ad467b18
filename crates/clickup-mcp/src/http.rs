//! The HTTP surface of `serve`: routes (thin) and the layers around them.
//!
//! - [`access_log`]: a line per request (and its request id), around every route.
//! - [`health`]: `GET /health`.
//! - [`metrics_route`]: `GET /metrics`, mounted only when `METRICS_TOKEN` is set.
//! - [`mcp_route`]: `POST /mcp` (and its toolset URLs), the MCP endpoint; [`mcp_body`]: what
//!   kind of body it got; [`mcp_bare`]: the seed's bare `{"method":…}` form.
//! - [`auth_routes`]: `/auth/login`, `/auth/callback`, `/auth/refresh`, `/auth/logout`, `/auth/me`.
//! - [`pages`]: the HTML pages people see (their shell: `crate::web::page_shell`).
//! - [`account`]: `/account`, the account page (its HTML: [`account_page`]).
//! - The MCP authorization server's routes (`/.well-known/*`, `/register`, `/authorize`,
//!   `/token`, `/revoke`) are handled in [`crate::oauth`].
//! - The error type at the edge, request origins and shared responses are in [`crate::web`].

pub mod access_log;
pub mod account;
pub(crate) mod account_page;
pub mod auth_routes;
pub mod health;
mod host_header;
pub mod mcp_bare;
pub mod mcp_body;
pub mod mcp_route;
pub(crate) mod metrics_route;
pub mod pages;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::routing::{get, post};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::oauth;
use crate::state::AppState;

/// Request bodies larger than this are refused with 413.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The whole router.
pub fn router(
    state: AppState,
    allowed_origins: &[String],
    shutdown: tokio_util::sync::CancellationToken,
) -> Router {
    let origins: Vec<HeaderValue> = allowed_origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST])
        // What a browser MCP client sends and must read (Streamable HTTP, auth challenges,
        // limits).
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            HeaderName::from_static("mcp-protocol-version"),
            HeaderName::from_static("mcp-method"),
            HeaderName::from_static("mcp-name"),
            HeaderName::from_static("mcp-session-id"),
            HeaderName::from_static("last-event-id"),
        ])
        .expose_headers([
            header::WWW_AUTHENTICATE,
            header::RETRY_AFTER,
            HeaderName::from_static("mcp-protocol-version"),
            HeaderName::from_static("mcp-session-id"),
            HeaderName::from_static("x-ratelimit-limit"),
            HeaderName::from_static("x-ratelimit-remaining"),
            HeaderName::from_static("x-ratelimit-reset"),
        ]);
    let mcp_methods = || {
        post(mcp_route::post)
            .get(mcp_route::method_not_allowed)
            .delete(mcp_route::method_not_allowed)
    };
    // One endpoint, several surfaces (toolsets and read-only by URL): see `mcp_route`.
    let mcp = Router::new()
        .route("/mcp", mcp_methods())
        .route("/mcp/readonly", mcp_methods())
        .route("/mcp/x/{toolsets}", mcp_methods())
        .route("/mcp/x/{toolsets}/readonly", mcp_methods())
        .with_state(mcp_route::McpRoute::new(
            state.clone(),
            allowed_origins,
            shutdown,
        ));
    let metrics = Arc::clone(&state.metrics);
    // Without METRICS_TOKEN there is no such route: a 404 like any unknown path.
    let scrape = if metrics.is_exposed() {
        Router::new().route("/metrics", get(metrics_route::metrics))
    } else {
        Router::new()
    };
    Router::new()
        .merge(scrape)
        .route("/", get(pages::home))
        .route("/health", get(health::health))
        .route("/auth/login", get(auth_routes::login))
        .route("/auth/callback", get(auth_routes::callback))
        .route("/auth/signed-in", get(pages::signed_in))
        .route("/auth/refresh", post(auth_routes::refresh))
        .route("/auth/logout", post(auth_routes::logout))
        .route("/auth/me", get(auth_routes::me))
        .route("/account", get(account::page))
        .route("/account/sign-in", get(account::sign_in))
        .route("/account/revoke", post(account::revoke))
        .route(
            "/account/sign-out-everywhere",
            post(account::sign_out_everywhere),
        )
        .route(
            "/.well-known/oauth-protected-resource",
            get(oauth::metadata::protected_resource),
        )
        .route(
            "/.well-known/oauth-protected-resource/mcp",
            get(oauth::metadata::protected_resource),
        )
        // RFC 9728 path-suffixed discovery from a toolset URL: the same resource, `/mcp`.
        .route(
            "/.well-known/oauth-protected-resource/mcp/{*surface}",
            get(oauth::metadata::protected_resource),
        )
        .route(
            "/.well-known/oauth-authorization-server",
            get(oauth::metadata::authorization_server),
        )
        .route("/register", post(oauth::registration::register))
        .route("/authorize", get(oauth::authorize::authorize))
        .route("/authorize/consent", post(oauth::authorize::consent))
        .route("/token", post(oauth::token::token))
        .route("/revoke", post(oauth::revoke::revoke))
        .fallback(|| async { crate::web::error::ApiError::NotFound })
        .with_state(state)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .merge(mcp)
        .layer(cors)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(axum::middleware::from_fn_with_state(
            metrics,
            access_log::access_log,
        ))
        .layer(axum::middleware::from_fn(host_header::host_from_authority))
}

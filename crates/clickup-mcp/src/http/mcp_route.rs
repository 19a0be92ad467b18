//! `POST /mcp`: the checks in the order of docs/architecture.md, "Request flow" — body limit → Origin → JWT → session → rate
//! limit → scope — then the seed's bare form or rmcp's Streamable HTTP transport (stateless,
//! JSON answers). Tier and tool checks happen in the MCP core. The scope check (an MCP client's
//! read-only token calling a write tool) is made here, by peeking at the JSON-RPC or bare body,
//! because its refusal is an HTTP 403 with a step-up challenge rather than a tool result. Every answer carries the
//! `X-RateLimit-*` headers once the caller is known; a 401 points at the protected-resource
//! metadata.

use std::sync::Arc;

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use serde_json::json;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;

use crate::audit::{AuditEvent, AuditRecord};
use crate::auth::sessions;
use crate::domain::Tier;
use crate::http::access_log::LoggedUser;
use crate::http::mcp_bare as bare;
use crate::http::mcp_body::{self, McpBody};
use crate::limits::Decision;
use crate::mcp::caller::Caller;
use crate::mcp::core::{McpCore, Mode};
use crate::mcp::handler::McpHandler;
use crate::oauth::scopes::Scope;
use crate::state::AppState;
use crate::web::error::ApiError;
use clickup_tools::toolsets::Surface;

/// The largest `/mcp` body accepted (a bulk call of 100 tasks with descriptions fits).
pub const MAX_MCP_BODY_BYTES: usize = 2 * 1024 * 1024;

/// What the `/mcp` route needs.
#[derive(Clone)]
pub struct McpRoute {
    state: AppState,
    core: McpCore,
    transport: StreamableHttpService<McpHandler, LocalSessionManager>,
    allowed_origins: Arc<Vec<String>>,
    allowed_hosts: Arc<Vec<String>>,
}

impl std::fmt::Debug for McpRoute {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("McpRoute").finish_non_exhaustive()
    }
}

impl McpRoute {
    /// Build the route's state: the hosted core and rmcp's transport, with rmcp's own host and
    /// origin checks set from `PUBLIC_URL` and `ALLOWED_ORIGINS`.
    pub fn new(state: AppState, allowed_origins: &[String], shutdown: CancellationToken) -> Self {
        let core = McpCore::new(
            Arc::new(clickup_tools::catalogue()),
            Mode::Hosted(state.clone()),
        );
        let public = &state.public_url;
        let host = public.host_str().unwrap_or("localhost").to_owned();
        let mut names = vec![host.clone()];
        if matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]") {
            // A loopback PUBLIC_URL: the loopback addresses name the same server, and DNS
            // rebinding cannot point them elsewhere.
            names.extend(["localhost", "127.0.0.1", "[::1]"].map(str::to_owned));
            names.dedup();
        }
        let mut hosts = names.clone();
        if let Some(port) = public.port() {
            hosts.extend(names.iter().map(|name| format!("{name}:{port}")));
        }
        let mut config = StreamableHttpServerConfig::default()
            .with_legacy_session_mode(false)
            .with_json_response(true)
            .with_sse_keep_alive(None)
            .with_allowed_hosts(hosts.clone())
            .with_max_request_body_bytes(MAX_MCP_BODY_BYTES)
            .with_cancellation_token(shutdown);
        config = if allowed_origins.is_empty() {
            config.enforce_origin_validation()
        } else {
            config.with_allowed_origins(allowed_origins.iter().cloned())
        };
        let handler_core = core.clone();
        let transport = StreamableHttpService::new(
            move || Ok(McpHandler::new(handler_core.clone())),
            Arc::new(LocalSessionManager::default()),
            config,
        );
        Self {
            state,
            core,
            transport,
            allowed_origins: Arc::new(allowed_origins.to_vec()),
            allowed_hosts: Arc::new(names),
        }
    }
}

/// `POST /mcp`, `/mcp/readonly`, `/mcp/x/{toolsets}` and `/mcp/x/{toolsets}/readonly`.
pub async fn post(State(route): State<McpRoute>, request: Request) -> Response {
    let (mut parts, body) = request.into_parts();
    // rmcp checks the host of JSON-RPC requests; the seed's bare form never reaches rmcp, so
    // both forms are checked here, first.
    if !host_allowed(&parts, &route.allowed_hosts) {
        return ApiError::ForbiddenHost.into_response();
    }
    let surface = match surface_of(parts.uri.path()) {
        Ok(surface) => surface.within(&route.state.enabled_toolsets),
        Err(response) => return *response,
    };
    let body = match read_body(&parts.headers, body).await {
        Ok(body) => body,
        Err(err) => return err.into_response(),
    };
    if !origin_allowed(&parts.headers, &route.allowed_origins) {
        return ApiError::ForbiddenOrigin.into_response();
    }
    let state = &route.state;
    let auth = match sessions::authenticate(state, &parts.headers).await {
        Ok(auth) => auth,
        Err(err) => return unauthorized(state, err.into()),
    };
    let user = auth.user;
    if let Some(logged) = parts.extensions.get::<LoggedUser>() {
        logged.set(user.id.0);
    }
    let decision = match check_rate_limit(state, &user).await {
        Ok(decision) => decision,
        Err((err, decision)) => {
            if matches!(err, ApiError::RateLimited { .. }) {
                state.metrics.rate_limited(user.tier);
            }
            return with_limit_headers(err.into_response(), decision);
        }
    };
    let scope = match &auth.grant {
        Some(grant) => Scope::of_token(&grant.scope),
        // A seed session token (`/auth/*`): full access within the tier.
        None => Scope::ReadWrite,
    };
    let caller = Caller {
        user,
        scope,
        origin: crate::web::request_origin::origin_of(&parts),
        surface,
    };
    let value = match mcp_body::classify(&parts.headers, &body) {
        McpBody::Refused(response) => return with_limit_headers(response, decision),
        McpBody::Bare(value) | McpBody::JsonRpc(value) => value,
    };
    if let Some(tool) = write_tool_beyond_scope(&route.core, &caller, &value) {
        return with_limit_headers(insufficient_scope(state, &tool), decision);
    }
    let response = if bare::is_bare(&value) {
        let (status, body) = bare::handle(&route.core, &caller, value).await;
        (status, Json(body)).into_response()
    } else {
        parts.extensions.insert(caller);
        let request = Request::from_parts(parts, Body::from(body));
        let response = match route.transport.clone().oneshot(request).await {
            Ok(response) => response.map(Body::new),
            Err(never) => match never {},
        };
        mcp_body::normalize_transport_refusal(response).await
    };
    with_limit_headers(response, decision)
}

/// What the URL serves: `/mcp` the default toolsets, `/mcp/x/tasks,time` those toolsets
/// (`all`: every one), and `/readonly` at the end only the read-only tools. An unknown toolset
/// is a 404 naming the valid ones.
fn surface_of(path: &str) -> Result<Surface, Box<Response>> {
    let path = path.trim_end_matches('/');
    let (rest, read_only) = match path.strip_suffix("/readonly") {
        Some(rest) => (rest, true),
        None => (path, false),
    };
    let surface = match rest.strip_prefix("/mcp/x/") {
        Some(list) => Surface::parse(list).map_err(|err| {
            Box::new(
                (
                    StatusCode::NOT_FOUND,
                    Json(crate::web::error::error_body(
                        "not_found",
                        &format!(
                            "This server has no such MCP URL: {err}. Use /mcp, /mcp/readonly, \
                             /mcp/x/{{toolsets}} or /mcp/x/{{toolsets}}/readonly."
                        ),
                        None,
                    )),
                )
                    .into_response(),
            )
        })?,
        None => Surface::default(),
    };
    Ok(if read_only {
        surface.read_only()
    } else {
        surface
    })
}

/// `GET` and `DELETE /mcp`: this server is stateless and opens no SSE stream.
pub async fn method_not_allowed() -> Response {
    let mut response = (
        StatusCode::METHOD_NOT_ALLOWED,
        Json(crate::web::error::error_body(
            "method_not_allowed",
            "Use POST for /mcp; this server keeps no sessions and opens no event stream.",
            None,
        )),
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("POST"));
    response
}

async fn read_body(headers: &HeaderMap, body: Body) -> Result<Bytes, ApiError> {
    let too_large = ApiError::PayloadTooLarge {
        limit: MAX_MCP_BODY_BYTES,
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > MAX_MCP_BODY_BYTES) {
        return Err(too_large);
    }
    axum::body::to_bytes(body, MAX_MCP_BODY_BYTES)
        .await
        .map_err(|_| too_large)
}

/// The request's host name (`Host`, or the authority of an HTTP/2 request; any port, as rmcp
/// matches a name given without one) is one `PUBLIC_URL` names. A request without one, or with
/// one that does not parse, is refused too.
fn host_allowed(parts: &axum::http::request::Parts, allowed_names: &[String]) -> bool {
    let authority = match parts.headers.get(header::HOST) {
        Some(host) => host
            .to_str()
            .ok()
            .and_then(|h| axum::http::uri::Authority::try_from(h).ok()),
        None => parts.uri.authority().cloned(),
    };
    authority.is_some_and(|authority| {
        allowed_names
            .iter()
            .any(|name| name.eq_ignore_ascii_case(authority.host()))
    })
}

fn origin_allowed(headers: &HeaderMap, allowed: &[String]) -> bool {
    match headers.get(header::ORIGIN) {
        None => true,
        Some(origin) => origin.to_str().is_ok_and(|origin| {
            allowed
                .iter()
                .any(|a| a.eq_ignore_ascii_case(origin.trim_end_matches('/')))
        }),
    }
}

/// A 401 whose `WWW-Authenticate` points at the protected-resource metadata (RFC 9728).
fn unauthorized(state: &AppState, err: ApiError) -> Response {
    let status = err.status();
    let error = match &err {
        ApiError::InvalidToken("missing_token") => None,
        ApiError::InvalidToken(_) | ApiError::TokenExpired { .. } | ApiError::TokenMalformed => {
            Some("invalid_token")
        }
        _ => None,
    };
    let mut response = err.into_response();
    if status == StatusCode::UNAUTHORIZED {
        let metadata = format!(
            "{}/.well-known/oauth-protected-resource/mcp",
            state.public_url()
        );
        let value = match error {
            Some(error) => format!(r#"Bearer error="{error}", resource_metadata="{metadata}""#),
            None => format!(r#"Bearer resource_metadata="{metadata}""#),
        };
        if let Ok(value) = HeaderValue::from_str(&value) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, value);
        }
    }
    response
}

/// The first tool a `tools/call` in `body` (JSON-RPC or bare; one message or a batch) names
/// that the caller's scope does not allow, if any. Unknown tools, and tools this URL does not
/// serve, are left to the core to refuse (a wider grant would not help).
fn write_tool_beyond_scope(
    core: &McpCore,
    caller: &Caller,
    body: &serde_json::Value,
) -> Option<String> {
    if caller.scope == Scope::ReadWrite {
        return None;
    }
    let messages = match body {
        serde_json::Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    messages.into_iter().find_map(|message| {
        if message.get("method").and_then(|m| m.as_str()) != Some("tools/call") {
            return None;
        }
        let name = message.pointer("/params/name")?.as_str()?;
        (core.is_read_only(name) == Some(false) && core.serves(Some(caller), name))
            .then(|| name.to_owned())
    })
}

/// 403 `insufficient_scope` with the step-up challenge (RFC 6750 §3.1, MCP authorization):
/// the scope that would allow the call and where the resource metadata is.
fn insufficient_scope(state: &AppState, tool: &str) -> Response {
    let message = format!(
        "{} changes ClickUp, but this token allows read-only tools (scope clickup:read). Authorize again with clickup:write.",
        tool.chars()
            .filter(|c| !c.is_control())
            .take(64)
            .collect::<String>()
    );
    let mut response = (
        StatusCode::FORBIDDEN,
        Json(crate::web::error::error_body(
            "insufficient_scope",
            &message,
            None,
        )),
    )
        .into_response();
    let challenge = format!(
        r#"Bearer error="insufficient_scope", scope="{}", resource_metadata="{}/.well-known/oauth-protected-resource/mcp""#,
        Scope::ReadWrite.as_str(),
        state.public_url()
    );
    if let Ok(value) = HeaderValue::from_str(&challenge) {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, value);
    }
    response
}

/// Count this request against the user's per-minute limit (when limiting is on).
async fn check_rate_limit(
    state: &AppState,
    user: &crate::domain::User,
) -> Result<Option<Decision>, (ApiError, Option<Decision>)> {
    if !state.limits.enabled {
        return Ok(None);
    }
    let limit = match user.tier {
        Tier::Free => state.limits.free_per_minute,
        Tier::Premium => state.limits.premium_per_minute,
    };
    let decision = state
        .limiter
        .check(user.id, limit, state.clock.now_ms())
        .await
        .map_err(|err| (ApiError::internal(err), None))?;
    if decision.allowed {
        return Ok(Some(decision));
    }
    if decision.first_refusal {
        let record = AuditRecord::new(AuditEvent::RateLimited, state.clock.now())
            .user(user.id)
            .details(json!({ "limit": limit, "tier": user.tier }));
        state.auditor.record_later(record);
    }
    Err((
        ApiError::RateLimited {
            retry_after_secs: decision.retry_after_secs.max(1),
        },
        Some(decision),
    ))
}

fn with_limit_headers(mut response: Response, decision: Option<Decision>) -> Response {
    if let Some(d) = decision {
        let headers = response.headers_mut();
        for (name, value) in [
            ("x-ratelimit-limit", d.limit.to_string()),
            ("x-ratelimit-remaining", d.remaining.to_string()),
            ("x-ratelimit-reset", d.reset_epoch.to_string()),
        ] {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(name, value);
            }
        }
    }
    response
}

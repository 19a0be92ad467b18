//! Discovery: the protected-resource metadata (RFC 9728) that every 401 from `/mcp` points at,
//! and the authorization-server metadata (RFC 8414) it leads to. Both are derived from
//! `PUBLIC_URL` alone.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::oauth::{issuer, pkce, resource_url, scopes};
use crate::state::AppState;

/// Metadata may be cached briefly by clients.
const CACHE_CONTROL: &str = "public, max-age=300";

/// `GET /.well-known/oauth-protected-resource` and `…/oauth-protected-resource/mcp`.
pub async fn protected_resource(State(state): State<AppState>) -> Response {
    cacheable(Json(protected_resource_document(&state)).into_response())
}

/// `GET /.well-known/oauth-authorization-server`.
pub async fn authorization_server(State(state): State<AppState>) -> Response {
    cacheable(Json(authorization_server_document(&state)).into_response())
}

/// The RFC 9728 document.
pub fn protected_resource_document(state: &AppState) -> Value {
    json!({
        "resource": resource_url(state),
        "authorization_servers": [issuer(state)],
        "scopes_supported": scopes::SUPPORTED,
        "bearer_methods_supported": ["header"],
        "resource_name": "ClickUp MCP server",
    })
}

/// The RFC 8414 document; `issuer` is `PUBLIC_URL` exactly.
pub fn authorization_server_document(state: &AppState) -> Value {
    let base = issuer(state);
    let auth_methods = ["none", "client_secret_basic", "client_secret_post"];
    json!({
        "issuer": base,
        "authorization_endpoint": format!("{base}/authorize"),
        "token_endpoint": format!("{base}/token"),
        "registration_endpoint": format!("{base}/register"),
        "revocation_endpoint": format!("{base}/revoke"),
        "scopes_supported": scopes::SUPPORTED,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "token_endpoint_auth_methods_supported": auth_methods,
        "revocation_endpoint_auth_methods_supported": auth_methods,
        "code_challenge_methods_supported": [pkce::METHOD],
        "authorization_response_iss_parameter_supported": true,
        "client_id_metadata_document_supported": true,
    })
}

fn cacheable(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    response
}

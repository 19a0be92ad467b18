//! The error answers of the OAuth endpoints (`/register`, `/token`, `/revoke`): RFC 6749 §5.2
//! form `{"error", "error_description"}` (docs/architecture.md, "HTTP error bodies"), never cached. The match is exhaustive: a
//! new variant forces a decision about its status. A 5xx says nothing about its cause, which is
//! logged once here.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::store::StoreError;

/// Every way an OAuth endpoint request can fail.
#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    /// A parameter is missing, repeated or malformed.
    #[error("invalid_request: {0}")]
    InvalidRequest(&'static str),
    /// Client authentication failed (unknown client, wrong or missing secret, wrong method).
    #[error("invalid_client")]
    InvalidClient {
        /// The client tried HTTP Basic: the answer carries `WWW-Authenticate: Basic`.
        basic: bool,
    },
    /// The code or refresh token is invalid, expired, used, revoked, or not this client's, or
    /// the redirect URI or PKCE verifier does not match.
    #[error("invalid_grant: {0}")]
    InvalidGrant(&'static str),
    /// The client may not use this grant type.
    #[error("unauthorized_client")]
    UnauthorizedClient(&'static str),
    /// Not `authorization_code` or `refresh_token`.
    #[error("unsupported_grant_type")]
    UnsupportedGrantType,
    /// The scope is unknown or wider than granted.
    #[error("invalid_scope: {0}")]
    InvalidScope(&'static str),
    /// `resource` is not this server's MCP endpoint (RFC 8707).
    #[error("invalid_target")]
    InvalidTarget,
    /// Registration: a redirect URI is refused (RFC 7591 §3.2.2); the text says which and why.
    #[error("invalid_redirect_uri: {0}")]
    InvalidRedirectUri(String),
    /// Registration: other metadata is refused; the text says which field and why.
    #[error("invalid_client_metadata: {0}")]
    InvalidClientMetadata(String),
    /// Registration: too many from this address.
    #[error("rate limited")]
    RateLimited {
        /// Seconds until a registration is accepted again.
        retry_after_secs: u64,
    },
    /// The database is unavailable.
    #[error("temporarily unavailable")]
    Unavailable,
    /// Anything else: logged, never sent.
    #[error("server error")]
    Internal(#[source] anyhow::Error),
}

impl OAuthError {
    /// An internal error from any cause.
    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        OAuthError::Internal(err.into())
    }

    fn parts(&self) -> (StatusCode, &'static str, String) {
        match self {
            OAuthError::InvalidRequest(what) => (
                StatusCode::BAD_REQUEST,
                "invalid_request",
                (*what).to_owned(),
            ),
            OAuthError::InvalidClient { .. } => (
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "Client authentication failed.".into(),
            ),
            OAuthError::InvalidGrant(what) => {
                (StatusCode::BAD_REQUEST, "invalid_grant", (*what).to_owned())
            }
            OAuthError::UnauthorizedClient(what) => (
                StatusCode::BAD_REQUEST,
                "unauthorized_client",
                (*what).to_owned(),
            ),
            OAuthError::UnsupportedGrantType => (
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "grant_type must be authorization_code or refresh_token.".into(),
            ),
            OAuthError::InvalidScope(what) => {
                (StatusCode::BAD_REQUEST, "invalid_scope", (*what).to_owned())
            }
            OAuthError::InvalidTarget => (
                StatusCode::BAD_REQUEST,
                "invalid_target",
                "resource must be this server's MCP endpoint.".into(),
            ),
            OAuthError::InvalidRedirectUri(what) => (
                StatusCode::BAD_REQUEST,
                "invalid_redirect_uri",
                what.clone(),
            ),
            OAuthError::InvalidClientMetadata(what) => (
                StatusCode::BAD_REQUEST,
                "invalid_client_metadata",
                what.clone(),
            ),
            OAuthError::RateLimited { retry_after_secs } => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                format!("Too many registrations from this address; retry in {retry_after_secs} s."),
            ),
            OAuthError::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "temporarily_unavailable",
                "The service is temporarily unavailable.".into(),
            ),
            OAuthError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "server_error",
                "Something went wrong on our side.".into(),
            ),
        }
    }
}

impl From<StoreError> for OAuthError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Database(_) => {
                tracing::error!(error = ?err, "database unavailable");
                OAuthError::Unavailable
            }
            other => OAuthError::internal(other),
        }
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let (status, code, description) = self.parts();
        if let OAuthError::Internal(cause) = &self {
            tracing::error!(error.cause = ?cause, "OAuth request failed");
        }
        let body = json!({ "error": code, "error_description": description });
        let mut response = no_store((status, Json(body)).into_response());
        match &self {
            OAuthError::InvalidClient { basic: true } => {
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static(r#"Basic realm="clickup-mcp""#),
                );
            }
            OAuthError::RateLimited { retry_after_secs } => {
                if let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                    response.headers_mut().insert(header::RETRY_AFTER, value);
                }
            }
            OAuthError::InvalidRequest(_)
            | OAuthError::InvalidClient { basic: false }
            | OAuthError::InvalidGrant(_)
            | OAuthError::UnauthorizedClient(_)
            | OAuthError::UnsupportedGrantType
            | OAuthError::InvalidScope(_)
            | OAuthError::InvalidTarget
            | OAuthError::InvalidRedirectUri(_)
            | OAuthError::InvalidClientMetadata(_)
            | OAuthError::Unavailable
            | OAuthError::Internal(_) => {}
        }
        response
    }
}

/// `Cache-Control: no-store` and `Pragma: no-cache`: answers that carry tokens, codes or
/// secrets (and their errors) must never be cached (RFC 6749 §5.1).
pub fn no_store(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

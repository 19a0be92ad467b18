//! The one error type at the HTTP edge, and its response: `{"error":{"code","message","details"?}}`
//! (docs/architecture.md, "HTTP error bodies"). The match in `into_response` is exhaustive: a new variant forces a decision about
//! its status and body. A 5xx body says nothing about the cause; the cause is logged once here.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::audit::rfc3339;
use crate::auth::error::AuthError;
use crate::auth::jwt::TokenError;
use crate::domain::EpochSeconds;

/// Every way a request to the seed endpoints can fail.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is missing something or has a bad value; the message says what.
    #[error("invalid request: {0}")]
    InvalidRequest(&'static str),
    /// The login `state` is missing, unknown, used, expired, or from another browser.
    #[error("invalid state: {0}")]
    InvalidState(&'static str),
    /// The user refused at ClickUp.
    #[error("access denied")]
    AccessDenied,
    /// The bearer token was refused; the reason goes to `details.reason`.
    #[error("invalid token: {0}")]
    InvalidToken(&'static str),
    /// The bearer token is past its expiry.
    #[error("token expired")]
    TokenExpired {
        /// Its `exp`.
        expired_at: EpochSeconds,
    },
    /// The bearer value is not a JWT.
    #[error("token malformed")]
    TokenMalformed,
    /// A refresh could not be done; the reason goes to `details.reason`.
    #[error("refresh failed: {0}")]
    RefreshFailed(&'static str),
    /// A browser `Origin` that is not in `ALLOWED_ORIGINS`.
    #[error("forbidden origin")]
    ForbiddenOrigin,
    /// A `Host` this server does not answer for (DNS rebinding): only `PUBLIC_URL`'s.
    #[error("forbidden host")]
    ForbiddenHost,
    /// No such route or object.
    #[error("not found")]
    NotFound,
    /// The request body is larger than the limit.
    #[error("payload too large")]
    PayloadTooLarge {
        /// The limit, bytes.
        limit: usize,
    },
    /// The per-user rate limit is spent.
    #[error("rate limited")]
    RateLimited {
        /// Seconds until a request is accepted again.
        retry_after_secs: u64,
    },
    /// ClickUp refused or failed; `ecode` is ClickUp's code when it sent one.
    #[error("upstream error")]
    Upstream {
        /// ClickUp's ECODE.
        ecode: Option<String>,
        /// What we were doing, for the message.
        action: &'static str,
    },
    /// ClickUp did not answer in time.
    #[error("network timeout")]
    NetworkTimeout,
    /// A dependency (the database) is unavailable.
    #[error("unavailable")]
    Unavailable,
    /// Anything else: logged here, never sent.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    /// An internal error from any cause.
    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        ApiError::Internal(err.into())
    }

    /// The HTTP status of the answer.
    pub fn status(&self) -> StatusCode {
        self.parts().0
    }

    /// The machine code of the body.
    pub fn code(&self) -> &'static str {
        self.parts().1
    }

    fn parts(&self) -> (StatusCode, &'static str, String, Option<Value>) {
        match self {
            ApiError::InvalidRequest(what) => (StatusCode::BAD_REQUEST, "invalid_request", (*what).to_owned(), None),
            ApiError::InvalidState(reason) => (
                StatusCode::BAD_REQUEST,
                "invalid_state",
                "State parameter validation failed. Start the login again from /auth/login in the same browser.".into(),
                Some(json!({ "reason": reason })),
            ),
            ApiError::AccessDenied => (
                StatusCode::BAD_REQUEST,
                "access_denied",
                "Authorization was denied at ClickUp. Start the login again from /auth/login to retry.".into(),
                None,
            ),
            ApiError::InvalidToken(reason) => (
                StatusCode::UNAUTHORIZED,
                "invalid_token",
                "The session token is invalid. Log in again at /auth/login.".into(),
                Some(json!({ "reason": reason })),
            ),
            ApiError::TokenExpired { expired_at } => (
                StatusCode::UNAUTHORIZED,
                "token_expired",
                "The session token has expired. Log in again at /auth/login.".into(),
                Some(json!({ "expired_at": rfc3339(*expired_at) })),
            ),
            ApiError::TokenMalformed => (
                StatusCode::UNAUTHORIZED,
                "token_malformed",
                "The bearer token is not a well-formed JWT (header.payload.signature).".into(),
                None,
            ),
            ApiError::RefreshFailed(reason) => (
                StatusCode::UNAUTHORIZED,
                "refresh_failed",
                "Unable to refresh the session. Log in again at /auth/login.".into(),
                Some(json!({ "reason": reason })),
            ),
            ApiError::ForbiddenOrigin => (
                StatusCode::FORBIDDEN,
                "forbidden_origin",
                "Requests from this browser origin are not allowed (ALLOWED_ORIGINS).".into(),
                None,
            ),
            ApiError::ForbiddenHost => (
                StatusCode::FORBIDDEN,
                "forbidden_host",
                "This server answers only for the host of its PUBLIC_URL.".into(),
                None,
            ),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "not_found", "No such resource.".into(), None),
            ApiError::PayloadTooLarge { limit } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                format!("The request body is larger than {limit} bytes."),
                Some(json!({ "limit": limit })),
            ),
            ApiError::RateLimited { retry_after_secs } => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                format!("Rate limit reached; retry in {retry_after_secs} s."),
                Some(json!({ "retry_after": retry_after_secs })),
            ),
            ApiError::Upstream { ecode, action } => (
                StatusCode::BAD_GATEWAY,
                "upstream_error",
                format!("ClickUp failed while {action}. Try again in a moment."),
                ecode.as_ref().map(|e| json!({ "ecode": e })),
            ),
            ApiError::NetworkTimeout => (
                StatusCode::GATEWAY_TIMEOUT,
                "network_timeout",
                "ClickUp did not answer in time. Try again in a moment.".into(),
                None,
            ),
            ApiError::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "The service is temporarily unavailable.".into(),
                None,
            ),
            ApiError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                "Something went wrong on our side.".into(),
                None,
            ),
        }
    }
}

impl From<TokenError> for ApiError {
    fn from(err: TokenError) -> Self {
        AuthError::from(err).into()
    }
}

/// The one place authentication failures become HTTP answers.
impl From<AuthError> for ApiError {
    fn from(err: AuthError) -> Self {
        match err {
            AuthError::InvalidRequest(what) => ApiError::InvalidRequest(what),
            AuthError::InvalidState(reason) => ApiError::InvalidState(reason),
            AuthError::AccessDenied => ApiError::AccessDenied,
            AuthError::InvalidToken(reason) => ApiError::InvalidToken(reason),
            AuthError::TokenExpired { expired_at } => ApiError::TokenExpired { expired_at },
            AuthError::TokenMalformed => ApiError::TokenMalformed,
            AuthError::RefreshFailed(reason) => ApiError::RefreshFailed(reason),
            AuthError::Upstream { ecode, action } => ApiError::Upstream { ecode, action },
            AuthError::NetworkTimeout => ApiError::NetworkTimeout,
            AuthError::Store(err) => err.into(),
            AuthError::Internal(err) => ApiError::Internal(err),
        }
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(err: crate::store::StoreError) -> Self {
        match err {
            crate::store::StoreError::Database(_) => {
                tracing::error!(error = ?err, "database unavailable");
                ApiError::Unavailable
            }
            other => ApiError::internal(other),
        }
    }
}

/// The seed's error body for a code, message and optional details.
pub fn error_body(code: &str, message: &str, details: Option<Value>) -> Value {
    let mut error = json!({ "code": code, "message": message });
    if let Some(details) = details {
        error["details"] = details;
    }
    json!({ "error": error })
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, message, details) = self.parts();
        if let ApiError::Internal(cause) = &self {
            tracing::error!(error.cause = ?cause, "request failed");
        }
        let mut response = (status, Json(error_body(code, &message, details))).into_response();
        match &self {
            ApiError::InvalidToken(_)
            | ApiError::TokenExpired { .. }
            | ApiError::TokenMalformed
            | ApiError::RefreshFailed(_) => {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            ApiError::RateLimited { retry_after_secs } => {
                if let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                    response.headers_mut().insert(header::RETRY_AFTER, value);
                }
            }
            _ => {}
        }
        response
    }
}

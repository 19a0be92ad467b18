//! Why authentication, a login or the use of a stored ClickUp credential failed. The HTTP layer
//! turns these into answers in one place (`crate::web::error`); nothing here knows HTTP.

use crate::auth::jwt::TokenError;
use crate::domain::EpochSeconds;
use crate::store::StoreError;

/// An authentication, login or credential failure.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// The request lacks something or has a bad value; the text says what.
    #[error("invalid request: {0}")]
    InvalidRequest(&'static str),
    /// The login `state` is missing, unknown, used, expired, or from another browser.
    #[error("invalid state: {0}")]
    InvalidState(&'static str),
    /// The user refused at ClickUp.
    #[error("access denied")]
    AccessDenied,
    /// The bearer token was refused, for this reason.
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
    /// The stored ClickUp credential cannot be used (missing, revoked, expired), for this reason.
    #[error("refresh failed: {0}")]
    RefreshFailed(&'static str),
    /// ClickUp refused or failed while we were doing `action`.
    #[error("upstream error")]
    Upstream {
        /// ClickUp's ECODE, when it sent one.
        ecode: Option<String>,
        /// What we were doing.
        action: &'static str,
    },
    /// ClickUp did not answer in time.
    #[error("network timeout")]
    NetworkTimeout,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Anything else; logged, never shown.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl AuthError {
    /// An internal error from any cause.
    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        AuthError::Internal(err.into())
    }

    /// The machine code of the error body this becomes (`crate::web::error`), for audit rows.
    pub(crate) fn code(&self) -> &'static str {
        match self {
            AuthError::InvalidRequest(_) => "invalid_request",
            AuthError::InvalidState(_) => "invalid_state",
            AuthError::AccessDenied => "access_denied",
            AuthError::InvalidToken(_) => "invalid_token",
            AuthError::TokenExpired { .. } => "token_expired",
            AuthError::TokenMalformed => "token_malformed",
            AuthError::RefreshFailed(_) => "refresh_failed",
            AuthError::Upstream { .. } => "upstream_error",
            AuthError::NetworkTimeout => "network_timeout",
            AuthError::Store(StoreError::Database(_)) => "unavailable",
            AuthError::Store(_) | AuthError::Internal(_) => "internal_error",
        }
    }

    /// The reason a bearer token was refused, when that is what this is (for the aggregated
    /// `token_rejected` audit rows).
    pub(crate) fn rejection_reason(&self) -> Option<&'static str> {
        match self {
            AuthError::InvalidToken(reason) => Some(reason),
            AuthError::TokenExpired { .. } => Some("expired"),
            AuthError::TokenMalformed => Some("malformed"),
            _ => None,
        }
    }
}

impl From<TokenError> for AuthError {
    fn from(err: TokenError) -> Self {
        match err {
            TokenError::Malformed => AuthError::TokenMalformed,
            TokenError::Expired { expired_at } => AuthError::TokenExpired { expired_at },
            TokenError::Invalid(reason) => AuthError::InvalidToken(reason),
        }
    }
}

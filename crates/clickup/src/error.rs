//! Errors of the ClickUp client. None carries a token, a secret or a request body.

use std::time::Duration;

/// ClickUp's error body: `{"err": "…", "ECODE": "…"}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct ErrorBody {
    /// Human-readable message.
    pub err: String,
    /// Machine code, e.g. `OAUTH_019`, `ITEM_013`, `APP_002`.
    #[serde(rename = "ECODE")]
    pub ecode: String,
}

/// What went wrong talking to ClickUp.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
pub enum ClickUpError {
    /// ClickUp refused the token (HTTP 401): revoked, invalid, or not authorized for the
    /// workspace (`OAUTH_023…`, which ClickUp also answers for unknown ids).
    #[error("ClickUp refused the credentials ({ecode})")]
    Unauthorized {
        /// ClickUp's ECODE, or `unknown` when the body had none.
        ecode: String,
    },
    /// ClickUp answered with a 4xx other than 401 and 429.
    #[error("ClickUp refused the request: HTTP {status} ({ecode})")]
    Rejected {
        /// HTTP status.
        status: u16,
        /// ClickUp's ECODE, or `unknown`.
        ecode: String,
        /// ClickUp's message (never contains our secrets: it describes ClickUp's view).
        message: String,
    },
    /// ClickUp's rate limit for this token is spent (429 `APP_002`).
    #[error("ClickUp rate limit reached")]
    RateLimited {
        /// How long until the limit resets, from `X-RateLimit-Reset`, when given.
        retry_after: Option<Duration>,
    },
    /// ClickUp failed (5xx).
    #[error("ClickUp failed: HTTP {status}")]
    Unavailable {
        /// HTTP status.
        status: u16,
    },
    /// ClickUp did not answer in time.
    #[error("ClickUp did not answer in time")]
    Timeout,
    /// ClickUp could not be reached.
    #[error("ClickUp could not be reached")]
    Network,
    /// ClickUp answered 2xx with a body that is not what its API describes.
    #[error("ClickUp sent an unexpected answer: {0}")]
    Malformed(&'static str),
}

impl ClickUpError {
    /// ClickUp's ECODE, when it sent one.
    pub fn ecode(&self) -> Option<&str> {
        match self {
            ClickUpError::Unauthorized { ecode } | ClickUpError::Rejected { ecode, .. } => {
                Some(ecode)
            }
            _ => None,
        }
    }

    /// Classify a reqwest failure without keeping its text (it can hold the URL).
    pub(crate) fn from_transport(err: &reqwest::Error) -> Self {
        if err.is_timeout() {
            ClickUpError::Timeout
        } else if err.is_decode() {
            ClickUpError::Malformed("the body could not be read")
        } else {
            ClickUpError::Network
        }
    }
}

//! Doc failures in ClickUp's API v3 shape, `{status, message, trace_id, timestamp}` (the shape
//! chat answers; `api/chat/error.rs`), and the v2 answers (`ApiError`) the shared access checks
//! give.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::errors::ApiError;

/// A docs request that failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DocError {
    /// A v3 failure: its HTTP status and message.
    V3 {
        /// HTTP status.
        status: u16,
        /// The message.
        message: String,
    },
    /// A failure of the checks every route shares (a workspace the token may not use), in
    /// ClickUp's v2 shape.
    V2(ApiError),
}

impl DocError {
    /// 400 with `message`.
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self::V3 {
            status: 400,
            message: message.into(),
        }
    }

    /// 404 with `message`.
    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self::V3 {
            status: 404,
            message: message.into(),
        }
    }

    /// This failure as answered at `now` (epoch ms).
    pub(crate) fn at(self, now: i64) -> TimedDocError {
        TimedDocError {
            error: self,
            timestamp: now,
        }
    }
}

/// A [`DocError`] with the time it happened, ready to answer.
#[derive(Debug)]
pub(crate) struct TimedDocError {
    error: DocError,
    timestamp: i64,
}

impl IntoResponse for TimedDocError {
    fn into_response(self) -> Response {
        match self.error {
            DocError::V3 { status, message } => {
                let code = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
                // A trace id per failure, deterministic under the sandbox clock.
                let trace_id = self.timestamp.rem_euclid(1_000_000_007);
                let body = json!({
                    "status": code.as_u16(),
                    "message": message,
                    "trace_id": trace_id,
                    "timestamp": self.timestamp,
                });
                (code, Json(body)).into_response()
            }
            DocError::V2(err) => err.into_response(),
        }
    }
}

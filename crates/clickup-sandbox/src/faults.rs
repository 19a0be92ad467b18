//! Injected faults: for the next `count` `/api` requests matching a path prefix (and optionally a
//! method), wait `delay_ms`, then answer `status` with a ClickUp error body, or a 200 whose JSON
//! body is cut short (`malformed_body`). A fault with neither status nor malformed body only
//! delays the request, which then runs normally.

use std::time::Duration;

use axum::Json;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::errors::error_body;
use crate::rate_limit::Decision;
use crate::request_log::is_api_path;
use crate::state::SharedState;

/// What `POST /_sandbox/faults` takes.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FaultSpec {
    /// Matched against the request path; a prefix not starting with `/api` is taken as relative
    /// to `/api` (`/v2/task` and `/api/v2/task` mean the same).
    pub(crate) path_prefix: String,
    /// Only requests with this method (case-insensitive); any method when absent.
    #[serde(default)]
    pub(crate) method: Option<String>,
    /// Answer this status (with a ClickUp error body).
    #[serde(default)]
    pub(crate) status: Option<u16>,
    /// Wait this long first.
    #[serde(default)]
    pub(crate) delay_ms: Option<u64>,
    /// Answer 200 with a truncated, invalid JSON body.
    #[serde(default)]
    pub(crate) malformed_body: bool,
    /// How many matching requests the fault applies to (default 1).
    #[serde(default = "one")]
    pub(crate) count: u32,
    /// The `err` of the error body; a default by status when absent.
    #[serde(default)]
    pub(crate) err: Option<String>,
    /// The `ECODE` of the error body; a default by status when absent.
    #[serde(default)]
    pub(crate) ecode: Option<String>,
}

fn one() -> u32 {
    1
}

/// Why a fault spec was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum FaultError {
    #[error("status must be between 100 and 599")]
    InvalidStatus,
    #[error("count must be at least 1")]
    ZeroCount,
    #[error("status and malformed_body exclude each other")]
    StatusAndMalformed,
}

/// A fault waiting for matching requests.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Fault {
    /// Handle for the caller, unique until reset.
    pub(crate) id: u64,
    /// Matching requests still to be hit.
    pub(crate) remaining: u32,
    /// The spec, with `path_prefix` normalised to start with `/api`.
    #[serde(flatten)]
    pub(crate) spec: FaultSpec,
}

/// The active faults, oldest first; the oldest matching one applies.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    next_id: u64,
    active: Vec<Fault>,
}

impl Faults {
    /// Validates and registers a fault.
    pub(crate) fn add(&mut self, mut spec: FaultSpec) -> Result<Fault, FaultError> {
        if let Some(status) = spec.status {
            if !(100..=599).contains(&status) {
                return Err(FaultError::InvalidStatus);
            }
            if spec.malformed_body {
                return Err(FaultError::StatusAndMalformed);
            }
        }
        if spec.count == 0 {
            return Err(FaultError::ZeroCount);
        }
        if !is_api_path(&spec.path_prefix) {
            let sep = if spec.path_prefix.starts_with('/') {
                ""
            } else {
                "/"
            };
            spec.path_prefix = format!("/api{sep}{}", spec.path_prefix);
        }
        self.next_id += 1;
        let fault = Fault {
            id: self.next_id,
            remaining: spec.count,
            spec,
        };
        self.active.push(fault.clone());
        Ok(fault)
    }

    /// The active faults.
    pub(crate) fn list(&self) -> Vec<Fault> {
        self.active.clone()
    }

    /// Removes every fault.
    pub(crate) fn clear(&mut self) {
        self.active.clear();
    }

    /// Takes one hit of the oldest fault matching the request, if any.
    pub(crate) fn take(&mut self, method: &str, path: &str) -> Option<FaultSpec> {
        let index = self.active.iter().position(|f| {
            path.starts_with(&f.spec.path_prefix)
                && f.spec
                    .method
                    .as_deref()
                    .is_none_or(|m| m.eq_ignore_ascii_case(method))
        })?;
        let fault = self.active.get_mut(index)?;
        fault.remaining -= 1;
        let spec = fault.spec.clone();
        if fault.remaining == 0 {
            self.active.remove(index);
        }
        Some(spec)
    }
}

/// The error body a fault answers with when the spec names none.
fn default_error(status: u16) -> (&'static str, &'static str) {
    match status {
        401 => ("Oauth token not found", "OAUTH_019"),
        404 => ("Route not found", "APP_001"),
        429 => ("Rate limit reached", "APP_002"),
        500..=599 => ("Internal Server Error", "APP_500"),
        _ => ("Injected fault", "SANDBOX_001"),
    }
}

/// Middleware: applies the oldest matching fault to an `/api` request.
pub(crate) async fn inject(
    State(state): State<SharedState>,
    request: Request,
    next: Next,
) -> Response {
    if !is_api_path(request.uri().path()) {
        return next.run(request).await;
    }
    let fault = state
        .world()
        .faults
        .take(request.method().as_str(), request.uri().path());
    let Some(fault) = fault else {
        return next.run(request).await;
    };
    if let Some(delay) = fault.delay_ms {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    if fault.malformed_body {
        let mut response = Response::new(Body::from(r#"{"user":{"id":81000001,"username":"Ali"#));
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        return response;
    }
    let Some(status) = fault.status else {
        return next.run(request).await;
    };
    let (default_err, default_code) = default_error(status);
    let body = error_body(
        fault.err.as_deref().unwrap_or(default_err),
        fault.ecode.as_deref().unwrap_or(default_code),
    );
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, Json(body)).into_response();
    if status == StatusCode::TOO_MANY_REQUESTS {
        let limit = state.world().settings.rate_limit_per_minute;
        let reset_epoch_s = (state.now_ms() + 60_000 + 999) / 1000;
        Decision {
            allowed: false,
            limit,
            remaining: 0,
            reset_epoch_s,
        }
        .write_headers(response.headers_mut());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(prefix: &str, method: Option<&str>, count: u32) -> FaultSpec {
        FaultSpec {
            path_prefix: prefix.into(),
            method: method.map(str::to_owned),
            status: Some(500),
            delay_ms: None,
            malformed_body: false,
            count,
            err: None,
            ecode: None,
        }
    }

    #[test]
    fn a_fault_applies_to_count_matching_requests_then_goes() {
        let mut faults = Faults::default();
        let added = faults.add(spec("/v2/task", Some("get"), 2));
        assert_eq!(
            added.map(|f| f.spec.path_prefix),
            Ok("/api/v2/task".to_owned())
        );
        assert!(
            faults.take("POST", "/api/v2/task/1").is_none(),
            "other method"
        );
        assert!(faults.take("GET", "/api/v2/list/1").is_none(), "other path");
        assert!(faults.take("GET", "/api/v2/task/1").is_some(), "first hit");
        assert!(faults.take("GET", "/api/v2/task/2").is_some(), "second hit");
        assert!(faults.take("GET", "/api/v2/task/3").is_none(), "spent");
        assert!(faults.list().is_empty());
    }

    #[test]
    fn nonsense_specs_are_refused() {
        let mut faults = Faults::default();
        let mut bad = spec("/", None, 1);
        bad.status = Some(42);
        assert_eq!(faults.add(bad).err(), Some(FaultError::InvalidStatus));
        assert_eq!(
            faults.add(spec("/", None, 0)).err(),
            Some(FaultError::ZeroCount)
        );
        let mut both = spec("/", None, 1);
        both.malformed_body = true;
        assert_eq!(faults.add(both).err(), Some(FaultError::StatusAndMalformed));
    }
}

//! The log of `/api` requests, so tests can assert exactly which ClickUp calls a client made.
//! It never holds a raw token: only the user id and the kind of token, and query values that are
//! credentials (`client_secret`, `code`, `refresh_token`, …) are redacted.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use serde::Serialize;

use crate::auth::{self, TokenKind};
use crate::model::UserId;
use crate::state::SharedState;

/// Query parameters whose values are credentials.
const REDACTED_PARAMS: [&str; 5] = [
    "client_secret",
    "code",
    "refresh_token",
    "access_token",
    "token",
];

/// One logged request.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct LoggedRequest {
    /// Position in the log, from 1, never reused (not even after a clear or reset).
    pub(crate) seq: u64,
    pub(crate) method: String,
    pub(crate) path: String,
    /// The query string with credential values redacted, or `null`.
    pub(crate) query: Option<String>,
    /// The user the `Authorization` header resolved to, if it resolved.
    pub(crate) user_id: Option<UserId>,
    /// The kind of token that resolved, if one did.
    pub(crate) token_kind: Option<TokenKind>,
    /// The status the sandbox answered.
    pub(crate) status: u16,
}

/// The request log.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    last_seq: u64,
    entries: Vec<LoggedRequest>,
}

impl RequestLog {
    /// Entries with `seq > since`, in order.
    pub(crate) fn since(&self, since: u64) -> Vec<LoggedRequest> {
        self.entries
            .iter()
            .filter(|e| e.seq > since)
            .cloned()
            .collect()
    }

    /// Forgets every entry; sequence numbers keep counting.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }

    fn push(&mut self, mut entry: LoggedRequest) {
        self.last_seq += 1;
        entry.seq = self.last_seq;
        self.entries.push(entry);
    }
}

/// Whether `path` is part of the emulated ClickUp surface (logged, subject to faults).
pub(crate) fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// `query` with the values of credential parameters replaced by `[redacted]`.
pub(crate) fn redact_query(query: &str) -> String {
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        if REDACTED_PARAMS.contains(&key.as_ref()) {
            out.append_pair(&key, "[redacted]");
        } else {
            out.append_pair(&key, &value);
        }
    }
    out.finish()
}

/// Middleware: records every `/api` request once it has been answered.
pub(crate) async fn record(
    State(state): State<SharedState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    if !is_api_path(&path) {
        return next.run(request).await;
    }
    let method = request.method().to_string();
    let query = request.uri().query().map(redact_query);
    let identity = {
        let world = state.world();
        auth::identify(&world, state.now_ms(), request.headers())
    };
    let response = next.run(request).await;
    state.world().log.push(LoggedRequest {
        seq: 0,
        method,
        path,
        query,
        user_id: identity.map(|(user, _)| user),
        token_kind: identity.map(|(_, kind)| kind),
        status: response.status().as_u16(),
    });
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_the_query_are_redacted_and_the_rest_kept() {
        let redacted = redact_query("client_id=app&client_secret=s3cret&code=abc&archived=true");
        assert_eq!(
            redacted,
            "client_id=app&client_secret=%5Bredacted%5D&code=%5Bredacted%5D&archived=true"
        );
    }

    #[test]
    fn sequence_numbers_survive_a_clear() {
        let mut log = RequestLog::default();
        let entry = LoggedRequest {
            seq: 0,
            method: "GET".into(),
            path: "/api/v2/user".into(),
            query: None,
            user_id: None,
            token_kind: None,
            status: 200,
        };
        log.push(entry.clone());
        log.clear();
        log.push(entry);
        let entries = log.since(0);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries.first().map(|e| e.seq), Some(2));
    }

    #[test]
    fn only_the_api_prefix_is_the_api() {
        assert!(is_api_path("/api"));
        assert!(is_api_path("/api/v2/user"));
        assert!(!is_api_path("/apifoo"));
        assert!(!is_api_path("/_sandbox/requests"));
    }
}

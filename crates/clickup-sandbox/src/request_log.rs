//! The log of `/api` requests, so tests can assert exactly which ClickUp calls a client made, and
//! check every one against ClickUp's OpenAPI file (read in-process with [`Sandbox::requests`]).
//! It never holds a raw token: only the user id and the kind of token, and query values that are
//! credentials (`client_secret`, `code`, `refresh_token`, …) are redacted. JSON request bodies
//! are kept (a `multipart/form-data` one as a summary of its fields: names, file names, types
//! and sizes, never content), except the body of the OAuth token endpoint (`/api/v2/oauth/token`), which carries
//! the client secret and codes, and never logged; in any other body, a property named like a
//! credential parameter is redacted the same way, at any depth. JSON response bodies are kept
//! too (up to 256 KiB, so the test suites can check them against the OpenAPI file), under the
//! same rules: never for the token endpoint (its answer carries the tokens), credential
//! properties redacted at any depth. They are kept as the bytes sent (shared with the answer,
//! not copied) and parsed only when read in-process; the `/_sandbox/requests` control leaves them
//! out.
//!
//! The log keeps the last [`MAX_ENTRIES`] requests: a long-running sandbox (`serve --sandbox`,
//! a load benchmark) must not grow without bound. Sequence numbers go on counting.
//!
//! [`Sandbox::requests`]: crate::Sandbox::requests

use std::collections::VecDeque;

use axum::body::{Body, Bytes, HttpBody, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::middleware::Next;
use axum::response::Response;
use serde::Serialize;
use serde_json::Value;

use crate::auth::{self, TokenKind};
use crate::model::UserId;
use crate::state::SharedState;

/// Query parameters and body properties whose values are credentials (`secret`: a webhook's
/// signing secret, in the create answer).
const REDACTED_PARAMS: [&str; 6] = [
    "client_secret",
    "code",
    "refresh_token",
    "access_token",
    "token",
    "secret",
];

/// The OAuth token endpoint: its body (client secret, code, refresh token) is never logged.
const TOKEN_PATH: &str = "/api/v2/oauth/token";

/// The largest body the log keeps (by `Content-Length`); larger or unsized bodies are passed on
/// unread and logged as `null`.
const MAX_LOGGED_BODY: usize = 2 * 1024 * 1024;

/// The largest response body the log keeps (by its exact size); larger or streamed bodies are
/// passed on unread and logged as `null`.
const MAX_LOGGED_RESPONSE: usize = 256 * 1024;

/// One logged request.
#[derive(Clone, Debug, Serialize)]
pub struct LoggedRequest {
    /// Position in the log, from 1, never reused (not even after a clear or reset).
    pub seq: u64,
    /// The method, upper case.
    pub method: String,
    /// The path as received (still percent-encoded), with its `/api` prefix.
    pub path: String,
    /// The query string with credential values redacted, or `null`.
    pub query: Option<String>,
    /// The JSON request body with credential properties redacted, or `null` when the request
    /// had no JSON body (or went to the OAuth token endpoint).
    pub body: Option<Value>,
    /// The user the `Authorization` header resolved to, if it resolved.
    pub user_id: Option<UserId>,
    /// The kind of token that resolved, if one did.
    pub(crate) token_kind: Option<TokenKind>,
    /// The status the sandbox answered.
    pub status: u16,
    /// The JSON response body with credential properties redacted, or `null` when the answer
    /// was not JSON, had no known size or more than 256 KiB, or came from the OAuth token
    /// endpoint. Not served by `/_sandbox/requests`.
    #[serde(skip)]
    pub response: Option<Value>,
}

/// The most requests the log keeps; older ones are forgotten (far more than any test makes).
pub(crate) const MAX_ENTRIES: usize = 20_000;

/// The most response-body bytes the log keeps in all; past it the oldest requests are
/// forgotten, so large answers cannot make [`MAX_ENTRIES`] weigh gigabytes.
const MAX_RESPONSE_BYTES: usize = 128 * 1024 * 1024;

/// A request as the log holds it: the response body still as the bytes that were sent.
#[derive(Clone, Debug)]
pub(crate) struct StoredRequest {
    /// Everything but the response body (`request.response` is `None` here).
    request: LoggedRequest,
    /// The JSON response body as sent, when the log keeps it.
    response: Option<Bytes>,
}

impl StoredRequest {
    /// The logged request without its response body (what `/_sandbox/requests` serves).
    pub(crate) fn without_response(self) -> LoggedRequest {
        self.request
    }

    /// The logged request with its response body parsed and redacted. Call it outside the
    /// world lock: parsing is the costly part.
    pub(crate) fn with_response(self) -> LoggedRequest {
        let response = self.response.and_then(|bytes| {
            serde_json::from_slice::<Value>(&bytes).ok().map(|mut v| {
                redact_body(&mut v);
                v
            })
        });
        LoggedRequest {
            response,
            ..self.request
        }
    }
}

/// The request log: the last [`MAX_ENTRIES`] requests (fewer when their response bodies pass
/// [`MAX_RESPONSE_BYTES`]), oldest first.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    last_seq: u64,
    entries: VecDeque<StoredRequest>,
    /// The sizes of the response bodies in `entries`, added up.
    response_bytes: usize,
}

impl RequestLog {
    /// Entries with `seq > since`, in order.
    pub(crate) fn since(&self, since: u64) -> Vec<StoredRequest> {
        let first = self.entries.partition_point(|e| e.request.seq <= since);
        self.entries.range(first..).cloned().collect()
    }

    /// Forgets every entry; sequence numbers keep counting.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
        self.response_bytes = 0;
    }

    fn push(&mut self, mut request: LoggedRequest, response: Option<Bytes>) {
        self.last_seq += 1;
        request.seq = self.last_seq;
        request.response = None;
        self.response_bytes += response.as_ref().map_or(0, Bytes::len);
        self.entries.push_back(StoredRequest { request, response });
        while self.entries.len() > MAX_ENTRIES
            || (self.response_bytes > MAX_RESPONSE_BYTES && self.entries.len() > 1)
        {
            if let Some(oldest) = self.entries.pop_front() {
                self.response_bytes -= oldest.response.as_ref().map_or(0, Bytes::len);
            }
        }
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

/// `value` with every object property named like a credential parameter set to `[redacted]`.
pub(crate) fn redact_body(value: &mut Value) {
    match value {
        Value::Object(object) => {
            for (key, child) in object.iter_mut() {
                if REDACTED_PARAMS.contains(&key.as_str()) {
                    *child = Value::String("[redacted]".to_owned());
                } else {
                    redact_body(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_body),
        _ => {}
    }
}

/// Whether the request's body is one the log keeps: JSON, of a known size within the limit, and
/// not sent to the token endpoint.
fn keeps_body(request: &Request, path: &str) -> bool {
    let header = |name| {
        request
            .headers()
            .get(name)
            .and_then(|v: &axum::http::HeaderValue| v.to_str().ok())
    };
    let json = header(CONTENT_TYPE).is_some_and(|t| {
        let essence = t.split(';').next().unwrap_or_default().trim();
        essence.eq_ignore_ascii_case("application/json")
            || essence.eq_ignore_ascii_case("multipart/form-data")
    });
    let sized = header(CONTENT_LENGTH)
        .and_then(|l| l.parse::<usize>().ok())
        .is_some_and(|l| l > 0 && l <= MAX_LOGGED_BODY);
    path != TOKEN_PATH && json && sized
}

/// Reads the body of `request` if the log keeps it, and gives back a request with the same
/// bytes for the handler.
async fn read_body(request: Request, path: &str) -> (Request, Option<Value>) {
    if !keeps_body(&request, path) {
        return (request, None);
    }
    let (parts, body) = request.into_parts();
    match to_bytes(body, MAX_LOGGED_BODY).await {
        Ok(bytes) => {
            let logged = match parts
                .headers
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
            {
                Some(t) if t.to_ascii_lowercase().starts_with("multipart/form-data") => {
                    multipart_summary(t, bytes.clone()).await
                }
                _ => serde_json::from_slice::<Value>(&bytes).ok().map(|mut v| {
                    redact_body(&mut v);
                    v
                }),
            };
            (Request::from_parts(parts, Body::from(bytes)), logged)
        }
        // A body cut short: the handler would have failed to read it too.
        Err(_) => (Request::from_parts(parts, Body::empty()), None),
    }
}

/// A multipart body as the log keeps it: each field by name with its `filename`,
/// `content_type` and `size` (never its content); a name sent twice holds an array.
async fn multipart_summary(content_type: &str, bytes: axum::body::Bytes) -> Option<Value> {
    use axum::extract::FromRequest;
    let request = Request::builder()
        .header(CONTENT_TYPE, content_type)
        .body(Body::from(bytes))
        .ok()?;
    let mut multipart = axum::extract::Multipart::from_request(request, &())
        .await
        .ok()?;
    let mut fields = serde_json::Map::new();
    while let Ok(Some(field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(str::to_owned);
        let size = field.bytes().await.ok()?.len();
        let part =
            serde_json::json!({"filename": filename, "content_type": content_type, "size": size});
        match fields.get_mut(&name) {
            Some(Value::Array(parts)) => parts.push(part),
            Some(first) => *first = Value::Array(vec![first.take(), part]),
            None => {
                fields.insert(name, part);
            }
        }
    }
    Some(Value::Object(fields))
}

/// Whether the response's body is one the log keeps: JSON, of a known size within the limit, and
/// not from the token endpoint.
fn keeps_response(response: &Response, path: &str) -> bool {
    let json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            let essence = t.split(';').next().unwrap_or_default().trim();
            essence.eq_ignore_ascii_case("application/json")
        });
    let sized = HttpBody::size_hint(response.body())
        .exact()
        .and_then(|l| usize::try_from(l).ok())
        .is_some_and(|l| l > 0 && l <= MAX_LOGGED_RESPONSE);
    path != TOKEN_PATH && json && sized
}

/// Reads the body of `response` if the log keeps it, and gives back a response with the same
/// bytes for the caller (the log shares them; they are parsed only when read).
async fn read_response(response: Response, path: &str) -> (Response, Option<Bytes>) {
    if !keeps_response(&response, path) {
        return (response, None);
    }
    let (parts, body) = response.into_parts();
    match to_bytes(body, MAX_LOGGED_RESPONSE).await {
        Ok(bytes) => (
            Response::from_parts(parts, Body::from(bytes.clone())),
            Some(bytes),
        ),
        // A body of a known size that fails to read: the caller would have seen it fail too.
        Err(_) => (Response::from_parts(parts, Body::empty()), None),
    }
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
    let (request, body) = read_body(request, &path).await;
    let (response, answer) = read_response(next.run(request).await, &path).await;
    let request = LoggedRequest {
        seq: 0,
        method,
        path,
        query,
        body,
        user_id: identity.map(|(user, _)| user),
        token_kind: identity.map(|(_, kind)| kind),
        status: response.status().as_u16(),
        response: None,
    };
    state.world().log.push(request, answer);
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
    fn credentials_in_a_body_are_redacted_at_any_depth() {
        let mut body = serde_json::json!({
            "name": "x",
            "client_secret": "s3cret",
            "nested": [{"refresh_token": "r", "keep": 1}]
        });
        redact_body(&mut body);
        assert_eq!(
            body,
            serde_json::json!({
                "name": "x",
                "client_secret": "[redacted]",
                "nested": [{"refresh_token": "[redacted]", "keep": 1}]
            })
        );
    }

    #[test]
    fn the_token_endpoint_body_is_never_kept() {
        let request = |path: &str| {
            Request::builder()
                .method("POST")
                .uri(path)
                .header(CONTENT_TYPE, "application/json")
                .header(CONTENT_LENGTH, "2")
                .body(Body::from("{}"))
                .unwrap()
        };
        assert!(!keeps_body(&request(TOKEN_PATH), TOKEN_PATH));
        assert!(keeps_body(&request("/api/v2/task/x"), "/api/v2/task/x"));
    }

    #[tokio::test]
    async fn a_json_response_is_kept_redacted_but_never_the_token_endpoints() {
        let response = |body: &str, kind: &str| {
            Response::builder()
                .header(CONTENT_TYPE, kind)
                .body(Body::from(body.to_owned()))
                .unwrap()
        };
        let json = r#"{"id": 1, "access_token": "t"}"#;
        let (passed, kept) = read_response(response(json, "application/json"), "/api/v2/x").await;
        let mut log = RequestLog::default();
        log.push(entry(), kept);
        let read = log.since(0).remove(0).with_response();
        assert_eq!(
            read.response,
            Some(serde_json::json!({"id": 1, "access_token": "[redacted]"}))
        );
        let bytes = to_bytes(passed.into_body(), usize::MAX).await.unwrap();
        assert_eq!(
            &bytes[..],
            json.as_bytes(),
            "the caller gets the bytes unchanged"
        );
        let (_, kept) = read_response(response(json, "application/json"), TOKEN_PATH).await;
        assert_eq!(kept, None);
        let (_, kept) = read_response(response("<p>", "text/html"), "/api").await;
        assert_eq!(kept, None);
        let big = format!("[{}0]", "0,".repeat(MAX_LOGGED_RESPONSE));
        let (passed, kept) = read_response(response(&big, "application/json"), "/api/v2/x").await;
        assert_eq!(kept, None, "too large");
        let bytes = to_bytes(passed.into_body(), usize::MAX).await.unwrap();
        assert_eq!(bytes.len(), big.len());
    }

    fn entry() -> LoggedRequest {
        LoggedRequest {
            seq: 0,
            method: "GET".into(),
            path: "/api/v2/user".into(),
            query: None,
            body: None,
            user_id: None,
            token_kind: None,
            status: 200,
            response: None,
        }
    }

    #[test]
    fn sequence_numbers_survive_a_clear() {
        let mut log = RequestLog::default();
        log.push(entry(), None);
        log.clear();
        log.push(entry(), None);
        let entries = log.since(0);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries.first().map(|e| e.request.seq), Some(2));
    }

    #[test]
    fn the_log_keeps_the_last_entries_and_since_finds_them_by_sequence() {
        let mut log = RequestLog::default();
        for _ in 0..MAX_ENTRIES + 5 {
            log.push(entry(), None);
        }
        let all = log.since(0);
        assert_eq!(all.len(), MAX_ENTRIES);
        assert_eq!(
            all.first().map(|e| e.request.seq),
            Some(6),
            "the oldest five forgotten"
        );
        let last = u64::try_from(MAX_ENTRIES).unwrap_or(u64::MAX) + 5;
        let tail = log.since(last - 2);
        let seqs: Vec<u64> = tail.into_iter().map(|e| e.without_response().seq).collect();
        assert_eq!(seqs, [last - 1, last]);
        assert!(log.since(last).is_empty());
    }

    #[test]
    fn large_answers_make_the_log_forget_sooner() {
        let mut log = RequestLog::default();
        let answer = Bytes::from(vec![b' '; MAX_RESPONSE_BYTES / 4 + 1]);
        for _ in 0..6 {
            log.push(entry(), Some(answer.clone()));
        }
        let kept: Vec<u64> = log.since(0).into_iter().map(|e| e.request.seq).collect();
        assert_eq!(kept, [4, 5, 6], "three answers fit, a fourth would not");
        assert_eq!(log.response_bytes, 3 * answer.len());
        log.clear();
        assert_eq!(log.response_bytes, 0);
    }

    #[test]
    fn only_the_api_prefix_is_the_api() {
        assert!(is_api_path("/api"));
        assert!(is_api_path("/api/v2/user"));
        assert!(!is_api_path("/apifoo"));
        assert!(!is_api_path("/_sandbox/requests"));
    }
}

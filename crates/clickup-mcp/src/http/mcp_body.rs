//! What a `/mcp` body is, checked before any of it reaches rmcp or the bare-form adapter, so
//! every malformed request gets a precise answer: a JSON-RPC error for JSON-RPC clients
//! (parse error -32700, invalid request -32600, invalid params -32602), the seed's error body
//! for everything else (docs/architecture.md, "HTTP error bodies").

use axum::Json;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::web::error::error_body;

/// A `/mcp` body, classified.
#[derive(Debug)]
pub enum McpBody {
    /// The seed's bare form (an object without `jsonrpc`).
    Bare(Value),
    /// One JSON-RPC 2.0 message, for rmcp.
    JsonRpc(Value),
    /// Refused, with the answer to send.
    Refused(Response),
}

/// Classify a `/mcp` request body.
pub fn classify(headers: &HeaderMap, body: &[u8]) -> McpBody {
    let speaks_json_rpc = speaks_json_rpc(headers);
    if !is_json_content_type(headers) {
        return McpBody::Refused(seed_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type must be application/json.",
        ));
    }
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(_) if speaks_json_rpc => {
            return McpBody::Refused(rpc_error(
                StatusCode::BAD_REQUEST,
                Value::Null,
                -32700,
                "Parse error: the body is not valid JSON.",
            ));
        }
        Err(_) => {
            return McpBody::Refused(seed_error(
                StatusCode::BAD_REQUEST,
                "The body is not valid JSON; send {\"method\": …, \"params\": {…}}.",
            ));
        }
    };
    let Some(object) = value.as_object() else {
        let message = if value.is_array() {
            "Invalid request: JSON-RPC batches are not supported (MCP removed them in 2025-06-18); send one message per request."
        } else {
            "Invalid request: the body must be one JSON-RPC message (an object)."
        };
        return McpBody::Refused(rpc_error(
            StatusCode::BAD_REQUEST,
            Value::Null,
            -32600,
            message,
        ));
    };
    let Some(version) = object.get("jsonrpc") else {
        return McpBody::Bare(value);
    };
    let id = object
        .get("id")
        .filter(|id| id.is_string() || id.is_number())
        .cloned()
        .unwrap_or(Value::Null);
    if version != "2.0" {
        return McpBody::Refused(rpc_error(
            StatusCode::BAD_REQUEST,
            id,
            -32600,
            "Invalid request: jsonrpc must be \"2.0\".",
        ));
    }
    if object.get("method").and_then(Value::as_str) == Some("tools/call")
        && let Some(arguments) = object.get("params").and_then(|p| p.get("arguments"))
        && !(arguments.is_object() || arguments.is_null())
    {
        return McpBody::Refused(rpc_error(
            StatusCode::OK,
            id,
            -32602,
            "Invalid params: tools/call arguments must be an object.",
        ));
    }
    McpBody::JsonRpc(value)
}

/// Give rmcp's non-JSON refusals (406 Accept, 415, a bad `MCP-Protocol-Version`) the seed's
/// error body; everything else passes unchanged.
pub async fn normalize_transport_refusal(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json") || v.starts_with("text/event-stream"));
    if !status.is_client_error() || is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
    let message: String = String::from_utf8_lossy(&text)
        .chars()
        .filter(|c| !c.is_control())
        .take(300)
        .collect();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json"),
    );
    let body = error_body("invalid_request", message.trim(), None).to_string();
    Response::from_parts(parts, axum::body::Body::from(body))
}

fn is_json_content_type(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// A client that negotiates MCP's transport (it accepts event streams or names a protocol
/// version) wants JSON-RPC errors; the seed's curl examples do neither.
fn speaks_json_rpc(headers: &HeaderMap) -> bool {
    headers.contains_key("mcp-protocol-version")
        || headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/event-stream"))
}

fn seed_error(status: StatusCode, message: &str) -> Response {
    (status, Json(error_body("invalid_request", message, None))).into_response()
}

fn rpc_error(status: StatusCode, id: Value, code: i64, message: &str) -> Response {
    let body = json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } });
    (status, Json(body)).into_response()
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(content_type: Option<&'static str>, accept: Option<&'static str>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(ct) = content_type {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
        }
        if let Some(a) = accept {
            headers.insert(header::ACCEPT, HeaderValue::from_static(a));
        }
        headers
    }

    #[test]
    fn bodies_are_classified_by_shape() {
        let rpc = headers(
            Some("application/json"),
            Some("application/json, text/event-stream"),
        );
        let curl = headers(Some("application/json; charset=utf-8"), None);
        let cases: &[(&str, &HeaderMap, &[u8], &str)] = &[
            ("bare", &curl, br#"{"method":"tools/list"}"#, "bare"),
            ("json-rpc", &rpc, br#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#, "rpc"),
            ("bad json from a JSON-RPC client", &rpc, b"{", "refused"),
            ("bad json from curl", &curl, b"{", "refused"),
            ("batch", &rpc, b"[]", "refused"),
            ("scalar", &rpc, b"5", "refused"),
            ("jsonrpc 1.0", &rpc, br#"{"jsonrpc":"1.0","method":"x"}"#, "refused"),
            ("arguments not an object", &rpc, br#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"x","arguments":5}}"#, "refused"),
            ("text/plain", &headers(Some("text/plain"), None), br#"{"method":"tools/list"}"#, "refused"),
            ("no content type", &headers(None, None), br#"{"method":"tools/list"}"#, "refused"),
        ];
        for (case, headers, body, expected) in cases {
            let got = match classify(headers, body) {
                McpBody::Bare(_) => "bare",
                McpBody::JsonRpc(_) => "rpc",
                McpBody::Refused(_) => "refused",
            };
            assert_eq!(got, *expected, "{case}");
        }
    }
}

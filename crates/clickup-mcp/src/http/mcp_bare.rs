//! The seed's bare form of `/mcp`: a body without `"jsonrpc"`, such as `{"method":"tools/list"}`
//! or `{"method":"tools/call","params":{"name":…,"arguments":{…}}}`, answered with the bare
//! result object (`{"tools":[…]}`, `{"content":[…],"isError":…}`) or `{"error":{code,message}}`.
//! It goes through the same [`McpCore`] as JSON-RPC; only HTTP carries it.

use axum::http::StatusCode;
use rmcp::model::JsonObject;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::mcp::caller::Caller;
use crate::mcp::core::McpCore;
use crate::web::error::error_body;

/// A bare request.
#[derive(Debug, Deserialize)]
struct BareRequest {
    method: String,
    #[serde(default)]
    params: Option<Value>,
}

/// `tools/call` parameters.
#[derive(Debug, Deserialize)]
struct CallParams {
    name: String,
    #[serde(default)]
    arguments: Option<JsonObject>,
}

/// Whether a JSON body is in the bare form (an object without `jsonrpc`).
pub fn is_bare(body: &Value) -> bool {
    body.as_object().is_some_and(|o| !o.contains_key("jsonrpc"))
}

/// Answer a bare request.
pub async fn handle(core: &McpCore, caller: &Caller, body: Value) -> (StatusCode, Value) {
    let Ok(request) = serde_json::from_value::<BareRequest>(body) else {
        return bad_request("The body must be {\"method\": …, \"params\": {…}}.");
    };
    match request.method.as_str() {
        "tools/list" => (
            StatusCode::OK,
            json!({ "tools": core.list_tools(Some(caller)) }),
        ),
        "tools/call" => {
            let Some(Ok(params)) = request.params.map(serde_json::from_value::<CallParams>) else {
                return bad_request("tools/call needs params {\"name\": …, \"arguments\": {…}}.");
            };
            match core
                .call_tool(Some(caller), &params.name, params.arguments, None)
                .await
            {
                Ok(result) => {
                    let mut value = serde_json::to_value(result).unwrap_or_else(|_| json!({}));
                    if let Some(object) = value.as_object_mut() {
                        object.remove("resultType");
                    }
                    (StatusCode::OK, value)
                }
                Err(err) => (
                    StatusCode::NOT_FOUND,
                    error_body("not_found", &err.message, None),
                ),
            }
        }
        _ => bad_request("Unknown method; the bare form supports tools/list and tools/call."),
    }
}

fn bad_request(message: &str) -> (StatusCode, Value) {
    (
        StatusCode::BAD_REQUEST,
        error_body("invalid_request", message, None),
    )
}

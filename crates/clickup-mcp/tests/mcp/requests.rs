//! What `/mcp` does with requests that are wrong: bad JSON, wrong media types, batches,
//! unknown methods and tools, arguments that fail the schema, oversized bodies, foreign
//! origins, other HTTP methods. Nothing wrong ever reaches a tool or ClickUp.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::client::{
    ACCEPT_BOTH, V2025_11_25, V2026_07_28, WORKSPACE_LIST, next_id, tool_error_code, tool_names,
};
use crate::helpers::{AppOptions, TestApp, spawn_app, spawn_app_with};

/// The body limit of `/mcp` (docs/architecture.md, "Request flow": a bulk call of 100 tasks fits).
const LIMIT: usize = 2 * 1024 * 1024;

const RPC_HEADERS: &[(&str, &str)] = &[
    ("content-type", "application/json"),
    ("accept", ACCEPT_BOTH),
    ("mcp-protocol-version", V2025_11_25),
];

async fn logged_in(app: &TestApp) -> String {
    let token = app.login_as(app.seed(0).id).await.token;
    app.clear_sandbox_requests().await;
    token
}

#[tokio::test]
async fn malformed_bodies_are_refused_with_a_client_error_and_reach_no_tool() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;
    let cases: &[(&str, &str)] = &[
        ("truncated JSON", r#"{"jsonrpc":"2.0","id":1,"method":"#),
        ("not JSON at all", "tools/list please"),
        ("empty body", ""),
        (
            "a batch",
            r#"[{"jsonrpc":"2.0","id":1,"method":"tools/list"},{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"clickup_workspace_list"}}]"#,
        ),
        ("a JSON scalar", "5"),
        (
            "jsonrpc 1.0",
            r#"{"jsonrpc":"1.0","id":1,"method":"tools/list"}"#,
        ),
        (
            "a response posted to the server",
            r#"{"jsonrpc":"2.0","id":1,"result":{}}"#,
        ),
    ];

    for (case, body) in cases {
        let answer = app.post_mcp(Some(&token), RPC_HEADERS, *body).await;
        assert!(
            answer.status.is_client_error(),
            "{case}: {} {}",
            answer.status,
            answer.text
        );
        assert!(
            answer.body.get("result").is_none(),
            "{case}: no result: {}",
            answer.text
        );
    }
    app.flush_audit().await;
    assert!(app.audit_of("tool_call").await.is_empty(), "no tool ran");
    assert!(
        app.sandbox_requests().await.is_empty(),
        "nothing reached ClickUp"
    );
}

#[tokio::test]
async fn bad_json_is_a_json_rpc_parse_error() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;

    let answer = app
        .post_mcp(
            Some(&token),
            RPC_HEADERS,
            r#"{"jsonrpc":"2.0","id":1,"method":"#,
        )
        .await;

    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
    assert_eq!(answer.body["jsonrpc"], "2.0", "{}", answer.text);
    assert_eq!(answer.rpc_error_code(), -32700, "{}", answer.text);
}

#[tokio::test]
async fn a_batch_is_refused_as_an_invalid_json_rpc_request() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;
    let cases: &[(&str, &str)] = &[
        (
            "a batch of two",
            r#"[{"jsonrpc":"2.0","id":1,"method":"tools/list"},{"jsonrpc":"2.0","id":2,"method":"tools/list"}]"#,
        ),
        (
            "jsonrpc 1.0",
            r#"{"jsonrpc":"1.0","id":1,"method":"tools/list"}"#,
        ),
    ];

    for (case, body) in cases {
        let answer = app.post_mcp(Some(&token), RPC_HEADERS, *body).await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{case}: {}",
            answer.text
        );
        assert_eq!(answer.rpc_error_code(), -32600, "{case}: {}", answer.text);
    }
}

#[tokio::test]
async fn bad_json_in_the_bare_form_is_a_bad_request_with_the_seed_error_body() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;

    let answer = app
        .post_mcp(
            Some(&token),
            &[("content-type", "application/json")],
            r#"{"method":"tools/list""#,
        )
        .await;

    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
    assert_eq!(answer.code(), "invalid_request", "{}", answer.text);
}

/// A case: its name, the request's headers, the status expected.
type MediaCase<'a> = (&'a str, &'a [(&'a str, &'a str)], StatusCode);

#[tokio::test]
async fn json_rpc_needs_a_json_content_type_and_both_media_types_in_accept() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;
    let list = json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}).to_string();
    let cases: &[MediaCase] = &[
        (
            "text/plain",
            &[
                ("content-type", "text/plain"),
                ("accept", ACCEPT_BOTH),
                ("mcp-protocol-version", V2025_11_25),
            ],
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "no Content-Type",
            &[
                ("accept", ACCEPT_BOTH),
                ("mcp-protocol-version", V2025_11_25),
            ],
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "no Accept",
            &[
                ("content-type", "application/json"),
                ("mcp-protocol-version", V2025_11_25),
            ],
            StatusCode::NOT_ACCEPTABLE,
        ),
        (
            "Accept: application/json only",
            &[
                ("content-type", "application/json"),
                ("accept", "application/json"),
                ("mcp-protocol-version", V2025_11_25),
            ],
            StatusCode::NOT_ACCEPTABLE,
        ),
        (
            "Accept: text/event-stream only",
            &[
                ("content-type", "application/json"),
                ("accept", "text/event-stream"),
                ("mcp-protocol-version", V2025_11_25),
            ],
            StatusCode::NOT_ACCEPTABLE,
        ),
        (
            "an unknown MCP-Protocol-Version",
            &[
                ("content-type", "application/json"),
                ("accept", ACCEPT_BOTH),
                ("mcp-protocol-version", "1999-01-01"),
            ],
            StatusCode::BAD_REQUEST,
        ),
    ];

    for (case, headers, status) in cases {
        let answer = app.post_mcp(Some(&token), headers, list.clone()).await;
        assert_eq!(answer.status, *status, "{case}: {}", answer.text);
    }
    let fine = app.post_mcp(Some(&token), RPC_HEADERS, list).await;
    assert_eq!(fine.status, StatusCode::OK, "{}", fine.text);
}

#[tokio::test]
async fn transport_refusals_carry_the_seed_error_body() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;
    let list = json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}).to_string();
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "text/plain",
            &[("content-type", "text/plain"), ("accept", ACCEPT_BOTH)],
        ),
        ("no Accept", &[("content-type", "application/json")]),
        (
            "an unknown MCP-Protocol-Version",
            &[
                ("content-type", "application/json"),
                ("accept", ACCEPT_BOTH),
                ("mcp-protocol-version", "1999-01-01"),
            ],
        ),
    ];

    for (case, headers) in cases {
        let answer = app.post_mcp(Some(&token), headers, list.clone()).await;
        assert!(answer.status.is_client_error(), "{case}: {}", answer.status);
        assert!(
            answer.body["error"]["code"].is_string(),
            "{case}: seed error body, got {:?}",
            answer.text
        );
    }
}

#[tokio::test]
async fn the_bare_form_needs_a_json_content_type_too() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;

    for (case, headers) in [
        ("text/plain", vec![("content-type", "text/plain")]),
        ("no Content-Type", vec![]),
    ] {
        let answer = app
            .post_mcp(Some(&token), &headers, r#"{"method":"tools/list"}"#)
            .await;
        assert_eq!(
            answer.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{case}: {}",
            answer.text.chars().take(200).collect::<String>()
        );
    }
}

#[tokio::test]
async fn an_unknown_method_is_a_json_rpc_method_not_found_in_every_revision() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;

    for version in [crate::client::V2025_06_18, V2025_11_25, V2026_07_28] {
        for method in ["foo/bar", "resources/list", "prompts/list"] {
            let answer = app.rpc(&token, version, method, json!({})).await;
            assert_eq!(
                answer.rpc_error_code(),
                -32601,
                "{version} {method}: {}",
                answer.text
            );
            assert!(answer.body.get("result").is_none());
        }
    }
}

#[tokio::test]
async fn an_unknown_tool_is_a_json_rpc_error_and_reaches_nothing() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;

    for version in [crate::client::V2025_06_18, V2025_11_25, V2026_07_28] {
        let answer = app
            .rpc(
                &token,
                version,
                "tools/call",
                json!({"name": "clickup_no_such_tool", "arguments": {}}),
            )
            .await;
        assert_eq!(
            answer.rpc_error_code(),
            -32602,
            "{version}: {}",
            answer.text
        );
        assert!(
            answer.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("clickup_no_such_tool"),
            "{}",
            answer.text
        );
    }
    let control = app
        .rpc(
            &token,
            V2025_11_25,
            "tools/call",
            json!({"name": "clickup_\u{1b}[31mred\u{7}", "arguments": {}}),
        )
        .await;
    let message = control.body["error"]["message"].as_str().unwrap();
    assert!(
        !message.chars().any(char::is_control),
        "control characters of a name are not echoed: {message:?}"
    );
    app.flush_audit().await;
    assert!(
        app.audit_of("tool_call").await.is_empty(),
        "an unknown tool is not a tool call"
    );
    assert!(app.sandbox_requests().await.is_empty());
}

/// Arguments every tool must refuse: `workspace_id` (which docs/tools.md, "Workspace selection" gives every tool as an
/// optional string, and which a tool without it refuses as unknown) as an object holding a
/// secret that must not be echoed.
fn schema_breaking_arguments() -> Value {
    json!({"workspace_id": {"token": "SECRET-VALUE-8d1f"}})
}

#[tokio::test]
async fn arguments_that_fail_the_schema_are_a_tool_error_for_every_tool_in_both_forms() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;
    // Premium, so that every tool of the catalogue is listed and callable.
    app.set_tier(app.seed(0).id, clickup_mcp::domain::Tier::Premium)
        .await;
    let tools = app.bare_tool_names(&token).await;

    for tool in &tools {
        let bare = app
            .bare_call(&token, tool, schema_breaking_arguments())
            .await;
        let rpc = app
            .rpc_call(&token, V2025_11_25, tool, schema_breaking_arguments())
            .await;
        for (form, result) in [("bare", &bare), ("JSON-RPC", &rpc)] {
            assert_eq!(
                tool_error_code(result),
                "invalid_argument",
                "{tool} {form}: {result}"
            );
            let message = result["structuredContent"]["error"]["message"]
                .as_str()
                .unwrap();
            assert!(
                message.contains("workspace_id"),
                "{tool}: names the argument: {message}"
            );
            assert!(
                !result.to_string().contains("SECRET-VALUE"),
                "{tool} {form}: never echoes the value: {result}"
            );
            assert!(
                result["content"][0]["text"].is_string(),
                "{tool}: a text copy"
            );
        }
    }
    assert!(
        app.sandbox_requests().await.is_empty(),
        "arguments are checked before any ClickUp request: {:?}",
        app.sandbox_calls().await
    );
}

#[tokio::test]
async fn arguments_that_are_not_an_object_are_refused_as_invalid_not_as_an_unknown_method() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;

    let answer = app
        .rpc(
            &token,
            V2025_11_25,
            "tools/call",
            json!({"name": WORKSPACE_LIST, "arguments": 5}),
        )
        .await;

    let refused_as_params = answer.body["error"]["code"] == -32602;
    let tool_error =
        answer.body["result"]["structuredContent"]["error"]["code"] == "invalid_argument";
    assert!(refused_as_params || tool_error, "{}", answer.text);
}

/// Send a raw HTTP/1.1 request and read whatever comes back, writing and reading at once so
/// that an early answer (the server refusing before the body ends) is not lost.
async fn raw_exchange(port: u16, head: String, body: Vec<Vec<u8>>) -> (u16, String) {
    let stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let read = tokio::spawn(async move {
        let mut answer = Vec::new();
        let mut buffer = [0u8; 16 * 1024];
        loop {
            match reader.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&buffer[..n]),
            }
        }
        answer
    });
    let write = async move {
        writer.write_all(head.as_bytes()).await?;
        for piece in body {
            writer.write_all(&piece).await?;
        }
        writer.flush().await
    };
    // The server may close while we are still writing; that is the point.
    let _ = write.await;
    let answer = tokio::time::timeout(Duration::from_secs(30), read)
        .await
        .expect("an answer within 30 s")
        .unwrap();
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    let body = text.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned();
    (status, body)
}

/// A bare `tools/list` padded to exactly `size` bytes.
fn padded_list(size: usize) -> Vec<u8> {
    let empty = json!({"method": "tools/list", "params": {"pad": ""}}).to_string();
    let pad = "x".repeat(size - empty.len());
    let body = json!({"method": "tools/list", "params": {"pad": pad}}).to_string();
    assert_eq!(body.len(), size);
    body.into_bytes()
}

#[tokio::test]
async fn a_body_of_exactly_2_mib_is_served_and_one_byte_more_is_413() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;

    let at_limit = app
        .post_mcp(
            Some(&token),
            &[("content-type", "application/json")],
            padded_list(LIMIT),
        )
        .await;
    let over = app
        .post_mcp(
            Some(&token),
            &[("content-type", "application/json")],
            padded_list(LIMIT + 1),
        )
        .await;

    assert_eq!(
        at_limit.status,
        StatusCode::OK,
        "2 MiB: {}",
        at_limit.text.chars().take(200).collect::<String>()
    );
    assert!(tool_names(&at_limit.body).contains(&WORKSPACE_LIST.to_owned()));
    assert_eq!(over.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", over.text);
    assert_eq!(over.code(), "payload_too_large");
    assert_eq!(over.body["error"]["details"]["limit"], LIMIT);
}

#[tokio::test]
async fn an_oversized_chunked_body_without_content_length_is_413() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;
    let body = padded_list(LIMIT + 1);
    let mut chunks: Vec<Vec<u8>> = body
        .chunks(64 * 1024)
        .map(|c| {
            let mut chunk = format!("{:x}\r\n", c.len()).into_bytes();
            chunk.extend_from_slice(c);
            chunk.extend_from_slice(b"\r\n");
            chunk
        })
        .collect();
    chunks.push(b"0\r\n\r\n".to_vec());
    let head = format!(
        "POST /mcp HTTP/1.1\r\nHost: localhost:{port}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        port = app.port
    );

    let (status, body) = raw_exchange(app.port, head, chunks).await;

    assert_eq!(status, 413, "{body}");
    assert!(body.contains("payload_too_large"), "{body}");
}

#[tokio::test]
async fn a_lying_small_content_length_does_not_let_a_larger_body_through() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;
    let body = br#"{"method":"tools/list"}"#.to_vec();
    let head = format!(
        "POST /mcp HTTP/1.1\r\nHost: localhost:{port}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: 10\r\nConnection: close\r\n\r\n",
        port = app.port
    );

    let (status, _) = raw_exchange(app.port, head, vec![body]).await;

    assert!(
        (400..500).contains(&status),
        "the first 10 bytes are not a request: {status}"
    );
}

#[tokio::test]
async fn the_checks_run_in_order_size_then_origin_then_token() {
    let app = spawn_app().await;
    let json = [("content-type", "application/json")];
    let evil = [
        ("content-type", "application/json"),
        ("origin", "https://evil.example"),
    ];

    let big_evil_anonymous = app.post_mcp(None, &evil, padded_list(LIMIT + 1)).await;
    let evil_anonymous = app
        .post_mcp(None, &evil, r#"{"method":"tools/list"}"#)
        .await;
    let anonymous = app
        .post_mcp(None, &json, r#"{"method":"tools/list"}"#)
        .await;

    assert_eq!(big_evil_anonymous.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        evil_anonymous.status,
        StatusCode::FORBIDDEN,
        "{}",
        evil_anonymous.text
    );
    assert_eq!(evil_anonymous.code(), "forbidden_origin");
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_foreign_browser_origin_is_refused_with_403_in_both_forms() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;
    let origins = [
        "https://evil.example",
        "null",
        "http://localhost",
        app.url.as_str(),
    ];

    for origin in origins {
        let bare = app
            .post_mcp(
                Some(&token),
                &[("content-type", "application/json"), ("origin", origin)],
                r#"{"method":"tools/list"}"#,
            )
            .await;
        let mut headers = RPC_HEADERS.to_vec();
        headers.push(("origin", origin));
        let rpc = app
            .post_mcp(
                Some(&token),
                &headers,
                json!({"jsonrpc": "2.0", "id": next_id(), "method": "tools/list"}).to_string(),
            )
            .await;
        for (form, answer) in [("bare", bare), ("JSON-RPC", rpc)] {
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "{origin} {form}: {}",
                answer.text
            );
            assert_eq!(answer.code(), "forbidden_origin", "{origin} {form}");
        }
    }
}

#[tokio::test]
async fn a_foreign_host_is_refused_with_403_in_both_forms() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;
    let port = reqwest::Url::parse(&app.url).unwrap().port().unwrap();

    for host in [
        "attacker.example".to_owned(),
        format!("attacker.example:{port}"),
        format!("localhost.attacker.example:{port}"),
    ] {
        let bare = app
            .post_mcp(
                Some(&token),
                &[("content-type", "application/json"), ("host", &host)],
                r#"{"method":"tools/list"}"#,
            )
            .await;
        let mut headers = RPC_HEADERS.to_vec();
        headers.push(("host", &host));
        let rpc = app
            .post_mcp(
                Some(&token),
                &headers,
                json!({"jsonrpc": "2.0", "id": next_id(), "method": "tools/list"}).to_string(),
            )
            .await;
        for (form, answer) in [("bare", bare), ("JSON-RPC", rpc)] {
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "{host} {form}: {}",
                answer.text
            );
            assert_eq!(answer.code(), "forbidden_host", "{host} {form}");
        }
    }
    assert!(
        app.sandbox_requests().await.is_empty(),
        "nothing reached ClickUp"
    );

    // The name decides, not the port (a proxy on another port forwards the client's Host).
    let proxied = app
        .post_mcp(
            Some(&token),
            &[
                ("content-type", "application/json"),
                ("host", "localhost:1"),
            ],
            r#"{"method":"tools/list"}"#,
        )
        .await;
    assert_eq!(proxied.status, StatusCode::OK, "{}", proxied.text);
}

#[tokio::test]
async fn two_authorization_headers_are_refused_whichever_comes_first() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;
    let valid = format!("Bearer {token}");

    for pair in [
        [valid.as_str(), "Bearer junk"],
        ["Bearer junk", valid.as_str()],
    ] {
        let mut authorization = reqwest::header::HeaderMap::new();
        for value in pair {
            authorization.append("authorization", value.parse().unwrap());
        }
        let answer = crate::helpers::Answer::read(
            app.http
                .post(format!("{}/mcp", app.url))
                .header("content-type", "application/json")
                .headers(authorization)
                .body(r#"{"method":"tools/list"}"#)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.text);
        assert_eq!(answer.code(), "invalid_token");
    }
    assert!(
        app.sandbox_requests().await.is_empty(),
        "nothing reached ClickUp"
    );
}

#[tokio::test]
async fn an_origin_in_allowed_origins_is_served_in_both_forms() {
    let app = spawn_app_with(AppOptions {
        settings: vec![(
            "ALLOWED_ORIGINS",
            "https://app.example.com,http://localhost:6274".into(),
        )],
        ..AppOptions::default()
    })
    .await;
    let token = logged_in(&app).await;

    for origin in ["https://app.example.com", "http://localhost:6274"] {
        let bare = app
            .post_mcp(
                Some(&token),
                &[("content-type", "application/json"), ("origin", origin)],
                r#"{"method":"tools/list"}"#,
            )
            .await;
        let mut headers = RPC_HEADERS.to_vec();
        headers.push(("origin", origin));
        let rpc = app
            .post_mcp(
                Some(&token),
                &headers,
                json!({"jsonrpc": "2.0", "id": next_id(), "method": "tools/list"}).to_string(),
            )
            .await;
        assert_eq!(bare.status, StatusCode::OK, "{origin} bare: {}", bare.text);
        assert_eq!(
            rpc.status,
            StatusCode::OK,
            "{origin} JSON-RPC: {}",
            rpc.text
        );
        assert!(tool_names(rpc.result()).contains(&WORKSPACE_LIST.to_owned()));
        assert_eq!(
            rpc.header("access-control-allow-origin"),
            Some(origin),
            "CORS lets the browser read the answer"
        );
    }
    let other = app
        .post_mcp(
            Some(&token),
            &[
                ("content-type", "application/json"),
                ("origin", "https://app.example.com.evil.example"),
            ],
            r#"{"method":"tools/list"}"#,
        )
        .await;
    assert_eq!(
        other.status,
        StatusCode::FORBIDDEN,
        "a longer origin is another origin"
    );
}

#[tokio::test]
async fn a_browser_client_on_an_allowed_origin_can_speak_streamable_http() {
    let app = spawn_app_with(AppOptions {
        settings: vec![("ALLOWED_ORIGINS", "https://app.example.com".into())],
        ..AppOptions::default()
    })
    .await;

    let preflight = crate::helpers::Answer::read(
        app.http
            .request(reqwest::Method::OPTIONS, format!("{}/mcp", app.url))
            .header("origin", "https://app.example.com")
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization,content-type,mcp-protocol-version,mcp-method,mcp-name",
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    let unauthorized = app
        .post_mcp(
            None,
            &[
                ("content-type", "application/json"),
                ("origin", "https://app.example.com"),
            ],
            r#"{"method":"tools/list"}"#,
        )
        .await;

    let allowed = preflight
        .header("access-control-allow-headers")
        .unwrap_or_default()
        .to_ascii_lowercase();
    for header in [
        "authorization",
        "content-type",
        "mcp-protocol-version",
        "mcp-method",
        "mcp-name",
    ] {
        assert!(
            allowed.contains(header),
            "preflight allows {header}: {allowed:?}"
        );
    }
    let exposed = unauthorized
        .header("access-control-expose-headers")
        .unwrap_or_default()
        .to_ascii_lowercase();
    assert!(
        exposed.contains("www-authenticate"),
        "a browser client can read the OAuth challenge: {exposed:?}"
    );
}

#[tokio::test]
async fn get_and_delete_on_mcp_are_405_with_allow_post() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;

    for method in [reqwest::Method::GET, reqwest::Method::DELETE] {
        let answer = crate::helpers::Answer::read(
            app.http
                .request(method.clone(), format!("{}/mcp", app.url))
                .bearer_auth(&token)
                .header("accept", "text/event-stream")
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
        assert_eq!(answer.header("allow"), Some("POST"), "{method}");
        assert_eq!(answer.code(), "method_not_allowed", "{method}");
    }
}

#[tokio::test]
async fn a_tool_error_result_fits_the_tools_output_schema_as_sdk_clients_check() {
    let app = spawn_app().await;
    let token = logged_in(&app).await;
    let list = app.rpc(&token, V2025_11_25, "tools/list", json!({})).await;
    let tools = list.result()["tools"].as_array().unwrap().clone();

    for tool in &tools {
        let name = tool["name"].as_str().unwrap();
        let result = app
            .rpc_call(&token, V2025_11_25, name, schema_breaking_arguments())
            .await;
        assert_eq!(result["isError"], true, "{name}");
        // MCP: with an outputSchema, structured results must conform to it. Clients check the
        // required properties: those at the top level, and those of at least one `anyOf`
        // alternative (the result's, or the error's) must hold (or no structuredContent).
        let Some(structured) = result.get("structuredContent") else {
            continue;
        };
        let has_all = |required: &Value| {
            required
                .as_array()
                .into_iter()
                .flatten()
                .all(|key| structured.get(key.as_str().unwrap()).is_some())
        };
        let schema = &tool["outputSchema"];
        assert!(
            has_all(&schema["required"]),
            "{name}: the error's structuredContent lacks a required property: {structured}"
        );
        let alternatives = schema["anyOf"].as_array().cloned().unwrap_or_default();
        assert!(
            alternatives.is_empty() || alternatives.iter().any(|alt| has_all(&alt["required"])),
            "{name}: the error's structuredContent fits no alternative of {schema}: {structured}"
        );
    }
}

//! What `clickup_attachment_create` refuses, each before any ClickUp request and without
//! repeating the content, URL or path.

use serde_json::{Value, json};

use crate::attachments::session;
use crate::mcp_calls::Session;

const CREATE: &str = "clickup_attachment_create";

async fn refused(s: &Session, args: Value, expected: &str, secret: &str) {
    let (answer, calls) = s.traced(CREATE, args.clone()).await;
    assert_eq!(answer.code_for(&args.to_string()), "invalid_argument");
    assert!(
        answer.message().contains(expected),
        "{args}: {}",
        answer.message()
    );
    assert!(
        secret.is_empty() || !answer.text.contains(secret),
        "{args}: echoed {secret}"
    );
    assert!(calls.is_empty(), "{args}: {calls:?}");
}

#[tokio::test]
async fn bad_base64_is_refused_saying_what_is_wrong() {
    let s = session().await;
    for (content, expected) in [
        (
            "c2Vj*cmV0",
            "character 5 (not counting whitespace) is not in the base64 alphabet",
        ),
        ("c2VjcmV0a", "its length is impossible for base64"),
        ("YR==", "its last character carries bits outside the data"),
    ] {
        refused(
            &s,
            json!({"task": "86aa0002", "file_name": "a.txt", "content_base64": content}),
            expected,
            content,
        )
        .await;
    }
}

#[tokio::test]
async fn urls_must_be_https_and_public() {
    let s = session().await;
    for (url, expected) in [
        ("http://example.com/a.pdf", "`url` must be https"),
        ("file:///etc/passwd", "`url` must be https"),
        ("https://user:pw@example.com/a.pdf", "user name or password"),
        ("https://127.0.0.1/a.pdf", "private, loopback"),
        ("https://localhost/a.pdf", "private, loopback"),
        ("https://[::1]/a.pdf", "private, loopback"),
        ("https://10.1.2.3/a.pdf", "private, loopback"),
        (
            "https://169.254.169.254/latest/meta-data",
            "private, loopback",
        ),
        ("https://[::ffff:192.168.0.1]/a.pdf", "private, loopback"),
    ] {
        refused(
            &s,
            json!({"task": "86aa0002", "file_name": "a.pdf", "url": url}),
            expected,
            url,
        )
        .await;
    }
}

#[tokio::test]
async fn a_local_path_is_refused_by_the_hosted_server() {
    let s = session().await;
    refused(
        &s,
        json!({"task": "86aa0002", "file_name": "passwd", "file_path": "/etc/passwd"}),
        "`file_path` works only with a local (stdio) server",
        "/etc/passwd",
    )
    .await;
}

#[tokio::test]
async fn exactly_one_source_and_a_plain_file_name() {
    let s = session().await;
    for args in [
        json!({"task": "86aa0002", "file_name": "a.txt"}),
        json!({"task": "86aa0002", "file_name": "a.txt", "content_base64": "YQ==", "url": "https://example.com/a"}),
    ] {
        refused(&s, args, "exactly one of", "").await;
    }
    refused(
        &s,
        json!({"task": "86aa0002", "file_name": "../a.txt", "content_base64": "YQ=="}),
        "`file_name` must be",
        "",
    )
    .await;
}

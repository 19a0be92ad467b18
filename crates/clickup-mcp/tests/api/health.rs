//! `GET /health` and the edges every route shares.

use reqwest::StatusCode;

use crate::helpers::{rfc3339, spawn_app};

#[tokio::test]
async fn health_answers_200_with_status_version_timestamp_and_a_database_check() {
    let app = spawn_app().await;

    let answer = app.get("/health").await;

    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(answer.body["status"], "healthy");
    assert_eq!(answer.body["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        answer.body["timestamp"],
        rfc3339(app.now()),
        "the app's clock, RFC 3339"
    );
    assert_eq!(answer.body["checks"], serde_json::json!({"database": "ok"}));
}

#[tokio::test]
async fn the_home_page_says_what_this_is_how_to_connect_and_where_to_sign_in() {
    let app = spawn_app().await;

    let answer = app.get("/").await;

    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert!(
        answer
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/html")),
        "{:?}",
        answer.header("content-type")
    );
    assert!(answer.header("content-security-policy").is_some());
    assert!(answer.text.contains("Model Context Protocol"));
    assert!(
        answer.text.contains(&format!("{}/mcp", app.url)),
        "the MCP URL to give a client: {}",
        answer.text
    );
    assert!(answer.text.contains(r#"<a href="/auth/login">"#));
}

#[tokio::test]
async fn an_unknown_path_is_a_404_with_the_seed_error_body() {
    let app = spawn_app().await;

    let answer = app.get("/no/such/thing").await;

    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.code(), "not_found");
    assert!(
        answer.body["error"]["message"].is_string(),
        "{}",
        answer.text
    );
}

#[tokio::test]
async fn every_answer_carries_the_browser_hardening_headers() {
    let app = spawn_app().await;

    for path in ["/health", "/auth/me", "/nowhere"] {
        let answer = app.get(path).await;
        assert_eq!(
            answer.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(answer.header("x-frame-options"), Some("DENY"), "{path}");
        assert_eq!(
            answer.header("referrer-policy"),
            Some("no-referrer"),
            "{path}"
        );
    }
}

//! Authentication errors, unknown routes and the per-token rate limit.

use clickup_sandbox::SandboxOptions;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{ALICE, DAVE, assert_clickup_error, spawn_sandbox, spawn_with};

#[tokio::test]
async fn a_request_without_authorization_is_oauth_017() {
    let sandbox = spawn_sandbox().await;
    let response = sandbox
        .http
        .get(sandbox.url("/api/v2/user"))
        .send()
        .await
        .unwrap();
    let status = response.status();
    assert_clickup_error(
        status,
        &response.json().await.unwrap(),
        401,
        "OAUTH_017",
        "no header",
    );
    let (status, body) = sandbox.get_json("/v2/user", "").await;
    assert_clickup_error(status, &body, 401, "OAUTH_017", "empty header");
}

#[tokio::test]
async fn unknown_tokens_are_refused_with_clickups_codes() {
    let sandbox = spawn_sandbox().await;
    let (status, body) = sandbox
        .get_json("/v2/user", "81000001_0123456789abcdef")
        .await;
    assert_clickup_error(status, &body, 401, "OAUTH_019", "unknown oauth token");
    let (status, body) = sandbox
        .get_json("/v2/user", "pk_81000001_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .await;
    assert_clickup_error(status, &body, 401, "OAUTH_025", "unknown personal token");
}

#[tokio::test]
async fn a_bearer_prefix_is_accepted_as_well_as_the_raw_token() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(DAVE);
    let (status, body) = sandbox
        .get_json("/v2/user", &format!("Bearer {token}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["user"]["id"], DAVE);
}

#[tokio::test]
async fn an_unknown_route_or_method_is_app_001_json() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, body) = sandbox.get_json("/v2/nothing/here", &token).await;
    assert_clickup_error(status, &body, 404, "APP_001", "unknown path");
    let response = sandbox
        .http
        .delete(sandbox.url("/api/v2/user"))
        .header("Authorization", &token)
        .send()
        .await
        .unwrap();
    let status = response.status();
    assert_clickup_error(
        status,
        &response.json().await.unwrap(),
        404,
        "APP_001",
        "wrong method",
    );
}

#[tokio::test]
async fn every_authenticated_answer_carries_rate_limit_headers_and_the_limit_answers_429() {
    let sandbox = spawn_with(SandboxOptions {
        rate_limit_per_minute: 3,
        ..SandboxOptions::default()
    })
    .await;
    let token = sandbox.personal_token(ALICE);
    let now_s = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();

    let mut remaining = Vec::new();
    for path in ["/v2/user", "/v2/team", "/v2/space/1"] {
        let response = sandbox.get(path, &token).await;
        let headers = response.headers();
        assert_eq!(headers["x-ratelimit-limit"], "3", "{path}");
        let reset: u64 = headers["x-ratelimit-reset"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            (now_s + 55..=now_s + 61).contains(&reset),
            "{path}: reset {reset}, now {now_s}"
        );
        remaining.push(
            headers["x-ratelimit-remaining"]
                .to_str()
                .unwrap()
                .to_owned(),
        );
    }
    assert_eq!(
        remaining,
        vec!["2", "1", "0"],
        "an error answer counts and carries the headers too"
    );

    let refused = sandbox.get("/v2/user", &token).await;
    assert_eq!(refused.headers()["x-ratelimit-remaining"], "0");
    let status = refused.status();
    assert_clickup_error(
        status,
        &refused.json().await.unwrap(),
        429,
        "APP_002",
        "fourth request",
    );

    let other = sandbox.personal_token(DAVE);
    assert_eq!(
        sandbox.get("/v2/user", &other).await.status(),
        StatusCode::OK,
        "another token has its own budget"
    );

    sandbox
        .control("/clock", json!({ "advance_secs": 60 }))
        .await;
    let next_window = sandbox.get("/v2/user", &token).await;
    assert_eq!(next_window.status(), StatusCode::OK, "a new window");
    assert_eq!(next_window.headers()["x-ratelimit-remaining"], "2");
}

#[tokio::test]
async fn the_rate_limit_can_be_changed_at_runtime() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let first = sandbox.get("/v2/user", &token).await;
    assert_eq!(
        first.headers()["x-ratelimit-limit"],
        "100",
        "ClickUp's default"
    );
    let (status, settings) = sandbox
        .control("/settings", json!({ "rate_limit_per_minute": 1 }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(settings["rate_limit_per_minute"], 1);
    assert_eq!(
        sandbox.get("/v2/user", &token).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    let (status, _) = sandbox
        .control("/settings", json!({ "rate_limit_per_minute": 0 }))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "zero is refused");
}

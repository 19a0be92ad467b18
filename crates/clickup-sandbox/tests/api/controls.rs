//! The `/_sandbox/` test controls: users, faults, request log, reset.

use std::time::{Duration, Instant};

use clickup_sandbox::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{ACME, ALICE, DAVE, assert_clickup_error, spawn_sandbox};

#[tokio::test]
async fn the_users_control_lists_the_seed_users_with_tokens_and_workspaces() {
    let sandbox = spawn_sandbox().await;
    let body: Value = sandbox
        .http
        .get(sandbox.url("/_sandbox/users"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let users = body["users"].as_array().unwrap();
    assert_eq!(users.len(), 4);
    assert_eq!(users[0]["id"], ALICE);
    assert_eq!(users[0]["email"], "alice@example.com");
    assert_eq!(
        users[0]["personal_token"],
        "pk_81000001_UEA4O43J5LNET2VLAOSYVT5OLQEKODPJ"
    );
    assert_eq!(users[3]["id"], DAVE);
    assert_eq!(users[3]["workspaces"], json!(["9000002"]));
    assert_eq!(
        serde_json::to_value(&sandbox.users).unwrap(),
        body["users"],
        "Sandbox::users agrees"
    );
}

#[tokio::test]
async fn a_fault_answers_its_status_for_count_matching_requests_then_stops() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, fault) = sandbox
        .control(
            "/faults",
            json!({ "path_prefix": "/v2/team", "method": "GET", "status": 503, "count": 2 }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(fault["path_prefix"], "/api/v2/team");

    assert_eq!(
        sandbox.get("/v2/user", &token).await.status(),
        StatusCode::OK,
        "other path"
    );
    for attempt in 1..=2 {
        let (status, body) = sandbox
            .get_json(&format!("/v2/team/{ACME}/space"), &token)
            .await;
        assert_clickup_error(status, &body, 503, "APP_500", &format!("attempt {attempt}"));
    }
    assert_eq!(
        sandbox.get("/v2/team", &token).await.status(),
        StatusCode::OK,
        "spent after two"
    );
}

#[tokio::test]
async fn a_fault_can_name_its_error_and_a_429_fault_carries_rate_limit_headers() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    sandbox
        .control("/faults", json!({ "path_prefix": "/api/v2/user", "status": 401, "err": "Token invalid", "ecode": "OAUTH_025" }))
        .await;
    let (status, body) = sandbox.get_json("/v2/user", &token).await;
    assert_clickup_error(status, &body, 401, "OAUTH_025", "named error");
    assert_eq!(body["err"], "Token invalid");

    sandbox
        .control(
            "/faults",
            json!({ "path_prefix": "/v2/user", "status": 429 }),
        )
        .await;
    let response = sandbox.get("/v2/user", &token).await;
    assert_eq!(response.headers()["x-ratelimit-remaining"], "0");
    assert!(response.headers().contains_key("x-ratelimit-reset"));
    let status = response.status();
    assert_clickup_error(
        status,
        &response.json().await.unwrap(),
        429,
        "APP_002",
        "429 fault",
    );
}

#[tokio::test]
async fn a_malformed_fault_answers_200_with_a_body_that_is_not_json() {
    let sandbox = spawn_sandbox().await;
    sandbox
        .control(
            "/faults",
            json!({ "path_prefix": "/v2/user", "malformed_body": true }),
        )
        .await;
    let response = sandbox
        .get("/v2/user", &sandbox.personal_token(ALICE))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/json");
    let text = response.text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
}

#[tokio::test]
async fn a_delay_fault_slows_the_request_which_then_runs_normally() {
    let sandbox = spawn_sandbox().await;
    sandbox
        .control(
            "/faults",
            json!({ "path_prefix": "/v2/user", "delay_ms": 150 }),
        )
        .await;
    let started = Instant::now();
    let (status, body) = sandbox
        .get_json("/v2/user", &sandbox.personal_token(ALICE))
        .await;
    assert!(started.elapsed() >= Duration::from_millis(150));
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["user"]["id"], ALICE);
}

#[tokio::test]
async fn faults_apply_to_the_token_endpoint_and_can_be_cleared() {
    let sandbox = spawn_sandbox().await;
    sandbox
        .control(
            "/faults",
            json!({ "path_prefix": "/v2/oauth/token", "status": 500, "count": 5 }),
        )
        .await;
    let code = sandbox.code_for(ALICE, &[ACME]).await;
    let body = json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET, "code": code });
    assert_eq!(
        sandbox.exchange(body.clone()).await.0,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    let cleared = sandbox
        .http
        .delete(sandbox.url("/_sandbox/faults"))
        .send()
        .await
        .unwrap();
    assert_eq!(cleared.status(), StatusCode::OK);
    assert_eq!(
        sandbox.exchange(body).await.0,
        StatusCode::OK,
        "the code survived the fault"
    );
}

#[tokio::test]
async fn nonsense_faults_are_refused() {
    let sandbox = spawn_sandbox().await;
    let cases = [
        (json!({ "status": 500 }), "no path_prefix"),
        (
            json!({ "path_prefix": "/v2", "status": 42 }),
            "status out of range",
        ),
        (json!({ "path_prefix": "/v2", "count": 0 }), "zero count"),
        (json!({ "path_prefix": "/v2", "bogus": 1 }), "unknown field"),
    ];
    for (body, case) in cases {
        let (status, error) = sandbox.control("/faults", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{case}");
        assert!(error["error"].is_string(), "{case}");
    }
}

#[tokio::test]
async fn the_request_log_records_api_calls_in_order_and_never_a_raw_token() {
    let sandbox = spawn_sandbox().await;
    let personal = sandbox.personal_token(ALICE);
    sandbox.get("/v2/user", &personal).await;
    let oauth = sandbox.oauth_token(DAVE, &["9000002"]).await;
    sandbox.get("/v2/team?x=1", &oauth).await;
    sandbox.get("/v2/user", "nonsense").await;
    sandbox
        .http
        .post(sandbox.url("/api/v2/oauth/token"))
        .query(&[
            ("client_id", DEFAULT_CLIENT_ID),
            ("client_secret", DEFAULT_CLIENT_SECRET),
            ("code", "XYZ"),
        ])
        .send()
        .await
        .unwrap();

    let log = sandbox.requests().await;
    let text = serde_json::to_string(&log).unwrap();
    assert!(
        !text.contains(&personal) && !text.contains(&oauth),
        "no raw token: {text}"
    );
    assert!(
        !text.contains(DEFAULT_CLIENT_SECRET),
        "no client secret: {text}"
    );

    let summary: Vec<(String, String, Value, Value, u64)> = log
        .iter()
        .map(|e| {
            (
                e["method"].as_str().unwrap().to_owned(),
                e["path"].as_str().unwrap().to_owned(),
                e["user_id"].clone(),
                e["token_kind"].clone(),
                e["status"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "GET".into(),
                "/api/v2/user".into(),
                json!(ALICE),
                json!("personal"),
                200
            ),
            (
                "POST".into(),
                "/api/oauth/authorize".into(),
                Value::Null,
                Value::Null,
                302
            ),
            (
                "POST".into(),
                "/api/v2/oauth/token".into(),
                Value::Null,
                Value::Null,
                200
            ),
            (
                "GET".into(),
                "/api/v2/team".into(),
                json!(DAVE),
                json!("oauth"),
                200
            ),
            (
                "GET".into(),
                "/api/v2/user".into(),
                Value::Null,
                Value::Null,
                401
            ),
            (
                "POST".into(),
                "/api/v2/oauth/token".into(),
                Value::Null,
                Value::Null,
                401
            ),
        ]
    );
    assert_eq!(log[3]["query"], "x=1");
    let seqs: Vec<u64> = log.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");

    let since = seqs[3];
    let body: Value = sandbox
        .http
        .get(sandbox.url(&format!("/_sandbox/requests?since={since}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        body["requests"].as_array().unwrap().len(),
        2,
        "entries after seq {since}"
    );

    sandbox
        .http
        .delete(sandbox.url("/_sandbox/requests"))
        .send()
        .await
        .unwrap();
    assert!(sandbox.requests().await.is_empty());
    assert_eq!(
        sandbox.get("/v2/user", &personal).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        sandbox.requests().await.len(),
        1,
        "control calls are not logged"
    );
}

#[tokio::test]
async fn reset_restores_the_seed_and_forgets_log_faults_and_tokens() {
    let sandbox = spawn_sandbox().await;
    let oauth = sandbox.oauth_token(ALICE, &[ACME]).await;
    let code = sandbox.code_for(ALICE, &[ACME]).await;
    sandbox
        .control(
            "/faults",
            json!({ "path_prefix": "/v2/user", "status": 500, "count": 10 }),
        )
        .await;

    let (status, _) = sandbox.control("/reset", json!({})).await;
    assert_eq!(status, StatusCode::OK);

    assert!(sandbox.requests().await.is_empty(), "log cleared");
    let personal = sandbox.personal_token(ALICE);
    assert_eq!(
        sandbox.get("/v2/user", &personal).await.status(),
        StatusCode::OK,
        "faults cleared"
    );
    let (status, body) = sandbox.get_json("/v2/user", &oauth).await;
    assert_clickup_error(status, &body, 401, "OAUTH_019", "tokens forgotten");
    let (status, body) = sandbox
        .exchange(json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET, "code": code }))
        .await;
    assert_clickup_error(status, &body, 401, "OAUTH_013", "codes forgotten");
    let (_, task) = sandbox.get_json("/v2/task/86aa0001", &personal).await;
    assert_eq!(task["name"], "Set up CI pipeline", "seed data back");
}

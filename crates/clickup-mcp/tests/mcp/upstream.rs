//! Upstream faults injected at the sandbox on `GET /v2/team` (what `clickup_workspace_list`
//! reads) give the tool error of docs/tools.md, "Errors", and bounded traffic: reads are retried at most
//! twice on a 5xx, never on a 429 or a malformed body, and a spent ClickUp budget is not hammered.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::client::{WORKSPACE_LIST, tool_error_code, workspace_ids};
use crate::helpers::{AppOptions, TestApp, spawn_app, spawn_app_with};

const TEAM: &str = "GET /api/v2/team";

/// A logged-in Alice with a clean sandbox log.
async fn alice(app: &TestApp) -> String {
    let token = app.login_as(app.seed(0).id).await.token;
    app.clear_sandbox_requests().await;
    token
}

async fn list(app: &TestApp, token: &str) -> Value {
    app.bare_call(token, WORKSPACE_LIST, json!({})).await
}

fn error(result: &Value) -> &Value {
    &result["structuredContent"]["error"]
}

#[tokio::test]
async fn a_clickup_429_is_rate_limited_with_the_wait_and_is_not_retried_or_repeated() {
    let app = spawn_app().await;
    let token = alice(&app).await;
    app.sandbox_fault(json!({"path_prefix": "/v2/team", "status": 429}))
        .await;

    let first = list(&app, &token).await;
    let second = list(&app, &token).await;

    for (case, result) in [("first", &first), ("second", &second)] {
        assert_eq!(tool_error_code(result), "rate_limited", "{case}: {result}");
        let wait = error(result)["retry_after_s"].as_u64().unwrap();
        assert!(
            (1..=61).contains(&wait),
            "{case}: the wait from X-RateLimit-Reset (60 s ahead): {wait}"
        );
        let message = error(result)["message"].as_str().unwrap();
        assert!(
            message.contains(&wait.to_string()),
            "{case}: says how long: {message}"
        );
    }
    let upstream = &error(&first)["upstream"];
    assert!(
        upstream.get("status").is_none_or(|s| s == 429),
        "if ClickUp's answer is named, it is the 429: {first}"
    );
    assert_eq!(
        app.sandbox_count(TEAM).await,
        1,
        "the 429 is not retried, and the second call waits on the known reset instead of asking again"
    );
}

#[tokio::test]
async fn a_clickup_500_is_upstream_error_after_two_retries_at_most() {
    let app = spawn_app().await;
    let token = alice(&app).await;
    app.sandbox_fault(json!({"path_prefix": "/v2/team", "status": 500, "count": 100}))
        .await;

    let started = Instant::now();
    let result = list(&app, &token).await;

    assert_eq!(tool_error_code(&result), "upstream_error", "{result}");
    assert_eq!(error(&result)["upstream"]["status"], 500, "{result}");
    assert_eq!(
        app.sandbox_count(TEAM).await,
        3,
        "one attempt and two retries of an idempotent read, no more"
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_single_503_is_retried_and_the_call_succeeds() {
    let app = spawn_app().await;
    let token = alice(&app).await;
    app.sandbox_fault(json!({"path_prefix": "/v2/team", "status": 503}))
        .await;

    let result = list(&app, &token).await;

    let mut ids = workspace_ids(&result);
    ids.sort();
    assert_eq!(ids, app.seed(0).workspaces);
    assert_eq!(app.sandbox_count(TEAM).await, 2);
}

#[tokio::test]
async fn many_concurrent_calls_against_a_failing_clickup_stay_bounded() {
    let app = spawn_app().await;
    let token = alice(&app).await;
    app.sandbox_fault(json!({"path_prefix": "/v2/team", "status": 502, "count": 1000}))
        .await;
    const CALLS: usize = 10;

    let results = futures::future::join_all((0..CALLS).map(|_| list(&app, &token))).await;

    for result in &results {
        assert_eq!(tool_error_code(result), "upstream_error", "{result}");
    }
    let sent = app.sandbox_count(TEAM).await;
    assert!(
        sent <= CALLS * 3,
        "at most three attempts per call, no storm: {sent}"
    );
}

#[tokio::test]
async fn a_malformed_clickup_answer_is_upstream_error_and_not_retried() {
    let app = spawn_app().await;
    let token = alice(&app).await;
    app.sandbox_fault(json!({"path_prefix": "/v2/team", "malformed_body": true}))
        .await;

    let result = list(&app, &token).await;
    let after = list(&app, &token).await;

    assert_eq!(tool_error_code(&result), "upstream_error", "{result}");
    assert!(
        !result.to_string().contains("EOF"),
        "no parser internals in the message: {result}"
    );
    assert_eq!(after["isError"], false, "the fault was one answer: {after}");
    assert_eq!(app.sandbox_count(TEAM).await, 2, "one request per call");
}

#[tokio::test]
async fn a_slow_clickup_answer_within_the_timeout_is_waited_for_once() {
    let app = spawn_app().await;
    let token = alice(&app).await;
    app.sandbox_fault(json!({"path_prefix": "/v2/team", "delay_ms": 1500}))
        .await;

    let started = Instant::now();
    let result = list(&app, &token).await;

    assert!(started.elapsed() >= Duration::from_millis(1500));
    assert_eq!(result["isError"], false, "{result}");
    assert_eq!(
        app.sandbox_count(TEAM).await,
        1,
        "no second request while waiting"
    );
}

#[tokio::test]
async fn a_clickup_that_never_answers_is_upstream_error_within_the_retry_budget() {
    // ClickUp's deadlines scaled down 100 times (30 s an attempt, 45 s in all), so the test
    // does not wait 45 s: the same two attempts, the second cut to what is left of the budget.
    let app = spawn_app_with(AppOptions {
        clickup_deadlines: Some((
            clickup::Timeouts {
                connect: Duration::from_millis(50),
                total: Duration::from_millis(300),
            },
            clickup::RetryPolicy {
                max_total: Duration::from_millis(450),
                ..clickup::RetryPolicy::default()
            },
        )),
        ..AppOptions::default()
    })
    .await;
    let token = alice(&app).await;
    app.sandbox_fault(json!({"path_prefix": "/v2/team", "delay_ms": 120_000, "count": 10}))
        .await;

    let started = Instant::now();
    let result = list(&app, &token).await;
    let took = started.elapsed();

    assert_eq!(tool_error_code(&result), "upstream_error", "{result}");
    let message = error(&result)["message"].as_str().unwrap();
    assert!(message.contains("in time"), "says it timed out: {message}");
    assert!(
        took >= Duration::from_millis(300),
        "an attempt waited its whole timeout: {took:?}"
    );
    assert!(
        took < Duration::from_secs(20),
        "bounded by the retry budget (0.45 s here), not by ClickUp's 120 s delay: {took:?}"
    );
}

#[tokio::test]
async fn a_token_revoked_at_clickup_is_reauth_required_and_marks_the_credential_revoked() {
    let app = spawn_app().await;
    let alice_id = app.seed(0).id;
    let token = alice(&app).await;
    app.sandbox_control("/tokens/revoke", json!({"user_id": alice_id}))
        .await;

    let first = list(&app, &token).await;
    let credential = app.credential(alice_id).await.unwrap();
    let second = list(&app, &token).await;

    assert_eq!(tool_error_code(&first), "reauth_required", "{first}");
    let message = error(&first)["message"].as_str().unwrap();
    assert!(message.to_lowercase().contains("reconnect"), "{message}");
    assert_eq!(error(&first)["upstream"]["status"], 401);
    assert!(
        credential.revoked,
        "the stored credential is marked revoked"
    );
    assert_eq!(tool_error_code(&second), "reauth_required");
    assert_eq!(
        app.sandbox_count(TEAM).await,
        1,
        "a revoked credential is not sent to ClickUp again"
    );
    let me = app.get_me(&token).await;
    assert_eq!(
        me.status, 200,
        "the session itself still works: {}",
        me.text
    );
}

#[tokio::test]
async fn a_new_login_after_reauth_required_restores_the_tools() {
    let app = spawn_app().await;
    let alice_id = app.seed(0).id;
    let token = alice(&app).await;
    app.sandbox_control("/tokens/revoke", json!({"user_id": alice_id}))
        .await;
    assert_eq!(
        tool_error_code(&list(&app, &token).await),
        "reauth_required"
    );

    let fresh = app.login_as(alice_id).await.token;
    let result = list(&app, &fresh).await;

    assert_eq!(result["isError"], false, "{result}");
    assert!(!app.credential(alice_id).await.unwrap().revoked);
}

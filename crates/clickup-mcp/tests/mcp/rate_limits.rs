//! docs/architecture.md, "Rate limits and the ClickUp budget": per user, at most N requests to `/mcp` accepted in any 60-second interval (100 free,
//! 500 premium, configurable), exact under concurrency; `X-RateLimit-*` on every answer once the
//! caller is known; a refusal is 429 with `Retry-After` and `rate_limited`, and never reaches
//! ClickUp. The app's clock is manual, so "60 seconds" is exact.

use clickup_mcp::domain::Tier;
use futures::StreamExt;
use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::json;

use crate::client::{ACCEPT_BOTH, V2025_11_25, WORKSPACE_LIST, initialize_body};
use crate::helpers::{Answer, AppOptions, TestApp, spawn_app, spawn_app_with};

/// Send `n` bare `tools/list` requests at once; the answers in no particular order.
async fn burst(app: &TestApp, token: &str, n: usize) -> Vec<Answer> {
    join_all((0..n).map(|_| app.bare(token, json!({"method": "tools/list"})))).await
}

/// Send `n` bare `tools/list` requests, `at_once` in flight at a time (to stay well within a
/// small open-files limit when the count, not the simultaneity, is the point).
async fn stream_of(app: &TestApp, token: &str, n: usize, at_once: usize) -> Vec<Answer> {
    futures::stream::iter((0..n).map(|_| app.bare(token, json!({"method": "tools/list"}))))
        .buffer_unordered(at_once)
        .collect()
        .await
}

/// (accepted, refused) of a burst; anything else fails the test.
fn tally(answers: &[Answer]) -> (usize, usize) {
    let mut accepted = 0;
    let mut refused = 0;
    for answer in answers {
        match answer.status {
            StatusCode::OK => accepted += 1,
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => panic!("neither accepted nor rate limited: {other} {}", answer.text),
        }
    }
    (accepted, refused)
}

fn assert_refusal(answer: &Answer, limit: u64) {
    assert_eq!(
        answer.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        answer.text
    );
    assert_eq!(answer.code(), "rate_limited", "{}", answer.text);
    let retry_after: u64 = answer
        .header("retry-after")
        .expect("Retry-After on a 429")
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "Retry-After {retry_after}");
    let headers = answer.limit_headers().expect("X-RateLimit-* on a 429");
    assert_eq!(headers.limit, limit);
    assert_eq!(headers.remaining, 0);
}

#[tokio::test]
async fn three_hundred_simultaneous_requests_of_a_free_user_get_exactly_one_hundred_through() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let token = app.login_as(alice).await.token;
    app.clear_sandbox_requests().await;

    let answers = burst(&app, &token, 300).await;

    assert_eq!(tally(&answers), (100, 200), "exactly the free limit");
    let mut remaining: Vec<u64> = answers
        .iter()
        .filter(|a| a.status == StatusCode::OK)
        .map(|a| a.limit_headers().expect("X-RateLimit-* on a 200").remaining)
        .collect();
    remaining.sort_unstable();
    assert_eq!(
        remaining,
        (0..100).collect::<Vec<u64>>(),
        "each accepted request saw its own count"
    );
    for answer in answers.iter().filter(|a| a.status != StatusCode::OK) {
        assert_refusal(answer, 100);
    }
    app.flush_audit().await;
    let rows = app.audit_of("rate_limited").await;
    assert_eq!(rows.len(), 1, "one row for the run of refusals, not 200");
    assert_eq!(rows[0].user_id.map(|u| u.0), Some(alice));
    assert_eq!(rows[0].details["limit"], 100);
    assert_eq!(rows[0].details["tier"], "free");
}

#[tokio::test]
async fn a_premium_user_gets_exactly_five_hundred_in_a_minute() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let token = app.login_as(alice).await.token;
    app.set_tier(alice, Tier::Premium).await;

    let answers = stream_of(&app, &token, 520, 100).await;

    assert_eq!(tally(&answers), (500, 20));
    for answer in &answers {
        assert_eq!(answer.limit_headers().unwrap().limit, 500);
    }
}

#[tokio::test]
async fn the_limits_are_configurable() {
    let app = spawn_app_with(AppOptions {
        settings: vec![
            ("RATE_LIMIT_FREE", "7".into()),
            ("RATE_LIMIT_PREMIUM", "11".into()),
        ],
        ..AppOptions::default()
    })
    .await;
    let alice = app.seed(0).id;
    let bob = app.seed(1).id;
    let a = app.login_as(alice).await.token;
    let b = app.login_as(bob).await.token;
    app.set_tier(bob, Tier::Premium).await;

    let free = burst(&app, &a, 20).await;
    let premium = burst(&app, &b, 20).await;

    assert_eq!(tally(&free), (7, 13));
    assert_eq!(tally(&premium), (11, 9));
    assert_eq!(free[0].limit_headers().unwrap().limit, 7);
    assert_eq!(premium[0].limit_headers().unwrap().limit, 11);
}

#[tokio::test]
async fn users_are_limited_separately() {
    let app = spawn_app_with(AppOptions {
        settings: vec![("RATE_LIMIT_FREE", "5".into())],
        ..AppOptions::default()
    })
    .await;
    let a = app.login_as(app.seed(0).id).await.token;
    let b = app.login_as(app.seed(1).id).await.token;

    let spent = burst(&app, &a, 6).await;
    let other = app.bare(&b, json!({"method": "tools/list"})).await;
    // A second session of the same user shares the user's budget.
    let a2 = app.login_as(app.seed(0).id).await.token;
    let same_user = app.bare(&a2, json!({"method": "tools/list"})).await;

    assert_eq!(tally(&spent), (5, 1));
    assert_eq!(other.status, StatusCode::OK, "{}", other.text);
    assert_eq!(other.limit_headers().unwrap().remaining, 4);
    assert_refusal(&same_user, 5);
}

#[tokio::test]
async fn the_window_is_any_sixty_seconds_and_retry_after_says_when_a_slot_frees() {
    let app = spawn_app_with(AppOptions {
        settings: vec![("RATE_LIMIT_FREE", "3".into())],
        ..AppOptions::default()
    })
    .await;
    let token = app.login_as(app.seed(0).id).await.token;
    let list = || app.bare(&token, json!({"method": "tools/list"}));
    let first = list().await;
    let start = app.now();
    app.advance_secs(30);
    assert_eq!(list().await.status, StatusCode::OK);
    assert_eq!(list().await.status, StatusCode::OK);

    let refused = list().await;
    app.advance_secs(29);
    let still_refused = list().await;
    app.advance_secs(1);
    let freed = list().await;
    let refused_again = list().await;

    let reset = first.limit_headers().unwrap().reset;
    assert!(
        (start + 59..=start + 61).contains(&reset),
        "X-RateLimit-Reset is when the oldest request leaves the window: {reset} vs {start}"
    );
    assert_refusal(&refused, 3);
    assert_eq!(
        refused.header("retry-after"),
        Some("30"),
        "the first slot frees at +60 s"
    );
    assert_refusal(&still_refused, 3);
    assert_eq!(still_refused.header("retry-after"), Some("1"));
    assert_eq!(
        freed.status,
        StatusCode::OK,
        "60 s after the first request: {}",
        freed.text
    );
    assert_eq!(freed.limit_headers().unwrap().remaining, 0);
    assert_refusal(&refused_again, 3);
    assert_eq!(
        refused_again.header("retry-after"),
        Some("30"),
        "the next slot frees 60 s after the second request, at +90 s"
    );
}

#[tokio::test]
async fn every_answer_after_authentication_carries_the_rate_limit_headers() {
    let app = spawn_app().await;
    let token = app.login_as(app.seed(0).id).await.token;
    let rpc = [
        ("content-type", "application/json"),
        ("accept", ACCEPT_BOTH),
        ("mcp-protocol-version", V2025_11_25),
    ];
    let mut answers: Vec<(&str, Answer)> = Vec::new();
    answers.push((
        "bare tools/list",
        app.bare(&token, json!({"method": "tools/list"})).await,
    ));
    answers.push((
        "bare tool call",
        app.bare(
            &token,
            json!({"method": "tools/call", "params": {"name": WORKSPACE_LIST, "arguments": {}}}),
        )
        .await,
    ));
    answers.push((
        "bare tool error",
        app.bare(
            &token,
            json!({"method": "tools/call", "params": {"name": WORKSPACE_LIST, "arguments": {"x": 1}}}),
        )
        .await,
    ));
    answers.push((
        "bare unknown tool (404)",
        app.bare(
            &token,
            json!({"method": "tools/call", "params": {"name": "clickup_nope"}}),
        )
        .await,
    ));
    answers.push((
        "bare unknown method (400)",
        app.bare(&token, json!({"method": "nope"})).await,
    ));
    answers.push((
        "JSON-RPC initialize",
        app.rpc_message(&token, V2025_11_25, &initialize_body(V2025_11_25))
            .await,
    ));
    answers.push((
        "JSON-RPC notification (202)",
        app.rpc_message(
            &token,
            V2025_11_25,
            &json!({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        )
        .await,
    ));
    answers.push((
        "JSON-RPC unknown method",
        app.rpc(&token, V2025_11_25, "nope/nope", json!({})).await,
    ));
    answers.push((
        "wrong content type (415)",
        app.post_mcp(
            Some(&token),
            &[("content-type", "text/plain"), ("accept", ACCEPT_BOTH)],
            "{}",
        )
        .await,
    ));
    answers.push((
        "no Accept (406)",
        app.post_mcp(
            Some(&token),
            &[("content-type", "application/json")],
            json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}).to_string(),
        )
        .await,
    ));
    answers.push(("bad JSON", app.post_mcp(Some(&token), &rpc, "{").await));

    let mut expected_remaining = 99;
    for (case, answer) in &answers {
        let headers = answer.limit_headers().unwrap_or_else(|| {
            panic!(
                "{case}: no X-RateLimit-* ({} {})",
                answer.status, answer.text
            )
        });
        assert_eq!(headers.limit, 100, "{case}");
        assert_eq!(
            headers.remaining, expected_remaining,
            "{case}: every authenticated request counts once"
        );
        assert!(
            headers.reset >= app.now(),
            "{case}: reset {}",
            headers.reset
        );
        expected_remaining -= 1;
    }
}

#[tokio::test]
async fn a_rate_limited_tool_call_never_reaches_clickup() {
    let app = spawn_app_with(AppOptions {
        settings: vec![("RATE_LIMIT_FREE", "2".into())],
        ..AppOptions::default()
    })
    .await;
    let token = app.login_as(app.seed(0).id).await.token;
    burst(&app, &token, 2).await;
    app.clear_sandbox_requests().await;

    let bare = app
        .bare(
            &token,
            json!({"method": "tools/call", "params": {"name": WORKSPACE_LIST, "arguments": {}}}),
        )
        .await;
    let rpc = app
        .rpc(
            &token,
            V2025_11_25,
            "tools/call",
            json!({"name": WORKSPACE_LIST, "arguments": {}}),
        )
        .await;

    assert_refusal(&bare, 2);
    assert_refusal(&rpc, 2);
    assert!(
        rpc.body.get("jsonrpc").is_none(),
        "an HTTP 429 with the seed body, before JSON-RPC: {}",
        rpc.text
    );
    assert!(app.sandbox_requests().await.is_empty());
    app.flush_audit().await;
    assert!(app.audit_of("tool_call").await.is_empty(), "no tool ran");
}

#[tokio::test]
async fn with_rate_limiting_off_nothing_is_refused() {
    let app = spawn_app_with(AppOptions {
        settings: vec![
            ("ENABLE_RATE_LIMITING", "false".into()),
            ("RATE_LIMIT_FREE", "3".into()),
        ],
        ..AppOptions::default()
    })
    .await;
    let token = app.login_as(app.seed(0).id).await.token;

    let answers = burst(&app, &token, 10).await;

    assert_eq!(tally(&answers), (10, 0));
}

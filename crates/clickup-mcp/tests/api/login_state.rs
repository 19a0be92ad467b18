//! The login `state`: missing, unknown, replayed, expired, or from another browser — each is
//! 400 `invalid_state`, writes no user, credential or session, and leaves an `auth_failure` row.

use reqwest::StatusCode;

use crate::helpers::{Answer, TestApp, spawn_app, with_param, without_param};

/// The refusal a user sees, and what it leaves behind.
async fn assert_refused(app: &TestApp, answer: &Answer, reason: &str, case: &str) {
    assert_eq!(
        answer.status,
        StatusCode::BAD_REQUEST,
        "{case}: {}",
        answer.text
    );
    assert_eq!(answer.code(), "invalid_state", "{case}: {}", answer.text);
    assert_eq!(answer.reason(), reason, "{case}: {}", answer.text);
    assert!(answer.body.get("token").is_none(), "{case}: no token");
    app.assert_nothing_written(case).await;
    let failures = app.audit_of("auth_failure").await;
    let last = failures
        .last()
        .unwrap_or_else(|| panic!("{case}: an auth_failure row"));
    assert_eq!(
        last.details["reason"],
        format!("invalid_state:{reason}"),
        "{case}"
    );
    assert_eq!(last.user_id, None, "{case}: no user is known");
    assert!(app.audit_of("auth_success").await.is_empty(), "{case}");
}

#[tokio::test]
async fn a_callback_with_a_missing_empty_unknown_or_oversized_state_is_refused() {
    let app = spawn_app().await;
    let browser = app.browser(app.seed(0).id);
    let callback = browser.callback_url().await;
    let unknown = "ab".repeat(32);
    let oversized = "a".repeat(600);
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "no query at all",
            format!("{}/auth/callback", app.url),
            "missing",
        ),
        (
            "code but no state",
            without_param(&callback, "state"),
            "missing",
        ),
        ("empty state", with_param(&callback, "state", ""), "missing"),
        (
            "a state we never issued",
            with_param(&callback, "state", &unknown),
            "unknown_or_used",
        ),
        (
            "a 600-byte state",
            with_param(&callback, "state", &oversized),
            "unknown",
        ),
    ];

    for (case, url, reason) in cases {
        let answer = browser.get(&url).await;
        assert_refused(&app, &answer, reason, case).await;
    }
    assert_eq!(
        app.audit_of("auth_failure").await.len(),
        5,
        "one row per refusal"
    );
}

#[tokio::test]
async fn a_completed_callback_url_cannot_be_replayed() {
    let app = spawn_app().await;
    let browser = app.browser(app.seed(0).id);
    let callback = browser.callback_url().await;
    let first = browser.get(&callback).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);

    let replay = browser.get(&callback).await;

    assert_eq!(replay.status, StatusCode::BAD_REQUEST, "{}", replay.text);
    assert_eq!(replay.code(), "invalid_state");
    assert_eq!(replay.reason(), "unknown_or_used");
    assert_eq!(
        app.count_rows("sessions").await,
        1,
        "still only the first session"
    );
    assert_eq!(app.count_rows("users").await, 1);
    assert_eq!(app.audit_of("auth_success").await.len(), 1);
    let failures = app.audit_of("auth_failure").await;
    assert_eq!(failures.len(), 1);
    assert_eq!(
        failures[0].details["reason"],
        "invalid_state:unknown_or_used"
    );
}

#[tokio::test]
async fn a_state_older_than_ten_minutes_is_refused() {
    let app = spawn_app().await;
    let browser = app.browser(app.seed(0).id);
    let authorize = browser.start_login().await;
    app.advance_secs(601);
    let callback = browser.approve_at_sandbox(&authorize).await;

    let answer = browser.get(&callback).await;

    assert_refused(&app, &answer, "expired", "after 601 s").await;
    assert_eq!(
        app.sandbox_calls().await,
        vec!["GET /api"],
        "the code was never exchanged"
    );
}

#[tokio::test]
async fn a_state_just_under_ten_minutes_old_still_logs_in() {
    let app = spawn_app().await;
    let browser = app.browser(app.seed(0).id);
    let authorize = browser.start_login().await;
    app.advance_secs(599);
    let callback = browser.approve_at_sandbox(&authorize).await;

    let answer = browser.get(&callback).await;

    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
}

#[tokio::test]
async fn a_state_used_from_another_browser_is_refused() {
    let app = spawn_app().await;
    let victim = app.browser(app.seed(0).id);
    let callback = victim.callback_url().await;
    let attacker = app.browser(app.seed(1).id);
    // The attacker has a login cookie of their own, for a login of their own.
    attacker.start_login().await;

    let answer = attacker.get(&callback).await;

    assert_refused(
        &app,
        &answer,
        "browser_mismatch",
        "a browser with its own cookie",
    )
    .await;
    assert_eq!(
        app.sandbox_calls().await,
        vec!["GET /api"],
        "the code was never exchanged"
    );
}

#[tokio::test]
async fn a_state_used_from_a_browser_without_the_login_cookie_is_refused() {
    let app = spawn_app().await;
    let victim = app.browser(app.seed(0).id);
    let callback = victim.callback_url().await;

    let answer = Answer::read(app.http.get(&callback).send().await.unwrap()).await;

    assert_refused(&app, &answer, "browser_mismatch", "no cookie at all").await;
}

#[tokio::test]
async fn a_browser_sees_the_state_failure_as_a_page_not_json() {
    let app = spawn_app().await;
    let browser = app.browser(app.seed(0).id);

    let answer = Answer::read(
        browser
            .manual
            .get(format!("{}/auth/callback?code=x", app.url))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap(),
    )
    .await;

    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert!(answer.header("content-security-policy").is_some());
    assert!(answer.text.contains("invalid_state"), "{}", answer.text);
    assert!(
        answer.text.contains("/auth/login"),
        "a way to start again: {}",
        answer.text
    );
    app.assert_nothing_written("html").await;
}

//! Logins ClickUp does not let finish: the user denies, the code exchange is refused or broken,
//! or reading the profile fails. Each is an error for the user and writes nothing.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Answer, AppOptions, form_value, query_param, spawn_app, spawn_app_with};

#[tokio::test]
async fn denying_at_clickups_authorize_page_is_access_denied_and_writes_nothing() {
    let app = spawn_app_with(AppOptions {
        auto_approve: false,
        ..AppOptions::default()
    })
    .await;
    let browser = app.browser(app.seed(0).id);
    let authorize = browser.start_login().await;
    let page = browser.get(&authorize).await;
    assert_eq!(
        page.status,
        StatusCode::OK,
        "the authorize page: {}",
        page.text
    );
    assert!(
        page.text.contains("value=\"deny\""),
        "a Deny button: {}",
        page.text
    );
    let form: Vec<(&str, String)> = ["client_id", "redirect_uri", "state"]
        .into_iter()
        .map(|name| {
            (
                name,
                form_value(&page.text, name).unwrap_or_else(|| panic!("no {name} in the form")),
            )
        })
        .chain([("decision", "deny".to_owned())])
        .collect();
    let decided = Answer::read(
        browser
            .manual
            .post(format!("{}/api/oauth/authorize", app.sandbox_url))
            .form(&form)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(decided.status, StatusCode::FOUND, "{}", decided.text);
    let callback = decided.location();
    assert_eq!(
        query_param(&callback, "error").as_deref(),
        Some("access_denied")
    );

    let answer = browser.get(&callback).await;

    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
    assert_eq!(answer.code(), "access_denied");
    app.assert_nothing_written("denied").await;
    let failures = app.audit_of("auth_failure").await;
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].details["reason"], "access_denied");
    let calls = app.sandbox_calls().await;
    assert!(
        !calls.iter().any(|c| c.contains("/v2/")),
        "no ClickUp API call: {calls:?}"
    );
}

#[tokio::test]
async fn an_access_denied_callback_with_a_valid_state_from_the_same_browser_is_refused() {
    let app = spawn_app().await;
    let browser = app.browser(app.seed(0).id);
    let authorize = browser.start_login().await;
    let state = query_param(&authorize, "state").unwrap();

    let answer = browser
        .get(&format!(
            "{}/auth/callback?error=access_denied&state={state}",
            app.url
        ))
        .await;

    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
    assert_eq!(answer.code(), "access_denied");
    app.assert_nothing_written("error=access_denied").await;
}

/// A fault at the sandbox, what the user must see, and a message for the case.
struct FaultCase {
    case: &'static str,
    fault: Value,
    status: StatusCode,
    code: &'static str,
    ecode: Option<&'static str>,
    /// The ClickUp calls made, after the authorize page.
    calls: &'static [&'static str],
}

async fn run_fault_cases(cases: Vec<FaultCase>) {
    for c in cases {
        let app = spawn_app().await;
        let browser = app.browser(app.seed(0).id);
        let callback = browser.callback_url().await;
        app.sandbox_fault(c.fault.clone()).await;

        let answer = browser.get(&callback).await;

        let case = c.case;
        assert_eq!(answer.status, c.status, "{case}: {}", answer.text);
        assert_eq!(answer.code(), c.code, "{case}: {}", answer.text);
        assert_eq!(
            answer.body["error"]["details"]["ecode"].as_str(),
            c.ecode,
            "{case}: details.ecode: {}",
            answer.text
        );
        assert!(answer.body.get("token").is_none(), "{case}");
        app.assert_nothing_written(case).await;
        let failures = app.audit_of("auth_failure").await;
        assert_eq!(failures.len(), 1, "{case}: one auth_failure row");
        assert_eq!(failures[0].details["reason"], c.code, "{case}");
        let mut calls = app.sandbox_calls().await;
        assert_eq!(
            calls
                .iter()
                .filter(|c| *c == "POST /api/v2/oauth/token")
                .count(),
            1,
            "{case}: the single-use code is exchanged once, never retried: {calls:?}"
        );
        // A failed read may be retried; which calls were made is what matters here.
        calls.dedup();
        assert_eq!(&calls[1..], c.calls, "{case}: the ClickUp calls made");
    }
}

#[tokio::test]
async fn a_refused_or_broken_code_exchange_is_an_upstream_error_and_writes_nothing() {
    let token_path = "/v2/oauth/token";
    run_fault_cases(vec![
        FaultCase {
            case: "exchange answers 401",
            fault: json!({"path_prefix": token_path, "status": 401, "ecode": "OAUTH_019", "count": 5}),
            status: StatusCode::BAD_GATEWAY,
            code: "upstream_error",
            ecode: Some("OAUTH_019"),
            calls: &["POST /api/v2/oauth/token"],
        },
        FaultCase {
            case: "exchange answers 400",
            fault: json!({"path_prefix": token_path, "status": 400, "ecode": "OAUTH_015", "count": 5}),
            status: StatusCode::BAD_GATEWAY,
            code: "upstream_error",
            ecode: Some("OAUTH_015"),
            calls: &["POST /api/v2/oauth/token"],
        },
        FaultCase {
            case: "exchange answers 500",
            fault: json!({"path_prefix": token_path, "status": 500, "count": 5}),
            status: StatusCode::BAD_GATEWAY,
            code: "upstream_error",
            ecode: None,
            calls: &["POST /api/v2/oauth/token"],
        },
        FaultCase {
            case: "exchange answers a cut-off body",
            fault: json!({"path_prefix": token_path, "malformed_body": true, "count": 5}),
            status: StatusCode::BAD_GATEWAY,
            code: "upstream_error",
            ecode: None,
            calls: &["POST /api/v2/oauth/token"],
        },
    ])
    .await;
}

#[tokio::test]
async fn a_failing_profile_or_workspace_read_after_the_exchange_writes_nothing() {
    run_fault_cases(vec![
        FaultCase {
            case: "/v2/user answers 500",
            fault: json!({"path_prefix": "/v2/user", "status": 500, "count": 5}),
            status: StatusCode::BAD_GATEWAY,
            code: "upstream_error",
            ecode: None,
            calls: &["POST /api/v2/oauth/token", "GET /api/v2/user"],
        },
        FaultCase {
            case: "/v2/user answers a cut-off body",
            fault: json!({"path_prefix": "/v2/user", "malformed_body": true, "count": 5}),
            status: StatusCode::BAD_GATEWAY,
            code: "upstream_error",
            ecode: None,
            calls: &["POST /api/v2/oauth/token", "GET /api/v2/user"],
        },
        FaultCase {
            case: "/v2/team answers 401",
            fault: json!({"path_prefix": "/v2/team", "status": 401, "ecode": "OAUTH_027", "count": 5}),
            status: StatusCode::BAD_GATEWAY,
            code: "upstream_error",
            ecode: Some("OAUTH_027"),
            calls: &[
                "POST /api/v2/oauth/token",
                "GET /api/v2/user",
                "GET /api/v2/team",
            ],
        },
        FaultCase {
            case: "/v2/team answers 503",
            fault: json!({"path_prefix": "/v2/team", "status": 503, "count": 5}),
            status: StatusCode::BAD_GATEWAY,
            code: "upstream_error",
            ecode: None,
            calls: &[
                "POST /api/v2/oauth/token",
                "GET /api/v2/user",
                "GET /api/v2/team",
            ],
        },
    ])
    .await;
}

#[tokio::test]
async fn a_callback_without_a_code_is_an_invalid_request_and_writes_nothing() {
    let app = spawn_app().await;
    let browser = app.browser(app.seed(0).id);
    let authorize = browser.start_login().await;
    let state = query_param(&authorize, "state").unwrap();

    let answer = browser
        .get(&format!("{}/auth/callback?state={state}", app.url))
        .await;

    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
    assert_eq!(answer.code(), "invalid_request");
    app.assert_nothing_written("no code").await;
}

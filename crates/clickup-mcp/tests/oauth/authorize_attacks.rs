//! Attacks on `/authorize` and the consent page: redirect URI mismatches (shown on our page,
//! never redirected), PKCE downgrade, foreign resources, CSRF and framing of the consent page,
//! markup in client metadata.

use reqwest::StatusCode;
use serde_json::json;

use crate::client::{
    Flow, REDIRECT, answer_consent, consent_form, exchange, post_consent, register,
    register_public, token,
};
use crate::helpers::{query_param, spawn_app};

#[tokio::test]
async fn a_redirect_uri_that_does_not_match_exactly_is_shown_on_our_page_and_never_redirected_to() {
    let app = spawn_app().await;
    let registered = register(
        &app,
        json!({
            "redirect_uris": ["https://app.example.com/cb", REDIRECT],
            "token_endpoint_auth_method": "none",
        }),
    )
    .await;
    let client_id = registered.body["client_id"].as_str().unwrap().to_owned();
    let browser = app.browser(app.seed(0).id);
    let cases = [
        ("a trailing slash", "https://app.example.com/cb/"),
        ("another case", "https://app.example.com/CB"),
        ("an explicit port", "https://app.example.com:8443/cb"),
        ("another path", "https://app.example.com/other"),
        ("an added query", "https://app.example.com/cb?next=evil"),
        ("another host", "https://evil.example/cb"),
        ("a fragment", "https://app.example.com/cb#x"),
        ("javascript", "javascript:alert(1)"),
        ("localhost for 127.0.0.1", "http://localhost:49152/callback"),
        ("another loopback path", "http://127.0.0.1:49152/callback/x"),
    ];
    for (why, uri) in cases {
        let flow = Flow {
            redirect_uri: uri.into(),
            ..Flow::new(&app, &client_id)
        };
        let page = browser.get(&flow.url(&app)).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{why}: {}", page.text);
        assert!(page.header("location").is_none(), "{why}: never redirected");
        assert!(page.text.contains("id=\"error-message\""), "{why}");
    }

    let other_port = Flow {
        redirect_uri: "http://127.0.0.1:61000/callback".into(),
        ..Flow::new(&app, &client_id)
    };
    assert_eq!(
        browser.get(&other_port.url(&app)).await.status,
        StatusCode::OK,
        "a loopback redirect URI matches with any port (RFC 8252)"
    );

    for (why, url) in [
        (
            "an unknown client",
            Flow::new(&app, "mcp_00000000000000000000000000000000").url(&app),
        ),
        (
            "no client",
            Flow::new(&app, &client_id).url_with(&app, &[("client_id", "")]),
        ),
        (
            "no redirect_uri",
            Flow::new(&app, &client_id).url_with(&app, &[("redirect_uri", "")]),
        ),
        (
            "a repeated redirect_uri",
            format!(
                "{}&redirect_uri=https%3A%2F%2Fevil.example%2Fcb",
                Flow::new(&app, &client_id).url(&app)
            ),
        ),
    ] {
        let page = browser.get(&url).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{why}: {}", page.text);
        assert!(page.header("location").is_none(), "{why}: never redirected");
    }
}

#[tokio::test]
async fn pkce_is_required_s256_only_and_checked_at_the_token_endpoint() {
    let app = spawn_app().await;
    let client_id = register_public(&app, "PKCE").await;
    let browser = app.browser(app.seed(0).id);
    for (why, extra) in [
        ("plain", vec![("code_challenge_method", "plain")]),
        ("no method", vec![("code_challenge_method", "")]),
        ("no challenge", vec![("code_challenge", "")]),
        ("a short challenge", vec![("code_challenge", "abc")]),
        (
            "a lower-case method",
            vec![("code_challenge_method", "s256")],
        ),
    ] {
        let flow = Flow::new(&app, &client_id);
        let answer = browser.get(&flow.url_with(&app, &extra)).await;
        assert_eq!(answer.status, StatusCode::FOUND, "{why}: {}", answer.text);
        let location = answer.location();
        assert!(location.starts_with(REDIRECT), "{why}: {location}");
        assert_eq!(
            query_param(&location, "error").as_deref(),
            Some("invalid_request"),
            "{why}"
        );
        assert_eq!(
            query_param(&location, "state").as_deref(),
            Some(flow.state.as_str()),
            "{why}"
        );
        assert_eq!(
            query_param(&location, "iss").as_deref(),
            Some(app.url.as_str()),
            "{why}"
        );
    }

    let flow = Flow::new(&app, &client_id);
    let location = crate::client::authorize_through(&app, &browser, &flow, "read").await;
    let code = crate::client::code_of(&app, &flow, &location);
    let base = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("client_id", client_id.as_str()),
    ];
    let missing = token(&app, &base).await;
    assert_eq!(
        missing.body["error"], "invalid_request",
        "no verifier: {}",
        missing.text
    );
    let wrong = crate::client::pkce().verifier;
    let answer = token(
        &app,
        &[&base[..], &[("code_verifier", wrong.as_str())]].concat(),
    )
    .await;
    assert_eq!(
        answer.body["error"], "invalid_grant",
        "a wrong verifier: {}",
        answer.text
    );
    let answer = token(
        &app,
        &[
            &base[..],
            &[("code_verifier", flow.pkce.challenge.as_str())],
        ]
        .concat(),
    )
    .await;
    assert_eq!(
        answer.body["error"], "invalid_grant",
        "the challenge as verifier"
    );
    assert_eq!(
        exchange(&app, &flow, &code).await.status,
        StatusCode::OK,
        "failed attempts do not burn the code for the rightful client"
    );
}

#[tokio::test]
async fn other_request_errors_go_back_to_the_client_with_state_and_iss() {
    let app = spawn_app().await;
    let client_id = register_public(&app, "Errors").await;
    let browser = app.browser(app.seed(0).id);
    for (why, extra, error) in [
        (
            "another resource",
            vec![("resource", "https://evil.example/mcp")],
            "invalid_target",
        ),
        (
            "the server root as resource",
            vec![("resource", app.url.as_str())],
            "invalid_target",
        ),
        (
            "the implicit flow",
            vec![("response_type", "token")],
            "unsupported_response_type",
        ),
        (
            "no response type",
            vec![("response_type", "")],
            "invalid_request",
        ),
        (
            "prompt=none for a stranger",
            vec![("prompt", "none")],
            "login_required",
        ),
    ] {
        let flow = Flow::new(&app, &client_id);
        let answer = browser.get(&flow.url_with(&app, &extra)).await;
        assert_eq!(answer.status, StatusCode::FOUND, "{why}: {}", answer.text);
        let location = answer.location();
        assert!(location.starts_with(REDIRECT), "{why}");
        assert_eq!(
            query_param(&location, "error").as_deref(),
            Some(error),
            "{why}"
        );
        assert_eq!(
            query_param(&location, "state").as_deref(),
            Some(flow.state.as_str()),
            "{why}"
        );
        assert_eq!(
            query_param(&location, "iss").as_deref(),
            Some(app.url.as_str()),
            "{why}"
        );
    }
}

#[tokio::test]
async fn the_consent_form_is_refused_without_its_csrf_token_with_a_wrong_one_or_from_another_browser()
 {
    let app = spawn_app().await;
    let client_id = register_public(&app, "CSRF").await;
    let browser = app.browser(app.seed(0).id);

    let form = consent_form(&browser.get(&Flow::new(&app, &client_id).url(&app)).await);
    let missing = post_consent(
        &app,
        &browser,
        &[
            ("request_id", &form.request_id),
            ("decision", "approve"),
            ("access", "write"),
        ],
    )
    .await;
    assert_eq!(
        missing.status,
        StatusCode::BAD_REQUEST,
        "no token: {}",
        missing.text
    );

    let form = consent_form(&browser.get(&Flow::new(&app, &client_id).url(&app)).await);
    let wrong = crate::client::ConsentForm {
        csrf_token: crate::client::pkce().verifier,
        ..form.clone()
    };
    let answer = answer_consent(&app, &browser, &wrong, "approve", "write").await;
    assert_eq!(
        answer.status,
        StatusCode::FORBIDDEN,
        "a wrong token: {}",
        answer.text
    );
    assert!(answer.header("location").is_none());
    let retry = answer_consent(&app, &browser, &form, "approve", "write").await;
    assert_eq!(
        retry.status,
        StatusCode::BAD_REQUEST,
        "a refused answer used the page up"
    );

    let form = consent_form(&browser.get(&Flow::new(&app, &client_id).url(&app)).await);
    let attacker = app.browser(app.seed(1).id);
    let answer = answer_consent(&app, &attacker, &form, "approve", "write").await;
    assert_eq!(
        answer.status,
        StatusCode::FORBIDDEN,
        "another browser: {}",
        answer.text
    );
    assert!(answer.header("location").is_none());

    let form = consent_form(&browser.get(&Flow::new(&app, &client_id).url(&app)).await);
    let first = answer_consent(&app, &browser, &form, "approve", "write").await;
    assert_eq!(first.status, StatusCode::FOUND);
    let replay = answer_consent(&app, &browser, &form, "approve", "write").await;
    assert_eq!(
        replay.status,
        StatusCode::BAD_REQUEST,
        "an answered page cannot be answered again"
    );

    let form = consent_form(&browser.get(&Flow::new(&app, &client_id).url(&app)).await);
    app.advance_secs(601);
    let stale = answer_consent(&app, &browser, &form, "approve", "write").await;
    assert_eq!(stale.status, StatusCode::BAD_REQUEST, "an expired page");

    assert!(app.audit_of("authorization_granted").await.is_empty());
}

#[tokio::test]
async fn the_consent_page_cannot_be_framed_and_runs_nothing_external() {
    let app = spawn_app().await;
    let client_id = register_public(&app, "Framing").await;
    let page = app
        .browser(app.seed(0).id)
        .get(&Flow::new(&app, &client_id).url(&app))
        .await;

    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(csp.contains("form-action 'self'"), "{csp}");
    assert!(csp.contains("script-src 'nonce-"), "{csp}");
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert!(
        !page.text.contains("<script"),
        "the consent page needs no script"
    );
    assert!(!page.text.contains("src=\"http"), "no external assets");
    assert!(
        page.text.contains("name=\"viewport\""),
        "readable on a phone"
    );
    for label in ["for=\"scope-read\"", "for=\"scope-write\""] {
        assert!(page.text.contains(label), "{label}: controls are labelled");
    }
    let cookie = page.header("set-cookie").unwrap();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(cookie.contains("Path=/authorize"), "{cookie}");
}

#[tokio::test]
async fn markup_in_a_client_name_is_shown_as_text() {
    let app = spawn_app().await;
    let name = r#"<script>alert(1)</script><img src=x onerror=alert(2)>"Quoted" & 'apostrophe'"#;
    let client_id = register_public(&app, name).await;
    let page = app
        .browser(app.seed(0).id)
        .get(&Flow::new(&app, &client_id).url(&app))
        .await;

    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.text.contains("<script>alert(1)"), "{}", page.text);
    assert!(!page.text.contains("<img src=x"), "{}", page.text);
    assert!(
        page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;Quoted&quot; &amp; &#39;apostrophe&#39;"),
        "{}",
        page.text
    );
}

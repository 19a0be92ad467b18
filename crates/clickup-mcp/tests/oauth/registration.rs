//! Dynamic client registration (RFC 7591): what is accepted, what is refused (and that nothing
//! is stored then), and the per-IP limit.

use reqwest::StatusCode;
use serde_json::json;

use crate::client::register;
use crate::helpers::{AppOptions, TestApp, spawn_app, spawn_app_with};

async fn clients(app: &TestApp) -> i64 {
    use sqlx::Connection;
    let mut conn = sqlx::sqlite::SqliteConnection::connect(&app.database_url)
        .await
        .unwrap();
    sqlx::query_scalar("SELECT COUNT(*) FROM oauth_clients")
        .fetch_one(&mut conn)
        .await
        .unwrap()
}

async fn many_registrations_allowed() -> TestApp {
    spawn_app_with(AppOptions {
        settings: vec![("OAUTH_REGISTRATION_RATE_LIMIT", "1000".into())],
        ..AppOptions::default()
    })
    .await
}

#[tokio::test]
async fn a_public_client_registers_and_gets_its_metadata_back_without_a_secret() {
    let app = spawn_app().await;
    let answer = register(
        &app,
        json!({
            "client_name": "Claude Code",
            "redirect_uris": ["http://localhost:33418/callback", "claude://oauth/callback"],
            "token_endpoint_auth_method": "none",
            "grant_types": ["authorization_code", "refresh_token"],
            "response_types": ["code"],
            "scope": "clickup:read clickup:write",
            "logo_uri": "https://example.com/logo.png",
        }),
    )
    .await;

    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text);
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    let body = &answer.body;
    assert!(body["client_id"].as_str().unwrap().starts_with("mcp_"));
    assert!(body.get("client_secret").is_none());
    assert_eq!(body["token_endpoint_auth_method"], "none");
    assert_eq!(body["client_name"], "Claude Code");
    assert_eq!(
        body["redirect_uris"],
        json!(["http://localhost:33418/callback", "claude://oauth/callback"])
    );
    assert!(
        body.get("logo_uri").is_none(),
        "unused metadata is not echoed"
    );
    let rows = app.audit_of("client_registered").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].details["client_id"], body["client_id"]);
}

#[tokio::test]
async fn a_confidential_client_sees_its_secret_once_and_the_database_holds_only_its_hash() {
    let app = spawn_app().await;
    let answer = register(
        &app,
        json!({"redirect_uris": ["https://app.example.com/cb"]}),
    )
    .await;

    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text);
    assert_eq!(
        answer.body["token_endpoint_auth_method"],
        "client_secret_basic"
    );
    let secret = answer.body["client_secret"].as_str().unwrap();
    assert_eq!(answer.body["client_secret_expires_at"], 0);
    let bytes = app.database_bytes();
    assert!(
        !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
        "the secret is not stored"
    );
    let rows = serde_json::to_string(&app.audit_rows().await).unwrap();
    assert!(!rows.contains(secret), "nor audited");
}

#[tokio::test]
async fn redirect_uri_tricks_are_refused_with_invalid_redirect_uri_and_nothing_is_stored() {
    let app = many_registrations_allowed().await;
    let cases: &[(&str, &str)] = &[
        ("javascript", "javascript:alert(document.cookie)"),
        ("javascript in capitals", "JAVASCRIPT:alert(1)"),
        ("javascript in mixed case", "JaVaScRiPt:alert(1)"),
        ("javascript behind a space", " javascript:alert(1)"),
        ("javascript with a tab", "java\tscript:alert(1)"),
        ("javascript with a newline", "java\nscript:alert(1)"),
        ("javascript percent-encoded", "javascript%3Aalert(1)"),
        ("javascript with an encoded letter", "%6Aavascript:alert(1)"),
        ("javascript with a null byte", "javascript\u{0}:alert(1)"),
        (
            "javascript disguised as a path",
            "javascript://app.example.com/%0aalert(1)",
        ),
        (
            "data",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        ),
        ("vbscript", "vbscript:msgbox(1)"),
        ("file", "file:///etc/passwd"),
        ("a fragment", "https://app.example.com/cb#token"),
        ("an empty fragment", "https://app.example.com/cb#"),
        ("user info", "https://attacker@app.example.com/cb"),
        (
            "user info hiding the host",
            "https://app.example.com@evil.example/cb",
        ),
        ("a wildcard host", "https://*.example.com/cb"),
        ("non-loopback http", "http://app.example.com/cb"),
        ("private-address http", "http://192.168.0.10/cb"),
        ("another loopback address", "http://127.0.0.2/cb"),
        ("a decimal loopback address", "http://2130706433/cb"),
        ("a scheme-relative https", "https:evil.example/cb"),
        ("an upper-case host", "https://EVIL.example/cb"),
        ("a backslash", "https:\\\\evil.example\\cb"),
        ("an unknown custom scheme", "myapp://callback"),
        ("a relative URI", "/callback"),
        ("an oversized URI", &"https://app.example.com/".repeat(30)),
    ];
    for (why, uri) in cases {
        let answer = register(
            &app,
            json!({"redirect_uris": [uri], "token_endpoint_auth_method": "none"}),
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{why}: {}",
            answer.text
        );
        assert_eq!(
            answer.body["error"], "invalid_redirect_uri",
            "{why}: {}",
            answer.text
        );
        assert!(answer.body["error_description"].is_string(), "{why}");
    }
    let eleven: Vec<String> = (0..11)
        .map(|i| format!("https://app.example.com/cb{i}"))
        .collect();
    let answer = register(&app, json!({"redirect_uris": eleven})).await;
    assert_eq!(
        answer.body["error"], "invalid_redirect_uri",
        "more than ten"
    );
    let answer = register(
        &app,
        json!({"redirect_uris": ["https://app.example.com/cb", "javascript:alert(1)"]}),
    )
    .await;
    assert_eq!(
        answer.body["error"], "invalid_redirect_uri",
        "one bad among good ones"
    );

    assert_eq!(clients(&app).await, 0, "nothing was stored");
    assert!(app.audit_of("client_registered").await.is_empty());
}

#[tokio::test]
async fn malformed_or_oversized_metadata_is_refused_with_invalid_client_metadata() {
    let app = many_registrations_allowed().await;
    let good = ["https://app.example.com/cb"];
    let cases = vec![
        (
            "an unknown auth method",
            json!({"redirect_uris": good, "token_endpoint_auth_method": "private_key_jwt"}),
        ),
        (
            "the implicit grant",
            json!({"redirect_uris": good, "grant_types": ["implicit"]}),
        ),
        (
            "the token response type",
            json!({"redirect_uris": good, "response_types": ["token"]}),
        ),
        (
            "a name of 101 characters",
            json!({"redirect_uris": good, "client_name": "x".repeat(101)}),
        ),
        (
            "a name with a control character",
            json!({"redirect_uris": good, "client_name": "a\u{7}b"}),
        ),
        (
            "a name with a direction override",
            json!({"redirect_uris": good, "client_name": "Acme\u{202e}moc.evil"}),
        ),
        (
            "a name that is not a string",
            json!({"redirect_uris": good, "client_name": 42}),
        ),
        (
            "redirect_uris as a string",
            json!({"redirect_uris": "https://app.example.com/cb"}),
        ),
        (
            "an http client_uri",
            json!({"redirect_uris": good, "client_uri": "http://app.example.com"}),
        ),
        (
            "a body of 9 KB",
            json!({"redirect_uris": good, "software_statement": "x".repeat(9 * 1024)}),
        ),
    ];
    for (why, body) in cases {
        let answer = register(&app, body).await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{why}: {}",
            answer.text
        );
        assert_eq!(
            answer.body["error"], "invalid_client_metadata",
            "{why}: {}",
            answer.text
        );
    }
    let not_json = crate::helpers::Answer::read(
        app.http
            .post(format!("{}/register", app.url))
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(not_json.body["error"], "invalid_client_metadata");
    assert_eq!(clients(&app).await, 0, "nothing was stored");
}

#[tokio::test]
async fn only_a_json_registration_is_read_so_a_web_page_cannot_register_without_a_preflight() {
    let app = many_registrations_allowed().await;
    let metadata = json!({
        "redirect_uris": ["http://localhost:33418/callback"],
        "token_endpoint_auth_method": "none",
    })
    .to_string();
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        Some("application/jsonp"),
        None,
    ] {
        let mut request = app
            .http
            .post(format!("{}/register", app.url))
            .body(metadata.clone());
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let answer = crate::helpers::Answer::read(request.send().await.unwrap()).await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{content_type:?}: {}",
            answer.text
        );
        assert_eq!(answer.body["error"], "invalid_request", "{content_type:?}");
        assert!(
            answer.body["error_description"]
                .as_str()
                .unwrap()
                .contains("application/json"),
            "{}",
            answer.text
        );
    }
    assert_eq!(clients(&app).await, 0, "nothing was stored");

    let with_charset = crate::helpers::Answer::read(
        app.http
            .post(format!("{}/register", app.url))
            .header("content-type", "application/json; charset=utf-8")
            .body(metadata)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        with_charset.status,
        StatusCode::CREATED,
        "{}",
        with_charset.text
    );
}

#[tokio::test]
async fn registrations_are_limited_per_address_and_refused_ones_count() {
    let app = spawn_app_with(AppOptions {
        settings: vec![("OAUTH_REGISTRATION_RATE_LIMIT", "3".into())],
        ..AppOptions::default()
    })
    .await;
    let good = json!({"redirect_uris": ["https://app.example.com/cb"], "token_endpoint_auth_method": "none"});
    assert_eq!(
        register(&app, good.clone()).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        register(&app, json!({"redirect_uris": ["javascript:alert(1)"]}))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        register(&app, good.clone()).await.status,
        StatusCode::CREATED
    );

    let limited = register(&app, good.clone()).await;
    assert_eq!(
        limited.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        limited.text
    );
    assert!(limited.header("retry-after").is_some());
    assert_eq!(clients(&app).await, 2);

    app.advance_secs(3_600);
    assert_eq!(
        register(&app, good).await.status,
        StatusCode::CREATED,
        "a new hour"
    );
}

#[tokio::test]
async fn a_client_that_is_never_used_expires_after_a_day() {
    let app = spawn_app().await;
    let client_id = crate::client::register_public(&app, "Forgotten").await;
    let flow = crate::client::Flow::new(&app, &client_id);
    let browser = app.browser(app.seed(0).id);
    assert_eq!(browser.get(&flow.url(&app)).await.status, StatusCode::OK);

    app.advance_secs(86_400);

    let page = browser.get(&flow.url(&app)).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.text);
    assert!(page.text.contains("not registered"), "{}", page.text);
    assert!(page.header("location").is_none());
}

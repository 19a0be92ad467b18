//! The ClickUp login when everything goes right: `/auth/login` → ClickUp → `/auth/callback`.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Browser, is_hex, jwt_parts, query_param, spawn_app};

#[tokio::test]
async fn a_login_answers_a_bearer_token_and_the_clickup_profile_as_json() {
    let app = spawn_app().await;
    let alice = app.seed(0).clone();

    let answer = app.browser(alice.id).login().await;

    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    assert!(
        answer
            .header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    let body = &answer.body;
    assert!(
        body["token"]
            .as_str()
            .is_some_and(|t| t.split('.').count() == 3),
        "{body}"
    );
    assert_eq!(body["expires_in"], 86_400);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["user"]["id"], alice.id.to_string());
    assert_eq!(body["user"]["email"], alice.email);
    assert_eq!(body["user"]["username"], alice.username);
    assert_eq!(
        body["user"]["team"]["id"], alice.workspaces[0],
        "the first granted workspace"
    );
    assert!(
        body["user"]["team"]["name"]
            .as_str()
            .is_some_and(|n| !n.is_empty()),
        "{body}"
    );
}

#[tokio::test]
async fn the_login_calls_clickup_exactly_for_the_code_the_user_and_the_workspaces() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;

    app.login_as(alice).await;

    let calls = app.sandbox_calls().await;
    assert_eq!(
        calls,
        vec![
            "GET /api",
            "POST /api/v2/oauth/token",
            "GET /api/v2/user",
            "GET /api/v2/team"
        ],
        "authorize page, exchange, profile, workspaces — nothing more"
    );
    let requests = app.sandbox_requests().await;
    for request in &requests[2..] {
        assert_eq!(request["user_id"], alice, "{request}");
        assert_eq!(request["token_kind"], "oauth", "{request}");
    }
    assert!(
        requests
            .iter()
            .all(|r| r["status"] == 200 || r["status"] == 302),
        "{requests:?}"
    );
}

#[tokio::test]
async fn the_session_token_is_hs256_with_the_designed_claims() {
    let app = spawn_app().await;
    let alice = app.seed(0).clone();
    let now = app.now();

    let login = app.login_as(alice.id).await;

    let (header, claims) = jwt_parts(&login.token);
    assert_eq!(header, json!({"alg": "HS256", "typ": "JWT"}));
    assert_eq!(claims["sub"], format!("user_{}", alice.id));
    assert_eq!(claims["iss"], app.url);
    assert_eq!(claims["aud"], format!("{}/mcp", app.url));
    assert_eq!(claims["email"], alice.email);
    assert_eq!(claims["team_id"], alice.workspaces[0]);
    assert_eq!(claims["tier"], "free");
    assert!(is_hex(claims["jti"].as_str().unwrap(), 64), "jti: {claims}");
    assert_eq!(claims["iat"], now, "iat is the app's clock");
    assert_eq!(claims["exp"], now + 86_400);
}

#[tokio::test]
async fn the_new_token_works_on_auth_me() {
    let app = spawn_app().await;
    let alice = app.seed(0).clone();
    let login = app.login_as(alice.id).await;

    let me = app.get_me(&login.token).await;

    assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    assert_eq!(me.header("cache-control"), Some("no-store"));
    let user = &me.body["user"];
    assert_eq!(user["id"], alice.id.to_string());
    assert_eq!(user["email"], alice.email);
    assert_eq!(user["username"], alice.username);
    assert_eq!(user["tier"], "free");
    assert_eq!(user["team_id"], alice.workspaces[0]);
    assert_eq!(user["rate_limit"]["limit"], 100);
    let remaining = user["rate_limit"]["remaining"].as_u64().unwrap();
    assert!(remaining <= 100, "{user}");
    assert!(
        user["rate_limit"]["reset"].as_i64().unwrap() >= app.now(),
        "{user}"
    );
}

#[tokio::test]
async fn a_browser_gets_a_page_with_the_token_and_a_copy_button() {
    let app = spawn_app().await;
    let alice = app.seed(0).clone();

    let answer = app.browser(alice.id).login_html().await;

    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert!(
        answer
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    let csp = answer
        .header("content-security-policy")
        .expect("a CSP header");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("script-src 'nonce-"), "{csp}");
    let page = &answer.text;
    assert!(
        page.contains("<button") && page.contains("Copy"),
        "a copy button: {page}"
    );
    assert!(page.contains(&alice.username), "the page names the user");
    // The token on the page is a working session token.
    let start = page.find("readonly").unwrap();
    let token_start = start + page[start..].find('>').unwrap() + 1;
    let token_end = token_start + page[token_start..].find("</textarea>").unwrap();
    let token = &page[token_start..token_end];
    assert_eq!(token.split('.').count(), 3, "{token}");
    let me = app.get_me(token).await;
    assert_eq!(
        me.status,
        StatusCode::OK,
        "the token on the page works: {}",
        me.text
    );
    assert_eq!(me.body["user"]["id"], alice.id.to_string());
    // The one-time code leaves the address bar; where it points explains on a reload.
    assert!(page.contains(r#"history.replaceState(null, "", "/auth/signed-in")"#));
    let reloaded = app.get("/auth/signed-in").await;
    assert_eq!(reloaded.status, StatusCode::OK);
    assert!(reloaded.text.contains("You are signed in"));
    assert!(!reloaded.text.contains("<textarea"), "no token on it");
}

#[tokio::test]
async fn login_redirects_to_clickup_with_a_fresh_state_bound_to_an_httponly_cookie() {
    let app = spawn_app().await;
    let browser = app.browser(app.seed(0).id);

    let answer = browser.get(&format!("{}/auth/login", app.url)).await;

    assert!(
        answer.status.is_redirection(),
        "{} {}",
        answer.status,
        answer.text
    );
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    let location = answer.location();
    assert!(
        location.starts_with(&format!("{}/api?", app.sandbox_url)),
        "{location}"
    );
    assert_eq!(
        query_param(&location, "client_id").as_deref(),
        Some(app.client_id.as_str())
    );
    assert_eq!(
        query_param(&location, "redirect_uri"),
        Some(format!("{}/auth/callback", app.url))
    );
    let state = query_param(&location, "state").unwrap();
    assert!(
        is_hex(&state, 64),
        "state is 32 random bytes in hex: {state}"
    );
    let cookie = answer.header("set-cookie").expect("a login cookie");
    assert!(cookie.starts_with("clickup_mcp_login="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain http public URL: no Secure flag: {cookie}"
    );

    let again = browser.get(&format!("{}/auth/login", app.url)).await;
    let second_state = query_param(&again.location(), "state").unwrap();
    assert_ne!(second_state, state, "every login gets a new state");
    assert_eq!(
        app.count_rows("oauth_states").await,
        2,
        "both pending logins are stored"
    );
}

#[tokio::test]
async fn a_login_started_on_another_host_is_first_sent_to_the_public_url() {
    let app = spawn_app().await;
    let browser = app.browser(app.seed(0).id);

    let answer = browser
        .get(&format!("http://127.0.0.1:{}/auth/login", app.port))
        .await;

    assert!(
        answer.status.is_redirection(),
        "{} {}",
        answer.status,
        answer.text
    );
    assert_eq!(answer.location(), format!("{}/auth/login", app.url));
    assert!(
        answer.header("set-cookie").is_none(),
        "no cookie for the wrong host"
    );
    assert_eq!(
        app.count_rows("oauth_states").await,
        0,
        "no state stored for the wrong host"
    );

    // A browser that follows the redirects ends up logged in.
    let followed = Browser::new(
        browser.jar.clone(),
        &format!("http://127.0.0.1:{}", app.port),
    )
    .login()
    .await;
    assert_eq!(followed.status, StatusCode::OK, "{}", followed.text);
}

#[tokio::test]
async fn login_redirects_with_status_302_as_designed() {
    let app = spawn_app().await;
    let browser = app.browser(app.seed(0).id);

    let to_clickup = browser.get(&format!("{}/auth/login", app.url)).await;
    let to_public = browser
        .get(&format!("http://127.0.0.1:{}/auth/login", app.port))
        .await;

    assert_eq!(to_clickup.status, StatusCode::FOUND, "to ClickUp");
    assert_eq!(to_public.status, StatusCode::FOUND, "to the public URL");
}

#[tokio::test]
async fn jwt_expiry_sets_the_session_lifetime() {
    let app = crate::helpers::spawn_app_with(crate::helpers::AppOptions {
        settings: vec![("JWT_EXPIRY", "3600".into())],
        ..Default::default()
    })
    .await;

    let answer = app.browser(app.seed(0).id).login().await;

    assert_eq!(answer.body["expires_in"], 3600, "{}", answer.text);
    let (_, claims) = jwt_parts(answer.body["token"].as_str().unwrap());
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        3600
    );
}

#[tokio::test]
async fn behind_an_https_public_url_the_login_cookie_is_secure_and_the_callback_is_https() {
    let app = crate::helpers::spawn_app_with(crate::helpers::AppOptions {
        settings: vec![("PUBLIC_URL", "https://mcp.example.com".into())],
        ..Default::default()
    })
    .await;

    let answer = crate::helpers::Answer::read(
        app.http
            .get(format!("http://127.0.0.1:{}/auth/login", app.port))
            .header("host", "mcp.example.com")
            .send()
            .await
            .unwrap(),
    )
    .await;

    assert!(
        answer.status.is_redirection(),
        "{} {}",
        answer.status,
        answer.text
    );
    assert_eq!(
        query_param(&answer.location(), "redirect_uri").as_deref(),
        Some("https://mcp.example.com/auth/callback")
    );
    let cookie = answer.header("set-cookie").expect("a login cookie");
    assert!(cookie.contains("Secure"), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
}

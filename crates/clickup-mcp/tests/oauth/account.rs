//! The account page (`/account`): what it lists, revoking one client, CSRF, signing out
//! everywhere, and its own sign-in.

use reqwest::StatusCode;

use crate::client::{
    Flow, Tokens, authorize_through, code_of, exchange, refresh, register_public, works,
};
use crate::helpers::{Answer, Browser, TestApp, form_value, spawn_app};

/// Connect a new public client named `name` from `browser` (signed in at the sandbox as its
/// user): its id and tokens.
async fn connect_from(app: &TestApp, browser: &Browser, name: &str) -> (String, Tokens) {
    let client_id = register_public(app, name).await;
    let flow = Flow::new(app, &client_id);
    let location = authorize_through(app, browser, &flow, "read").await;
    let code = code_of(app, &flow, &location);
    (client_id, Tokens::of(&exchange(app, &flow, &code).await))
}

async fn account(app: &TestApp, browser: &Browser) -> Answer {
    browser.get(&format!("{}/account", app.url)).await
}

async fn post(app: &TestApp, browser: &Browser, path: &str, fields: &[(&str, &str)]) -> Answer {
    Answer::read(
        browser
            .manual
            .post(format!("{}{path}", app.url))
            .form(fields)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// The account page's CSRF token, from a signed-in page.
fn csrf(page: &Answer) -> String {
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    form_value(&page.text, "csrf_token").expect("a csrf_token field")
}

/// The client ids the page lists, in order.
fn listed(page: &Answer) -> Vec<String> {
    page.text
        .split("name=\"client_id\" value=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .collect()
}

#[tokio::test]
async fn the_account_page_lists_exactly_the_clients_the_user_approved() {
    let app = spawn_app().await;
    let alice = app.browser(app.seed(0).id);
    let bob = app.browser(app.seed(1).id);
    let name = r#"<b>Bold</b> & "quoted""#;
    let (first, _) = connect_from(&app, &alice, "First client").await;
    app.advance_secs(5);
    let (second, _) = connect_from(&app, &alice, name).await;
    let (bobs, _) = connect_from(&app, &bob, "Bob's client").await;

    // The consent page's sign-in also signs the browser in to its account page.
    let page = account(&app, &alice).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert_eq!(listed(&page), vec![second.clone(), first.clone()]);
    assert!(!page.text.contains(&bobs));
    assert!(page.text.contains("First client"));
    assert!(
        page.text
            .contains("&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot;"),
        "a client's name is text"
    );
    assert!(!page.text.contains("<b>Bold</b>"));
    assert!(page.text.contains(&app.seed(0).username));
    assert!(page.text.contains(r#"<dd id="tier">Free</dd>"#));
    assert!(page.text.contains(r#"id="rate-limit">"#));
    assert!(page.text.contains("Read only"));
    assert_eq!(page.header("cache-control"), Some("no-store"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("form-action 'self';"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");

    let bobs_page = account(&app, &bob).await;
    assert_eq!(listed(&bobs_page), vec![bobs]);
}

#[tokio::test]
async fn a_browser_not_signed_in_signs_in_with_clickup_and_comes_back_to_the_account_page() {
    let app = spawn_app().await;
    let browser = app.browser(app.seed(0).id);
    let page = account(&app, &browser).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains(r#"href="/account/sign-in""#),
        "{}",
        page.text
    );
    assert!(!page.text.contains("csrf_token"));

    let start = browser.get(&format!("{}/account/sign-in", app.url)).await;
    assert_eq!(start.status, StatusCode::FOUND, "{}", start.text);
    let callback = browser.approve_at_sandbox(&start.location()).await;
    let back = browser.get(&callback).await;
    assert_eq!(back.status, StatusCode::FOUND, "{}", back.text);
    assert_eq!(
        back.location(),
        "/account",
        "a fixed place: no open redirect"
    );
    let cookie = back
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|c| c.starts_with("clickup_mcp_browser="))
        .expect("the browser-session cookie");
    let attributes: Vec<&str> = cookie.split("; ").collect();
    for wanted in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(attributes.contains(&wanted), "{wanted}: {cookie}");
    }

    let page = account(&app, &browser).await;
    assert!(page.text.contains(&app.seed(0).username), "{}", page.text);
    assert!(page.text.contains(r#"id="no-clients""#));
    assert_eq!(app.audit_of("auth_success").await.len(), 1);
    // The callback's state is single use.
    assert_ne!(browser.get(&callback).await.status, StatusCode::FOUND);
}

#[tokio::test]
async fn revoking_a_client_ends_its_tokens_at_mcp_and_token_and_nothing_else() {
    let app = spawn_app().await;
    let browser = app.browser(app.seed(0).id);
    let (revoked, revoked_tokens) = connect_from(&app, &browser, "To revoke").await;
    let (kept, kept_tokens) = connect_from(&app, &browser, "To keep").await;
    assert!(works(&app, &revoked_tokens.access).await);

    let token = csrf(&account(&app, &browser).await);
    let answer = post(
        &app,
        &browser,
        "/account/revoke",
        &[("csrf_token", &token), ("client_id", &revoked)],
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.text);
    assert_eq!(answer.location(), "/account");

    assert!(
        !works(&app, &revoked_tokens.access).await,
        "access token at /mcp"
    );
    let refreshed = refresh(&app, &revoked, &revoked_tokens.refresh).await;
    assert_eq!(
        refreshed.status,
        StatusCode::BAD_REQUEST,
        "{}",
        refreshed.text
    );
    assert_eq!(refreshed.body["error"], "invalid_grant");
    assert!(works(&app, &kept_tokens.access).await, "the other client");
    Tokens::of(&refresh(&app, &kept, &kept_tokens.refresh).await);
    assert_eq!(listed(&account(&app, &browser).await), vec![kept]);
    assert_eq!(app.audit_of("token_revoked").await.len(), 1);

    // The client must ask again: the consent page, not a code.
    let flow = Flow::new(&app, &revoked);
    let again = browser.get(&flow.url(&app)).await;
    assert_eq!(again.status, StatusCode::OK, "consent asked again");
    assert!(again.text.contains("consent-form"));
}

#[tokio::test]
async fn an_account_form_without_this_browsers_csrf_token_is_refused() {
    let app = spawn_app().await;
    let alice = app.browser(app.seed(0).id);
    let bob = app.browser(app.seed(1).id);
    let (client_id, tokens) = connect_from(&app, &alice, "Kept").await;
    connect_from(&app, &bob, "Bob's").await;
    let bobs_token = csrf(&account(&app, &bob).await);
    let alices_token = csrf(&account(&app, &alice).await);

    let zeros = "0".repeat(64);
    for (case, fields) in [
        ("no token", vec![("client_id", client_id.as_str())]),
        (
            "a wrong token",
            vec![("csrf_token", zeros.as_str()), ("client_id", &client_id)],
        ),
        (
            "another browser's token",
            vec![
                ("csrf_token", bobs_token.as_str()),
                ("client_id", &client_id),
            ],
        ),
    ] {
        let answer = post(&app, &alice, "/account/revoke", &fields).await;
        assert_eq!(
            answer.status,
            StatusCode::FORBIDDEN,
            "{case}: {}",
            answer.text
        );
        let answer = post(&app, &alice, "/account/sign-out-everywhere", &fields).await;
        assert_eq!(
            answer.status,
            StatusCode::FORBIDDEN,
            "{case}: {}",
            answer.text
        );
    }
    // A browser that is not signed in, even with a real token.
    let stranger = app.browser(app.seed(0).id);
    let answer = post(
        &app,
        &stranger,
        "/account/revoke",
        &[("csrf_token", &alices_token), ("client_id", &client_id)],
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.text);

    assert!(works(&app, &tokens.access).await, "nothing was revoked");
    assert_eq!(listed(&account(&app, &alice).await), vec![client_id]);
    assert!(app.audit_of("token_revoked").await.is_empty());
    assert!(app.audit_of("logout").await.is_empty());
}

#[tokio::test]
async fn signing_out_everywhere_ends_sessions_grants_refresh_tokens_and_the_browser_session() {
    let app = spawn_app().await;
    let user = app.seed(0).id;
    let browser = app.browser(user);
    let (client_id, tokens) = connect_from(&app, &browser, "Connected").await;
    let seed = app.login_as(user).await;
    let bob = app.login_as(app.seed(1).id).await;

    let token = csrf(&account(&app, &browser).await);
    let old_cookie = reqwest::cookie::CookieStore::cookies(
        browser.jar.as_ref(),
        &format!("{}/account", app.url).parse().unwrap(),
    )
    .unwrap();
    let answer = post(
        &app,
        &browser,
        "/account/sign-out-everywhere",
        &[("csrf_token", &token)],
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert!(
        answer.text.contains(r#"id="signed-out""#),
        "{}",
        answer.text
    );
    let cleared = answer.header("set-cookie").unwrap();
    assert!(cleared.starts_with("clickup_mcp_browser=;"), "{cleared}");

    assert_eq!(
        app.get_me(&seed.token).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert!(!works(&app, &tokens.access).await);
    let refreshed = refresh(&app, &client_id, &tokens.refresh).await;
    assert_eq!(
        refreshed.status,
        StatusCode::BAD_REQUEST,
        "{}",
        refreshed.text
    );
    assert_eq!(
        app.get_me(&bob.token).await.status,
        StatusCode::OK,
        "another user"
    );

    // The browser session is gone server-side too: even the old cookie is not signed in.
    let page = Answer::read(
        app.http
            .get(format!("{}/account", app.url))
            .header("cookie", old_cookie)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        page.text.contains(r#"href="/account/sign-in""#),
        "{}",
        page.text
    );
    let flow = Flow::new(&app, &client_id);
    let again = browser.get(&flow.url(&app)).await;
    assert_eq!(again.status, StatusCode::OK, "the consent page asks again");
    assert!(
        !again.text.contains("signed-in-as"),
        "and the browser is not signed in"
    );
    let logout = app.audit_of("logout").await;
    assert_eq!(logout.len(), 1);
}

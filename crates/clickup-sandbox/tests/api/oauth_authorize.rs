//! The browser side of OAuth: the authorize page, its form, and the redirects.

use clickup_sandbox::{DEFAULT_CLIENT_ID, SandboxOptions};
use reqwest::StatusCode;
use reqwest::header::COOKIE;

use crate::helpers::{
    ACME, ALICE, BETA, CALLBACK, DAVE, location, other_app, query_param, spawn_sandbox, spawn_with,
    team_ids,
};

fn authorize_url(base: &str, client_id: &str, redirect_uri: &str, state: &str) -> String {
    let mut url = url::Url::parse(&format!("{base}/api")).unwrap();
    url.query_pairs_mut()
        .append_pair("client_id", client_id)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("state", state);
    url.to_string()
}

#[tokio::test]
async fn the_authorize_page_shows_the_first_users_workspaces_ticked_with_authorize_and_deny() {
    let sandbox = spawn_sandbox().await;
    let response = sandbox
        .http
        .get(authorize_url(
            &sandbox.base,
            DEFAULT_CLIENT_ID,
            CALLBACK,
            "xyz",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Alice Andersen"),
        "signed in as the first seeded user"
    );
    assert!(
        html.contains("value=\"9000001\" checked> Acme Corp"),
        "{html}"
    );
    assert!(
        html.contains("value=\"9000002\" checked> Beta Labs"),
        "{html}"
    );
    assert!(html.contains("value=\"authorize\"") && html.contains("value=\"deny\""));
    assert!(html.contains("action=\"/api/oauth/authorize\""));
    assert!(
        !html.contains("<link") && !html.contains("src="),
        "no external assets"
    );
}

#[tokio::test]
async fn the_authorize_page_escapes_what_the_request_puts_in_it() {
    let sandbox = spawn_sandbox().await;
    let evil_state = "\"><script>alert(1)</script>";
    let redirect = "http://localhost:9999/cb?x=<b>";
    let html = sandbox
        .http
        .get(authorize_url(
            &sandbox.base,
            DEFAULT_CLIENT_ID,
            redirect,
            evil_state,
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("<script>alert(1)"), "{html}");
    assert!(
        html.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("x=<b>"), "{html}");
}

#[tokio::test]
async fn the_sandbox_user_cookie_chooses_who_is_signed_in_by_id_or_email() {
    let sandbox = spawn_sandbox().await;
    for (cookie, name, case) in [
        (DAVE.to_string(), "Dave Diaz", "by id"),
        (
            "CAROL@example.com".to_owned(),
            "Carol Chen",
            "by email, any case",
        ),
    ] {
        let html = sandbox
            .http
            .get(authorize_url(
                &sandbox.base,
                DEFAULT_CLIENT_ID,
                CALLBACK,
                "s",
            ))
            .header(COOKIE, format!("sandbox_user={cookie}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains(name), "{case}: {html}");
    }
    let dave_page = sandbox
        .http
        .get(authorize_url(
            &sandbox.base,
            DEFAULT_CLIENT_ID,
            CALLBACK,
            "s",
        ))
        .header(COOKIE, format!("sandbox_user={DAVE}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !dave_page.contains("Acme Corp"),
        "Dave is only in Beta Labs"
    );
}

#[tokio::test]
async fn a_browser_cookie_jar_logs_in_as_the_user_it_holds() {
    let sandbox = spawn_with(SandboxOptions {
        auto_approve: true,
        ..SandboxOptions::default()
    })
    .await;
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let base = url::Url::parse(&sandbox.base).unwrap();
    jar.add_cookie_str("sandbox_user=dave@example.com", &base);
    let browser = reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = browser
        .get(authorize_url(
            &sandbox.base,
            DEFAULT_CLIENT_ID,
            CALLBACK,
            "s",
        ))
        .send()
        .await
        .unwrap();
    let code = query_param(&location(&response), "code").unwrap();
    let token = sandbox
        .exchange(serde_json::json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": clickup_sandbox::DEFAULT_CLIENT_SECRET, "code": code }))
        .await
        .1["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, user) = sandbox.get_json("/v2/user", &token).await;
    assert_eq!(user["user"]["id"], DAVE);
}

#[tokio::test]
async fn an_unknown_sandbox_user_is_an_error_page() {
    let sandbox = spawn_sandbox().await;
    let response = sandbox
        .http
        .get(authorize_url(
            &sandbox.base,
            DEFAULT_CLIENT_ID,
            CALLBACK,
            "s",
        ))
        .header(COOKIE, "sandbox_user=nobody@example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Unknown sandbox user")
    );
}

#[tokio::test]
async fn a_bad_client_or_redirect_uri_gets_an_error_page_never_a_redirect() {
    let sandbox = spawn_sandbox().await;
    let app = other_app();
    let cases = [
        (
            authorize_url(&sandbox.base, "no-such-app", CALLBACK, "s"),
            "unknown client",
        ),
        (
            authorize_url(&sandbox.base, &app.client_id, CALLBACK, "s"),
            "redirect not registered for the app",
        ),
        (
            authorize_url(
                &sandbox.base,
                &app.client_id,
                "http://other.example:8080/cb",
                "s",
            ),
            "registered host, other port",
        ),
        (
            authorize_url(&sandbox.base, DEFAULT_CLIENT_ID, "javascript:alert(1)", "s"),
            "not http(s)",
        ),
        (
            format!("{}/api?client_id={DEFAULT_CLIENT_ID}", sandbox.base),
            "no redirect_uri",
        ),
        (format!("{}/api", sandbox.base), "no parameters"),
    ];
    for (url, case) in cases {
        let response = sandbox.http.get(url).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{case}");
        assert!(response.headers().get("location").is_none(), "{case}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("Cannot authorize this app"),
            "{case}"
        );
    }
    let registered = sandbox
        .http
        .get(authorize_url(
            &sandbox.base,
            &app.client_id,
            "http://other.example/cb/deeper",
            "s",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        registered.status(),
        StatusCode::OK,
        "a registered redirect with a longer path is fine"
    );
}

#[tokio::test]
async fn authorizing_redirects_with_a_code_and_the_state_added_to_the_redirects_own_query() {
    let sandbox = spawn_sandbox().await;
    let redirect = "http://localhost:9999/callback?flow=mcp";
    let response = sandbox
        .submit_authorize(
            None,
            DEFAULT_CLIENT_ID,
            redirect,
            "st@te 1",
            &[("team", ACME), ("decision", "authorize")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = location(&response);
    assert!(
        location.starts_with("http://localhost:9999/callback?flow=mcp&code="),
        "{location}"
    );
    assert_eq!(query_param(&location, "state").as_deref(), Some("st@te 1"));
    assert_eq!(query_param(&location, "code").unwrap().len(), 32);
}

#[tokio::test]
async fn denying_redirects_with_access_denied_and_the_state() {
    let sandbox = spawn_sandbox().await;
    let response = sandbox
        .submit_authorize(
            None,
            DEFAULT_CLIENT_ID,
            CALLBACK,
            "abc",
            &[("team", ACME), ("decision", "deny")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = location(&response);
    assert_eq!(
        query_param(&location, "error").as_deref(),
        Some("access_denied")
    );
    assert_eq!(query_param(&location, "state").as_deref(), Some("abc"));
    assert_eq!(query_param(&location, "code"), None);
}

#[tokio::test]
async fn authorizing_with_no_workspace_ticked_shows_the_page_again_with_an_error() {
    let sandbox = spawn_sandbox().await;
    let response = sandbox
        .submit_authorize(
            None,
            DEFAULT_CLIENT_ID,
            CALLBACK,
            "abc",
            &[("decision", "authorize")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let html = response.text().await.unwrap();
    assert!(html.contains("Choose at least one workspace."), "{html}");
    assert!(
        html.contains("action=\"/api/oauth/authorize\""),
        "the form is shown again"
    );
}

#[tokio::test]
async fn granting_a_workspace_the_user_is_not_in_is_refused() {
    let sandbox = spawn_sandbox().await;
    let response = sandbox
        .submit_authorize(
            Some(&DAVE.to_string()),
            DEFAULT_CLIENT_ID,
            CALLBACK,
            "s",
            &[("team", ACME), ("decision", "authorize")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(response.headers().get("location").is_none());
}

#[tokio::test]
async fn auto_approve_redirects_at_once_granting_every_workspace_of_the_user() {
    let sandbox = spawn_with(SandboxOptions {
        auto_approve: true,
        ..SandboxOptions::default()
    })
    .await;
    let response = sandbox
        .http
        .get(authorize_url(
            &sandbox.base,
            DEFAULT_CLIENT_ID,
            CALLBACK,
            "s1",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = location(&response);
    assert_eq!(query_param(&location, "state").as_deref(), Some("s1"));
    let code = query_param(&location, "code").unwrap();
    let (_, body) = sandbox
        .exchange(serde_json::json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": clickup_sandbox::DEFAULT_CLIENT_SECRET, "code": code }))
        .await;
    let token = body["access_token"].as_str().unwrap();
    let (_, teams) = sandbox.get_json("/v2/team", token).await;
    assert_eq!(team_ids(&teams), vec![ACME, BETA]);
}

#[tokio::test]
async fn auto_approve_can_be_switched_on_at_runtime_and_still_refuses_bad_clients() {
    let sandbox = spawn_sandbox().await;
    let (status, settings) = sandbox
        .control("/settings", serde_json::json!({ "auto_approve": true }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(settings["auto_approve"], true);
    let ok = sandbox
        .http
        .get(authorize_url(
            &sandbox.base,
            DEFAULT_CLIENT_ID,
            CALLBACK,
            "s",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::FOUND);
    let bad = sandbox
        .http
        .get(authorize_url(&sandbox.base, "no-such-app", CALLBACK, "s"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_token_sees_only_the_workspaces_the_user_ticked() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.oauth_token(ALICE, &[BETA]).await;
    let (status, teams) = sandbox.get_json("/v2/team", &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(team_ids(&teams), vec![BETA]);

    let (status, body) = sandbox
        .get_json(&format!("/v2/team/{ACME}/space"), &token)
        .await;
    crate::helpers::assert_clickup_error(
        status,
        &body,
        401,
        "OAUTH_023",
        "spaces of an ungranted workspace",
    );
    let (status, body) = sandbox.get_json("/v2/space/90011001", &token).await;
    crate::helpers::assert_clickup_error(
        status,
        &body,
        401,
        "OAUTH_027",
        "a space of an ungranted workspace",
    );
    let (status, body) = sandbox.get_json("/v2/task/86aa0001", &token).await;
    crate::helpers::assert_clickup_error(
        status,
        &body,
        401,
        "OAUTH_027",
        "a task of an ungranted workspace",
    );
    let (status, _) = sandbox.get_json("/v2/space/90021001", &token).await;
    assert_eq!(status, StatusCode::OK, "the granted workspace's space");
}

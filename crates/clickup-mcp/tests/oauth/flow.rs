//! The whole flow, as an MCP client and a browser walk it over plain HTTP; consent remembered
//! per user and client.

use reqwest::StatusCode;
use serde_json::json;

use crate::client::{
    Flow, Tokens, answer_consent, authorize_through, code_of, consent_form, exchange, refresh,
    register, register_public, token, works,
};
use crate::helpers::{jwt_parts, query_param, spawn_app};

#[tokio::test]
async fn a_client_that_knows_only_the_mcp_url_discovers_registers_is_approved_and_works_until_revoked()
 {
    let app = spawn_app().await;
    let alice = app.seed(0);

    // 1. Discovery from a 401 on /mcp.
    let unauthorized = app
        .http
        .post(format!("{}/mcp", app.url))
        .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}))
        .send()
        .await
        .unwrap();
    assert_eq!(unauthorized.status(), StatusCode::UNAUTHORIZED);
    let challenge = unauthorized.headers()["www-authenticate"].to_str().unwrap();
    let resource_metadata = challenge
        .split("resource_metadata=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let resource = app
        .get(resource_metadata.trim_start_matches(&app.url))
        .await;
    assert_eq!(resource.body["resource"], format!("{}/mcp", app.url));
    let issuer = resource.body["authorization_servers"][0].as_str().unwrap();
    assert_eq!(issuer, app.url);
    let server = app.get("/.well-known/oauth-authorization-server").await;
    assert_eq!(server.body["issuer"], app.url);

    // 2. Registration at the advertised endpoint.
    let registration_endpoint = server.body["registration_endpoint"].as_str().unwrap();
    assert_eq!(registration_endpoint, format!("{}/register", app.url));
    let client_id = register_public(&app, "Walkthrough client").await;
    let flow = Flow::new(&app, &client_id);

    // 3. /authorize shows our consent page, before anything goes to ClickUp.
    let browser = app.browser(alice.id);
    app.clear_sandbox_requests().await;
    let page = browser.get(&flow.url(&app)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(page.text.contains("Walkthrough client"), "{}", page.text);
    assert!(
        page.text.contains("127.0.0.1:49152"),
        "the redirect host is shown"
    );
    for id in [
        "consent-form",
        "approve",
        "deny",
        "scope-read",
        "scope-write",
    ] {
        assert!(
            page.text.contains(&format!("id=\"{id}\"")),
            "#{id} on the page"
        );
    }
    assert!(
        app.sandbox_calls().await.is_empty(),
        "nothing went to ClickUp before consent"
    );

    // 4. Approve → the sandbox's ClickUp page → the callback → the client, with code, state, iss.
    let form = consent_form(&page);
    let to_clickup = answer_consent(&app, &browser, &form, "approve", "write").await;
    let back = crate::client::through_clickup(&app, &browser, &to_clickup).await;
    assert_eq!(back.status, StatusCode::FOUND, "{}", back.text);
    let location = back.location();
    let code = code_of(&app, &flow, &location);
    assert_eq!(back.header("cache-control"), Some("no-store"));

    // 5. The code for tokens.
    let answer = exchange(&app, &flow, &code).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    assert_eq!(answer.body["token_type"], "Bearer");
    assert_eq!(answer.body["expires_in"], 3600);
    assert_eq!(answer.body["scope"], "clickup:read clickup:write");
    let tokens = Tokens::of(&answer);
    let (_, claims) = jwt_parts(&tokens.access);
    assert_eq!(claims["aud"], format!("{}/mcp", app.url));
    assert_eq!(claims["iss"], app.url);
    assert_eq!(claims["client_id"], client_id);
    assert_eq!(claims["scope"], "clickup:read clickup:write");
    assert_eq!(claims["sub"], format!("user_{}", alice.id));
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        3600
    );

    // 6. /mcp with the access token, in JSON-RPC.
    let listed = crate::client::rpc(&app, &tokens.access, "tools/list", json!({})).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.text);
    assert!(
        !listed.body["result"]["tools"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let me = crate::client::rpc(
        &app,
        &tokens.access,
        "tools/call",
        json!({"name": "clickup_user_get", "arguments": {}}),
    )
    .await;
    assert_eq!(me.body["result"]["isError"], false, "{}", me.text);

    // 7. Refresh: a new pair; the old refresh token is spent.
    let refreshed = refresh(&app, &client_id, &tokens.refresh).await;
    let second = Tokens::of(&refreshed);
    assert_ne!(second.refresh, tokens.refresh);
    assert!(works(&app, &second.access).await);

    // 8. Revoke the refresh token: the whole family stops working.
    let revoked = app
        .http
        .post(format!("{}/revoke", app.url))
        .form(&[
            ("token", second.refresh.as_str()),
            ("client_id", &client_id),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), StatusCode::OK);
    for (which, access) in [("first", &tokens.access), ("second", &second.access)] {
        assert!(
            !works(&app, access).await,
            "the {which} access token is refused"
        );
    }
    let again = refresh(&app, &client_id, &second.refresh).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_eq!(again.body["error"], "invalid_grant");

    let events: Vec<String> = app
        .audit_rows()
        .await
        .into_iter()
        .map(|r| r.event_type)
        .collect();
    for event in [
        "client_registered",
        "auth_success",
        "authorization_granted",
        "token_refresh",
        "token_revoked",
    ] {
        assert!(events.iter().any(|e| e == event), "{event} in {events:?}");
    }
    let rows = serde_json::to_string(&app.audit_rows().await).unwrap();
    for secret in [
        &tokens.access,
        &tokens.refresh,
        &second.refresh,
        &code,
        &flow.pkce.verifier,
    ] {
        assert!(
            !rows.contains(secret.as_str()),
            "no token, code or verifier in the audit log"
        );
    }
}

#[tokio::test]
async fn a_returning_user_skips_clickup_and_consent_for_the_same_client_but_is_asked_for_another() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let browser = app.browser(alice);
    let client_id = register_public(&app, "First client").await;
    let flow = Flow::new(&app, &client_id);
    let location = authorize_through(&app, &browser, &flow, "write").await;
    Tokens::of(&exchange(&app, &flow, &code_of(&app, &flow, &location)).await);

    app.clear_sandbox_requests().await;
    let again = Flow::new(&app, &client_id);
    let straight = browser.get(&again.url(&app)).await;
    assert_eq!(straight.status, StatusCode::FOUND, "{}", straight.text);
    let code = code_of(&app, &again, &straight.location());
    assert!(
        app.sandbox_calls().await.is_empty(),
        "ClickUp was not asked again"
    );
    Tokens::of(&exchange(&app, &again, &code).await);
    let remembered = app.audit_of("authorization_granted").await;
    assert_eq!(remembered.last().unwrap().details["remembered"], true);

    let narrower = Flow {
        scope: Some("clickup:read".into()),
        ..Flow::new(&app, &client_id)
    };
    let straight = browser.get(&narrower.url(&app)).await;
    assert_eq!(
        straight.status,
        StatusCode::FOUND,
        "a narrower scope is covered by the consent"
    );

    let forced = browser
        .get(&again.url_with(&app, &[("prompt", "consent")]))
        .await;
    assert_eq!(forced.status, StatusCode::OK, "prompt=consent asks again");

    let other_id = register_public(&app, "Second client").await;
    let other = Flow::new(&app, &other_id);
    let page = browser.get(&other.url(&app)).await;
    assert_eq!(
        page.status,
        StatusCode::OK,
        "consent for one client never covers another"
    );
    assert!(page.text.contains("Second client"));
    assert!(
        page.text.contains("id=\"signed-in-as\""),
        "the browser is recognised"
    );
    let form = consent_form(&page);
    let approved = answer_consent(&app, &browser, &form, "approve", "read").await;
    assert_eq!(approved.status, StatusCode::FOUND);
    let code = code_of(&app, &other, &approved.location());
    assert!(
        app.sandbox_calls().await.is_empty(),
        "a recognised browser is not sent to ClickUp"
    );
    let answer = exchange(&app, &other, &code).await;
    assert_eq!(answer.body["scope"], "clickup:read");

    let stranger = app.browser(app.seed(1).id);
    let page = stranger.get(&again.url(&app)).await;
    assert_eq!(
        page.status,
        StatusCode::OK,
        "another browser (another user) is asked"
    );
}

#[tokio::test]
async fn a_read_only_request_offers_no_write_choice_and_a_read_only_approval_grants_read_only() {
    let app = spawn_app().await;
    let client_id = register_public(&app, "Reader").await;
    let flow = Flow {
        scope: Some("clickup:read".into()),
        ..Flow::new(&app, &client_id)
    };
    let browser = app.browser(app.seed(0).id);
    let page = browser.get(&flow.url(&app)).await;
    assert!(page.text.contains("id=\"scope-read\""));
    assert!(!page.text.contains("id=\"scope-write\""), "{}", page.text);

    let form = consent_form(&page);
    let to_clickup = answer_consent(&app, &browser, &form, "approve", "write").await;
    let back = crate::client::through_clickup(&app, &browser, &to_clickup).await;
    let code = code_of(&app, &flow, &back.location());
    let answer = exchange(&app, &flow, &code).await;
    assert_eq!(
        answer.body["scope"], "clickup:read",
        "a forged write choice cannot widen a read-only request"
    );
}

#[tokio::test]
async fn denying_on_the_consent_page_sends_access_denied_to_the_client_and_nothing_to_clickup() {
    let app = spawn_app().await;
    let client_id = register_public(&app, "Denied").await;
    let flow = Flow::new(&app, &client_id);
    let browser = app.browser(app.seed(0).id);
    let form = consent_form(&browser.get(&flow.url(&app)).await);
    app.clear_sandbox_requests().await;

    let denied = answer_consent(&app, &browser, &form, "deny", "write").await;

    assert_eq!(denied.status, StatusCode::FOUND);
    let location = denied.location();
    assert!(location.starts_with(crate::client::REDIRECT), "{location}");
    assert_eq!(
        query_param(&location, "error").as_deref(),
        Some("access_denied")
    );
    assert_eq!(
        query_param(&location, "state").as_deref(),
        Some(flow.state.as_str())
    );
    assert_eq!(
        query_param(&location, "iss").as_deref(),
        Some(app.url.as_str())
    );
    assert!(query_param(&location, "code").is_none());
    assert!(app.sandbox_calls().await.is_empty());
    assert_eq!(app.audit_of("authorization_denied").await.len(), 1);
    app.assert_nothing_written("after a denial").await;
}

#[tokio::test]
async fn denying_at_clickup_sends_access_denied_to_the_client() {
    let app = crate::helpers::spawn_app_with(crate::helpers::AppOptions {
        auto_approve: false,
        ..Default::default()
    })
    .await;
    let client_id = register_public(&app, "Denied at ClickUp").await;
    let flow = Flow::new(&app, &client_id);
    let browser = app.browser(app.seed(0).id);
    let form = consent_form(&browser.get(&flow.url(&app)).await);
    let to_clickup = answer_consent(&app, &browser, &form, "approve", "write").await;
    let sandbox = to_clickup.location();
    let page = browser.get(&sandbox).await;
    let denied = Answer::read(
        browser
            .manual
            .post(format!("{}/api/oauth/authorize", app.sandbox_url))
            .form(&[
                (
                    "client_id",
                    crate::helpers::form_value(&page.text, "client_id").unwrap(),
                ),
                (
                    "redirect_uri",
                    crate::helpers::form_value(&page.text, "redirect_uri").unwrap(),
                ),
                (
                    "state",
                    crate::helpers::form_value(&page.text, "state").unwrap(),
                ),
                ("decision", "deny".to_owned()),
            ])
            .send()
            .await
            .unwrap(),
    )
    .await;
    let callback = browser.get(&denied.location()).await;

    assert_eq!(callback.status, StatusCode::FOUND, "{}", callback.text);
    let location = callback.location();
    assert!(location.starts_with(crate::client::REDIRECT), "{location}");
    assert_eq!(
        query_param(&location, "error").as_deref(),
        Some("access_denied")
    );
    assert_eq!(
        query_param(&location, "state").as_deref(),
        Some(flow.state.as_str())
    );
    app.assert_nothing_written("after a denial at ClickUp")
        .await;
}

#[tokio::test]
async fn a_confidential_client_authenticates_with_its_secret_by_basic_or_post() {
    let app = spawn_app().await;
    for method in ["client_secret_basic", "client_secret_post"] {
        let registered = register(
            &app,
            json!({
                "client_name": method,
                "redirect_uris": ["https://app.example.com/cb"],
                "token_endpoint_auth_method": method,
            }),
        )
        .await;
        assert_eq!(
            registered.status,
            StatusCode::CREATED,
            "{}",
            registered.text
        );
        let client_id = registered.body["client_id"].as_str().unwrap().to_owned();
        let secret = registered.body["client_secret"]
            .as_str()
            .unwrap()
            .to_owned();
        let flow = Flow {
            redirect_uri: "https://app.example.com/cb".into(),
            ..Flow::new(&app, &client_id)
        };
        let browser = app.browser(app.seed(0).id);
        let location = authorize_through(&app, &browser, &flow, "read").await;
        let code = code_of(&app, &flow, &location);
        let fields = vec![
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", flow.redirect_uri.as_str()),
            ("code_verifier", flow.pkce.verifier.as_str()),
        ];

        let without = token(
            &app,
            &[fields.clone(), vec![("client_id", &client_id)]].concat(),
        )
        .await;
        assert_eq!(
            without.status,
            StatusCode::UNAUTHORIZED,
            "{method}: {}",
            without.text
        );
        assert_eq!(without.body["error"], "invalid_client");

        let answer = if method == "client_secret_basic" {
            Answer::read(
                app.http
                    .post(format!("{}/token", app.url))
                    .basic_auth(&client_id, Some(&secret))
                    .form(&fields)
                    .send()
                    .await
                    .unwrap(),
            )
            .await
        } else {
            token(
                &app,
                &[
                    fields.clone(),
                    vec![("client_id", &client_id), ("client_secret", &secret)],
                ]
                .concat(),
            )
            .await
        };
        assert_eq!(answer.status, StatusCode::OK, "{method}: {}", answer.text);
        assert_eq!(answer.body["scope"], "clickup:read");
    }
}

use crate::helpers::Answer;

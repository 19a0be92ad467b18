//! Attacks on `/token`: code replay (also concurrent), refresh-token replay (also concurrent, and
//! the grace window), client mix-ups, scope widening, stale codes and malformed requests.

use reqwest::StatusCode;

use crate::client::{
    Flow, REDIRECT, Tokens, authorize_through, code_of, connect, exchange, refresh,
    register_public, token, works,
};
use crate::helpers::{TestApp, spawn_app};

/// A fresh code for a new public client of user 0.
async fn fresh_code(app: &TestApp) -> (Flow, String) {
    let client_id = register_public(app, "Attacked").await;
    let flow = Flow::new(app, &client_id);
    let browser = app.browser(app.seed(0).id);
    let location = authorize_through(app, &browser, &flow, "write").await;
    let code = code_of(app, &flow, &location);
    (flow, code)
}

#[tokio::test]
async fn a_replayed_code_is_refused_and_revokes_what_its_first_use_issued() {
    let app = spawn_app().await;
    let (flow, code) = fresh_code(&app).await;
    let first = Tokens::of(&exchange(&app, &flow, &code).await);
    assert!(works(&app, &first.access).await);

    let replay = exchange(&app, &flow, &code).await;

    assert_eq!(replay.status, StatusCode::BAD_REQUEST, "{}", replay.text);
    assert_eq!(replay.body["error"], "invalid_grant");
    assert_eq!(replay.header("cache-control"), Some("no-store"));
    assert!(
        !works(&app, &first.access).await,
        "the first access token is revoked"
    );
    let after = refresh(&app, &flow.client_id, &first.refresh).await;
    assert_eq!(
        after.body["error"], "invalid_grant",
        "and its refresh token"
    );
    assert_eq!(app.audit_of("authorization_code_reused").await.len(), 1);
}

#[tokio::test]
async fn two_concurrent_redemptions_of_one_code_give_exactly_one_success_whose_tokens_are_then_revoked()
 {
    let app = spawn_app().await;
    for round in 0..5 {
        let (flow, code) = fresh_code(&app).await;
        let (a, b) = tokio::join!(exchange(&app, &flow, &code), exchange(&app, &flow, &code));
        let answers = [a, b];
        let successes: Vec<_> = answers
            .iter()
            .filter(|a| a.status == StatusCode::OK)
            .collect();
        assert_eq!(successes.len(), 1, "round {round}: {answers:?}");
        let failure = answers.iter().find(|a| a.status != StatusCode::OK).unwrap();
        assert_eq!(failure.body["error"], "invalid_grant", "round {round}");
        let tokens = Tokens::of(successes[0]);
        assert!(
            !works(&app, &tokens.access).await,
            "round {round}: the winner's access token is revoked by the replay"
        );
        assert_eq!(
            refresh(&app, &flow.client_id, &tokens.refresh).await.body["error"],
            "invalid_grant",
            "round {round}"
        );
    }
}

#[tokio::test]
async fn a_code_expires_after_sixty_seconds() {
    let app = spawn_app().await;
    let (flow, code) = fresh_code(&app).await;
    app.advance_secs(60);
    let answer = exchange(&app, &flow, &code).await;
    assert_eq!(answer.body["error"], "invalid_grant", "{}", answer.text);
}

#[tokio::test]
async fn a_code_is_bound_to_its_client_redirect_uri_and_resource() {
    let app = spawn_app().await;
    let (flow, code) = fresh_code(&app).await;
    let other = register_public(&app, "Mix-up").await;
    let base = |client: &str, redirect: &str| {
        vec![
            ("grant_type".to_owned(), "authorization_code".to_owned()),
            ("code".to_owned(), code.clone()),
            ("redirect_uri".to_owned(), redirect.to_owned()),
            ("code_verifier".to_owned(), flow.pkce.verifier.clone()),
            ("client_id".to_owned(), client.to_owned()),
        ]
    };
    let send = |fields: Vec<(String, String)>| {
        let app = &app;
        async move {
            let borrowed: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            token(app, &borrowed).await
        }
    };

    let mixed = send(base(&other, REDIRECT)).await;
    assert_eq!(
        mixed.body["error"], "invalid_grant",
        "another client: {}",
        mixed.text
    );
    let moved = send(base(&flow.client_id, "http://127.0.0.1:49152/other")).await;
    assert_eq!(moved.body["error"], "invalid_grant", "another redirect URI");
    let mut foreign = base(&flow.client_id, REDIRECT);
    foreign.push(("resource".into(), "https://evil.example/mcp".into()));
    let target = send(foreign).await;
    assert_eq!(target.body["error"], "invalid_target", "{}", target.text);

    let mut right = base(&flow.client_id, REDIRECT);
    right.push(("resource".into(), format!("{}/mcp", app.url)));
    assert_eq!(
        send(right).await.status,
        StatusCode::OK,
        "the rightful client still can"
    );
}

#[tokio::test]
async fn a_refresh_token_used_twice_outside_the_grace_window_revokes_the_whole_family() {
    let app = spawn_app().await;
    let (flow, tokens) = connect(&app, app.seed(0).id, "write").await;
    let second = Tokens::of(&refresh(&app, &flow.client_id, &tokens.refresh).await);
    app.advance_secs(31);

    let replay = refresh(&app, &flow.client_id, &tokens.refresh).await;

    assert_eq!(replay.body["error"], "invalid_grant", "{}", replay.text);
    for (which, access) in [("first", &tokens.access), ("second", &second.access)] {
        assert!(
            !works(&app, access).await,
            "the {which} access token is revoked"
        );
    }
    assert_eq!(
        refresh(&app, &flow.client_id, &second.refresh).await.body["error"],
        "invalid_grant",
        "the newest refresh token is revoked too"
    );
    assert_eq!(app.audit_of("refresh_token_reused").await.len(), 1);
}

#[tokio::test]
async fn a_retry_of_the_same_refresh_within_thirty_seconds_gets_a_new_pair_once() {
    let app = spawn_app().await;
    let (flow, tokens) = connect(&app, app.seed(0).id, "write").await;
    let lost = Tokens::of(&refresh(&app, &flow.client_id, &tokens.refresh).await);
    app.advance_secs(30);

    let retried = Tokens::of(&refresh(&app, &flow.client_id, &tokens.refresh).await);

    assert!(works(&app, &retried.access).await, "the retry's pair works");
    assert!(!works(&app, &lost.access).await, "the lost pair is revoked");
    let third = refresh(&app, &flow.client_id, &tokens.refresh).await;
    assert_eq!(third.body["error"], "invalid_grant", "only once");
    assert!(
        !works(&app, &retried.access).await,
        "and that was a reuse: the family is revoked"
    );
}

#[tokio::test]
async fn two_concurrent_refreshes_with_one_token_leave_exactly_one_working_pair() {
    let app = spawn_app().await;
    let (flow, tokens) = connect(&app, app.seed(0).id, "write").await;
    let (a, b) = tokio::join!(
        refresh(&app, &flow.client_id, &tokens.refresh),
        refresh(&app, &flow.client_id, &tokens.refresh)
    );
    let pairs: Vec<Tokens> = [a, b]
        .iter()
        .filter(|a| a.status == StatusCode::OK)
        .map(Tokens::of)
        .collect();
    let mut working = 0;
    for pair in &pairs {
        if works(&app, &pair.access).await {
            working += 1;
            assert_eq!(
                refresh(&app, &flow.client_id, &pair.refresh).await.status,
                StatusCode::OK,
                "the working pair refreshes"
            );
        }
    }
    assert_eq!(working, 1, "{} answered 200", pairs.len());
}

#[tokio::test]
async fn a_refresh_token_is_bound_to_its_client() {
    let app = spawn_app().await;
    let (flow, tokens) = connect(&app, app.seed(0).id, "write").await;
    let other = register_public(&app, "Thief").await;

    let stolen = refresh(&app, &other, &tokens.refresh).await;

    assert_eq!(stolen.body["error"], "invalid_grant", "{}", stolen.text);
    assert_eq!(
        refresh(&app, &flow.client_id, &tokens.refresh).await.status,
        StatusCode::OK,
        "the rightful client is not punished"
    );
}

#[tokio::test]
async fn a_refresh_may_narrow_the_scope_but_never_widen_it() {
    let app = spawn_app().await;
    let (reader_flow, reader) = connect(&app, app.seed(0).id, "read").await;
    for scope in [
        "clickup:read clickup:write",
        "clickup:write",
        "clickup:admin",
        "CLICKUP:READ",
    ] {
        let answer = token(
            &app,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", &reader.refresh),
                ("client_id", &reader_flow.client_id),
                ("scope", scope),
            ],
        )
        .await;
        assert_eq!(
            answer.body["error"], "invalid_scope",
            "{scope}: {}",
            answer.text
        );
    }

    let (flow, writer) = connect(&app, app.seed(0).id, "write").await;
    let narrowed = token(
        &app,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &writer.refresh),
            ("client_id", &flow.client_id),
            ("scope", "clickup:read"),
        ],
    )
    .await;
    assert_eq!(narrowed.body["scope"], "clickup:read", "{}", narrowed.text);
    let (_, claims) = crate::helpers::jwt_parts(narrowed.body["access_token"].as_str().unwrap());
    assert_eq!(claims["scope"], "clickup:read");
    let next = refresh(
        &app,
        &flow.client_id,
        narrowed.body["refresh_token"].as_str().unwrap(),
    )
    .await;
    assert_eq!(
        next.body["scope"], "clickup:read clickup:write",
        "the refresh token keeps the granted scope (RFC 6749 §6)"
    );
}

#[tokio::test]
async fn malformed_token_requests_get_rfc_6749_errors() {
    let app = spawn_app().await;
    let client_id = register_public(&app, "Malformed").await;
    for (why, fields, status, error) in [
        (
            "no grant type",
            vec![("client_id", client_id.as_str())],
            400,
            "invalid_request",
        ),
        (
            "client credentials",
            vec![
                ("grant_type", "client_credentials"),
                ("client_id", client_id.as_str()),
            ],
            400,
            "unsupported_grant_type",
        ),
        (
            "the password grant",
            vec![
                ("grant_type", "password"),
                ("client_id", client_id.as_str()),
            ],
            400,
            "unsupported_grant_type",
        ),
        (
            "no client",
            vec![("grant_type", "authorization_code"), ("code", "x")],
            400,
            "invalid_request",
        ),
        (
            "an unknown client",
            vec![
                ("grant_type", "refresh_token"),
                ("refresh_token", "x"),
                ("client_id", "mcp_nobody"),
            ],
            401,
            "invalid_client",
        ),
        (
            "a public client with a secret",
            vec![
                ("grant_type", "refresh_token"),
                ("refresh_token", "x"),
                ("client_id", client_id.as_str()),
                ("client_secret", "guess"),
            ],
            401,
            "invalid_client",
        ),
        (
            "an unknown refresh token",
            vec![
                ("grant_type", "refresh_token"),
                ("refresh_token", "x"),
                ("client_id", client_id.as_str()),
            ],
            400,
            "invalid_grant",
        ),
    ] {
        let answer = token(&app, &fields).await;
        assert_eq!(answer.status.as_u16(), status, "{why}: {}", answer.text);
        assert_eq!(answer.body["error"], error, "{why}: {}", answer.text);
        assert!(answer.body["error_description"].is_string(), "{why}");
        assert_eq!(answer.header("cache-control"), Some("no-store"), "{why}");
    }
    let repeated = crate::helpers::Answer::read(
        app.http
            .post(format!("{}/token", app.url))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!(
                "grant_type=refresh_token&grant_type=authorization_code&client_id={client_id}"
            ))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        repeated.body["error"], "invalid_request",
        "a repeated parameter"
    );
    let basic = crate::helpers::Answer::read(
        app.http
            .post(format!("{}/token", app.url))
            .basic_auth("mcp_nobody", Some("secret"))
            .form(&[("grant_type", "refresh_token"), ("refresh_token", "x")])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(basic.status, StatusCode::UNAUTHORIZED);
    assert!(
        basic
            .header("www-authenticate")
            .unwrap()
            .starts_with("Basic")
    );
}

//! `POST /revoke` (RFC 7009), and how revocation reaches `/mcp`.

use reqwest::StatusCode;

use crate::client::{Tokens, connect, refresh, register_public, works};
use crate::helpers::{Answer, TestApp, spawn_app};

async fn revoke(app: &TestApp, client_id: &str, token: &str) -> Answer {
    Answer::read(
        app.http
            .post(format!("{}/revoke", app.url))
            .form(&[("token", token), ("client_id", client_id)])
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn revoking_an_access_token_ends_its_session_but_not_the_refresh_token() {
    let app = spawn_app().await;
    let (flow, tokens) = connect(&app, app.seed(0).id, "write").await;

    let answer = revoke(&app, &flow.client_id, &tokens.access).await;

    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert!(!works(&app, &tokens.access).await);
    let renewed = Tokens::of(&refresh(&app, &flow.client_id, &tokens.refresh).await);
    assert!(works(&app, &renewed.access).await);
    assert_eq!(app.audit_of("token_revoked").await.len(), 1);
}

#[tokio::test]
async fn revoking_a_refresh_token_ends_every_token_of_its_authorization_and_no_other() {
    let app = spawn_app().await;
    let (flow, tokens) = connect(&app, app.seed(0).id, "write").await;
    let (other_flow, other) = connect(&app, app.seed(0).id, "write").await;
    let seed = app.login_as(app.seed(0).id).await.token;

    assert_eq!(
        revoke(&app, &flow.client_id, &tokens.refresh).await.status,
        StatusCode::OK
    );

    assert!(!works(&app, &tokens.access).await);
    assert_eq!(
        refresh(&app, &flow.client_id, &tokens.refresh).await.body["error"],
        "invalid_grant"
    );
    assert!(
        works(&app, &other.access).await,
        "another client's tokens live on"
    );
    assert!(works(&app, &seed).await, "and the seed's session");
    assert_eq!(
        refresh(&app, &other_flow.client_id, &other.refresh)
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn revocation_answers_200_for_unknown_and_foreign_tokens_and_changes_nothing() {
    let app = spawn_app().await;
    let (_, tokens) = connect(&app, app.seed(0).id, "write").await;
    let stranger = register_public(&app, "Stranger").await;

    for (why, token) in [
        ("an unknown opaque token", "not-a-token"),
        ("a forged JWT", "a.b.c"),
        ("another client's refresh token", tokens.refresh.as_str()),
        ("another client's access token", tokens.access.as_str()),
    ] {
        let answer = revoke(&app, &stranger, token).await;
        assert_eq!(answer.status, StatusCode::OK, "{why}: {}", answer.text);
    }
    assert!(works(&app, &tokens.access).await, "nothing was revoked");

    let unauthenticated = Answer::read(
        app.http
            .post(format!("{}/revoke", app.url))
            .form(&[("token", tokens.refresh.as_str())])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        unauthenticated.status,
        StatusCode::BAD_REQUEST,
        "no client: {}",
        unauthenticated.text
    );
}

#[tokio::test]
async fn logging_out_everywhere_also_ends_mcp_clients_refresh_tokens_and_the_remembered_browser() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let client_id = register_public(&app, "Remembered").await;
    let flow = crate::client::Flow::new(&app, &client_id);
    let browser = app.browser(alice);
    let location = crate::client::authorize_through(&app, &browser, &flow, "write").await;
    let tokens = Tokens::of(
        &crate::client::exchange(&app, &flow, &crate::client::code_of(&app, &flow, &location))
            .await,
    );

    assert_eq!(
        app.logout(&tokens.access, true).await.status,
        StatusCode::OK
    );

    assert!(!works(&app, &tokens.access).await);
    assert_eq!(
        refresh(&app, &client_id, &tokens.refresh).await.body["error"],
        "invalid_grant"
    );
    let again = browser
        .get(&crate::client::Flow::new(&app, &client_id).url(&app))
        .await;
    assert_eq!(
        again.status,
        StatusCode::OK,
        "the browser is asked again (and will be sent to ClickUp)"
    );
    assert!(!again.text.contains("id=\"signed-in-as\""));
}

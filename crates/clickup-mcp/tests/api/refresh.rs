//! `POST /auth/refresh`: a new session for a valid one, checked against ClickUp.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{USER_AGENT, jwt_parts, spawn_app};

#[tokio::test]
async fn a_refresh_issues_a_working_token_and_revokes_the_old_one() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let login = app.login_as(alice).await;
    app.advance_secs(100);
    app.clear_sandbox_requests().await;

    let refreshed = app.refresh(&login.token).await;

    assert_eq!(refreshed.status, StatusCode::OK, "{}", refreshed.text);
    assert_eq!(refreshed.header("cache-control"), Some("no-store"));
    assert_eq!(refreshed.body["token_type"], "Bearer");
    assert_eq!(refreshed.body["expires_in"], 86_400);
    let token = refreshed.body["token"].as_str().unwrap();
    assert_ne!(token, login.token);
    let (_, old) = jwt_parts(&login.token);
    let (_, new) = jwt_parts(token);
    assert_ne!(new["jti"], old["jti"], "a new session id");
    assert_eq!(new["sub"], old["sub"]);
    assert_eq!(new["iat"], app.now(), "issued now");
    assert_eq!(new["exp"], app.now() + 86_400, "a full lifetime from now");

    assert_eq!(
        app.get_me(token).await.status,
        StatusCode::OK,
        "the new token works"
    );
    let old_answer = app.get_me(&login.token).await;
    assert_eq!(
        old_answer.status,
        StatusCode::UNAUTHORIZED,
        "the old one is refused"
    );
    assert_eq!(old_answer.reason(), "revoked");
    let again = app.refresh(&login.token).await;
    assert_eq!(
        again.status,
        StatusCode::UNAUTHORIZED,
        "the old one cannot be refreshed again"
    );

    let calls = app.sandbox_calls().await;
    assert_eq!(
        calls,
        vec!["GET /api/v2/user"],
        "the ClickUp token is checked once"
    );
    let rows = app.audit_of("token_refresh").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].user_id.map(|u| u.0), Some(alice));
    assert_eq!(rows[0].ip_address.as_deref(), Some("127.0.0.1"));
    assert_eq!(rows[0].user_agent.as_deref(), Some(USER_AGENT));
}

#[tokio::test]
async fn two_concurrent_refreshes_of_one_token_give_exactly_one_new_token() {
    let app = spawn_app().await;
    let login = app.login_as(app.seed(0).id).await;

    let (a, b) = tokio::join!(app.refresh(&login.token), app.refresh(&login.token));

    let statuses = [a.status, b.status];
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        1,
        "exactly one 200: {statuses:?} ({} / {})",
        a.text,
        b.text
    );
    let loser = if a.status == StatusCode::OK { &b } else { &a };
    assert_eq!(loser.status, StatusCode::UNAUTHORIZED, "{}", loser.text);
    assert_eq!(
        app.count_rows("sessions").await,
        2,
        "the old session and one new one"
    );
    assert_eq!(app.audit_of("token_refresh").await.len(), 1);
}

#[tokio::test]
async fn a_refresh_after_the_clickup_token_was_revoked_fails_and_marks_it_revoked() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let login = app.login_as(alice).await;
    let revoked = app
        .sandbox_control("/tokens/revoke", json!({"user_id": alice}))
        .await;
    assert_eq!(revoked["revoked"], 1, "{revoked}");

    let answer = app.refresh(&login.token).await;

    assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.text);
    assert_eq!(answer.code(), "refresh_failed");
    assert_eq!(answer.reason(), "clickup_token_revoked");
    assert!(
        app.credential(alice).await.unwrap().revoked,
        "the credential is marked revoked"
    );
    assert!(
        app.audit_of("token_refresh").await.is_empty(),
        "no refresh happened"
    );
    assert_eq!(
        app.get_me(&login.token).await.status,
        StatusCode::OK,
        "the session itself is still valid"
    );

    // Once marked, ClickUp is not asked again.
    app.clear_sandbox_requests().await;
    let again = app.refresh(&login.token).await;
    assert_eq!(again.reason(), "clickup_token_revoked", "{}", again.text);
    assert!(
        app.sandbox_calls().await.is_empty(),
        "no ClickUp call for a known-revoked token"
    );

    // A new login replaces the credential and clears the mark.
    let relogin = app.login_as(alice).await;
    assert!(!app.credential(alice).await.unwrap().revoked);
    assert_eq!(app.refresh(&relogin.token).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_refresh_when_clickup_fails_is_an_upstream_error_and_keeps_the_session() {
    let app = spawn_app().await;
    let login = app.login_as(app.seed(0).id).await;
    // Enough failures to outlast any retry of the read.
    app.sandbox_fault(json!({"path_prefix": "/v2/user", "status": 500, "count": 5}))
        .await;

    let answer = app.refresh(&login.token).await;

    assert_eq!(answer.status, StatusCode::BAD_GATEWAY, "{}", answer.text);
    assert_eq!(answer.code(), "upstream_error");
    assert_eq!(
        app.get_me(&login.token).await.status,
        StatusCode::OK,
        "the session survives"
    );
    app.clear_sandbox_faults().await;
    assert_eq!(
        app.refresh(&login.token).await.status,
        StatusCode::OK,
        "and refreshes once ClickUp is back"
    );
}

#[tokio::test]
async fn a_clickup_refresh_token_and_expiry_are_stored_sealed_when_clickup_issues_them() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    app.sandbox_control("/settings", json!({"issue_refresh_tokens": true}))
        .await;

    app.login_as(alice).await;

    let credential = app.credential(alice).await.unwrap();
    let sealed = credential
        .refresh_token
        .expect("the refresh token is stored");
    assert_eq!(sealed.key_id, "k1");
    let refresh_token = app
        .state
        .vault
        .open(
            clickup_mcp::domain::UserId(alice),
            clickup_mcp::vault::Field::RefreshToken,
            &sealed,
        )
        .unwrap();
    let refresh_token = secrecy::ExposeSecret::expose_secret(&refresh_token).to_owned();
    assert!(
        refresh_token.starts_with("rt_"),
        "the sandbox's refresh token shape"
    );
    assert_eq!(
        credential.expires_at,
        Some(app.now() + 3600),
        "expires_in is remembered"
    );
    let bytes = app.database_bytes();
    assert!(
        !bytes
            .windows(refresh_token.len())
            .any(|w| w == refresh_token.as_bytes()),
        "the refresh token is not in the database in clear"
    );
}

#[tokio::test]
async fn an_expired_clickup_token_is_renewed_with_its_refresh_token() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    app.sandbox_control("/settings", json!({"issue_refresh_tokens": true}))
        .await;
    let login = app.login_as(alice).await;
    let before = app.clickup_token(alice).await;
    app.advance_secs(3601);
    app.sandbox_control("/clock", json!({"advance_secs": 3601}))
        .await;
    app.clear_sandbox_requests().await;

    let answer = app.refresh(&login.token).await;

    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let calls = app.sandbox_calls().await;
    assert!(
        calls.contains(&"POST /api/v2/oauth/token".to_owned()),
        "the refresh grant was used: {calls:?}"
    );
    assert_ne!(
        app.clickup_token(alice).await,
        before,
        "a new ClickUp token is stored"
    );
    let credential = app.credential(alice).await.unwrap();
    assert!(credential.expires_at.unwrap() > app.now());
}

#[tokio::test]
async fn an_expired_clickup_token_whose_refresh_token_was_revoked_fails_the_refresh() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    app.sandbox_control("/settings", json!({"issue_refresh_tokens": true}))
        .await;
    let login = app.login_as(alice).await;
    app.sandbox_control("/tokens/revoke", json!({"user_id": alice}))
        .await;
    app.advance_secs(3601);
    app.sandbox_control("/clock", json!({"advance_secs": 3601}))
        .await;

    let answer = app.refresh(&login.token).await;

    assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.text);
    assert_eq!(answer.code(), "refresh_failed");
    assert_eq!(answer.reason(), "clickup_refresh_rejected");
    assert!(
        app.credential(alice).await.unwrap().revoked,
        "marked revoked"
    );
    assert!(app.audit_of("token_refresh").await.is_empty());
}

#[tokio::test]
async fn an_expired_clickup_token_without_a_refresh_token_fails_the_refresh() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let login = app.login_as(alice).await;
    // Make the stored credential carry an expiry that has passed, as a token response with
    // `expires_in` and no `refresh_token` would.
    let mut conn = <sqlx::sqlite::SqliteConnection as sqlx::Connection>::connect(&app.database_url)
        .await
        .unwrap();
    sqlx::query("UPDATE clickup_credentials SET expires_at = $1")
        .bind(app.now() - 1)
        .execute(&mut conn)
        .await
        .unwrap();

    let answer = app.refresh(&login.token).await;

    assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.text);
    assert_eq!(answer.code(), "refresh_failed");
    assert_eq!(answer.reason(), "clickup_token_expired");
}

//! `POST /api/v2/oauth/token`: code exchange, refresh tokens, revocation.

use clickup_sandbox::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, SandboxOptions};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{
    ACME, ALICE, BETA, assert_clickup_error, other_app, spawn_sandbox, spawn_with,
};

fn assert_access_token_shape(body: &Value, user: u64) {
    let token = body["access_token"].as_str().unwrap();
    let (prefix, rest) = token.split_once('_').unwrap();
    assert_eq!(prefix, user.to_string(), "{token}");
    assert!(
        rest.len() >= 32 && rest.chars().all(|c| c.is_ascii_hexdigit()),
        "{token}"
    );
}

#[tokio::test]
async fn a_code_is_exchanged_for_a_clickup_shaped_token_by_query_form_or_json() {
    let sandbox = spawn_sandbox().await;
    let url = sandbox.url("/api/v2/oauth/token");

    let code = sandbox.code_for(ALICE, &[ACME]).await;
    let by_query = sandbox
        .http
        .post(&url)
        .query(&[
            ("client_id", DEFAULT_CLIENT_ID),
            ("client_secret", DEFAULT_CLIENT_SECRET),
            ("code", &code),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(by_query.status(), StatusCode::OK, "query");
    let body: Value = by_query.json().await.unwrap();
    assert_access_token_shape(&body, ALICE);
    assert_eq!(
        body.as_object().unwrap().len(),
        1,
        "only access_token by default: {body}"
    );

    let code = sandbox.code_for(ALICE, &[ACME]).await;
    let by_form = sandbox
        .http
        .post(&url)
        .form(&[
            ("client_id", DEFAULT_CLIENT_ID),
            ("client_secret", DEFAULT_CLIENT_SECRET),
            ("code", &code),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(by_form.status(), StatusCode::OK, "form");
    assert_access_token_shape(&by_form.json().await.unwrap(), ALICE);

    let code = sandbox.code_for(ALICE, &[ACME]).await;
    let (status, body) = sandbox
        .exchange(json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET, "code": code }))
        .await;
    assert_eq!(status, StatusCode::OK, "json");
    assert_access_token_shape(&body, ALICE);

    let code = sandbox.code_for(ALICE, &[ACME]).await;
    let mixed = sandbox
        .http
        .post(&url)
        .query(&[
            ("client_id", DEFAULT_CLIENT_ID),
            ("code", "overridden-by-the-body"),
        ])
        .json(&json!({ "client_secret": DEFAULT_CLIENT_SECRET, "code": code }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        mixed.status(),
        StatusCode::OK,
        "query and body mixed, the body wins"
    );
}

#[tokio::test]
async fn a_code_works_only_once() {
    let sandbox = spawn_sandbox().await;
    let code = sandbox.code_for(ALICE, &[ACME]).await;
    let body = json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET, "code": code });
    assert_eq!(sandbox.exchange(body.clone()).await.0, StatusCode::OK);
    let (status, error) = sandbox.exchange(body).await;
    assert_clickup_error(status, &error, 401, "OAUTH_013", "second use");
}

#[tokio::test]
async fn a_code_expires_after_ten_minutes_of_sandbox_time() {
    let sandbox = spawn_sandbox().await;
    let fresh = sandbox.code_for(ALICE, &[ACME]).await;
    let stale = sandbox.code_for(ALICE, &[ACME]).await;
    sandbox
        .control("/clock", json!({ "advance_secs": 9 * 60 }))
        .await;
    let (status, _) = sandbox
        .exchange(json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET, "code": fresh }))
        .await;
    assert_eq!(status, StatusCode::OK, "nine minutes is in time");
    sandbox
        .control("/clock", json!({ "advance_secs": 61 }))
        .await;
    let (status, error) = sandbox
        .exchange(json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET, "code": stale }))
        .await;
    assert_clickup_error(status, &error, 401, "OAUTH_014", "ten minutes and a second");
}

#[tokio::test]
async fn a_bad_client_secret_or_code_is_refused_in_clickups_error_form() {
    let sandbox = spawn_sandbox().await;
    let code = sandbox.code_for(ALICE, &[ACME]).await;
    let cases = [
        (
            json!({ "client_secret": DEFAULT_CLIENT_SECRET, "code": code }),
            401,
            "OAUTH_010",
            "no client_id",
        ),
        (
            json!({ "client_id": "nope", "client_secret": "x", "code": code }),
            401,
            "OAUTH_010",
            "unknown client",
        ),
        (
            json!({ "client_id": DEFAULT_CLIENT_ID, "code": code }),
            401,
            "OAUTH_011",
            "no secret",
        ),
        (
            json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": "wrong", "code": code }),
            401,
            "OAUTH_011",
            "wrong secret",
        ),
        (
            json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET }),
            400,
            "OAUTH_012",
            "no code",
        ),
        (
            json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET, "code": "ABC" }),
            401,
            "OAUTH_013",
            "unknown code",
        ),
        (
            json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET, "code": code, "grant_type": "password" }),
            400,
            "OAUTH_016",
            "unsupported grant",
        ),
        (
            json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET, "grant_type": "refresh_token", "refresh_token": "rt_x" }),
            400,
            "OAUTH_016",
            "refresh grant while refresh tokens are off",
        ),
    ];
    for (body, want_status, want_code, case) in cases {
        let (status, error) = sandbox.exchange(body).await;
        assert_clickup_error(status, &error, want_status, want_code, case);
    }
    let (status, _) = sandbox
        .exchange(json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET, "code": code }))
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "failed attempts did not use the code up"
    );

    let broken = sandbox
        .http
        .post(sandbox.url("/api/v2/oauth/token"))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    let status = broken.status();
    assert_clickup_error(
        status,
        &broken.json().await.unwrap(),
        400,
        "OAUTH_001",
        "broken JSON",
    );
}

#[tokio::test]
async fn a_code_issued_to_another_client_is_refused() {
    let sandbox = spawn_sandbox().await;
    let app = other_app();
    let code = sandbox
        .code_of(&app.client_id, "http://other.example/cb", ALICE, &[ACME])
        .await;
    let (status, error) = sandbox
        .exchange(json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET, "code": code }))
        .await;
    assert_clickup_error(
        status,
        &error,
        401,
        "OAUTH_015",
        "default app presents the other app's code",
    );
    let (status, _) = sandbox
        .exchange(
            json!({ "client_id": app.client_id, "client_secret": app.client_secret, "code": code }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "its own client may still use it");
}

#[tokio::test]
async fn refresh_tokens_are_issued_and_rotated_only_when_switched_on() {
    let sandbox = spawn_with(SandboxOptions {
        issue_refresh_tokens: true,
        ..SandboxOptions::default()
    })
    .await;
    let code = sandbox.code_for(ALICE, &[BETA]).await;
    let (status, first) = sandbox
        .exchange(json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET, "code": code }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first["expires_in"], 3600);
    let refresh = first["refresh_token"].as_str().unwrap().to_owned();

    let refresh_body = json!({
        "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET,
        "grant_type": "refresh_token", "refresh_token": refresh,
    });
    let (status, second) = sandbox.exchange(refresh_body.clone()).await;
    assert_eq!(status, StatusCode::OK, "{second}");
    assert_ne!(second["access_token"], first["access_token"]);
    assert_ne!(second["refresh_token"], first["refresh_token"], "rotated");
    let (_, teams) = sandbox
        .get_json("/v2/team", second["access_token"].as_str().unwrap())
        .await;
    assert_eq!(
        crate::helpers::team_ids(&teams),
        vec![BETA],
        "the refreshed token keeps the grant"
    );

    let (status, error) = sandbox.exchange(refresh_body).await;
    assert_clickup_error(status, &error, 401, "OAUTH_020", "a used refresh token");

    sandbox
        .control("/clock", json!({ "advance_secs": 3600 }))
        .await;
    let (status, error) = sandbox
        .get_json("/v2/user", first["access_token"].as_str().unwrap())
        .await;
    assert_clickup_error(
        status,
        &error,
        401,
        "OAUTH_021",
        "an access token past expires_in",
    );

    sandbox
        .control("/settings", json!({ "issue_refresh_tokens": false }))
        .await;
    let code = sandbox.code_for(ALICE, &[BETA]).await;
    let (_, plain) = sandbox
        .exchange(json!({ "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET, "code": code }))
        .await;
    assert!(
        plain.get("refresh_token").is_none() && plain.get("expires_in").is_none(),
        "{plain}"
    );
}

#[tokio::test]
async fn revoking_a_users_tokens_makes_them_answer_clickups_invalid_token_error() {
    let sandbox = spawn_sandbox().await;
    let alice = sandbox.oauth_token(ALICE, &[ACME]).await;
    let dave = sandbox.oauth_token(crate::helpers::DAVE, &[BETA]).await;
    let (status, revoked) = sandbox
        .control("/tokens/revoke", json!({ "user_id": ALICE }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(revoked["revoked"], 1);

    let (status, error) = sandbox.get_json("/v2/user", &alice).await;
    assert_clickup_error(status, &error, 401, "OAUTH_019", "revoked token");
    assert_eq!(
        sandbox.get("/v2/user", &dave).await.status(),
        StatusCode::OK,
        "another user's token"
    );
    let personal = sandbox.personal_token(ALICE);
    assert_eq!(
        sandbox.get("/v2/user", &personal).await.status(),
        StatusCode::OK,
        "personal token"
    );
}

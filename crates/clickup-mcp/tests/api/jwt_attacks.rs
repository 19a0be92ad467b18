//! Presenting a bad bearer token to `/auth/me`: every one is a 401 with `WWW-Authenticate`,
//! the right code and reason, and never the user's data.

use clickup_mcp::auth::jwt::{Claims, JwtKeys};
use clickup_mcp::domain::Tier;
use reqwest::StatusCode;
use secrecy::SecretString;
use serde_json::{Value, json};

use crate::helpers::{
    Answer, TestApp, hs256_header, jwt_parts, rfc3339, sign_raw, spawn_app, with_claims,
};

/// Asserts a 401 with this code (and reason, when given).
fn assert_refused(answer: &Answer, code: &str, reason: Option<&str>, case: &str) {
    assert_eq!(
        answer.status,
        StatusCode::UNAUTHORIZED,
        "{case}: {}",
        answer.text
    );
    assert!(
        answer
            .header("www-authenticate")
            .is_some_and(|v| v.starts_with("Bearer")),
        "{case}: WWW-Authenticate: {:?}",
        answer.header("www-authenticate")
    );
    assert_eq!(answer.code(), code, "{case}: {}", answer.text);
    if let Some(reason) = reason {
        assert_eq!(answer.reason(), reason, "{case}: {}", answer.text);
    }
    assert!(answer.body.get("user").is_none(), "{case}: no user data");
}

/// Claims as this app would sign them for `user`, with a jti of our choosing.
fn claims_for(app: &TestApp, user: u64, jti: &str) -> Claims {
    let now = app.now();
    Claims {
        sub: format!("user_{user}"),
        email: "someone@example.com".into(),
        team_id: None,
        tier: Tier::Free,
        iat: now,
        exp: now + 86_400,
        iss: app.url.clone(),
        aud: format!("{}/mcp", app.url),
        jti: jti.into(),
    }
}

#[tokio::test]
async fn a_forged_or_malformed_bearer_is_refused_with_its_reason() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let bob = app.seed(1).id;
    let login = app.login_as(alice).await;
    let bob_login = app.login_as(bob).await;
    let (_, claims) = jwt_parts(&login.token);
    let (_, bob_claims) = jwt_parts(&bob_login.token);
    let secret = app.jwt_secret.as_bytes();
    let mut premium = claims.clone();
    premium["tier"] = json!("premium");
    let mut wrong_iss = claims.clone();
    wrong_iss["iss"] = json!("https://evil.example");
    let mut wrong_aud = claims.clone();
    wrong_aud["aud"] = json!(app.url);
    let mut other_sub = claims.clone();
    other_sub["sub"] = bob_claims["sub"].clone();
    let mut no_jti = claims.clone();
    no_jti.as_object_mut().unwrap().remove("jti");
    let mut no_exp = claims.clone();
    no_exp.as_object_mut().unwrap().remove("exp");
    let cases: Vec<(&str, Option<String>, &str, Option<&str>)> = vec![
        (
            "no Authorization header",
            None,
            "invalid_token",
            Some("missing_token"),
        ),
        (
            "Basic scheme",
            Some("Basic YWxpY2U6cGFzc3dvcmQ=".into()),
            "invalid_token",
            Some("not_a_bearer_token"),
        ),
        (
            "the token without a scheme",
            Some(login.token.clone()),
            "token_malformed",
            None,
        ),
        (
            "Bearer and nothing",
            Some("Bearer ".into()),
            "token_malformed",
            None,
        ),
        (
            "garbage",
            Some("Bearer garbage".into()),
            "token_malformed",
            None,
        ),
        (
            "three dots of garbage",
            Some("Bearer a.b.c".into()),
            "token_malformed",
            None,
        ),
        (
            "HS512 with the right secret",
            Some(format!(
                "Bearer {}",
                sign_raw(&json!({"alg": "HS512", "typ": "JWT"}), &claims, secret)
            )),
            "invalid_token",
            Some("invalid_algorithm"),
        ),
        (
            "HS256 with another secret",
            Some(format!(
                "Bearer {}",
                sign_raw(
                    &hs256_header(),
                    &claims,
                    b"another-secret-another-secret-1234"
                )
            )),
            "invalid_token",
            Some("invalid_signature"),
        ),
        (
            "Bob's claims under Alice's signature",
            Some(format!("Bearer {}", with_claims(&login.token, &bob_claims))),
            "invalid_token",
            Some("invalid_signature"),
        ),
        (
            "tier changed to premium",
            Some(format!("Bearer {}", with_claims(&login.token, &premium))),
            "invalid_token",
            Some("invalid_signature"),
        ),
        (
            "another issuer, signed with our secret",
            Some(format!(
                "Bearer {}",
                sign_raw(&hs256_header(), &wrong_iss, secret)
            )),
            "invalid_token",
            Some("invalid_issuer"),
        ),
        (
            "another audience, signed with our secret",
            Some(format!(
                "Bearer {}",
                sign_raw(&hs256_header(), &wrong_aud, secret)
            )),
            "invalid_token",
            Some("invalid_audience"),
        ),
        (
            "Alice's session id with Bob as subject, signed with our secret",
            Some(format!(
                "Bearer {}",
                sign_raw(&hs256_header(), &other_sub, secret)
            )),
            "invalid_token",
            Some("session_mismatch"),
        ),
        (
            "no jti, signed with our secret",
            Some(format!(
                "Bearer {}",
                sign_raw(&hs256_header(), &no_jti, secret)
            )),
            "invalid_token",
            Some("missing_claim"),
        ),
        (
            "no exp, signed with our secret",
            Some(format!(
                "Bearer {}",
                sign_raw(&hs256_header(), &no_exp, secret)
            )),
            "invalid_token",
            Some("missing_claim"),
        ),
        (
            "a 5000-byte bearer",
            Some(format!("Bearer {}", "a.".repeat(2500))),
            "token_malformed",
            None,
        ),
    ];

    for (case, authorization, code, reason) in cases {
        let answer = app.me_with(authorization.as_deref()).await;
        assert_refused(&answer, code, reason, case);
    }
    let me = app.get_me(&login.token).await;
    assert_eq!(
        me.status,
        StatusCode::OK,
        "the genuine token still works: {}",
        me.text
    );
}

#[tokio::test]
async fn a_validly_signed_token_for_a_session_that_does_not_exist_is_refused() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    app.login_as(alice).await;
    let keys = JwtKeys::new(
        &SecretString::from(app.jwt_secret.clone()),
        app.url.clone(),
        format!("{}/mcp", app.url),
    );
    let forged = keys
        .sign(&claims_for(&app, alice, &"0".repeat(64)))
        .unwrap();

    let answer = app.get_me(&forged).await;

    assert_refused(
        &answer,
        "invalid_token",
        Some("unknown_session"),
        "made-up jti",
    );
}

#[tokio::test]
async fn a_token_expires_after_its_lifetime_plus_five_seconds_of_skew() {
    let app = spawn_app().await;
    let login = app.login_as(app.seed(0).id).await;
    let (_, claims) = jwt_parts(&login.token);
    let exp = claims["exp"].as_i64().unwrap();

    app.advance_secs(86_400 + 5);
    let at_the_edge = app.get_me(&login.token).await;
    app.advance_secs(1);
    let past = app.get_me(&login.token).await;

    assert_eq!(
        at_the_edge.status,
        StatusCode::OK,
        "exp + 5 s: {}",
        at_the_edge.text
    );
    assert_refused(&past, "token_expired", None, "exp + 6 s");
    assert_eq!(past.body["error"]["details"]["expired_at"], rfc3339(exp));
}

#[tokio::test]
async fn a_token_issued_in_the_future_is_refused() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let login = app.login_as(alice).await;
    let (_, mut claims) = jwt_parts(&login.token);
    claims["iat"] = json!(app.now() + 60);
    claims["exp"] = json!(app.now() + 3600);

    let answer = app
        .get_me(&sign_raw(
            &hs256_header(),
            &claims,
            app.jwt_secret.as_bytes(),
        ))
        .await;

    assert_refused(
        &answer,
        "invalid_token",
        Some("issued_in_future"),
        "iat one minute ahead",
    );
}

#[tokio::test]
async fn a_token_not_yet_valid_is_refused() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let login = app.login_as(alice).await;
    let (_, mut claims) = jwt_parts(&login.token);
    claims["nbf"] = json!(app.now() + 600);

    let answer = app
        .get_me(&sign_raw(
            &hs256_header(),
            &claims,
            app.jwt_secret.as_bytes(),
        ))
        .await;

    assert_refused(
        &answer,
        "invalid_token",
        Some("not_yet_valid"),
        "nbf ten minutes ahead",
    );
}

#[tokio::test]
async fn a_logged_out_token_is_refused() {
    let app = spawn_app().await;
    let login = app.login_as(app.seed(0).id).await;
    assert_eq!(app.logout(&login.token, false).await.status, StatusCode::OK);

    let answer = app.get_me(&login.token).await;

    assert_refused(&answer, "invalid_token", Some("revoked"), "after logout");
}

#[tokio::test]
async fn a_refreshed_away_token_is_refused() {
    let app = spawn_app().await;
    let login = app.login_as(app.seed(0).id).await;
    let refreshed = app.refresh(&login.token).await;
    assert_eq!(refreshed.status, StatusCode::OK, "{}", refreshed.text);

    let answer = app.get_me(&login.token).await;

    assert_refused(&answer, "invalid_token", Some("revoked"), "after refresh");
}

#[tokio::test]
async fn the_token_of_a_deleted_user_is_refused() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let login = app.login_as(alice).await;
    let audit = clickup_mcp::audit::AuditRecord::new(
        clickup_mcp::audit::AuditEvent::UserDeleted,
        app.now(),
    )
    .user(clickup_mcp::domain::UserId(alice));
    assert!(
        app.state
            .store
            .delete_user(clickup_mcp::domain::UserId(alice), Some(&audit))
            .await
            .unwrap()
    );

    let answer = app.get_me(&login.token).await;

    assert_refused(&answer, "invalid_token", None, "deleted user");
}

#[tokio::test]
async fn refresh_and_logout_refuse_bad_tokens_the_same_way() {
    let app = spawn_app().await;
    let login = app.login_as(app.seed(0).id).await;
    let tampered = {
        let (_, mut claims) = jwt_parts(&login.token);
        claims["tier"] = Value::from("premium");
        with_claims(&login.token, &claims)
    };

    for (case, answer) in [
        ("refresh, tampered", app.refresh(&tampered).await),
        ("logout, tampered", app.logout(&tampered, false).await),
        ("logout all, tampered", app.logout(&tampered, true).await),
        ("refresh, garbage", app.refresh("garbage").await),
    ] {
        assert_eq!(
            answer.status,
            StatusCode::UNAUTHORIZED,
            "{case}: {}",
            answer.text
        );
        assert!(answer.header("www-authenticate").is_some(), "{case}");
    }
    assert!(app.audit_of("logout").await.is_empty());
    assert!(app.audit_of("token_refresh").await.is_empty());
    let me = app.get_me(&login.token).await;
    assert_eq!(
        me.status,
        StatusCode::OK,
        "the genuine session is untouched"
    );
}

/// Alice's genuine claims under `{"alg":"none"}` with an empty signature.
async fn alg_none_token(app: &TestApp) -> String {
    let login = app.login_as(app.seed(0).id).await;
    let (_, claims) = jwt_parts(&login.token);
    let signed = sign_raw(&json!({"alg": "none", "typ": "JWT"}), &claims, b"unused");
    let cut = signed.rfind('.').unwrap();
    format!("{}.", &signed[..cut])
}

#[tokio::test]
async fn an_unsigned_alg_none_token_is_refused() {
    let app = spawn_app().await;
    let token = alg_none_token(&app).await;

    let answer = app.get_me(&token).await;

    assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.text);
    assert!(answer.header("www-authenticate").is_some());
    assert!(answer.body.get("user").is_none());
}

#[tokio::test]
async fn an_unsigned_alg_none_token_is_refused_as_the_wrong_algorithm() {
    let app = spawn_app().await;
    let token = alg_none_token(&app).await;

    let answer = app.get_me(&token).await;

    assert_refused(
        &answer,
        "invalid_token",
        Some("invalid_algorithm"),
        "alg none",
    );
}

#[tokio::test]
async fn an_expired_token_cannot_be_refreshed_or_used_to_log_out() {
    let app = spawn_app().await;
    let login = app.login_as(app.seed(0).id).await;
    app.advance_secs(86_400 + 6);

    let refreshed = app.refresh(&login.token).await;
    let logged_out = app.logout(&login.token, true).await;

    assert_refused(&refreshed, "token_expired", None, "refresh");
    assert_refused(&logged_out, "token_expired", None, "logout");
    assert!(app.audit_of("token_refresh").await.is_empty());
}

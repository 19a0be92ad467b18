//! Every way a bearer can be wrong on `/mcp`: a 401 with `WWW-Authenticate` pointing at the
//! protected-resource metadata and the seed's error body — in the bare form and in JSON-RPC
//! alike (never a JSON-RPC error) — and nothing reaches a tool or ClickUp.

use clickup_mcp::audit::{AuditEvent, AuditRecord};
use clickup_mcp::auth::jwt::{Claims, JwtKeys};
use clickup_mcp::domain::{Tier, UserId};
use reqwest::StatusCode;
use secrecy::SecretString;
use serde_json::json;

use crate::client::{ACCEPT_BOTH, V2025_11_25, initialize_body, next_id};
use crate::helpers::{Answer, TestApp, hs256_header, jwt_parts, sign_raw, spawn_app};

/// One refusal to check: what was presented, and the code (and reason) expected.
struct Case {
    name: &'static str,
    authorization: Option<String>,
    code: &'static str,
    reason: Option<&'static str>,
}

/// The three ways a client first talks to `/mcp`.
async fn attempts(app: &TestApp, authorization: Option<&str>) -> Vec<(&'static str, Answer)> {
    let with_auth = |headers: &[(&'static str, &'static str)]| {
        let mut request = app.http.post(format!("{}/mcp", app.url));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        request
    };
    let bare = with_auth(&[("content-type", "application/json")])
        .body(r#"{"method":"tools/list"}"#)
        .send();
    let init = with_auth(&[
        ("content-type", "application/json"),
        ("accept", ACCEPT_BOTH),
    ])
    .body(initialize_body(V2025_11_25).to_string())
    .send();
    let call = with_auth(&[
        ("content-type", "application/json"),
        ("accept", ACCEPT_BOTH),
        ("mcp-protocol-version", V2025_11_25),
    ])
    .body(
        json!({"jsonrpc": "2.0", "id": next_id(), "method": "tools/call",
               "params": {"name": "clickup_workspace_list", "arguments": {}}})
        .to_string(),
    )
    .send();
    vec![
        ("bare tools/list", Answer::read(bare.await.unwrap()).await),
        (
            "JSON-RPC initialize",
            Answer::read(init.await.unwrap()).await,
        ),
        (
            "JSON-RPC tools/call",
            Answer::read(call.await.unwrap()).await,
        ),
    ]
}

fn assert_challenge(app: &TestApp, answer: &Answer, case: &Case, form: &str) {
    let what = format!("{} / {form}", case.name);
    assert_eq!(
        answer.status,
        StatusCode::UNAUTHORIZED,
        "{what}: {}",
        answer.text
    );
    let challenge = answer
        .header("www-authenticate")
        .unwrap_or_else(|| panic!("{what}: no WWW-Authenticate"));
    assert!(challenge.starts_with("Bearer "), "{what}: {challenge}");
    let metadata = format!(
        r#"resource_metadata="{}/.well-known/oauth-protected-resource/mcp""#,
        app.url
    );
    assert!(challenge.contains(&metadata), "{what}: {challenge}");
    assert_eq!(answer.code(), case.code, "{what}: {}", answer.text);
    assert!(
        answer.body["error"]["message"].is_string(),
        "{what}: the seed error body: {}",
        answer.text
    );
    if let Some(reason) = case.reason {
        assert_eq!(answer.reason(), reason, "{what}: {}", answer.text);
    }
    assert!(
        answer.body.get("jsonrpc").is_none() && answer.body.get("result").is_none(),
        "{what}: not a JSON-RPC answer: {}",
        answer.text
    );
}

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
async fn every_bad_bearer_is_a_401_challenge_with_the_seed_error_body_in_every_form() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let good = app.login_as(alice).await.token;
    let logged_out = app.login_as(alice).await.token;
    assert_eq!(app.logout(&logged_out, false).await.status, StatusCode::OK);
    let (_, claims) = jwt_parts(&good);
    let secret = app.jwt_secret.as_bytes();
    let mut wrong_aud = claims.clone();
    wrong_aud["aud"] = json!(app.url);
    let mut premium = claims.clone();
    premium["tier"] = json!("premium");
    let keys = JwtKeys::new(
        &SecretString::from(app.jwt_secret.clone()),
        app.url.clone(),
        format!("{}/mcp", app.url),
    );
    let unknown_session = keys
        .sign(&claims_for(&app, alice, &"0".repeat(64)))
        .unwrap();
    app.clear_sandbox_requests().await;
    let bearer = |t: &str| Some(format!("Bearer {t}"));
    let cases = vec![
        Case {
            name: "no Authorization",
            authorization: None,
            code: "invalid_token",
            reason: Some("missing_token"),
        },
        Case {
            name: "Basic scheme",
            authorization: Some("Basic YWxpY2U6cGFzc3dvcmQ=".into()),
            code: "invalid_token",
            reason: Some("not_a_bearer_token"),
        },
        Case {
            name: "the token without a scheme",
            authorization: Some(good.clone()),
            code: "token_malformed",
            reason: None,
        },
        Case {
            name: "garbage",
            authorization: bearer("garbage"),
            code: "token_malformed",
            reason: None,
        },
        Case {
            name: "the tier claim edited",
            authorization: bearer(&crate::helpers::with_claims(&good, &premium)),
            code: "invalid_token",
            reason: Some("invalid_signature"),
        },
        Case {
            name: "HS512",
            authorization: bearer(&sign_raw(
                &json!({"alg": "HS512", "typ": "JWT"}),
                &claims,
                secret,
            )),
            code: "invalid_token",
            reason: Some("invalid_algorithm"),
        },
        Case {
            name: "another audience",
            authorization: bearer(&sign_raw(&hs256_header(), &wrong_aud, secret)),
            code: "invalid_token",
            reason: Some("invalid_audience"),
        },
        Case {
            name: "a session that never existed",
            authorization: bearer(&unknown_session),
            code: "invalid_token",
            reason: Some("unknown_session"),
        },
        Case {
            name: "a logged-out session",
            authorization: bearer(&logged_out),
            code: "invalid_token",
            reason: Some("revoked"),
        },
    ];

    for case in &cases {
        for (form, answer) in attempts(&app, case.authorization.as_deref()).await {
            assert_challenge(&app, &answer, case, form);
        }
    }

    app.flush_audit().await;
    assert!(app.audit_of("tool_call").await.is_empty(), "no tool ran");
    assert!(
        app.sandbox_requests().await.is_empty(),
        "nothing reached ClickUp: {:?}",
        app.sandbox_calls().await
    );
    let still_good = app.bare(&good, json!({"method": "tools/list"})).await;
    assert_eq!(still_good.status, StatusCode::OK, "{}", still_good.text);
}

#[tokio::test]
async fn a_missing_bearer_gets_a_challenge_without_an_error_parameter_and_a_bad_one_with_it() {
    let app = spawn_app().await;

    let missing = &attempts(&app, None).await[0].1;
    let bad = &attempts(&app, Some("Bearer garbage")).await[0].1;

    assert_eq!(
        missing.header("www-authenticate").unwrap(),
        format!(
            r#"Bearer resource_metadata="{}/.well-known/oauth-protected-resource/mcp""#,
            app.url
        ),
        "RFC 6750 §3.1: no error code when no credentials were sent"
    );
    assert!(
        bad.header("www-authenticate")
            .unwrap()
            .contains(r#"error="invalid_token""#),
        "{:?}",
        bad.header("www-authenticate")
    );
}

#[tokio::test]
async fn an_expired_session_is_refused_with_token_expired() {
    let app = spawn_app().await;
    let token = app.login_as(app.seed(0).id).await.token;
    app.advance_secs(86_400 + 6);
    let case = Case {
        name: "expired",
        authorization: Some(format!("Bearer {token}")),
        code: "token_expired",
        reason: None,
    };

    for (form, answer) in attempts(&app, case.authorization.as_deref()).await {
        assert_challenge(&app, &answer, &case, form);
        assert!(answer.body["error"]["details"]["expired_at"].is_string());
    }
}

#[tokio::test]
async fn the_session_of_a_deleted_user_is_refused() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let token = app.login_as(alice).await.token;
    let audit = AuditRecord::new(AuditEvent::UserDeleted, app.now()).user(UserId(alice));
    assert!(
        app.state
            .store
            .delete_user(UserId(alice), Some(&audit))
            .await
            .unwrap()
    );
    let case = Case {
        name: "deleted user",
        authorization: Some(format!("Bearer {token}")),
        code: "invalid_token",
        reason: None,
    };

    for (form, answer) in attempts(&app, case.authorization.as_deref()).await {
        assert_challenge(&app, &answer, &case, form);
    }
}

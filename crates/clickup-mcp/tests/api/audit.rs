//! The audit log: one row per event, with who and from where, and never a secret or an email.

use reqwest::StatusCode;

use crate::helpers::{USER_AGENT, spawn_app};

#[tokio::test]
async fn every_flow_leaves_its_row_and_no_row_holds_a_token_or_an_email() {
    let app = spawn_app().await;
    let alice = app.seed(0).clone();
    let bob = app.seed(1).clone();
    let a = app.login_as(alice.id).await;
    let b = app.login_as(bob.id).await;
    let clickup_a = app.clickup_token(alice.id).await;
    let clickup_b = app.clickup_token(bob.id).await;
    let failed = app
        .browser(alice.id)
        .get(&format!("{}/auth/callback?code=x&state=y", app.url))
        .await;
    assert_eq!(failed.status, StatusCode::BAD_REQUEST);
    let refreshed = app.refresh(&a.token).await;
    let a2 = refreshed.body["token"].as_str().unwrap().to_owned();
    assert_eq!(app.logout(&a2, false).await.status, StatusCode::OK);
    let id_b = bob.id.to_string();
    let set = app.cli(&["users", "set-tier", &id_b, "premium"], &[]).await;
    assert!(set.success, "set-tier: {}", set.stderr);
    let deleted = app.cli(&["users", "delete", &id_b], &[]).await;
    assert!(deleted.success, "delete: {}", deleted.stderr);

    let rows = app.audit_rows().await;

    let events: Vec<&str> = rows.iter().map(|r| r.event_type.as_str()).collect();
    assert_eq!(
        events,
        vec![
            "auth_success",
            "auth_success",
            "auth_failure",
            "token_refresh",
            "logout",
            "tier_changed",
            "user_deleted"
        ],
        "one row per event, in order"
    );
    let by_user = |i: usize| rows[i].user_id.map(|u| u.0);
    assert_eq!(by_user(0), Some(alice.id));
    assert_eq!(by_user(1), Some(bob.id));
    assert_eq!(by_user(2), None, "a failed login has no user");
    assert_eq!(by_user(3), Some(alice.id));
    assert_eq!(by_user(4), Some(alice.id));
    assert_eq!(by_user(5), Some(bob.id));
    assert_eq!(by_user(6), Some(bob.id));
    for row in &rows[..5] {
        assert_eq!(
            row.ip_address.as_deref(),
            Some("127.0.0.1"),
            "{}: ip",
            row.event_type
        );
        assert_eq!(
            row.user_agent.as_deref(),
            Some(USER_AGENT),
            "{}: user agent",
            row.event_type
        );
    }
    assert_eq!(rows[0].details["team_id"], alice.workspaces[0]);
    assert_eq!(rows[0].details["new_user"], true);
    assert_eq!(rows[2].details["reason"], "invalid_state:unknown_or_used");
    assert_eq!(rows[4].details["all"], false);
    assert_eq!(rows[5].details["to"], "premium");
    let timestamps: Vec<&str> = rows.iter().map(|r| r.timestamp.as_str()).collect();
    assert!(
        timestamps
            .iter()
            .all(|t| t.ends_with('Z') && t.contains('T')),
        "RFC 3339 UTC: {timestamps:?}"
    );

    let forbidden = [
        ("Alice's session token", a.token.as_str()),
        ("Alice's refreshed token", a2.as_str()),
        ("Bob's session token", b.token.as_str()),
        ("Alice's ClickUp token", clickup_a.as_str()),
        ("Bob's ClickUp token", clickup_b.as_str()),
        ("the JWT secret", app.jwt_secret.as_str()),
    ];
    for row in &rows {
        let whole = serde_json::to_string(row).unwrap();
        for (what, secret) in forbidden {
            assert!(
                !whole.contains(secret),
                "{what} in a {} row: {whole}",
                row.event_type
            );
        }
        let details = row.details.to_string();
        for email in [&alice.email, &bob.email] {
            assert!(
                !details.contains(email.as_str()),
                "an email in a {} row: {details}",
                row.event_type
            );
        }
    }
}

#[tokio::test]
async fn rejected_tokens_are_tallied_into_one_row_per_reason_not_one_per_request() {
    let mut app = spawn_app().await;
    for _ in 0..3 {
        assert_eq!(app.get_me("garbage").await.status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(app.me_with(None).await.status, StatusCode::UNAUTHORIZED);
    assert!(
        app.audit_of("token_rejected").await.is_empty(),
        "not one row per request"
    );

    app.stop().await;

    let rows = app.audit_of("token_rejected").await;
    let mut seen: Vec<(String, u64)> = rows
        .iter()
        .map(|r| {
            (
                r.details["reason"].as_str().unwrap().to_owned(),
                r.details["count"].as_u64().unwrap(),
            )
        })
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        vec![("malformed".to_owned(), 3), ("missing_token".to_owned(), 1)]
    );
}

#[tokio::test]
async fn with_audit_logging_off_no_rows_are_written() {
    let app = crate::helpers::spawn_app_with(crate::helpers::AppOptions {
        settings: vec![("ENABLE_AUDIT_LOGGING", "false".into())],
        ..Default::default()
    })
    .await;
    let login = app.login_as(app.seed(0).id).await;
    app.refresh(&login.token).await;

    assert_eq!(
        app.count_rows("audit_log").await,
        0,
        "rows written with ENABLE_AUDIT_LOGGING=false"
    );
    assert_eq!(
        app.count_rows("sessions").await,
        2,
        "the flows themselves worked"
    );
}

#[tokio::test]
async fn a_long_user_agent_is_cut_to_256_characters_in_the_audit_row() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let login = app.login_as(alice).await;
    let long = "x".repeat(1000);

    let answer = crate::helpers::Answer::read(
        app.http
            .post(format!("{}/auth/refresh", app.url))
            .bearer_auth(&login.token)
            .header("user-agent", &long)
            .send()
            .await
            .unwrap(),
    )
    .await;

    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let rows = app.audit_of("token_refresh").await;
    assert_eq!(rows[0].user_agent.as_deref(), Some(&long[..256]));
}

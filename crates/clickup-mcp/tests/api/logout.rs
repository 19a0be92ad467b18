//! `POST /auth/logout[?all=true]`.

use reqwest::StatusCode;
use reqwest::header::AUTHORIZATION;

use crate::helpers::{Answer, spawn_app};

#[tokio::test]
async fn logout_revokes_that_session_only() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let laptop = app.login_as(alice).await;
    let phone = app.login_as(alice).await;

    let answer = app.logout(&laptop.token, false).await;

    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(answer.body["success"], true);
    assert_eq!(answer.body["revoked_sessions"], 1);
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    assert_eq!(
        app.get_me(&laptop.token).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get_me(&phone.token).await.status,
        StatusCode::OK,
        "the other session lives"
    );
    assert!(
        app.credential(alice).await.is_some(),
        "the ClickUp token is kept"
    );
    let rows = app.audit_of("logout").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].user_id.map(|u| u.0), Some(alice));
    assert_eq!(rows[0].details["all"], false);

    let twice = app.logout(&laptop.token, false).await;
    assert_eq!(
        twice.status,
        StatusCode::UNAUTHORIZED,
        "a revoked token cannot log out again"
    );
}

#[tokio::test]
async fn logout_all_revokes_every_session_and_deletes_the_clickup_token() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let bob = app.seed(1).id;
    let laptop = app.login_as(alice).await;
    let phone = app.login_as(alice).await;
    let bobs = app.login_as(bob).await;

    let answer = app.logout(&phone.token, true).await;

    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(answer.body["revoked_sessions"], 2);
    for (case, token) in [("laptop", &laptop.token), ("phone", &phone.token)] {
        let me = app.get_me(token).await;
        assert_eq!(me.status, StatusCode::UNAUTHORIZED, "{case}: {}", me.text);
        assert_eq!(me.reason(), "revoked", "{case}");
    }
    assert!(
        app.credential(alice).await.is_none(),
        "the stored ClickUp token is deleted"
    );
    assert_eq!(
        app.get_me(&bobs.token).await.status,
        StatusCode::OK,
        "another user is untouched"
    );
    assert!(app.credential(bob).await.is_some());
    let rows = app.audit_of("logout").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].details["all"], true);
    assert_eq!(rows[0].user_id.map(|u| u.0), Some(alice));
}

#[tokio::test]
async fn logout_refuses_an_all_value_that_is_not_true_or_false() {
    let app = spawn_app().await;
    let login = app.login_as(app.seed(0).id).await;

    let answer = Answer::read(
        app.http
            .post(format!("{}/auth/logout?all=yes", app.url))
            .bearer_auth(&login.token)
            .send()
            .await
            .unwrap(),
    )
    .await;

    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
    assert_eq!(answer.code(), "invalid_request");
    assert_eq!(
        app.get_me(&login.token).await.status,
        StatusCode::OK,
        "nothing was revoked"
    );
}

#[tokio::test]
async fn the_seed_curl_forms_of_refresh_and_logout_work() {
    let app = spawn_app().await;
    let login = app.login_as(app.seed(0).id).await;
    // `curl -X POST -H "Authorization: Bearer $T" $URL/auth/refresh`: no body, no content type.
    let curl = reqwest::Client::builder()
        .user_agent("curl/8.5.0")
        .build()
        .unwrap();
    let post = |path: &str, token: &str| {
        curl.post(format!("{}{path}", app.url))
            .header(AUTHORIZATION, format!("Bearer {token}"))
            .header("accept", "*/*")
            .send()
    };

    let refreshed = Answer::read(post("/auth/refresh", &login.token).await.unwrap()).await;
    assert_eq!(
        refreshed.status,
        StatusCode::OK,
        "refresh: {}",
        refreshed.text
    );
    let token = refreshed.body["token"].as_str().unwrap().to_owned();
    let logged_out = Answer::read(post("/auth/logout", &token).await.unwrap()).await;
    assert_eq!(
        logged_out.status,
        StatusCode::OK,
        "logout: {}",
        logged_out.text
    );
    assert_eq!(app.get_me(&token).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_real_curl_command_of_the_seed_works() {
    let Ok(found) = std::process::Command::new("curl").arg("--version").output() else {
        eprintln!("curl is not installed; the reqwest imitation above covers the form");
        return;
    };
    assert!(found.status.success());
    let app = spawn_app().await;
    let login = app.login_as(app.seed(0).id).await;
    let curl = |path: String, token: String| async move {
        let output = tokio::process::Command::new("curl")
            .args([
                "-s",
                "-X",
                "POST",
                "-H",
                &format!("Authorization: Bearer {token}"),
                &path,
            ])
            .output()
            .await
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };

    let refreshed = curl(format!("{}/auth/refresh", app.url), login.token.clone()).await;
    let token = refreshed["token"]
        .as_str()
        .unwrap_or_else(|| panic!("{refreshed}"))
        .to_owned();
    let logged_out = curl(format!("{}/auth/logout", app.url), token.clone()).await;

    assert_eq!(logged_out["success"], true, "{logged_out}");
    assert_eq!(app.get_me(&token).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn after_logging_out_everywhere_a_new_login_connects_clickup_again() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let old = app.login_as(alice).await;
    assert_eq!(app.logout(&old.token, true).await.status, StatusCode::OK);
    assert!(app.credential(alice).await.is_none());

    let new = app.login_as(alice).await;

    assert_eq!(app.get_me(&new.token).await.status, StatusCode::OK);
    assert!(
        app.credential(alice).await.is_some(),
        "a fresh ClickUp token is stored"
    );
    assert_eq!(
        app.refresh(&new.token).await.status,
        StatusCode::OK,
        "and it works at ClickUp"
    );
    assert_eq!(
        app.get_me(&old.token).await.status,
        StatusCode::UNAUTHORIZED,
        "the old session stays dead"
    );
}

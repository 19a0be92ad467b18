//! Two users stay apart, and ClickUp tokens are stored only sealed.

use clickup_mcp::domain::UserId;
use clickup_mcp::vault::Field;
use reqwest::StatusCode;

use crate::helpers::spawn_app;

#[tokio::test]
async fn each_token_shows_only_its_own_user() {
    let app = spawn_app().await;
    let alice = app.seed(0).clone();
    let bob = app.seed(1).clone();
    let a = app.login_as(alice.id).await;
    let b = app.login_as(bob.id).await;

    let me_a = app.get_me(&a.token).await;
    let me_b = app.get_me(&b.token).await;

    assert_eq!(me_a.body["user"]["id"], alice.id.to_string());
    assert_eq!(me_a.body["user"]["email"], alice.email);
    assert!(
        !me_a.text.contains(&bob.email),
        "nothing of Bob in Alice's answer"
    );
    assert_eq!(me_b.body["user"]["id"], bob.id.to_string());
    assert!(
        !me_b.text.contains(&alice.email),
        "nothing of Alice in Bob's answer"
    );
}

#[tokio::test]
async fn each_stored_clickup_token_is_the_users_own_and_opens_only_as_that_user() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let bob = app.seed(1).id;
    app.login_as(alice).await;
    app.login_as(bob).await;
    let sealed_a = app.credential(alice).await.unwrap().access_token;
    let sealed_b = app.credential(bob).await.unwrap().access_token;

    let token_a = app.clickup_token(alice).await;
    let token_b = app.clickup_token(bob).await;

    assert!(
        token_a.starts_with(&format!("{alice}_")),
        "ClickUp's token shape: {}",
        &token_a[..10]
    );
    assert!(token_b.starts_with(&format!("{bob}_")));
    let (status, who) = app.sandbox_whoami(&token_a).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        who["user"]["id"], alice,
        "Alice's stored token is Alice at ClickUp"
    );
    let (_, who) = app.sandbox_whoami(&token_b).await;
    assert_eq!(
        who["user"]["id"], bob,
        "Bob's stored token is Bob at ClickUp"
    );
    let vault = &app.state.vault;
    assert!(
        vault
            .open(UserId(bob), Field::AccessToken, &sealed_a)
            .is_err(),
        "Alice's value as Bob's"
    );
    assert!(
        vault
            .open(UserId(alice), Field::AccessToken, &sealed_b)
            .is_err(),
        "Bob's value as Alice's"
    );
    assert!(
        vault
            .open(UserId(alice), Field::RefreshToken, &sealed_a)
            .is_err(),
        "the wrong field"
    );
    assert_ne!(
        sealed_a.blob[..12],
        sealed_b.blob[..12],
        "a fresh nonce per value"
    );
}

#[tokio::test]
async fn a_sealed_token_copied_into_another_users_row_does_not_open() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let bob = app.seed(1).id;
    app.login_as(alice).await;
    let b = app.login_as(bob).await;
    app.clear_sandbox_requests().await;

    app.copy_sealed_token(alice, bob).await;
    let answer = app.refresh(&b.token).await;

    assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.text);
    assert_eq!(answer.code(), "refresh_failed");
    assert_eq!(answer.reason(), "clickup_token_unreadable");
    assert!(
        app.sandbox_calls().await.is_empty(),
        "Alice's token was never used for Bob"
    );
}

#[tokio::test]
async fn the_database_files_never_hold_a_clickup_token_or_a_session_token_in_clear() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let bob = app.seed(1).id;
    let a = app.login_as(alice).await;
    let b = app.login_as(bob).await;
    let refreshed = app.refresh(&a.token).await;
    assert_eq!(refreshed.status, StatusCode::OK);
    let clickup_a = app.clickup_token(alice).await;
    let clickup_b = app.clickup_token(bob).await;
    let signature = |jwt: &str| jwt.rsplit('.').next().unwrap().to_owned();
    let hex_part = |token: &str| token.split_once('_').unwrap().1.to_owned();
    let needles = [
        ("Alice's ClickUp token", clickup_a.clone()),
        (
            "the random part of Alice's ClickUp token",
            hex_part(&clickup_a),
        ),
        ("Bob's ClickUp token", clickup_b.clone()),
        (
            "the random part of Bob's ClickUp token",
            hex_part(&clickup_b),
        ),
        ("Alice's session token", a.token.clone()),
        (
            "the signature of Alice's session token",
            signature(&a.token),
        ),
        ("Bob's session token", b.token.clone()),
        ("the JWT secret", app.jwt_secret.clone()),
        ("the encryption key", app.encryption_key.clone()),
    ];

    let bytes = app.database_bytes();

    let contains = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    let jti_b = crate::helpers::jwt_parts(&b.token).1["jti"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        contains(&jti_b),
        "the search sees what is stored (a session id)"
    );
    for (what, needle) in &needles {
        assert!(needle.len() >= 32, "{what} is long enough to be meaningful");
        assert!(!contains(needle), "{what} is in the database files");
    }
}

#[tokio::test]
async fn the_database_files_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let app = spawn_app().await;
    app.login_as(app.seed(0).id).await;

    for suffix in ["", "-wal", "-shm"] {
        let path = format!("{}{suffix}", app.db_path.display());
        let Ok(metadata) = std::fs::metadata(&path) else {
            continue;
        };
        assert_eq!(
            metadata.permissions().mode() & 0o077,
            0,
            "{path}: no access for group or others"
        );
    }
}

#[tokio::test]
async fn two_users_logging_in_at_the_same_time_each_get_their_own_session() {
    let app = spawn_app().await;
    let alice = app.seed(0).clone();
    let bob = app.seed(1).clone();

    let (a, b) = tokio::join!(app.login_as(alice.id), app.login_as(bob.id));

    let me_a = app.get_me(&a.token).await;
    let me_b = app.get_me(&b.token).await;
    assert_eq!(me_a.body["user"]["email"], alice.email);
    assert_eq!(me_b.body["user"]["email"], bob.email);
    assert!(
        app.clickup_token(alice.id)
            .await
            .starts_with(&format!("{}_", alice.id))
    );
    assert!(
        app.clickup_token(bob.id)
            .await
            .starts_with(&format!("{}_", bob.id))
    );
}

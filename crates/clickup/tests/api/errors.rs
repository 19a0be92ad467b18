//! How ClickUp's refusals are classified.

use clickup::{ClickUpError, ErrorKind, TaskReadOptions};
use secrecy::SecretString;
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn an_unknown_task_id_is_team_not_authorized_as_clickup_answers_it() {
    let sandbox = spawn_sandbox().await;
    let err = sandbox
        .client()
        .get_task(
            &sandbox.token(ALICE),
            &task("86zz9999"),
            TaskReadOptions::default(),
        )
        .await
        .unwrap_err();
    assert!(err.is_team_not_authorized(), "{err:?}");
    assert!(
        !err.is_token_invalid(),
        "an unknown id never asks to reconnect"
    );
    assert_eq!(err.ecode(), Some("OAUTH_027"));
}

#[tokio::test]
async fn a_deleted_task_is_not_found() {
    let sandbox = spawn_sandbox().await;
    let err = sandbox
        .client()
        .get_task(
            &sandbox.token(ALICE),
            &task("86aa0009"),
            TaskReadOptions::default(),
        )
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.ecode(), Some("ITEM_013"));
}

#[tokio::test]
async fn a_workspace_the_token_may_not_use_is_team_not_authorized() {
    let sandbox = spawn_sandbox().await;
    let err = sandbox
        .client()
        .get_spaces(&sandbox.token(DAVE), &team(ACME), false)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TeamNotAuthorized, "{err:?}");
    assert_eq!(err.ecode(), Some("OAUTH_023"));
}

#[tokio::test]
async fn a_revoked_oauth_token_is_token_invalid() {
    let sandbox = spawn_sandbox().await;
    let client = sandbox.client();
    let token = sandbox.oauth_token(&client, ALICE, &[ACME]).await;
    assert_eq!(client.get_user(&token).await.unwrap().id, ALICE);
    sandbox
        .control("/tokens/revoke", json!({ "user_id": ALICE }))
        .await;
    let err = client.get_user(&token).await.unwrap_err();
    assert!(err.is_token_invalid(), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::TokenInvalid);
    assert!(
        matches!(err, ClickUpError::Unauthorized { .. }),
        "the server crate matches on Unauthorized"
    );
}

#[tokio::test]
async fn an_unknown_personal_token_is_token_invalid_and_never_shown() {
    let sandbox = spawn_sandbox().await;
    let token = SecretString::from("pk_81000001_NOTTHEREALTOKENATALL00000000000".to_owned());
    let err = sandbox.client().get_user(&token).await.unwrap_err();
    assert!(err.is_token_invalid(), "{err:?}");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("NOTTHEREAL"), "{shown}");
}

#[tokio::test]
async fn a_malformed_body_is_malformed_and_not_retried() {
    let sandbox = spawn_sandbox().await;
    sandbox
        .fault(json!({ "path_prefix": "/v2/user", "malformed_body": true }))
        .await;
    let err = sandbox
        .client()
        .get_user(&sandbox.token(ALICE))
        .await
        .unwrap_err();
    assert!(matches!(err, ClickUpError::Malformed(_)), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Upstream);
    assert_eq!(sandbox.requests().await.len(), 1, "sent once");
}

#[tokio::test]
async fn a_route_clickup_does_not_have_is_an_upstream_failure_not_a_missing_object() {
    let sandbox = spawn_sandbox().await;
    // The route is unknown on purpose: the OpenAPI check forgives its 404.
    sandbox.allow_unchecked_requests();
    let err = sandbox
        .client()
        .get_json::<serde_json::Value>(&sandbox.token(ALICE), "v2/no_such_route")
        .await
        .unwrap_err();
    assert_eq!(err.ecode(), Some("APP_001"), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Upstream);
}

#[tokio::test]
async fn a_status_the_list_does_not_have_is_an_invalid_argument() {
    let sandbox = spawn_sandbox().await;
    let err = sandbox
        .client()
        .create_task(
            &sandbox.token(ALICE),
            &clickup::ListId::new(SPRINT_12).unwrap(),
            &clickup::models::CreateTask {
                name: "Wrong status".into(),
                status: Some("no such status".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert!(err.is_invalid_argument(), "{err:?}");
    assert_eq!(err.ecode(), Some("ITEM_114"));
}

#[tokio::test]
async fn a_token_that_cannot_be_a_header_is_token_invalid_and_nothing_is_sent() {
    let sandbox = spawn_sandbox().await;
    let token = SecretString::from("pk_1\nHost: evil.example".to_owned());
    let err = sandbox.client().get_user(&token).await.unwrap_err();
    assert!(err.is_token_invalid(), "{err:?}");
    assert!(!format!("{err:?}").contains("evil"));
    assert!(sandbox.requests().await.is_empty());
}

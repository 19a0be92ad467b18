//! Reads are retried on transient failures; writes never are.

use std::time::Duration;

use clickup::{ClickUpError, ClientOptions, ListId, RetryPolicy, Timeouts};
use secrecy::SecretString;
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn a_read_is_retried_after_server_errors_and_then_succeeds() {
    let sandbox = spawn_sandbox().await;
    sandbox
        .fault(json!({ "path_prefix": "/v2/team", "method": "GET", "status": 503, "count": 2 }))
        .await;
    let teams = sandbox
        .client()
        .get_teams(&sandbox.token(ALICE))
        .await
        .unwrap();
    assert_eq!(teams.len(), 2);
    let log = sandbox.requests().await;
    let statuses: Vec<u64> = log.iter().map(|(_, _, s)| *s).collect();
    assert_eq!(
        statuses,
        [503, 503, 200],
        "two failures, then the retry: {log:?}"
    );
}

#[tokio::test]
async fn a_read_gives_up_after_two_retries() {
    let sandbox = spawn_sandbox().await;
    sandbox
        .fault(json!({ "path_prefix": "/v2/team", "status": 502, "count": 10 }))
        .await;
    let err = sandbox
        .client()
        .get_teams(&sandbox.token(ALICE))
        .await
        .unwrap_err();
    assert_eq!(err, ClickUpError::Unavailable { status: 502 });
    assert_eq!(
        sandbox.requests().await.len(),
        3,
        "one attempt and two retries"
    );
}

#[tokio::test]
async fn a_write_is_never_retried() {
    let sandbox = spawn_sandbox().await;
    sandbox
        .fault(json!({ "path_prefix": "/v2/list", "method": "POST", "status": 503, "count": 5 }))
        .await;
    let err = sandbox
        .client()
        .create_task(
            &sandbox.token(ALICE),
            &ListId::new(SPRINT_12).unwrap(),
            &clickup::models::CreateTask {
                name: "Only once".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err, ClickUpError::Unavailable { status: 503 });
    let log = sandbox.requests().await;
    assert_eq!(log.len(), 1, "the POST went out exactly once: {log:?}");
    assert_eq!(log[0].0, "POST");
}

#[tokio::test]
async fn the_code_exchange_is_never_retried() {
    let sandbox = spawn_sandbox().await;
    sandbox
        .fault(json!({ "path_prefix": "/v2/oauth/token", "status": 500, "count": 5 }))
        .await;
    let secret = SecretString::from("sandbox-secret".to_owned());
    let err = sandbox
        .client()
        .exchange_code("sandbox-client", &secret, "abc")
        .await
        .unwrap_err();
    assert_eq!(err, ClickUpError::Unavailable { status: 500 });
    assert_eq!(sandbox.requests().await.len(), 1);
}

#[tokio::test]
async fn a_read_that_times_out_is_retried() {
    let sandbox = spawn_sandbox().await;
    sandbox
        .fault(json!({ "path_prefix": "/v2/user", "delay_ms": 2000, "count": 1 }))
        .await;
    let client = sandbox.client_with(ClientOptions {
        timeouts: Timeouts {
            connect: Duration::from_secs(1),
            total: Duration::from_millis(300),
        },
        retry: fast_retries(),
        ..ClientOptions::default()
    });
    let user = client.get_user(&sandbox.token(ALICE)).await.unwrap();
    assert_eq!(user.id, ALICE, "the second attempt answered");
}

#[tokio::test]
async fn a_timeout_is_reported_as_such_when_retries_are_off() {
    let sandbox = spawn_sandbox().await;
    sandbox
        .fault(json!({ "path_prefix": "/v2/user", "delay_ms": 2000, "count": 1 }))
        .await;
    let client = sandbox.client_with(ClientOptions {
        timeouts: Timeouts {
            connect: Duration::from_secs(1),
            total: Duration::from_millis(300),
        },
        retry: RetryPolicy::never(),
        ..ClientOptions::default()
    });
    let err = client.get_user(&sandbox.token(ALICE)).await.unwrap_err();
    assert_eq!(err, ClickUpError::Timeout);
}

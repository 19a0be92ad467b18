//! One upstream budget per token, from ClickUp's `X-RateLimit-*` headers.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use clickup::ClickUpError;
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn a_spent_budget_refuses_without_sending_and_says_how_long_to_wait() {
    let sandbox = spawn_sandbox().await;
    sandbox.set_rate_limit(3).await;
    let client = sandbox.client();
    let alice = sandbox.token(ALICE);
    for i in 0..3 {
        client
            .get_user(&alice)
            .await
            .unwrap_or_else(|e| panic!("request {i}: {e}"));
    }
    let err = client.get_user(&alice).await.unwrap_err();
    let ClickUpError::RateLimited {
        retry_after: Some(wait),
    } = err
    else {
        panic!("rate limited with a wait, got {err:?}");
    };
    assert!(
        wait > Duration::from_secs(50) && wait <= Duration::from_secs(62),
        "{wait:?}"
    );
    let log = sandbox.requests().await;
    assert_eq!(
        log.len(),
        3,
        "the fourth request never reached ClickUp: {log:?}"
    );
    assert!(log.iter().all(|(_, _, s)| *s == 200));
    assert_eq!(
        client.budget(&alice).and_then(|b| b.available),
        Some(0),
        "the budget shows it"
    );
}

#[tokio::test]
async fn concurrent_calls_never_overshoot_the_remaining_count() {
    let sandbox = spawn_sandbox().await;
    sandbox.set_rate_limit(5).await;
    let client = sandbox.client();
    let alice = sandbox.token(ALICE);
    client.get_user(&alice).await.unwrap();
    let calls = (0..10).map(|_| {
        let client = client.clone();
        let alice = alice.clone();
        tokio::spawn(async move { client.get_teams(&alice).await })
    });
    let mut ok = 0;
    let mut refused = 0;
    for call in calls {
        match call.await.unwrap() {
            Ok(_) => ok += 1,
            Err(ClickUpError::RateLimited { .. }) => refused += 1,
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(
        (ok, refused),
        (4, 6),
        "exactly the four units left were used"
    );
    let log = sandbox.requests().await;
    assert_eq!(log.len(), 5);
    assert!(
        log.iter().all(|(_, _, s)| *s != 429),
        "ClickUp never had to refuse: {log:?}"
    );
}

#[tokio::test]
async fn a_short_wait_for_the_reset_is_taken_instead_of_refusing() {
    let sandbox = spawn_sandbox().await;
    sandbox.set_rate_limit(2).await;
    let clock = Arc::new(OffsetClock::default());
    let client = sandbox.client_with(options_with_clock(
        Arc::clone(&clock),
        Duration::from_secs(3),
    ));
    let alice = sandbox.token(ALICE);
    client.get_user(&alice).await.unwrap();
    client.get_user(&alice).await.unwrap();
    // Both clocks jump to one second before the window ends.
    sandbox
        .control("/clock", json!({ "advance_secs": 59 }))
        .await;
    clock.offset_ms.store(59_000, Ordering::SeqCst);
    let started = Instant::now();
    let user = client.get_user(&alice).await.unwrap();
    assert_eq!(user.id, ALICE);
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "it waited for the reset"
    );
    let log = sandbox.requests().await;
    assert_eq!(log.len(), 3);
    assert!(log.iter().all(|(_, _, s)| *s == 200), "{log:?}");
}

#[tokio::test]
async fn each_token_has_its_own_budget() {
    let sandbox = spawn_sandbox().await;
    sandbox.set_rate_limit(1).await;
    let client = sandbox.client();
    client.get_user(&sandbox.token(ALICE)).await.unwrap();
    assert!(client.get_user(&sandbox.token(ALICE)).await.is_err());
    assert_eq!(
        client.get_user(&sandbox.token(BOB)).await.unwrap().id,
        BOB,
        "Bob's calls are not held back by Alice's"
    );
}

#[tokio::test]
async fn a_429_from_clickup_is_not_retried_blindly() {
    let sandbox = spawn_sandbox().await;
    sandbox
        .fault(json!({ "path_prefix": "/v2/user", "status": 429, "count": 5 }))
        .await;
    let err = sandbox
        .client()
        .get_user(&sandbox.token(ALICE))
        .await
        .unwrap_err();
    assert!(err.is_rate_limited(), "{err:?}");
    assert!(
        err.retry_after().is_some(),
        "the wait comes from X-RateLimit-Reset"
    );
    assert_eq!(
        sandbox.requests().await.len(),
        1,
        "the reset is far, so the budget refuses the second round without sending"
    );
}

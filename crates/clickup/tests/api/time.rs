//! The running timer: start, read, stop, edit.

use clickup::models::{StartTimer, UpdateTimeEntry};

use crate::helpers::*;

#[tokio::test]
async fn a_timer_is_started_read_stopped_and_edited() {
    let sandbox = spawn_sandbox().await;
    let client = sandbox.client();
    let alice = sandbox.token(ALICE);
    let acme = team(ACME);
    assert_eq!(
        client.get_current_timer(&alice, &acme, None).await.unwrap(),
        None,
        "no timer runs at start"
    );
    let started = client
        .start_timer(
            &alice,
            &acme,
            &StartTimer {
                task: Some(task("86aa0001")),
                description: Some("CI work".into()),
                billable: Some(true),
                ..StartTimer::default()
            },
        )
        .await
        .unwrap();
    assert!(started.is_running(), "{started:?}");
    assert_eq!(
        started.task.as_ref().map(|t| t.id.as_str()),
        Some("86aa0001")
    );

    let current = client
        .get_current_timer(&alice, &acme, None)
        .await
        .unwrap()
        .expect("the timer runs");
    assert_eq!(current.id, started.id);

    let stopped = client.stop_timer(&alice, &acme).await.unwrap();
    assert_eq!(stopped.id, started.id);
    assert!(!stopped.is_running());

    client
        .update_time_entry(
            &alice,
            &acme,
            &stopped.id,
            &UpdateTimeEntry {
                description: Some("CI pipeline work".into()),
                // ClickUp documents the entry's task as required.
                tid: stopped.task.as_ref().map(|t| t.id.clone()),
                ..UpdateTimeEntry::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        client.get_current_timer(&alice, &acme, None).await.unwrap(),
        None
    );
}

#[tokio::test]
async fn stopping_when_no_timer_runs_is_an_invalid_argument() {
    let sandbox = spawn_sandbox().await;
    let err = sandbox
        .client()
        .stop_timer(&sandbox.token(ALICE), &team(ACME))
        .await
        .unwrap_err();
    assert!(err.is_invalid_argument(), "{err:?}");
}

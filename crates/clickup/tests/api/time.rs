//! The running timer: start, read, stop, edit.

use clickup::TimeEntryId;
use clickup::models::{StartTimer, UpdateTimeEntry};
use secrecy::ExposeSecret;
use serde_json::Value;

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

#[tokio::test]
async fn one_entry_is_read_from_clickups_array_of_one_with_string_times() {
    let sandbox = spawn_sandbox().await;
    let alice = sandbox.token(ALICE);
    // Alice's seeded entry: 2 h on 86aa0001, billable, tag `dev`.
    let id = "4000000000000000001";
    let raw: Value = sandbox
        .http
        .get(format!(
            "{}/api/v2/team/{ACME}/time_entries/{id}",
            sandbox.base
        ))
        .header("Authorization", alice.expose_secret())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let data = raw["data"]
        .as_array()
        .expect("ClickUp answers `data: [entry]`");
    assert_eq!(data.len(), 1, "{raw}");
    for key in ["start", "end", "duration", "at"] {
        assert!(data[0][key].is_string(), "{key} is a ms string: {raw}");
    }

    let entry = sandbox
        .client()
        .get_time_entry(&alice, &team(ACME), &TimeEntryId::new(id).unwrap())
        .await
        .unwrap()
        .expect("the entry");
    assert_eq!(entry.id.as_str(), id);
    assert!(!entry.is_running());
    assert!(entry.billable);
    assert_eq!(entry.duration, Some(2 * 3_600_000));
    let (start, end) = (entry.start.unwrap(), entry.end.unwrap());
    assert_eq!(end.millis() - start.millis(), 2 * 3_600_000);
    assert_eq!(entry.task.as_ref().map(|t| t.id.as_str()), Some("86aa0001"));
    assert_eq!(entry.user.as_ref().map(|u| u.id), Some(ALICE));
    assert_eq!(
        entry
            .tags
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>(),
        ["dev"]
    );
    assert!(entry.extra.contains_key("task_location"), "{entry:?}");
}

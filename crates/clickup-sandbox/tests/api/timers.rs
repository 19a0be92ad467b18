//! Timers: start, current, stop, update; one running timer per user and workspace.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{ACME, ALICE, BETA, BOB, DAVE, assert_clickup_error, spawn_sandbox};

#[tokio::test]
async fn a_timer_starts_runs_with_a_negative_duration_and_stops() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let current = format!("/v2/team/{ACME}/time_entries/current");
    let (status, none) = sandbox.get_json(&current, &token).await;
    assert_eq!((status, none), (StatusCode::OK, json!({"data": null})));

    let (status, started) = sandbox
        .post_json(
            &format!("/v2/team/{ACME}/time_entries/start"),
            &token,
            json!({"tid": "86aa0005", "description": "limits", "billable": true, "tags": [{"name": "dev"}]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{started}");
    let id = started["data"]["id"].as_str().unwrap().to_owned();
    assert_eq!(started["data"]["task"]["id"], "86aa0005");
    assert_eq!(started["data"]["wid"], ACME);
    assert!(started["data"]["duration"].as_i64().unwrap() < 0, "running");
    assert!(started["data"].get("end").is_none());

    sandbox.control("/clock", json!({"advance_secs": 90})).await;
    let (_, running) = sandbox.get_json(&current, &token).await;
    assert_eq!(running["data"]["id"], id);
    assert!(running["data"]["duration"].as_i64().unwrap() <= -90_000);
    let (_, bob) = sandbox
        .get_json(&current, &sandbox.personal_token(BOB))
        .await;
    assert_eq!(bob["data"], Value::Null, "timers are per user");

    let (status, stopped) = sandbox
        .post_json(
            &format!("/v2/team/{ACME}/time_entries/stop"),
            &token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(stopped["data"]["id"], id);
    assert!(stopped["data"]["duration"].as_i64().unwrap() >= 90_000);
    assert!(stopped["data"]["end"].is_i64());
    let (_, none) = sandbox.get_json(&current, &token).await;
    assert_eq!(none["data"], Value::Null);
    let (status, error) = sandbox
        .post_json(
            &format!("/v2/team/{ACME}/time_entries/stop"),
            &token,
            json!({}),
        )
        .await;
    assert_clickup_error(status, &error, 400, "TIMEENTRY_001", "nothing running");
}

#[tokio::test]
async fn starting_a_timer_replaces_the_running_one_and_updates_stick() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let start = format!("/v2/team/{ACME}/time_entries/start");
    let (_, first) = sandbox
        .post_json(&start, &token, json!({"tid": "86aa0001"}))
        .await;
    let (_, second) = sandbox
        .post_json(
            &format!("{start}?custom_task_ids=true&team_id={ACME}"),
            &token,
            json!({"tid": "ENG-6"}),
        )
        .await;
    assert_eq!(second["data"]["task"]["id"], "86aa0006", "tid by custom id");
    let first_id = first["data"]["id"].as_str().unwrap();
    let (_, old) = sandbox
        .get_json(&format!("/v2/team/{ACME}/time_entries/{first_id}"), &token)
        .await;
    assert!(
        old["data"][0]["end"].is_string(),
        "the first one was stopped (the single-entry GET answers `data: [entry]`, times as strings)"
    );

    let second_id = second["data"]["id"].as_str().unwrap();
    let (status, body) = sandbox
        .put_json(
            &format!("/v2/team/{ACME}/time_entries/{second_id}"),
            &token,
            json!({"description": "guide", "billable": true, "tags": [{"name": "docs"}], "tid": "86aa0006"}),
        )
        .await;
    assert_eq!((status, body), (StatusCode::OK, json!({})));
    let (_, current) = sandbox
        .get_json(&format!("/v2/team/{ACME}/time_entries/current"), &token)
        .await;
    assert_eq!(current["data"]["description"], "guide");
    assert_eq!(current["data"]["billable"], true);
    assert_eq!(current["data"]["tags"], json!([{"name": "docs"}]));

    let (status, error) = sandbox
        .put_json(
            &format!("/v2/team/{ACME}/time_entries/4000000000000000002"),
            &token,
            json!({"description": "not mine"}),
        )
        .await;
    assert_clickup_error(status, &error, 404, "TIMEENTRY_004", "Bob's entry");
}

#[tokio::test]
async fn timers_respect_workspaces_and_plans() {
    let sandbox = spawn_sandbox().await;
    let dave = sandbox.personal_token(DAVE);
    let (status, error) = sandbox
        .post_json(
            &format!("/v2/team/{ACME}/time_entries/start"),
            &dave,
            json!({}),
        )
        .await;
    assert_clickup_error(status, &error, 401, "OAUTH_023", "team not granted");
    let (status, error) = sandbox
        .post_json(
            &format!("/v2/team/{BETA}/time_entries/start"),
            &dave,
            json!({"tid": "86aa0001"}),
        )
        .await;
    assert_clickup_error(
        status,
        &error,
        401,
        "OAUTH_027",
        "task of another workspace",
    );
    let (status, error) = sandbox
        .post_json(
            &format!("/v2/team/{BETA}/time_entries/start"),
            &dave,
            json!({"tid": "86bb0001", "tags": [{"name": "x"}]}),
        )
        .await;
    assert_clickup_error(
        status,
        &error,
        400,
        "TIMEENTRY_052",
        "tags need a paid plan",
    );
    let (status, _) = sandbox
        .post_json(
            &format!("/v2/team/{BETA}/time_entries/start"),
            &dave,
            json!({"tid": "86bb0001"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, acme) = sandbox
        .get_json(
            &format!("/v2/team/{ACME}/time_entries/current"),
            &sandbox.personal_token(ALICE),
        )
        .await;
    assert_eq!(acme["data"], Value::Null);
}

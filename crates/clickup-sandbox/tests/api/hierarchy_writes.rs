//! Creating and changing spaces, folders and lists.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{ACME, ALICE, BOB, DAVE, assert_clickup_error, spawn_sandbox};

#[tokio::test]
async fn a_space_is_created_with_default_statuses_and_the_features_it_was_given() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, space) = sandbox
        .post_json(
            &format!("/v2/team/{ACME}/space"),
            &token,
            json!({"name": "Ops", "multiple_assignees": false,
                   "features": {"time_tracking": {"enabled": false}}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{space}");
    let id = space["id"].as_str().unwrap().to_owned();
    let (_, read) = sandbox.get_json(&format!("/v2/space/{id}"), &token).await;
    assert_eq!(read, space);
    assert_eq!(read["name"], "Ops");
    assert_eq!(read["multiple_assignees"], false);
    assert_eq!(read["features"]["multiple_assignees"]["enabled"], false);
    assert_eq!(read["features"]["time_tracking"]["enabled"], false);
    assert_eq!(
        read["features"]["tags"]["enabled"], true,
        "defaults elsewhere"
    );
    assert_eq!(read["statuses"][0]["status"], "to do");
    let (_, spaces) = sandbox
        .get_json(&format!("/v2/team/{ACME}/space"), &token)
        .await;
    assert_eq!(spaces["spaces"].as_array().unwrap().len(), 3);

    let (status, error) = sandbox
        .post_json(
            &format!("/v2/team/{ACME}/space"),
            &sandbox.personal_token(DAVE),
            json!({"name": "x"}),
        )
        .await;
    assert_clickup_error(status, &error, 401, "OAUTH_023", "team not granted");
    let (status, error) = sandbox
        .post_json(&format!("/v2/team/{ACME}/space"), &token, json!({}))
        .await;
    assert_clickup_error(status, &error, 400, "INPUT_005", "no name");
}

#[tokio::test]
async fn a_space_put_overwrites_what_the_body_carries_feature_by_feature() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, space) = sandbox
        .put_json(
            "/v2/space/90011002",
            &token,
            json!({"name": "Growth", "color": "#000000",
                   "features": {"due_dates": {"enabled": true}}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, read) = sandbox.get_json("/v2/space/90011002", &token).await;
    assert_eq!(read, space);
    assert_eq!(read["name"], "Growth");
    assert_eq!(read["color"], "#000000");
    assert_eq!(
        read["features"]["due_dates"],
        json!({"enabled": true}),
        "the feature is replaced whole"
    );
    assert_eq!(
        read["multiple_assignees"], true,
        "absent fields keep their value"
    );
    assert_eq!(read["statuses"][0]["status"], "idea");
}

#[tokio::test]
async fn folders_are_created_and_renamed() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, folder) = sandbox
        .post_json(
            "/v2/space/90011001/folder",
            &token,
            json!({"name": "Platform"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let id = folder["id"].as_str().unwrap().to_owned();
    assert_eq!(folder["space"]["id"], "90011001");
    assert_eq!(folder["lists"], json!([]));
    let (status, renamed) = sandbox
        .put_json(
            &format!("/v2/folder/{id}"),
            &token,
            json!({"name": "Platform team"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(renamed["name"], "Platform team");
    let (_, read) = sandbox.get_json(&format!("/v2/folder/{id}"), &token).await;
    assert_eq!(read, renamed);
    let (status, error) = sandbox
        .put_json("/v2/folder/90121001", &token, json!({"name": ""}))
        .await;
    assert_clickup_error(status, &error, 400, "INPUT_005", "empty name");
}

#[tokio::test]
async fn lists_are_created_in_folders_or_folderless_and_updated_in_place() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, list) = sandbox
        .post_json(
            "/v2/folder/90111001/list",
            &token,
            json!({"name": "Sprint 13", "markdown_content": "Next **sprint**", "due_date": 1_737_000_000_000i64,
                   "due_date_time": true, "priority": 1, "assignee": BOB, "status": "#ff0000"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let id = list["id"].as_str().unwrap().to_owned();
    assert_eq!(list["folder"]["id"], "90111001");
    assert_eq!(list["content"], "Next **sprint**");
    assert_eq!(list["due_date"], "1737000000000");
    assert_eq!(list["due_date_time"], true);
    assert_eq!(list["priority"]["priority"], "urgent");
    assert_eq!(list["assignee"]["id"], BOB);
    assert_eq!(list["status"]["color"], "#ff0000");
    assert_eq!(
        list["statuses"][0]["status"], "to do",
        "the space's statuses"
    );

    let (status, updated) = sandbox
        .put_json(
            &format!("/v2/list/{id}"),
            &token,
            json!({"name": "Sprint 13 (Feb)", "priority": null, "unset_status": true,
                   "folder_id": "90111002", "assignee": null}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, read) = sandbox.get_json(&format!("/v2/list/{id}"), &token).await;
    assert_eq!(read, updated);
    assert_eq!(read["name"], "Sprint 13 (Feb)");
    assert_eq!(read["priority"], Value::Null);
    assert_eq!(
        read["status"],
        Value::Null,
        "unset_status removes the colour"
    );
    assert_eq!(read["assignee"], Value::Null);
    assert_eq!(
        read["folder"]["id"], "90111001",
        "folder_id is ignored: lists cannot move"
    );
    assert_eq!(read["due_date"], "1737000000000", "absent fields keep");

    let (status, folderless) = sandbox
        .post_json("/v2/space/90011001/list", &token, json!({"name": "Ideas"}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(folderless["folder"]["hidden"], true);
    let (_, lists) = sandbox.get_json("/v2/space/90011001/list", &token).await;
    assert_eq!(lists["lists"].as_array().unwrap().len(), 2);

    let (status, task) = sandbox
        .post_json(
            &format!("/v2/list/{id}/task"),
            &token,
            json!({"name": "First"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "tasks go into new lists");
    assert_eq!(task["status"]["status"], "to do");

    let (status, error) = sandbox
        .put_json(&format!("/v2/list/{id}"), &token, json!({"priority": 9}))
        .await;
    assert_clickup_error(status, &error, 400, "INPUT_007", "priority out of range");
    let (status, error) = sandbox
        .post_json(
            "/v2/folder/90111001/list",
            &sandbox.personal_token(DAVE),
            json!({"name": "x"}),
        )
        .await;
    assert_clickup_error(
        status,
        &error,
        401,
        "OAUTH_027",
        "folder of another workspace",
    );
}

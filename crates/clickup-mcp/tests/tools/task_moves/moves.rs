//! `clickup_task_move`: the v3 move, statuses kept or mapped, subtasks along.

use serde_json::json;

use crate::task_moves::mcp::Session;

const MOVE: &str = "clickup_task_move";

#[tokio::test]
async fn a_task_moves_in_place_by_custom_id_with_its_status_mapped_by_id() {
    let s = Session::all().await;

    let (answer, calls) = s
        .traced(
            MOVE,
            json!({"task": "ENG-8", "list": "901101001",
                   "status_mappings": [{"from": "Closed", "to": "complete"}]}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["task"]["id"], "86aa0008", "same id: {out}");
    assert_eq!(out["task"]["list"]["id"], "901101001");
    assert_eq!(out["task"]["status"], "complete");
    assert_eq!(out["from_list"]["name"], "Bugs");
    assert_eq!(
        (out["verified"].clone(), out["not_applied"].clone()),
        (json!(true), json!([]))
    );
    assert_eq!(
        calls,
        [
            "GET /v2/list/901101001",
            "GET /v2/task/ENG-8?custom_task_ids=true&team_id=9000001&include_subtasks=true",
            "PUT /v3/workspaces/9000001/tasks/86aa0008/home_list/901101001",
            "GET /v2/task/86aa0008",
        ]
    );
    let task = s.task("86aa0008").await;
    assert_eq!(task["list"]["name"], "Sprint 12");
    assert_eq!(task["status"]["status"], "complete");
    assert_eq!(task["custom_id"], "ENG-8", "nothing was copied");
}

#[tokio::test]
async fn a_status_the_new_list_lacks_without_a_mapping_is_refused_listing_its_statuses() {
    let s = Session::all().await;

    let (answer, calls) = s
        .traced(MOVE, json!({"task": "86aa0007", "list": "901101003"}))
        .await;

    assert_eq!(answer.code(), "invalid_argument");
    assert!(
        answer.message().contains("to do, in progress, complete")
            && answer.message().contains("status_mappings"),
        "{}",
        answer.message()
    );
    assert!(calls.iter().all(|c| !c.starts_with("PUT")), "{calls:?}");
    assert_eq!(s.task("86aa0007").await["list"]["id"], "901101002");

    let bad_target = s
        .call(
            MOVE,
            json!({"task": "86aa0007", "list": "901101003",
                   "status_mappings": [{"from": "fixing", "to": "shipped"}]}),
        )
        .await;
    assert_eq!(bad_target.code(), "invalid_argument");
    assert!(bad_target.message().contains("status_mappings[0].to"));
}

#[tokio::test]
async fn subtasks_move_with_their_parent_and_keep_statuses_the_new_list_has() {
    let s = Session::all().await;

    let answer = s
        .call(
            MOVE,
            json!({"task": "86aa0001", "list": "Engineering/Frontend/UI Polish"}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["task"]["list"]["name"], "UI Polish");
    assert_eq!(out["task"]["status"], "in progress");
    for sub in ["86aa0002", "86aa0003", "86aa0004"] {
        assert_eq!(s.task(sub).await["list"]["id"], "901101003", "{sub}");
    }
    assert_eq!(s.task("86aa0002").await["status"]["status"], "complete");
}

#[tokio::test]
async fn custom_fields_named_to_move_come_along_with_their_values() {
    let s = Session::all().await;

    let answer = s
        .call(
            MOVE,
            json!({"task": "ENG-7", "list": "901101001",
                   "status_mappings": [{"from": "fixing", "to": "in progress"}],
                   "custom_fields_to_move": ["found in version"]}),
        )
        .await;

    assert_eq!(answer.ok()["task"]["status"], "in progress");
    let task = s.task("86aa0007").await;
    let found = task["custom_fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "Found in version")
        .unwrap();
    assert_eq!(found["value"], "2.3.1");
    assert_eq!(
        s.task("86aa0007").await["locations"],
        json!([]),
        "its new home list is no longer an extra list"
    );

    let unknown = s
        .call(
            MOVE,
            json!({"task": "86aa0005", "list": "901101002", "custom_fields_to_move": ["Colour"],
                   "status_mappings": [{"from": "review", "to": "verifying"}]}),
        )
        .await;
    assert_eq!(unknown.code(), "invalid_argument");
    assert!(
        unknown.message().contains("Severity"),
        "{}",
        unknown.message()
    );
}

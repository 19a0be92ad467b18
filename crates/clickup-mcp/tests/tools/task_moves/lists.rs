//! `clickup_list_task_add`, `clickup_list_task_remove`: a task in lists besides its home list.

use serde_json::json;

use crate::task_moves::mcp::{Session, strings};

const ADD: &str = "clickup_list_task_add";
const REMOVE: &str = "clickup_list_task_remove";

#[tokio::test]
async fn a_task_is_placed_in_a_second_list_and_taken_out_again() {
    let s = Session::all().await;

    let (added, calls) = s
        .traced(ADD, json!({"list": "901101003", "task": "86aa0008"}))
        .await;
    let out = added.ok();
    assert_eq!(out["list"]["name"], "UI Polish");
    assert_eq!(out["home_list"]["name"], "Bugs");
    assert_eq!(strings(&out["other_lists"], "id"), ["901101003"]);
    assert_eq!(out["verified"], true);
    assert_eq!(
        calls,
        [
            "GET /v2/task/86aa0008",
            "POST /v2/list/901101003/task/86aa0008",
            "GET /v2/task/86aa0008",
        ]
    );
    let listed = s
        .clickup_get("/v2/list/901101003/task?include_timl=true&include_closed=true")
        .await;
    assert!(
        strings(&listed["tasks"], "id").contains(&"86aa0008".to_owned()),
        "{listed}"
    );
    let home_only = s
        .clickup_get("/v2/list/901101003/task?include_closed=true")
        .await;
    assert!(!strings(&home_only["tasks"], "id").contains(&"86aa0008".to_owned()));

    let (removed, calls) = s
        .traced(REMOVE, json!({"list": "901101003", "task": "86aa0008"}))
        .await;
    let out = removed.ok();
    assert_eq!(
        (out["ok"].clone(), out["list"]["id"].clone()),
        (json!(true), json!("901101003"))
    );
    assert_eq!(out["other_lists"], json!([]));
    assert_eq!(
        calls,
        [
            "GET /v2/task/86aa0008",
            "DELETE /v2/list/901101003/task/86aa0008"
        ]
    );
    assert_eq!(s.task("86aa0008").await["locations"], json!([]));
}

#[tokio::test]
async fn the_seeded_extra_list_shows_and_a_home_list_cannot_be_left() {
    let s = Session::all().await;
    let task = s.task("86aa0007").await;
    assert_eq!(strings(&task["locations"], "name"), ["Sprint 12"]);

    let (home, calls) = s
        .traced(REMOVE, json!({"list": "901101002", "task": "86aa0007"}))
        .await;
    assert_eq!(home.code(), "invalid_argument");
    assert!(
        home.message().contains("clickup_task_move"),
        "{}",
        home.message()
    );
    assert!(calls.iter().all(|c| !c.starts_with("DELETE")), "{calls:?}");

    let partial = s
        .call(REMOVE, json!({"list": "901101001", "task": "Login fails"}))
        .await;
    assert_eq!(
        partial.code(),
        "not_found",
        "a part of a name is not enough to remove"
    );
}

#[tokio::test]
async fn without_the_multiple_lists_clickapp_the_error_says_what_is_needed() {
    let s = Session::all().await;

    let answer = s
        .call(
            ADD,
            json!({"list": "901201001", "task": "86bb0004", "workspace_id": "9000002"}),
        )
        .await;

    assert_eq!(answer.code(), "invalid_argument");
    assert!(
        answer.text.contains("Tasks in Multiple Lists"),
        "{}",
        answer.text
    );
    assert_eq!(s.task("86bb0004").await["locations"], json!([]));
}

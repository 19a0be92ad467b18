//! `clickup_task_duplicate`, `clickup_task_merge`, `clickup_task_bulk_move`,
//! `clickup_task_bulk_delete`.

use serde_json::json;

use crate::task_moves::mcp::{Session, strings};

#[tokio::test]
async fn a_task_is_copied_with_its_subtasks_and_checklists_and_says_what_is_never_copied() {
    let s = Session::all().await;

    let (answer, calls) = s
        .traced(
            "clickup_task_duplicate",
            json!({"task": "86aa0001", "list": "901101003", "include": ["subtasks", "checklists"]}),
        )
        .await;

    let out = answer.ok();
    let copy = out["task"]["id"].as_str().unwrap();
    assert_ne!(copy, "86aa0001");
    assert_eq!(out["task"]["name"], "Set up CI pipeline");
    assert_eq!(out["task"]["list"]["id"], "901101003");
    assert_eq!(out["task"]["status"], "in progress");
    assert_eq!(
        (
            out["subtasks_copied"].clone(),
            out["checklists_copied"].clone()
        ),
        (json!(3), json!(2))
    );
    assert!(
        out["never_copied"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("comments, attachments and time entries")
    );
    assert_eq!(out["verified"], true);
    let creates = calls
        .iter()
        .filter(|c| *c == "POST /v2/list/901101003/task")
        .count();
    assert_eq!(creates, 4, "the task and three subtasks: {calls:?}");
    assert!(
        calls.contains(&format!("POST /v2/task/{copy}/checklist")),
        "{calls:?}"
    );
    let made = s.task(copy).await;
    assert_eq!(
        strings(&made["checklists"], "name"),
        ["Release steps", "Review"]
    );
    assert_eq!(strings(&made["tags"], "name"), ["ci", "backend"]);
    let severity = |task: &serde_json::Value| {
        task["custom_fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "Severity")
            .map(|f| f["value"].clone())
    };
    let original = s.task("86aa0001").await;
    assert_eq!(original["list"]["id"], "901101001", "the source stays");
    assert_eq!(
        severity(&made),
        severity(&original),
        "custom-field values are copied"
    );
    assert_eq!(severity(&made), Some(json!(2)));
}

#[tokio::test]
async fn what_the_target_list_cannot_hold_is_left_out_and_named() {
    let s = Session::all().await;

    let answer = s
        .call(
            "clickup_task_duplicate",
            json!({"task": "ENG-7", "list": "901101005", "name": "Login bug (copy)"}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["task"]["name"], "Login bug (copy)");
    assert_eq!(out["task"]["status"], "idea", "the list's first status");
    assert_eq!(
        out["not_copied"],
        json!([
            "status `fixing`",
            "tag `bug`",
            "custom field `Severity`",
            "custom field `Found in version`"
        ])
    );
}

#[tokio::test]
async fn sources_are_merged_into_a_target_and_then_answer_as_deleted() {
    let s = Session::all_premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_task_merge",
            json!({"task": "86aa0007", "sources": ["ENG-8"]}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["task"]["id"], "86aa0007");
    assert_eq!(
        out["merged"],
        json!([{"id": "86aa0008", "name": "Typo on the pricing page"}])
    );
    assert_eq!(
        calls,
        [
            "GET /v2/task/86aa0007",
            "GET /v2/task/ENG-8?custom_task_ids=true&team_id=9000001",
            "POST /v2/task/86aa0007/merge",
            "GET /v2/task/86aa0007",
        ]
    );
    let gone = s
        .call("clickup_task_get", json!({"task": "86aa0008"}))
        .await;
    assert_eq!(gone.code(), "not_found");

    let itself = s
        .call(
            "clickup_task_merge",
            json!({"task": "86aa0007", "sources": ["86aa0007"]}),
        )
        .await;
    assert_eq!(itself.code(), "invalid_argument");
}

#[tokio::test]
async fn merge_and_the_bulk_forms_are_premium() {
    let s = Session::all().await;
    for (tool, args) in [
        (
            "clickup_task_merge",
            json!({"task": "86aa0007", "sources": ["86aa0008"]}),
        ),
        ("clickup_task_bulk_delete", json!({"tasks": ["86aa0008"]})),
        (
            "clickup_task_bulk_move",
            json!({"tasks": ["86aa0008"], "list": "901101001"}),
        ),
    ] {
        assert_eq!(
            s.call(tool, args).await.code(),
            "premium_required",
            "{tool}"
        );
    }
}

#[tokio::test]
async fn bulk_move_moves_each_task_and_reports_each_one() {
    let s = Session::all_premium().await;

    let answer = s
        .call(
            "clickup_task_bulk_move",
            json!({"tasks": ["86aa0005", "ENG-6", "86aa0007"], "list": "901101003"}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(
        (out["succeeded"].clone(), out["failed"].clone()),
        (json!(1), json!(2)),
        "{out}"
    );
    assert_eq!(out["results"][1]["id"], "86aa0006");
    assert_eq!(out["results"][1]["name"], "Write the migration guide");
    assert_eq!(
        out["results"][0]["error"]["code"], "invalid_argument",
        "review is not in UI Polish"
    );
    assert_eq!(s.task("86aa0006").await["list"]["id"], "901101003");
    assert_eq!(s.task("86aa0005").await["list"]["id"], "901101001");
}

#[tokio::test]
async fn bulk_delete_deletes_whole_names_only_and_names_what_went() {
    let s = Session::all_premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_task_bulk_delete",
            json!({"tasks": ["86aa0008", "ENG-6", "Rate-limit"]}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(
        (
            out["succeeded"].clone(),
            out["failed"].clone(),
            out["not_attempted"].clone()
        ),
        (json!(2), json!(1), json!(0))
    );
    assert_eq!(out["results"][0]["name"], "Typo on the pricing page");
    assert_eq!(out["results"][1]["custom_id"], "ENG-6");
    assert_eq!(
        out["results"][2]["error"]["code"], "not_found",
        "a part of a name"
    );
    assert!(
        calls.contains(&"DELETE /v2/task/86aa0008".to_owned()),
        "{calls:?}"
    );
    assert_eq!(
        s.call("clickup_task_get", json!({"task": "86aa0006"}))
            .await
            .code(),
        "not_found"
    );
    let too_many: Vec<String> = (0..101).map(|i| format!("86aa{i:04}")).collect();
    let refused = s
        .call("clickup_task_bulk_delete", json!({"tasks": too_many}))
        .await;
    assert_eq!(refused.code(), "invalid_argument");
}

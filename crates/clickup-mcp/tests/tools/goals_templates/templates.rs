//! `clickup_template_list`, `clickup_template_apply`.

use serde_json::json;

use crate::goals_templates::mcp::{premium, strings};

#[tokio::test]
async fn task_templates_are_read_page_by_page_until_an_empty_one() {
    let s = premium().await;

    let (answer, calls) = s.traced("clickup_template_list", json!({})).await;

    let page = answer.ok();
    assert_eq!(
        strings(&page["items"], "name"),
        ["Bug report", "Release checklist"]
    );
    assert_eq!(strings(&page["items"], "id"), ["t-90001001", "t-90001002"]);
    assert_eq!(
        calls,
        [
            "GET /v2/team/9000001/taskTemplate?page=0",
            "GET /v2/team/9000001/taskTemplate?page=1",
        ]
    );
}

#[tokio::test]
async fn a_task_template_makes_the_task_and_its_subtasks_in_the_list() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_template_apply",
            json!({"kind": "task", "template_id": "t-90001001", "name": "Login crash", "list": "901101002"}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["verified"], true);
    assert_eq!(out["not_applied"], json!([]));
    assert_eq!(out["created"]["kind"], "task");
    assert_eq!(out["created"]["name"], "Login crash");
    let id = out["created"]["id"].as_str().unwrap();
    assert_eq!(
        calls,
        [
            "POST /v2/list/901101002/taskTemplate/t-90001001".to_owned(),
            format!("GET /v2/task/{id}?include_markdown_description=true"),
        ]
    );
    let task = s
        .clickup_get(&format!("/v2/task/{id}?include_subtasks=true"))
        .await;
    assert_eq!(task["priority"]["priority"], "high");
    assert_eq!(
        strings(&task["subtasks"], "name"),
        ["Reproduce", "Fix", "Verify"]
    );
}

#[tokio::test]
async fn list_and_folder_templates_make_lists_with_tasks() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_template_apply",
            json!({
                "kind": "list", "template_id": "t-90002001", "name": "Sprint 13",
                "folder": "90111001", "options": {"content": "Next sprint.", "return_immediately": false},
            }),
        )
        .await;
    let out = answer.ok();
    let list = out["created"]["id"].as_str().unwrap();
    assert_eq!(
        calls,
        [
            "POST /v2/folder/90111001/list_template/t-90002001".to_owned(),
            format!("GET /v2/list/{list}"),
        ]
    );
    let tasks = s.clickup_get(&format!("/v2/list/{list}/task")).await;
    assert_eq!(
        strings(&tasks["tasks"], "name"),
        ["Sprint planning", "Sprint review", "Retrospective"]
    );
    assert_eq!(
        s.clickup_get(&format!("/v2/list/{list}")).await["content"],
        "Next sprint."
    );

    let (answer, calls) = s
        .traced(
            "clickup_template_apply",
            json!({"kind": "folder", "template_id": "t-90003001", "name": "Q1", "space": "90011001"}),
        )
        .await;
    let folder = answer.ok()["created"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        calls,
        [
            "POST /v2/space/90011001/folder_template/t-90003001".to_owned(),
            format!("GET /v2/folder/{folder}"),
        ]
    );
    let stored = s.clickup_get(&format!("/v2/folder/{folder}")).await;
    assert_eq!(strings(&stored["lists"], "name"), ["Planning", "Delivery"]);
}

#[tokio::test]
async fn a_wrong_target_or_option_is_refused_before_any_request_and_a_wrong_kind_is_not_found() {
    let s = premium().await;

    let (wrong_target, calls) = s
        .traced(
            "clickup_template_apply",
            json!({"kind": "folder", "template_id": "t-90003001", "name": "Q1", "list": "901101002"}),
        )
        .await;
    assert_eq!(wrong_target.code(), "invalid_argument");
    let (bad_option, _) = s
        .traced(
            "clickup_template_apply",
            json!({"kind": "list", "template_id": "t-90002001", "name": "x", "space": "90011001", "options": {"colour": 1}}),
        )
        .await;
    assert_eq!(bad_option.code(), "invalid_argument");
    assert!(calls.is_empty(), "{calls:?}");

    let wrong_kind = s
        .call(
            "clickup_template_apply",
            json!({"kind": "task", "template_id": "t-90002001", "name": "x", "list": "901101002"}),
        )
        .await;
    assert_eq!(wrong_kind.code(), "not_found");
}

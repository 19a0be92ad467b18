//! Task writes: create, update, delete, with ClickUp's rules; re-reads reflect every write.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{
    ACME, ALICE, BETA, BOB, CAROL, DAVE, assert_clickup_error, spawn_sandbox, task_ids,
};

const SPRINT: &str = "901101001";
const BUGS: &str = "901101002";

#[tokio::test]
async fn a_created_task_reads_back_as_it_was_written() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, created) = sandbox
        .post_json(
            &format!("/v2/list/{SPRINT}/task"),
            &token,
            json!({
                "name": "Ship the sandbox",
                "markdown_content": "Make it **real**.",
                "description": "ignored when markdown_content is there",
                "status": "In Progress",
                "priority": 2,
                "assignees": [BOB, CAROL, 81000004u64],
                "tags": ["Release", "ci"],
                "due_date": 1_736_000_000_000i64,
                "due_date_time": true,
                "start_date": 1_735_900_000_000i64,
                "time_estimate": 5_400_000,
                "points": 2.5,
                "custom_item_id": 1300,
                "notify_all": false,
                "custom_fields": [{"id": "5f1b0000-0000-4000-8000-000000000002", "value": "Globex"}],
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("86cc"), "a counter-made id: {id}");
    assert_eq!(
        created["custom_id"], "ENG-343",
        "after ENG-342, the Backlog's last"
    );

    let (status, task) = sandbox
        .get_json(
            &format!("/v2/task/{id}?include_markdown_description=true"),
            &token,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(task["name"], "Ship the sandbox");
    assert_eq!(task["markdown_description"], "Make it **real**.");
    assert_eq!(
        task["status"]["status"], "in progress",
        "the list's spelling"
    );
    assert_eq!(task["priority"]["id"], "2");
    let assignees: Vec<u64> = task["assignees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_u64().unwrap())
        .collect();
    assert_eq!(assignees, vec![BOB, CAROL], "Dave is not in Acme: ignored");
    let tags: Vec<&str> = task["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(tags, vec!["release", "ci"], "tag names are lower case");
    assert_eq!(task["due_date"], "1736000000000");
    assert_eq!(task["start_date"], "1735900000000");
    assert_eq!(task["time_estimate"], 5_400_000);
    assert_eq!(task["points"], 2.5);
    assert_eq!(task["custom_item_id"], 1300);
    assert_eq!(task["creator"]["id"], ALICE);
    assert_eq!(task["list"]["id"], SPRINT);
    let customer = task["custom_fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "Customer")
        .unwrap();
    assert_eq!(customer["value"], "Globex");

    let (_, space_tags) = sandbox.get_json("/v2/space/90011001/tag", &token).await;
    assert!(
        space_tags["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == "release"),
        "a new tag on create joins the space: {space_tags}"
    );
    let (_, list) = sandbox
        .get_json(&format!("/v2/list/{SPRINT}"), &token)
        .await;
    assert_eq!(list["task_count"], 7);
}

#[tokio::test]
async fn create_refuses_what_clickup_refuses() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let cases = [
        (
            SPRINT,
            json!({"name": "x", "status": "doing"}),
            400,
            "ITEM_114",
            "unknown status",
        ),
        (
            SPRINT,
            json!({"name": "x", "parent": "86aa0007"}),
            400,
            "ITEM_137",
            "parent in another list",
        ),
        (
            SPRINT,
            json!({"name": "x", "parent": "86aa0009"}),
            400,
            "ITEM_137",
            "deleted parent",
        ),
        (
            SPRINT,
            json!({"name": "x", "custom_item_id": 4242}),
            400,
            "ITEM_246",
            "unknown task type",
        ),
        (
            SPRINT,
            json!({"status": "to do"}),
            400,
            "INPUT_005",
            "no name",
        ),
        (
            SPRINT,
            json!({"name": "x", "priority": 7}),
            400,
            "INPUT_007",
            "priority out of range",
        ),
        (
            SPRINT,
            json!({"name": "x", "due_date": "soon"}),
            400,
            "INPUT_002",
            "date not a number",
        ),
        (
            BUGS,
            json!({"name": "x", "check_required_custom_fields": true}),
            400,
            "FIELD_023",
            "required field missing",
        ),
        (
            SPRINT,
            json!({"name": "x", "custom_fields": [{"id": "5f1b0000-0000-4000-8000-000000000001", "value": "nope"}]}),
            400,
            "FIELD_007",
            "drop-down option unknown",
        ),
        (
            SPRINT,
            json!({"name": "x", "custom_fields": [{"id": "5f1b0000-0000-4000-8000-000000000009", "value": 0}]}),
            400,
            "FIELD_012",
            "field of another space",
        ),
        ("1", json!({"name": "x"}), 401, "OAUTH_027", "unknown list"),
    ];
    for (list, body, want_status, want_code, case) in cases {
        let (status, error) = sandbox
            .post_json(&format!("/v2/list/{list}/task"), &token, body)
            .await;
        assert_clickup_error(status, &error, want_status, want_code, case);
    }
    let (_, list) = sandbox
        .get_json(&format!("/v2/list/{SPRINT}"), &token)
        .await;
    assert_eq!(list["task_count"], 6, "nothing was created");

    let (status, ok) = sandbox
        .post_json(
            &format!("/v2/list/{BUGS}/task"),
            &token,
            json!({"name": "Crash", "check_required_custom_fields": true,
                   "custom_fields": [{"id": "5f1b0000-0000-4000-8000-000000000008", "value": "2.4.0"}]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "required field given: {ok}");
    let (status, _) = sandbox
        .post_json(
            &format!("/v2/list/{BUGS}/task"),
            &token,
            json!({"name": "Crash"}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "required fields are ignored by default"
    );
}

#[tokio::test]
async fn a_subtask_is_created_under_a_parent_of_the_same_list() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, sub) = sandbox
        .post_json(
            &format!("/v2/list/{SPRINT}/task"),
            &token,
            json!({"name": "Sub", "parent": "86aa0004", "links_to": "86aa0007"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{sub}");
    assert_eq!(sub["parent"], "86aa0004");
    assert_eq!(sub["top_level_parent"], "86aa0001");
    assert_eq!(sub["linked_tasks"][0]["link_id"], "86aa0007");
    let (_, parent) = sandbox
        .get_json("/v2/task/86aa0001?include_subtasks=true", &token)
        .await;
    assert_eq!(parent["subtasks"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn an_update_changes_exactly_what_it_carries_and_ignores_what_clickup_ignores() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (_, before) = sandbox.get_json("/v2/task/86aa0003", &token).await;
    let (status, updated) = sandbox
        .put_json(
            "/v2/task/86aa0003",
            &token,
            json!({
                "name": "Cache target/ and ~/.cargo",
                "status": "COMPLETE",
                "priority": null,
                "assignees": {"add": [ALICE, 81000004u64], "rem": [BOB]},
                "watchers": {"add": [CAROL], "rem": []},
                "tags": ["ignored"],
                "parent": null,
                "time_estimate": 7_200_000,
                "due_date": null,
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    let (_, task) = sandbox.get_json("/v2/task/86aa0003", &token).await;
    assert_eq!(task, updated, "the answer is what a re-read shows");
    assert_eq!(task["name"], "Cache target/ and ~/.cargo");
    assert_eq!(task["status"]["status"], "complete");
    assert!(task["date_closed"].is_string(), "closing sets date_closed");
    assert_eq!(task["priority"], Value::Null, "null clears the priority");
    assert_eq!(task["due_date"], Value::Null, "null clears the due date");
    assert_eq!(task["time_estimate"], 7_200_000);
    let ids = |key: &str| -> Vec<u64> {
        task[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(
        ids("assignees"),
        vec![CAROL, ALICE],
        "Bob removed, Dave is no member"
    );
    assert_eq!(ids("watchers"), vec![ALICE, CAROL]);
    assert_eq!(task["tags"], before["tags"], "PUT ignores tags");
    assert_eq!(task["parent"], "86aa0001", "parent: null cannot un-subtask");
    assert_eq!(
        task["start_date"], before["start_date"],
        "absent fields keep"
    );
    assert_ne!(task["date_updated"], before["date_updated"]);
}

#[tokio::test]
async fn an_update_re_parents_only_within_the_list() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, moved) = sandbox
        .put_json("/v2/task/86aa0004", &token, json!({"parent": "86aa0005"}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(moved["parent"], "86aa0005");
    let cases = [
        (
            "86aa0004",
            json!({"parent": "86aa0007"}),
            "ITEM_137",
            "parent in another list",
        ),
        (
            "86aa0001",
            json!({"parent": "86aa0003"}),
            "ITEM_137",
            "parent below the task",
        ),
        (
            "86aa0001",
            json!({"status": "shipped"}),
            "ITEM_114",
            "status of another list",
        ),
        ("86aa0001", json!({"name": ""}), "INPUT_005", "empty name"),
    ];
    for (task, body, code, case) in cases {
        let (status, error) = sandbox
            .put_json(&format!("/v2/task/{task}"), &token, body)
            .await;
        assert_clickup_error(status, &error, 400, code, case);
    }
}

#[tokio::test]
async fn delete_answers_204_and_takes_the_subtasks_with_it() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, body) = sandbox.delete("/v2/task/86aa0001", &token).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(body, Value::Null, "no body");
    for id in ["86aa0001", "86aa0002", "86aa0003", "86aa0004"] {
        let (status, error) = sandbox.get_json(&format!("/v2/task/{id}"), &token).await;
        assert_clickup_error(status, &error, 404, "ITEM_013", id);
    }
    let (status, error) = sandbox.delete("/v2/task/86aa0001", &token).await;
    assert_clickup_error(status, &error, 404, "ITEM_013", "deleting twice");
    let (_, list) = sandbox
        .get_json(
            &format!("/v2/list/{SPRINT}/task?subtasks=true&include_closed=true"),
            &token,
        )
        .await;
    assert_eq!(task_ids(&list), vec!["86aa0005", "86aa0006"]);
}

#[tokio::test]
async fn custom_task_ids_work_on_writes_only_with_team_id() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, task) = sandbox
        .put_json(
            &format!("/v2/task/ENG-6?custom_task_ids=true&team_id={ACME}"),
            &token,
            json!({"name": "Write the upgrade guide"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(task["id"], "86aa0006");
    let (status, error) = sandbox
        .put_json(
            "/v2/task/ENG-6?custom_task_ids=true",
            &token,
            json!({"name": "x"}),
        )
        .await;
    assert_clickup_error(status, &error, 400, "ITEM_070", "custom id without team_id");
    let (status, error) = sandbox
        .delete(
            &format!("/v2/task/ENG-6?custom_task_ids=true&team_id={BETA}"),
            &token,
        )
        .await;
    assert_clickup_error(status, &error, 401, "OAUTH_027", "custom ids off in Beta");
    let (status, _) = sandbox
        .delete(
            &format!("/v2/task/eng-6?custom_task_ids=true&team_id={ACME}"),
            &token,
        )
        .await;
    assert_eq!(
        status,
        StatusCode::NO_CONTENT,
        "custom ids are case-insensitive"
    );
}

#[tokio::test]
async fn writes_in_one_workspace_stay_invisible_to_a_token_of_another() {
    let sandbox = spawn_sandbox().await;
    let alice = sandbox.personal_token(ALICE);
    let dave = sandbox.personal_token(DAVE);
    let (_, created) = sandbox
        .post_json(
            &format!("/v2/list/{SPRINT}/task"),
            &alice,
            json!({"name": "Secret"}),
        )
        .await;
    let id = created["id"].as_str().unwrap();
    let (status, error) = sandbox.get_json(&format!("/v2/task/{id}"), &dave).await;
    assert_clickup_error(status, &error, 401, "OAUTH_027", "read from Beta");
    let (status, error) = sandbox
        .put_json(&format!("/v2/task/{id}"), &dave, json!({"name": "mine"}))
        .await;
    assert_clickup_error(status, &error, 401, "OAUTH_027", "update from Beta");
    let (status, error) = sandbox.delete(&format!("/v2/task/{id}"), &dave).await;
    assert_clickup_error(status, &error, 401, "OAUTH_027", "delete from Beta");
    let (status, error) = sandbox
        .post_json(
            &format!("/v2/list/{SPRINT}/task"),
            &dave,
            json!({"name": "x"}),
        )
        .await;
    assert_clickup_error(status, &error, 401, "OAUTH_027", "create in Acme from Beta");

    let beta_only = sandbox.oauth_token(ALICE, &[BETA]).await;
    let (status, error) = sandbox
        .get_json(&format!("/v2/task/{id}"), &beta_only)
        .await;
    assert_clickup_error(
        status,
        &error,
        401,
        "OAUTH_027",
        "Alice's token without Acme",
    );
    let (_, beta) = sandbox
        .get_json(&format!("/v2/team/{BETA}/task"), &dave)
        .await;
    assert!(!task_ids(&beta).contains(&id.to_owned()));
}

#[tokio::test]
async fn writes_are_logged_and_subject_to_faults() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    sandbox
        .control(
            "/faults",
            json!({"path_prefix": "/v2/list/901101001/task", "method": "POST", "status": 503}),
        )
        .await;
    let (status, _) = sandbox
        .post_json(
            &format!("/v2/list/{SPRINT}/task"),
            &token,
            json!({"name": "x"}),
        )
        .await;
    assert_eq!(status.as_u16(), 503);
    let (status, _) = sandbox
        .post_json(
            &format!("/v2/list/{SPRINT}/task"),
            &token,
            json!({"name": "x"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "the fault was used up");
    let log = sandbox.requests().await;
    let writes: Vec<(&str, u64)> = log
        .iter()
        .map(|r| (r["method"].as_str().unwrap(), r["status"].as_u64().unwrap()))
        .collect();
    assert_eq!(writes, vec![("POST", 503), ("POST", 200)]);
}

#[tokio::test]
async fn a_group_assignee_reads_back_with_the_group_s_name() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let design = "5e1d0000-0000-4000-8000-000000000001";
    let (status, created) = sandbox
        .post_json(
            &format!("/v2/list/{SPRINT}/task"),
            &token,
            json!({"name": "Draw the logo", "group_assignees": [design]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{created}");
    let (_, task) = sandbox
        .get_json(
            &format!("/v2/task/{}", created["id"].as_str().unwrap()),
            &token,
        )
        .await;
    let groups = task["group_assignees"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{task}");
    assert_eq!(groups[0]["id"], design);
    assert_eq!(groups[0]["name"], "Design", "the group's name, not its id");
    assert_eq!(groups[0]["initials"], "D");
}

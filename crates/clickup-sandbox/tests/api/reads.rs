//! API v2 reads: user, workspaces and the hierarchy down to tasks.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{ACME, ALICE, BETA, DAVE, assert_clickup_error, spawn_sandbox, team_ids};

fn names(items: &Value) -> Vec<String> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn get_user_answers_the_tokens_user_with_timezone_spelled_right() {
    let sandbox = spawn_sandbox().await;
    let (status, body) = sandbox
        .get_json("/v2/user", &sandbox.personal_token(ALICE))
        .await;
    assert_eq!(status, StatusCode::OK);
    let user = &body["user"];
    assert_eq!(user["id"], ALICE, "a number");
    assert_eq!(user["username"], "Alice Andersen");
    assert_eq!(user["email"], "alice@example.com");
    assert_eq!(user["initials"], "AA");
    assert_eq!(user["timezone"], "Europe/Berlin");
    assert_eq!(user["week_start_day"], 1);
    assert_eq!(user["global_font_support"], false);
    assert!(user["color"].is_string() && user["profilePicture"].is_string());
}

#[tokio::test]
async fn a_personal_token_sees_every_workspace_of_its_user_with_members() {
    let sandbox = spawn_sandbox().await;
    let (_, alice) = sandbox
        .get_json("/v2/team", &sandbox.personal_token(ALICE))
        .await;
    assert_eq!(team_ids(&alice), vec![ACME, BETA]);
    let acme = &alice["teams"][0];
    assert_eq!(acme["name"], "Acme Corp");
    let members: Vec<u64> = acme["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["user"]["id"].as_u64().unwrap())
        .collect();
    assert_eq!(members, vec![ALICE, 81_000_002, 81_000_003]);
    assert_eq!(acme["members"][0]["user"]["role"], 1, "Alice owns Acme");

    let (_, dave) = sandbox
        .get_json("/v2/team", &sandbox.personal_token(DAVE))
        .await;
    assert_eq!(
        team_ids(&dave),
        vec![BETA],
        "Dave is only in the second workspace"
    );
}

#[tokio::test]
async fn spaces_of_a_workspace_follow_the_archived_flag() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, live) = sandbox
        .get_json(&format!("/v2/team/{ACME}/space"), &token)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(names(&live["spaces"]), vec!["Engineering", "Marketing"]);
    let (_, archived) = sandbox
        .get_json(&format!("/v2/team/{ACME}/space?archived=true"), &token)
        .await;
    assert_eq!(names(&archived["spaces"]), vec!["Archive"]);
    assert_eq!(archived["spaces"][0]["archived"], true);
}

#[tokio::test]
async fn a_space_carries_its_statuses_members_and_features() {
    let sandbox = spawn_sandbox().await;
    let (status, space) = sandbox
        .get_json("/v2/space/90011002", &sandbox.personal_token(ALICE))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(space["id"], "90011002", "ids are strings");
    assert_eq!(space["name"], "Marketing");
    let statuses: Vec<(&str, &str)> = space["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["status"].as_str().unwrap(), s["type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("idea", "open"),
            ("drafting", "custom"),
            ("published", "closed")
        ]
    );
    assert_eq!(space["members"].as_array().unwrap().len(), 3);
    assert_eq!(space["features"]["time_tracking"]["enabled"], true);
}

#[tokio::test]
async fn folders_embed_their_lists_and_folderless_lists_come_apart() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (_, folders) = sandbox.get_json("/v2/space/90011001/folder", &token).await;
    assert_eq!(names(&folders["folders"]), vec!["Backend", "Frontend"]);
    let backend = &folders["folders"][0];
    assert_eq!(
        names(&backend["lists"]),
        vec!["Sprint 12", "Bugs"],
        "archived Sprint 11 left out"
    );
    assert_eq!(backend["space"]["id"], "90011001");
    assert!(
        backend["task_count"].is_string(),
        "ClickUp sends a folder's task_count as a string"
    );

    let (_, archived) = sandbox
        .get_json("/v2/space/90011001/folder?archived=true", &token)
        .await;
    assert_eq!(names(&archived["folders"]), vec!["2024 Projects"]);

    let (_, folderless) = sandbox.get_json("/v2/space/90011001/list", &token).await;
    assert_eq!(names(&folderless["lists"]), vec!["Roadmap"]);
    assert_eq!(folderless["lists"][0]["folder"]["hidden"], true);
}

#[tokio::test]
async fn a_folder_and_its_lists_read_on_their_own() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, folder) = sandbox.get_json("/v2/folder/90111001", &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(folder["name"], "Backend");
    let (_, lists) = sandbox.get_json("/v2/folder/90111001/list", &token).await;
    assert_eq!(names(&lists["lists"]), vec!["Sprint 12", "Bugs"]);
    let (_, archived) = sandbox
        .get_json("/v2/folder/90111001/list?archived=true", &token)
        .await;
    assert_eq!(names(&archived["lists"]), vec!["Sprint 11"]);
}

#[tokio::test]
async fn a_list_carries_its_own_statuses_or_its_spaces() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, sprint) = sandbox.get_json("/v2/list/901101001", &token).await;
    assert_eq!(status, StatusCode::OK);
    let statuses: Vec<(&str, &str)> = sprint["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["status"].as_str().unwrap(), s["type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("to do", "open"),
            ("in progress", "custom"),
            ("review", "custom"),
            ("complete", "closed")
        ]
    );
    assert_eq!(sprint["override_statuses"], true);
    assert_eq!(sprint["folder"]["id"], "90111001");
    assert_eq!(sprint["space"]["id"], "90011001");
    assert_eq!(sprint["assignee"]["id"], ALICE);
    assert_eq!(sprint["priority"]["priority"], "high");
    assert!(sprint["due_date"].is_string());
    assert_eq!(sprint["task_count"], 6);

    let (_, polish) = sandbox.get_json("/v2/list/901101003", &token).await;
    assert_eq!(polish["override_statuses"], false);
    assert_eq!(
        polish["statuses"][1]["status"], "in progress",
        "inherited from Engineering"
    );
}

#[tokio::test]
async fn a_task_reads_as_real_clickup_sends_it() {
    let sandbox = spawn_sandbox().await;
    let (status, task) = sandbox
        .get_json(
            "/v2/task/86aa0001?include_markdown_description=true",
            &sandbox.personal_token(ALICE),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(task["id"], "86aa0001");
    assert_eq!(task["custom_id"], "ENG-1");
    assert_eq!(task["team_id"], ACME);
    assert_eq!(task["url"], "https://app.clickup.com/t/86aa0001");
    assert_eq!(task["status"]["status"], "in progress");
    assert_eq!(task["status"]["type"], "custom");
    assert!(task["status"]["id"].is_string() && task["status"]["color"].is_string());
    assert_eq!(task["status"]["orderindex"], 1);
    assert_eq!(task["assignees"][0]["id"], ALICE, "assignees are objects");
    assert_eq!(task["assignees"][0]["username"], "Alice Andersen");
    assert_eq!(task["watchers"].as_array().unwrap().len(), 2);
    assert_eq!(task["tags"][0]["name"], "ci");
    assert_eq!(task["priority"]["priority"], "high");
    assert_eq!(task["priority"]["id"], "2");
    assert_eq!(task["due_date"], "1735984800000", "dates are ms strings");
    assert!(task["date_created"].is_string() && task["start_date"].is_string());
    assert_eq!(
        task["time_estimate"], 14_400_000,
        "estimates are integer ms"
    );
    assert_eq!(task["parent"], Value::Null);
    assert_eq!(task["list"]["id"], "901101001");
    assert_eq!(task["folder"]["id"], "90111001");
    assert_eq!(task["space"]["id"], "90011001");
    assert_eq!(
        task["markdown_description"],
        "Run **build**, *tests* and clippy on every push."
    );
    assert_eq!(
        task["text_content"],
        "Run build, tests and clippy on every push."
    );
    assert!(task.get("subtasks").is_none(), "only with include_subtasks");
}

#[tokio::test]
async fn include_subtasks_adds_every_subtask_below_the_task() {
    let sandbox = spawn_sandbox().await;
    let (_, task) = sandbox
        .get_json(
            "/v2/task/86aa0001?include_subtasks=true",
            &sandbox.personal_token(ALICE),
        )
        .await;
    let subtasks: Vec<(&str, &str)> = task["subtasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].as_str().unwrap(), t["parent"].as_str().unwrap()))
        .collect();
    assert_eq!(
        subtasks,
        vec![
            ("86aa0002", "86aa0001"),
            ("86aa0003", "86aa0001"),
            ("86aa0004", "86aa0003")
        ]
    );
    let (_, grandchild) = sandbox
        .get_json("/v2/task/86aa0004", &sandbox.personal_token(ALICE))
        .await;
    assert_eq!(grandchild["top_level_parent"], "86aa0001");
}

#[tokio::test]
async fn a_custom_task_id_needs_its_team_id() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, task) = sandbox
        .get_json(
            &format!("/v2/task/ENG-5?custom_task_ids=true&team_id={ACME}"),
            &token,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(task["id"], "86aa0005");
    let (status, error) = sandbox
        .get_json("/v2/task/ENG-5?custom_task_ids=true", &token)
        .await;
    assert_clickup_error(status, &error, 400, "ITEM_070", "custom id without team_id");
    let (status, error) = sandbox.get_json("/v2/task/ENG-5", &token).await;
    assert_clickup_error(
        status,
        &error,
        401,
        "OAUTH_027",
        "custom id without custom_task_ids",
    );
}

#[tokio::test]
async fn unknown_and_foreign_ids_answer_team_not_authorized_and_a_deleted_task_item_013() {
    let sandbox = spawn_sandbox().await;
    let alice = sandbox.personal_token(ALICE);
    let dave = sandbox.personal_token(DAVE);
    let cases = [
        (
            "/v2/team/1234/space",
            &alice,
            401,
            "OAUTH_023",
            "unknown team",
        ),
        (
            &format!("/v2/team/{ACME}/space") as &str,
            &dave,
            401,
            "OAUTH_023",
            "team the user is not in",
        ),
        ("/v2/space/1", &alice, 401, "OAUTH_027", "unknown space"),
        (
            "/v2/space/90011001",
            &dave,
            401,
            "OAUTH_027",
            "space of another workspace",
        ),
        (
            "/v2/space/1/folder",
            &alice,
            401,
            "OAUTH_027",
            "folders of an unknown space",
        ),
        (
            "/v2/space/1/list",
            &alice,
            401,
            "OAUTH_027",
            "lists of an unknown space",
        ),
        ("/v2/folder/1", &alice, 401, "OAUTH_027", "unknown folder"),
        (
            "/v2/folder/90111001/list",
            &dave,
            401,
            "OAUTH_027",
            "lists of a foreign folder",
        ),
        ("/v2/list/1", &alice, 401, "OAUTH_027", "unknown list"),
        (
            "/v2/list/901101001",
            &dave,
            401,
            "OAUTH_027",
            "list of another workspace",
        ),
        ("/v2/task/zzzz", &alice, 401, "OAUTH_027", "unknown task"),
        (
            "/v2/task/86aa0001",
            &dave,
            401,
            "OAUTH_027",
            "task of another workspace",
        ),
        ("/v2/task/86aa0009", &alice, 404, "ITEM_013", "deleted task"),
        (
            "/v2/task/86aa0009",
            &dave,
            401,
            "OAUTH_027",
            "deleted task of another workspace",
        ),
    ];
    for (path, token, want_status, want_code, case) in cases {
        let (status, body) = sandbox.get_json(path, token).await;
        assert_clickup_error(status, &body, want_status, want_code, case);
    }
}

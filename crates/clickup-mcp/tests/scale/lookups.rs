//! What a reference costs in ClickUp requests on a workspace of 64 spaces.

use serde_json::json;

use crate::{GLOBEX, globex, next_minute};

/// Planning (a folder of Engineering), Hotfixes (a list in it), Engineering, GLX-1003;
/// Platform, a space of more than a hundred tasks.
const FOLDER: &str = "90131002";
const LIST: &str = "901301006";
const SPACE: &str = "90031001";
const TASK: &str = "86ga04038";
const PLATFORM: &str = "90031002";

#[tokio::test]
async fn a_bare_id_costs_only_the_read_of_the_object() {
    let s = globex().await;
    s.call("clickup_workspace_list", json!({})).await.ok();

    let cases = [
        (
            "clickup_folder_get",
            json!({"folder": FOLDER}),
            format!("GET /v2/folder/{FOLDER}"),
        ),
        (
            "clickup_list_get",
            json!({"list": LIST}),
            format!("GET /v2/list/{LIST}"),
        ),
        (
            "clickup_space_get",
            json!({"space": SPACE}),
            format!("GET /v2/space/{SPACE}"),
        ),
        (
            "clickup_task_get",
            json!({"task": TASK}),
            format!("GET /v2/task/{TASK}?include_markdown_description=true"),
        ),
    ];
    for (tool, mut arguments, read) in cases {
        arguments["workspace_id"] = json!(GLOBEX);
        let (answer, calls) = s.traced(tool, arguments).await;
        answer.ok();
        assert_eq!(calls, [read.as_str()], "{tool}");
    }
}

#[tokio::test]
async fn a_path_reads_one_space_once_and_our_own_writes_keep_the_cache() {
    let s = globex().await;
    s.call("clickup_workspace_list", json!({})).await.ok();

    let (first, calls) = s
        .traced(
            "clickup_list_get",
            json!({"workspace_id": GLOBEX, "list": "engineering/planning/HOTFIXES"}),
        )
        .await;
    assert_eq!(first.ok()["id"], LIST);
    assert_eq!(
        calls,
        [
            "GET /v2/team/9000003/space?archived=false",
            "GET /v2/space/90031001/folder?archived=false",
            "GET /v2/space/90031001/list?archived=false",
            "GET /v2/list/901301006",
        ],
        "the spaces, the one space named, then the list"
    );

    let (_, calls) = s
        .traced(
            "clickup_task_list",
            json!({"workspace_id": GLOBEX, "list": "Engineering/Planning/Hotfixes"}),
        )
        .await;
    assert_eq!(calls.len(), 1, "the name is cached: {calls:?}");

    let (created, calls) = s
        .traced(
            "clickup_list_create",
            json!({"workspace_id": GLOBEX, "folder": "Engineering/Planning", "name": "Security review"}),
        )
        .await;
    let id = created.ok()["list"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        calls.iter().all(|c| !c.contains("/space")),
        "no re-read of the hierarchy: {calls:?}"
    );
    let (found, calls) = s
        .traced(
            "clickup_location_get",
            json!({"workspace_id": GLOBEX, "location": "Engineering/Planning/Security review"}),
        )
        .await;
    assert_eq!(found.ok()["id"], id.as_str(), "{}", found.text);
    assert!(calls.is_empty(), "our own write is in the cache: {calls:?}");
}

#[tokio::test]
async fn a_bare_list_name_in_a_big_workspace_asks_for_a_path_instead_of_reading_every_space() {
    let s = globex().await;
    s.call("clickup_workspace_list", json!({})).await.ok();

    let (answer, calls) = s
        .traced(
            "clickup_list_get",
            json!({"workspace_id": GLOBEX, "list": "Hotfixes"}),
        )
        .await;

    assert_eq!(answer.code(), "invalid_argument");
    let message = answer.message();
    assert!(message.contains("Space/Folder/List"), "{message}");
    assert!(message.contains("Engineering, Platform"), "{message}");
    assert!(message.contains("(64 in all)"), "{message}");
    assert_eq!(calls, ["GET /v2/team/9000003/space?archived=false"]);

    // A space name alone needs only the spaces (cached now).
    let (space, calls) = s
        .traced(
            "clickup_space_get",
            json!({"workspace_id": GLOBEX, "space": "Engineering"}),
        )
        .await;
    assert_eq!(space.ok()["id"], SPACE);
    assert_eq!(calls, [format!("GET /v2/space/{SPACE}")]);
}

#[tokio::test]
async fn a_status_change_costs_at_most_three_requests() {
    let s = globex().await;
    s.call("clickup_workspace_list", json!({})).await.ok();

    let (answer, calls) = s
        .traced(
            "clickup_task_update",
            json!({"workspace_id": GLOBEX, "task": "GLX-1003", "status": "COMPLETE"}),
        )
        .await;

    let result = answer.ok();
    assert_eq!(result["task"]["status"], "complete");
    assert_eq!(result["verified"], true);
    assert_eq!(result["not_applied"], json!([]));
    assert_eq!(
        calls.len(),
        3,
        "read, the list's statuses, the PUT: {calls:?}"
    );
}

#[tokio::test]
async fn tagging_a_hundred_tasks_of_one_space_costs_two_requests_each_plus_one() {
    // Premium: a hundred calls a minute is the free tier's own limit on this server.
    let s = globex().await.premium().await;
    // A hundred tasks of Platform, read outside the app (the test's own token).
    let mut tasks = Vec::new();
    let mut page = 0;
    while tasks.len() < 100 {
        let found = s
            .clickup_get(&format!(
                "/v2/team/{GLOBEX}/task?space_ids[]={PLATFORM}&include_closed=true&subtasks=true&page={page}"
            ))
            .await;
        let ids: Vec<String> = found["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_owned())
            .collect();
        assert!(!ids.is_empty(), "Platform has a hundred tasks");
        tasks.extend(ids);
        page += 1;
    }
    tasks.truncate(100);
    next_minute(&s).await;
    s.call("clickup_workspace_list", json!({})).await.ok();
    s.app.clear_sandbox_requests().await;

    let mut requests = 0;
    for (i, task) in tasks.iter().enumerate() {
        if i % 45 == 44 {
            // At two requests a task, a minute's budget holds about fifty.
            requests += s.requests().await.len();
            s.app.clear_sandbox_requests().await;
            next_minute(&s).await;
        }
        let answer = s
            .call(
                "clickup_task_tag_add",
                json!({"workspace_id": GLOBEX, "task": task, "tags": ["Blocked"]}),
            )
            .await;
        assert!(
            answer.ok()["task"]["tags"]
                .as_array()
                .unwrap()
                .contains(&json!("blocked")),
            "{task}: {}",
            answer.text
        );
    }
    requests += s.requests().await.len();
    println!("tagging 100 tasks: {requests} ClickUp requests");
    assert!(requests <= 2 * 100 + 1, "{requests} ClickUp requests");
}

#[tokio::test]
async fn a_bulk_update_past_the_budget_does_what_it_can_and_names_the_rest() {
    let s = globex().await.premium().await;
    s.call("clickup_workspace_list", json!({})).await.ok();
    let tasks: Vec<_> = (1..=80)
        .map(|n| json!({"task": format!("86ga{:05}", 100 + n), "points": 3}))
        .collect();

    let answer = s
        .call(
            "clickup_task_bulk_update",
            json!({"workspace_id": GLOBEX, "tasks": tasks}),
        )
        .await;

    let result = answer.ok();
    let results = result["results"].as_array().unwrap();
    assert_eq!(results.len(), 80);
    let done: Vec<&serde_json::Value> = results.iter().filter(|r| r["ok"] == true).collect();
    assert!(!done.is_empty() && done.len() < 80, "{result}");
    for (i, item) in results.iter().enumerate() {
        assert_eq!(item["index"], i);
        if item["ok"] != true {
            assert_eq!(item["error"]["code"], "rate_limited", "{item}");
        }
    }
    assert_eq!(result["succeeded"], done.len());
    // Exactly the items reported done were written: as many writes ClickUp took.
    let written = s
        .app
        .sandbox_requests()
        .await
        .iter()
        .filter(|r| r["method"] == "PUT" && r["status"] == 200)
        .count();
    assert_eq!(written, done.len(), "{result}");
}

#[tokio::test]
async fn a_task_name_in_several_lists_is_ambiguous_and_a_unique_one_is_searched_once() {
    let s = globex().await;
    s.call("clickup_workspace_list", json!({})).await.ok();

    // Namesakes on different pages of the workspace's tasks: never the first one found.
    let (several, _) = s
        .traced(
            "clickup_task_get",
            json!({"workspace_id": GLOBEX, "task": "write password reset"}),
        )
        .await;
    assert_eq!(several.code(), "ambiguous", "{}", several.text);
    assert!(
        several.data["error"]["candidates"]
            .as_array()
            .unwrap()
            .len()
            >= 2
    );
    assert!(
        several.text.contains("Write password reset"),
        "{}",
        several.text
    );

    let (first, calls) = s
        .traced(
            "clickup_task_get",
            json!({"workspace_id": GLOBEX, "task": "Prepare webhooks"}),
        )
        .await;
    let id = first.ok()["id"].clone();
    assert!(calls.len() > 1, "searched: {calls:?}");
    let (again, calls) = s
        .traced(
            "clickup_task_get",
            json!({"workspace_id": GLOBEX, "task": "prepare WEBHOOKS"}),
        )
        .await;
    assert_eq!(again.ok()["id"], id);
    assert_eq!(calls.len(), 1, "the name is remembered: {calls:?}");
}

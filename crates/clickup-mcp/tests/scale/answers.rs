//! The silent wrong answers of the issue that found them, asked again the same way on the large
//! workspace at ClickUp's limit: each is now right, or refused with what to do.

use serde_json::json;

use crate::{GLOBEX, globex};

const BACKLOG: &str = "Engineering/Backlog";

fn ids(page: &serde_json::Value) -> Vec<String> {
    let mut ids: Vec<String> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn filters_by_a_drop_down_label_and_a_closed_status_find_the_tasks() {
    let s = globex().await;

    // "complete" is a closed status: closed tasks are included without being asked.
    let low = s
        .call(
            "clickup_task_list",
            json!({"workspace_id": GLOBEX, "list": BACKLOG, "statuses": ["Complete"],
                   "custom_fields": [{"field": "severity", "operator": "=", "value": "LOW"}]}),
        )
        .await;
    assert_eq!(ids(low.ok()), ["86ga10194", "86ga15609"]);

    let unknown = s
        .call(
            "clickup_task_list",
            json!({"workspace_id": GLOBEX, "list": BACKLOG, "statuses": ["Done"]}),
        )
        .await;
    assert_eq!(unknown.code(), "invalid_argument");
    assert!(
        unknown.text.contains("to do, in progress, complete"),
        "{}",
        unknown.text
    );
}

#[tokio::test]
async fn adding_a_tag_keeps_the_others_and_says_what_changed() {
    let s = globex().await;

    let answer = s
        .call(
            "clickup_task_update",
            json!({"workspace_id": GLOBEX, "task": "GLX-2599", "add_tags": ["Urgent"]}),
        )
        .await;

    let result = answer.ok();
    assert_eq!(result["tags"], json!({"added": ["urgent"], "removed": []}));
    let stored = s.clickup_get("/v2/task/86ga10637").await;
    let mut tags: Vec<&str> = stored["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    tags.sort();
    assert_eq!(tags, ["ci/cd", "customer", "urgent"]);

    let unknown = s
        .call(
            "clickup_task_update",
            json!({"workspace_id": GLOBEX, "task": "GLX-2599", "add_tags": ["no-such-tag"]}),
        )
        .await;
    assert_eq!(unknown.code(), "invalid_argument");
    assert!(unknown.text.contains("add_tags[0]"), "{}", unknown.text);
}

#[tokio::test]
async fn a_delete_by_part_of_a_name_deletes_nothing_and_lists_the_candidates() {
    let s = globex().await;

    let answer = s
        .call(
            "clickup_task_delete",
            json!({"workspace_id": GLOBEX, "task": "Engineering/Backlog/brand colors"}),
        )
        .await;

    assert_eq!(answer.code(), "not_found", "{}", answer.text);
    assert!(
        answer.text.contains("Review brand colors"),
        "{}",
        answer.text
    );
    assert!(
        answer.text.contains("Write brand colors"),
        "{}",
        answer.text
    );
    let deletes = s.requests().await;
    assert!(
        deletes.iter().all(|c| !c.starts_with("DELETE")),
        "{deletes:?}"
    );
}

#[tokio::test]
async fn custom_ids_in_any_case_names_with_a_slash_and_descriptions_are_found() {
    let s = globex().await;

    let lower = s
        .call(
            "clickup_task_get",
            json!({"workspace_id": GLOBEX, "task": "glx-442"}),
        )
        .await;
    assert_eq!(lower.ok()["id"], "86ga01732");

    let slashed = s
        .call(
            "clickup_task_get",
            json!({"workspace_id": GLOBEX, "task": "Engineering/Backlog/Test A\\/B test \"checkout\""}),
        )
        .await;
    assert_eq!(slashed.ok()["id"], "86ga01732");

    let described = s
        .call(
            "clickup_task_search",
            json!({"workspace_id": GLOBEX, "lists": [BACKLOG], "query": "done when: design",
                   "in_description": true}),
        )
        .await;
    assert_eq!(ids(described.ok()), ["86ga15622"]);
}

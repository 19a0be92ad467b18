//! `clickup_view_task_list`.

use serde_json::json;

use crate::views::mcp::{premium, strings};

#[tokio::test]
async fn a_views_tasks_follow_its_place_filters_and_sorting() {
    let s = premium().await;

    let (answer, calls) = s
        .traced("clickup_view_task_list", json!({"view_id": "3c9q1-1004"}))
        .await;

    // Folder Backend, assignee Bob, closed shown, sorted by due date (undated last).
    let page = answer.ok();
    assert_eq!(strings(&page["items"], "id"), ["86aa0003", "86aa0002"]);
    assert_eq!(page["has_more"], false);
    assert_eq!(calls, ["GET /v2/view/3c9q1-1004/task?page=0"]);

    let board = s
        .call("clickup_view_task_list", json!({"view_id": "3c9q1-1003"}))
        .await;
    let board = board.ok();
    let statuses = strings(&board["items"], "status");
    assert!(!statuses.is_empty());
    assert!(
        statuses.iter().all(|st| st == "in progress"),
        "{statuses:?}"
    );

    let chat = s
        .call("clickup_view_task_list", json!({"view_id": "3c9q1-1001"}))
        .await;
    assert_eq!(chat.ok()["items"], json!([]), "a chat view shows no tasks");
}

#[tokio::test]
async fn a_long_view_is_paged_over_clickups_pages_of_thirty_without_gaps() {
    let s = premium().await;

    let (first, calls) = s
        .traced(
            "clickup_view_task_list",
            json!({"view_id": "3c9q1-1006", "limit": 100}),
        )
        .await;

    let first = first.ok();
    assert_eq!(first["items"].as_array().unwrap().len(), 100);
    assert_eq!(first["has_more"], true);
    assert_eq!(
        calls,
        [
            "GET /v2/view/3c9q1-1006/task?page=0",
            "GET /v2/view/3c9q1-1006/task?page=1",
            "GET /v2/view/3c9q1-1006/task?page=2",
            "GET /v2/view/3c9q1-1006/task?page=3",
        ]
    );
    let mut seen = strings(&first["items"], "id");
    let mut cursor = first["next_cursor"].as_str().unwrap().to_owned();
    loop {
        let (next, calls) = s
            .traced(
                "clickup_view_task_list",
                json!({"view_id": "3c9q1-1006", "limit": 100, "cursor": cursor}),
            )
            .await;
        let next = next.ok();
        assert!(calls.len() <= 5, "{calls:?}");
        seen.extend(strings(&next["items"], "id"));
        match next["next_cursor"].as_str() {
            Some(c) => cursor = c.to_owned(),
            None => break,
        }
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "no task twice");
    // 230 open top-level tasks and the 2 open subtasks (shown separately); the 10 closed hidden.
    assert_eq!(seen.len(), 232);
    assert!(
        !seen.contains(&"86ab0231".to_owned()),
        "closed tasks hidden"
    );
}

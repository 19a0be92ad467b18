//! `clickup_time_in_status_get`: one task, or several in one bulk request.

use serde_json::{Value, json};

use crate::time::mcp::Session;

/// `(status, time_ms, since)` of a task's statuses.
fn spans(task: &Value) -> Vec<(String, i64, String)> {
    task["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["status"].as_str().unwrap().to_owned(),
                s["time_ms"].as_i64().unwrap(),
                s["since"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

const DAY: i64 = 86_400_000;

#[tokio::test]
async fn one_task_answers_its_statuses_in_ms_and_its_current_status() {
    let s = Session::time_alice().await;
    let (answer, calls) = s
        .traced(
            "clickup_time_in_status_get",
            json!({"tasks": ["ENG-1"], "timezone": "UTC"}),
        )
        .await;
    let task = &answer.ok()["items"][0];
    assert_eq!(task["task_id"], "ENG-1");
    assert_eq!(task["current"]["status"], "in progress");
    assert_eq!(task["current"]["since"], "2024-12-27T10:00:00+00:00");
    assert_eq!(
        spans(task)[0],
        (
            "to do".to_owned(),
            2 * DAY,
            "2024-12-25T10:00:00+00:00".to_owned()
        )
    );
    assert_eq!(task["statuses"][0]["type"], "open");
    assert_eq!(task["statuses"][0]["time"], "48h");
    assert_eq!(
        calls,
        ["GET /v2/task/ENG-1/time_in_status?custom_task_ids=true&team_id=9000001"]
    );
}

#[tokio::test]
async fn several_tasks_go_in_one_bulk_request_with_repeated_task_ids() {
    let s = Session::time_alice().await;
    let (answer, calls) = s
        .traced(
            "clickup_time_in_status_get",
            json!({"tasks": ["86aa0001", "86aa0002"], "timezone": "UTC"}),
        )
        .await;
    let items = &answer.ok()["items"];
    assert_eq!(items[0]["task_id"], "86aa0001");
    assert_eq!(items[1]["task_id"], "86aa0002");
    let clippy = spans(&items[1]);
    let names: Vec<&str> = clippy.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(names, ["to do", "in progress", "review", "complete"]);
    assert_eq!(
        clippy[..3].iter().map(|(_, ms, _)| *ms).collect::<Vec<_>>(),
        [DAY, 2 * DAY, DAY]
    );
    assert_eq!(items[1]["current"]["status"], "complete");
    assert_eq!(
        calls,
        ["GET /v2/task/bulk_time_in_status/task_ids?task_ids=86aa0001&task_ids=86aa0002"]
    );
}

#[tokio::test]
async fn a_status_change_starts_a_new_span_in_the_sandbox() {
    let s = Session::time_alice().await;
    s.call(
        "clickup_task_update",
        json!({"task": "86aa0003", "status": "review"}),
    )
    .await
    .ok();
    let answer = s
        .call(
            "clickup_time_in_status_get",
            json!({"tasks": ["86aa0003"], "timezone": "UTC"}),
        )
        .await;
    let task = &answer.ok()["items"][0];
    assert_eq!(task["current"]["status"], "review");
    assert_eq!(task["current"]["time_ms"], 0);
    let spans = spans(task);
    assert_eq!(spans.len(), 2, "{spans:?}");
    assert_eq!(
        spans[0].2, "2024-12-25T10:00:00+00:00",
        "held since creation"
    );
    assert!(spans[0].1 > 0);
    assert_eq!(spans[1].0, "review");
}

#[tokio::test]
async fn more_than_a_hundred_tasks_are_refused() {
    let s = Session::time_alice().await;
    let tasks: Vec<String> = (0..101).map(|i| format!("86zz{i:04}")).collect();
    let (answer, calls) = s
        .traced("clickup_time_in_status_get", json!({"tasks": tasks}))
        .await;
    assert_eq!(answer.code(), "invalid_argument");
    assert!(calls.is_empty());
}

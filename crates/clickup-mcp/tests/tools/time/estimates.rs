//! `clickup_task_estimate_set`: per-user estimates through ClickUp's v3 endpoint.

use serde_json::json;

use crate::time::mcp::{BOB, CAROL, Session};

const ESTIMATES: &str = "/v3/workspaces/9000001/tasks/86aa0003/time_estimates_by_user";

#[tokio::test]
async fn estimates_merge_by_default_and_replace_on_request_and_the_task_total_follows() {
    let s = Session::time_alice().await;
    let (answer, calls) = s
        .traced(
            "clickup_task_estimate_set",
            json!({"task": "ENG-3", "estimates": [
                {"user": BOB.to_string(), "time_estimate": "2h"},
                {"user": "unassigned", "time_estimate": "30m"}]}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(result["task_id"], "86aa0003");
    assert_eq!(result["total_ms"], 9_000_000);
    assert_eq!(result["verified"], false);
    assert_eq!(
        calls,
        [
            "GET /v2/task/ENG-3?custom_task_ids=true&team_id=9000001&include_markdown_description=true"
                .to_owned(),
            format!("PATCH {ESTIMATES}"),
        ]
    );

    let answer = s
        .call(
            "clickup_task_estimate_set",
            json!({"task": "86aa0003", "estimates": [
                {"user": CAROL.to_string(), "time_estimate": "1h"}]}),
        )
        .await;
    assert_eq!(
        answer.ok()["total_ms"],
        12_600_000,
        "merged with Bob's and unassigned"
    );

    let (answer, calls) = s
        .traced(
            "clickup_task_estimate_set",
            json!({"task": "86aa0003", "mode": "replace", "estimates": [
                {"user": CAROL.to_string(), "time_estimate": "90m"}]}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(result["total_ms"], 5_400_000);
    assert_eq!(result["estimates"][0]["user_id"], CAROL.to_string());
    assert_eq!(result["estimates"].as_array().unwrap().len(), 1);
    assert_eq!(calls, [format!("PUT {ESTIMATES}")]);
    let task = s.clickup_get("/v2/task/86aa0003").await;
    assert_eq!(task["time_estimate"], 5_400_000);
}

#[tokio::test]
async fn a_user_not_assigned_to_the_task_is_refused_by_clickup() {
    let s = Session::time_alice().await;
    let (answer, calls) = s
        .traced(
            "clickup_task_estimate_set",
            json!({"task": "86aa0003", "estimates": [{"user": "me", "time_estimate": "1h"}]}),
        )
        .await;
    assert_eq!(answer.code(), "invalid_argument");
    assert!(
        answer.message().contains("not assigned"),
        "{}",
        answer.message()
    );
    assert_eq!(calls, [format!("PATCH {ESTIMATES}")]);
}

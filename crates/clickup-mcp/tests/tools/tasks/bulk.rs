//! `clickup_task_bulk_create` and `clickup_task_bulk_update`: refs between items, limits, tiers,
//! rate limits and progress notifications.

use clickup_mcp::domain::Tier;
use serde_json::{Value, json};

use crate::tasks::client::{SPRINT_12, Session};

fn three_linked_items() -> Value {
    json!([
        {"name": "Design the schema", "ref": "design", "priority": "urgent"},
        {"name": "Write the migration", "ref": "migrate", "parent_ref": "design", "tags": ["backend"]},
        {"name": "Ship it", "waiting_on_refs": ["design", "migrate"], "due_date": "2026-12-01"},
    ])
}

#[tokio::test]
async fn bulk_create_of_three_builds_a_subtask_and_dependencies() {
    let s = Session::start(Tier::Premium).await;
    s.ok("clickup_task_list", json!({"list": SPRINT_12, "limit": 1}))
        .await;
    s.clear_log().await;

    let result = s
        .ok(
            "clickup_task_bulk_create",
            json!({"list_id": SPRINT_12, "tasks": three_linked_items()}),
        )
        .await;

    assert_eq!(
        (
            &result["succeeded"],
            &result["failed"],
            &result["not_attempted"]
        ),
        (&json!(3), &json!(0), &json!(0)),
        "{result}"
    );
    let results = result["results"].as_array().unwrap();
    let indexes: Vec<u64> = results
        .iter()
        .map(|r| r["index"].as_u64().unwrap())
        .collect();
    assert_eq!(indexes, [0, 1, 2], "input order");
    let id = |i: usize| results[i]["id"].as_str().unwrap().to_owned();

    let child = s
        .ok(
            "clickup_task_get",
            json!({"task": id(1), "include": ["relationships"]}),
        )
        .await;
    assert_eq!(child["parent"], json!(id(0)));
    let last = s
        .ok(
            "clickup_task_get",
            json!({"task": id(2), "include": ["relationships"]}),
        )
        .await;
    let mut waiting: Vec<String> = last["relationships"]["waiting_on"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    waiting.sort();
    let mut expected = vec![id(0), id(1)];
    expected.sort();
    assert_eq!(waiting, expected);

    let calls = s.clickup_calls().await;
    let creates = calls
        .iter()
        .filter(|c| *c == &format!("POST /api/v2/list/{SPRINT_12}/task"))
        .count();
    let dependencies: Vec<&String> = calls
        .iter()
        .filter(|c| c.ends_with("/dependency"))
        .collect();
    assert_eq!(creates, 3);
    assert_eq!(
        dependencies,
        vec![&format!("POST /api/v2/task/{}/dependency", id(2)); 2]
    );
}

#[tokio::test]
async fn more_than_100_items_are_refused_and_nothing_is_done() {
    let s = Session::start(Tier::Premium).await;
    let items: Vec<Value> = (0..101)
        .map(|i| json!({"name": format!("Task {i}")}))
        .collect();
    s.clear_log().await;

    let error = s
        .error(
            "clickup_task_bulk_create",
            json!({"list": SPRINT_12, "tasks": items}),
        )
        .await;
    assert_eq!(error["code"], "invalid_argument", "{error}");
    assert!(error["message"].as_str().unwrap().contains("100"));

    let updates: Vec<Value> = (0..101)
        .map(|_| json!({"task": "86aa0001", "points": 1}))
        .collect();
    let error = s
        .error("clickup_task_bulk_update", json!({"tasks": updates}))
        .await;
    assert_eq!(error["code"], "invalid_argument", "{error}");
    assert!(s.clickup_calls().await.is_empty(), "no ClickUp request");
}

#[tokio::test]
async fn a_free_caller_is_refused_the_bulk_tools_before_any_clickup_request() {
    let s = Session::start(Tier::Free).await;
    s.clear_log().await;

    for tool in ["clickup_task_bulk_create", "clickup_task_bulk_update"] {
        let error = s
            .error(tool, json!({"list": SPRINT_12, "tasks": [{"name": "A"}]}))
            .await;
        assert_eq!(error["code"], "premium_required", "{tool}: {error}");
    }
    assert!(s.clickup_calls().await.is_empty());
}

#[tokio::test]
async fn bulk_update_reports_each_item_and_stops_when_clickup_rate_limits() {
    let s = Session::start(Tier::Premium).await;

    let result = s
        .ok(
            "clickup_task_bulk_update",
            json!({"tasks": [
                {"task": "ENG-101", "status": "drafting"},
                {"task": "86ab0002", "status": "nonsense"},
                {"task": "86ab0003", "assignees": ["me"], "add_tags": ["launch"]},
            ], "workspace_id": "9000001"}),
        )
        .await;
    let results = result["results"].as_array().unwrap();
    assert_eq!(results[0]["ok"], true, "{result}");
    assert_eq!(results[0]["id"], "86ab0001");
    assert_eq!(results[1]["ok"], false);
    assert_eq!(results[1]["error"]["code"], "invalid_argument");
    assert_eq!(results[2]["ok"], true, "{result}");
    assert_eq!(
        (&result["succeeded"], &result["failed"]),
        (&json!(2), &json!(1))
    );

    s.app
        .sandbox_fault(json!({"path_prefix": "/v2/task/86ab0005", "method": "PUT", "status": 429, "count": 10}))
        .await;
    let result = s
        .ok(
            "clickup_task_bulk_update",
            json!({"tasks": [
                {"task": "86ab0004", "points": 2},
                {"task": "86ab0005", "points": 2},
                {"task": "86ab0006", "points": 2},
                {"task": "86ab0007", "points": 2},
            ]}),
        )
        .await;
    let codes: Vec<Value> = result["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["error"]["code"].clone())
        .collect();
    assert_eq!(
        codes,
        [
            Value::Null,
            json!("rate_limited"),
            json!("rate_limited"),
            json!("rate_limited")
        ],
        "{result}"
    );
    assert_eq!(
        (
            &result["succeeded"],
            &result["failed"],
            &result["not_attempted"]
        ),
        (&json!(1), &json!(1), &json!(2)),
        "{result}"
    );
}

#[tokio::test]
async fn progress_notifications_arrive_over_sse_as_items_complete() {
    let s = Session::start(Tier::Premium).await;

    let messages = s
        .call_with_progress(
            "clickup_task_bulk_create",
            json!({"list": SPRINT_12, "tasks": three_linked_items()}),
            "bulk-1",
        )
        .await;

    let (response, notifications) = messages.split_last().unwrap();
    assert_eq!(response["id"], 7, "the response comes last: {messages:?}");
    assert_eq!(
        response["result"]["structuredContent"]["succeeded"], 3,
        "{response}"
    );
    let progress: Vec<(f64, f64)> = notifications
        .iter()
        .filter(|m| m["method"] == "notifications/progress")
        .map(|m| {
            assert_eq!(m["params"]["progressToken"], "bulk-1");
            (
                m["params"]["progress"].as_f64().unwrap(),
                m["params"]["total"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        progress,
        [(1.0, 4.0), (2.0, 4.0), (3.0, 4.0), (4.0, 4.0)],
        "three creates and one item's dependencies"
    );
}

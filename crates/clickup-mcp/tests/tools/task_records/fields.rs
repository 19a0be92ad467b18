//! `clickup_custom_field_list` (free), `clickup_custom_field_value_set` and
//! `clickup_custom_field_value_remove` (premium).

use serde_json::{Value, json};

use crate::task_records::mcp::{Session, free, premium, strings};

const LIST: &str = "clickup_custom_field_list";
const SET: &str = "clickup_custom_field_value_set";
const REMOVE: &str = "clickup_custom_field_value_remove";

fn field_id(n: u32) -> String {
    format!("5f1b0000-0000-4000-8000-{n:012}")
}

fn option_id(n: u32) -> String {
    format!("6a1c0000-0000-4000-8000-{n:012}")
}

/// The value of field `n` on a task, as ClickUp has it now (`null` when unset).
async fn value(s: &Session, task: &str, n: u32) -> Value {
    let task = s.task(task).await;
    task["custom_fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == field_id(n))
        .map_or(Value::Null, |f| {
            f.get("value").cloned().unwrap_or(Value::Null)
        })
}

#[tokio::test]
async fn a_list_s_fields_are_every_field_its_tasks_may_hold_with_options() {
    let s = free().await;

    let (answer, calls) = s.traced(LIST, json!({"list": "901101001"})).await;
    let page = answer.ok();
    assert_eq!(calls, ["GET /v2/list/901101001/field"]);
    assert_eq!(
        strings(&page["items"], "name"),
        [
            "Severity",
            "Customer",
            "Effort",
            "Release date",
            "Blocked",
            "Components",
            "Reviewer"
        ]
    );
    let severity = &page["items"][0];
    assert_eq!(severity["type"], "drop_down");
    assert_eq!(severity["required"], false);
    assert_eq!(
        severity["options"][3],
        json!({"id": option_id(4), "label": "Critical", "color": "#f50000", "orderindex": 3})
    );
    assert!(severity.get("type_config").is_none(), "summary");
    assert_eq!(page["items"][5]["options"][0]["label"], "api");
    assert_eq!(page["has_more"], false);
}

#[tokio::test]
async fn folder_space_and_workspace_fields_are_those_created_there() {
    let s = free().await;

    let cases = [
        (
            json!({"folder": "90111003"}),
            "GET /v2/folder/90111003/field",
            vec!["Budget"],
        ),
        (
            json!({"space": "90011001"}),
            "GET /v2/space/90011001/field",
            vec!["Severity", "Customer", "Effort", "Release date", "Blocked"],
        ),
        (
            json!({"workspace": true}),
            "GET /v2/team/9000001/field",
            vec![],
        ),
        (
            json!({"workspace": true, "workspace_id": "9000002"}),
            "GET /v2/team/9000002/field",
            vec!["Hypothesis"],
        ),
    ];
    for (args, request, names) in cases {
        let (answer, calls) = s.traced(LIST, args.clone()).await;
        assert_eq!(strings(&answer.ok()["items"], "name"), names, "{args}");
        assert_eq!(calls.last().unwrap(), request, "{args}");
    }
}

#[tokio::test]
async fn fields_are_filtered_by_name_and_paged() {
    let s = free().await;

    let first = s
        .call(
            LIST,
            json!({"list": "901101001", "limit": 2, "detail_level": "full"}),
        )
        .await;
    let page = first.ok();
    assert_eq!(strings(&page["items"], "name"), ["Severity", "Customer"]);
    assert!(
        page["items"][0]["type_config"]["options"].is_array(),
        "full"
    );
    let cursor = page["next_cursor"].as_str().unwrap();
    let second = s
        .call(
            LIST,
            json!({"list": "901101001", "limit": 2, "detail_level": "full", "cursor": cursor}),
        )
        .await;
    assert_eq!(
        strings(&second.ok()["items"], "name"),
        ["Effort", "Release date"]
    );

    let named = s
        .call(LIST, json!({"list": "901101001", "name": "RE"}))
        .await;
    assert_eq!(
        strings(&named.ok()["items"], "name"),
        ["Release date", "Reviewer"]
    );

    let (none, calls) = s
        .traced(LIST, json!({"list": "901101001", "space": "90011001"}))
        .await;
    assert_eq!(none.code(), "invalid_argument");
    assert!(calls.is_empty());
}

#[tokio::test]
async fn a_free_caller_may_list_fields_but_not_write_values() {
    let s = free().await;
    for tool in [SET, REMOVE] {
        let (answer, calls) = s
            .traced(
                tool,
                json!({"task": "86aa0005", "field": "Severity", "value": "Low"}),
            )
            .await;
        assert_eq!(answer.code_for(tool), "premium_required");
        assert!(calls.is_empty(), "{tool}: {calls:?}");
    }
}

#[tokio::test]
async fn a_drop_down_is_set_by_label_as_its_option_id_and_read_back() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            SET,
            json!({"task": "86aa0005", "field": "severity", "value": "low"}),
        )
        .await;
    let out = answer.ok();
    assert_eq!(
        calls,
        [
            "GET /v2/task/86aa0005".to_owned(),
            "GET /v2/list/901101001/field".to_owned(),
            format!("POST /v2/task/86aa0005/field/{}", field_id(1)),
            "GET /v2/task/86aa0005".to_owned(),
        ]
    );
    assert_eq!(out["field"]["name"], "Severity");
    assert_eq!(out["field"]["value"], "Low");
    assert_eq!(
        (out["verified"].clone(), out["not_applied"].clone()),
        (json!(true), json!([]))
    );
    assert_eq!(
        value(&s, "86aa0005", 1).await,
        json!(0),
        "ClickUp shows the orderindex"
    );

    let (unknown, calls) = s
        .traced(
            SET,
            json!({"task": "86aa0005", "field": "Severity", "value": "Blocker"}),
        )
        .await;
    assert_eq!(unknown.code(), "invalid_argument");
    assert!(
        unknown.message().contains("Low, Medium, High, Critical")
            && unknown.message().contains("`value`"),
        "{}",
        unknown.message()
    );
    assert!(calls.iter().all(|c| !c.starts_with("POST")), "{calls:?}");
}

#[tokio::test]
async fn dates_labels_and_people_take_the_shape_their_type_needs() {
    let s = premium().await;

    let date = s
        .call(
            SET,
            json!({"task": "86aa0005", "field": "Release date", "value": "2025-03-01"}),
        )
        .await;
    assert_eq!(
        date.ok()["field"]["value"],
        "2025-03-01",
        "a date without a time of day reads back as one, not as 04:00"
    );
    assert_eq!(value(&s, "86aa0005", 4).await, "1740801600000");

    let labels = s
        .call(
            SET,
            json!({"task": "86aa0001", "field": "Components", "value": ["UI", "db"]}),
        )
        .await;
    assert_eq!(labels.ok()["not_applied"], json!([]));
    assert_eq!(
        value(&s, "86aa0001", 6).await,
        json!([option_id(12), option_id(13)])
    );

    // Reviewer is Bob: the final set [Alice] is sent as {add: [Alice], rem: [Bob]}.
    let people = s
        .call(
            SET,
            json!({"task": "ENG-1", "field": "Reviewer", "value": ["me"]}),
        )
        .await;
    let out = people.ok();
    assert_eq!(out["not_applied"], json!([]));
    assert_eq!(out["task"]["custom_id"], "ENG-1");
    let reviewers = value(&s, "86aa0001", 7).await;
    assert_eq!(strings(&reviewers, "username"), ["Alice Andersen"]);

    let wrong = s
        .call(
            SET,
            json!({"task": "86aa0001", "field": "Effort", "value": "lots"}),
        )
        .await;
    assert_eq!(wrong.code(), "invalid_argument");
    assert!(wrong.message().contains("a number"), "{}", wrong.message());
}

#[tokio::test]
async fn null_clears_a_value_and_remove_clears_one_only_when_set() {
    let s = premium().await;

    let (cleared, calls) = s
        .traced(
            SET,
            json!({"task": "86aa0001", "field": "Effort", "value": null}),
        )
        .await;
    assert_eq!(cleared.ok()["field"]["value"], Value::Null);
    assert!(
        calls.contains(&format!("DELETE /v2/task/86aa0001/field/{}", field_id(3))),
        "{calls:?}"
    );
    assert_eq!(value(&s, "86aa0001", 3).await, Value::Null);

    let (removed, calls) = s
        .traced(REMOVE, json!({"task": "ENG-1", "field": "customer"}))
        .await;
    assert_eq!(
        removed.ok(),
        &json!({"ok": true, "id": "86aa0001", "custom_id": "ENG-1", "removed": true,
                "field": {"id": field_id(2), "name": "Customer", "type": "text"}})
    );
    assert_eq!(
        calls,
        [
            "GET /v2/task/ENG-1?custom_task_ids=true&team_id=9000001".to_owned(),
            format!("DELETE /v2/task/86aa0001/field/{}", field_id(2)),
        ]
    );
    assert_eq!(value(&s, "86aa0001", 2).await, Value::Null);

    let (again, calls) = s
        .traced(REMOVE, json!({"task": "86aa0001", "field": "Customer"}))
        .await;
    assert_eq!(again.ok()["removed"], false);
    assert_eq!(calls, ["GET /v2/task/86aa0001"]);

    let unknown = s
        .call(REMOVE, json!({"task": "86aa0001", "field": "Colour"}))
        .await;
    assert_eq!(unknown.code(), "not_found");
    assert!(
        unknown.message().contains("Severity"),
        "{}",
        unknown.message()
    );
}

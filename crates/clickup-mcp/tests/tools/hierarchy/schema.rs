//! `clickup_list_schema_get`.

use serde_json::json;

use crate::hierarchy::mcp::{Session, strings};

const SCHEMA: &str = "clickup_list_schema_get";

fn sorted(mut calls: Vec<String>) -> Vec<String> {
    calls.sort();
    calls
}

#[tokio::test]
async fn a_list_schema_has_statuses_fields_with_options_priorities_task_types_and_clickapps() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (answer, calls) = s.traced(SCHEMA, json!({"list": "Sprint 12"})).await;

    let schema = answer.ok();
    assert_eq!(
        schema["list"],
        json!({"id": "901101001", "name": "Sprint 12"})
    );
    assert_eq!(
        strings(&schema["statuses"], "name"),
        ["to do", "in progress", "review", "complete"]
    );
    assert_eq!(schema["statuses"][3]["type"], "closed");
    assert_eq!(schema["statuses"][1]["order"], 1);
    let fields = &schema["custom_fields"];
    let severity = fields
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "Severity")
        .unwrap();
    assert_eq!(severity["type"], "drop_down");
    assert_eq!(
        strings(&severity["options"], "label"),
        ["Low", "Medium", "High", "Critical"]
    );
    assert_eq!(
        severity["options"][2]["id"],
        "6a1c0000-0000-4000-8000-000000000003"
    );
    let components = fields
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "Components")
        .unwrap();
    assert_eq!(
        strings(&components["options"], "label"),
        ["api", "ui", "db"]
    );
    assert_eq!(schema["priorities_enabled"], true);
    assert_eq!(
        strings(&schema["priorities"], "name"),
        ["urgent", "high", "normal", "low"]
    );
    assert_eq!(
        strings(&schema["task_types"], "name"),
        ["Task", "Milestone", "Bug", "Epic"]
    );
    assert!(
        schema["clickapps"]
            .as_array()
            .unwrap()
            .contains(&json!("custom_fields"))
    );
    assert_eq!(
        sorted(calls),
        [
            "GET /v2/list/901101001",
            "GET /v2/list/901101001/field",
            "GET /v2/space/90011001",
            "GET /v2/team/9000001/custom_item",
        ]
    );
}

#[tokio::test]
async fn the_fields_argument_narrows_the_custom_fields_and_an_unknown_one_lists_candidates() {
    let s = Session::alice().await;

    let subset = s
        .call(SCHEMA, json!({"list": "Bugs", "fields": ["found in version", "5f1b0000-0000-4000-8000-000000000001"]}))
        .await;
    let fields = &subset.ok()["custom_fields"];
    assert_eq!(strings(fields, "name"), ["Found in version", "Severity"]);
    assert_eq!(fields[0]["required"], true);

    let unknown = s
        .call(SCHEMA, json!({"list": "Bugs", "fields": ["Budget"]}))
        .await;
    assert_eq!(unknown.code_for("a field of another list"), "not_found");
    assert!(unknown.candidate_names().contains(&"Severity".to_owned()));
}

#[tokio::test]
async fn a_list_outside_the_tree_is_read_first_to_find_its_space() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (answer, calls) = s.traced(SCHEMA, json!({"list": "901101007"})).await;

    assert_eq!(answer.ok()["space"]["id"], "90011001");
    assert_eq!(calls.last().unwrap(), "GET /v2/space/90011001", "{calls:?}");
    assert_eq!(calls.len(), 4);
}

//! `clickup_key_result_create`, `clickup_key_result_update`, `clickup_key_result_delete`.

use serde_json::json;

use crate::goals_templates::mcp::{premium, strings};

const SHIP_V2: &str = "9a000001-0000-4000-8000-000000000001";
const FEATURES: &str = "9a000001-0000-4000-8000-0000000000a1";

#[tokio::test]
async fn a_key_result_links_tasks_and_lists_by_reference_and_is_read_back_through_its_goal() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_key_result_create",
            json!({
                "goal": SHIP_V2, "name": "Sprint work", "type": "automatic",
                "tasks": ["86aa0001"], "lists": ["901101002"],
            }),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["verified"], true);
    assert_eq!(out["not_applied"], json!([]));
    assert_eq!(out["key_result"]["task_ids"], json!(["86aa0001"]));
    assert_eq!(out["key_result"]["list_ids"], json!(["901101002"]));
    assert_eq!(
        calls,
        [
            format!("POST /v2/goal/{SHIP_V2}/key_result"),
            format!("GET /v2/goal/{SHIP_V2}"),
        ]
    );

    let (answer, _) = s
        .traced(
            "clickup_key_result_create",
            json!({"goal": SHIP_V2, "name": "Docs pages", "type": "number", "steps_end": 20, "unit": "pages"}),
        )
        .await;
    let created = answer.ok();
    assert_eq!(created["key_result"]["steps_start"], 0.0);
    assert_eq!(created["key_result"]["steps_end"], 20.0);
    assert_eq!(
        strings(&created["key_result"]["owners"], "name"),
        ["Alice Andersen"]
    );

    let automatic_without_links = s
        .call(
            "clickup_key_result_create",
            json!({"goal": SHIP_V2, "name": "x", "type": "automatic"}),
        )
        .await;
    assert_eq!(automatic_without_links.code(), "invalid_argument");
}

#[tokio::test]
async fn progress_is_recorded_with_a_note_and_moves_the_goal() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_key_result_update",
            json!({"key_result_id": FEATURES, "steps_current": 10, "note": "all shipped"}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["verified"], true);
    assert_eq!(out["key_result"]["steps_current"], 10.0);
    assert_eq!(out["key_result"]["percent_completed"], 100.0);
    assert_eq!(out["key_result"]["completed"], true);
    assert_eq!(out["key_result"]["last_note"], "all shipped");
    assert_eq!(
        calls,
        [
            format!("PUT /v2/key_result/{FEATURES}"),
            format!("GET /v2/goal/{SHIP_V2}"),
        ]
    );

    let (answer, calls) = s
        .traced(
            "clickup_key_result_delete",
            json!({"key_result_id": FEATURES}),
        )
        .await;
    assert_eq!(answer.ok()["ok"], true);
    assert_eq!(calls, [format!("DELETE /v2/key_result/{FEATURES}")]);
    let goal = s.clickup_get(&format!("/v2/goal/{SHIP_V2}")).await;
    assert_eq!(
        strings(&goal["goal"]["key_results"], "name"),
        ["Sprint 12 done"]
    );

    let again = s
        .call(
            "clickup_key_result_delete",
            json!({"key_result_id": FEATURES}),
        )
        .await;
    assert_eq!(again.code(), "not_found");
}

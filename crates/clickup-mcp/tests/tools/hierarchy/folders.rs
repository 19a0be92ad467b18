//! `clickup_folder_list`, `clickup_folder_get`, `clickup_folder_create`, `clickup_folder_update`.

use serde_json::json;

use crate::hierarchy::mcp::{Session, strings};

const LIST: &str = "clickup_folder_list";
const GET: &str = "clickup_folder_get";
const CREATE: &str = "clickup_folder_create";
const UPDATE: &str = "clickup_folder_update";

#[tokio::test]
async fn folders_of_a_space_come_with_their_lists() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (answer, calls) = s.traced(LIST, json!({"space": "Engineering"})).await;

    let page = answer.ok();
    assert_eq!(strings(&page["items"], "name"), ["Backend", "Frontend"]);
    assert_eq!(
        strings(&page["items"][0]["lists"], "name"),
        ["Sprint 12", "Bugs"]
    );
    assert_eq!(page["items"][0]["space"]["id"], "90011001");
    assert_eq!(calls, ["GET /v2/space/90011001/folder?archived=false"]);

    let archived = s
        .call(LIST, json!({"space": "Engineering", "archived": true}))
        .await;
    assert_eq!(strings(&archived.ok()["items"], "name"), ["2024 Projects"]);
}

#[tokio::test]
async fn a_folder_by_path_is_read_with_its_lists() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (answer, calls) = s
        .traced(GET, json!({"folder": "Marketing/Campaigns"}))
        .await;

    let folder = answer.ok();
    assert_eq!(folder["id"], "90111003");
    assert_eq!(strings(&folder["lists"], "name"), ["Q3 Launch", "Backlog"]);
    assert_eq!(folder["lists"][1]["task_count"], 242, "{folder}");
    assert_eq!(calls, ["GET /v2/folder/90111003"]);

    let wrong_kind = s.call(GET, json!({"folder": "Engineering/Roadmap"})).await;
    assert_eq!(wrong_kind.code_for("a list path"), "not_found");
}

#[tokio::test]
async fn a_created_folder_is_verified_and_resolvable_by_path_at_once() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (answer, calls) = s
        .traced(CREATE, json!({"space_id": "90011002", "name": "  Events "}))
        .await;

    let result = answer.ok();
    assert_eq!(result["verified"], true);
    assert_eq!(result["not_applied"], json!([]));
    assert_eq!(result["folder"]["name"], "Events", "trimmed");
    let id = result["folder"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        calls,
        [
            "POST /v2/space/90011002/folder".to_owned(),
            format!("GET /v2/folder/{id}")
        ]
    );

    let found = s
        .call(
            "clickup_location_get",
            json!({"location": "Marketing/Events"}),
        )
        .await;
    assert_eq!(found.ok()["id"], id.as_str());

    let empty = s
        .call(CREATE, json!({"space": "Marketing", "name": "   "}))
        .await;
    assert_eq!(empty.code_for("blank name"), "invalid_argument");
}

#[tokio::test]
async fn a_renamed_folder_is_verified_by_reading_it_again() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (answer, calls) = s
        .traced(UPDATE, json!({"folder": "Frontend", "name": "Web"}))
        .await;

    let result = answer.ok();
    assert_eq!(
        (&result["verified"], &result["folder"]["name"]),
        (&json!(true), &json!("Web"))
    );
    assert_eq!(
        calls,
        ["PUT /v2/folder/90111002", "GET /v2/folder/90111002"]
    );
    assert_eq!(s.clickup_get("/v2/folder/90111002").await["name"], "Web");

    let moved = s
        .call(
            UPDATE,
            json!({"folder": "Web", "name": "Web", "space": "Marketing"}),
        )
        .await;
    assert_eq!(
        moved.code_for("a move"),
        "invalid_argument",
        "folders cannot move"
    );
}

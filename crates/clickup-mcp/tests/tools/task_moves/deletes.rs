//! `clickup_list_delete`, `clickup_folder_delete`, `clickup_space_delete`: whole names only,
//! the answer says what went, and the children go too.

use serde_json::json;

use crate::task_moves::mcp::{Session, strings};

#[tokio::test]
async fn a_list_is_deleted_by_path_with_its_tasks_and_forgotten_by_the_cache() {
    let s = Session::all().await;

    let (answer, calls) = s
        .traced(
            "clickup_list_delete",
            json!({"list": "Engineering/Frontend/UI Polish"}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(
        (out["ok"].clone(), out["id"].clone(), out["name"].clone()),
        (json!(true), json!("901101003"), json!("UI Polish"))
    );
    assert!(out["removed"].as_str().unwrap().contains("2 task"), "{out}");
    assert_eq!(
        &calls[calls.len() - 2..],
        ["GET /v2/list/901101003", "DELETE /v2/list/901101003"]
    );
    let gone = s
        .call("clickup_task_get", json!({"task": "86aa0010"}))
        .await;
    assert_eq!(gone.code(), "not_found");
    let (again, calls) = s
        .traced("clickup_location_get", json!({"location": "UI Polish"}))
        .await;
    assert_eq!(again.code(), "not_found", "the cache forgot it");
    assert!(calls.iter().all(|c| !c.contains("901101003")), "{calls:?}");
}

#[tokio::test]
async fn a_part_of_a_name_deletes_nothing_and_offers_the_match() {
    let s = Session::all().await;

    let (answer, calls) = s
        .traced("clickup_list_delete", json!({"list": "Roadma"}))
        .await;

    assert_eq!(answer.code(), "not_found");
    assert_eq!(answer.data["error"]["candidates"][0]["id"], "901101004");
    assert!(calls.iter().all(|c| !c.starts_with("DELETE")), "{calls:?}");
}

#[tokio::test]
async fn a_folder_goes_with_its_lists_and_a_space_with_everything() {
    let s = Session::all().await;

    let folder = s
        .call(
            "clickup_folder_delete",
            json!({"folder": "Engineering/Backend"}),
        )
        .await;
    let out = folder.ok();
    assert_eq!(out["name"], "Backend");
    assert!(out["removed"].as_str().unwrap().contains("2 list"), "{out}");
    let folders = s
        .call("clickup_folder_list", json!({"space": "90011001"}))
        .await;
    assert_eq!(strings(&folders.ok()["items"], "name"), ["Frontend"]);
    assert_eq!(
        s.call("clickup_task_get", json!({"task": "86aa0005"}))
            .await
            .code(),
        "not_found"
    );

    let (space, calls) = s
        .traced("clickup_space_delete", json!({"space": "marketing"}))
        .await;
    assert_eq!(space.ok()["name"], "Marketing");
    assert_eq!(calls.last().unwrap(), "DELETE /v2/space/90011002");
    let spaces = s.call("clickup_space_list", json!({})).await;
    assert_eq!(strings(&spaces.ok()["items"], "name"), ["Engineering"]);
    assert_eq!(
        s.call("clickup_task_get", json!({"task": "86aa0020"}))
            .await
            .code(),
        "not_found"
    );
}

//! `clickup_hierarchy_get` and `clickup_location_get`.

use serde_json::{Value, json};

use crate::hierarchy::mcp::{CAROL, Session, strings};

const HIERARCHY: &str = "clickup_hierarchy_get";
const LOCATION: &str = "clickup_location_get";

fn sorted(mut calls: Vec<String>) -> Vec<String> {
    calls.sort();
    calls
}

#[tokio::test]
async fn the_tree_is_read_once_and_then_served_from_the_cache() {
    let s = Session::alice().await;
    s.call("clickup_workspace_list", json!({})).await.ok();

    let (first, calls) = s.traced(HIERARCHY, json!({})).await;

    let page = first.ok();
    assert_eq!(
        strings(&page["items"], "name"),
        ["Engineering", "Marketing"]
    );
    let engineering = &page["items"][0];
    assert_eq!(engineering["kind"], "space");
    assert_eq!(engineering["id"], "90011001");
    assert_eq!(
        strings(&engineering["folders"], "name"),
        ["Backend", "Frontend"]
    );
    assert_eq!(
        strings(&engineering["folders"][0]["lists"], "name"),
        ["Sprint 12", "Bugs"],
        "the archived Sprint 11 is left out"
    );
    assert_eq!(strings(&engineering["lists"], "name"), ["Roadmap"]);
    assert_eq!(
        (&page["has_more"], &page["next_cursor"]),
        (&json!(false), &Value::Null)
    );
    assert_eq!(
        sorted(calls),
        [
            "GET /v2/space/90011001/folder?archived=false",
            "GET /v2/space/90011001/list?archived=false",
            "GET /v2/space/90011002/folder?archived=false",
            "GET /v2/space/90011002/list?archived=false",
            "GET /v2/team/9000001/space?archived=false",
        ]
    );

    let (second, calls) = s.traced(HIERARCHY, json!({"space": "marketing"})).await;
    assert_eq!(strings(&second.ok()["items"], "name"), ["Marketing"]);
    assert_eq!(calls, Vec::<String>::new(), "served from the cache");
}

#[tokio::test]
async fn the_tree_pages_by_space_and_a_cursor_is_bound_to_its_arguments() {
    let s = Session::alice().await;

    let first = s.call(HIERARCHY, json!({"limit": 1, "max_depth": 0})).await;
    let page = first.ok();
    assert_eq!(strings(&page["items"], "name"), ["Engineering"]);
    assert!(
        page["items"][0].get("folders").is_none(),
        "depth 0: spaces only"
    );
    assert_eq!(page["has_more"], true);
    let cursor = page["next_cursor"].as_str().unwrap();

    let second = s
        .call(
            HIERARCHY,
            json!({"limit": 1, "max_depth": 0, "cursor": cursor}),
        )
        .await;
    assert_eq!(strings(&second.ok()["items"], "name"), ["Marketing"]);
    assert_eq!(second.ok()["has_more"], false);

    let other = s
        .call(HIERARCHY, json!({"limit": 1, "cursor": cursor}))
        .await;
    assert_eq!(other.code_for("another max_depth"), "invalid_argument");
    let forged = s
        .call(HIERARCHY, json!({"max_depth": 0, "cursor": "AAAA"}))
        .await;
    assert_eq!(forged.code_for("forged cursor"), "invalid_argument");
    let too_deep = s.call(HIERARCHY, json!({"max_depth": 3})).await;
    assert_eq!(too_deep.code_for("max_depth 3"), "invalid_argument");
}

#[tokio::test]
async fn archived_items_and_task_counts_come_from_a_fresh_read() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (answer, calls) = s
        .traced(
            HIERARCHY,
            json!({"archived": true, "detail_level": "full", "space": "90011003"}),
        )
        .await;

    let page = answer.ok();
    let archive = &page["items"][0];
    assert_eq!(archive["name"], "Archive");
    assert_eq!(archive["archived"], true);
    assert_eq!(archive["private"], false);
    assert_eq!(strings(&archive["lists"], "name"), ["Old stuff"]);
    assert_eq!(
        sorted(calls),
        [
            "GET /v2/space/90011003/folder?archived=false",
            "GET /v2/space/90011003/folder?archived=true",
            "GET /v2/space/90011003/list?archived=false",
            "GET /v2/space/90011003/list?archived=true",
            "GET /v2/team/9000001/space?archived=false",
            "GET /v2/team/9000001/space?archived=true",
        ]
    );

    let engineering = s
        .call(
            HIERARCHY,
            json!({"archived": true, "detail_level": "full", "space": "Engineering"}),
        )
        .await;
    let folders = &engineering.ok()["items"][0]["folders"];
    assert_eq!(
        strings(folders, "name"),
        ["Backend", "Frontend", "2024 Projects"]
    );
    assert_eq!(folders[2]["archived"], true);
    assert!(
        folders[0].get("archived").is_none(),
        "only archived items are marked"
    );
    assert_eq!(
        folders[0]["lists"][0]["task_count"], 6,
        "{}",
        engineering.text
    );

    let live_only = s.call(HIERARCHY, json!({"space": "90011003"})).await;
    assert_eq!(
        live_only.code_for("an archived space without archived"),
        "not_found"
    );
}

#[tokio::test]
async fn the_shared_scope_lists_what_is_shared_with_the_caller() {
    let s = Session::of(CAROL).await;

    let (answer, calls) = s.traced(HIERARCHY, json!({"scope": "shared"})).await;

    let page = answer.ok();
    assert_eq!(strings(&page["items"], "kind"), ["list", "task"]);
    assert_eq!(strings(&page["items"], "id"), ["901101005", "86aa0012"]);
    assert_eq!(page["items"][0]["name"], "Q3 Launch");
    assert!(
        calls.ends_with(&["GET /v2/team/9000001/shared".to_owned()]),
        "{calls:?}"
    );

    let with_space = s
        .call(
            HIERARCHY,
            json!({"scope": "shared", "space": "Engineering"}),
        )
        .await;
    assert_eq!(with_space.code_for("space with shared"), "invalid_argument");
}

#[tokio::test]
async fn a_path_resolves_to_its_kind_ids_and_full_path_without_a_clickup_call() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let cases = [
        (
            json!({"location": "Engineering/Backend/Bugs"}),
            "list",
            "901101002",
            "Engineering/Backend/Bugs",
        ),
        (
            json!({"location": "engineering/roadmap"}),
            "list",
            "901101004",
            "Engineering/Roadmap",
        ),
        (
            json!({"location": "Marketing/Campaigns"}),
            "folder",
            "90111003",
            "Marketing/Campaigns",
        ),
        (
            json!({"location": "Campaigns", "kind": "folder"}),
            "folder",
            "90111003",
            "Marketing/Campaigns",
        ),
        (
            json!({"location": "https://app.clickup.com/9000001/v/li/901101001"}),
            "list",
            "901101001",
            "Engineering/Backend/Sprint 12",
        ),
        (
            json!({"location": "90011002"}),
            "space",
            "90011002",
            "Marketing",
        ),
    ];
    for (args, kind, id, path) in cases {
        let (answer, calls) = s.traced(LOCATION, args.clone()).await;
        let found = answer.ok();
        assert_eq!(
            (found["kind"].as_str(), found["id"].as_str()),
            (Some(kind), Some(id)),
            "{args}"
        );
        assert_eq!(found["path"], path, "{args}");
        assert_eq!(found["workspace_id"], "9000001");
        assert_eq!(found["archived"], false);
        assert!(calls.is_empty(), "{args}: {calls:?}");
    }
    let list = s
        .call(LOCATION, json!({"location": "Engineering/Backend/Bugs"}))
        .await;
    assert_eq!(
        (&list.ok()["space_id"], &list.ok()["folder_id"]),
        (&json!("90011001"), &json!("90111001"))
    );
}

#[tokio::test]
async fn a_name_in_several_places_is_ambiguous_with_candidates() {
    let s = Session::alice().await;

    let answer = s
        .call(LOCATION, json!({"location": "e", "kind": "space"}))
        .await;

    assert_eq!(answer.code_for("ambiguous"), "ambiguous");
    assert_eq!(answer.candidate_names(), ["Engineering", "Marketing"]);
    let paths = strings(&answer.data["error"]["candidates"], "path");
    assert!(paths.iter().all(|p| !p.is_empty()), "{paths:?}");
    // A client that shows only the text shows the model the candidates too.
    for candidate in answer.data["error"]["candidates"].as_array().unwrap() {
        let line = format!(
            "- {} (id {}), {}",
            candidate["name"].as_str().unwrap(),
            candidate["id"].as_str().unwrap(),
            candidate["path"].as_str().unwrap()
        );
        assert!(answer.text.contains(&line), "{line} in {}", answer.text);
    }
}

#[tokio::test]
async fn an_archived_list_is_found_by_id_and_kind_with_its_path_read_from_clickup() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (answer, calls) = s
        .traced(LOCATION, json!({"location": "901101007", "kind": "list"}))
        .await;

    let found = answer.ok();
    assert_eq!(found["name"], "Sprint 11");
    assert_eq!(found["archived"], true);
    assert_eq!(found["path"], "Engineering/Backend/Sprint 11");
    assert_eq!(calls, ["GET /v2/list/901101007"]);

    // Without `kind`, ClickUp is asked: a list first (one request when it is one).
    let (without_kind, calls) = s.traced(LOCATION, json!({"location": "901101007"})).await;
    assert_eq!(without_kind.ok()["archived"], true);
    assert_eq!(without_kind.ok()["kind"], "list");
    assert_eq!(calls, ["GET /v2/list/901101007"]);

    let unknown = s
        .call(LOCATION, json!({"location": "901109999", "kind": "list"}))
        .await;
    assert_eq!(
        unknown.code_for("unknown id"),
        "not_found",
        "{}",
        unknown.text
    );
    let nothing = s.call(LOCATION, json!({"location": "Nowhere"})).await;
    assert_eq!(nothing.code_for("unknown name"), "not_found");
    assert!(nothing.message().contains("clickup_hierarchy_get"));
}

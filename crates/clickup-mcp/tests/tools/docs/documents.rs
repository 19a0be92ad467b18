//! `clickup_doc_search`, `clickup_doc_get`, `clickup_doc_create`.

use clickup_sandbox::SeedSize;
use serde_json::json;

use crate::docs::mcp::{CAROL, Session, premium, strings};
use crate::helpers::AppOptions;

const DOCS: &str = "/v3/workspaces/9000001/docs";

#[tokio::test]
async fn the_search_lists_live_docs_the_caller_sees_in_one_request() {
    let s = premium().await;

    let (answer, calls) = s.traced("clickup_doc_search", json!({})).await;

    let page = answer.ok();
    assert_eq!(
        strings(&page["items"], "name"),
        [
            "Engineering Handbook",
            "Sprint 12 notes",
            "Launch plan",
            "Company wiki",
            "Alice's drafts"
        ],
        "archived and deleted docs are left out"
    );
    assert_eq!(page["has_more"], false);
    let handbook = &page["items"][0];
    assert_eq!(handbook["id"], "8cdu0-1001");
    assert_eq!(
        handbook["location"],
        json!({"type": "space", "id": "90011001"})
    );
    assert_eq!(handbook["creator"]["name"], "Alice Andersen");
    assert_eq!(handbook["visibility"], "PUBLIC");
    assert_eq!(page["items"][4]["visibility"], "PRIVATE");
    assert_eq!(calls, [format!("GET {DOCS}?limit=50")]);

    // Carol does not see Alice's private doc.
    let carol = Session::of(CAROL).await.premium().await.on("/mcp/x/all");
    let hers = carol.call("clickup_doc_search", json!({})).await;
    assert!(
        !strings(&hers.ok()["items"], "name").contains(&"Alice's drafts".to_owned()),
        "{}",
        hers.text
    );
}

#[tokio::test]
async fn filters_go_to_clickup_and_the_name_query_is_matched_here() {
    let s = premium().await;

    let (by_name, calls) = s
        .traced("clickup_doc_search", json!({"query": "NOTES"}))
        .await;
    assert_eq!(strings(&by_name.ok()["items"], "name"), ["Sprint 12 notes"]);
    assert_eq!(
        calls,
        [format!("GET {DOCS}?limit=100")],
        "ClickUp has no text filter: whole pages are read"
    );

    let (archived, calls) = s
        .traced("clickup_doc_search", json!({"archived": true}))
        .await;
    assert_eq!(strings(&archived.ok()["items"], "name"), ["Old roadmap"]);
    assert_eq!(calls, [format!("GET {DOCS}?archived=true&limit=50")]);

    let (bobs, calls) = s
        .traced("clickup_doc_search", json!({"creator": "bob@example.com"}))
        .await;
    assert_eq!(strings(&bobs.ok()["items"], "name"), ["Sprint 12 notes"]);
    assert_eq!(calls, [format!("GET {DOCS}?creator=81000002&limit=50")]);

    let (in_space, calls) = s
        .traced("clickup_doc_search", json!({"parent": "Engineering"}))
        .await;
    assert_eq!(
        strings(&in_space.ok()["items"], "name"),
        ["Engineering Handbook"]
    );
    assert_eq!(
        calls.last().unwrap(),
        &format!("GET {DOCS}?parent_id=90011001&parent_type=SPACE&limit=50"),
        "the parent type is a word in the search: {calls:?}"
    );

    let (in_list, calls) = s
        .traced(
            "clickup_doc_search",
            json!({"parent": "Engineering/Backend/Sprint 12"}),
        )
        .await;
    assert_eq!(strings(&in_list.ok()["items"], "name"), ["Sprint 12 notes"]);
    assert_eq!(
        calls.last().unwrap(),
        &format!("GET {DOCS}?parent_id=901101001&parent_type=LIST&limit=50")
    );
}

#[tokio::test]
async fn small_pages_continue_inside_clickups_page_of_ten() {
    let s = premium().await;

    let (first, calls) = s.traced("clickup_doc_search", json!({"limit": 2})).await;
    let first = first.ok();
    assert_eq!(
        strings(&first["items"], "name"),
        ["Engineering Handbook", "Sprint 12 notes"]
    );
    assert_eq!(first["has_more"], true);
    assert_eq!(
        calls,
        [format!("GET {DOCS}?limit=10")],
        "ClickUp's smallest page is 10"
    );

    let cursor = first["next_cursor"].as_str().unwrap();
    let (second, calls) = s
        .traced("clickup_doc_search", json!({"limit": 2, "cursor": cursor}))
        .await;
    let second = second.ok();
    assert_eq!(
        strings(&second["items"], "name"),
        ["Launch plan", "Company wiki"]
    );
    assert_eq!(calls, [format!("GET {DOCS}?limit=10")]);

    let cursor = second["next_cursor"].as_str().unwrap();
    let third = s
        .call("clickup_doc_search", json!({"limit": 2, "cursor": cursor}))
        .await;
    assert_eq!(strings(&third.ok()["items"], "name"), ["Alice's drafts"]);
    assert_eq!(third.ok()["has_more"], false);

    let other = s
        .call(
            "clickup_doc_search",
            json!({"cursor": cursor, "archived": true}),
        )
        .await;
    assert_eq!(
        other.code_for("a cursor of other filters"),
        "invalid_argument"
    );
}

#[tokio::test]
async fn a_large_workspace_is_searched_page_after_page_with_clickups_cursor() {
    let options = AppOptions {
        seed: SeedSize::Large,
        ..AppOptions::default()
    };
    let s = Session::with(options, crate::mcp_calls::ALICE)
        .await
        .premium()
        .await
        .on("/mcp/x/all");
    s.call("clickup_workspace_list", json!({})).await.ok();
    let globex = "/v3/workspaces/9000003/docs";

    let (first, calls) = s
        .traced(
            "clickup_doc_search",
            json!({"workspace_id": "9000003", "limit": 100}),
        )
        .await;
    let first = first.ok();
    assert_eq!(first["items"].as_array().unwrap().len(), 100);
    assert_eq!(first["has_more"], true);
    assert_eq!(calls, [format!("GET {globex}?limit=100")]);

    let cursor = first["next_cursor"].as_str().unwrap();
    let (second, calls) = s
        .traced(
            "clickup_doc_search",
            json!({"workspace_id": "9000003", "limit": 100, "cursor": cursor}),
        )
        .await;
    let second = second.ok();
    assert_eq!(second["items"].as_array().unwrap().len(), 50);
    assert_eq!(second["has_more"], false);
    assert_eq!(calls.len(), 1);
    assert!(
        calls[0].starts_with(&format!("GET {globex}?limit=100&next_cursor=")),
        "{calls:?}"
    );

    // A name that matches 15 of 150 docs: both upstream pages read in one call.
    let (runbooks, calls) = s
        .traced(
            "clickup_doc_search",
            json!({"workspace_id": "9000003", "query": "postmortem 1"}),
        )
        .await;
    let names = strings(&runbooks.ok()["items"], "name");
    assert!(
        names.iter().all(|n| n.starts_with("Postmortem 1")),
        "{names:?}"
    );
    assert_eq!(names.len(), 15, "{names:?}");
    assert_eq!(calls.len(), 2, "{calls:?}");
}

#[tokio::test]
async fn a_doc_is_read_by_id_and_an_unknown_one_is_not_found() {
    let s = premium().await;

    let (answer, calls) = s
        .traced("clickup_doc_get", json!({"doc_id": "8cdu0-1003"}))
        .await;

    let doc = answer.ok();
    assert_eq!(doc["name"], "Launch plan");
    assert_eq!(doc["location"], json!({"type": "folder", "id": "90111003"}));
    assert_eq!(doc["created"], "2024-12-24T10:00:00+00:00");
    assert_eq!(calls, [format!("GET {DOCS}/8cdu0-1003")]);

    let missing = s.call("clickup_doc_get", json!({"doc_id": "nope"})).await;
    assert_eq!(missing.code_for("an unknown doc"), "not_found");
    assert_eq!(missing.data["error"]["upstream"]["status"], 404);
}

#[tokio::test]
async fn a_doc_is_created_in_a_list_with_a_first_page_and_read_back() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_doc_create",
            json!({
                "name": "Sprint 13 plan",
                "parent": "Engineering/Backend/Sprint 12",
                "visibility": "PRIVATE",
                "content": "# Goals\n\n- Ship docs"
            }),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["verified"], true);
    assert_eq!(out["not_applied"], json!([]));
    let id = out["doc"]["id"].as_str().unwrap();
    let page = out["page"]["id"].as_str().unwrap();
    assert_eq!(
        out["doc"]["location"],
        json!({"type": "list", "id": "901101001"})
    );
    assert_eq!(out["doc"]["visibility"], "PRIVATE");
    assert_eq!(out["page"]["content"], "# Goals\n\n- Ship docs");
    assert_eq!(out["page"]["name"], "Sprint 13 plan");
    let tail: Vec<String> = calls.iter().rev().take(4).rev().cloned().collect();
    assert_eq!(
        tail,
        [
            format!("POST {DOCS}"),
            format!("POST {DOCS}/{id}/pages"),
            format!("GET {DOCS}/{id}"),
            format!("GET {DOCS}/{id}/pages/{page}?content_format=text%2Fmd"),
        ],
        "{calls:?}"
    );
    assert_eq!(
        s.body_of("POST", DOCS).await,
        json!({
            "name": "Sprint 13 plan",
            "parent": {"id": "901101001", "type": 6},
            "visibility": "PRIVATE",
            "create_page": false
        }),
        "the parent type is a number on create"
    );
    assert_eq!(
        s.body_of("POST", &format!("{DOCS}/{id}/pages")).await,
        json!({"name": "Sprint 13 plan", "content": "# Goals\n\n- Ship docs", "content_format": "text/md"})
    );
    let listing = s.clickup_get(&format!("{DOCS}/{id}/pageListing")).await;
    assert_eq!(
        listing.as_array().unwrap().len(),
        1,
        "no blank page besides: {listing}"
    );
}

#[tokio::test]
async fn a_doc_without_parent_goes_to_the_workspace_with_clickups_blank_page() {
    let s = premium().await;

    let (answer, calls) = s
        .traced("clickup_doc_create", json!({"name": "  Meeting notes  "}))
        .await;

    let out = answer.ok();
    let id = out["doc"]["id"].as_str().unwrap();
    assert_eq!(out["doc"]["name"], "Meeting notes");
    assert_eq!(
        out["doc"]["location"],
        json!({"type": "workspace", "id": "9000001"})
    );
    assert!(out.get("page").is_none());
    assert_eq!(calls, [format!("POST {DOCS}"), format!("GET {DOCS}/{id}")]);
    assert_eq!(
        s.body_of("POST", DOCS).await,
        json!({"name": "Meeting notes", "parent": {"id": "9000001", "type": 12}})
    );

    let blank = s.call("clickup_doc_create", json!({"name": "  "})).await;
    assert_eq!(blank.code_for("a blank name"), "invalid_argument");
    let nowhere = s
        .call(
            "clickup_doc_create",
            json!({"name": "x", "parent": "No such place"}),
        )
        .await;
    assert_eq!(nowhere.code_for("an unknown parent"), "not_found");
}

//! `clickup_doc_page_list`, `clickup_doc_page_get`, `clickup_doc_page_create`,
//! `clickup_doc_page_update`.

use serde_json::json;

use crate::docs::mcp::{premium, strings};

const HANDBOOK: &str = "/v3/workspaces/9000001/docs/8cdu0-1001";

#[tokio::test]
async fn a_doc_s_page_tree_is_listed_in_reading_order_with_depths() {
    let s = premium().await;

    let (answer, calls) = s
        .traced("clickup_doc_page_list", json!({"doc_id": "8cdu0-1001"}))
        .await;

    let page = answer.ok();
    assert_eq!(
        strings(&page["items"], "name"),
        ["Onboarding", "Laptop setup", "SSH keys", "Code review"]
    );
    let depths: Vec<u64> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["depth"].as_u64().unwrap())
        .collect();
    assert_eq!(depths, [0, 1, 2, 0]);
    assert_eq!(page["items"][2]["parent_page_id"], "8cdu0-2002");
    assert!(page["items"][0].get("content").is_none());
    assert_eq!(calls, [format!("GET {HANDBOOK}/pageListing")]);

    let (top, calls) = s
        .traced(
            "clickup_doc_page_list",
            json!({"doc_id": "8cdu0-1001", "max_page_depth": 0, "include_content": true, "limit": 1}),
        )
        .await;
    let top = top.ok();
    assert_eq!(strings(&top["items"], "name"), ["Onboarding"]);
    assert_eq!(
        top["items"][0]["content"],
        "# Onboarding\n\nWelcome to **Engineering**."
    );
    assert_eq!(top["has_more"], true);
    assert_eq!(
        calls,
        [format!(
            "GET {HANDBOOK}/pages?max_page_depth=0&content_format=text%2Fmd"
        )]
    );
    let cursor = top["next_cursor"].as_str().unwrap();
    let rest = s
        .call(
            "clickup_doc_page_list",
            json!({"doc_id": "8cdu0-1001", "max_page_depth": 0, "include_content": true, "cursor": cursor}),
        )
        .await;
    assert_eq!(strings(&rest.ok()["items"], "name"), ["Code review"]);
    assert_eq!(rest.ok()["has_more"], false);

    let bad = s
        .call(
            "clickup_doc_page_list",
            json!({"doc_id": "8cdu0-1001", "max_page_depth": -2}),
        )
        .await;
    assert_eq!(bad.code_for("a depth below -1"), "invalid_argument");
}

#[tokio::test]
async fn a_page_is_read_with_its_markdown_and_sub_pages() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_doc_page_get",
            json!({"doc_id": "8cdu0-1001", "page_id": "8cdu0-2001"}),
        )
        .await;

    let page = answer.ok();
    assert_eq!(page["name"], "Onboarding");
    assert_eq!(
        page["content"],
        "# Onboarding\n\nWelcome to **Engineering**."
    );
    assert_eq!(page["sub_page_ids"], json!(["8cdu0-2002"]));
    assert_eq!(page["parent_page_id"], json!(null));
    assert_eq!(
        calls,
        [format!(
            "GET {HANDBOOK}/pages/8cdu0-2001?content_format=text%2Fmd"
        )]
    );

    let other_doc = s
        .call(
            "clickup_doc_page_get",
            json!({"doc_id": "8cdu0-1002", "page_id": "8cdu0-2001"}),
        )
        .await;
    assert_eq!(other_doc.code_for("a page of another doc"), "not_found");
}

#[tokio::test]
async fn a_sub_page_is_added_and_read_back() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_doc_page_create",
            json!({
                "doc_id": "8cdu0-1001", "name": "Checklists", "parent_page_id": "8cdu0-2004",
                "sub_title": "Before merging", "content": "- [ ] Tests pass"
            }),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["verified"], true);
    assert_eq!(out["not_applied"], json!([]));
    let id = out["page"]["id"].as_str().unwrap();
    assert_eq!(out["page"]["parent_page_id"], "8cdu0-2004");
    assert_eq!(out["page"]["sub_title"], "Before merging");
    assert_eq!(
        calls,
        [
            format!("POST {HANDBOOK}/pages"),
            format!("GET {HANDBOOK}/pages/{id}?content_format=text%2Fmd"),
        ]
    );
    assert_eq!(
        s.body_of("POST", &format!("{HANDBOOK}/pages")).await,
        json!({
            "name": "Checklists", "parent_page_id": "8cdu0-2004", "sub_title": "Before merging",
            "content": "- [ ] Tests pass", "content_format": "text/md"
        })
    );
    let review = s.clickup_get(&format!("{HANDBOOK}/pages/8cdu0-2004")).await;
    assert_eq!(review["pages"][0]["id"], id);

    let orphan = s
        .call(
            "clickup_doc_page_create",
            json!({"doc_id": "8cdu0-1001", "name": "x", "parent_page_id": "8cdu0-9999"}),
        )
        .await;
    assert_eq!(orphan.code_for("an unknown parent page"), "not_found");
}

#[tokio::test]
async fn content_is_appended_prepended_or_replaced_and_read_back() {
    let s = premium().await;
    let path = format!("{HANDBOOK}/pages/8cdu0-2004");

    let (answer, calls) = s
        .traced(
            "clickup_doc_page_update",
            json!({"doc_id": "8cdu0-1001", "page_id": "8cdu0-2004", "content": "- Docs too", "mode": "append"}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["verified"], true);
    assert_eq!(out["not_applied"], json!([]));
    assert_eq!(
        out["page"]["content"],
        "- Small changes\n- Tests first\n\n- Docs too"
    );
    assert_eq!(
        calls,
        [
            format!("PUT {path}"),
            format!("GET {path}?content_format=text%2Fmd"),
        ]
    );
    assert_eq!(
        s.body_of("PUT", &path).await,
        json!({"content": "- Docs too", "content_edit_mode": "append", "content_format": "text/md"})
    );

    let prepended = s
        .call(
            "clickup_doc_page_update",
            json!({"doc_id": "8cdu0-1001", "page_id": "8cdu0-2004", "content": "Rules:", "mode": "prepend"}),
        )
        .await;
    assert!(
        prepended.ok()["page"]["content"]
            .as_str()
            .unwrap()
            .starts_with("Rules:\n\n- Small changes")
    );

    let (renamed, _) = s
        .traced(
            "clickup_doc_page_update",
            json!({"doc_id": "8cdu0-1001", "page_id": "8cdu0-2004", "name": "Reviews", "content": "New"}),
        )
        .await;
    assert_eq!(renamed.ok()["page"]["name"], "Reviews");
    assert_eq!(renamed.ok()["page"]["content"], "New");
    assert_eq!(
        s.body_of("PUT", &path).await,
        json!({"name": "Reviews", "content": "New", "content_edit_mode": "replace", "content_format": "text/md"})
    );

    let (nothing, calls) = s
        .traced(
            "clickup_doc_page_update",
            json!({"doc_id": "8cdu0-1001", "page_id": "8cdu0-2004"}),
        )
        .await;
    assert_eq!(nothing.code_for("no change"), "invalid_argument");
    assert!(calls.is_empty(), "{calls:?}");
    let mode_alone = s
        .call(
            "clickup_doc_page_update",
            json!({"doc_id": "8cdu0-1001", "page_id": "8cdu0-2004", "mode": "append"}),
        )
        .await;
    assert_eq!(
        mode_alone.code_for("a mode without content"),
        "invalid_argument"
    );
}

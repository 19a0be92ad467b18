//! `clickup_view_list`, `clickup_view_get`.

use serde_json::json;

use crate::views::mcp::{CAROL, Session, premium, strings};

#[tokio::test]
async fn views_are_listed_at_the_level_asked_for_and_only_there() {
    let s = premium().await;

    let (everything, calls) = s.traced("clickup_view_list", json!({})).await;
    let page = everything.ok();
    assert_eq!(strings(&page["items"], "name"), ["All work"]);
    assert_eq!(page["items"][0]["type"], "list");
    assert_eq!(
        page["items"][0]["parent"],
        json!({"kind": "workspace", "id": "9000001"})
    );
    assert!(
        page["items"][0].get("filters").is_none(),
        "summary leaves the settings out"
    );
    assert_eq!(page["has_more"], false);
    assert_eq!(calls, ["GET /v2/team/9000001/view"]);

    let (space, calls) = s
        .traced("clickup_view_list", json!({"space": "90011001"}))
        .await;
    assert_eq!(strings(&space.ok()["items"], "name"), ["Engineering board"]);
    assert_eq!(calls, ["GET /v2/space/90011001/view"]);

    let (folder, calls) = s
        .traced(
            "clickup_view_list",
            json!({"folder_id": "90111001", "detail_level": "full"}),
        )
        .await;
    let folder = folder.ok();
    assert_eq!(strings(&folder["items"], "name"), ["Bob's backend work"]);
    assert_eq!(folder["items"][0]["filters"]["show_closed"], true);
    assert_eq!(calls, ["GET /v2/folder/90111001/view"]);

    let (list, calls) = s
        .traced("clickup_view_list", json!({"list": "901101001"}))
        .await;
    let list = list.ok();
    assert_eq!(
        strings(&list["items"], "name"),
        ["Sprint chat", "Sprint board"]
    );
    assert_eq!(strings(&list["items"], "type"), ["conversation", "board"]);
    assert_eq!(calls, ["GET /v2/list/901101001/view"]);
}

#[tokio::test]
async fn a_level_may_be_named_by_path_and_only_one_level_is_taken() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_view_list",
            json!({"list": "Engineering/Backend/Sprint 12"}),
        )
        .await;
    assert_eq!(
        strings(&answer.ok()["items"], "name"),
        ["Sprint chat", "Sprint board"]
    );
    assert_eq!(calls.last().unwrap(), "GET /v2/list/901101001/view");

    let (both, calls) = s
        .traced(
            "clickup_view_list",
            json!({"space": "90011001", "list": "901101001"}),
        )
        .await;
    assert_eq!(both.code_for("two levels"), "invalid_argument");
    assert!(both.message().contains("at most one"), "{}", both.message());
    assert!(calls.is_empty(), "refused before any request: {calls:?}");
}

#[tokio::test]
async fn a_view_is_read_with_its_settings() {
    let s = premium().await;

    let (answer, calls) = s
        .traced("clickup_view_get", json!({"view_id": "3c9q1-1004"}))
        .await;

    let view = answer.ok();
    assert_eq!(view["name"], "Bob's backend work");
    assert_eq!(view["type"], "table");
    assert_eq!(view["parent"], json!({"kind": "folder", "id": "90111001"}));
    assert_eq!(
        view["filters"]["fields"],
        json!([{"field": "assignee", "op": "ANY", "values": ["81000002"]}])
    );
    assert_eq!(view["sorting"]["fields"][0]["field"], "dueDate");
    assert_eq!(view["columns"]["fields"][1]["field"], "dueDate");
    assert_eq!(view["settings"]["show_subtasks"], 3);
    assert_eq!(view["grouping"]["field"], "status");
    assert_eq!(calls, ["GET /v2/view/3c9q1-1004"]);
}

#[tokio::test]
async fn an_unknown_view_is_not_found_and_a_free_user_is_told_the_plan() {
    let s = premium().await;

    let missing = s
        .call("clickup_view_get", json!({"view_id": "3c9q1-9999"}))
        .await;
    assert_eq!(missing.code(), "not_found");

    let other = s
        .call("clickup_view_get", json!({"view_id": "3c9q1-2002"}))
        .await;
    assert_eq!(
        other.ok()["name"],
        "Research board",
        "Alice is also in Beta Labs"
    );

    let free = Session::alice().await.on("/mcp/x/all");
    let refused = free.call("clickup_view_list", json!({})).await;
    assert_eq!(refused.code_for("a free user"), "premium_required");
}

#[tokio::test]
async fn a_member_sees_the_views_of_her_workspace_only() {
    let s = Session::of(CAROL).await.premium().await.on("/mcp/x/all");

    let acme = s
        .call("clickup_view_list", json!({"space": "90011001"}))
        .await;
    assert_eq!(strings(&acme.ok()["items"], "name"), ["Engineering board"]);

    let (beta, calls) = s
        .traced("clickup_view_list", json!({"workspace_id": "9000002"}))
        .await;
    assert_eq!(beta.code_for("a workspace Carol is not in"), "not_found");
    assert!(
        !calls.iter().any(|c| c.contains("/view")),
        "no view read: {calls:?}"
    );
}

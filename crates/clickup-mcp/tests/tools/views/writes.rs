//! `clickup_view_create`, `clickup_view_update`, `clickup_view_delete`.

use serde_json::json;

use crate::views::mcp::premium;

#[tokio::test]
async fn a_view_is_created_with_clickups_defaults_under_the_keys_given_and_read_back() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_view_create",
            json!({
                "name": "Open work", "type": "board", "list_id": "901101001",
                "filters": {"fields": [{"field": "status", "op": "EQ", "values": ["to do"]}]},
                "settings": {"show_subtasks": 1},
            }),
        )
        .await;

    let out = answer.ok();
    let id = out["view"]["id"].as_str().unwrap();
    assert_eq!(out["verified"], true);
    assert_eq!(out["not_applied"], json!([]));
    assert_eq!(
        out["view"]["parent"],
        json!({"kind": "list", "id": "901101001"})
    );
    assert_eq!(
        calls,
        [
            "POST /v2/list/901101001/view".to_owned(),
            format!("GET /v2/view/{id}"),
        ]
    );
    let stored = s.clickup_get(&format!("/v2/view/{id}")).await;
    let view = &stored["view"];
    assert_eq!(view["type"], "board");
    assert_eq!(
        view["filters"],
        json!({"op": "AND", "search": "", "show_closed": false,
               "fields": [{"field": "status", "op": "EQ", "values": ["to do"]}]}),
        "the keys given go over ClickUp's default filters"
    );
    assert_eq!(view["settings"]["show_subtasks"], 1);
    assert_eq!(view["settings"]["show_assignees"], true, "defaults kept");
    assert_eq!(view["grouping"]["field"], "status");

    let (everything, calls) = s
        .traced(
            "clickup_view_create",
            json!({"name": "Team calendar", "type": "calendar"}),
        )
        .await;
    assert_eq!(
        everything.ok()["view"]["parent"],
        json!({"kind": "workspace", "id": "9000001"})
    );
    assert_eq!(calls[0], "POST /v2/team/9000001/view");

    let (space, calls) = s
        .traced(
            "clickup_view_create",
            json!({"name": "Marketing gantt", "type": "gantt", "space": "Marketing"}),
        )
        .await;
    assert_eq!(space.ok()["view"]["parent"]["id"], "90011002");
    assert!(
        calls.contains(&"POST /v2/space/90011002/view".to_owned()),
        "{calls:?}"
    );

    let (folder, calls) = s
        .traced(
            "clickup_view_create",
            json!({"name": "Backend map", "type": "map", "folder": "90111001"}),
        )
        .await;
    assert_eq!(folder.ok()["view"]["parent"]["kind"], "folder");
    assert_eq!(calls[0], "POST /v2/folder/90111001/view");
}

#[tokio::test]
async fn a_create_with_a_bad_type_or_name_is_refused_before_clickup_is_asked() {
    let s = premium().await;

    let (bad_type, calls) = s
        .traced(
            "clickup_view_create",
            json!({"name": "x", "type": "kanban"}),
        )
        .await;
    assert_eq!(bad_type.code_for("an unknown type"), "invalid_argument");
    assert!(calls.is_empty(), "{calls:?}");

    let (blank, calls) = s
        .traced("clickup_view_create", json!({"name": "  ", "type": "list"}))
        .await;
    assert_eq!(blank.code_for("a blank name"), "invalid_argument");
    assert!(calls.is_empty(), "{calls:?}");
}

#[tokio::test]
async fn an_update_merges_the_keys_given_over_the_current_view() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_view_update",
            json!({
                "view_id": "3c9q1-1004",
                "name": "Bob's open backend work",
                "filters": {"show_closed": false},
            }),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["verified"], true);
    assert_eq!(out["not_applied"], json!([]));
    assert_eq!(out["view"]["name"], "Bob's open backend work");
    assert_eq!(
        calls,
        [
            "GET /v2/view/3c9q1-1004",
            "PUT /v2/view/3c9q1-1004",
            "GET /v2/view/3c9q1-1004",
        ]
    );
    let stored = s.clickup_get("/v2/view/3c9q1-1004").await;
    let view = &stored["view"];
    assert_eq!(view["filters"]["show_closed"], false);
    assert_eq!(
        view["filters"]["fields"],
        json!([{"field": "assignee", "op": "ANY", "values": ["81000002"]}]),
        "keys not given keep their values"
    );
    assert_eq!(
        view["sorting"]["fields"][0]["field"], "dueDate",
        "untouched"
    );
    assert_eq!(view["parent"], json!({"id": "90111001", "type": 5}));

    let (nothing, calls) = s
        .traced("clickup_view_update", json!({"view_id": "3c9q1-1004"}))
        .await;
    assert_eq!(nothing.code_for("nothing to change"), "invalid_argument");
    assert!(calls.is_empty(), "{calls:?}");
}

#[tokio::test]
async fn a_deleted_view_is_gone_from_its_level() {
    let s = premium().await;

    let (answer, calls) = s
        .traced("clickup_view_delete", json!({"view_id": "3c9q1-1005"}))
        .await;

    assert_eq!(answer.ok(), &json!({"ok": true, "id": "3c9q1-1005"}));
    assert_eq!(calls, ["DELETE /v2/view/3c9q1-1005"]);
    let left = s.clickup_get("/v2/list/901101001/view").await;
    assert_eq!(left["views"].as_array().unwrap().len(), 1, "{left}");
    let again = s
        .call("clickup_view_get", json!({"view_id": "3c9q1-1005"}))
        .await;
    assert_eq!(again.code_for("a deleted view"), "not_found");
}

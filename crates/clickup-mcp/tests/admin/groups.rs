//! `clickup_group_list`, `clickup_group_create`, `clickup_group_update`,
//! `clickup_group_delete`: groups by id, name or handle; members as a desired set.

use serde_json::json;

use crate::mcp::{BOB, CAROL, DAVE, DESIGN, LEADS, Session, premium, strings};

const LIST: &str = "clickup_group_list";
const GROUPS: &str = "GET /v2/group?team_id=9000001";

#[tokio::test]
async fn who_is_in_the_design_group_is_one_read_of_the_groups() {
    let s = premium(crate::mcp::ALICE).await;
    let (answer, calls) = s.traced(LIST, json!({"groups": ["design"]})).await;
    let page = answer.ok();
    assert_eq!(page["has_more"], false);
    let design = &page["items"][0];
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(design["id"], DESIGN);
    assert_eq!(design["name"], "Design");
    assert_eq!(design["handle"], "design");
    assert_eq!(strings(&design["members"], "username"), ["Carol Chen"]);
    assert_eq!(strings(&design["members"], "id"), [CAROL.to_string()]);
    assert_eq!(calls, [GROUPS]);
}

#[tokio::test]
async fn groups_are_listed_by_member_and_a_vague_name_is_ambiguous() {
    let s = premium(crate::mcp::ALICE).await;
    let bobs = s.call(LIST, json!({"member": "bob@example.com"})).await;
    assert_eq!(strings(&bobs.ok()["items"], "name"), ["Engineering Leads"]);
    let all = s.call(LIST, json!({"limit": 1})).await;
    assert_eq!(all.ok()["has_more"], true, "two groups in Acme, one a page");
    let next = s
        .call(
            LIST,
            json!({"limit": 1, "cursor": all.ok()["next_cursor"].clone()}),
        )
        .await;
    assert_eq!(strings(&next.ok()["items"], "id"), [LEADS]);

    let vague = s.call(LIST, json!({"groups": ["e"]})).await;
    assert_eq!(vague.code(), "ambiguous");
    let missing = s.call(LIST, json!({"groups": ["marketing"]})).await;
    assert_eq!(missing.code(), "not_found");
    assert!(missing.message().contains("clickup_group_list"));
}

#[tokio::test]
async fn a_created_group_is_sent_with_member_ids_and_read_back() {
    let s = premium(crate::mcp::ALICE).await;
    let (answer, calls) = s
        .traced(
            "clickup_group_create",
            json!({"name": "Reviewers", "members": ["carol", "bob@example.com"], "handle": "@Reviewers"}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(result["verified"], true);
    assert_eq!(result["not_applied"], json!([]));
    assert_eq!(result["group"]["name"], "Reviewers");
    assert_eq!(result["group"]["handle"], "reviewers");
    assert_eq!(
        strings(&result["group"]["members"], "id"),
        ["81000003", "81000002"]
    );
    assert_eq!(calls, ["POST /v2/team/9000001/group", GROUPS]);
    assert_eq!(
        s.body_of("POST", "/v2/team/9000001/group").await,
        json!({"name": "Reviewers", "handle": "reviewers", "members": [81000003, 81000002]})
    );
    let stored = s.clickup_get("/v2/group?team_id=9000001").await;
    assert_eq!(stored["groups"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn members_are_a_desired_set_sent_as_add_and_rem() {
    let s = premium(crate::mcp::ALICE).await;
    let (answer, calls) = s
        .traced(
            "clickup_group_update",
            json!({"group": "Engineering Leads", "members": ["alice", "carol"], "name": "Leads"}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(result["not_applied"], json!([]));
    assert_eq!(result["group"]["name"], "Leads");
    assert_eq!(
        strings(&result["group"]["members"], "username"),
        ["Alice Andersen", "Carol Chen"]
    );
    let put = format!("/v2/group/{LEADS}");
    assert_eq!(calls, [GROUPS, &format!("PUT {put}"), GROUPS]);
    assert_eq!(
        s.body_of("PUT", &put).await,
        json!({"name": "Leads", "members": {"add": [81000003], "rem": [81000002]}})
    );

    // Asking for what is already there sends nothing.
    let (again, calls) = s
        .traced(
            "clickup_group_update",
            json!({"group": "@eng-leads", "members": ["carol", "alice"]}),
        )
        .await;
    assert_eq!(again.ok()["verified"], true);
    assert_eq!(calls, [GROUPS, GROUPS]);
}

#[tokio::test]
async fn a_group_is_deleted_by_whole_name_or_handle_only() {
    let s = premium(crate::mcp::ALICE).await;
    let partial = s
        .call("clickup_group_delete", json!({"group": "Desig"}))
        .await;
    assert_eq!(partial.code(), "not_found");
    assert_eq!(partial.data["error"]["candidates"][0]["id"], DESIGN);

    let (answer, calls) = s
        .traced("clickup_group_delete", json!({"group": "@design"}))
        .await;
    assert_eq!(
        answer.ok(),
        &json!({"ok": true, "id": DESIGN, "name": "Design"})
    );
    assert_eq!(calls, [GROUPS, &format!("DELETE /v2/group/{DESIGN}")]);
    let stored = s.clickup_get("/v2/group?team_id=9000001").await;
    assert_eq!(strings(&stored["groups"], "id"), [LEADS]);
}

#[tokio::test]
async fn a_member_who_is_not_an_admin_is_told_group_writes_need_an_admin() {
    let s = premium(DAVE).await;
    let (answer, calls) = s
        .traced(
            "clickup_group_create",
            json!({"name": "Readers", "members": ["me"], "workspace_id": "9000002"}),
        )
        .await;
    assert_eq!(answer.code(), "upstream_error");
    assert!(
        answer.message().contains("owners and admins"),
        "{}",
        answer.message()
    );
    assert_eq!(answer.data["error"]["upstream"]["status"], 403);
    assert_eq!(calls, ["POST /v2/team/9000002/group"]);
}

#[tokio::test]
async fn group_writes_are_premium_and_the_owner_of_a_free_workspace_may_make_groups() {
    let free = Session::of(BOB).await.on("/mcp/x/all");
    free.warm().await;
    let (answer, calls) = free
        .traced(
            "clickup_group_create",
            json!({"name": "Readers", "members": ["me"], "workspace_id": "9000002"}),
        )
        .await;
    assert_eq!(answer.code_for("a free caller"), "premium_required");
    assert!(calls.is_empty());
    let listed = free.call(LIST, json!({"workspace_id": "9000002"})).await;
    assert_eq!(strings(&listed.ok()["items"], "handle"), ["research"]);

    let s = premium(BOB).await;
    let made = s
        .call(
            "clickup_group_create",
            json!({"name": "Readers", "members": ["me"], "workspace_id": "9000002"}),
        )
        .await;
    assert_eq!(made.ok()["group"]["handle"], "readers");
}

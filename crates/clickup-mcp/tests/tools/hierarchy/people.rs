//! `clickup_member_list` and `clickup_user_get`.

use serde_json::json;

use crate::hierarchy::mcp::{BOB, Session, strings};

const MEMBERS: &str = "clickup_member_list";
const USER: &str = "clickup_user_get";

#[tokio::test]
async fn workspace_members_come_from_the_cache_with_roles_and_filter_by_name_or_email() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (all, calls) = s.traced(MEMBERS, json!({})).await;

    let page = all.ok();
    assert_eq!(
        strings(&page["items"], "username"),
        ["Alice Andersen", "Bob Brown", "Carol Chen"]
    );
    assert_eq!(
        strings(&page["items"], "role"),
        ["owner", "admin", "member"]
    );
    assert_eq!(page["items"][1]["id"], "81000002");
    assert!(calls.is_empty(), "served from the cache: {calls:?}");

    let by_name = s.call(MEMBERS, json!({"query": "BOB"})).await;
    assert_eq!(
        strings(&by_name.ok()["items"], "email"),
        ["bob@example.com"]
    );
    let by_email = s.call(MEMBERS, json!({"query": "carol@"})).await;
    assert_eq!(strings(&by_email.ok()["items"], "username"), ["Carol Chen"]);

    let first = s.call(MEMBERS, json!({"limit": 2})).await;
    let cursor = first.ok()["next_cursor"].as_str().unwrap().to_owned();
    let rest = s.call(MEMBERS, json!({"limit": 2, "cursor": cursor})).await;
    assert_eq!(strings(&rest.ok()["items"], "username"), ["Carol Chen"]);
    let other_query = s
        .call(MEMBERS, json!({"query": "a", "cursor": cursor}))
        .await;
    assert_eq!(
        other_query.code_for("cursor of another query"),
        "invalid_argument"
    );
}

#[tokio::test]
async fn members_of_a_list_and_of_a_task_are_asked_of_clickup() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (list, calls) = s.traced(MEMBERS, json!({"list": "Sprint 12"})).await;
    assert_eq!(
        strings(&list.ok()["items"], "username"),
        ["Alice Andersen", "Bob Brown", "Carol Chen"]
    );
    assert_eq!(
        strings(&list.ok()["items"], "role"),
        ["owner", "admin", "member"]
    );
    assert_eq!(calls, ["GET /v2/list/901101001/member"]);

    let (task, calls) = s
        .traced(MEMBERS, json!({"task_id": "ENG-1", "query": "chen"}))
        .await;
    assert_eq!(strings(&task.ok()["items"], "username"), ["Carol Chen"]);
    assert_eq!(
        calls,
        [
            "GET /v2/task/ENG-1?custom_task_ids=true&team_id=9000001&include_markdown_description=true",
            "GET /v2/task/86aa0001/member"
        ]
    );

    let both = s
        .call(MEMBERS, json!({"list": "Sprint 12", "task": "86aa0001"}))
        .await;
    assert_eq!(both.code_for("list and task"), "invalid_argument");
    let missing = s.call(MEMBERS, json!({"task": "86zz9999"})).await;
    assert_eq!(
        missing.code_for("unknown task"),
        "not_found",
        "{}",
        missing.text
    );
}

#[tokio::test]
async fn me_has_a_time_zone_and_an_owner_sees_workspace_details_on_enterprise() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (me, calls) = s.traced(USER, json!({})).await;

    let me = me.ok();
    assert_eq!(me["id"], "81000001");
    assert_eq!(me["email"], "alice@example.com");
    assert_eq!(me["role"], "owner");
    assert!(me["timezone"].is_string(), "{me}");
    assert!(me["workspace"]["date_joined"].is_string(), "{me}");
    assert!(me.get("note").is_none());
    assert_eq!(
        calls,
        ["GET /v2/user", "GET /v2/team/9000001/user/81000001"]
    );

    let (bob, calls) = s
        .traced(
            USER,
            json!({"user": "bob@example.com", "include_shared": true}),
        )
        .await;
    let bob = bob.ok();
    assert_eq!(
        (&bob["username"], &bob["role"]),
        (&json!("Bob Brown"), &json!("admin"))
    );
    assert!(bob["workspace"]["shared"]["lists"].is_array(), "{bob}");
    assert_eq!(
        calls,
        ["GET /v2/team/9000001/user/81000002"],
        "Bob from the cache"
    );
}

#[tokio::test]
async fn a_plan_without_the_enterprise_endpoint_degrades_to_the_basic_profile() {
    let s = Session::of(BOB).await;

    let answer = s
        .call(USER, json!({"user": "me", "workspace_id": "9000002"}))
        .await;

    let bob = answer.ok();
    assert_eq!(bob["role"], "owner");
    assert_eq!(bob["workspace_id"], "9000002");
    assert!(bob.get("workspace").is_none());
    assert!(
        bob["note"].as_str().unwrap().contains("Enterprise"),
        "{bob}"
    );
}

#[tokio::test]
async fn a_member_sees_no_workspace_details_and_no_enterprise_request_is_made() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (answer, calls) = s
        .traced(
            USER,
            json!({"user": "Dave Diaz", "workspace_id": "9000002"}),
        )
        .await;

    let dave = answer.ok();
    assert_eq!(dave["id"], "81000004");
    assert_eq!(dave["role"], "member");
    assert!(dave["note"].as_str().unwrap().contains("admins"));
    assert!(calls.iter().all(|c| !c.contains("/user/")), "{calls:?}");
}

#[tokio::test]
async fn an_unknown_or_ambiguous_person_is_an_error_that_does_not_echo_the_argument() {
    let s = Session::alice().await;

    let unknown = s
        .call(USER, json!({"user": "zed-secret@example.com"}))
        .await;
    assert_eq!(unknown.code_for("unknown email"), "not_found");
    assert!(!unknown.text.contains("zed-secret"), "{}", unknown.text);

    let ambiguous = s.call(USER, json!({"user": "a"})).await;
    assert_eq!(ambiguous.code_for("ambiguous name"), "ambiguous");
    assert_eq!(
        ambiguous.candidate_names(),
        ["Alice Andersen", "Carol Chen"]
    );
}

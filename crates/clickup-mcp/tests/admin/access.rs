//! `clickup_acl_set` (privacy and access lists, v3) and `clickup_audit_log_search` (v3, owner
//! only, paged by time).

use serde_json::json;

use crate::mcp::{ALICE, BOB, LEADS, premium, strings};

const ACL: &str = "clickup_acl_set";
const LOGS: &str = "clickup_audit_log_search";

#[tokio::test]
async fn a_private_list_shows_only_admins_and_the_people_granted() {
    let s = premium(ALICE).await;
    let path = "/v3/workspaces/9000001/list/901101001/acls";
    let (answer, calls) = s
        .traced(
            ACL,
            json!({"object_type": "list", "object_id": "901101001", "private": true}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(result["verified"], false);
    assert_eq!(calls, [format!("PATCH {path}")]);
    assert_eq!(s.body_of("PATCH", path).await, json!({"private": true}));
    let members = s
        .call("clickup_member_list", json!({"list": "901101001"}))
        .await;
    assert_eq!(
        strings(&members.ok()["items"], "id"),
        ["81000001", "81000002"],
        "owner and admin only"
    );

    let grant = s
        .call(
            ACL,
            json!({"object_type": "list", "object_id": "901101001",
                   "entries": [{"user": "carol", "permission_level": "comment"},
                               {"group": "@eng-leads", "permission_level": "edit"}]}),
        )
        .await;
    assert_eq!(grant.ok()["entries"][1]["id"], LEADS);
    assert_eq!(
        s.body_of("PATCH", path).await,
        json!({"entries": [
            {"id": "81000003", "kind": "user", "permission_level": 3},
            {"id": LEADS, "kind": "group", "permission_level": 4},
        ]})
    );
    let members = s
        .call("clickup_member_list", json!({"list": "901101001"}))
        .await;
    assert_eq!(strings(&members.ok()["items"], "id").len(), 3);

    s.call(
        ACL,
        json!({"object_type": "list", "object_id": "901101001",
               "entries": [{"user": "carol", "permission_level": "none"}]}),
    )
    .await
    .ok();
    assert_eq!(
        s.body_of("PATCH", path).await,
        json!({"entries": [{"id": "81000003", "kind": "user", "permission_level": null}]})
    );
    let members = s
        .call("clickup_member_list", json!({"list": "901101001"}))
        .await;
    assert_eq!(
        strings(&members.ok()["items"], "id").len(),
        2,
        "Carol revoked"
    );
}

#[tokio::test]
async fn a_space_made_private_reads_back_private_and_bad_entries_are_refused() {
    let s = premium(ALICE).await;
    s.call(
        ACL,
        json!({"object_type": "space", "object_id": "90011002", "private": true}),
    )
    .await
    .ok();
    let space = s.clickup_get("/v2/space/90011002").await;
    assert_eq!(space["private"], true);

    let both = s
        .call(
            ACL,
            json!({"object_type": "list", "object_id": "901101001",
                   "entries": [{"user": "carol", "group": "design", "permission_level": "read"}]}),
        )
        .await;
    assert_eq!(both.code(), "invalid_argument");
    let nothing = s
        .call(
            ACL,
            json!({"object_type": "list", "object_id": "901101001"}),
        )
        .await;
    assert_eq!(nothing.code(), "invalid_argument");
    let free = s
        .call(
            ACL,
            json!({"object_type": "list", "object_id": "901201001", "private": true,
                   "workspace_id": "9000002"}),
        )
        .await;
    assert!(
        free.message().contains("Enterprise plan"),
        "{}",
        free.message()
    );
}

#[tokio::test]
async fn audit_logs_page_by_time_newest_first() {
    let s = premium(ALICE).await;
    let (answer, calls) = s
        .traced(
            LOGS,
            json!({"applicability": "auth-and-security", "limit": 3}),
        )
        .await;
    let page = answer.ok();
    assert_eq!(page["has_more"], true);
    assert_eq!(
        strings(&page["items"], "event_type"),
        ["USER_LOGOUT", "CHANGE_USER_ROLE", "INVITE_TO_WORKSPACE"]
    );
    assert_eq!(calls, ["POST /v3/workspaces/9000001/auditlogs"]);
    let first = s.body_of("POST", "/v3/workspaces/9000001/auditlogs").await;
    assert_eq!(first["applicability"], "auth-and-security");
    assert_eq!(first["filter"], json!({"workspaceId": "9000001"}));
    assert_eq!(first["pagination"]["pageRows"], 3);
    assert_eq!(first["pagination"]["pageDirection"], "before");

    let next = s
        .call(
            LOGS,
            json!({"applicability": "auth-and-security", "limit": 3,
                   "cursor": page["next_cursor"].clone()}),
        )
        .await;
    assert_eq!(
        strings(&next.ok()["items"], "event_type"),
        ["GROUP_CREATED", "USER_LOGIN", "USER_LOGIN"]
    );
    let second = s.body_of("POST", "/v3/workspaces/9000001/auditlogs").await;
    // The row before the first page's last: INVITE_TO_WORKSPACE, 30 h before the seed epoch.
    assert_eq!(
        second["pagination"]["pageTimestamp"],
        1_735_725_600_000_i64 - 30 * 3_600_000
    );

    let carol = s
        .call(
            LOGS,
            json!({"applicability": "auth-and-security", "users": ["carol"],
                   "event_types": ["user_login"], "event_status": "failed"}),
        )
        .await;
    let rows = &carol.ok()["items"];
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["user_email"], "carol@example.com");
    let body = s.body_of("POST", "/v3/workspaces/9000001/auditlogs").await;
    assert_eq!(
        body["filter"],
        json!({"workspaceId": "9000001", "userId": ["81000003"], "eventType": ["USER_LOGIN"],
               "eventStatus": "failed"})
    );
}

#[tokio::test]
async fn what_this_server_does_is_audited_and_only_the_owner_reads_it() {
    let s = premium(ALICE).await;
    s.call(
        "clickup_group_create",
        json!({"name": "Auditors", "members": ["carol"]}),
    )
    .await
    .ok();
    let logs = s
        .call(
            LOGS,
            json!({"applicability": "auth-and-security", "event_types": ["GROUP_CREATED"],
                   "start": "2025-06-01"}),
        )
        .await;
    assert_eq!(strings(&logs.ok()["items"], "user_id"), ["81000001"]);

    let bob = premium(BOB).await;
    let refused = bob
        .call(LOGS, json!({"applicability": "user-activity"}))
        .await;
    assert_eq!(refused.code(), "upstream_error");
    assert!(
        refused.message().contains("workspace owner only"),
        "{}",
        refused.message()
    );
}

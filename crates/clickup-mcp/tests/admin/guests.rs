//! The guest tools: invite with permissions, share a list and a task at a level, change and
//! revoke, remove; Enterprise only, said so on Free Forever.

use serde_json::{Value, json};

use crate::mcp::{ALICE, premium, strings};

/// Invites Gina to Acme and answers her guest id.
async fn invite_gina(s: &crate::mcp::Session) -> String {
    let answer = s
        .call(
            "clickup_guest_add",
            json!({"email": "gina@example.com", "can_see_time_spent": true}),
        )
        .await;
    answer.ok()["guest"]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_guest_is_invited_with_permissions_and_read_back() {
    let s = premium(ALICE).await;
    let (answer, calls) = s
        .traced(
            "clickup_guest_add",
            json!({"email": "gina@example.com", "can_see_time_spent": true, "can_edit_tags": false}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(result["verified"], true);
    assert_eq!(result["not_applied"], json!([]));
    let guest = &result["guest"];
    assert_eq!(guest["email"], "gina@example.com");
    assert_eq!(guest["permissions"], json!(["can_see_time_spent"]));
    assert_eq!(guest["lists"], json!([]));
    let id = guest["id"].as_str().unwrap();
    assert_eq!(
        calls,
        [
            "POST /v2/team/9000001/guest".to_owned(),
            format!("GET /v2/team/9000001/guest/{id}"),
        ]
    );
    assert_eq!(
        s.body_of("POST", "/v2/team/9000001/guest").await,
        json!({"email": "gina@example.com", "can_see_time_spent": true, "can_edit_tags": false})
    );
    let team = s.clickup_get("/v2/team").await;
    let acme = team["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "9000001")
        .unwrap();
    let gina = acme["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["user"]["email"] == "gina@example.com")
        .unwrap();
    assert_eq!(gina["user"]["role"], 4, "a guest");
}

#[tokio::test]
async fn items_are_shared_at_a_level_changed_and_unshared() {
    let s = premium(ALICE).await;
    let id = invite_gina(&s).await;

    let (answer, calls) = s
        .traced(
            "clickup_guest_access_set",
            json!({"guest_id": id, "list": "UI Polish", "permission_level": "comment"}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(result["verified"], true);
    assert_eq!(result["not_applied"], json!([]));
    assert_eq!(result["item"], json!({"kind": "list", "id": "901101003"}));
    assert_eq!(
        result["guest"]["lists"],
        json!([{"id": "901101003", "name": "UI Polish", "permission_level": "comment"}])
    );
    let share = format!("/v2/list/901101003/guest/{id}");
    assert_eq!(
        calls.last().unwrap(),
        &format!("GET /v2/team/9000001/guest/{id}")
    );
    assert!(calls.contains(&format!("POST {share}")), "{calls:?}");
    assert_eq!(
        s.body_of("POST", &share).await,
        json!({"permission_level": "comment"})
    );

    // A task by custom id is shared by its canonical id; the level changes in place.
    let (task, calls) = s
        .traced(
            "clickup_guest_access_set",
            json!({"guest_id": id, "task": "ENG-1", "permission_level": "edit"}),
        )
        .await;
    assert_eq!(task.ok()["item"], json!({"kind": "task", "id": "86aa0001"}));
    assert!(
        calls.contains(&format!("POST /v2/task/86aa0001/guest/{id}")),
        "{calls:?}"
    );
    let edit = s
        .call(
            "clickup_guest_access_set",
            json!({"guest_id": id, "list_id": "901101003", "permission_level": "read"}),
        )
        .await;
    assert_eq!(edit.ok()["guest"]["lists"][0]["permission_level"], "read");

    let (removed, calls) = s
        .traced(
            "clickup_guest_access_remove",
            json!({"guest_id": id, "list": "901101003"}),
        )
        .await;
    assert_eq!(removed.ok()["ok"], true);
    assert_eq!(calls, [format!("DELETE {share}")]);
    let after = s.call("clickup_guest_get", json!({"guest_id": id})).await;
    assert_eq!(after.ok()["lists"], json!([]));
    assert_eq!(strings(&after.ok()["tasks"], "id"), ["86aa0001"]);
}

#[tokio::test]
async fn permissions_change_and_a_removed_guest_is_gone() {
    let s = premium(ALICE).await;
    let id = invite_gina(&s).await;
    let (answer, calls) = s
        .traced(
            "clickup_guest_update",
            json!({"guest_id": id, "can_edit_tags": true, "can_see_time_spent": false}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(result["not_applied"], json!([]));
    assert_eq!(result["guest"]["permissions"], json!(["can_edit_tags"]));
    let path = format!("/v2/team/9000001/guest/{id}");
    assert_eq!(
        calls,
        [
            // The invitation made the member list stale: read afresh once.
            "GET /v2/team".to_owned(),
            format!("PUT {path}"),
            format!("GET {path}")
        ]
    );
    assert_eq!(
        s.body_of("PUT", &path).await,
        json!({"can_edit_tags": true, "can_see_time_spent": false})
    );

    let nothing = s
        .call("clickup_guest_update", json!({"guest_id": id}))
        .await;
    assert_eq!(nothing.code(), "invalid_argument");

    let (gone, calls) = s
        .traced("clickup_guest_remove", json!({"guest_id": id}))
        .await;
    assert_eq!(gone.ok(), &json!({"ok": true, "id": id}));
    assert_eq!(calls, [format!("DELETE {path}")]);
    let read = s.call("clickup_guest_get", json!({"guest_id": id})).await;
    assert_eq!(read.code(), "not_found");
}

#[tokio::test]
async fn guests_need_the_enterprise_plan_and_the_error_says_so() {
    let s = premium(ALICE).await;
    let (answer, calls) = s
        .traced(
            "clickup_guest_add",
            json!({"email": "gina@example.com", "workspace_id": "9000002"}),
        )
        .await;
    assert_eq!(answer.code(), "upstream_error");
    assert!(
        answer.message().contains("Enterprise plan"),
        "{}",
        answer.message()
    );
    assert_eq!(
        answer.data["error"]["upstream"],
        json!({"status": 403, "ecode": "TEAM_110"})
    );
    assert_eq!(calls, ["POST /v2/team/9000002/guest"]);

    let bad = s
        .call("clickup_guest_get", json!({"guest_id": "81000003/x"}))
        .await;
    assert_eq!(bad.code(), "invalid_argument");
    let no_item = s
        .call(
            "clickup_guest_access_set",
            json!({"guest_id": "1", "permission_level": "read"}),
        )
        .await;
    assert_eq!(no_item.code(), "invalid_argument");
    let _: Value = no_item.data;
}

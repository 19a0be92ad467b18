//! `clickup_user_add`, `clickup_user_update`, `clickup_user_remove`: Enterprise member
//! administration, the update a full-body PUT from a fresh read.

use serde_json::json;

use crate::mcp::{ALICE, premium, strings};

#[tokio::test]
async fn a_member_is_invited_changed_and_removed() {
    let s = premium(ALICE).await;
    let (answer, calls) = s
        .traced(
            "clickup_user_add",
            json!({"email": "erin@example.com", "admin": true}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(result["verified"], true);
    assert_eq!(result["not_applied"], json!([]));
    assert_eq!(result["user"]["role"], "admin");
    let id = result["user"]["id"].as_str().unwrap().to_owned();
    let path = format!("/v2/team/9000001/user/{id}");
    assert_eq!(
        calls,
        [
            "POST /v2/team/9000001/user".to_owned(),
            format!("GET {path}")
        ]
    );
    assert_eq!(
        s.body_of("POST", "/v2/team/9000001/user").await,
        json!({"email": "erin@example.com", "admin": true})
    );

    // Just invited: not yet in the cached member list, found in a fresh one.
    let (answer, calls) = s
        .traced(
            "clickup_user_update",
            json!({"user": "erin@example.com", "username": "Erin Example", "admin": false,
                   "custom_role_id": 7001}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(result["not_applied"], json!([]));
    assert_eq!(result["user"]["username"], "Erin Example");
    assert_eq!(result["user"]["role"], "member");
    assert_eq!(
        result["user"]["custom_role"],
        json!({"id": 7001, "name": "Contractor"})
    );
    assert_eq!(
        calls,
        [
            "GET /v2/team".to_owned(),
            format!("GET {path}"),
            format!("PUT {path}"),
            format!("GET {path}"),
        ]
    );
    assert_eq!(
        s.body_of("PUT", &path).await,
        json!({"username": "Erin Example", "admin": false, "custom_role_id": 7001})
    );

    let (removed, calls) = s.traced("clickup_user_remove", json!({"user": id})).await;
    assert_eq!(removed.ok()["ok"], true);
    assert_eq!(calls.last().unwrap(), &format!("DELETE {path}"));
    let members = s.clickup_get("/v2/team").await;
    let emails: Vec<String> = members["teams"][0]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["user"]["email"].as_str().unwrap().to_owned())
        .collect();
    assert!(!emails.contains(&"erin@example.com".to_owned()));

    // Removed by this server: the member list is read afresh, so she is not assigned.
    let (assign, calls) = s
        .traced(
            "clickup_task_update",
            json!({"task": "86aa0001", "assignees": ["erin@example.com"]}),
        )
        .await;
    assert_eq!(assign.code(), "not_found", "{}", assign.text);
    assert!(calls.contains(&"GET /v2/team".to_owned()), "{calls:?}");
    assert!(calls.iter().all(|c| !c.starts_with("PUT")), "{calls:?}");
}

#[tokio::test]
async fn an_update_keeps_what_is_not_given() {
    let s = premium(ALICE).await;
    let (answer, calls) = s
        .traced(
            "clickup_user_update",
            json!({"user": "bob", "username": "Robert Brown"}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(result["user"]["role"], "admin", "Bob stays an admin");
    assert_eq!(result["user"]["username"], "Robert Brown");
    assert_eq!(
        calls,
        [
            "GET /v2/team/9000001/user/81000002",
            "PUT /v2/team/9000001/user/81000002",
            "GET /v2/team/9000001/user/81000002",
        ]
    );
    // No custom role to keep: ClickUp's "required" custom_role_id is left out.
    assert_eq!(
        s.body_of("PUT", "/v2/team/9000001/user/81000002").await,
        json!({"username": "Robert Brown", "admin": true})
    );
}

#[tokio::test]
async fn the_owner_and_guests_are_refused_before_clickup_and_plans_are_named() {
    let s = premium(ALICE).await;
    let (owner, calls) = s.traced("clickup_user_remove", json!({"user": "me"})).await;
    assert_eq!(owner.code(), "invalid_argument");
    assert!(calls.is_empty(), "{calls:?}");

    let (free, calls) = s
        .traced(
            "clickup_user_add",
            json!({"email": "erin@example.com", "workspace_id": "9000002"}),
        )
        .await;
    assert_eq!(free.code(), "upstream_error");
    assert!(
        free.message().contains("Enterprise plan"),
        "{}",
        free.message()
    );
    assert_eq!(calls, ["POST /v2/team/9000002/user"]);

    let bad = s.call("clickup_user_add", json!({"email": "erin"})).await;
    assert_eq!(bad.code(), "invalid_argument");
    let names = s.call("clickup_member_list", json!({})).await;
    assert_eq!(strings(&names.ok()["items"], "id").len(), 3);
}

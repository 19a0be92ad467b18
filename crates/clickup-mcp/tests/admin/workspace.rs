//! `clickup_workspace_get`: plan, seats, custom roles and task types, each read only when
//! asked for.

use serde_json::json;

use crate::mcp::{ALICE, Session, premium, strings};

const GET: &str = "clickup_workspace_get";

#[tokio::test]
async fn the_default_profile_is_the_plan_and_the_seats() {
    let s = premium(ALICE).await;
    let (answer, calls) = s.traced(GET, json!({})).await;
    let profile = answer.ok();
    assert_eq!(profile["id"], "9000001");
    assert_eq!(profile["name"], "Acme Corp");
    assert_eq!(profile["members_count"], 3);
    assert_eq!(profile["plan"], json!({"name": "Enterprise", "id": 4}));
    assert_eq!(
        profile["seats"],
        json!({"members": {"used": 3, "total": 10, "free": 7},
               "guests": {"used": 0, "total": 50, "free": 50}})
    );
    assert!(profile.get("roles").is_none());
    assert_eq!(
        calls,
        ["GET /v2/team/9000001/plan", "GET /v2/team/9000001/seats"]
    );
}

#[tokio::test]
async fn roles_and_task_types_are_read_when_asked_for() {
    let s = premium(ALICE).await;
    let (answer, calls) = s
        .traced(GET, json!({"include": ["roles", "task_types"]}))
        .await;
    let profile = answer.ok();
    assert_eq!(
        strings(&profile["roles"], "name"),
        ["Contractor", "Auditor"]
    );
    assert_eq!(profile["roles"][0]["based_on"], "member");
    assert_eq!(profile["roles"][1]["based_on"], "guest");
    assert_eq!(
        strings(&profile["task_types"], "name"),
        ["Milestone", "Bug", "Epic"]
    );
    assert!(profile.get("plan").is_none());
    assert_eq!(
        calls,
        [
            "GET /v2/team/9000001/customroles?include_members=true",
            "GET /v2/team/9000001/custom_item",
        ]
    );
}

#[tokio::test]
async fn a_free_workspace_shows_its_plan_and_no_custom_roles_to_a_free_caller() {
    let s = Session::alice().await.on("/mcp/x/hierarchy");
    let answer = s
        .call(
            GET,
            json!({"workspace_id": "9000002", "include": ["plan", "roles"]}),
        )
        .await;
    let profile = answer.ok();
    assert_eq!(profile["plan"]["name"], "Free Forever");
    assert_eq!(profile["roles"], json!([]));
}

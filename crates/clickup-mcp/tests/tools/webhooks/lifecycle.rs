//! `clickup_webhook_list`, `clickup_webhook_create`, `clickup_webhook_update`,
//! `clickup_webhook_delete`.

use serde_json::json;

use crate::webhooks::mcp::{CAROL, Session, last_body, premium, strings};

/// Alice's seeded webhooks in Acme: every event, and Sprint 12's task events (failing).
const ALL_EVENTS: &str = "7e600000-0000-4000-8000-000000000001";
const SPRINT_CI: &str = "7e600000-0000-4000-8000-000000000002";
/// Bob's webhook in Acme: Alice may not see or change it.
const BOBS: &str = "7e600000-0000-4000-8000-000000000003";

#[tokio::test]
async fn the_list_shows_my_webhooks_with_health_and_never_a_secret() {
    let s = premium().await;

    let (answer, calls) = s.traced("clickup_webhook_list", json!({})).await;

    let page = answer.ok();
    assert_eq!(strings(&page["items"], "id"), [ALL_EVENTS, SPRINT_CI]);
    let ci = &page["items"][1];
    assert_eq!(ci["endpoint"], "https://ci.example.com/clickup");
    assert_eq!(ci["events"], json!(["taskCreated", "taskStatusUpdated"]));
    assert_eq!(ci["location"], json!({"type": "list", "id": "901101001"}));
    assert_eq!(ci["health"], json!({"status": "failing", "fail_count": 7}));
    assert!(
        page["items"][0].get("location").is_none(),
        "whole workspace"
    );
    assert_eq!(page["has_more"], false);
    assert!(!answer.text.contains("SEEDSECRET"), "{}", answer.text);
    assert!(!answer.text.contains("secret"), "{}", answer.text);
    assert_eq!(calls, ["GET /v2/team/9000001/webhook"]);
}

#[tokio::test]
async fn a_webhook_on_a_list_is_created_read_back_and_its_secret_shown_once() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_webhook_create",
            json!({"endpoint": "https://Hooks.Example.org/new", "events": ["taskcreated", "taskStatusUpdated", "taskCreated"],
                   "list_id": "901101001"}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["verified"], true);
    assert_eq!(out["not_applied"], json!([]));
    let id = out["webhook"]["id"].as_str().unwrap().to_owned();
    assert_eq!(out["webhook"]["endpoint"], "https://hooks.example.org/new");
    assert_eq!(
        out["webhook"]["events"],
        json!(["taskCreated", "taskStatusUpdated"])
    );
    assert_eq!(
        out["webhook"]["location"],
        json!({"type": "list", "id": "901101001"})
    );
    assert_eq!(
        out["webhook"]["health"],
        json!({"status": "active", "fail_count": 0})
    );
    let secret = out["secret"].as_str().unwrap().to_owned();
    assert_eq!(secret.len(), 64);
    assert!(out["secret_note"].as_str().unwrap().contains("Store"));
    assert!(out["webhook"].get("secret").is_none());
    assert_eq!(
        calls,
        [
            "POST /v2/team/9000001/webhook",
            "GET /v2/team/9000001/webhook"
        ]
    );
    assert_eq!(
        last_body(&s, "POST").await,
        json!({"endpoint": "https://hooks.example.org/new",
               "events": ["taskCreated", "taskStatusUpdated"], "list_id": 901101001_u64})
    );

    let listed = s.call("clickup_webhook_list", json!({})).await;
    assert!(strings(&listed.ok()["items"], "id").contains(&id));
    assert!(!listed.text.contains(&secret), "the list never shows it");
    let updated = s
        .call(
            "clickup_webhook_update",
            json!({"webhook_id": id, "events": ["*"]}),
        )
        .await;
    assert!(!updated.text.contains(&secret), "nor does the update");
    assert_eq!(updated.ok()["webhook"]["events"], json!(["*"]));

    let again = s
        .call(
            "clickup_webhook_create",
            json!({"endpoint": "https://hooks.example.org/new", "events": ["*"], "list": "Sprint 12"}),
        )
        .await;
    assert_eq!(
        again.code_for("the same endpoint and list again"),
        "invalid_argument"
    );
}

#[tokio::test]
async fn a_task_webhook_names_the_task_by_its_canonical_id_and_star_means_all() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_webhook_create",
            json!({"endpoint": "https://example.org/task", "events": ["taskUpdated", "*"], "task_id": "ENG-1"}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["webhook"]["events"], json!(["*"]));
    assert_eq!(
        out["webhook"]["location"],
        json!({"type": "task", "id": "86aa0001"})
    );
    assert_eq!(
        calls,
        [
            "GET /v2/task/ENG-1?custom_task_ids=true&team_id=9000001&include_markdown_description=true",
            "POST /v2/team/9000001/webhook",
            "GET /v2/team/9000001/webhook",
        ]
    );
    let posted = last_body(&s, "POST").await;
    assert_eq!(posted["task_id"], "86aa0001");
    assert_eq!(posted["events"], json!(["*"]));

    let (space, _) = s
        .traced(
            "clickup_webhook_create",
            json!({"endpoint": "https://example.org/space", "events": ["spaceUpdated"], "space": "Engineering"}),
        )
        .await;
    assert_eq!(space.ok()["webhook"]["location"]["type"], "space");
    assert_eq!(
        last_body(&s, "POST").await["events"],
        json!(["spaceUpdated"])
    );
}

#[tokio::test]
async fn unsafe_endpoints_unknown_events_and_two_locations_are_refused_before_clickup_is_asked() {
    let s = premium().await;

    for (endpoint, why) in [
        ("http://example.com/hook", "plain http"),
        ("https://localhost/hook", "localhost"),
        ("https://127.0.0.1:8443/hook", "loopback"),
        ("https://10.0.0.7/hook", "a private address"),
        ("https://[::1]/hook", "IPv6 loopback"),
        ("https://169.254.169.254/latest/meta-data", "link-local"),
        ("https://user:pw@example.com/hook", "credentials"),
        ("not a url", "not a URL"),
    ] {
        let (answer, calls) = s
            .traced(
                "clickup_webhook_create",
                json!({"endpoint": endpoint, "events": ["*"]}),
            )
            .await;
        assert_eq!(answer.code_for(why), "invalid_argument", "{why}");
        assert!(!answer.message().contains(endpoint), "{why}: no echo");
        assert_eq!(calls, Vec::<String>::new(), "{why}");
    }

    let (answer, calls) = s
        .traced(
            "clickup_webhook_create",
            json!({"endpoint": "https://example.com/hook", "events": ["taskExploded"]}),
        )
        .await;
    assert_eq!(answer.code(), "invalid_argument");
    assert!(
        answer.message().contains("taskCreated"),
        "{}",
        answer.message()
    );
    assert!(answer.message().contains("keyResultDeleted"));
    assert_eq!(calls, Vec::<String>::new());

    let (answer, calls) = s
        .traced(
            "clickup_webhook_create",
            json!({"endpoint": "https://example.com/hook", "events": ["*"], "list": "Sprint 12", "space": "Engineering"}),
        )
        .await;
    assert_eq!(answer.code(), "invalid_argument");
    assert_eq!(calls, Vec::<String>::new());

    let (answer, _) = s
        .traced(
            "clickup_webhook_update",
            json!({"webhook_id": ALL_EVENTS, "endpoint": "https://192.168.1.1/x"}),
        )
        .await;
    assert_eq!(answer.code(), "invalid_argument");
}

#[tokio::test]
async fn an_update_sends_the_full_body_from_a_fresh_read_and_keeps_a_failing_webhook_failing() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_webhook_update",
            json!({"webhook_id": SPRINT_CI, "events": ["taskCreated", "taskMoved"]}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["verified"], true);
    assert_eq!(out["not_applied"], json!([]));
    assert_eq!(
        out["webhook"]["events"],
        json!(["taskCreated", "taskMoved"])
    );
    assert_eq!(
        out["webhook"]["health"],
        json!({"status": "failing", "fail_count": 7})
    );
    assert_eq!(
        calls,
        [
            "GET /v2/team/9000001/webhook".to_owned(),
            format!("PUT /v2/webhook/{SPRINT_CI}"),
            "GET /v2/team/9000001/webhook".to_owned(),
        ]
    );
    assert_eq!(
        last_body(&s, "PUT").await,
        json!({"endpoint": "https://ci.example.com/clickup",
               "events": ["taskCreated", "taskMoved"], "status": "active"})
    );
}

#[tokio::test]
async fn a_suspended_webhook_stays_suspended_on_edits_and_is_revived_by_status_active() {
    let s = premium().await;

    let suspended = s
        .call(
            "clickup_webhook_update",
            json!({"webhook_id": SPRINT_CI, "status": "suspended"}),
        )
        .await;
    assert_eq!(suspended.ok()["webhook"]["health"]["status"], "suspended");

    s.call(
        "clickup_webhook_update",
        json!({"webhook_id": SPRINT_CI, "endpoint": "https://ci.example.com/v2"}),
    )
    .await
    .ok();
    let put = last_body(&s, "PUT").await;
    assert_eq!(
        put["status"], "suspended",
        "a suspended webhook is sent as it is"
    );
    assert_eq!(put["endpoint"], "https://ci.example.com/v2");

    let revived = s
        .call(
            "clickup_webhook_update",
            json!({"webhook_id": SPRINT_CI, "status": "active"}),
        )
        .await;
    assert_eq!(
        revived.ok()["webhook"]["health"],
        json!({"status": "active", "fail_count": 0})
    );

    let nothing = s
        .call("clickup_webhook_update", json!({"webhook_id": SPRINT_CI}))
        .await;
    assert_eq!(nothing.code(), "invalid_argument");
    let bad_status = s
        .call(
            "clickup_webhook_update",
            json!({"webhook_id": SPRINT_CI, "status": "failing"}),
        )
        .await;
    assert_eq!(bad_status.code(), "invalid_argument");
}

#[tokio::test]
async fn another_users_or_an_unknown_webhook_is_not_found_after_one_read() {
    let s = premium().await;

    for id in [BOBS, "7e600000-0000-4000-8000-0000000000ff"] {
        let (answer, calls) = s
            .traced(
                "clickup_webhook_update",
                json!({"webhook_id": id, "status": "suspended"}),
            )
            .await;
        assert_eq!(answer.code(), "not_found");
        assert_eq!(calls, ["GET /v2/team/9000001/webhook"]);
        let (answer, calls) = s
            .traced("clickup_webhook_delete", json!({"webhook_id": id}))
            .await;
        assert_eq!(answer.code(), "not_found");
        assert_eq!(calls, ["GET /v2/team/9000001/webhook"]);
    }
}

#[tokio::test]
async fn a_deleted_webhook_leaves_the_list_and_a_second_delete_is_not_found() {
    let s = premium().await;

    let (answer, calls) = s
        .traced("clickup_webhook_delete", json!({"webhook_id": ALL_EVENTS}))
        .await;

    assert_eq!(
        answer.ok(),
        &json!({"ok": true, "id": ALL_EVENTS, "endpoint": "https://hooks.example.com/clickup"})
    );
    assert_eq!(
        calls,
        [
            "GET /v2/team/9000001/webhook".to_owned(),
            format!("DELETE /v2/webhook/{ALL_EVENTS}"),
        ]
    );
    let stored = s.clickup_get("/v2/team/9000001/webhook").await;
    assert_eq!(stored["webhooks"].as_array().unwrap().len(), 1);
    let again = s
        .call("clickup_webhook_delete", json!({"webhook_id": ALL_EVENTS}))
        .await;
    assert_eq!(again.code(), "not_found");
}

#[tokio::test]
async fn webhooks_are_premium_tools() {
    let s = Session::of(CAROL).await.on("/mcp/x/all");

    let (answer, calls) = s.traced("clickup_webhook_list", json!({})).await;

    assert_eq!(answer.code(), "premium_required");
    assert_eq!(calls, Vec::<String>::new());
}

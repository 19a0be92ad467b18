//! `clickup_task_create`, `clickup_task_update`, `clickup_task_delete`: verified writes, the
//! ClickUp calls behind them, and the refusals that need no ClickUp call.

use clickup_mcp::domain::Tier;
use serde_json::json;

use crate::tasks::client::{SPRINT_12, Session, ids};

#[tokio::test]
async fn the_seed_call_with_list_id_name_and_description_creates_a_verified_task() {
    let s = Session::start(Tier::Free).await;
    s.ok("clickup_task_list", json!({"list": SPRINT_12, "limit": 1}))
        .await;
    s.clear_log().await;

    let created = s
        .ok(
            "clickup_task_create",
            json!({"list_id": SPRINT_12, "name": "Write the release notes", "description": "Mention **breaking** changes"}),
        )
        .await;

    assert_eq!(created["verified"], true, "{created}");
    assert_eq!(created["not_applied"], json!([]));
    let id = created["task"]["id"].as_str().unwrap();
    assert_eq!(created["task"]["name"], "Write the release notes");
    assert_eq!(
        created["task"]["status"], "to do",
        "the list's first status"
    );
    assert!(
        created["task"]["custom_id"]
            .as_str()
            .unwrap()
            .starts_with("ENG-")
    );
    assert_eq!(
        s.clickup_calls().await,
        vec![
            format!("POST /api/v2/list/{SPRINT_12}/task"),
            format!("GET /api/v2/task/{id}"),
        ]
    );
    let full = s
        .ok(
            "clickup_task_get",
            json!({"task": id, "detail_level": "full"}),
        )
        .await;
    assert_eq!(full["description"], "Mention **breaking** changes");
}

#[tokio::test]
async fn a_task_is_created_found_updated_and_deleted() {
    let s = Session::start(Tier::Free).await;

    let created = s
        .ok(
            "clickup_task_create",
            json!({
                "list": "Engineering/Backend/Sprint 12",
                "name": "Rotate the signing keys",
                "status": "In Progress",
                "priority": "high",
                "assignees": ["me", "bob@example.com"],
                "tags": ["CI", "bug"],
                "due_date": "2026-12-01",
                "start_date": "2026-11-20T09:30:00+01:00",
                "time_estimate": "1h 30m",
                "points": 3,
                "detail_level": "full",
            }),
        )
        .await;
    assert_eq!(created["verified"], true, "{created}");
    assert_eq!(created["not_applied"], json!([]), "{created}");
    let task = &created["task"];
    let id = task["id"].as_str().unwrap().to_owned();
    assert_eq!(task["status"], "in progress", "as the list spells it");
    assert_eq!(task["priority"], "high");
    assert_eq!(task["time_estimate"], "1h 30m");
    assert_eq!(task["time_estimate_ms"], 5_400_000);
    assert_eq!(task["start_date"], "2026-11-20T08:30:00+00:00");
    assert_eq!(
        task["due_date"], "2026-12-01",
        "a date without a time is shown as a date"
    );
    let mut tags: Vec<&str> = task["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    tags.sort_unstable();
    assert_eq!(tags, ["bug", "ci"]);
    assert_eq!(
        task["dates_ms"]["due"], 1_796_097_600_000_i64,
        "04:00 UTC on a bare date"
    );

    let found = s
        .ok("clickup_task_search", json!({"query": "signing keys"}))
        .await;
    assert_eq!(ids(&found), vec![id.clone()]);

    s.clear_log().await;
    let updated = s
        .ok(
            "clickup_task_update",
            json!({
                "task_id": id,
                "status": "review",
                "assignees": ["carol@example.com"],
                "replace_tags": ["backend", "ci"],
                "due_date": null,
                "priority": null,
                "description": "Keys rotate **every 90 days**",
                "detail_level": "full",
            }),
        )
        .await;
    assert_eq!(updated["verified"], true, "{updated}");
    assert_eq!(updated["not_applied"], json!([]), "{updated}");
    assert_eq!(
        updated["tags"],
        json!({"added": ["backend"], "removed": ["bug"]}),
        "every tag put on and taken off is named"
    );
    let task = &updated["task"];
    assert_eq!(task["status"], "review");
    assert_eq!(
        task["assignees"],
        json!([{"id": "81000003", "name": "Carol Chen"}])
    );
    assert_eq!(task["due_date"], serde_json::Value::Null);
    assert_eq!(task["priority"], serde_json::Value::Null);
    assert_eq!(task["description"], "Keys rotate **every 90 days**");
    let calls = s.clickup_calls().await;
    assert_eq!(
        calls,
        vec![
            format!("GET /api/v2/task/{id}"),
            format!("PUT /api/v2/task/{id}"),
            format!("POST /api/v2/task/{id}/tag/backend"),
            format!("DELETE /api/v2/task/{id}/tag/bug"),
            format!("GET /api/v2/task/{id}"),
        ],
        "the status is checked against the list's statuses and the tags against the space's, \
         both read by the create (cached); tags go through the tag endpoints"
    );

    let delta = s
        .ok(
            "clickup_task_update",
            json!({"task": id, "add_assignees": ["me"], "remove_assignees": ["carol@example.com"]}),
        )
        .await;
    assert_eq!(delta["not_applied"], json!([]));
    assert_eq!(
        delta["task"]["assignees"],
        json!([{"id": "81000001", "name": "Alice Andersen"}])
    );

    let deleted = s.ok("clickup_task_delete", json!({"task": id})).await;
    assert_eq!(deleted["ok"], true);
    assert_eq!(deleted["id"], id);
    assert_eq!(
        deleted["name"], "Rotate the signing keys",
        "it names what it deleted"
    );
    let gone = s.error("clickup_task_get", json!({"task": id})).await;
    assert_eq!(gone["code"], "not_found", "{gone}");
}

#[tokio::test]
async fn an_unknown_status_is_refused_listing_the_lists_statuses_and_nothing_is_created() {
    let s = Session::start(Tier::Free).await;
    s.ok("clickup_task_list", json!({"list": SPRINT_12, "limit": 1}))
        .await;
    s.clear_log().await;

    let error = s
        .error(
            "clickup_task_create",
            json!({"list": SPRINT_12, "name": "X", "status": "Doing"}),
        )
        .await;

    assert_eq!(error["code"], "invalid_argument", "{error}");
    let message = error["message"].as_str().unwrap();
    for status in ["to do", "in progress", "review", "complete"] {
        assert!(message.contains(status), "{message}");
    }
    assert!(!message.contains("Doing"), "the value is not echoed");
    assert_eq!(
        s.clickup_calls().await,
        vec![format!("GET /api/v2/list/{SPRINT_12}")]
    );
}

#[tokio::test]
async fn refusals_that_need_no_clickup_request_make_none() {
    let s = Session::start(Tier::Free).await;
    s.ok("clickup_workspace_list", json!({})).await;
    let cases = [
        (
            "clickup_task_update",
            json!({"task": "86aa0001", "assignees": ["me"], "add_assignees": ["bob@example.com"]}),
            "invalid_argument",
            "mixing a set and a change",
        ),
        (
            "clickup_task_update",
            json!({"task": "86aa0002", "parent": null}),
            "invalid_argument",
            "un-subtasking",
        ),
        (
            "clickup_task_update",
            json!({"task": "86aa0001"}),
            "invalid_argument",
            "nothing to change",
        ),
        (
            "clickup_task_create",
            json!({"list": SPRINT_12, "name": "X", "time_estimate": 90}),
            "invalid_argument",
            "an estimate without a unit",
        ),
        (
            "clickup_task_create",
            json!({"list": SPRINT_12, "name": "X", "custom_fields": [{"field": "Severity", "value": "High"}]}),
            "premium_required",
            "a premium argument from a free caller",
        ),
        (
            "clickup_task_update",
            json!({"task": "86aa0001", "custom_fields": [{"field": "Severity", "value": "High"}]}),
            "premium_required",
            "a premium argument on update",
        ),
    ];
    for (tool, args, code, why) in cases {
        s.clear_log().await;
        let error = s.error(tool, args).await;
        assert_eq!(error["code"], code, "{why}: {error}");
        assert!(
            s.clickup_calls().await.is_empty(),
            "{why}: no ClickUp request"
        );
    }
}

#[tokio::test]
async fn a_premium_caller_writes_custom_fields_by_name_and_label() {
    let s = Session::start(Tier::Premium).await;

    let created = s
        .ok(
            "clickup_task_create",
            json!({
                "list": SPRINT_12, "name": "Fix the flaky test",
                "custom_fields": [
                    {"field": "severity", "value": "Critical"},
                    {"field": "Components", "value": ["ui", "db"]},
                    {"field": "Effort", "value": 2},
                ],
                "detail_level": "full",
            }),
        )
        .await;
    assert_eq!(created["not_applied"], json!([]), "{created}");
    let value = |task: &serde_json::Value, name: &str| {
        task["custom_fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap()["value"]
            .clone()
    };
    assert_eq!(value(&created["task"], "Severity"), "Critical");
    assert_eq!(value(&created["task"], "Components"), json!(["ui", "db"]));
    let id = created["task"]["id"].as_str().unwrap();

    let updated = s
        .ok(
            "clickup_task_update",
            json!({"task": id, "custom_fields": [
                {"field": "Severity", "value": "Low"},
                {"field": "Reviewer", "value": ["bob@example.com"]},
                {"field": "Effort", "value": null},
            ], "detail_level": "full"}),
        )
        .await;
    assert_eq!(updated["not_applied"], json!([]), "{updated}");
    assert_eq!(value(&updated["task"], "Severity"), "Low");
    assert_eq!(
        value(&updated["task"], "Reviewer"),
        json!([{"id": "81000002", "name": "Bob Brown"}])
    );
    assert_eq!(value(&updated["task"], "Effort"), serde_json::Value::Null);

    let error = s
        .error(
            "clickup_task_update",
            json!({"task": id, "custom_fields": [{"field": "Severity", "value": "Blocker"}]}),
        )
        .await;
    assert_eq!(error["code"], "invalid_argument");
    assert!(
        error["message"].as_str().unwrap().contains("Critical"),
        "lists the options"
    );
}

#[tokio::test]
async fn a_subtask_is_created_and_re_parented_within_its_list() {
    let s = Session::start(Tier::Free).await;

    let child = s
        .ok(
            "clickup_task_create",
            json!({"list": SPRINT_12, "name": "Pin the toolchain", "parent": "ENG-1"}),
        )
        .await;
    assert_eq!(child["task"]["parent"], "86aa0001", "{child}");
    let id = child["task"]["id"].as_str().unwrap();

    let moved = s
        .ok(
            "clickup_task_update",
            json!({"task": id, "parent": "86aa0005"}),
        )
        .await;
    assert_eq!(moved["task"]["parent"], "86aa0005");
    assert_eq!(moved["not_applied"], json!([]));

    let error = s
        .error(
            "clickup_task_update",
            json!({"task": id, "parent": "86aa0007"}),
        )
        .await;
    assert_eq!(
        error["code"], "invalid_argument",
        "a parent in another list: {error}"
    );
}

#[tokio::test]
async fn a_priority_is_taken_in_any_case_or_as_a_digit_string_though_the_schema_lists_names() {
    let s = Session::start(Tier::Free).await;
    for (priority, expected) in [("URGENT", "urgent"), (" Normal ", "normal"), ("2", "high")] {
        let created = s
            .ok(
                "clickup_task_create",
                json!({"list": SPRINT_12, "name": format!("Priority {priority}"), "priority": priority}),
            )
            .await;
        assert_eq!(
            created["task"]["priority"], expected,
            "{priority}: {created}"
        );
        assert_eq!(created["not_applied"], json!([]), "{priority}");
    }
}

#[tokio::test]
async fn delete_takes_a_whole_name_only_and_offers_partial_matches_as_candidates() {
    let s = Session::start(Tier::Free).await;
    let created = s
        .ok(
            "clickup_task_create",
            json!({"list": SPRINT_12, "name": "Temporary scratch note zzz"}),
        )
        .await;
    let id = created["task"]["id"].as_str().unwrap().to_owned();
    s.clear_log().await;

    let refused = s
        .error("clickup_task_delete", json!({"task": "scratch"}))
        .await;
    assert_eq!(refused["code"], "not_found", "{refused}");
    assert_eq!(refused["candidates"][0]["id"], id, "{refused}");
    assert!(
        s.clickup_calls()
            .await
            .iter()
            .all(|c| !c.starts_with("DELETE")),
        "nothing is deleted on a partial name"
    );

    let deleted = s
        .ok(
            "clickup_task_delete",
            json!({"task": "temporary SCRATCH note zzz"}),
        )
        .await;
    assert_eq!(deleted["id"], id);
    assert_eq!(deleted["name"], "Temporary scratch note zzz");
    assert_eq!(deleted["list"], "Sprint 12");

    // By id: one read (what is deleted, and that it exists), then the delete.
    let other = s
        .ok(
            "clickup_task_create",
            json!({"list": SPRINT_12, "name": "Another scratch"}),
        )
        .await;
    let other_id = other["task"]["id"].as_str().unwrap().to_owned();
    s.clear_log().await;
    s.ok("clickup_task_delete", json!({"task": other_id})).await;
    assert_eq!(
        s.clickup_calls().await,
        vec![
            format!("GET /api/v2/task/{other_id}"),
            format!("DELETE /api/v2/task/{other_id}"),
        ]
    );
    s.clear_log().await;
    let again = s.error("clickup_task_delete", json!({"task": id})).await;
    assert_eq!(again["code"], "not_found", "{again}");
    assert!(
        s.clickup_calls()
            .await
            .iter()
            .all(|c| !c.starts_with("DELETE")),
        "a task that is gone is not_found before anything is deleted"
    );
}

//! Time entries: log, list, read, edit, delete, history, and the running timer.

use serde_json::json;

use crate::time::mcp::{
    BOB, BOBS, CAROL, FROM_MS, PIPELINE, PLANNING, REVIEW, Session, UNTIL_MS, strings,
};

const ENTRIES: &str = "/v2/team/9000001/time_entries";

fn range() -> serde_json::Value {
    json!({"start": "2024-12-30", "end": "2025-01-02", "timezone": "UTC"})
}

fn with(mut base: serde_json::Value, extra: serde_json::Value) -> serde_json::Value {
    for (k, v) in extra.as_object().unwrap() {
        base[k] = v.clone();
    }
    base
}

#[tokio::test]
async fn logging_time_on_a_custom_id_task_sends_ms_and_reads_the_entry_back() {
    let s = Session::time_alice().await;
    let (answer, calls) = s
        .traced(
            "clickup_time_entry_create",
            json!({"task": "ENG-1", "start": "2025-01-02T09:00:00Z", "duration": "1h 30m",
                "description": "pairing", "billable": true, "tags": ["dev"], "timezone": "UTC"}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(result["verified"], true);
    assert_eq!(result["not_applied"], json!([]));
    let entry = &result["entry"];
    assert_eq!(entry["task"]["id"], "86aa0001");
    assert_eq!(entry["start"], "2025-01-02T09:00:00+00:00");
    assert_eq!(entry["end"], "2025-01-02T10:30:00+00:00");
    assert_eq!(entry["duration_ms"], 5_400_000);
    assert_eq!(entry["duration"], "1h 30m");
    assert_eq!(entry["billable"], true);
    assert_eq!(entry["tags"], json!(["dev"]));
    assert_eq!(entry["running"], false);
    let id = entry["id"].as_str().unwrap();
    assert_eq!(
        calls,
        [
            format!("POST {ENTRIES}?custom_task_ids=true&team_id=9000001"),
            format!("GET {ENTRIES}/{id}"),
        ]
    );
    let stored = s.clickup_get(&format!("{ENTRIES}/{id}")).await;
    assert_eq!(stored["data"][0]["duration"], "5400000");
    assert_eq!(stored["data"][0]["description"], "pairing");
}

#[tokio::test]
async fn a_log_needs_exactly_one_of_duration_and_end_and_an_end_after_the_start() {
    let s = Session::time_alice().await;
    for args in [
        json!({"start": "2025-01-02T09:00:00Z"}),
        json!({"start": "2025-01-02T09:00:00Z", "duration": "1h", "end": "2025-01-02T11:00:00Z"}),
        json!({"start": "2025-01-02T09:00:00Z", "end": "2025-01-02T08:00:00Z"}),
        json!({"start": "2025-01-02T09:00:00Z", "duration": 5000}),
    ] {
        let (answer, calls) = s.traced("clickup_time_entry_create", args.clone()).await;
        assert_eq!(answer.code_for(&args.to_string()), "invalid_argument");
        assert!(calls.is_empty(), "{args}: {calls:?}");
    }
}

#[tokio::test]
async fn the_list_covers_the_range_newest_first_and_pages_the_one_clickup_answer() {
    let s = Session::time_alice().await;
    let (answer, calls) = s.traced("clickup_time_entry_list", range()).await;
    let page = answer.ok();
    assert_eq!(strings(&page["items"], "id"), [PIPELINE, PLANNING, REVIEW]);
    assert_eq!(page["has_more"], false);
    assert_eq!(page["items"][0]["duration_ms"], 7_200_000);
    assert_eq!(page["items"][0]["tags"], json!(["dev"]));
    assert_eq!(page["items"][1]["task"], json!(null));
    assert_eq!(
        calls,
        [format!(
            "GET {ENTRIES}?start_date={FROM_MS}&end_date={UNTIL_MS}"
        )]
    );

    let first = s
        .call(
            "clickup_time_entry_list",
            with(range(), json!({"limit": 2})),
        )
        .await;
    let first = first.ok();
    assert_eq!(strings(&first["items"], "id"), [PIPELINE, PLANNING]);
    assert_eq!(first["has_more"], true);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = s
        .call(
            "clickup_time_entry_list",
            with(range(), json!({"limit": 2, "cursor": cursor})),
        )
        .await;
    assert_eq!(strings(&second.ok()["items"], "id"), [REVIEW]);
    assert_eq!(second.ok()["has_more"], false);
}

#[tokio::test]
async fn a_list_location_and_billable_filter_go_to_clickup_and_only_one_location_is_taken() {
    let s = Session::time_alice().await;
    let (answer, calls) = s
        .traced(
            "clickup_time_entry_list",
            with(range(), json!({"list": "901101001", "billable": false})),
        )
        .await;
    assert_eq!(strings(&answer.ok()["items"], "id"), [REVIEW]);
    assert_eq!(
        calls,
        [format!(
            "GET {ENTRIES}?start_date={FROM_MS}&end_date={UNTIL_MS}&list_id=901101001&is_billable=false"
        )]
    );

    let (answer, calls) = s
        .traced(
            "clickup_time_entry_list",
            with(range(), json!({"list": "901101001", "task": "86aa0001"})),
        )
        .await;
    assert_eq!(answer.code(), "invalid_argument");
    assert!(
        answer.message().contains("at most one"),
        "{}",
        answer.message()
    );
    assert!(calls.is_empty(), "{calls:?}");
}

#[tokio::test]
async fn an_admin_reads_a_members_entries_and_a_member_is_told_only_admins_may() {
    let s = Session::time_alice().await;
    let (answer, calls) = s
        .traced(
            "clickup_time_entry_list",
            with(range(), json!({"assignees": ["bob@example.com"]})),
        )
        .await;
    assert_eq!(strings(&answer.ok()["items"], "id"), [BOBS]);
    assert_eq!(answer.ok()["items"][0]["user"]["id"], BOB.to_string());
    assert_eq!(
        calls,
        [format!(
            "GET {ENTRIES}?start_date={FROM_MS}&end_date={UNTIL_MS}&assignee={BOB}"
        )]
    );

    let carol = Session::time_user(CAROL).await;
    let (answer, calls) = carol
        .traced(
            "clickup_time_entry_list",
            with(range(), json!({"assignees": ["alice@example.com"]})),
        )
        .await;
    assert_eq!(answer.code(), "invalid_argument");
    assert!(
        answer.message().contains("owners and admins"),
        "{}",
        answer.message()
    );
    assert!(calls.is_empty(), "{calls:?}");
}

#[tokio::test]
async fn one_entry_reads_with_its_location_in_full() {
    let s = Session::time_alice().await;
    let (answer, calls) = s
        .traced(
            "clickup_time_entry_get",
            json!({"time_entry_id": PIPELINE, "detail_level": "full", "timezone": "UTC"}),
        )
        .await;
    let entry = answer.ok();
    assert_eq!(entry["task"]["name"], "Set up CI pipeline");
    assert_eq!(entry["start"], "2025-01-01T11:00:00+00:00");
    assert_eq!(entry["duration"], "2h");
    assert_eq!(entry["billable"], true);
    assert_eq!(entry["location"]["list"]["name"], "Sprint 12");
    assert_eq!(entry["location"]["list"]["id"], "901101001");
    assert_eq!(calls, [format!("GET {ENTRIES}/{PIPELINE}")]);

    let (answer, _) = s
        .traced(
            "clickup_time_entry_get",
            json!({"time_entry_id": "4000000000000009999"}),
        )
        .await;
    assert_eq!(answer.code(), "not_found");
}

#[tokio::test]
async fn an_edit_keeps_the_task_sets_the_tags_and_is_read_back() {
    let s = Session::time_alice().await;
    let (answer, calls) = s
        .traced(
            "clickup_time_entry_update",
            json!({"time_entry_id": PIPELINE, "duration": "3h", "description": "CI and caching",
                "tags": ["review"], "timezone": "UTC"}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(result["verified"], true);
    assert_eq!(result["not_applied"], json!([]));
    assert_eq!(result["entry"]["duration_ms"], 10_800_000);
    assert_eq!(result["entry"]["end"], "2025-01-01T14:00:00+00:00");
    assert_eq!(result["entry"]["tags"], json!(["review"]));
    assert_eq!(result["entry"]["description"], "CI and caching");
    let one = format!("{ENTRIES}/{PIPELINE}");
    assert_eq!(
        calls,
        [
            format!("GET {one}"),
            format!("PUT {one}"),
            format!("PUT {one}"),
            format!("GET {one}"),
        ]
    );
    let stored = s.clickup_get(&one).await;
    assert_eq!(
        stored["data"][0]["task"]["id"], "86aa0001",
        "the task is kept"
    );

    let (history, calls) = s
        .traced(
            "clickup_time_entry_history_list",
            json!({"time_entry_id": PIPELINE}),
        )
        .await;
    let fields: Vec<String> = strings(&history.ok()["items"], "field");
    assert!(fields.contains(&"description".to_owned()), "{fields:?}");
    assert!(fields.contains(&"tags".to_owned()), "{fields:?}");
    assert!(fields.contains(&"end".to_owned()), "{fields:?}");
    assert_eq!(calls, [format!("GET {one}/history")]);
}

#[tokio::test]
async fn the_times_of_a_running_timer_are_not_edited() {
    let s = Session::time_alice().await;
    let started = s.call("clickup_timer_start", json!({})).await;
    let id = started.ok()["timer"]["id"].as_str().unwrap().to_owned();
    let (answer, calls) = s
        .traced(
            "clickup_time_entry_update",
            json!({"time_entry_id": id, "duration": "1h"}),
        )
        .await;
    assert_eq!(answer.code(), "invalid_argument");
    assert!(
        answer.message().contains("clickup_timer_stop"),
        "{}",
        answer.message()
    );
    assert_eq!(calls, [format!("GET {ENTRIES}/{id}")]);
}

#[tokio::test]
async fn several_entries_are_deleted_in_one_request_with_comma_joined_ids() {
    let s = Session::time_alice().await;
    let (answer, calls) = s
        .traced(
            "clickup_time_entry_delete",
            json!({"time_entry_ids": [PLANNING, REVIEW, PLANNING]}),
        )
        .await;
    assert_eq!(answer.ok()["ok"], true);
    assert_eq!(answer.ok()["ids"], json!([PLANNING, REVIEW]));
    assert_eq!(calls, [format!("DELETE {ENTRIES}/{PLANNING}%2C{REVIEW}")]);
    let left = s
        .clickup_get(&format!(
            "{ENTRIES}?start_date={FROM_MS}&end_date={UNTIL_MS}"
        ))
        .await;
    assert_eq!(strings(&left["data"], "id"), [PIPELINE]);

    let (answer, calls) = s
        .traced("clickup_time_entry_delete", json!({"time_entry_ids": []}))
        .await;
    assert_eq!(answer.code(), "invalid_argument");
    assert!(calls.is_empty());
}

#[tokio::test]
async fn the_running_timer_is_read_for_me_or_for_another_user() {
    let s = Session::time_alice().await;
    let current = "GET /v2/team/9000001/time_entries/current";
    let (answer, calls) = s.traced("clickup_timer_get", json!({})).await;
    assert_eq!(answer.ok()["running"], false);
    assert_eq!(answer.ok()["timer"], json!(null));
    assert_eq!(calls, [current]);

    s.call("clickup_timer_start", json!({"task": "86aa0002"}))
        .await
        .ok();
    let (answer, _) = s.traced("clickup_timer_get", json!({})).await;
    assert_eq!(answer.ok()["running"], true);
    assert_eq!(answer.ok()["timer"]["task"]["id"], "86aa0002");

    let (answer, calls) = s
        .traced("clickup_timer_get", json!({"user": BOB.to_string()}))
        .await;
    assert_eq!(answer.ok()["running"], false);
    assert_eq!(calls, [format!("{current}?assignee={BOB}")]);
}

#[tokio::test]
async fn a_free_user_lists_entries_but_gets_premium_required_for_the_rest() {
    let s = Session::alice().await.on("/mcp/x/all");
    s.warm().await;
    let (answer, _) = s.traced("clickup_time_entry_list", range()).await;
    assert_eq!(strings(&answer.ok()["items"], "id").len(), 3);
    for (tool, args) in [
        ("clickup_time_entry_get", json!({"time_entry_id": PIPELINE})),
        (
            "clickup_time_entry_create",
            json!({"start": "2025-01-02T09:00:00Z", "duration": "1h"}),
        ),
        ("clickup_time_report_get", json!({})),
        ("clickup_timer_get", json!({})),
    ] {
        let (answer, calls) = s.traced(tool, args).await;
        assert_eq!(answer.code_for(tool), "premium_required");
        assert!(calls.is_empty(), "{tool}: {calls:?}");
    }
}

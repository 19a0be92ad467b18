//! `clickup_time_report_get`: totals and groups computed from one ClickUp request.

use serde_json::json;

use crate::time::mcp::{BOB, FROM_MS, Session, UNTIL_MS};

const ENTRIES: &str = "/v2/team/9000001/time_entries";

fn summary(groups: &serde_json::Value) -> Vec<(String, i64, i64)> {
    groups
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap().to_owned(),
                g["duration_ms"].as_i64().unwrap(),
                g["entries"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn time_is_totalled_and_grouped_by_task_from_one_request() {
    let s = Session::time_alice().await;
    let (answer, calls) = s
        .traced(
            "clickup_time_report_get",
            json!({"start": "2024-12-30", "end": "2025-01-02", "group_by": "task",
                "timezone": "UTC"}),
        )
        .await;
    let report = answer.ok();
    assert_eq!(report["total_ms"], 15_300_000);
    assert_eq!(report["total"], "4h 15m");
    assert_eq!(report["entries"], 3);
    assert_eq!(report["running_excluded"], 0);
    assert_eq!(report["start"], "2024-12-30T00:00:00+00:00");
    assert_eq!(
        summary(&report["groups"]),
        [
            ("Set up CI pipeline".to_owned(), 7_200_000, 1),
            ("Rate-limit the public API".to_owned(), 5_400_000, 1),
            ("No task".to_owned(), 2_700_000, 1),
        ]
    );
    assert_eq!(report["groups"][0]["id"], "86aa0001");
    assert_eq!(report["groups"][2]["id"], json!(null));
    assert_eq!(
        calls,
        [format!(
            "GET {ENTRIES}?start_date={FROM_MS}&end_date={UNTIL_MS}"
        )]
    );
}

#[tokio::test]
async fn grouped_by_tag_an_entry_counts_in_each_of_its_tags() {
    let s = Session::time_alice().await;
    let answer = s
        .call(
            "clickup_time_report_get",
            json!({"start": "2024-12-30", "end": "2025-01-02", "group_by": "tag",
                "timezone": "UTC"}),
        )
        .await;
    let report = answer.ok();
    assert_eq!(report["total_ms"], 15_300_000);
    assert_eq!(
        summary(&report["groups"]),
        [
            ("dev".to_owned(), 12_600_000, 2),
            ("review".to_owned(), 5_400_000, 1),
            ("No tag".to_owned(), 2_700_000, 1),
        ]
    );
}

#[tokio::test]
async fn grouped_by_user_and_list_across_people_with_location_names() {
    let s = Session::time_alice().await;
    let (answer, calls) = s
        .traced(
            "clickup_time_report_get",
            json!({"start": "2024-12-30", "end": "2025-01-02", "group_by": "list",
                "assignees": ["me", BOB.to_string()], "timezone": "UTC"}),
        )
        .await;
    let report = answer.ok();
    assert_eq!(report["total_ms"], 18_900_000);
    assert_eq!(
        summary(&report["groups"]),
        [
            ("Sprint 12".to_owned(), 16_200_000, 3),
            ("No list".to_owned(), 2_700_000, 1),
        ]
    );
    assert_eq!(
        calls,
        [format!(
            "GET {ENTRIES}?start_date={FROM_MS}&end_date={UNTIL_MS}&assignee=81000001%2C{BOB}&include_location_names=true"
        )]
    );
}

#[tokio::test]
async fn an_inverted_range_is_refused_before_clickup_is_asked() {
    let s = Session::time_alice().await;
    let (answer, calls) = s
        .traced(
            "clickup_time_report_get",
            json!({"start": "2025-01-02", "end": "2024-12-30"}),
        )
        .await;
    assert_eq!(answer.code(), "invalid_argument");
    assert!(answer.message().contains("`start` must be before `end`"));
    assert!(calls.is_empty(), "{calls:?}");
}

#[tokio::test]
async fn the_default_range_is_the_last_seven_days() {
    let s = Session::time_alice().await;
    let (answer, calls) = s.traced("clickup_time_report_get", json!({})).await;
    let report = answer.ok();
    assert_eq!(report["groups"], json!([]));
    let query = calls[0].split('?').nth(1).unwrap().to_owned();
    let params: Vec<i64> = query
        .split('&')
        .map(|p| p.split('=').nth(1).unwrap().parse().unwrap())
        .collect();
    assert_eq!(params[1] - params[0], 7 * 86_400_000, "{query}");
}

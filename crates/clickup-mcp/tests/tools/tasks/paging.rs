//! Paging through the 242-task Backlog with cursors: every task once, no gaps, a clean end, and
//! cursors bound to their tool and filters.

use std::collections::HashSet;

use clickup_mcp::domain::Tier;
use serde_json::{Value, json};

use crate::tasks::client::{BACKLOG, Session, ids};

/// Every page of `tool` with `arguments`, following `next_cursor`.
async fn every_page(s: &Session, tool: &str, arguments: Value) -> Vec<Value> {
    let mut pages = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut args = arguments.clone();
        if let Some(c) = &cursor {
            args["cursor"] = json!(c);
        }
        let page = s.ok(tool, args).await;
        assert_eq!(page["has_more"], page["next_cursor"].is_string(), "{page}");
        cursor = page["next_cursor"].as_str().map(str::to_owned);
        pages.push(page);
        if cursor.is_none() {
            return pages;
        }
        assert!(pages.len() < 50, "paging does not end");
    }
}

#[tokio::test]
async fn paging_the_backlog_returns_each_open_task_once_and_then_stops() {
    let s = Session::start(Tier::Free).await;

    for (limit, page_count) in [(50, 5), (100, 3), (37, 7)] {
        let pages = every_page(
            &s,
            "clickup_task_list",
            json!({"list": BACKLOG, "limit": limit}),
        )
        .await;

        let all: Vec<String> = pages.iter().flat_map(ids).collect();
        let unique: HashSet<&String> = all.iter().collect();
        assert_eq!(all.len(), 230, "limit {limit}: the open top-level tasks");
        assert_eq!(unique.len(), all.len(), "limit {limit}: no duplicates");
        assert_eq!(pages.len(), page_count, "limit {limit}");
        let last = pages.last().unwrap();
        assert_eq!(last["has_more"], false);
        assert_eq!(last["next_cursor"], Value::Null);
        for page in &pages[..pages.len() - 1] {
            assert_eq!(ids(page).len(), limit, "full pages before the last");
        }
    }
}

#[tokio::test]
async fn closed_tasks_and_subtasks_make_the_242_and_upstream_pages_are_read_once_each() {
    let s = Session::start(Tier::Free).await;
    s.ok("clickup_task_list", json!({"list": BACKLOG, "limit": 1}))
        .await;
    s.clear_log().await;

    let pages = every_page(
        &s,
        "clickup_task_list",
        json!({"list": BACKLOG, "limit": 100, "include_closed": true, "subtasks": true}),
    )
    .await;

    let all: HashSet<String> = pages.iter().flat_map(ids).collect();
    assert_eq!(all.len(), 242);
    let expected: HashSet<String> = (1..=242).map(|n| format!("86ab{n:04}")).collect();
    assert_eq!(all, expected, "no gaps");
    let reads = s.clickup_requests().await;
    let pages_read: Vec<String> = reads
        .iter()
        .map(|r| {
            let query = r["query"].as_str().unwrap();
            query
                .split('&')
                .find(|p| p.starts_with("page="))
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(pages_read, ["page=0", "page=1", "page=2"]);
}

#[tokio::test]
async fn a_cursor_is_refused_by_another_tool_other_filters_or_when_altered() {
    let s = Session::start(Tier::Free).await;
    let page = s
        .ok(
            "clickup_task_list",
            json!({"list": BACKLOG, "limit": 10, "statuses": ["idea"]}),
        )
        .await;
    let cursor = page["next_cursor"].as_str().unwrap().to_owned();
    let mut altered = cursor.clone().into_bytes();
    altered[3] = if altered[3] == b'A' { b'B' } else { b'A' };
    let altered = String::from_utf8(altered).unwrap();

    let cases = [
        (
            "clickup_task_search",
            json!({"lists": [BACKLOG], "statuses": ["idea"], "cursor": cursor}),
            "another tool",
        ),
        (
            "clickup_task_list",
            json!({"list": BACKLOG, "statuses": ["drafting"], "cursor": cursor}),
            "other filters",
        ),
        (
            "clickup_task_list",
            json!({"list": BACKLOG, "statuses": ["idea"], "cursor": altered}),
            "altered",
        ),
    ];
    for (tool, args, why) in cases {
        s.clear_log().await;
        let error = s.error(tool, args).await;
        assert_eq!(error["code"], "invalid_argument", "{why}: {error}");
        assert!(
            error["message"].as_str().unwrap().contains("cursor"),
            "{why}"
        );
        assert!(
            s.clickup_calls().await.is_empty(),
            "{why}: refused before ClickUp"
        );
    }

    let same_filters_other_limit = s
        .ok(
            "clickup_task_list",
            json!({"list": BACKLOG, "statuses": ["idea"], "cursor": cursor, "limit": 5}),
        )
        .await;
    assert_eq!(
        ids(&same_filters_other_limit).len(),
        5,
        "the limit may change"
    );
}

#[tokio::test]
async fn search_pages_through_the_workspace_with_a_query_across_calls() {
    let s = Session::start(Tier::Free).await;

    let pages = every_page(
        &s,
        "clickup_task_search",
        json!({"query": "Backlog item", "limit": 40, "workspace_id": "9000001"}),
    )
    .await;

    let all: Vec<String> = pages.iter().flat_map(ids).collect();
    let unique: HashSet<&String> = all.iter().collect();
    assert_eq!(all.len(), 230);
    assert_eq!(unique.len(), 230);
}

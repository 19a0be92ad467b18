//! `clickup_comment_list`: targets, paging through ClickUp's pages of 25, errors.

use serde_json::{Value, json};

use crate::collab::mcp::{Session, strings};

const LIST: &str = "clickup_comment_list";

/// `91000030` … `91000001`: the seeded comments of 86aa0001, newest first.
fn seeded(from: u32, to: u32) -> Vec<String> {
    (to..=from)
        .rev()
        .map(|n| format!("{}", 91_000_000 + n))
        .collect()
}

#[tokio::test]
async fn task_comments_come_newest_first_25_a_page_and_the_cursor_reaches_the_oldest() {
    let s = Session::alice().await;
    s.warm().await;

    let (first, calls) = s.traced(LIST, json!({"task": "86aa0001"})).await;

    let page = first.ok();
    assert_eq!(strings(&page["items"], "id"), seeded(30, 6));
    assert_eq!(page["has_more"], true);
    assert_eq!(calls, ["GET /v2/task/86aa0001/comment"]);
    let newest = &page["items"][0];
    assert_eq!(newest["author"]["id"], "81000001");
    assert!(
        newest["date"].as_str().unwrap().ends_with("+00:00"),
        "{newest}"
    );
    assert!(newest["reply_count"].is_number());
    assert!(newest.get("segments").is_none(), "summary by default");

    let cursor = page["next_cursor"].as_str().unwrap();
    let (second, calls) = s
        .traced(LIST, json!({"task": "86aa0001", "cursor": cursor}))
        .await;

    let page = second.ok();
    assert_eq!(strings(&page["items"], "id"), seeded(5, 1));
    assert_eq!(
        (page["has_more"].clone(), page["next_cursor"].clone()),
        (json!(false), Value::Null)
    );
    let oldest_returned = &first.data["items"][24];
    assert_eq!(
        calls,
        [format!(
            "GET /v2/task/86aa0001/comment?start={}&start_id=91000006",
            ms_of(oldest_returned["date"].as_str().unwrap())
        )]
    );
}

/// Epoch ms of an RFC 3339 UTC date the tool wrote.
fn ms_of(date: &str) -> String {
    let parsed =
        time::OffsetDateTime::parse(date, &time::format_description::well_known::Rfc3339).unwrap();
    (parsed.unix_timestamp_nanos() / 1_000_000).to_string()
}

#[tokio::test]
async fn a_small_limit_pages_inside_clickup_pages_without_losing_or_repeating_a_comment() {
    let s = Session::alice().await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut args = json!({"task": "86aa0001", "limit": 10});
        if let Some(c) = &cursor {
            args["cursor"] = json!(c);
        }
        let page = s.call(LIST, args).await;
        let page = page.ok();
        pages += 1;
        assert!(page["items"].as_array().unwrap().len() <= 10);
        seen.extend(strings(&page["items"], "id"));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
        assert!(pages < 10, "paging ends");
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, seeded(30, 1), "all 30, newest first, each once");
}

#[tokio::test]
async fn a_limit_above_25_reads_several_clickup_pages_in_one_call() {
    let s = Session::alice().await;
    s.warm().await;

    let (answer, calls) = s
        .traced(LIST, json!({"task": "86aa0001", "limit": 100}))
        .await;

    let page = answer.ok();
    assert_eq!(strings(&page["items"], "id"), seeded(30, 1));
    assert_eq!(page["has_more"], false);
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert!(calls[1].contains("start_id=91000006"), "{calls:?}");
}

#[tokio::test]
async fn a_custom_task_id_is_sent_with_custom_task_ids_and_the_workspace() {
    let s = Session::alice().await;
    s.warm().await;

    let (answer, calls) = s
        .traced(LIST, json!({"task_id": "ENG-1", "limit": 1}))
        .await;

    assert_eq!(strings(&answer.ok()["items"], "id"), ["91000030"]);
    assert_eq!(
        calls,
        ["GET /v2/task/ENG-1/comment?custom_task_ids=true&team_id=9000001"]
    );
}

#[tokio::test]
async fn a_task_named_by_its_name_is_found_then_read() {
    let s = Session::alice().await;
    s.warm().await;

    let (answer, calls) = s
        .traced(LIST, json!({"task": "Rate-limit the public API"}))
        .await;

    let items = &answer.ok()["items"];
    assert_eq!(strings(items, "id"), ["91000102", "91000101"]);
    assert_eq!(items[1]["assignee"]["name"], "Carol Chen");
    assert!(
        calls[0].starts_with("GET /v2/team/9000001/task?"),
        "{calls:?}"
    );
    assert_eq!(calls.last().unwrap(), "GET /v2/task/86aa0005/comment");
}

#[tokio::test]
async fn list_comments_by_name_use_the_cached_hierarchy_on_the_second_call() {
    let s = Session::alice().await;
    s.warm().await;

    let (first, calls) = s.traced(LIST, json!({"list": "Sprint 12"})).await;
    assert_eq!(
        strings(&first.ok()["items"], "id"),
        ["91000202", "91000201"]
    );
    assert!(calls.len() > 1, "the hierarchy is read once: {calls:?}");
    assert_eq!(calls.last().unwrap(), "GET /v2/list/901101001/comment");

    let (second, calls) = s
        .traced(LIST, json!({"list": "Engineering/Backend/Sprint 12"}))
        .await;
    assert_eq!(
        strings(&second.ok()["items"], "id"),
        ["91000202", "91000201"]
    );
    assert_eq!(calls, ["GET /v2/list/901101001/comment"]);
}

#[tokio::test]
async fn chat_view_comments_are_read_by_view_id_and_full_detail_adds_the_raw_parts() {
    let s = Session::alice().await;
    s.warm().await;

    let (answer, calls) = s
        .traced(
            LIST,
            json!({"view_id": "3c9q1-1001", "detail_level": "full"}),
        )
        .await;

    let items = &answer.ok()["items"];
    assert_eq!(strings(items, "id"), ["91000303", "91000302", "91000301"]);
    assert!(items[0]["date_ms"].is_i64());
    assert!(items[0]["segments"].is_array());
    assert_eq!(calls, ["GET /v2/view/3c9q1-1001/comment"]);
}

#[tokio::test]
async fn the_dates_follow_the_timezone_argument() {
    let s = Session::alice().await;

    let answer = s
        .call(
            LIST,
            json!({"task": "86aa0001", "limit": 1, "timezone": "Asia/Kolkata"}),
        )
        .await;

    let date = answer.ok()["items"][0]["date"].as_str().unwrap().to_owned();
    assert!(date.ends_with("+05:30"), "{date}");
}

#[tokio::test]
async fn targets_must_be_exactly_one_and_nothing_is_asked_of_clickup_otherwise() {
    let s = Session::alice().await;
    s.warm().await;
    let cases = [
        (json!({}), "no target"),
        (
            json!({"task": "86aa0001", "list": "Sprint 12"}),
            "two targets",
        ),
        (
            json!({"task": "86aa0001", "view_id": "3c9q1-1001"}),
            "task and view",
        ),
        (
            json!({"task": "86aa0001", "task_id": "86aa0001"}),
            "both spellings",
        ),
        (json!({"task": "86aa0001", "limit": 0}), "limit 0"),
        (json!({"task": "86aa0001", "limit": 101}), "limit 101"),
        (
            json!({"task": "86aa0001", "cursor": "bm90LWEtY3Vyc29y"}),
            "a forged cursor",
        ),
        (
            json!({"task": "86aa0001", "timezone": "Mars/Olympus"}),
            "an unknown zone",
        ),
        (
            json!({"task": "86aa0001", "colour": "red"}),
            "an unknown argument",
        ),
    ];
    for (args, why) in cases {
        let (answer, calls) = s.traced(LIST, args).await;
        assert_eq!(answer.code(), "invalid_argument", "{why}: {}", answer.text);
        assert!(calls.is_empty(), "{why}: {calls:?}");
    }
}

#[tokio::test]
async fn a_cursor_of_another_task_belongs_to_another_query() {
    let s = Session::alice().await;
    let first = s.call(LIST, json!({"task": "86aa0001", "limit": 5})).await;
    let cursor = first.ok()["next_cursor"].as_str().unwrap().to_owned();

    let answer = s
        .call(LIST, json!({"task": "86aa0005", "cursor": cursor}))
        .await;

    assert_eq!(answer.code(), "invalid_argument");
    assert!(
        answer.message().contains("another query"),
        "{}",
        answer.message()
    );
    assert!(!answer.text.contains(&cursor), "the cursor is not echoed");
}

#[tokio::test]
async fn unknown_and_ambiguous_targets_are_not_found_and_ambiguous_with_candidates() {
    let s = Session::alice().await;

    let unknown = s.call(LIST, json!({"task": "86zz9999"})).await;
    assert_eq!(
        unknown.code_for("an unknown task"),
        "not_found",
        "{}",
        unknown.text
    );

    let deleted = s.call(LIST, json!({"task": "86aa0009"})).await;
    assert_eq!(
        deleted.code_for("a deleted task"),
        "not_found",
        "{}",
        deleted.text
    );

    let unknown_view = s.call(LIST, json!({"view_id": "3c9q1-9999"})).await;
    assert_eq!(
        unknown_view.code_for("an unknown view"),
        "not_found",
        "{}",
        unknown_view.text
    );

    let ambiguous = s.call(LIST, json!({"task": "cache"})).await;
    assert_eq!(
        ambiguous.code_for("an ambiguous task name"),
        "ambiguous",
        "{}",
        ambiguous.text
    );
    let mut names = strings(&ambiguous.data["error"]["candidates"], "name");
    names.sort();
    assert_eq!(
        names,
        ["Cache the target directory", "Measure cache hit rate"]
    );

    let ambiguous_list = s.call(LIST, json!({"list": "s"})).await;
    assert_eq!(
        ambiguous_list.code_for("an ambiguous list name"),
        "ambiguous",
        "{}",
        ambiguous_list.text
    );
    let mut paths = strings(&ambiguous_list.data["error"]["candidates"], "path");
    paths.sort();
    assert_eq!(
        paths,
        [
            "Engineering/Backend/Bugs",
            "Engineering/Backend/Sprint 12",
            "Engineering/Frontend/UI Polish"
        ]
    );
}

#[tokio::test]
async fn a_revoked_clickup_token_asks_the_user_to_reconnect() {
    let s = Session::alice().await;
    s.app
        .sandbox_control("/tokens/revoke", json!({"user_id": s.user}))
        .await;

    let answer = s.call(LIST, json!({"task": "86aa0001"})).await;

    assert_eq!(answer.code(), "reauth_required", "{}", answer.text);
}

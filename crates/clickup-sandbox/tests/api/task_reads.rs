//! Task reads: the paged list and workspace searches, their filters and ordering.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{ACME, ALICE, BETA, DAVE, assert_clickup_error, spawn_sandbox, task_ids};

const BACKLOG: &str = "901101010";
const CHANNEL_FIELD: &str = "5f1b0000-0000-4000-8000-000000000009";
const CHANNEL_BLOG: &str = "6a1c0000-0000-4000-8000-000000000021";

#[tokio::test]
async fn the_backlog_pages_by_100_and_says_which_page_is_the_last() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let mut seen = Vec::new();
    for (page, want_len, want_last) in [(0, 100, false), (1, 100, false), (2, 30, true)] {
        let (status, body) = sandbox
            .get_json(&format!("/v2/list/{BACKLOG}/task?page={page}"), &token)
            .await;
        assert_eq!(status, StatusCode::OK, "page {page}");
        assert_eq!(task_ids(&body).len(), want_len, "page {page} length");
        assert_eq!(body["last_page"], want_last, "page {page} last_page");
        seen.extend(task_ids(&body));
    }
    let count = seen.len();
    seen.sort();
    seen.dedup();
    assert_eq!(
        (count, seen.len()),
        (230, 230),
        "every open top-level task once"
    );

    let (_, beyond) = sandbox
        .get_json(&format!("/v2/list/{BACKLOG}/task?page=3"), &token)
        .await;
    assert_eq!(task_ids(&beyond).len(), 0, "past the end");
    assert_eq!(beyond["last_page"], true);
}

#[tokio::test]
async fn closed_tasks_and_subtasks_come_only_when_asked_for() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let count = |query: &'static str| {
        let sandbox = &sandbox;
        let token = &token;
        async move {
            let mut total = 0;
            for page in 0..5 {
                let (_, body) = sandbox
                    .get_json(
                        &format!("/v2/list/{BACKLOG}/task?page={page}&{query}"),
                        token,
                    )
                    .await;
                total += task_ids(&body).len();
                if body["last_page"] == true {
                    break;
                }
            }
            total
        }
    };
    assert_eq!(count("").await, 230, "default");
    assert_eq!(count("include_closed=true").await, 240, "closed included");
    assert_eq!(count("subtasks=true").await, 232, "subtasks included");
    assert_eq!(
        count("subtasks=true&include_closed=true").await,
        242,
        "both"
    );
}

#[tokio::test]
async fn array_filters_take_the_bracket_form_only() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let cases = [
        ("statuses[]=drafting", 100, "first page of 115 drafting"),
        (
            "statuses[]=Drafting&statuses[]=idea&page=2",
            30,
            "both statuses, any case",
        ),
        ("statuses=drafting&page=2", 30, "the bare form is not read"),
        ("assignees[]=81000001", 58, "Alice's"),
        (
            "assignees[]=81000001&assignees[]=81000002",
            100,
            "Alice's or Bob's",
        ),
        ("tags[]=launch", 46, "tagged launch"),
        ("tags[]=launch&tags[]=marketing", 72, "either tag"),
        ("custom_items[]=1301", 23, "epics"),
        ("watchers[]=81000003", 77, "watched by Carol"),
    ];
    for (query, want, case) in cases {
        let (status, body) = sandbox
            .get_json(&format!("/v2/list/{BACKLOG}/task?{query}"), &token)
            .await;
        assert_eq!(status, StatusCode::OK, "{case}");
        assert_eq!(task_ids(&body).len(), want, "{case}");
    }
}

#[tokio::test]
async fn date_filters_are_exclusive_bounds_in_ms() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    // Backlog item N was created at 2024-11-02T10:00Z + N hours.
    let base: i64 = 1_735_725_600_000 - 60 * 86_400_000;
    let hour = 3_600_000;
    let query = format!(
        "date_created_gt={}&date_created_lt={}",
        base + 10 * hour,
        base + 20 * hour
    );
    let (_, body) = sandbox
        .get_json(
            &format!("/v2/list/{BACKLOG}/task?{query}&order_by=id"),
            &token,
        )
        .await;
    let ids = task_ids(&body);
    assert_eq!(ids.len(), 9, "items 11..=19");
    assert_eq!(ids.first().map(String::as_str), Some("86ab0011"));

    let (_, due) = sandbox
        .get_json(
            &format!("/v2/list/{BACKLOG}/task?due_date_lt=1735725600001"),
            &token,
        )
        .await;
    assert_eq!(
        task_ids(&due).len(),
        7,
        "even items due on day 0 (N ≡ 0 mod 30)"
    );
}

#[tokio::test]
async fn tasks_are_ordered_by_created_newest_first_unless_told_otherwise() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let first = |query: &'static str| {
        let sandbox = &sandbox;
        let token = &token;
        async move {
            let (_, body) = sandbox
                .get_json(&format!("/v2/list/{BACKLOG}/task?{query}"), token)
                .await;
            task_ids(&body).first().cloned().unwrap()
        }
    };
    assert_eq!(first("").await, "86ab0230", "created, newest first");
    assert_eq!(first("reverse=true").await, "86ab0001", "reversed");
    assert_eq!(first("order_by=id").await, "86ab0001", "id ascending");
    assert_eq!(
        first("order_by=due_date").await,
        "86ab0030",
        "soonest due first"
    );
}

#[tokio::test]
async fn custom_field_filters_match_equality_and_absence() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let filter = |filters: serde_json::Value| {
        let encoded = url::form_urlencoded::byte_serialize(filters.to_string().as_bytes())
            .collect::<String>();
        format!("/v2/list/{BACKLOG}/task?custom_fields={encoded}&page=0")
    };
    let cases = [
        (
            json!([{"field_id": CHANNEL_FIELD, "operator": "=", "value": CHANNEL_BLOG}]),
            46,
            "channel is Blog by option id",
        ),
        (
            json!([{"field_id": CHANNEL_FIELD, "operator": "=", "value": 1}]),
            46,
            "channel is Email by orderindex",
        ),
        (
            json!([{"field_id": CHANNEL_FIELD, "operator": "IS NULL"}]),
            100,
            "first page of the 138 without a channel",
        ),
        (
            json!([{"field_id": CHANNEL_FIELD, "operator": "IS NOT NULL"}, {"field_id": CHANNEL_FIELD, "operator": "!=", "value": CHANNEL_BLOG}]),
            46,
            "set and not Blog",
        ),
    ];
    for (filters, want, case) in cases {
        let (status, body) = sandbox.get_json(&filter(filters), &token).await;
        assert_eq!(status, StatusCode::OK, "{case}: {body}");
        assert_eq!(task_ids(&body).len(), want, "{case}");
    }
    let (status, body) = sandbox
        .get_json(
            &format!("/v2/list/{BACKLOG}/task?custom_fields=nope"),
            &token,
        )
        .await;
    assert_clickup_error(status, &body, 400, "ITEM_155", "not JSON");
}

#[tokio::test]
async fn workspace_search_filters_by_place_and_parent() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let search = |query: String| {
        let sandbox = &sandbox;
        let token = &token;
        async move {
            let (status, body) = sandbox
                .get_json(&format!("/v2/team/{ACME}/task?{query}"), token)
                .await;
            assert_eq!(status, StatusCode::OK, "{query}: {body}");
            body
        }
    };
    let sprint = search("list_ids[]=901101001&subtasks=true&include_closed=true".into()).await;
    let mut ids = task_ids(&sprint);
    ids.sort();
    assert_eq!(
        ids,
        vec![
            "86aa0001", "86aa0002", "86aa0003", "86aa0004", "86aa0005", "86aa0006"
        ]
    );
    let engineering = search("space_ids[]=90011001&assignees[]=81000001".into()).await;
    let mut ids = task_ids(&engineering);
    ids.sort();
    assert_eq!(
        ids,
        vec!["86aa0001", "86aa0007", "86aa0012"],
        "Alice's open tasks in Engineering, archived lists left out"
    );
    let frontend = search("project_ids[]=90111002".into()).await;
    assert_eq!(task_ids(&frontend).len(), 2, "UI Polish");
    let children = search("parent=86ab0001".into()).await;
    assert_eq!(task_ids(&children), vec!["86ab0242", "86ab0241"]);
    let by_custom_id = search(format!(
        "parent=ENG-101&custom_task_ids=true&team_id={ACME}"
    ))
    .await;
    assert_eq!(task_ids(&by_custom_id).len(), 2, "parent by custom id");

    let whole = search("page=2".into()).await;
    assert_eq!(whole["last_page"], true);

    let (status, body) = sandbox
        .get_json(
            &format!("/v2/team/{ACME}/task?parent=ENG-101&custom_task_ids=true"),
            &token,
        )
        .await;
    assert_clickup_error(status, &body, 400, "ITEM_070", "custom ids without team_id");
}

#[tokio::test]
async fn a_token_reads_tasks_only_in_workspaces_it_may_use() {
    let sandbox = spawn_sandbox().await;
    let dave = sandbox.personal_token(DAVE);
    let (status, body) = sandbox
        .get_json(&format!("/v2/team/{ACME}/task"), &dave)
        .await;
    assert_clickup_error(status, &body, 401, "OAUTH_023", "team not granted");
    let (status, body) = sandbox
        .get_json(&format!("/v2/list/{BACKLOG}/task"), &dave)
        .await;
    assert_clickup_error(status, &body, 401, "OAUTH_027", "list of another workspace");

    let beta_only = sandbox.oauth_token(ALICE, &[BETA]).await;
    let (status, body) = sandbox
        .get_json(&format!("/v2/team/{ACME}/task"), &beta_only)
        .await;
    assert_clickup_error(status, &body, 401, "OAUTH_023", "workspace not ticked");
    let (status, body) = sandbox
        .get_json(&format!("/v2/team/{BETA}/task?subtasks=true"), &beta_only)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(task_ids(&body).len(), 3, "Beta's open tasks and subtask");
}

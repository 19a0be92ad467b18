//! `clickup_space_tag_list`, `clickup_task_tag_add`, `clickup_task_tag_remove`.

use serde_json::json;

use crate::collab::mcp::{Session, strings};

const SPACE_TAGS: &str = "clickup_space_tag_list";
const ADD: &str = "clickup_task_tag_add";
const REMOVE: &str = "clickup_task_tag_remove";

/// The tags of a task, as ClickUp has them now.
async fn tags_of(s: &Session, task: &str) -> Vec<String> {
    let task = s.clickup_get(&format!("/v2/task/{task}")).await;
    strings(&task["tags"], "name")
}

#[tokio::test]
async fn a_space_s_tags_are_listed_with_colours_and_the_name_is_resolved_from_the_cache() {
    let s = Session::alice().await;
    s.warm().await;

    let (first, calls) = s.traced(SPACE_TAGS, json!({"space": "Engineering"})).await;

    let page = first.ok();
    assert_eq!(strings(&page["items"], "name"), ["ci", "backend", "bug"]);
    assert_eq!(page["items"][0]["bg_color"], "#4194f6");
    assert_eq!(
        (page["has_more"].clone(), page["next_cursor"].clone()),
        (json!(false), json!(null))
    );
    assert_eq!(calls.last().unwrap(), "GET /v2/space/90011001/tag");
    assert!(
        calls.len() > 1,
        "the first call reads the hierarchy: {calls:?}"
    );

    let (second, calls) = s
        .traced(SPACE_TAGS, json!({"space_id": "engineering"}))
        .await;
    assert_eq!(
        strings(&second.ok()["items"], "name"),
        ["ci", "backend", "bug"]
    );
    assert_eq!(
        calls,
        ["GET /v2/space/90011001/tag"],
        "served from the cache"
    );
}

#[tokio::test]
async fn space_tags_page_with_a_limit_and_a_cursor() {
    let s = Session::alice().await;

    let first = s
        .call(SPACE_TAGS, json!({"space": "90011001", "limit": 2}))
        .await;
    let page = first.ok();
    assert_eq!(strings(&page["items"], "name"), ["ci", "backend"]);
    let cursor = page["next_cursor"].as_str().unwrap();
    let second = s
        .call(
            SPACE_TAGS,
            json!({"space": "90011001", "limit": 2, "cursor": cursor}),
        )
        .await;
    assert_eq!(strings(&second.ok()["items"], "name"), ["bug"]);
    assert_eq!(second.ok()["has_more"], false);

    let other_space = s
        .call(SPACE_TAGS, json!({"space": "Marketing", "cursor": cursor}))
        .await;
    assert_eq!(other_space.code(), "invalid_argument");
}

#[tokio::test]
async fn an_unknown_space_is_not_found_and_an_ambiguous_one_lists_candidates() {
    let s = Session::alice().await;

    let unknown = s.call(SPACE_TAGS, json!({"space": "Sales"})).await;
    assert_eq!(unknown.code_for("unknown space"), "not_found");
    let by_id = s.call(SPACE_TAGS, json!({"space": "90019999"})).await;
    assert_eq!(
        by_id.code_for("unknown space id"),
        "not_found",
        "{}",
        by_id.text
    );
    let ambiguous = s.call(SPACE_TAGS, json!({"space": "e"})).await;
    assert_eq!(ambiguous.code_for("ambiguous space"), "ambiguous");
    let mut names = strings(&ambiguous.data["error"]["candidates"], "name");
    names.sort();
    assert_eq!(names, ["Engineering", "Marketing"]);
}

#[tokio::test]
async fn adding_a_space_tag_to_a_custom_id_task_costs_one_read_and_one_request_per_tag() {
    let s = Session::alice().await;
    s.warm().await;

    let (answer, calls) = s
        .traced(ADD, json!({"task": "ENG-1", "tags": ["BUG", "ci"]}))
        .await;

    let result = answer.ok();
    assert_eq!(result["added"], json!(["bug"]));
    assert_eq!(result["already_present"], json!(["ci"]));
    assert_eq!(result["created_in_space"], json!([]));
    assert_eq!(result["task"]["id"], "86aa0001");
    assert_eq!(result["task"]["custom_id"], "ENG-1");
    assert_eq!(result["task"]["tags"], json!(["ci", "backend", "bug"]));
    assert_eq!(
        calls,
        [
            "GET /v2/task/ENG-1?custom_task_ids=true&team_id=9000001&include_markdown_description=true",
            "GET /v2/space/90011001/tag",
            "POST /v2/task/86aa0001/tag/bug",
        ]
    );
    assert_eq!(tags_of(&s, "86aa0001").await, ["ci", "backend", "bug"]);
}

#[tokio::test]
async fn tagging_several_tasks_of_a_space_reads_its_tags_once() {
    let s = Session::alice().await;
    s.warm().await;
    s.app.clear_sandbox_requests().await;

    for task in ["86aa0001", "86aa0002", "86aa0003", "86aa0004"] {
        let answer = s.call(ADD, json!({"task": task, "tags": ["bug"]})).await;
        assert!(
            answer.ok()["task"]["tags"].to_string().contains("bug"),
            "{task}"
        );
    }

    let calls = s.requests().await;
    let tag_reads = calls.iter().filter(|c| c.ends_with("/tag")).count();
    assert_eq!(tag_reads, 1, "{calls:?}");
    assert!(
        calls.len() <= 4 * 2 + 1,
        "at most 2 per task plus 1: {calls:?}"
    );
}

#[tokio::test]
async fn an_unknown_tag_is_refused_with_the_space_s_tags_and_nothing_is_written() {
    let s = Session::alice().await;
    s.warm().await;

    let (answer, calls) = s
        .traced(
            ADD,
            json!({"task": "86aa0001", "tags": ["bug", "Top-Secret-Tag"]}),
        )
        .await;

    assert_eq!(answer.code(), "invalid_argument");
    let message = answer.message();
    assert!(message.contains("tags[1]"), "{message}");
    assert!(message.contains("ci, backend, bug"), "{message}");
    assert!(
        !answer.text.to_lowercase().contains("top-secret-tag"),
        "not echoed: {}",
        answer.text
    );
    assert!(calls.iter().all(|c| c.starts_with("GET")), "{calls:?}");
    assert_eq!(tags_of(&s, "86aa0001").await, ["ci", "backend"]);
}

#[tokio::test]
async fn create_missing_defines_the_tag_in_the_space_with_an_encoded_name_first() {
    let s = Session::alice().await;
    s.warm().await;

    let (answer, calls) = s
        .traced(
            ADD,
            json!({"task": "86aa0001", "tags": ["Needs review/QA"], "create_missing": true}),
        )
        .await;

    let result = answer.ok();
    assert_eq!(result["created_in_space"], json!(["needs review/qa"]));
    assert_eq!(result["added"], json!(["needs review/qa"]));
    assert_eq!(
        calls,
        [
            "GET /v2/task/86aa0001?include_markdown_description=true",
            "GET /v2/space/90011001/tag",
            "POST /v2/space/90011001/tag",
            "POST /v2/task/86aa0001/tag/needs%20review%2Fqa",
        ]
    );
    let space = s.clickup_get("/v2/space/90011001/tag").await;
    assert!(strings(&space["tags"], "name").contains(&"needs review/qa".to_owned()));
}

#[tokio::test]
async fn a_task_named_by_its_list_path_gets_the_tag() {
    let s = Session::alice().await;

    let answer = s
        .call(ADD, json!({"task": "Engineering/Backend/Bugs/Typo on the pricing page", "tags": ["backend"]}))
        .await;

    assert_eq!(answer.ok()["task"]["id"], "86aa0008");
    assert_eq!(tags_of(&s, "86aa0008").await, ["bug", "backend"]);
}

#[tokio::test]
async fn removing_tags_deletes_only_those_on_the_task() {
    let s = Session::alice().await;
    s.warm().await;

    let (answer, calls) = s
        .traced(
            REMOVE,
            json!({"task_id": "ENG-1", "tags": ["Backend", "bug"]}),
        )
        .await;

    let result = answer.ok();
    assert_eq!(result["ok"], true);
    assert_eq!(result["id"], "86aa0001");
    assert_eq!(result["custom_id"], "ENG-1");
    assert_eq!(result["removed"], json!(["backend"]));
    assert_eq!(result["not_on_task"], json!(["bug"]));
    assert_eq!(
        calls,
        [
            "GET /v2/task/ENG-1?custom_task_ids=true&team_id=9000001&include_markdown_description=true",
            "DELETE /v2/task/86aa0001/tag/backend",
        ]
    );
    assert_eq!(tags_of(&s, "86aa0001").await, ["ci"]);

    let (again, calls) = s
        .traced(REMOVE, json!({"task": "86aa0001", "tags": ["backend"]}))
        .await;
    assert_eq!(again.ok()["removed"], json!([]), "idempotent");
    assert_eq!(
        calls,
        ["GET /v2/task/86aa0001?include_markdown_description=true"]
    );
}

#[tokio::test]
async fn tag_arguments_and_tasks_are_checked() {
    let s = Session::alice().await;
    s.warm().await;
    let cases = [
        (
            ADD,
            json!({"task": "86aa0001", "tags": []}),
            "invalid_argument",
            "no tags",
        ),
        (
            ADD,
            json!({"task": "86aa0001", "tags": ["ok", "  "]}),
            "invalid_argument",
            "a blank tag",
        ),
        (
            ADD,
            json!({"task": "86aa0001", "tags": "bug"}),
            "invalid_argument",
            "not an array",
        ),
        (
            REMOVE,
            json!({"task": "86aa0001", "tags": []}),
            "invalid_argument",
            "no tags to remove",
        ),
        (ADD, json!({"tags": ["bug"]}), "invalid_argument", "no task"),
    ];
    for (tool, args, code, why) in cases {
        let (answer, calls) = s.traced(tool, args).await;
        assert_eq!(answer.code_for(why), code, "{why}: {}", answer.text);
        assert!(calls.is_empty(), "{why}: {calls:?}");
    }
    let unknown = s
        .call(ADD, json!({"task": "86zz9999", "tags": ["bug"]}))
        .await;
    assert_eq!(unknown.code_for("unknown task"), "not_found");
    let deleted = s
        .call(REMOVE, json!({"task": "86aa0009", "tags": ["bug"]}))
        .await;
    assert_eq!(deleted.code_for("deleted task"), "not_found");
    let ambiguous = s.call(ADD, json!({"task": "cache", "tags": ["bug"]})).await;
    assert_eq!(ambiguous.code_for("ambiguous task"), "ambiguous");
    assert_eq!(
        ambiguous.data["error"]["candidates"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

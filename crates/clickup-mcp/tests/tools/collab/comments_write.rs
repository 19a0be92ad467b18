//! `clickup_comment_create`: targets, assignees, what ClickUp stored, errors.

use serde_json::json;

use crate::collab::mcp::{CAROL, Session, strings};

const CREATE: &str = "clickup_comment_create";
const LIST: &str = "clickup_comment_list";

#[tokio::test]
async fn a_task_comment_is_posted_as_written_with_its_assignee_and_read_back_by_the_list() {
    let s = Session::alice().await;
    s.warm().await;
    let text = "**Ship it** — see `ci.yml`\n- step 1";

    let (answer, calls) = s
        .traced(
            CREATE,
            json!({"task": "86aa0001", "text": text, "assignee": "carol@example.com", "notify_all": true}),
        )
        .await;

    let result = answer.ok();
    assert_eq!(
        result["verified"], false,
        "ClickUp has no GET of one comment"
    );
    assert_eq!(result["not_applied"], json!([]));
    let comment = &result["comment"];
    assert!(comment["id"].is_string(), "ids are strings: {comment}");
    assert_eq!(comment["id"], "92000001");
    assert_eq!(comment["target_type"], "task");
    assert_eq!(comment["target_id"], "86aa0001");
    assert_eq!(comment["assignee"]["id"], CAROL.to_string());
    assert!(comment["date"].as_str().unwrap().ends_with("+00:00"));
    assert_eq!(calls, ["POST /v2/task/86aa0001/comment"]);

    let stored = s.clickup_get("/v2/task/86aa0001/comment").await;
    let newest = &stored["comments"][0];
    assert_eq!(newest["id"], "92000001");
    assert_eq!(newest["comment_text"], text, "markdown is sent as written");
    assert_eq!(newest["assignee"]["id"], CAROL);

    let listed = s.call(LIST, json!({"task": "86aa0001", "limit": 1})).await;
    assert_eq!(listed.ok()["items"][0]["text"], text);
}

#[tokio::test]
async fn a_comment_on_a_custom_id_names_the_task_by_its_canonical_id_and_me_is_the_caller() {
    let s = Session::alice().await;
    s.warm().await;

    let (answer, calls) = s
        .traced(
            CREATE,
            json!({"task_id": "ENG-1", "text": "mine", "assignee": "me"}),
        )
        .await;

    assert_eq!(answer.ok()["comment"]["assignee"]["id"], s.user.to_string());
    assert_eq!(answer.ok()["comment"]["target_id"], "86aa0001");
    assert_eq!(
        calls,
        [
            "GET /v2/task/ENG-1?custom_task_ids=true&team_id=9000001&include_markdown_description=true",
            "POST /v2/task/86aa0001/comment"
        ]
    );
    let stored = s.clickup_get("/v2/task/86aa0001/comment").await;
    assert_eq!(stored["comments"][0]["assignee"]["id"], s.user);
}

#[tokio::test]
async fn list_and_chat_view_comments_are_posted_to_their_own_endpoints() {
    let s = Session::alice().await;
    s.warm().await;

    let (on_list, list_calls) = s
        .traced(CREATE, json!({"list": "Sprint 12", "text": "list note"}))
        .await;
    let (on_view, view_calls) = s
        .traced(
            CREATE,
            json!({"view_id": "3c9q1-1001", "text": "chat line"}),
        )
        .await;

    assert_eq!(on_list.ok()["comment"]["target_type"], "list");
    assert_eq!(on_list.ok()["comment"]["target_id"], "901101001");
    assert_eq!(
        list_calls.last().unwrap(),
        "POST /v2/list/901101001/comment"
    );
    assert_eq!(on_view.ok()["comment"]["target_type"], "view");
    assert_eq!(view_calls, ["POST /v2/view/3c9q1-1001/comment"]);
    let listed = s.call(LIST, json!({"list_id": "901101001"})).await;
    assert_eq!(strings(&listed.ok()["items"], "text")[0], "list note");
    let listed = s.call(LIST, json!({"view_id": "3c9q1-1001"})).await;
    assert_eq!(strings(&listed.ok()["items"], "text")[0], "chat line");
}

#[tokio::test]
async fn a_group_assignee_is_sent_on_task_comments_only() {
    let s = Session::alice().await;
    s.warm().await;

    let on_task = s
        .call(
            CREATE,
            json!({"task": "86aa0001", "text": "team", "group_assignee": "4f0c1f5e-group"}),
        )
        .await;
    assert_eq!(on_task.ok()["comment"]["group_assignee"], "4f0c1f5e-group");
    let stored = s.clickup_get("/v2/task/86aa0001/comment").await;
    assert_eq!(stored["comments"][0]["group_assignee"], "4f0c1f5e-group");

    let (on_list, calls) = s
        .traced(
            CREATE,
            json!({"list": "901101001", "text": "team", "group_assignee": "4f0c1f5e-group"}),
        )
        .await;
    assert_eq!(on_list.code(), "invalid_argument");
    assert!(calls.is_empty(), "{calls:?}");
}

#[tokio::test]
async fn bad_arguments_are_refused_before_any_write_without_echoing_them() {
    let s = Session::alice().await;
    s.warm().await;
    let cases = [
        (
            json!({"task": "86aa0001", "text": "   "}),
            "invalid_argument",
            "blank text",
        ),
        (json!({"task": "86aa0001"}), "invalid_argument", "no text"),
        (
            json!({"text": "secret-words"}),
            "invalid_argument",
            "no target",
        ),
        (
            json!({"task": "86aa0001", "list": "Sprint 12", "text": "secret-words"}),
            "invalid_argument",
            "two targets",
        ),
        (
            json!({"task": "86aa0001", "text": "secret-words", "assignee": "nobody@example.com"}),
            "not_found",
            "an unknown assignee",
        ),
        (
            json!({"task": "86aa0001", "text": "secret-words", "notify_all": "yes"}),
            "invalid_argument",
            "notify_all not a boolean",
        ),
    ];
    for (args, code, why) in cases {
        let (answer, calls) = s.traced(CREATE, args).await;
        assert_eq!(answer.code(), code, "{why}: {}", answer.text);
        assert!(!answer.text.contains("secret-words"), "{why}: echoed");
        assert!(
            calls.iter().all(|c| !c.starts_with("POST")),
            "{why}: {calls:?}"
        );
    }
}

#[tokio::test]
async fn a_comment_on_an_unknown_task_is_not_found() {
    let s = Session::alice().await;

    let answer = s
        .call(CREATE, json!({"task": "86zz9999", "text": "hello"}))
        .await;

    assert_eq!(answer.code(), "not_found", "{}", answer.text);
}

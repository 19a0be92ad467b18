//! `clickup_comment_update` and `clickup_comment_delete`: edits and deletes of task, list and
//! chat-view comments and of replies, served on `/mcp/x/default,comments` (they are not among
//! the everyday tools).

use serde_json::json;

use crate::collab::mcp::{CAROL, Session, strings};

const UPDATE: &str = "clickup_comment_update";
const DELETE: &str = "clickup_comment_delete";

async fn session() -> Session {
    let s = Session::alice().await.on("/mcp/x/default,comments");
    s.warm().await;
    s
}

#[tokio::test]
async fn a_task_comment_is_edited_resolved_and_assigned_in_one_put_and_is_not_verifiable() {
    let s = session().await;

    let (answer, calls) = s
        .traced(
            UPDATE,
            json!({"comment_id": "91000030", "text": "CI note 30 (fixed)", "resolved": true,
                   "assignee": "carol@example.com"}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["verified"], false, "ClickUp has no GET of one comment");
    assert_eq!(out["not_applied"], json!([]));
    assert_eq!(out["comment"]["id"], "91000030");
    assert_eq!(out["comment"]["resolved"], true);
    assert_eq!(out["comment"]["assignee"]["id"], CAROL.to_string());
    assert_eq!(calls, ["PUT /v2/comment/91000030"]);
    let body = last_body(&s).await;
    assert_eq!(
        body,
        json!({"comment_text": "CI note 30 (fixed)", "assignee": CAROL, "resolved": true})
    );

    let stored = s.clickup_get("/v2/task/86aa0001/comment").await;
    let newest = &stored["comments"][0];
    assert_eq!(newest["id"], "91000030");
    assert_eq!(newest["comment_text"], "CI note 30 (fixed)");
    assert_eq!(newest["resolved"], true);
    assert_eq!(newest["assignee"]["id"], CAROL);
}

#[tokio::test]
async fn a_text_edit_sends_neither_resolved_nor_assignee_so_they_keep_their_values() {
    let s = session().await;
    s.call(
        UPDATE,
        json!({"comment_id": "91000029", "text": "CI note 29", "resolved": true}),
    )
    .await
    .ok();

    s.call(
        UPDATE,
        json!({"comment_id": "91000029", "text": "CI note 29, edited"}),
    )
    .await
    .ok();

    assert_eq!(
        last_body(&s).await,
        json!({"comment_text": "CI note 29, edited"})
    );
    let stored = s.clickup_get("/v2/task/86aa0001/comment").await;
    let edited = &stored["comments"][1];
    assert_eq!(edited["id"], "91000029");
    assert_eq!(edited["comment_text"], "CI note 29, edited");
    assert_eq!(edited["resolved"], true, "still resolved");

    let reopened = s
        .call(
            UPDATE,
            json!({"comment_id": "91000029", "text": "CI note 29, edited", "resolved": false}),
        )
        .await;
    assert_eq!(reopened.ok()["comment"]["resolved"], false);
    let stored = s.clickup_get("/v2/task/86aa0001/comment").await;
    assert_eq!(stored["comments"][1]["resolved"], false);
}

#[tokio::test]
async fn list_and_chat_view_comments_and_replies_are_edited_through_the_same_endpoint() {
    let s = session().await;

    for (id, read) in [
        ("91000201", "/v2/list/901101001/comment"),
        ("91000301", "/v2/view/3c9q1-1001/comment"),
    ] {
        let (answer, calls) = s
            .traced(UPDATE, json!({"comment_id": id, "text": "edited here"}))
            .await;
        answer.ok();
        assert_eq!(calls, [format!("PUT /v2/comment/{id}")]);
        let stored = s.clickup_get(read).await;
        let comment = stored["comments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap();
        assert_eq!(comment["comment_text"], "edited here", "{read}");
    }

    let reply = s
        .call(
            "clickup_comment_reply_create",
            json!({"comment_id": "91000101", "text": "first"}),
        )
        .await;
    let reply_id = reply.ok()["reply"]["id"].as_str().unwrap().to_owned();
    s.call(
        UPDATE,
        json!({"comment_id": reply_id, "text": "first, edited"}),
    )
    .await
    .ok();
    let thread = s.clickup_get("/v2/comment/91000101/reply").await;
    assert_eq!(thread["comments"][0]["comment_text"], "first, edited");
}

#[tokio::test]
async fn a_deleted_comment_takes_its_replies_and_a_second_delete_is_not_found() {
    let s = session().await;
    s.call(
        "clickup_comment_reply_create",
        json!({"comment_id": "91000101", "text": "a reply"}),
    )
    .await
    .ok();

    let (answer, calls) = s.traced(DELETE, json!({"comment_id": "91000101"})).await;

    assert_eq!(answer.ok(), &json!({"ok": true, "id": "91000101"}));
    assert_eq!(calls, ["DELETE /v2/comment/91000101"]);
    let left = s
        .call("clickup_comment_list", json!({"task": "86aa0005"}))
        .await;
    assert_eq!(
        strings(&left.ok()["items"], "id"),
        ["91000102"],
        "the comment is gone"
    );

    let again = s.call(DELETE, json!({"comment_id": "91000101"})).await;
    assert_eq!(again.code_for("a deleted comment"), "not_found");

    let (chat, _) = s.traced(DELETE, json!({"comment_id": "91000302"})).await;
    chat.ok();
    let stored = s.clickup_get("/v2/view/3c9q1-1001/comment").await;
    assert_eq!(stored["comments"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn bad_arguments_are_refused_before_clickup_is_asked() {
    let s = session().await;

    for (args, why) in [
        (
            json!({"comment_id": "91000001", "text": "  "}),
            "empty text",
        ),
        (json!({"comment_id": "91000001"}), "no text"),
        (json!({"comment_id": "", "text": "x"}), "empty id"),
        (
            json!({"comment_id": "91000001", "text": "x", "assignee": "nobody@nowhere.test"}),
            "unknown assignee",
        ),
    ] {
        let (answer, calls) = s.traced(UPDATE, args).await;
        assert!(
            ["invalid_argument", "not_found"].contains(&answer.code_for(why)),
            "{why}: {}",
            answer.text
        );
        assert_eq!(calls, Vec::<String>::new(), "{why}");
    }

    let unknown = s
        .call(UPDATE, json!({"comment_id": "99999999", "text": "x"}))
        .await;
    assert_eq!(unknown.code_for("an unknown comment"), "not_found");
}

#[tokio::test]
async fn the_everyday_endpoint_does_not_serve_edits() {
    let s = Session::alice().await;
    s.warm().await;

    let answer = s
        .call(UPDATE, json!({"comment_id": "91000001", "text": "x"}))
        .await;

    assert!(answer.is_error, "{}", answer.text);
}

/// The JSON body of the last ClickUp request.
async fn last_body(s: &Session) -> serde_json::Value {
    let requests = s.app.sandbox_requests().await;
    requests.last().unwrap()["body"].clone()
}

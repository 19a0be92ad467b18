//! Messages: a channel's (newest first) and a thread's (oldest first), paging, sending a
//! message, a reply and a post, editing, resolving, deleting, and ClickUp's refusals.

use serde_json::json;

use crate::chat::mcp::{CHAT, GENERAL, REVIEW, STANDUP, Session, WELCOME, strings};

const LIST: &str = "clickup_chat_message_list";
const CREATE: &str = "clickup_chat_message_create";
const UPDATE: &str = "clickup_chat_message_update";
const DELETE: &str = "clickup_chat_message_delete";

#[tokio::test]
async fn a_channels_messages_come_newest_first_with_authors_replies_and_assignees() {
    let s = Session::chat_alice().await;
    let (answer, calls) = s.traced(LIST, json!({"channel_id": GENERAL})).await;
    let page = answer.ok();
    assert_eq!(
        calls,
        [format!("GET {CHAT}/channels/{GENERAL}/messages?limit=50")]
    );
    assert_eq!(strings(&page["items"], "id"), [REVIEW, STANDUP, WELCOME]);
    assert_eq!(page["has_more"], false);
    let review = &page["items"][0];
    assert_eq!(
        review["author"],
        json!({"id": "81000003", "name": "Carol Chen"})
    );
    assert_eq!(
        review["assignee"],
        json!({"id": "81000002", "name": "Bob Brown"})
    );
    assert_eq!(review["resolved"], false);
    assert_eq!(review["date"], "2025-01-03T10:00:00+00:00");
    let standup = &page["items"][1];
    assert_eq!(standup["replies"], 1);
    assert_eq!(page["items"][2]["content"], "Welcome to **Acme** chat!");
    assert!(review.get("date_ms").is_none(), "summary");

    let (full, _) = s
        .traced(
            LIST,
            json!({"channel_id": GENERAL, "detail_level": "full", "limit": 1}),
        )
        .await;
    let first = &full.ok()["items"][0];
    assert_eq!(first["channel_id"], GENERAL);
    assert_eq!(first["assigned_by"]["id"], "81000003");
    assert_eq!(first["date_ms"], 1_735_898_400_000_i64);
}

#[tokio::test]
async fn pages_follow_clickups_cursor_and_a_thread_lists_its_replies() {
    let s = Session::chat_alice().await;
    let first = s
        .call(LIST, json!({"channel_id": GENERAL, "limit": 2}))
        .await;
    let page = first.ok();
    assert_eq!(strings(&page["items"], "id"), [REVIEW, STANDUP]);
    assert_eq!(page["has_more"], true);
    let (second, calls) = s
        .traced(
            LIST,
            json!({"channel_id": GENERAL, "limit": 2, "cursor": page["next_cursor"]}),
        )
        .await;
    assert_eq!(strings(&second.ok()["items"], "id"), [WELCOME]);
    assert_eq!(second.ok()["has_more"], false);
    assert!(calls[0].contains("/messages?cursor="), "{calls:?}");

    let (thread, calls) = s.traced(LIST, json!({"parent_message_id": STANDUP})).await;
    let replies = &thread.ok()["items"];
    assert_eq!(
        calls,
        [format!("GET {CHAT}/messages/{STANDUP}/replies?limit=50")]
    );
    assert_eq!(replies.as_array().unwrap().len(), 1);
    assert_eq!(replies[0]["content"], "Thanks, noted.");
    assert_eq!(replies[0]["parent_message_id"], STANDUP);
    assert!(replies[0].get("replies").is_none());

    let both = s
        .call(
            LIST,
            json!({"channel_id": GENERAL, "parent_message_id": STANDUP}),
        )
        .await;
    assert_eq!(both.code(), "invalid_argument");
}

#[tokio::test]
async fn a_message_is_sent_as_markdown_and_a_reply_lands_in_its_thread() {
    let s = Session::chat_alice().await;
    let text = "**Deploy** at 5pm — see `ci.yml`";
    let (answer, calls) = s
        .traced(
            CREATE,
            json!({"channel_id": GENERAL, "content": text, "assignee": "Bob Brown", "followers": ["me"]}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(
        result["verified"], false,
        "ClickUp has no GET of one message"
    );
    assert_eq!(result["not_applied"], json!([]));
    let message = &result["message"];
    assert_eq!(message["content"], text);
    assert_eq!(message["type"], "message");
    assert_eq!(message["author"]["name"], "Alice Andersen");
    assert_eq!(message["assignee"]["id"], "81000002");
    assert_eq!(calls, [format!("POST {CHAT}/channels/{GENERAL}/messages")]);
    let id = message["id"].as_str().unwrap();
    let stored = s
        .clickup_get(&format!("{CHAT}/channels/{GENERAL}/messages?limit=1"))
        .await;
    assert_eq!(stored["data"][0]["id"], id);
    assert_eq!(stored["data"][0]["content"], text);

    let (reply, calls) = s
        .traced(
            CREATE,
            json!({"reply_to": WELCOME, "content": "Glad to be here"}),
        )
        .await;
    assert_eq!(reply.ok()["message"]["parent_message_id"], WELCOME);
    assert_eq!(calls, [format!("POST {CHAT}/messages/{WELCOME}/replies")]);
    let thread = s
        .clickup_get(&format!("{CHAT}/messages/{WELCOME}/replies"))
        .await;
    assert_eq!(thread["data"][0]["content"], "Glad to be here");
}

#[tokio::test]
async fn a_post_needs_a_title_and_subtype_before_clickup_is_asked() {
    let s = Session::chat_alice().await;
    let (answer, calls) = s
        .traced(
            CREATE,
            json!({"channel_id": GENERAL, "content": "x", "type": "post"}),
        )
        .await;
    assert_eq!(answer.code(), "invalid_argument");
    assert!(answer.message().contains("post_subtype_id"));
    assert!(calls.is_empty());

    let posted = s
        .call(
            CREATE,
            json!({"channel_id": GENERAL, "content": "Q1 plan", "type": "post",
                   "post_title": "Roadmap", "post_subtype_id": "announcement"}),
        )
        .await;
    let message = &posted.ok()["message"];
    assert_eq!(message["type"], "post");
    assert_eq!(message["post_title"], "Roadmap");

    let (reply_to_reply, _) = s
        .traced(
            CREATE,
            json!({"reply_to": "80000000003", "content": "nested"}),
        )
        .await;
    assert_eq!(reply_to_reply.code(), "invalid_argument", "ClickUp's 400");
    assert!(
        reply_to_reply.message().contains("reply"),
        "{}",
        reply_to_reply.message()
    );
}

#[tokio::test]
async fn a_message_is_resolved_and_edited_and_only_its_author_may_edit_it() {
    let s = Session::chat_alice().await;
    let (answer, calls) = s
        .traced(
            UPDATE,
            json!({"message_id": REVIEW, "resolved": true, "assignee": "me"}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(result["message"]["resolved"], true);
    assert_eq!(result["message"]["assignee"]["id"], "81000001");
    assert_eq!(result["not_applied"], json!([]));
    assert_eq!(calls, [format!("PATCH {CHAT}/messages/{REVIEW}")]);

    let edited = s
        .call(
            UPDATE,
            json!({"message_id": WELCOME, "content": "Welcome, **everyone**!"}),
        )
        .await;
    assert_eq!(edited.ok()["message"]["content"], "Welcome, **everyone**!");

    let not_mine = s
        .call(UPDATE, json!({"message_id": STANDUP, "content": "changed"}))
        .await;
    assert_eq!(not_mine.code(), "upstream_error", "ClickUp's 403");
    assert!(
        not_mine.message().contains("author"),
        "{}",
        not_mine.message()
    );
    let hint = not_mine.data["error"]["hint"].as_str().unwrap();
    assert!(hint.contains("author"), "the permission needed: {hint}");
    assert_eq!(not_mine.data["error"]["upstream"], json!({"status": 403}));
    let stored = s
        .clickup_get(&format!("{CHAT}/messages/{STANDUP}/replies"))
        .await;
    assert_eq!(stored["data"].as_array().unwrap().len(), 1, "still there");
}

#[tokio::test]
async fn a_deleted_message_takes_its_thread_and_deleting_again_is_not_found() {
    let s = Session::chat_alice().await;
    let (answer, calls) = s.traced(DELETE, json!({"message_id": STANDUP})).await;
    assert_eq!(answer.ok(), &json!({"ok": true, "id": STANDUP}));
    assert_eq!(calls, [format!("DELETE {CHAT}/messages/{STANDUP}")]);
    let left = s.call(LIST, json!({"channel_id": GENERAL})).await;
    assert_eq!(strings(&left.ok()["items"], "id"), [REVIEW, WELCOME]);

    let again = s.call(DELETE, json!({"message_id": STANDUP})).await;
    assert_eq!(again.code(), "not_found");
    let thread = s.call(LIST, json!({"parent_message_id": STANDUP})).await;
    assert_eq!(thread.code(), "not_found");
}

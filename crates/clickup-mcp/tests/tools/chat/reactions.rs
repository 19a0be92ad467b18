//! Reactions: listing who reacted, adding (idempotent), removing (idempotent), refusals.

use serde_json::json;

use crate::chat::mcp::{CHAT, STANDUP, Session, WELCOME, strings};

const LIST: &str = "clickup_chat_reaction_list";
const ADD: &str = "clickup_chat_reaction_add";
const REMOVE: &str = "clickup_chat_reaction_remove";

#[tokio::test]
async fn reactions_are_listed_with_who_reacted() {
    let s = Session::chat_alice().await;
    let (answer, calls) = s.traced(LIST, json!({"message_id": WELCOME})).await;
    let page = answer.ok();
    assert_eq!(
        calls,
        [format!("GET {CHAT}/messages/{WELCOME}/reactions?limit=50")]
    );
    assert_eq!(strings(&page["items"], "reaction"), ["thumbsup", "tada"]);
    assert_eq!(
        page["items"][0]["user"],
        json!({"id": "81000002", "name": "Bob Brown"})
    );
    assert_eq!(page["items"][1]["date"], "2025-01-01T12:00:00+00:00");
}

#[tokio::test]
async fn a_reaction_is_added_once_and_adding_it_again_reports_it_was_there() {
    let s = Session::chat_alice().await;
    let (answer, calls) = s
        .traced(ADD, json!({"message_id": WELCOME, "reaction": ":Tada:"}))
        .await;
    let result = answer.ok();
    assert_eq!(result["added"], true);
    assert_eq!(result["reaction"], "tada");
    assert_eq!(result["verified"], true);
    assert_eq!(result["not_applied"], json!([]));
    assert_eq!(
        calls,
        [
            format!("POST {CHAT}/messages/{WELCOME}/reactions"),
            format!("GET {CHAT}/messages/{WELCOME}/reactions?limit=100"),
        ]
    );

    let (again, calls) = s
        .traced(ADD, json!({"message_id": WELCOME, "reaction": "tada"}))
        .await;
    assert_eq!(again.ok()["added"], false);
    assert_eq!(calls.len(), 2, "ClickUp's 400, then the check: {calls:?}");

    let (spaces, calls) = s
        .traced(ADD, json!({"message_id": WELCOME, "reaction": "thumbs up"}))
        .await;
    assert_eq!(spaces.code(), "invalid_argument");
    assert!(calls.is_empty());

    let unknown = s
        .call(ADD, json!({"message_id": WELCOME, "reaction": "nope!"}))
        .await;
    assert_eq!(unknown.code(), "invalid_argument", "ClickUp's 400");
    assert!(
        unknown.message().contains("not supported"),
        "{}",
        unknown.message()
    );

    let gone = s
        .call(
            ADD,
            json!({"message_id": "80000009999", "reaction": "tada"}),
        )
        .await;
    assert_eq!(gone.code(), "not_found");
}

#[tokio::test]
async fn a_reaction_is_removed_and_removing_it_again_is_not_an_error() {
    let s = Session::chat_alice().await;
    let (answer, calls) = s
        .traced(
            REMOVE,
            json!({"message_id": STANDUP, "reaction": "thumbsup"}),
        )
        .await;
    assert_eq!(answer.ok()["removed"], true);
    assert_eq!(
        calls,
        [format!(
            "DELETE {CHAT}/messages/{STANDUP}/reactions/thumbsup"
        )]
    );
    let left = s
        .clickup_get(&format!("{CHAT}/messages/{STANDUP}/reactions"))
        .await;
    assert_eq!(left["data"], json!([]));

    let (again, calls) = s
        .traced(
            REMOVE,
            json!({"message_id": STANDUP, "reaction": "thumbsup"}),
        )
        .await;
    assert_eq!(again.ok()["removed"], false);
    assert_eq!(
        calls,
        [
            format!("DELETE {CHAT}/messages/{STANDUP}/reactions/thumbsup"),
            format!("GET {CHAT}/messages/{STANDUP}/reactions?limit=1"),
        ]
    );

    let no_message = s
        .call(
            REMOVE,
            json!({"message_id": "80000009999", "reaction": "tada"}),
        )
        .await;
    assert_eq!(no_message.code(), "not_found");
}

//! `clickup_comment_reply_create` and `clickup_comment_reply_list`: a thread under a comment,
//! served on `/mcp/x/default,comments` (they are not among the everyday tools).

use serde_json::json;

use crate::collab::mcp::{Session, strings};

const CREATE: &str = "clickup_comment_reply_create";
const LIST: &str = "clickup_comment_reply_list";
const ASKED: &str = "91000101";

#[tokio::test]
async fn a_reply_goes_into_the_thread_and_the_thread_reads_back_oldest_first() {
    let s = Session::alice().await.on("/mcp/x/default,comments");
    s.warm().await;

    let (answer, calls) = s
        .traced(
            CREATE,
            json!({"comment_id": ASKED, "text": "Start with 100.", "assignee": "Carol Chen"}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(result["verified"], false);
    assert_eq!(result["reply"]["parent_id"], ASKED);
    assert_eq!(result["reply"]["assignee"]["name"], "Carol Chen");
    assert_eq!(calls, [format!("POST /v2/comment/{ASKED}/reply")]);
    s.call(CREATE, json!({"comment_id": ASKED, "text": "Agreed."}))
        .await
        .ok();

    let (answer, calls) = s
        .traced(LIST, json!({"comment_id": ASKED, "limit": 1}))
        .await;
    let page = answer.ok();
    assert_eq!(strings(&page["items"], "text"), ["Start with 100."]);
    assert_eq!(page["has_more"], true);
    assert_eq!(calls, [format!("GET /v2/comment/{ASKED}/reply")]);
    let next = s
        .call(
            LIST,
            json!({"comment_id": ASKED, "limit": 1, "cursor": page["next_cursor"]}),
        )
        .await;
    assert_eq!(strings(&next.ok()["items"], "text"), ["Agreed."]);

    // The parent now counts its replies.
    let parent = s
        .call("clickup_comment_list", json!({"task": "86aa0005"}))
        .await;
    let items = parent.ok()["items"].as_array().unwrap().clone();
    let asked = items.iter().find(|c| c["id"] == ASKED).unwrap();
    assert_eq!(asked["reply_count"], 2);
}

#[tokio::test]
async fn an_unknown_comment_is_not_found_and_a_bad_id_costs_no_request() {
    let s = Session::alice().await.on("/mcp/x/default,comments");
    s.warm().await;
    let (answer, _) = s.traced(LIST, json!({"comment_id": "99999999"})).await;
    assert_eq!(answer.code_for(LIST), "not_found", "{}", answer.text);
    let (answer, calls) = s
        .traced(CREATE, json!({"comment_id": "a/b\u{7}", "text": "x"}))
        .await;
    assert_eq!(answer.code_for(CREATE), "invalid_argument");
    assert!(calls.is_empty(), "{calls:?}");
    // Not among the everyday tools: plain /mcp points to the toolset.
    let plain = Session::alice().await;
    let refused = plain
        .call(CREATE, json!({"comment_id": ASKED, "text": "x"}))
        .await;
    assert_eq!(refused.code_for(CREATE), "invalid_argument");
    assert!(
        refused.message().contains("/mcp/x/default,comments"),
        "{}",
        refused.message()
    );
}

//! DMs: the existing one of the same people, a new group DM, a self DM, the 10-person limit.

use serde_json::json;

use crate::chat::mcp::{ALICE_BOB, CHAT, Session, strings};

const DM: &str = "clickup_chat_dm_create";

#[tokio::test]
async fn a_dm_with_bob_is_the_seeded_one() {
    let s = Session::chat_alice().await;
    let (answer, calls) = s.traced(DM, json!({"members": ["bob@example.com"]})).await;
    let result = answer.ok();
    assert_eq!(result["created"], false);
    assert_eq!(result["channel"]["id"], ALICE_BOB);
    assert_eq!(result["channel"]["type"], "DM");
    assert_eq!(result["verified"], true);
    assert_eq!(result["not_applied"], json!([]));
    assert_eq!(
        calls,
        [
            format!("POST {CHAT}/channels/direct_message"),
            format!("GET {CHAT}/channels/{ALICE_BOB}/members?limit=100"),
        ]
    );
}

#[tokio::test]
async fn a_group_dm_is_opened_with_everyone_in_it_and_a_self_dm_needs_nobody() {
    let s = Session::chat_alice().await;
    let answer = s
        .call(DM, json!({"members": ["Bob Brown", "Carol Chen"]}))
        .await;
    let result = answer.ok();
    assert_eq!(result["created"], true);
    assert_eq!(result["channel"]["type"], "GROUP_DM");
    assert_eq!(result["channel"]["visibility"], "PRIVATE");
    assert_eq!(result["not_applied"], json!([]));
    let id = result["channel"]["id"].as_str().unwrap();
    let members = s
        .clickup_get(&format!("{CHAT}/channels/{id}/members"))
        .await;
    assert_eq!(
        strings(&members["data"], "id"),
        ["81000001", "81000002", "81000003"]
    );

    let myself = s.call(DM, json!({})).await;
    assert_eq!(myself.ok()["created"], true);
    assert_eq!(myself.ok()["channel"]["type"], "DM");
    assert_eq!(myself.ok()["channel"]["name"], "Alice Andersen");

    let crowd: Vec<String> = (0..11).map(|_| "bob@example.com".to_owned()).collect();
    let (too_many, calls) = s.traced(DM, json!({"members": crowd})).await;
    assert_eq!(too_many.code(), "invalid_argument");
    assert!(calls.is_empty());
}

//! Channels: listing (filters, ClickUp's cursor), one channel, create (named and location),
//! update, delete, members and followers, and the v3 error shape.

use serde_json::json;

use crate::chat::mcp::{ALICE_BOB, CAROL, CHAT, ENGINEERING, GENERAL, LEADS, Session, strings};

const LIST: &str = "clickup_chat_channel_list";
const GET: &str = "clickup_chat_channel_get";
const CREATE: &str = "clickup_chat_channel_create";
const UPDATE: &str = "clickup_chat_channel_update";
const DELETE: &str = "clickup_chat_channel_delete";
const MEMBERS: &str = "clickup_chat_channel_member_list";

#[tokio::test]
async fn a_free_user_gets_premium_required_and_clickup_is_not_asked() {
    let s = Session::alice().await.on("/mcp/x/all");
    s.warm().await;
    let calls_of_each = [
        (LIST, json!({})),
        (CREATE, json!({"name": "x"})),
        (
            "clickup_chat_message_create",
            json!({"channel_id": GENERAL, "content": "hi"}),
        ),
        (
            "clickup_chat_reaction_add",
            json!({"message_id": "80000000001", "reaction": "tada"}),
        ),
    ];
    for (tool, args) in calls_of_each {
        let (answer, calls) = s.traced(tool, args).await;
        assert_eq!(answer.code_for(tool), "premium_required");
        assert!(calls.is_empty(), "{tool}: {calls:?}");
    }
}

#[tokio::test]
async fn channels_page_with_clickups_cursor_and_show_where_a_location_channel_lives() {
    let s = Session::chat_alice().await;

    let (first, calls) = s.traced(LIST, json!({"limit": 2})).await;
    let page = first.ok();
    assert_eq!(strings(&page["items"], "id"), [GENERAL, LEADS]);
    assert_eq!(page["has_more"], true);
    assert_eq!(calls, [format!("GET {CHAT}/channels?limit=2")]);
    let general = &page["items"][0];
    assert_eq!(general["name"], "general");
    assert_eq!(general["type"], "CHANNEL");
    assert_eq!(general["visibility"], "PUBLIC");
    assert_eq!(general["topic"], "Company-wide announcements");
    assert_eq!(general["latest_message_at"], "2025-01-03T10:00:00+00:00");
    assert!(
        general.get("creator").is_none(),
        "summary leaves out the creator"
    );

    let cursor = page["next_cursor"].as_str().unwrap();
    let (second, calls) = s.traced(LIST, json!({"limit": 2, "cursor": cursor})).await;
    let page = second.ok();
    assert_eq!(strings(&page["items"], "id"), [ENGINEERING, ALICE_BOB]);
    assert_eq!(page["has_more"], false);
    assert_eq!(page["next_cursor"], json!(null));
    assert_eq!(calls.len(), 1);
    assert!(
        calls[0].starts_with(&format!("GET {CHAT}/channels?cursor="))
            && calls[0].ends_with("&limit=2"),
        "ClickUp's own cursor goes back to ClickUp: {calls:?}"
    );
    assert_eq!(
        page["items"][0]["location"],
        json!({"type": "space", "id": "90011001"})
    );

    let (other_filters, calls) = s
        .traced(
            LIST,
            json!({"limit": 2, "cursor": cursor, "is_follower": true}),
        )
        .await;
    assert_eq!(other_filters.code(), "invalid_argument");
    assert!(calls.is_empty());
}

#[tokio::test]
async fn filters_go_to_clickup_and_a_private_channel_is_hidden_from_others() {
    let s = Session::chat_alice().await;
    let (answer, calls) = s
        .traced(
            LIST,
            json!({"room_types": ["DM", "GROUP_DM"], "with_comment_since": "2025-01-01", "timezone": "UTC"}),
        )
        .await;
    assert_eq!(strings(&answer.ok()["items"], "id"), [ALICE_BOB]);
    assert_eq!(
        calls,
        [format!(
            "GET {CHAT}/channels?room_types=DM&room_types=GROUP_DM&with_comment_since=1735689600000&limit=50"
        )]
    );

    let carol = Session::chat_user(CAROL).await;
    let listed = carol.call(LIST, json!({})).await;
    let ids = strings(&listed.ok()["items"], "id");
    assert_eq!(
        ids,
        [GENERAL, ENGINEERING],
        "not leads, not Alice and Bob's DM"
    );
    let hidden = carol.call(GET, json!({"channel_id": LEADS})).await;
    assert_eq!(hidden.code(), "not_found");
    assert_eq!(
        hidden.data["error"]["upstream"],
        json!({"status": 404}),
        "a v3 error has no ECODE"
    );
}

#[tokio::test]
async fn one_channel_in_full() {
    let s = Session::chat_alice().await;
    let (answer, calls) = s
        .traced(GET, json!({"channel_id": GENERAL, "detail_level": "full"}))
        .await;
    let channel = answer.ok();
    assert_eq!(calls, [format!("GET {CHAT}/channels/{GENERAL}")]);
    assert_eq!(
        channel["description"],
        "Everything that concerns **all of Acme**."
    );
    assert_eq!(
        channel["creator"],
        json!({"id": "81000001", "name": "Alice Andersen"})
    );
    assert_eq!(channel["created_at"], "2024-12-31T10:00:00+00:00");
    assert_eq!(channel["archived"], false);
}

#[tokio::test]
async fn a_named_channel_is_created_verified_and_found_again_by_name() {
    let s = Session::chat_alice().await;
    let args = json!({
        "name": "design", "topic": "Pixels", "description": "All things **design**",
        "visibility": "PRIVATE", "members": ["Carol Chen"]
    });
    let (answer, calls) = s.traced(CREATE, args.clone()).await;
    let result = answer.ok();
    assert_eq!(result["created"], true);
    assert_eq!(result["verified"], true);
    assert_eq!(result["not_applied"], json!([]));
    let channel = &result["channel"];
    let id = channel["id"].as_str().unwrap();
    assert_eq!(channel["name"], "design");
    assert_eq!(channel["visibility"], "PRIVATE");
    assert_eq!(channel["topic"], "Pixels");
    assert_eq!(
        calls,
        [
            format!("POST {CHAT}/channels"),
            format!("GET {CHAT}/channels/{id}"),
        ]
    );
    let members = s
        .clickup_get(&format!("{CHAT}/channels/{id}/members"))
        .await;
    assert_eq!(strings(&members["data"], "id"), ["81000001", "81000003"]);

    let again = s.call(CREATE, json!({"name": "Design"})).await;
    assert_eq!(
        again.ok()["created"],
        false,
        "ClickUp answers the existing one"
    );
    assert_eq!(again.ok()["channel"]["id"], id);
}

#[tokio::test]
async fn a_location_channel_is_returned_when_it_exists_and_made_when_it_does_not() {
    let s = Session::chat_alice().await;
    let (answer, calls) = s.traced(CREATE, json!({"location": "Engineering"})).await;
    let result = answer.ok();
    assert_eq!(result["created"], false);
    assert_eq!(result["channel"]["id"], ENGINEERING);
    assert!(
        calls.contains(&format!("POST {CHAT}/channels/location")),
        "{calls:?}"
    );

    let made = s
        .call(
            CREATE,
            json!({"location": "Engineering/Backend/Sprint 12", "topic": "Sprint chat"}),
        )
        .await;
    let result = made.ok();
    assert_eq!(result["created"], true);
    assert_eq!(result["channel"]["id"], "6-901101001-8");
    assert_eq!(result["channel"]["name"], "Sprint 12");
    assert_eq!(
        result["channel"]["location"],
        json!({"type": "list", "id": "901101001"})
    );
    assert_eq!(result["not_applied"], json!([]));

    let neither = s.call(CREATE, json!({"topic": "x"})).await;
    assert_eq!(neither.code(), "invalid_argument");
}

#[tokio::test]
async fn a_channel_is_renamed_and_moved_and_the_read_back_confirms_it() {
    let s = Session::chat_alice().await;
    let (answer, calls) = s
        .traced(
            UPDATE,
            json!({"channel_id": GENERAL, "name": "announcements", "topic": "News", "location": "Marketing"}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(result["verified"], true);
    assert_eq!(result["not_applied"], json!([]));
    assert_eq!(result["channel"]["name"], "announcements");
    assert_eq!(
        result["channel"]["location"],
        json!({"type": "space", "id": "90011002"})
    );
    assert_eq!(
        calls
            .iter()
            .filter(|c| c.contains("/chat/"))
            .collect::<Vec<_>>(),
        [
            &format!("PATCH {CHAT}/channels/{GENERAL}"),
            &format!("GET {CHAT}/channels/{GENERAL}"),
        ]
    );
    let stored = s.clickup_get(&format!("{CHAT}/channels/{GENERAL}")).await;
    assert_eq!(stored["data"]["topic"], "News");

    let dm = s
        .call(UPDATE, json!({"channel_id": ALICE_BOB, "name": "us"}))
        .await;
    assert_eq!(dm.code(), "invalid_argument");
    assert!(dm.message().contains("direct message"), "{}", dm.message());

    let nothing = s.call(UPDATE, json!({"channel_id": GENERAL})).await;
    assert_eq!(nothing.code(), "invalid_argument");
}

#[tokio::test]
async fn a_deleted_channel_is_gone_and_deleting_it_again_is_not_found() {
    let s = Session::chat_alice().await;
    let created = s.call(CREATE, json!({"name": "temp"})).await;
    let id = created.ok()["channel"]["id"].as_str().unwrap().to_owned();

    let (answer, calls) = s.traced(DELETE, json!({"channel_id": id})).await;
    assert_eq!(answer.ok(), &json!({"ok": true, "id": id}));
    assert_eq!(calls, [format!("DELETE {CHAT}/channels/{id}")]);
    let again = s.call(DELETE, json!({"channel_id": id})).await;
    assert_eq!(again.code(), "not_found");
}

#[tokio::test]
async fn members_and_followers_are_listed_by_name() {
    let s = Session::chat_alice().await;
    let (answer, calls) = s
        .traced(MEMBERS, json!({"channel_id": GENERAL, "limit": 2}))
        .await;
    let page = answer.ok();
    assert_eq!(
        strings(&page["items"], "name"),
        ["Alice Andersen", "Bob Brown"]
    );
    assert_eq!(page["items"][0]["email"], "alice@example.com");
    assert_eq!(page["has_more"], true);
    assert_eq!(
        calls,
        [format!("GET {CHAT}/channels/{GENERAL}/members?limit=2")]
    );

    let (followers, calls) = s
        .traced(MEMBERS, json!({"channel_id": GENERAL, "role": "followers"}))
        .await;
    assert_eq!(
        strings(&followers.ok()["items"], "id"),
        ["81000001", "81000002"]
    );
    assert_eq!(followers.ok()["has_more"], false);
    assert_eq!(
        calls,
        [format!("GET {CHAT}/channels/{GENERAL}/followers?limit=50")]
    );
}

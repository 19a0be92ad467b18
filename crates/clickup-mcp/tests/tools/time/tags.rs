//! Time-entry tags: list, add, remove, rename; the plan they need.

use serde_json::json;

use crate::time::mcp::{DAVE, PIPELINE, PLANNING, REVIEW, Session, strings};

const TAGS: &str = "/v2/team/9000001/time_entries/tags";

#[tokio::test]
async fn the_workspace_tags_are_listed_with_their_colours() {
    let s = Session::time_alice().await;
    let (answer, calls) = s.traced("clickup_time_entry_tag_list", json!({})).await;
    let items = &answer.ok()["items"];
    assert_eq!(strings(items, "name"), ["dev", "review"]);
    assert_eq!(items[0]["tag_bg"], "#4194F6");
    assert_eq!(calls, [format!("GET {TAGS}")]);
}

#[tokio::test]
async fn tags_are_added_to_and_removed_from_several_entries_in_one_request() {
    let s = Session::time_alice().await;
    let (answer, calls) = s
        .traced(
            "clickup_time_entry_tag_add",
            json!({"time_entry_ids": [PLANNING, PIPELINE], "tags": ["billing"],
                "tag_bg": "#112233"}),
        )
        .await;
    assert_eq!(answer.ok()["verified"], false);
    assert_eq!(calls, [format!("POST {TAGS}")]);
    let tags = s.clickup_get(TAGS).await;
    let billing = tags["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "billing")
        .unwrap()
        .clone();
    assert_eq!(billing["tag_bg"], "#112233");
    let entry = s
        .clickup_get(&format!("/v2/team/9000001/time_entries/{PIPELINE}"))
        .await;
    assert_eq!(
        strings(&entry["data"][0]["tags"], "name"),
        ["dev", "billing"]
    );

    let (answer, calls) = s
        .traced(
            "clickup_time_entry_tag_remove",
            json!({"time_entry_ids": [PIPELINE, REVIEW], "tags": ["dev"]}),
        )
        .await;
    assert_eq!(answer.ok()["ok"], true);
    assert_eq!(calls, [format!("DELETE {TAGS}")]);
    let entry = s
        .clickup_get(&format!("/v2/team/9000001/time_entries/{REVIEW}"))
        .await;
    assert_eq!(strings(&entry["data"][0]["tags"], "name"), ["review"]);
}

#[tokio::test]
async fn a_tag_is_renamed_everywhere_keeping_its_colours() {
    let s = Session::time_alice().await;
    let (answer, calls) = s
        .traced(
            "clickup_time_entry_tag_update",
            json!({"name": "DEV", "new_name": "development"}),
        )
        .await;
    let result = answer.ok();
    assert_eq!(result["tag"]["name"], "development");
    assert_eq!(result["tag"]["tag_bg"], "#4194F6");
    assert_eq!(result["not_applied"], json!([]));
    assert_eq!(
        calls,
        [
            format!("GET {TAGS}"),
            format!("PUT {TAGS}"),
            format!("GET {TAGS}")
        ]
    );
    let entry = s
        .clickup_get(&format!("/v2/team/9000001/time_entries/{REVIEW}"))
        .await;
    assert_eq!(
        strings(&entry["data"][0]["tags"], "name"),
        ["development", "review"]
    );

    let (answer, _) = s
        .traced(
            "clickup_time_entry_tag_update",
            json!({"name": "nope", "new_name": "x"}),
        )
        .await;
    assert_eq!(answer.code(), "not_found");
}

#[tokio::test]
async fn time_entry_tags_on_a_free_forever_workspace_say_a_paid_plan_is_needed() {
    let s = Session::time_user(DAVE).await;
    let (answer, calls) = s
        .traced(
            "clickup_time_entry_tag_list",
            json!({"workspace_id": "9000002"}),
        )
        .await;
    assert_eq!(answer.code(), "upstream_error");
    assert!(
        answer.message().contains("paid ClickUp plan"),
        "{}",
        answer.message()
    );
    assert_eq!(calls, ["GET /v2/team/9000002/time_entries/tags"]);
}

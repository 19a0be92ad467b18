//! `clickup_list_list`, `clickup_list_get`, `clickup_list_create`, `clickup_list_update`.

use serde_json::json;

use crate::hierarchy::mcp::{Session, strings};

const LIST: &str = "clickup_list_list";
const GET: &str = "clickup_list_get";
const CREATE: &str = "clickup_list_create";
const UPDATE: &str = "clickup_list_update";

#[tokio::test]
async fn lists_of_a_folder_or_the_folderless_lists_of_a_space() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (folder, calls) = s.traced(LIST, json!({"folder": "Backend"})).await;
    assert_eq!(
        strings(&folder.ok()["items"], "name"),
        ["Sprint 12", "Bugs"]
    );
    assert_eq!(calls, ["GET /v2/folder/90111001/list?archived=false"]);

    let (space, calls) = s.traced(LIST, json!({"space": "Engineering"})).await;
    let roadmap = &space.ok()["items"][0];
    assert_eq!(roadmap["name"], "Roadmap");
    assert!(
        roadmap.get("folder").is_none(),
        "folderless: the hidden folder is not shown"
    );
    assert_eq!(roadmap["space"]["id"], "90011001");
    assert_eq!(calls, ["GET /v2/space/90011001/list?archived=false"]);

    let archived = s
        .call(LIST, json!({"folder_id": "90111001", "archived": true}))
        .await;
    assert_eq!(strings(&archived.ok()["items"], "name"), ["Sprint 11"]);

    for (args, why) in [
        (json!({}), "neither"),
        (json!({"folder": "Backend", "space": "Engineering"}), "both"),
    ] {
        let (answer, calls) = s.traced(LIST, args).await;
        assert_eq!(answer.code_for(why), "invalid_argument");
        assert!(calls.is_empty(), "{why}: {calls:?}");
    }
}

#[tokio::test]
async fn a_list_is_read_with_statuses_and_its_location() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (answer, calls) = s
        .traced(GET, json!({"list": "Engineering/Backend/Bugs"}))
        .await;

    let list = answer.ok();
    assert_eq!(list["id"], "901101002");
    assert_eq!(
        strings(&list["statuses"], "name"),
        ["open", "fixing", "verifying", "closed"]
    );
    assert_eq!(
        (&list["folder"]["name"], &list["space"]["name"]),
        (&json!("Backend"), &json!("Engineering"))
    );
    assert_eq!(calls, ["GET /v2/list/901101002"]);

    let bad_zone = s
        .call(GET, json!({"list": "Bugs", "timezone": "Mars/Base"}))
        .await;
    assert_eq!(bad_zone.code_for("unknown zone"), "invalid_argument");
}

#[tokio::test]
async fn a_created_list_carries_every_field_and_is_verified() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (answer, calls) = s
        .traced(
            CREATE,
            json!({
                "space": "Marketing", "name": "Events", "description": "**Big** ones only",
                "due_date": "2026-12-01", "timezone": "Europe/Paris", "priority": "high",
                "owner": "bob@example.com", "color": "red",
            }),
        )
        .await;

    let result = answer.ok();
    assert_eq!(result["verified"], true, "{}", answer.text);
    assert_eq!(result["not_applied"], json!([]));
    let list = &result["list"];
    assert_eq!(
        list["due_date"], "2026-12-01",
        "a date without time, in Paris"
    );
    assert_eq!(list["priority"], "high");
    assert_eq!(list["owner"]["id"], "81000002");
    assert_eq!(list["color"], "red");
    assert_eq!(list["description"], "**Big** ones only");
    let id = list["id"].as_str().unwrap().to_owned();
    assert_eq!(
        calls,
        [
            "POST /v2/space/90011002/list".to_owned(),
            format!("GET /v2/list/{id}")
        ]
    );
    let stored = s.clickup_get(&format!("/v2/list/{id}")).await;
    assert_eq!(
        stored["due_date"], "1796094000000",
        "04:00 in Paris on 2026-12-01"
    );
    assert_eq!(stored["due_date_time"], false);

    let bad_date = s
        .call(
            CREATE,
            json!({"space": "Marketing", "name": "X", "due_date": "someday"}),
        )
        .await;
    assert_eq!(bad_date.code_for("bad date"), "invalid_argument");
    let stranger = s
        .call(
            CREATE,
            json!({"space": "Marketing", "name": "X", "owner": "dave@example.com"}),
        )
        .await;
    assert_eq!(
        stranger.code_for("owner outside the workspace"),
        "not_found"
    );
}

#[tokio::test]
async fn an_update_is_a_full_body_put_so_omitted_fields_keep_their_values() {
    let s = Session::alice().await;
    let created = s
        .call(
            CREATE,
            json!({"folder": "Marketing/Campaigns", "name": "Webinars", "due_date": "2026-03-01T09:30:00Z",
                   "priority": 1, "owner": "me", "color": "green"}),
        )
        .await;
    let id = created.ok()["list"]["id"].as_str().unwrap().to_owned();
    s.warm_tree().await;

    let (answer, calls) = s
        .traced(
            UPDATE,
            json!({"list": id, "name": "Webinars 2026", "color": null}),
        )
        .await;

    let result = answer.ok();
    assert_eq!(result["verified"], true, "{}", answer.text);
    assert_eq!(result["not_applied"], json!([]));
    assert_eq!(
        calls,
        [
            format!("GET /v2/list/{id}"),
            format!("PUT /v2/list/{id}"),
            format!("GET /v2/list/{id}")
        ]
    );
    let list = &result["list"];
    assert_eq!(list["name"], "Webinars 2026");
    assert!(
        list.get("color").is_none(),
        "unset_status removed the colour"
    );
    assert_eq!(list["priority"], "urgent", "kept");
    assert_eq!(list["owner"]["id"], "81000001", "kept");
    assert_eq!(
        list["due_date"], "2026-03-01T09:30:00+00:00",
        "kept with its time"
    );

    let cleared = s
        .call(UPDATE, json!({"list_id": id, "priority": null, "owner": null, "due_date": null, "description": "New"}))
        .await;
    let list = &cleared.ok()["list"];
    assert!(
        list.get("priority").is_none()
            && list.get("owner").is_none()
            && list.get("due_date").is_none(),
        "{list}"
    );
    assert_eq!(list["description"], "New");
    assert_eq!(list["name"], "Webinars 2026", "kept");
}

#[tokio::test]
async fn a_list_cannot_be_moved_and_an_empty_update_is_refused() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (moved, calls) = s
        .traced(UPDATE, json!({"list": "Roadmap", "folder": "Backend"}))
        .await;
    assert_eq!(moved.code_for("a move"), "invalid_argument");
    assert!(calls.is_empty());

    let (nothing, calls) = s.traced(UPDATE, json!({"list": "Roadmap"})).await;
    assert_eq!(nothing.code_for("nothing to change"), "invalid_argument");
    assert!(calls.is_empty());
}

#[tokio::test]
async fn a_revoked_clickup_token_asks_the_user_to_reconnect() {
    let s = Session::alice().await;
    s.warm_tree().await;
    s.app
        .sandbox_fault(
            json!({"path_prefix": "/v2/list/901101001", "status": 401, "ecode": "OAUTH_019"}),
        )
        .await;

    let answer = s.call(GET, json!({"list": "Sprint 12"})).await;

    assert_eq!(answer.code_for("revoked token"), "reauth_required");
}

//! `clickup_space_list`, `clickup_space_get`, `clickup_space_create`, `clickup_space_update`.

use serde_json::json;

use crate::hierarchy::mcp::{Session, strings};

const LIST: &str = "clickup_space_list";
const GET: &str = "clickup_space_get";
const CREATE: &str = "clickup_space_create";
const UPDATE: &str = "clickup_space_update";

#[tokio::test]
async fn spaces_are_listed_live_or_archived() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (live, calls) = s.traced(LIST, json!({})).await;
    assert_eq!(
        strings(&live.ok()["items"], "name"),
        ["Engineering", "Marketing"]
    );
    assert_eq!(
        live.ok()["items"][0]["color"]
            .as_str()
            .map(|c| c.starts_with('#')),
        Some(true)
    );
    assert!(
        live.ok()["items"][0].get("statuses").is_none(),
        "summary rows are short"
    );
    assert_eq!(calls, ["GET /v2/team/9000001/space?archived=false"]);

    let archived = s
        .call(LIST, json!({"archived": true, "detail_level": "full"}))
        .await;
    let archive = &archived.ok()["items"][0];
    assert_eq!(
        (&archive["name"], &archive["archived"]),
        (&json!("Archive"), &json!(true))
    );
    assert!(
        archive["features"].is_object(),
        "full rows carry the ClickApps"
    );
}

#[tokio::test]
async fn a_space_by_name_shows_statuses_clickapps_and_members() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (answer, calls) = s.traced(GET, json!({"space_id": "engineering"})).await;

    let space = answer.ok();
    assert_eq!(space["id"], "90011001");
    assert_eq!(
        strings(&space["statuses"], "name"),
        ["to do", "in progress", "complete"]
    );
    assert_eq!(
        strings(&space["statuses"], "type"),
        ["open", "custom", "closed"]
    );
    let clickapps = space["clickapps"].as_array().unwrap();
    assert!(clickapps.contains(&json!("time_tracking")), "{clickapps:?}");
    assert!(
        !clickapps.contains(&json!("sprints")),
        "switched off: {clickapps:?}"
    );
    assert_eq!(strings(&space["members"], "username").len(), 3);
    assert!(space.get("features").is_none(), "settings only when full");
    assert_eq!(calls, ["GET /v2/space/90011001"]);

    let both = s
        .call(GET, json!({"space": "Engineering", "space_id": "90011001"}))
        .await;
    assert_eq!(both.code_for("both spellings"), "invalid_argument");
}

#[tokio::test]
async fn a_created_space_is_verified_and_the_cached_tree_forgets_the_old_hierarchy() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (answer, calls) = s
        .traced(
            CREATE,
            json!({"name": "Operations", "multiple_assignees": false, "features": {"time_tracking": false}}),
        )
        .await;

    let result = answer.ok();
    assert_eq!(result["verified"], true);
    assert_eq!(result["not_applied"], json!([]));
    let space = &result["space"];
    assert_eq!(space["name"], "Operations");
    assert_eq!(space["multiple_assignees"], false);
    assert!(
        !space["clickapps"]
            .as_array()
            .unwrap()
            .contains(&json!("time_tracking"))
    );
    let id = space["id"].as_str().unwrap().to_owned();
    assert_eq!(
        calls,
        [
            "POST /v2/team/9000001/space".to_owned(),
            format!("GET /v2/space/{id}")
        ]
    );

    let found = s
        .call("clickup_location_get", json!({"location": "Operations"}))
        .await;
    assert_eq!(found.ok()["id"], id.as_str(), "the tree was read again");
}

#[tokio::test]
async fn a_feature_clickup_ignores_is_reported_as_not_applied() {
    let s = Session::alice().await;

    let answer = s
        .call(
            CREATE,
            json!({"name": "Ops", "features": {"multiple_assignees": {"enabled": false}}}),
        )
        .await;

    let result = answer.ok();
    assert_eq!(result["verified"], true);
    assert_eq!(
        result["not_applied"],
        json!([{"field": "features.multiple_assignees.enabled", "requested": false, "actual": true}])
    );
    assert!(answer.text.starts_with("WARNING"), "{}", answer.text);
}

#[tokio::test]
async fn an_update_merges_features_per_setting_and_keeps_what_it_was_not_given() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (answer, calls) = s
        .traced(
            UPDATE,
            json!({"space": "Marketing", "color": "#112233", "features": {"due_dates": {"start_date": false}, "points": false}}),
        )
        .await;

    let result = answer.ok();
    assert_eq!(result["verified"], true, "{}", answer.text);
    assert_eq!(result["not_applied"], json!([]));
    assert_eq!(
        calls,
        [
            "GET /v2/space/90011002",
            "PUT /v2/space/90011002",
            "GET /v2/space/90011002"
        ]
    );
    let now = s.clickup_get("/v2/space/90011002").await;
    assert_eq!(now["color"], "#112233");
    assert_eq!(now["name"], "Marketing", "the name was sent back as it was");
    assert_eq!(
        now["features"]["due_dates"],
        json!({"enabled": true, "start_date": false, "remap_due_dates": false, "remap_closed_due_date": false}),
        "only start_date changed inside due_dates"
    );
    assert_eq!(now["features"]["points"]["enabled"], false);
    assert_eq!(
        now["features"]["tags"]["enabled"], true,
        "other ClickApps kept"
    );
}

#[tokio::test]
async fn an_update_without_changes_or_with_a_bad_colour_makes_no_request() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (nothing, calls) = s.traced(UPDATE, json!({"space": "Marketing"})).await;
    assert_eq!(nothing.code_for("nothing to change"), "invalid_argument");
    assert!(calls.is_empty(), "{calls:?}");

    let (bad, calls) = s
        .traced(UPDATE, json!({"space": "Marketing", "color": "SECRET-red"}))
        .await;
    assert_eq!(bad.code_for("bad colour"), "invalid_argument");
    assert!(!bad.text.contains("SECRET"), "{}", bad.text);
    assert!(calls.is_empty(), "{calls:?}");

    let unknown = s.call(UPDATE, json!({"space": "Sales", "name": "X"})).await;
    assert_eq!(unknown.code_for("unknown space"), "not_found");
}

#[tokio::test]
async fn an_unknown_clickapp_is_refused_with_the_valid_ones_and_nothing_is_written() {
    let s = Session::alice().await;
    s.warm_tree().await;

    let (answer, calls) = s
        .traced(
            UPDATE,
            json!({"space": "Marketing", "features": {"sprint_points": false, "nonexistent_app": true}}),
        )
        .await;

    assert_eq!(answer.code_for("unknown ClickApp"), "invalid_argument");
    assert!(answer.text.contains("`features."), "{}", answer.text);
    assert!(
        answer.text.contains("points, portfolios"),
        "{}",
        answer.text
    );
    assert!(calls.iter().all(|c| !c.starts_with("PUT")), "{calls:?}");
}

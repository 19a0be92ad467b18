//! `clickup_goal_list`, `clickup_goal_get`, `clickup_goal_create`, `clickup_goal_update`,
//! `clickup_goal_delete`.

use serde_json::json;

use crate::goals_templates::mcp::{BOB, CAROL, Session, premium, strings};

const SHIP_V2: &str = "9a000001-0000-4000-8000-000000000001";

#[tokio::test]
async fn goals_are_listed_with_their_folder_and_progress_and_completed_ones_on_request() {
    let s = premium().await;

    let (answer, calls) = s.traced("clickup_goal_list", json!({})).await;

    let page = answer.ok();
    assert_eq!(
        strings(&page["items"], "name"),
        ["Grow the blog", "Ship v2"]
    );
    assert_eq!(page["items"][1]["folder"], "2025");
    // Ship v2: 3 of 10 features (30 %) and Sprint 12's closed tasks (automatic).
    assert!(page["items"][1]["percent_completed"].as_f64().is_some());
    assert_eq!(page["items"][0]["percent_completed"], 25.0);
    assert_eq!(page["has_more"], false);
    assert_eq!(calls, ["GET /v2/team/9000001/goal"]);

    let (_, calls) = s
        .traced(
            "clickup_goal_list",
            json!({"include_completed": true, "limit": 1}),
        )
        .await;
    assert_eq!(calls, ["GET /v2/team/9000001/goal?include_completed=true"]);
}

#[tokio::test]
async fn a_goal_is_read_by_name_with_its_key_results() {
    let s = premium().await;

    let (answer, calls) = s.traced("clickup_goal_get", json!({"goal": "ship"})).await;

    let goal = answer.ok();
    assert_eq!(goal["id"], SHIP_V2);
    assert_eq!(goal["description"], "Everything in v2 out of the door.");
    assert_eq!(
        strings(&goal["key_results"], "name"),
        ["Features shipped", "Sprint 12 done"]
    );
    assert_eq!(goal["key_results"][0]["steps_current"], 3.0);
    assert_eq!(goal["key_results"][0]["percent_completed"], 30.0);
    assert_eq!(goal["key_results"][1]["type"], "automatic");
    assert_eq!(goal["key_results"][1]["list_ids"], json!(["901101001"]));
    assert_eq!(
        calls,
        [
            "GET /v2/team/9000001/goal?include_completed=true".to_owned(),
            format!("GET /v2/goal/{SHIP_V2}"),
        ]
    );

    let (by_id, calls) = s.traced("clickup_goal_get", json!({"goal": SHIP_V2})).await;
    assert_eq!(by_id.ok()["name"], "Ship v2");
    assert_eq!(
        calls,
        [format!("GET /v2/goal/{SHIP_V2}")],
        "an id needs no search"
    );
}

#[tokio::test]
async fn a_goal_is_created_with_the_fields_clickup_requires_filled_in_and_read_back() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_goal_create",
            json!({"name": "Launch v3", "due_date": "2026-12-31", "color": "#336699"}),
        )
        .await;

    let out = answer.ok();
    let id = out["goal"]["id"].as_str().unwrap();
    assert_eq!(out["verified"], true);
    assert_eq!(out["not_applied"], json!([]));
    assert_eq!(out["goal"]["due_date"], "2026-12-31");
    assert_eq!(
        strings(&out["goal"]["owners"], "name"),
        ["Alice Andersen"],
        "owners default to me"
    );
    assert_eq!(
        calls,
        [
            "POST /v2/team/9000001/goal".to_owned(),
            format!("GET /v2/goal/{id}"),
        ]
    );
    let stored = s.clickup_get(&format!("/v2/goal/{id}")).await;
    assert_eq!(stored["goal"]["description"], "");
    assert_eq!(stored["goal"]["multiple_owners"], false);
    assert_eq!(stored["goal"]["color"], "#336699");

    let bad = s
        .call(
            "clickup_goal_create",
            json!({"name": "x", "color": "green"}),
        )
        .await;
    assert_eq!(bad.code_for("a colour name"), "invalid_argument");
    assert!(bad.message().contains("#32a852"), "{}", bad.message());

    let shared = s
        .call(
            "clickup_goal_create",
            json!({"name": "Shared", "owners": ["me", CAROL.to_string()]}),
        )
        .await;
    let shared = shared.ok();
    assert_eq!(
        strings(&shared["goal"]["owners"], "name"),
        ["Alice Andersen", "Carol Chen"]
    );
    let id = shared["goal"]["id"].as_str().unwrap();
    let stored = s.clickup_get(&format!("/v2/goal/{id}")).await;
    assert_eq!(stored["goal"]["multiple_owners"], true);
}

#[tokio::test]
async fn updating_owners_sends_the_difference_and_keeps_the_other_fields() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_goal_update",
            json!({"goal": SHIP_V2, "owners": [BOB.to_string()], "name": "Ship v2.0"}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["not_applied"], json!([]));
    assert_eq!(out["goal"]["name"], "Ship v2.0");
    assert_eq!(strings(&out["goal"]["owners"], "name"), ["Bob Brown"]);
    assert_eq!(
        calls,
        [
            format!("GET /v2/goal/{SHIP_V2}"),
            format!("PUT /v2/goal/{SHIP_V2}"),
            format!("GET /v2/goal/{SHIP_V2}"),
        ]
    );
    let stored = s.clickup_get(&format!("/v2/goal/{SHIP_V2}")).await;
    assert_eq!(
        stored["goal"]["description"],
        "Everything in v2 out of the door."
    );
    assert_eq!(stored["goal"]["color"], "#32a852");

    let nothing = s
        .call("clickup_goal_update", json!({"goal": SHIP_V2}))
        .await;
    assert_eq!(nothing.code(), "invalid_argument");
}

#[tokio::test]
async fn deleting_a_goal_takes_its_whole_name_and_removes_it() {
    let s = premium().await;

    let partial = s.call("clickup_goal_delete", json!({"goal": "blog"})).await;
    assert_eq!(partial.code(), "not_found");
    assert_eq!(
        partial.data["error"]["candidates"][0]["name"],
        "Grow the blog"
    );

    let (answer, calls) = s
        .traced("clickup_goal_delete", json!({"goal": "grow the blog"}))
        .await;
    let out = answer.ok();
    assert_eq!(
        (out["ok"].clone(), out["name"].clone()),
        (json!(true), json!("Grow the blog"))
    );
    let id = out["id"].as_str().unwrap();
    assert_eq!(
        calls,
        [
            "GET /v2/team/9000001/goal?include_completed=true".to_owned(),
            format!("GET /v2/goal/{id}"),
            format!("DELETE /v2/goal/{id}"),
        ]
    );
    let left = s.call("clickup_goal_list", json!({})).await;
    assert_eq!(strings(&left.ok()["items"], "name"), ["Ship v2"]);
    let gone = s.call("clickup_goal_get", json!({"goal": id})).await;
    assert_eq!(gone.code(), "not_found");
}

#[tokio::test]
async fn a_free_user_is_told_goals_are_premium_before_any_clickup_request() {
    let s = Session::alice().await.on("/mcp/x/all");
    s.call("clickup_workspace_list", json!({})).await.ok();

    let (answer, calls) = s.traced("clickup_goal_list", json!({})).await;

    assert_eq!(answer.code(), "premium_required");
    assert!(calls.is_empty(), "{calls:?}");
}

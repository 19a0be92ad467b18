//! `clickup_timer_start` and `clickup_timer_stop`: premium only, one running timer, verified.

use serde_json::json;

use crate::collab::mcp::{Session, strings};

const START: &str = "clickup_timer_start";
const STOP: &str = "clickup_timer_stop";
const CURRENT: &str = "GET /v2/team/9000001/time_entries/current";

#[tokio::test]
async fn a_free_user_gets_premium_required_and_clickup_is_not_asked() {
    let s = Session::alice().await;
    s.warm().await;

    for (tool, args) in [(START, json!({"task": "86aa0001"})), (STOP, json!({}))] {
        let (answer, calls) = s.traced(tool, args).await;
        assert_eq!(answer.code_for(tool), "premium_required");
        assert!(calls.is_empty(), "{tool}: {calls:?}");
    }
    let listed = s
        .app
        .http
        .post(format!("{}/mcp", s.app.url))
        .bearer_auth(&s.token)
        .json(&json!({"method": "tools/list"}))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    let names = strings(&listed["tools"], "name");
    assert!(!names.contains(&START.to_owned()) && !names.contains(&STOP.to_owned()));
    assert!(names.contains(&"clickup_comment_list".to_owned()));
}

#[tokio::test]
async fn a_premium_user_starts_a_timer_on_a_custom_id_task_and_it_is_read_back() {
    let s = Session::alice().await.premium().await;
    s.warm().await;

    let (answer, calls) = s
        .traced(
            START,
            json!({"task": "ENG-1", "description": "pairing", "billable": true, "tags": ["dev"]}),
        )
        .await;

    let result = answer.ok();
    assert_eq!(result["verified"], true);
    assert_eq!(result["not_applied"], json!([]));
    assert_eq!(result["stopped"], json!(null));
    let timer = &result["timer"];
    assert_eq!(timer["running"], true);
    assert_eq!(timer["task"]["id"], "86aa0001");
    assert_eq!(timer["task"]["custom_id"], "ENG-1");
    assert_eq!(timer["description"], "pairing");
    assert_eq!(timer["billable"], true);
    assert_eq!(timer["tags"], json!(["dev"]));
    assert!(timer["id"].is_string());
    assert_eq!(timer["end"], json!(null));
    assert_eq!(
        calls,
        [
            CURRENT,
            "POST /v2/team/9000001/time_entries/start?custom_task_ids=true&team_id=9000001",
            CURRENT,
        ]
    );
    let current = s.clickup_get("/v2/team/9000001/time_entries/current").await;
    assert_eq!(current["data"]["id"], timer["id"]);
}

#[tokio::test]
async fn a_running_timer_is_refused_unless_replace_running_stops_it_first() {
    let s = Session::alice().await.premium().await;
    s.warm().await;
    let first = s.call(START, json!({"task": "Set up CI pipeline"})).await;
    let first_id = first.ok()["timer"]["id"].as_str().unwrap().to_owned();

    let (refused, calls) = s.traced(START, json!({"description": "other work"})).await;
    assert_eq!(refused.code(), "invalid_argument");
    assert!(
        refused.message().contains(&first_id),
        "{}",
        refused.message()
    );
    assert!(
        refused.message().contains("Set up CI pipeline"),
        "{}",
        refused.message()
    );
    assert!(refused.text.contains("replace_running"), "{}", refused.text);
    assert_eq!(calls, [CURRENT], "nothing written");

    let (replaced, calls) = s
        .traced(
            START,
            json!({"description": "other work", "replace_running": true}),
        )
        .await;
    let result = replaced.ok();
    assert_eq!(result["stopped"]["id"], first_id.as_str());
    assert_eq!(result["stopped"]["running"], false);
    assert!(result["stopped"]["duration_ms"].is_i64());
    assert_eq!(result["timer"]["running"], true);
    assert_eq!(result["timer"]["task"], json!(null));
    assert_ne!(result["timer"]["id"], first_id.as_str());
    assert_eq!(
        calls,
        [
            CURRENT,
            "POST /v2/team/9000001/time_entries/stop",
            "POST /v2/team/9000001/time_entries/start",
            CURRENT,
        ]
    );
}

#[tokio::test]
async fn stopping_annotates_the_entry_and_reads_it_back() {
    let s = Session::alice().await.premium().await;
    s.warm().await;
    let started = s
        .call(START, json!({"task": "86aa0005", "tags": ["dev"]}))
        .await;
    let id = started.ok()["timer"]["id"].as_str().unwrap().to_owned();

    let (answer, calls) = s
        .traced(STOP, json!({"description": "rate limiter done", "tags": ["review"], "timezone": "Europe/Paris"}))
        .await;

    let result = answer.ok();
    assert_eq!(result["verified"], true);
    assert_eq!(result["not_applied"], json!([]));
    let timer = &result["timer"];
    assert_eq!(timer["id"], id.as_str());
    assert_eq!(timer["running"], false);
    assert_eq!(timer["description"], "rate limiter done");
    assert_eq!(timer["tags"], json!(["dev", "review"]));
    assert!(
        timer["end"].as_str().unwrap().ends_with("+01:00"),
        "{timer}"
    );
    assert_eq!(
        calls,
        [
            "POST /v2/team/9000001/time_entries/stop".to_owned(),
            format!("PUT /v2/team/9000001/time_entries/{id}"),
            format!("GET /v2/team/9000001/time_entries/{id}"),
        ]
    );
    let current = s.clickup_get("/v2/team/9000001/time_entries/current").await;
    assert_eq!(current["data"], json!(null), "no timer runs any more");
}

#[tokio::test]
async fn stopping_without_annotations_makes_no_put() {
    let s = Session::alice().await.premium().await;
    s.call(START, json!({})).await.ok();

    let (answer, calls) = s.traced(STOP, json!({})).await;

    assert_eq!(answer.ok()["timer"]["running"], false);
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert_eq!(calls[0], "POST /v2/team/9000001/time_entries/stop");
    assert!(
        calls[1].starts_with("GET /v2/team/9000001/time_entries/"),
        "{calls:?}"
    );
}

#[tokio::test]
async fn stopping_when_no_timer_runs_says_so() {
    let s = Session::alice().await.premium().await;
    s.warm().await;

    let (answer, calls) = s.traced(STOP, json!({"description": "x"})).await;

    assert_eq!(answer.code(), "invalid_argument");
    assert!(
        answer.message().contains("No timer is running"),
        "{}",
        answer.message()
    );
    assert_eq!(calls, ["POST /v2/team/9000001/time_entries/stop"]);
}

#[tokio::test]
async fn timer_arguments_and_task_references_are_checked_before_anything_is_written() {
    let s = Session::alice().await.premium().await;
    s.warm().await;
    let cases = [
        (
            START,
            json!({"tags": ["ok", ""]}),
            "invalid_argument",
            "a blank tag",
        ),
        (
            START,
            json!({"billable": "yes"}),
            "invalid_argument",
            "billable not a boolean",
        ),
        (
            START,
            json!({"timezone": "Nowhere/Land"}),
            "invalid_argument",
            "an unknown zone",
        ),
        (
            STOP,
            json!({"tags": [" "]}),
            "invalid_argument",
            "a blank tag on stop",
        ),
        (
            START,
            json!({"workspace_id": "1234"}),
            "not_found",
            "a workspace not authorized",
        ),
    ];
    for (tool, args, code, why) in cases {
        let (answer, calls) = s.traced(tool, args).await;
        assert_eq!(answer.code_for(why), code, "{why}: {}", answer.text);
        assert!(
            calls.iter().all(|c| c.starts_with("GET /v2/team")),
            "{why}: {calls:?}"
        );
        assert!(
            !calls.iter().any(|c| c.contains("time_entries")),
            "{why}: {calls:?}"
        );
    }
    let ambiguous = s.call(START, json!({"task": "cache"})).await;
    assert_eq!(ambiguous.code_for("ambiguous task"), "ambiguous");
    let unknown = s.call(START, json!({"task": "86zz9999"})).await;
    assert_eq!(
        unknown.code_for("unknown task"),
        "not_found",
        "{}",
        unknown.text
    );
    let current = s.clickup_get("/v2/team/9000001/time_entries/current").await;
    assert_eq!(current["data"], json!(null), "no timer was started");
}

#[tokio::test]
async fn time_entry_tags_on_a_free_forever_workspace_are_an_upstream_plan_limit() {
    let s = Session::alice().await.premium().await;

    let answer = s
        .call(START, json!({"workspace_id": "9000002", "tags": ["dev"]}))
        .await;

    assert_eq!(answer.code(), "upstream_error", "{}", answer.text);
    assert_eq!(answer.data["error"]["upstream"]["ecode"], "TIMEENTRY_052");
}

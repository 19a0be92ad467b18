//! `clickup_space_tag_create`, `clickup_space_tag_update`, `clickup_space_tag_delete`: the
//! answer, the exact requests and bodies (create and delete spell the colours `tag_fg`/`tag_bg`,
//! edit `fg_color`/`bg_color`; delete carries a body), what the sandbox holds afterwards, and
//! the connection's tag cache kept in step.

use serde_json::json;

use crate::collab::mcp::{Session, strings};

const CREATE: &str = "clickup_space_tag_create";
const UPDATE: &str = "clickup_space_tag_update";
const DELETE: &str = "clickup_space_tag_delete";
const ADD: &str = "clickup_task_tag_add";

/// Alice on the URL that serves every toolset (space-tag writes are not everyday tools), with
/// the workspaces and Engineering's hierarchy cached.
async fn session() -> Session {
    let s = Session::alice().await.on("/mcp/x/all");
    s.warm().await;
    s.call("clickup_space_tag_list", json!({"space": "Engineering"}))
        .await
        .ok();
    s
}

/// The space's tags as ClickUp has them: `(name, fg, bg)`.
async fn space_tags(s: &Session) -> Vec<(String, String, String)> {
    let tags = s.clickup_get("/v2/space/90011001/tag").await;
    tags["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_owned(),
                t["tag_fg"].as_str().unwrap().to_owned(),
                t["tag_bg"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_tag_is_created_with_tag_fg_and_tag_bg_verified_and_usable_at_once() {
    let s = session().await;

    let (answer, calls) = s
        .traced(
            CREATE,
            json!({"space": "Engineering", "name": "Perf", "fg_color": "#000000", "bg_color": "#FFCC00"}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(
        out["tag"],
        json!({"name": "perf", "fg_color": "#000000", "bg_color": "#FFCC00"})
    );
    assert_eq!(out["space_id"], "90011001");
    assert_eq!(out["verified"], true);
    assert_eq!(out["not_applied"], json!([]));
    assert_eq!(
        calls,
        ["POST /v2/space/90011001/tag", "GET /v2/space/90011001/tag"]
    );
    assert_eq!(
        s.body_of("POST", "/v2/space/90011001/tag").await,
        json!({"tag": {"name": "Perf", "tag_fg": "#000000", "tag_bg": "#FFCC00"}})
    );

    // The cache knows the new tag: tagging a task with it reads no tags again.
    let (added, calls) = s
        .traced(ADD, json!({"task": "86aa0001", "tags": ["PERF"]}))
        .await;
    assert_eq!(added.ok()["added"], json!(["perf"]), "{}", added.text);
    assert!(
        !calls.iter().any(|c| c.ends_with("/tag")),
        "no space-tag read: {calls:?}"
    );
}

#[tokio::test]
async fn bad_create_arguments_are_refused_before_any_request() {
    let s = session().await;
    for (args, expected) in [
        (json!({"space": "Engineering", "name": "  "}), "`name`"),
        (
            json!({"space": "Engineering", "name": "x", "bg_color": "red"}),
            "`bg_color` must be a colour",
        ),
    ] {
        let (answer, calls) = s.traced(CREATE, args).await;
        assert_eq!(answer.code(), "invalid_argument");
        assert!(answer.message().contains(expected), "{}", answer.message());
        assert!(calls.is_empty(), "{calls:?}");
    }
}

#[tokio::test]
async fn a_tag_is_renamed_and_recoloured_with_a_full_body_and_its_tasks_follow() {
    let s = session().await;
    let before = space_tags(&s).await;
    let (_, ci_fg, _) = before.iter().find(|t| t.0 == "ci").unwrap().clone();

    let (answer, calls) = s
        .traced(
            UPDATE,
            json!({"space": "Engineering", "tag": "CI", "new_name": "ci-cd", "bg_color": "#00ff00"}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(
        out["tag"],
        json!({"name": "ci-cd", "fg_color": ci_fg, "bg_color": "#00ff00"})
    );
    assert_eq!(out["verified"], true);
    assert_eq!(out["not_applied"], json!([]));
    assert_eq!(
        calls,
        [
            "GET /v2/space/90011001/tag",
            "PUT /v2/space/90011001/tag/ci",
            "GET /v2/space/90011001/tag"
        ]
    );
    assert_eq!(
        s.body_of("PUT", "/v2/space/90011001/tag/ci").await,
        json!({"tag": {"name": "ci-cd", "fg_color": ci_fg, "bg_color": "#00ff00"}})
    );
    let task = s.clickup_get("/v2/task/86aa0001").await;
    assert_eq!(strings(&task["tags"], "name"), ["ci-cd", "backend"]);
    assert_eq!(task["tags"][0]["tag_bg"], "#00ff00");

    // The cache follows: the old name is unknown, the new one known, without re-reading.
    let (old, calls) = s
        .traced(ADD, json!({"task": "86aa0002", "tags": ["ci"]}))
        .await;
    assert_eq!(old.code(), "invalid_argument");
    assert!(old.message().contains("ci-cd"), "{}", old.message());
    assert!(!calls.iter().any(|c| c.ends_with("/tag")), "{calls:?}");
}

#[tokio::test]
async fn a_tag_name_is_one_percent_encoded_path_segment() {
    let s = session().await;
    s.call(
        CREATE,
        json!({"space": "Engineering", "name": "ci/cd test"}),
    )
    .await
    .ok();

    let (answer, calls) = s
        .traced(
            UPDATE,
            json!({"space": "Engineering", "tag": "CI/CD TEST", "fg_color": "#111111"}),
        )
        .await;
    assert_eq!(answer.ok()["tag"]["name"], "ci/cd test", "{}", answer.text);
    assert_eq!(calls[1], "PUT /v2/space/90011001/tag/ci%2Fcd%20test");

    let (deleted, calls) = s
        .traced(DELETE, json!({"space": "Engineering", "tag": "ci/cd test"}))
        .await;
    assert_eq!(deleted.ok()["id"], "ci/cd test");
    assert_eq!(calls[1], "DELETE /v2/space/90011001/tag/ci%2Fcd%20test");
}

#[tokio::test]
async fn update_refuses_nothing_to_change_an_unknown_tag_and_a_taken_name() {
    let s = session().await;

    let (nothing, calls) = s
        .traced(UPDATE, json!({"space": "Engineering", "tag": "ci"}))
        .await;
    assert_eq!(nothing.code(), "invalid_argument");
    assert!(calls.is_empty(), "{calls:?}");

    let (unknown, calls) = s
        .traced(
            UPDATE,
            json!({"space": "Engineering", "tag": "nope", "new_name": "x"}),
        )
        .await;
    assert_eq!(unknown.code(), "not_found");
    assert!(
        unknown.message().contains("its tags are: ci, backend, bug"),
        "{}",
        unknown.message()
    );
    assert!(!unknown.message().contains("nope"));
    assert_eq!(calls, ["GET /v2/space/90011001/tag"]);

    let (taken, calls) = s
        .traced(
            UPDATE,
            json!({"space": "Engineering", "tag": "ci", "new_name": "Bug"}),
        )
        .await;
    assert_eq!(taken.code(), "invalid_argument");
    assert_eq!(calls, ["GET /v2/space/90011001/tag"], "nothing sent");
}

#[tokio::test]
async fn a_deleted_tag_leaves_every_task_with_a_json_body_sent_and_the_cache_in_step() {
    let s = session().await;
    let (_, bug_fg, bug_bg) = space_tags(&s)
        .await
        .into_iter()
        .find(|t| t.0 == "bug")
        .unwrap();

    let (answer, calls) = s
        .traced(DELETE, json!({"space": "Engineering", "tag": "BUG"}))
        .await;

    assert_eq!(
        answer.ok(),
        &json!({"ok": true, "id": "bug", "space_id": "90011001"})
    );
    assert_eq!(
        calls,
        [
            "GET /v2/space/90011001/tag",
            "DELETE /v2/space/90011001/tag/bug"
        ]
    );
    assert_eq!(
        s.body_of("DELETE", "/v2/space/90011001/tag/bug").await,
        json!({"tag": {"name": "bug", "tag_fg": bug_fg, "tag_bg": bug_bg}})
    );
    let names: Vec<String> = space_tags(&s).await.into_iter().map(|t| t.0).collect();
    assert_eq!(names, ["ci", "backend"]);
    for task in ["86aa0007", "86aa0008"] {
        let task = s.clickup_get(&format!("/v2/task/{task}")).await;
        assert!(strings(&task["tags"], "name").is_empty(), "{task}");
    }

    // The cache no longer offers the tag.
    let (again, calls) = s
        .traced(ADD, json!({"task": "86aa0007", "tags": ["bug"]}))
        .await;
    assert_eq!(again.code(), "invalid_argument");
    assert!(!calls.iter().any(|c| c.ends_with("/tag")), "{calls:?}");

    // Deleting it again: not found, nothing sent.
    let (gone, calls) = s
        .traced(DELETE, json!({"space": "Engineering", "tag": "bug"}))
        .await;
    assert_eq!(gone.code(), "not_found");
    assert_eq!(calls, ["GET /v2/space/90011001/tag"]);
}

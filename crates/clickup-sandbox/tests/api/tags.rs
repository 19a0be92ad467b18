//! Space tags and task tags, with percent-encoded tag names in paths.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{ALICE, DAVE, assert_clickup_error, spawn_sandbox};

fn names(body: &serde_json::Value, key: &str) -> Vec<String> {
    body[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_space_lists_its_tags_and_takes_new_ones() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, tags) = sandbox.get_json("/v2/space/90011001/tag", &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(names(&tags, "tags"), vec!["ci", "backend", "bug"]);
    assert!(tags["tags"][0]["tag_fg"].is_string() && tags["tags"][0]["tag_bg"].is_string());

    let (status, body) = sandbox
        .post_json(
            "/v2/space/90011001/tag",
            &token,
            json!({"tag": {"name": "Perf", "tag_fg": "#000000", "tag_bg": "#ffcc00"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({}));
    let (_, tags) = sandbox.get_json("/v2/space/90011001/tag", &token).await;
    assert_eq!(names(&tags, "tags"), vec!["ci", "backend", "bug", "perf"]);
    assert_eq!(tags["tags"][3]["tag_bg"], "#ffcc00");

    let (status, error) = sandbox
        .post_json(
            "/v2/space/90011001/tag",
            &token,
            json!({"tag": {"name": " "}}),
        )
        .await;
    assert_clickup_error(status, &error, 400, "TAG_001", "empty name");
    let (status, error) = sandbox
        .get_json("/v2/space/90011001/tag", &sandbox.personal_token(DAVE))
        .await;
    assert_clickup_error(
        status,
        &error,
        401,
        "OAUTH_027",
        "space of another workspace",
    );
}

#[tokio::test]
async fn a_tag_name_is_one_percent_encoded_path_segment() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, body) = sandbox
        .post_json("/v2/task/86aa0006/tag/a%20b%2Fc", &token, json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, task) = sandbox.get_json("/v2/task/86aa0006", &token).await;
    assert_eq!(names(&task, "tags"), vec!["a b/c"]);
    let (_, space) = sandbox.get_json("/v2/space/90011001/tag", &token).await;
    assert!(
        names(&space, "tags").contains(&"a b/c".to_owned()),
        "an unknown tag is created in the space"
    );

    sandbox
        .post_json("/v2/task/86aa0006/tag/CI", &token, json!({}))
        .await;
    let (_, task) = sandbox.get_json("/v2/task/86aa0006", &token).await;
    assert_eq!(
        names(&task, "tags"),
        vec!["a b/c", "ci"],
        "matched case-insensitively"
    );
    assert_eq!(
        task["tags"][1]["tag_bg"], "#4194f6",
        "the space tag's colours"
    );

    let (status, _) = sandbox
        .delete("/v2/task/86aa0006/tag/a%20b%2Fc", &token)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, task) = sandbox.get_json("/v2/task/86aa0006", &token).await;
    assert_eq!(names(&task, "tags"), vec!["ci"]);

    let (status, error) = sandbox
        .post_json("/v2/task/86aa0009/tag/ci", &token, json!({}))
        .await;
    assert_clickup_error(status, &error, 404, "ITEM_013", "deleted task");
    let (status, error) = sandbox
        .post_json(
            "/v2/task/86aa0006/tag/ci",
            &sandbox.personal_token(DAVE),
            json!({}),
        )
        .await;
    assert_clickup_error(
        status,
        &error,
        401,
        "OAUTH_027",
        "task of another workspace",
    );
}

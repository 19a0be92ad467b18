//! Comments on tasks, lists and chat views: 25 newest first, older pages by start + start_id.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{ACME, ALICE, BOB, DAVE, assert_clickup_error, spawn_sandbox};

fn ids(body: &Value) -> Vec<String> {
    body["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn task_comments_page_by_25_newest_first_with_start_and_start_id() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, first) = sandbox.get_json("/v2/task/86aa0001/comment", &token).await;
    assert_eq!(status, StatusCode::OK);
    let first_ids = ids(&first);
    assert_eq!(first_ids.len(), 25);
    assert_eq!(first_ids[0], "91000030", "newest first");
    assert_eq!(first_ids[24], "91000006");
    let oldest = &first["comments"][24];
    assert_eq!(oldest["comment_text"], "CI note 6");
    assert_eq!(oldest["comment"][0]["text"], "CI note 6");
    assert!(oldest["date"].is_string() && oldest["user"]["id"].is_u64());

    let (_, second) = sandbox
        .get_json(
            &format!(
                "/v2/task/86aa0001/comment?start={}&start_id={}",
                oldest["date"].as_str().unwrap(),
                oldest["id"].as_str().unwrap()
            ),
            &token,
        )
        .await;
    assert_eq!(
        ids(&second),
        vec!["91000005", "91000004", "91000003", "91000002", "91000001"]
    );
}

#[tokio::test]
async fn a_created_comment_answers_a_numeric_id_and_reads_back_first() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, created) = sandbox
        .post_json(
            "/v2/task/86aa0005/comment",
            &token,
            json!({"comment_text": "Looks good **to me**", "assignee": BOB, "notify_all": false}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{created}");
    assert!(created["id"].is_u64(), "a number: {created}");
    assert!(created["hist_id"].is_string());
    assert!(created["date"].is_i64());
    let (_, comments) = sandbox.get_json("/v2/task/86aa0005/comment", &token).await;
    let newest = &comments["comments"][0];
    assert_eq!(newest["id"], created["id"].to_string());
    assert_eq!(
        newest["comment_text"], "Looks good **to me**",
        "plain text, kept as sent"
    );
    assert_eq!(newest["assignee"]["id"], BOB);
    assert_eq!(newest["user"]["id"], ALICE);
    assert_eq!(ids(&comments).len(), 3);

    let (status, error) = sandbox
        .post_json(
            "/v2/task/86aa0005/comment",
            &token,
            json!({"comment_text": ""}),
        )
        .await;
    assert_clickup_error(status, &error, 400, "COMMENT_001", "empty text");
    let (status, _) = sandbox
        .post_json(
            &format!("/v2/task/ENG-5/comment?custom_task_ids=true&team_id={ACME}"),
            &token,
            json!({"comment_text": "by custom id"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn lists_and_chat_views_carry_their_own_comments() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (_, list) = sandbox.get_json("/v2/list/901101001/comment", &token).await;
    assert_eq!(ids(&list), vec!["91000202", "91000201"]);
    let (status, _) = sandbox
        .post_json(
            "/v2/list/901101001/comment",
            &token,
            json!({"comment_text": "Retro on Friday"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, list) = sandbox.get_json("/v2/list/901101001/comment", &token).await;
    assert_eq!(list["comments"][0]["comment_text"], "Retro on Friday");

    let (status, view) = sandbox
        .get_json("/v2/view/3c9q1-1001/comment", &token)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ids(&view), vec!["91000303", "91000302", "91000301"]);
    let (status, created) = sandbox
        .post_json(
            "/v2/view/3c9q1-1001/comment",
            &token,
            json!({"comment_text": "hi"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, view) = sandbox
        .get_json("/v2/view/3c9q1-1001/comment", &token)
        .await;
    assert_eq!(view["comments"][0]["id"], created["id"].to_string());

    let dave = sandbox.personal_token(DAVE);
    for path in [
        "/v2/view/3c9q1-1001/comment",
        "/v2/view/nope/comment",
        "/v2/list/901101001/comment",
        "/v2/task/86aa0001/comment",
    ] {
        let (status, error) = sandbox.get_json(path, &dave).await;
        assert_clickup_error(status, &error, 401, "OAUTH_027", path);
    }
}

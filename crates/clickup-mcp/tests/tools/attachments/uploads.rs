//! Listing a task's files and uploading one from base64.

use base64::Engine;
use serde_json::json;

use crate::attachments::{session, session_with, strings};

const LIST: &str = "clickup_attachment_list";
const CREATE: &str = "clickup_attachment_create";

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[tokio::test]
async fn a_task_s_files_are_listed_from_the_task_oldest_first() {
    let s = session().await;

    let (answer, calls) = s.traced(LIST, json!({"task": "86aa0001"})).await;

    let page = answer.ok();
    assert_eq!(
        strings(&page["items"], "name"),
        ["pipeline.png", "build-log.txt"]
    );
    let first = &page["items"][0];
    assert_eq!(first["id"], "5a000000-0000-4000-8000-000000000001.png");
    assert_eq!(first["size"], 48_213);
    assert_eq!(first["mimetype"], "image/png");
    assert_eq!(first["user"], "Alice Andersen");
    assert_eq!(first["date"], "2024-12-26T10:00:00+00:00");
    assert!(first["url"].as_str().unwrap().starts_with("https://"));
    assert_eq!(page["has_more"], false);
    assert_eq!(
        calls,
        ["GET /v2/task/86aa0001?include_markdown_description=true"]
    );

    let empty = s.call(LIST, json!({"task": "86aa0002"})).await;
    assert_eq!(empty.ok()["items"], json!([]));

    let paged = s.call(LIST, json!({"task": "86aa0001", "limit": 1})).await;
    assert_eq!(strings(&paged.ok()["items"], "name"), ["pipeline.png"]);
    assert_eq!(paged.ok()["has_more"], true);
}

#[tokio::test]
async fn a_file_is_uploaded_from_base64_as_multipart_and_verified() {
    let s = session().await;

    let (answer, calls) = s
        .traced(
            CREATE,
            json!({"task": "86aa0002", "file_name": "notes.txt", "content_base64": b64(b"hello world")}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["attachment"]["name"], "notes.txt", "{}", answer.text);
    assert_eq!(out["attachment"]["size"], 11);
    assert_eq!(out["attachment"]["mimetype"], "text/plain");
    assert_eq!(out["task_id"], "86aa0002");
    assert_eq!(out["verified"], true);
    assert_eq!(out["not_applied"], json!([]));
    assert_eq!(
        calls,
        [
            "POST /v2/task/86aa0002/attachment",
            "GET /v2/task/86aa0002?include_markdown_description=true"
        ]
    );
    assert_eq!(
        s.body_of("POST", "/v2/task/86aa0002/attachment").await,
        json!({"attachment": {"filename": "notes.txt", "content_type": "text/plain", "size": 11}})
    );
    let task = s.clickup_get("/v2/task/86aa0002").await;
    assert_eq!(strings(&task["attachments"], "title"), ["notes.txt"]);
    assert_eq!(task["attachments"][0]["size"], 11);
}

#[tokio::test]
async fn a_custom_task_id_goes_in_the_query_and_a_data_url_gives_its_type() {
    let s = session().await;
    let png = format!("data:image/png;base64,{}", b64(&[0x89, b'P', b'N', b'G']));

    let (answer, calls) = s
        .traced(
            CREATE,
            json!({"task": "ENG-1", "file_name": "chart", "content_base64": png}),
        )
        .await;

    assert_eq!(answer.ok()["task_id"], "86aa0001", "{}", answer.text);
    assert_eq!(
        calls,
        [
            "POST /v2/task/ENG-1/attachment?custom_task_ids=true&team_id=9000001",
            "GET /v2/task/ENG-1?custom_task_ids=true&team_id=9000001&include_markdown_description=true"
        ]
    );
    assert_eq!(
        s.body_of("POST", "/v2/task/ENG-1/attachment").await["attachment"]["content_type"],
        "image/png"
    );
}

#[tokio::test]
async fn the_size_cap_is_a_server_setting_enforced_before_any_request() {
    let s = session_with(&[("ATTACHMENT_MAX_BYTES", "16")]).await;

    let (over, calls) = s
        .traced(
            CREATE,
            json!({"task": "86aa0002", "file_name": "a.bin", "content_base64": b64(&[7; 17])}),
        )
        .await;
    assert_eq!(over.code(), "invalid_argument");
    assert!(
        over.message().contains("upload limit of 16 bytes"),
        "{}",
        over.message()
    );
    assert!(calls.is_empty(), "{calls:?}");

    let at = s
        .call(
            CREATE,
            json!({"task": "86aa0002", "file_name": "a.bin", "content_base64": b64(&[7; 16])}),
        )
        .await;
    assert_eq!(at.ok()["attachment"]["size"], 16);
    assert_eq!(
        at.ok()["attachment"]["mimetype"],
        "application/octet-stream"
    );
}

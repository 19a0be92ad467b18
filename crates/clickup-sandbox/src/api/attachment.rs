//! Task attachments: `POST /v2/task/{task_id}/attachment` (`multipart/form-data`, the file in
//! the field `attachment`), and the `attachments` task JSON carries (`GET /v2/task/{task_id}`).
//!
//! The upload is parsed as multipart and streamed: the sandbox counts the file's bytes and keeps
//! what ClickUp shows about it (name, MIME type, size, uploader, date), never the bytes. A file
//! larger than [`MAX_UPLOAD_BYTES`] is refused with 413 while it streams. `json.rs` renders
//! attachments.

mod json;

use axum::Json;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Extension, Path, Query, State};
use axum::routing::post;
use serde_json::Value;

use crate::api::task::{CustomIdQuery, locate_task};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::Attachment;
use crate::state::SharedState;

pub(crate) use json::task_json;

/// The largest file the sandbox accepts. The sandbox's choice: ClickUp's own limit depends on
/// the plan and is far larger; this one keeps the sandbox's memory bounded.
pub(crate) const MAX_UPLOAD_BYTES: usize = 32 * 1024 * 1024;
/// The field ClickUp reads the file from.
const FIELD: &str = "attachment";

/// No file in the field `attachment` (or a body that is not `multipart/form-data`). The
/// sandbox's choice: ClickUp's answer for it is unconfirmed.
const NO_ATTACHMENT: ApiError = ApiError::other(
    400,
    "No attachment supplied: send multipart/form-data with the file in the field `attachment`",
    "UPLOAD_001",
);
/// The file is larger than [`MAX_UPLOAD_BYTES`]. The sandbox's choice.
const TOO_LARGE: ApiError = ApiError::other(413, "Attachment too large", "UPLOAD_002");
/// The multipart body could not be read. The sandbox's choice.
const MALFORMED: ApiError = ApiError::other(400, "Malformed multipart body", "UPLOAD_003");

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    axum::Router::new().route(
        "/api/v2/task/{task_id}/attachment",
        post(create_task_attachment)
            // Room for the file and its multipart framing; the handler enforces the file limit.
            .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024)),
    )
}

/// `POST /v2/task/{task_id}/attachment[?custom_task_ids=true&team_id=]` (multipart, field
/// `attachment`) → `{id, version, date, title, extension, thumbnail_small, thumbnail_large,
/// url}`.
async fn create_task_attachment(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(task_id): Path<String>,
    Query(query): Query<CustomIdQuery>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Json<Value>, ApiError> {
    let task = {
        let world = state.world();
        let data = &world.data;
        let index = locate_task(data, &caller, &task_id, &query)?;
        data.tasks[index].id.clone()
    };
    let mut multipart = multipart.map_err(|_| NO_ATTACHMENT)?;
    let mut file: Option<(String, String, u64)> = None;
    while let Some(mut field) = multipart.next_field().await.map_err(|_| MALFORMED)? {
        if field.name() != Some(FIELD) || file.is_some() {
            // Other fields, and files after the first, are read past and ignored.
            while field.chunk().await.map_err(|_| MALFORMED)?.is_some() {}
            continue;
        }
        let Some(name) = field.file_name().map(str::trim).filter(|n| !n.is_empty()) else {
            return Err(NO_ATTACHMENT);
        };
        let name = name.to_owned();
        let mimetype = field
            .content_type()
            .unwrap_or("application/octet-stream")
            .to_owned();
        let mut size = 0_usize;
        while let Some(chunk) = field.chunk().await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                TOO_LARGE
            } else {
                MALFORMED
            }
        })? {
            size += chunk.len();
            if size > MAX_UPLOAD_BYTES {
                return Err(TOO_LARGE);
            }
        }
        file = Some((name, mimetype, size as u64));
    }
    let (title, mimetype, size) = file.ok_or(NO_ATTACHMENT)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    // The task may have gone while the file streamed.
    let index = data
        .task_index(task.as_str())
        .filter(|&i| !data.tasks[i].deleted)
        .ok_or(ApiError::ObjectNotAuthorized)?;
    let serial = data.take_id();
    let extension = Attachment::extension_of(&title);
    let attachment = Attachment {
        id: json::attachment_id(serial, &extension),
        task_id: task,
        title,
        mimetype,
        size,
        user: caller.user_id,
        date: now,
    };
    let answer = json::upload_json(data, &attachment);
    data.attachments.files.push(attachment);
    data.tasks[index].date_updated = now;
    Ok(Json(answer))
}

#[cfg(test)]
mod tests {
    use serde_json::Value;
    use tokio_util::sync::CancellationToken;

    use crate::{Sandbox, SandboxOptions, spawn};

    fn multipart(field: &str, filename: &str, content: &[u8]) -> (String, Vec<u8>) {
        let boundary = "test-boundary-1234";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nignored\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; \
             filename=\"{filename}\"\r\nContent-Type: text/plain\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(content);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        (format!("multipart/form-data; boundary={boundary}"), body)
    }

    #[tokio::test]
    async fn the_file_must_be_in_the_attachment_field_of_a_multipart_body_within_the_limit() {
        let sandbox = Sandbox::new(SandboxOptions::default());
        let token = sandbox
            .users()
            .into_iter()
            .find(|u| u.id == crate::seed::ALICE)
            .unwrap()
            .personal_token;
        let shutdown = CancellationToken::new();
        let running = spawn(sandbox, "127.0.0.1:0".parse().unwrap(), shutdown.clone())
            .await
            .unwrap();
        let http = reqwest::Client::new();
        let post = |content_type: String, body: Vec<u8>, task: &str| {
            http.post(format!(
                "{}/api/v2/task/{task}/attachment",
                running.base_url()
            ))
            .header("Authorization", &token)
            .header("Content-Type", content_type)
            .body(body)
            .send()
        };
        let answer = |r: reqwest::Response| async move {
            let status = r.status().as_u16();
            (status, r.json::<Value>().await.unwrap_or(Value::Null))
        };

        let (ct, body) = multipart("attachment", "Report.TXT", b"abc");
        let (status, upload) = answer(post(ct, body, "86aa0003").await.unwrap()).await;
        assert_eq!(status, 200, "{upload}");
        assert_eq!(
            (&upload["title"], &upload["extension"], &upload["version"]),
            (&"Report.TXT".into(), &"txt".into(), &"0".into())
        );

        let (ct, body) = multipart("file", "wrong.txt", b"abc");
        let (status, err) = answer(post(ct, body, "86aa0003").await.unwrap()).await;
        assert_eq!((status, err["ECODE"].as_str()), (400, Some("UPLOAD_001")));

        let (status, err) = answer(
            post("application/json".into(), b"{}".to_vec(), "86aa0003")
                .await
                .unwrap(),
        )
        .await;
        assert_eq!((status, err["ECODE"].as_str()), (400, Some("UPLOAD_001")));

        let (ct, body) = multipart(
            "attachment",
            "big.bin",
            &vec![0; super::MAX_UPLOAD_BYTES + 1],
        );
        let (status, _) = answer(post(ct, body, "86aa0003").await.unwrap()).await;
        assert_eq!(status, 413);

        let (ct, body) = multipart("attachment", "x.txt", b"abc");
        let (status, err) = answer(post(ct, body, "nope123").await.unwrap()).await;
        assert_eq!((status, err["ECODE"].as_str()), (401, Some("OAUTH_027")));

        let task: Value = http
            .get(format!("{}/api/v2/task/86aa0003", running.base_url()))
            .header("Authorization", &token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let files = task["attachments"].as_array().unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0]["size"], 3);
        assert_eq!(files[0]["mimetype"], "text/plain");
        assert_eq!(files[0]["user"]["id"], crate::seed::ALICE);
        shutdown.cancel();
        running.wait().await;
    }
}

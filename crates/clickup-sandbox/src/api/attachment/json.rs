//! Attachments as ClickUp renders them: the upload answer, and the entries of a task's
//! `attachments`.

use serde_json::{Value, json};

use crate::api::user_json;
use crate::model::{Attachment, Data, Task};

/// A deterministic `uuid.ext` id from the sandbox's id counter.
pub(super) fn attachment_id(serial: u64, extension: &str) -> String {
    let uuid = format!("5a000000-0000-4000-8000-{serial:012}");
    if extension.is_empty() {
        uuid
    } else {
        format!("{uuid}.{extension}")
    }
}

/// Where ClickUp would serve the file (never served by the sandbox).
fn url(data: &Data, attachment: &Attachment) -> String {
    let team = data
        .task(attachment.task_id.as_str())
        .and_then(|t| data.team_of_task(t))
        .map_or_else(String::new, |t| t.id.to_string());
    let stem = attachment
        .id
        .split('.')
        .next()
        .unwrap_or(attachment.id.as_str());
    format!(
        "https://t{team}.p.clickup-attachments.com/t{team}/{stem}/{}",
        percent_encode(&attachment.title)
    )
}

/// The thumbnail ClickUp shows: the file itself for an image, else a generic icon.
fn thumbnail(data: &Data, attachment: &Attachment, size: &str) -> String {
    if attachment.mimetype.starts_with("image/") {
        url(data, attachment)
    } else {
        format!(
            "https://app-cdn.clickup.com/assets/attachments/{size}/{}.png",
            if attachment.extension().is_empty() {
                "file".to_owned()
            } else {
                attachment.extension()
            }
        )
    }
}

/// The answer to an upload.
pub(super) fn upload_json(data: &Data, attachment: &Attachment) -> Value {
    json!({
        "id": attachment.id,
        "version": "0",
        "date": attachment.date,
        "title": attachment.title,
        "extension": attachment.extension(),
        "thumbnail_small": thumbnail(data, attachment, "small"),
        "thumbnail_large": thumbnail(data, attachment, "large"),
        "url": url(data, attachment),
    })
}

/// The task's `attachments` as ClickUp embeds them in task JSON (`api/task/json.rs`), oldest
/// first.
pub(crate) fn task_json(data: &Data, task: &Task) -> Vec<Value> {
    data.attachments
        .of_task(&task.id)
        .map(|a| {
            let url = url(data, a);
            json!({
                "id": a.id,
                "date": a.date.to_string(),
                "title": a.title,
                "type": 1,
                "source": 1,
                "version": 0,
                "extension": a.extension(),
                "thumbnail_small": thumbnail(data, a, "small"),
                "thumbnail_medium": thumbnail(data, a, "medium"),
                "thumbnail_large": thumbnail(data, a, "large"),
                "is_folder": null,
                "mimetype": a.mimetype,
                "hidden": false,
                "parent_id": task.id,
                "size": a.size,
                "total_comments": 0,
                "resolved_comments": 0,
                "user": data.user(a.user).map_or(Value::Null, user_json),
                "deleted": false,
                "orientation": null,
                "url": url,
                "email_data": null,
                "url_w_query": format!("{url}?view=open"),
                "url_w_host": url,
            })
        })
        .collect()
}

/// `name` as one URL path segment.
fn percent_encode(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

//! Task attachments: what `POST /v2/task/{task_id}/attachment` answers, and the `attachments`
//! a task carries (`GET /v2/task/{task_id}`).

use serde::{Deserialize, Serialize};

use crate::models::values::{Extra, Timestamp, opt_integer, opt_timestamp};

/// A file attached to a task. The upload answer carries `id`, `version`, `date`, `title`,
/// `extension`, the thumbnails and `url`; a task's `attachments` add `size`, `mimetype` and
/// who uploaded it. `date` arrives as a number or a ms string.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    /// Attachment id (ClickUp's are `uuid.ext`).
    pub id: String,
    /// The file name.
    #[serde(default)]
    pub title: Option<String>,
    /// When it was uploaded.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub date: Option<Timestamp>,
    /// The file extension, without the dot.
    #[serde(default)]
    pub extension: Option<String>,
    /// MIME type, when ClickUp gives one.
    #[serde(default)]
    pub mimetype: Option<String>,
    /// Size in bytes, when ClickUp gives it.
    #[serde(default, deserialize_with = "opt_integer")]
    pub size: Option<i64>,
    /// Where the file can be downloaded.
    #[serde(default)]
    pub url: Option<String>,
    /// A small thumbnail, for images.
    #[serde(default)]
    pub thumbnail_small: Option<String>,
    /// Everything else ClickUp sent (`version`, `user`, `thumbnail_large`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A file to upload: its name, MIME type and bytes. The bytes are never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct Upload<'a> {
    /// The file name ClickUp shows (the multipart `filename`).
    pub file_name: &'a str,
    /// The MIME type (`application/octet-stream` when unknown).
    pub content_type: &'a str,
    /// The content.
    pub bytes: &'a [u8],
}

impl std::fmt::Debug for Upload<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_answer_and_a_task_attachment_both_read() {
        let upload: Attachment = serde_json::from_value(serde_json::json!({
            "id": "ac434d4e.png", "version": "0", "date": 1569988578766_i64, "title": "image.png",
            "extension": "png", "thumbnail_small": "https://x/s.png",
            "thumbnail_large": "https://x/l.png", "url": "https://x/image.png"
        }))
        .unwrap();
        assert_eq!(upload.date, Some(Timestamp(1_569_988_578_766)));
        assert_eq!(upload.extra["version"], "0");
        let on_task: Attachment = serde_json::from_value(serde_json::json!({
            "id": "b.txt", "date": "1700000000000", "title": "b.txt", "size": 12,
            "mimetype": "text/plain", "url": "https://x/b.txt"
        }))
        .unwrap();
        assert_eq!(on_task.size, Some(12));
        assert_eq!(on_task.date, Some(Timestamp(1_700_000_000_000)));
    }
}

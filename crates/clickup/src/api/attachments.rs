//! Files attached to tasks: `POST /v2/task/{task_id}/attachment`, a `multipart/form-data`
//! upload with the file in the field `attachment`. The body is built here (it builds the same
//! on `wasm32`), with a boundary that does not occur in the file.

use reqwest::Method;
use secrecy::SecretString;
use sha2::{Digest, Sha256};

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::ids::TaskRef;
use crate::models::attachment::{Attachment, Upload};
use crate::paths::ApiPath;

/// The multipart field ClickUp reads the file from.
pub const ATTACHMENT_FIELD: &str = "attachment";

impl ClickUp {
    /// Uploads a file to a task (`POST /v2/task/{task_id}/attachment`, CreateTaskAttachment;
    /// `multipart/form-data`, field `attachment`). Not retried: an upload is not idempotent.
    pub async fn create_task_attachment(
        &self,
        token: &SecretString,
        task: &TaskRef,
        upload: &Upload<'_>,
    ) -> Result<Attachment, ClickUpError> {
        let path = ApiPath::v2()
            .lit("task")
            .id(task.path_id())
            .lit("attachment");
        let seed = self.boundary_seed();
        let (content_type, body) = multipart_body(upload, seed);
        let mut request = Request::new(Method::POST, path).query(task.query());
        request.body = Some(body);
        request.content_type = Some(content_type);
        self.call(token, request).await
    }
}

/// A `multipart/form-data` body holding `upload` in the field [`ATTACHMENT_FIELD`], and its
/// `Content-Type` (with the boundary). The boundary mixes `seed` with a hash of the file and is
/// changed until the file does not contain it.
pub(crate) fn multipart_body(upload: &Upload<'_>, seed: u64) -> (String, Vec<u8>) {
    let digest = Sha256::digest(upload.bytes);
    let mut round = 0_u64;
    let boundary = loop {
        let mut hasher = Sha256::new();
        hasher.update(seed.to_le_bytes());
        hasher.update(round.to_le_bytes());
        hasher.update(digest);
        let hex: String = hasher.finalize()[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let boundary = format!("clickup-mcp-{hex}");
        if !contains(upload.bytes, boundary.as_bytes()) {
            break boundary;
        }
        round += 1;
    };
    let content_type = if is_mime_type(upload.content_type) {
        upload.content_type
    } else {
        "application/octet-stream"
    };
    let mut body = Vec::with_capacity(upload.bytes.len() + 256);
    body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
    body.extend_from_slice(
        format!(
            "Content-Disposition: form-data; name=\"{ATTACHMENT_FIELD}\"; filename=\"{}\"\r\n",
            quoted_file_name(upload.file_name)
        )
        .as_bytes(),
    );
    body.extend_from_slice(format!("Content-Type: {content_type}\r\n\r\n").as_bytes());
    body.extend_from_slice(upload.bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A file name for a quoted `filename="…"`, escaped as browsers do (WHATWG HTML: `"` → `%22`,
/// CR → `%0D`, LF → `%0A`); other control characters are dropped.
fn quoted_file_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '"' => out.push_str("%22"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether `value` is a plain `type/subtype` MIME type (no parameters, nothing to escape).
fn is_mime_type(value: &str) -> bool {
    let token = |s: &str| {
        !s.is_empty()
            && s.len() <= 64
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b))
    };
    value
        .split_once('/')
        .is_some_and(|(kind, sub)| token(kind) && token(sub))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(bytes: &[u8]) -> Upload<'_> {
        Upload {
            file_name: "notes \"v2\".txt",
            content_type: "text/plain",
            bytes,
        }
    }

    #[test]
    fn the_body_holds_the_file_in_the_attachment_field_between_boundaries() {
        let (content_type, body) = multipart_body(&upload(b"hello"), 7);
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap();
        assert_eq!(boundary.len(), "clickup-mcp-".len() + 32);
        let expected = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"attachment\"; \
             filename=\"notes %22v2%22.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n\
             --{boundary}--\r\n"
        );
        assert_eq!(String::from_utf8(body).unwrap(), expected);
    }

    #[test]
    fn boundaries_differ_by_seed_and_never_occur_in_the_file() {
        let (a, _) = multipart_body(&upload(b"x"), 1);
        let (b, _) = multipart_body(&upload(b"x"), 2);
        assert_ne!(a, b);
        // A file that contains the boundary the first round would pick gets another one.
        let first = a.strip_prefix("multipart/form-data; boundary=").unwrap();
        let tricky = format!("x{first}x");
        let (c, body) = multipart_body(&upload(tricky.as_bytes()), 1);
        let chosen = c.strip_prefix("multipart/form-data; boundary=").unwrap();
        assert!(!tricky.contains(chosen));
        assert!(contains(&body, tricky.as_bytes()));
    }

    #[test]
    fn an_unusual_content_type_is_sent_as_octet_stream() {
        for bad in ["text/plain\r\nX-Evil: 1", "text", "", "a/b; charset=x"] {
            let file = Upload {
                content_type: bad,
                ..upload(b"1")
            };
            let (_, body) = multipart_body(&file, 0);
            let text = String::from_utf8(body).unwrap();
            assert!(
                text.contains("Content-Type: application/octet-stream\r\n"),
                "{bad}"
            );
        }
    }

    #[test]
    fn control_characters_never_reach_the_header() {
        assert_eq!(quoted_file_name("a\r\nb\u{0}c"), "a%0D%0Abc");
    }
}

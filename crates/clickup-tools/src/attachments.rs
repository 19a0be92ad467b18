//! Attachment tools (docs/tools.md, "Attachments"): the files on a task, and uploading one from
//! base64 content, an https URL the host fetches under its guard against server-side request
//! forgery, or (stdio only) a local path. One size cap, the host's `ATTACHMENT_MAX_BYTES`
//! (default 10 MB), holds for every source and is enforced while decoding or reading: nothing
//! larger is ever held. Errors never repeat the content, the URL or the path.

use std::borrow::Cow;
use std::sync::Arc;

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use clickup::models::attachment::Attachment;
use schemars::JsonSchema;
use serde::Serialize;

use crate::context::FileError;
use crate::error::{ToolError, ToolErrorCode};
use crate::registry::{ClickUpTool, tool};

pub mod create;
pub mod list;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<list::AttachmentList>(),
        tool::<create::AttachmentCreate>(),
    ]
}

/// A file attached to a task.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AttachmentView {
    /// Attachment id.
    pub id: String,
    /// File name.
    pub name: String,
    /// Size in bytes, when ClickUp gives it.
    pub size: Option<i64>,
    /// MIME type, when ClickUp gives it.
    pub mimetype: Option<String>,
    /// Download URL.
    pub url: Option<String>,
    /// When it was uploaded (ISO 8601).
    pub date: Option<String>,
    /// Who uploaded it (username), when ClickUp says.
    pub user: Option<String>,
}

impl AttachmentView {
    /// The attachment as shown, dates in `zone`.
    pub(crate) fn new(attachment: &Attachment, zone: &jiff::tz::TimeZone) -> Self {
        Self {
            id: attachment.id.clone(),
            name: attachment.title.clone().unwrap_or_default(),
            size: attachment.size,
            mimetype: attachment.mimetype.clone(),
            url: attachment.url.clone(),
            date: attachment
                .date
                .map(|d| crate::dates::format_date(d.millis(), zone)),
            user: attachment
                .extra
                .get("user")
                .and_then(|u| u.get("username"))
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned),
        }
    }
}

/// A task's `attachments` as ClickUp embeds them; entries that do not read are skipped.
pub(crate) fn attachments_of(task: &clickup::models::Task) -> Vec<Attachment> {
    task.attachments
        .iter()
        .filter_map(|a| serde_json::from_value(a.clone()).ok())
        .collect()
}

/// `content_base64` decoded, refusing a bad encoding with what is wrong (never the content)
/// and anything over `max_bytes` before it is decoded. Whitespace (line breaks) is ignored; the
/// standard and URL-safe alphabets are read, padded or not; a `data:…;base64,` prefix is
/// dropped and its MIME type returned.
pub(crate) fn decode_base64(
    content: &str,
    max_bytes: usize,
) -> Result<(Vec<u8>, Option<String>), ToolError> {
    let bad = |what: String| {
        ToolError::invalid_argument(format!("`content_base64` is not valid base64: {what}."))
            .with_hint("Send the file's bytes base64-encoded (RFC 4648), nothing else.")
    };
    let (mime, content) = match content.strip_prefix("data:") {
        Some(rest) => match rest.split_once(',') {
            Some((meta, data)) if meta.ends_with(";base64") => {
                let mime = meta.trim_end_matches(";base64");
                let mime = mime.split(';').next().unwrap_or_default();
                ((!mime.is_empty()).then(|| mime.to_owned()), data)
            }
            _ => {
                return Err(bad(
                    "a `data:` URL must be base64-encoded (`data:TYPE;base64,…`)".to_owned(),
                ));
            }
        },
        None => (None, content),
    };
    let cleaned: Cow<'_, str> = if content.bytes().any(|b| b.is_ascii_whitespace()) {
        Cow::Owned(content.split_ascii_whitespace().collect())
    } else {
        Cow::Borrowed(content)
    };
    if cleaned.is_empty() {
        return Err(ToolError::invalid_argument(
            "`content_base64` is empty; send the file's bytes base64-encoded.",
        ));
    }
    // Four characters carry three bytes: refuse before decoding anything too large.
    if cleaned.len() / 4 * 3 > max_bytes.saturating_add(3) {
        return Err(too_large(max_bytes));
    }
    let url_safe = cleaned.contains(['-', '_']);
    let config =
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    let engine = if url_safe {
        GeneralPurpose::new(&base64::alphabet::URL_SAFE, config)
    } else {
        GeneralPurpose::new(&base64::alphabet::STANDARD, config)
    };
    let bytes = engine.decode(cleaned.as_bytes()).map_err(|err| {
        bad(match err {
            base64::DecodeError::InvalidByte(offset, _) => format!(
                "character {} (not counting whitespace) is not in the base64 alphabet",
                offset + 1
            ),
            base64::DecodeError::InvalidLength(_) => {
                "its length is impossible for base64 (a character is missing or extra)".to_owned()
            }
            base64::DecodeError::InvalidLastSymbol(_, _) => {
                "its last character carries bits outside the data (truncated or corrupted?)"
                    .to_owned()
            }
            base64::DecodeError::InvalidPadding => "its `=` padding is wrong".to_owned(),
        })
    })?;
    if bytes.len() > max_bytes {
        return Err(too_large(max_bytes));
    }
    Ok((bytes, mime))
}

/// `invalid_argument`: the file is over the server's cap.
pub(crate) fn too_large(max_bytes: usize) -> ToolError {
    ToolError::invalid_argument(format!(
        "The file is larger than this server's upload limit of {} (ATTACHMENT_MAX_BYTES).",
        shown_size(max_bytes)
    ))
}

/// The tool error a [`FileError`] means.
pub(crate) fn file_error(arg: &str, err: FileError) -> ToolError {
    match err {
        FileError::TooLarge(limit) => too_large(limit),
        FileError::Unsupported(message) => ToolError::invalid_argument(message),
        FileError::Refused(why) => {
            ToolError::invalid_argument(format!("`{arg}` was refused: {why}."))
        }
        FileError::Failed(why) => ToolError::new(
            ToolErrorCode::UpstreamError,
            format!("`{arg}` could not be read: {why}."),
        ),
    }
}

/// `n` bytes as people read them.
fn shown_size(n: usize) -> String {
    const MB: usize = 1024 * 1024;
    if n >= MB && n.is_multiple_of(MB) {
        format!("{} MB", n / MB)
    } else if n >= 1024 && n.is_multiple_of(1024) {
        format!("{} KB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

/// A file name to show in ClickUp: 1 to 255 characters, no control characters or slashes.
pub(crate) fn checked_file_name(name: &str) -> Result<String, ToolError> {
    let name = name.trim();
    let ok = !name.is_empty()
        && name.chars().count() <= 255
        && !name
            .chars()
            .any(|c| c.is_control() || c == '/' || c == '\\')
        && name != "."
        && name != "..";
    if ok {
        Ok(name.to_owned())
    } else {
        Err(ToolError::invalid_argument(
            "`file_name` must be 1 to 255 characters with no slashes or control characters, \
             such as report.pdf.",
        ))
    }
}

/// The MIME type of a file name's extension (`application/octet-stream` when unknown).
pub(crate) fn mime_of(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" | "log" => "text/plain",
        "md" => "text/markdown",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "json" => "application/json",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes_in_every_common_form() {
        for encoded in [
            "aGVsbG8gd29ybGQ=",
            "aGVsbG8gd29ybGQ",
            "aGVs\nbG8g d29y\r\nbGQ=",
            "data:text/plain;base64,aGVsbG8gd29ybGQ=",
        ] {
            let (bytes, _) = decode_base64(encoded, 100).unwrap();
            assert_eq!(bytes, b"hello world", "{encoded}");
        }
        let (bytes, _) = decode_base64("-_-_", 100).unwrap();
        assert_eq!(bytes, [0xfb, 0xff, 0xbf]);
        let (_, mime) = decode_base64("data:image/png;base64,AAAA", 100).unwrap();
        assert_eq!(mime.as_deref(), Some("image/png"));
    }

    #[test]
    fn a_bad_encoding_says_what_is_wrong_without_echoing() {
        let cases = [
            (
                "aGVs*G8=",
                "character 5 (not counting whitespace) is not in the base64 alphabet",
            ),
            ("aGVsbG8gd", "its length is impossible"),
            ("aGVsbG9=", "its last character carries bits"),
            ("aG=sbG8=", "not in the base64 alphabet"),
            ("data:text/plain,hello", "must be base64-encoded"),
            ("   ", "is empty"),
        ];
        for (input, expected) in cases {
            let err = decode_base64(input, 100).unwrap_err();
            assert_eq!(err.code, ToolErrorCode::InvalidArgument);
            assert!(err.message.contains(expected), "{input}: {}", err.message);
            assert!(!err.message.contains(input.trim()) || input.trim().is_empty());
        }
    }

    #[test]
    fn the_cap_is_enforced_before_and_after_decoding() {
        // 12 bytes encoded: over a 10-byte cap.
        let err = decode_base64("aGVsbG8gd29ybGQh", 10).unwrap_err();
        assert!(
            err.message.contains("upload limit of 10 bytes"),
            "{}",
            err.message
        );
        // Far over: refused by length alone.
        let huge = "A".repeat(4_000);
        assert!(
            decode_base64(&huge, 100)
                .unwrap_err()
                .message
                .contains("upload limit")
        );
        assert_eq!(decode_base64("aGVsbG8gd29ybGQh", 12).unwrap().0.len(), 12);
    }

    #[test]
    fn file_names_and_types() {
        assert_eq!(checked_file_name(" report.pdf ").unwrap(), "report.pdf");
        for bad in ["", "a/b", "a\\b", "..", "a\nb", &"x".repeat(256)] {
            assert!(checked_file_name(bad).is_err(), "{bad:?}");
        }
        assert_eq!(mime_of("Notes.TXT"), "text/plain");
        assert_eq!(mime_of("archive"), "application/octet-stream");
    }
}

//! `clickup_attachment_create`: upload a file to a task, from base64 content, an https URL
//! (fetched by the host under its SSRF guard) or, in stdio, a local path. Exactly one source;
//! the file is loaded and checked against the host's size cap before any ClickUp request, then
//! uploaded as `multipart/form-data` and verified by reading the task back.

use clickup::filters::TaskReadOptions;
use clickup::models::attachment::Upload;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::attachments::{
    AttachmentView, attachments_of, checked_file_name, decode_base64, file_error, mime_of,
};
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};
use crate::{resolve, task_ref};

/// The longest `url` accepted.
const MAX_URL_LEN: usize = 2_048;

/// `clickup_attachment_create`.
#[derive(Debug)]
pub struct AttachmentCreate;

/// Arguments of `clickup_attachment_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference.
    pub task: String,
    /// File name shown in ClickUp, e.g. report.pdf.
    pub file_name: String,
    /// The file's bytes, base64.
    pub content_base64: Option<String>,
    /// An https URL the server downloads the file from (public hosts only).
    pub url: Option<String>,
    /// Absolute path of a local file (local stdio server only).
    pub file_path: Option<String>,
    // Shared arguments (server instructions): no description.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// The result of `clickup_attachment_create`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The uploaded file.
    pub attachment: AttachmentView,
    /// The task's id.
    pub task_id: String,
    /// True when the task was read back.
    pub verified: bool,
    /// `attachment` when the task does not list the file.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for AttachmentCreate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_attachment_create",
        title: "Attach a file to a task",
        description: "Upload a file to a task from exactly one of content_base64, an https url, \
                      or file_path (local server only). Size limit: the server's \
                      ATTACHMENT_MAX_BYTES (default 10 MB).",
        tier: Tier::Free,
        toolset: Toolset::Attachments,
        everyday: false,
        effect: Effect::Write,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let file_name = checked_file_name(&args.file_name)?;
        let max_bytes = ctx.files.max_bytes();
        let (bytes, declared_mime) = match (&args.content_base64, &args.url, &args.file_path) {
            (Some(content), None, None) => decode_base64(content, max_bytes)?,
            (None, Some(url), None) => {
                let url = checked_url(url)?;
                let bytes = ctx
                    .files
                    .fetch_url(&url, max_bytes)
                    .await
                    .map_err(|e| file_error("url", e))?;
                (bytes, None)
            }
            (None, None, Some(path)) => {
                let bytes = ctx
                    .files
                    .read_path(path, max_bytes)
                    .await
                    .map_err(|e| file_error("file_path", e))?;
                (bytes, None)
            }
            _ => {
                return Err(ToolError::invalid_argument(
                    "Give exactly one of `content_base64`, `url` or `file_path`.",
                ));
            }
        };
        if bytes.len() > max_bytes {
            return Err(crate::attachments::too_large(max_bytes));
        }
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let task = task_ref::resolve(ctx, &ws, &args.task, None).await?;
        let content_type = declared_mime
            .as_deref()
            .unwrap_or_else(|| mime_of(&file_name));
        let upload = Upload {
            file_name: &file_name,
            content_type,
            bytes: &bytes,
        };
        let result = ctx
            .clickup
            .create_task_attachment(&ctx.token, &task, &upload)
            .await;
        let uploaded = ctx.answer("The task", result).await?;
        let read = ctx
            .clickup
            .get_task(&ctx.token, &task, TaskReadOptions::default())
            .await;
        let reread = ctx.answer("The task", read).await?;
        let listed = attachments_of(&reread)
            .into_iter()
            .find(|a| a.id == uploaded.id);
        let mut verifier = Verifier::default();
        verifier.check(
            "attachment",
            &file_name,
            listed.as_ref().map(|a| &a.title),
            listed.is_some(),
        );
        let shown = listed.unwrap_or(uploaded);
        Ok(Output {
            attachment: AttachmentView::new(&shown, &zone),
            task_id: reread.id.to_string(),
            verified: true,
            not_applied: verifier.finish(),
        })
    }
}

/// A `url` argument: an absolute https URL without credentials, at most [`MAX_URL_LEN`]
/// characters (the host checks where it points).
fn checked_url(raw: &str) -> Result<url::Url, ToolError> {
    let refuse = |why: &str| {
        ToolError::invalid_argument(format!("`url` {why}."))
            .with_hint("Give a public https:// URL, or send the file as `content_base64`.")
    };
    if raw.len() > MAX_URL_LEN {
        return Err(refuse("is too long"));
    }
    let url = url::Url::parse(raw.trim()).map_err(|_| refuse("is not a URL"))?;
    if url.scheme() != "https" {
        return Err(refuse("must be https"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse("must not carry a user name or password"));
    }
    if url.host().is_none() {
        return Err(refuse("has no host"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_https_urls_pass_the_argument_check() {
        assert!(checked_url("https://files.example.com/a.pdf").is_ok());
        for bad in [
            "http://files.example.com/a.pdf",
            "file:///etc/passwd",
            "ftp://x/y",
            "https://u:p@files.example.com/a",
            "not a url",
        ] {
            let err = checked_url(bad).unwrap_err();
            assert!(!err.message.contains(bad), "{bad}");
        }
    }
}

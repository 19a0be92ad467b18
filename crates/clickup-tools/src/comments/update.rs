//! `clickup_comment_update`: replace a comment's text, resolve or reopen it, or assign it.
//! ClickUp's `PUT /v2/comment/{comment_id}` always replaces the text (pass the current text to
//! only resolve or assign); `resolved` and `assignee` are sent only when given. ClickUp has no
//! GET of one comment, so the result is `verified: false`.

use clickup::ids::UserId;
use clickup::models::comment::UpdateComment;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::comments::{Person, comment_id};
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;

/// `clickup_comment_update`.
#[derive(Debug)]
pub struct CommentUpdate;

/// Arguments of `clickup_comment_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// The comment (an id from `clickup_comment_list` or `clickup_comment_reply_list`).
    pub comment_id: String,
    /// The comment's new text (replaces it; plain text).
    pub text: String,
    /// true: resolve; false: reopen.
    #[serde(default)]
    pub resolved: Option<bool>,
    /// Person to assign it to.
    #[serde(default)]
    pub assignee: Option<String>,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The comment as sent.
#[derive(Debug, Serialize, JsonSchema)]
pub struct UpdatedCommentOut {
    /// Comment id.
    pub id: String,
    /// The text sent.
    pub text: String,
    /// The resolution sent, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<bool>,
    /// The assignee sent, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<Person>,
}

/// The result of `clickup_comment_update`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The change sent.
    pub comment: UpdatedCommentOut,
    /// Always false: ClickUp has no way to read one comment back.
    pub verified: bool,
    /// Always empty (nothing could be checked).
    pub not_applied: Vec<serde_json::Value>,
}

impl Tool for CommentUpdate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_comment_update",
        title: "Edit a comment",
        description: "Replace a comment's text, resolve or reopen it, or assign it. `text` is \
                      required: pass the current text to only resolve or assign. `verified` is \
                      always false.",
        tier: Tier::Free,
        toolset: Toolset::Comments,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let id = comment_id(&args.comment_id)?;
        if args.text.trim().is_empty() {
            return Err(ToolError::invalid_argument(
                "`text` is empty: ClickUp replaces the text, so pass the current text to only \
                 resolve or assign.",
            ));
        }
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let assignee = match args.assignee.as_deref() {
            Some(reference) => {
                let me = if reference.trim().eq_ignore_ascii_case("me") {
                    Some(crate::tasks::arguments::me(ctx).await?)
                } else {
                    None
                };
                Some(resolve::member(&ws, reference, me)?)
            }
            None => None,
        };
        let body = UpdateComment {
            comment_text: args.text.clone(),
            assignee: assignee.as_ref().map(|m| UserId(m.id)),
            resolved: args.resolved,
        };
        let result = ctx.clickup.update_comment(&ctx.token, &id, &body).await;
        ctx.answer("The comment", result).await?;
        Ok(Output {
            comment: UpdatedCommentOut {
                id: id.to_string(),
                text: args.text,
                resolved: args.resolved,
                assignee: assignee.map(|m| Person {
                    id: m.id.to_string(),
                    name: m.username,
                }),
            },
            verified: false,
            not_applied: Vec::new(),
        })
    }
}

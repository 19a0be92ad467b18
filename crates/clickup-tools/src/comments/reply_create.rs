//! `clickup_comment_reply_create`: reply in a comment's thread. Like a new comment, a reply
//! cannot be read back one by one (`verified: false`).

use clickup::ids::UserId;
use clickup::models::NewComment;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::comments::{Person, comment_id};
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{dates, resolve};

/// `clickup_comment_reply_create`.
#[derive(Debug)]
pub struct CommentReplyCreate;

/// Arguments of `clickup_comment_reply_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// The comment to reply to (an id from `clickup_comment_list`).
    pub comment_id: String,
    // The reply, sent as written: ClickUp's comment API does not render markdown.
    pub text: String,
    /// Person to assign the reply to.
    #[serde(default)]
    pub assignee: Option<String>,
    /// Notify everyone, you included.
    #[serde(default)]
    pub notify_all: bool,
    // Shared arguments; `timezone`: the zone of the date in the answer.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// A new reply.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ReplyOut {
    /// The reply's id.
    pub id: String,
    /// The comment replied to.
    pub parent_id: String,
    /// The text sent.
    pub text: String,
    /// Posted (ISO 8601 in the effective time zone), as ClickUp answered.
    pub date: Option<String>,
    /// Whom it was assigned to.
    pub assignee: Option<Person>,
}

/// The result of `clickup_comment_reply_create`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The reply.
    pub reply: ReplyOut,
    /// Always false: ClickUp has no way to read one comment back.
    pub verified: bool,
    /// Always empty (nothing could be checked).
    pub not_applied: Vec<serde_json::Value>,
}

impl Tool for CommentReplyCreate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_comment_reply_create",
        title: "Reply to a comment",
        description: "Reply in a comment's thread. Markdown is not rendered; `verified` is \
                      always false.",
        tier: Tier::Free,
        toolset: Toolset::Comments,
        everyday: false,
        effect: Effect::Write,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let id = comment_id(&args.comment_id)?;
        if args.text.trim().is_empty() {
            return Err(ToolError::invalid_argument("`text` is empty."));
        }
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
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
        let body = NewComment {
            comment_text: args.text.clone(),
            assignee: assignee.as_ref().map(|m| UserId(m.id)),
            group_assignee: None,
            notify_all: args.notify_all,
        };
        let created = ctx
            .clickup
            .create_comment_reply(&ctx.token, &id, &body)
            .await;
        let created = ctx.answer("The comment", created).await?;
        Ok(Output {
            reply: ReplyOut {
                id: created.id.to_string(),
                parent_id: id.to_string(),
                text: args.text,
                date: created.date.map(|d| dates::format_date(d.millis(), &zone)),
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

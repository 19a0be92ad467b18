//! `clickup_comment_reply_list`: the replies in a comment's thread, oldest first. ClickUp
//! answers the whole thread at once; the tool pages it (docs/tools.md, "Paging and cursors").

use clickup::CommentId;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{Paging, WorkspaceAndZone};
use crate::comments::comment_id;
use crate::comments::list::{CommentOut, DEFAULT_COMMENT_LIMIT};
use crate::context::ToolContext;
use crate::cursor::Page;
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::paging;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;

/// `clickup_comment_reply_list`.
#[derive(Debug)]
pub struct CommentReplyList;

/// Arguments of `clickup_comment_reply_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// The comment whose thread to read (an id from `clickup_comment_list`).
    pub comment_id: String,
    // Shared argument.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // Shared arguments; `timezone`: the zone of the dates in the answer.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
    // Shared arguments; `limit` default 25.
    #[serde(flatten)]
    pub paging: Paging,
}

impl Tool for CommentReplyList {
    type Args = Args;
    type Output = Page<CommentOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_comment_reply_list",
        title: "List replies to a comment",
        description: "The replies in a comment's thread, oldest first.",
        tier: Tier::Free,
        toolset: Toolset::Comments,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<CommentOut>, ToolError> {
        let id: CommentId = comment_id(&args.comment_id)?;
        let filters = json!({
            "comment_id": id.to_string(), "detail_level": args.detail_level,
            "timezone": args.workspace.timezone,
        });
        let (cursor, limit) = (args.paging.cursor.as_deref(), args.paging.limit);
        paging::check(ctx, &filters, cursor, limit, DEFAULT_COMMENT_LIMIT)?;
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let replies = ctx.clickup.get_comment_replies(&ctx.token, &id).await;
        let replies = ctx.answer("The comment", replies).await?;
        let items = replies
            .iter()
            .map(|c| CommentOut::new(c, args.detail_level, &zone))
            .collect();
        paging::slice(ctx, &filters, cursor, limit, DEFAULT_COMMENT_LIMIT, items)
    }
}

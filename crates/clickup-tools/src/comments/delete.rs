//! `clickup_comment_delete`: delete a comment (a task, list or chat-view comment, or a reply);
//! its replies go with it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::comments::comment_id;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;

/// `clickup_comment_delete`.
#[derive(Debug)]
pub struct CommentDelete;

/// Arguments of `clickup_comment_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// The comment (an id from `clickup_comment_list` or `clickup_comment_reply_list`).
    pub comment_id: String,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// What was deleted.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Deleted {
    /// Always true.
    pub ok: bool,
    /// The deleted comment's id.
    pub id: String,
}

impl Tool for CommentDelete {
    type Args = Args;
    type Output = Deleted;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_comment_delete",
        title: "Delete a comment",
        description: "Delete a comment or a reply, with the replies in its thread.",
        tier: Tier::Free,
        toolset: Toolset::Comments,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Deleted, ToolError> {
        let id = comment_id(&args.comment_id)?;
        // The comment's path names no workspace; a `workspace_id` given is still checked.
        resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let result = ctx.clickup.delete_comment(&ctx.token, &id).await;
        ctx.answer("The comment", result).await?;
        Ok(Deleted {
            ok: true,
            id: id.to_string(),
        })
    }
}

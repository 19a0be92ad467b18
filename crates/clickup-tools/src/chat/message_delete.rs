//! `clickup_chat_message_delete`: delete a chat message (with its thread).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::chat::{answer_or_permission, message_id};
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_chat_message_delete`.
#[derive(Debug)]
pub struct ChatMessageDelete;

/// Arguments of `clickup_chat_message_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Message id.
    pub message_id: String,
    // Shared argument (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The result of `clickup_chat_message_delete`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// Always true when the call succeeds.
    pub ok: bool,
    /// The deleted message's id.
    pub id: String,
}

impl Tool for ChatMessageDelete {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_chat_message_delete",
        title: "Delete a chat message",
        description: "Delete a chat message or reply. Chat API v3 (experimental at ClickUp).",
        tier: Tier::Premium,
        toolset: Toolset::Chat,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let message = message_id("message_id", &args.message_id)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let result = ctx
            .clickup
            .delete_chat_message(&ctx.token, &team, &message)
            .await;
        answer_or_permission(
            ctx,
            "The message",
            result,
            "Only its author, the channel's creator or a workspace owner or admin can delete a message.",
        )
        .await?;
        Ok(Output {
            ok: true,
            id: message.as_str().to_owned(),
        })
    }
}

//! `clickup_chat_channel_delete`: delete a chat channel with its messages.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::chat::{answer_or_permission, channel_id};
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_chat_channel_delete`.
#[derive(Debug)]
pub struct ChatChannelDelete;

/// Arguments of `clickup_chat_channel_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Channel id.
    pub channel_id: String,
    // Shared argument (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The result of `clickup_chat_channel_delete`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// Always true when the call succeeds.
    pub ok: bool,
    /// The deleted channel's id.
    pub id: String,
}

impl Tool for ChatChannelDelete {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_chat_channel_delete",
        title: "Delete a chat channel",
        description: "Delete a chat channel and its messages. Chat API v3 (experimental at \
                      ClickUp).",
        tier: Tier::Premium,
        toolset: Toolset::Chat,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let channel = channel_id(&args.channel_id)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let result = ctx
            .clickup
            .delete_chat_channel(&ctx.token, &team, &channel)
            .await;
        answer_or_permission(
            ctx,
            "The channel",
            result,
            "Only the channel's creator or a workspace owner or admin can delete it.",
        )
        .await?;
        Ok(Output {
            ok: true,
            id: channel.as_str().to_owned(),
        })
    }
}

//! `clickup_chat_channel_get`: one chat channel or DM.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::chat::{ChannelOut, channel_id};
use crate::context::ToolContext;
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_chat_channel_get`.
#[derive(Debug)]
pub struct ChatChannelGet;

/// Arguments of `clickup_chat_channel_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Channel id (from clickup_chat_channel_list).
    pub channel_id: String,
    // Shared argument.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for ChatChannelGet {
    type Args = Args;
    type Output = ChannelOut;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_chat_channel_get",
        title: "Get a chat channel",
        description: "One chat channel or DM. Chat API v3 (experimental at ClickUp).",
        tier: Tier::Premium,
        toolset: Toolset::Chat,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<ChannelOut, ToolError> {
        let channel = channel_id(&args.channel_id)?;
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let found = ctx
            .clickup
            .get_chat_channel(&ctx.token, &team, &channel)
            .await;
        let found = ctx.answer("The channel", found).await?;
        Ok(ChannelOut::new(&found, &ws, args.detail_level, &zone))
    }
}

//! `clickup_chat_channel_list`: the channels, DMs and group DMs the caller can see.

use clickup::models::chat::ChannelFilter;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{Paging, WorkspaceAndZone};
use crate::chat::{ChannelOut, FIRST_PAGE, chat_page, chat_paging};
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page};
use crate::dates::{Bound, DateArg};
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_chat_channel_list`.
#[derive(Debug)]
pub struct ChatChannelList;

/// A kind of room.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RoomType {
    /// A named channel.
    Channel,
    /// A DM.
    Dm,
    /// A group DM.
    GroupDm,
}

impl RoomType {
    fn as_str(self) -> &'static str {
        match self {
            RoomType::Channel => "CHANNEL",
            RoomType::Dm => "DM",
            RoomType::GroupDm => "GROUP_DM",
        }
    }
}

/// Arguments of `clickup_chat_channel_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Only these kinds; default all.
    #[serde(default)]
    pub room_types: Vec<RoomType>,
    /// Only channels you follow.
    #[serde(default)]
    pub is_follower: Option<bool>,
    /// Include DMs you closed.
    #[serde(default)]
    pub include_hidden: Option<bool>,
    /// Only channels with a message since then.
    #[serde(default)]
    pub with_comment_since: Option<DateArg>,
    // Shared argument.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
    // Shared arguments.
    #[serde(flatten)]
    pub paging: Paging,
}

impl Tool for ChatChannelList {
    type Args = Args;
    type Output = Page<ChannelOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_chat_channel_list",
        title: "List chat channels",
        description: "Chat channels and DMs you can see, with their ids. ClickUp Chat API v3 \
                      (experimental at ClickUp).",
        tier: Tier::Premium,
        toolset: Toolset::Chat,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<ChannelOut>, ToolError> {
        let filters = json!({
            "room_types": args.room_types, "is_follower": args.is_follower,
            "include_hidden": args.include_hidden, "with_comment_since": args.with_comment_since.as_ref().map(|d| match d {
                DateArg::Millis(ms) => json!(ms),
                DateArg::Text(text) => json!(text),
            }),
            "detail_level": args.detail_level, "workspace_id": args.workspace.workspace_id,
            "timezone": args.workspace.timezone,
        });
        let pager = ctx.pager(
            &filters,
            args.paging.cursor.as_deref(),
            args.paging.limit,
            DEFAULT_LIMIT,
            FIRST_PAGE,
        )?;
        let reader = ctx.date_reader_at(args.workspace.timezone.as_deref(), pager.started_ms())?;
        let since = args
            .with_comment_since
            .as_ref()
            .map(|d| reader.parse_bound("with_comment_since", d, Bound::After))
            .transpose()?;
        let paging = chat_paging(&pager)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let filter = ChannelFilter {
            room_types: args
                .room_types
                .iter()
                .map(|t| t.as_str().to_owned())
                .collect(),
            is_follower: args.is_follower,
            include_hidden: args.include_hidden,
            with_comment_since: since,
        };
        let page = ctx
            .clickup
            .get_chat_channels(&ctx.token, &team, &filter, &paging)
            .await;
        let page = ctx.answer("The workspace's chat", page).await?;
        let zone = reader.zone().clone();
        chat_page(&pager, &page, |c| {
            ChannelOut::new(c, &ws, args.detail_level, &zone)
        })
    }
}

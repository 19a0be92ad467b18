//! `clickup_chat_message_list`: a channel's messages (newest first), or the replies in a
//! message's thread (oldest first).

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{Paging, WorkspaceAndZone};
use crate::chat::{FIRST_PAGE, MessageOut, channel_id, chat_page, chat_paging, message_id};
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page};
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_chat_message_list`.
#[derive(Debug)]
pub struct ChatMessageList;

/// Arguments of `clickup_chat_message_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Channel id: its messages.
    #[serde(default)]
    pub channel_id: Option<String>,
    /// Message id: the replies in its thread.
    #[serde(default)]
    pub parent_message_id: Option<String>,
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

impl Tool for ChatMessageList {
    type Args = Args;
    type Output = Page<MessageOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_chat_message_list",
        title: "List chat messages",
        description: "A chat channel's messages, newest first (`channel_id`), or the replies to \
                      a message, oldest first (`parent_message_id`). Chat API v3 (experimental \
                      at ClickUp).",
        tier: Tier::Premium,
        toolset: Toolset::Chat,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<MessageOut>, ToolError> {
        if args.channel_id.is_some() == args.parent_message_id.is_some() {
            return Err(ToolError::invalid_argument(
                "Give exactly one of `channel_id` (its messages) and `parent_message_id` (the replies to that message).",
            ));
        }
        let filters = json!({
            "channel_id": args.channel_id, "parent_message_id": args.parent_message_id,
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
        let paging = chat_paging(&pager)?;
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let page = match (&args.channel_id, &args.parent_message_id) {
            (Some(channel), _) => {
                let channel = channel_id(channel)?;
                let result = ctx
                    .clickup
                    .get_chat_messages(&ctx.token, &team, &channel, &paging)
                    .await;
                ctx.answer("The channel", result).await?
            }
            (None, Some(parent)) => {
                let parent = message_id("parent_message_id", parent)?;
                let result = ctx
                    .clickup
                    .get_chat_message_replies(&ctx.token, &team, &parent, &paging)
                    .await;
                ctx.answer("The message", result).await?
            }
            (None, None) => return Err(ToolError::invalid_argument("Give `channel_id`.")),
        };
        chat_page(&pager, &page, |m| {
            MessageOut::new(m, &ws, args.detail_level, &zone)
        })
    }
}

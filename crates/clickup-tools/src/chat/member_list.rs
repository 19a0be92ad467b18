//! `clickup_chat_channel_member_list`: the members or followers of a chat channel.

use clickup::models::chat::ChatUser;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{InWorkspace, Paging};
use crate::chat::{FIRST_PAGE, channel_id, chat_page, chat_paging};
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_chat_channel_member_list`.
#[derive(Debug)]
pub struct ChatChannelMemberList;

/// Which people of a channel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Its members (default).
    #[default]
    Members,
    /// Who follows it.
    Followers,
}

/// Arguments of `clickup_chat_channel_member_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Channel id.
    pub channel_id: String,
    #[serde(default)]
    pub role: Role,
    // Shared argument (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
    // Shared arguments.
    #[serde(flatten)]
    pub paging: Paging,
}

/// A member or follower.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChannelMember {
    /// ClickUp user id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Email.
    pub email: Option<String>,
}

impl From<&ChatUser> for ChannelMember {
    fn from(user: &ChatUser) -> Self {
        Self {
            id: user.id.clone(),
            name: user.name.clone().or_else(|| user.username.clone()),
            email: user.email.clone().filter(|e| !e.is_empty()),
        }
    }
}

impl Tool for ChatChannelMemberList {
    type Args = Args;
    type Output = Page<ChannelMember>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_chat_channel_member_list",
        title: "List chat channel members",
        description: "The members (or, with `role: followers`, the followers) of a chat channel. \
                      Chat API v3 (experimental at ClickUp).",
        tier: Tier::Premium,
        toolset: Toolset::Chat,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<ChannelMember>, ToolError> {
        let channel = channel_id(&args.channel_id)?;
        let filters = json!({
            "channel_id": args.channel_id, "role": args.role,
            "workspace_id": args.workspace.workspace_id,
        });
        let pager = ctx.pager(
            &filters,
            args.paging.cursor.as_deref(),
            args.paging.limit,
            DEFAULT_LIMIT,
            FIRST_PAGE,
        )?;
        let paging = chat_paging(&pager)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let result = match args.role {
            Role::Members => {
                ctx.clickup
                    .get_chat_channel_members(&ctx.token, &team, &channel, &paging)
                    .await
            }
            Role::Followers => {
                ctx.clickup
                    .get_chat_channel_followers(&ctx.token, &team, &channel, &paging)
                    .await
            }
        };
        let page = ctx.answer("The channel", result).await?;
        chat_page(&pager, &page, |u| ChannelMember::from(u))
    }
}

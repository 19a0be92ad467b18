//! `clickup_chat_reaction_list`: the reactions on a chat message.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{Paging, WorkspaceAndZone};
use crate::chat::{FIRST_PAGE, ReactionOut, chat_page, chat_paging, message_id};
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_chat_reaction_list`.
#[derive(Debug)]
pub struct ChatReactionList;

/// Arguments of `clickup_chat_reaction_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Message id.
    pub message_id: String,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
    // Shared arguments.
    #[serde(flatten)]
    pub paging: Paging,
}

impl Tool for ChatReactionList {
    type Args = Args;
    type Output = Page<ReactionOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_chat_reaction_list",
        title: "List reactions",
        description: "The emoji reactions on a chat message, and who reacted. Chat API v3 \
                      (experimental at ClickUp).",
        tier: Tier::Premium,
        toolset: Toolset::Chat,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<ReactionOut>, ToolError> {
        let message = message_id("message_id", &args.message_id)?;
        let filters = json!({
            "message_id": args.message_id, "workspace_id": args.workspace.workspace_id,
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
        let result = ctx
            .clickup
            .get_chat_message_reactions(&ctx.token, &team, &message, &paging)
            .await;
        let page = ctx.answer("The message", result).await?;
        chat_page(&pager, &page, |r| ReactionOut::new(r, &ws, &zone))
    }
}

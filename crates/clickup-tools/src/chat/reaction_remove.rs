//! `clickup_chat_reaction_remove`: take your reaction off a chat message. Idempotent: a
//! reaction that is not there is reported (`removed: false`), not refused.

use clickup::ErrorKind;
use clickup::models::chat::ChatPaging;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::chat::{message_id, reaction_name};
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_chat_reaction_remove`.
#[derive(Debug)]
pub struct ChatReactionRemove;

/// Arguments of `clickup_chat_reaction_remove`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Message id.
    pub message_id: String,
    /// Emoji name.
    pub reaction: String,
    // Shared argument (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The result of `clickup_chat_reaction_remove`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// Always true when the call succeeds.
    pub ok: bool,
    /// The message.
    pub message_id: String,
    /// The reaction.
    pub reaction: String,
    /// `false`: you had not reacted so.
    pub removed: bool,
}

impl Tool for ChatReactionRemove {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_chat_reaction_remove",
        title: "Remove a reaction",
        description: "Take your emoji reaction off a chat message. Chat API v3 (experimental at \
                      ClickUp).",
        tier: Tier::Premium,
        toolset: Toolset::Chat,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let message = message_id("message_id", &args.message_id)?;
        let reaction = reaction_name(&args.reaction)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let result = ctx
            .clickup
            .delete_chat_reaction(&ctx.token, &team, &message, &reaction)
            .await;
        let removed = match result {
            Ok(()) => true,
            Err(err) if err.kind() == ErrorKind::NotFound => {
                // 404 is either the message or the reaction: the message's reactions tell.
                let paging = ChatPaging {
                    cursor: None,
                    limit: Some(1),
                };
                let check = ctx
                    .clickup
                    .get_chat_message_reactions(&ctx.token, &team, &message, &paging)
                    .await;
                if check.is_err() {
                    return Err(ctx.clickup_error(err, "The message").await);
                }
                false
            }
            Err(err) => return Err(ctx.clickup_error(err, "The message").await),
        };
        Ok(Output {
            ok: true,
            message_id: message.as_str().to_owned(),
            reaction: reaction.as_str().to_owned(),
            removed,
        })
    }
}

//! `clickup_chat_reaction_add`: react to a chat message with an emoji name. Idempotent: a
//! reaction already there is reported (`added: false`), not refused.

use clickup::ErrorKind;
use clickup::ids::{ChatMessageId, TeamId};
use clickup::models::chat::{ChatPaging, ChatReaction, MAX_CHAT_PAGE};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::chat::{message_id, reaction_name};
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::tasks::arguments::me;
use crate::toolsets::Toolset;
use crate::verify::NotApplied;
use crate::{ids, resolve};

/// `clickup_chat_reaction_add`.
#[derive(Debug)]
pub struct ChatReactionAdd;

/// Arguments of `clickup_chat_reaction_add`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Message id.
    pub message_id: String,
    /// Emoji name, e.g. `thumbsup`, `tada`, `heart`.
    pub reaction: String,
    // Shared argument (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The result of `clickup_chat_reaction_add`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// Always true when the call succeeds.
    pub ok: bool,
    /// The message.
    pub message_id: String,
    /// The reaction, as sent.
    pub reaction: String,
    /// `false`: you had already reacted so.
    pub added: bool,
    /// Whether the reactions were read back.
    pub verified: bool,
    /// The reaction, when the read-back does not show it.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for ChatReactionAdd {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_chat_reaction_add",
        title: "React to a message",
        description: "React to a chat message with an emoji name (`thumbsup`). Chat API v3 \
                      (experimental at ClickUp).",
        tier: Tier::Premium,
        toolset: Toolset::Chat,
        everyday: false,
        effect: Effect::WriteIdempotent,
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
            .create_chat_reaction(&ctx.token, &team, &message, &reaction)
            .await;
        let added = match result {
            Ok(_) => true,
            Err(err) if err.kind() == ErrorKind::InvalidArgument => {
                // ClickUp refuses a reaction that exists, as it refuses an unknown one.
                let me = me(ctx).await?.to_string();
                let mine = reactions(ctx, &team, &message).await.is_ok_and(|all| {
                    all.iter().any(|r| {
                        r.reaction == reaction.as_str() && r.user_id.as_deref() == Some(me.as_str())
                    })
                });
                if !mine {
                    return Err(ctx.clickup_error(err, "The reaction").await.with_hint(
                        "Use an emoji name such as `thumbsup`, `heart`, `tada` or `eyes`.",
                    ));
                }
                false
            }
            Err(err) => return Err(ctx.clickup_error(err, "The message").await),
        };
        let mut output = Output {
            ok: true,
            message_id: message.as_str().to_owned(),
            reaction: reaction.as_str().to_owned(),
            added,
            verified: !added,
            not_applied: Vec::new(),
        };
        if added {
            let me = me(ctx).await?.to_string();
            if let Ok(all) = reactions(ctx, &team, &message).await {
                output.verified = true;
                let there = all.iter().any(|r| {
                    r.reaction == reaction.as_str() && r.user_id.as_deref() == Some(me.as_str())
                });
                if !there {
                    output.not_applied.push(NotApplied {
                        field: "reaction".into(),
                        requested: Value::from(reaction.as_str()),
                        actual: Value::from(
                            all.iter().map(|r| r.reaction.clone()).collect::<Vec<_>>(),
                        ),
                    });
                }
            }
        }
        Ok(output)
    }
}

/// The first 100 reactions on a message.
async fn reactions(
    ctx: &ToolContext,
    team: &TeamId,
    message: &ChatMessageId,
) -> Result<Vec<ChatReaction>, clickup::ClickUpError> {
    let paging = ChatPaging {
        cursor: None,
        limit: Some(MAX_CHAT_PAGE),
    };
    ctx.clickup
        .get_chat_message_reactions(&ctx.token, team, message, &paging)
        .await
        .map(|page| page.data)
}

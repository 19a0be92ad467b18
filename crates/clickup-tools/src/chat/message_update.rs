//! `clickup_chat_message_update`: edit, resolve or reassign a message. ClickUp has no read of
//! one message: what it answers is checked instead (`verified: false`).

use clickup::models::chat::{ChatMessageUpdate as MessageChanges, MARKDOWN};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::chat::{MessageOut, answer_or_permission, message_id};
use crate::context::ToolContext;
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::tasks::arguments::people;
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};
use crate::{ids, resolve};

/// The longest message ClickUp takes, in characters.
const MAX_CONTENT: usize = 40_000;

/// `clickup_chat_message_update`.
#[derive(Debug)]
pub struct ChatMessageUpdate;

/// Arguments of `clickup_chat_message_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Message id.
    pub message_id: String,
    /// New markdown content (your own messages only).
    #[serde(default)]
    pub content: Option<String>,
    /// Resolve (true) or reopen an assigned message.
    #[serde(default)]
    pub resolved: Option<bool>,
    /// A person to assign it to.
    #[serde(default)]
    pub assignee: Option<String>,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// The result of `clickup_chat_message_update`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The message, as ClickUp answered it.
    pub message: MessageOut,
    /// Always false: ClickUp has no read of one message.
    pub verified: bool,
    /// Requested values ClickUp's answer does not show.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for ChatMessageUpdate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_chat_message_update",
        title: "Update a chat message",
        description: "Edit a chat message's content, resolve or reopen it, or reassign it. Chat \
                      API v3 (experimental at ClickUp).",
        tier: Tier::Premium,
        toolset: Toolset::Chat,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let message = message_id("message_id", &args.message_id)?;
        if args.content.is_none() && args.resolved.is_none() && args.assignee.is_none() {
            return Err(ToolError::invalid_argument(
                "Nothing to change: give `content`, `resolved` or `assignee`.",
            ));
        }
        if let Some(content) = &args.content
            && (content.trim().is_empty() || content.chars().count() > MAX_CONTENT)
        {
            return Err(ToolError::invalid_argument(format!(
                "`content` must hold 1 to {MAX_CONTENT} characters."
            )));
        }
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let assignee = match &args.assignee {
            Some(reference) => people(ctx, &ws, std::slice::from_ref(reference))
                .await?
                .first()
                .map(u64::to_string),
            None => None,
        };
        let update = MessageChanges {
            content: args.content.clone(),
            content_format: args.content.as_ref().map(|_| MARKDOWN),
            resolved: args.resolved,
            assignee: assignee.clone(),
            group_assignee: None,
        };
        let result = ctx
            .clickup
            .update_chat_message(&ctx.token, &team, &message, &update)
            .await;
        let after = answer_or_permission(
            ctx,
            "The message",
            result,
            "Only a message's author can change its content; anyone in the channel can resolve or assign it.",
        )
        .await?;
        let mut verifier = Verifier::default();
        if let Some(content) = &args.content {
            verifier.check(
                "content",
                content,
                &after.content,
                content.trim() == after.content.trim(),
            );
        }
        if let Some(resolved) = args.resolved {
            verifier.same("resolved", resolved, after.resolved);
        }
        if let Some(assignee) = assignee {
            let applied = after.assignee.as_deref() == Some(assignee.as_str());
            verifier.check(
                "assignee",
                assignee,
                after.assignee.clone().map_or(Value::Null, Value::from),
                applied,
            );
        }
        Ok(Output {
            message: MessageOut::new(&after, &ws, DetailLevel::Summary, &zone),
            verified: false,
            not_applied: verifier.finish(),
        })
    }
}

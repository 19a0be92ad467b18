//! `clickup_chat_message_create`: send a message or post to a channel, or reply in a thread.
//! ClickUp has no read of one message, so the answer is ClickUp's own (`verified: false`).

use clickup::models::chat::{MARKDOWN, NewChatMessage, PostData, PostSubtype};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::chat::{MessageOut, channel_id, message_id};
use crate::context::ToolContext;
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::tasks::arguments::people;
use crate::toolsets::Toolset;
use crate::verify::NotApplied;
use crate::{ids, resolve};

/// The longest message ClickUp takes, in characters; the longest post title; most followers.
const MAX_CONTENT: usize = 40_000;
const MAX_TITLE: usize = 255;
const MAX_FOLLOWERS: usize = 10;

/// `clickup_chat_message_create`.
#[derive(Debug)]
pub struct ChatMessageCreate;

/// A message or a post.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MessageType {
    /// A chat message (default).
    #[default]
    Message,
    /// A post: needs `post_title` and `post_subtype_id`.
    Post,
}

/// Arguments of `clickup_chat_message_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Markdown.
    pub content: String,
    /// Channel id to post in (or `reply_to`).
    #[serde(default)]
    pub channel_id: Option<String>,
    /// Message id to reply to, in its thread.
    #[serde(default)]
    pub reply_to: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: MessageType,
    #[serde(default)]
    pub post_title: Option<String>,
    /// Post subtype id (shown in ClickUp's UI).
    #[serde(default)]
    pub post_subtype_id: Option<String>,
    /// A person to assign the message to.
    #[serde(default)]
    pub assignee: Option<String>,
    /// A user group id to assign it to.
    #[serde(default)]
    pub group_assignee: Option<String>,
    /// Up to 10 people to follow it.
    #[serde(default)]
    pub followers: Vec<String>,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// The result of `clickup_chat_message_create`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The message, as ClickUp answered it.
    pub message: MessageOut,
    /// Always false: ClickUp has no read of one message.
    pub verified: bool,
    /// Requested values ClickUp's answer does not show.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for ChatMessageCreate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_chat_message_create",
        title: "Send a chat message",
        description: "Send a message or post to a chat channel (`channel_id`), or reply in a \
                      message's thread (`reply_to`). Chat API v3 (experimental at ClickUp).",
        tier: Tier::Premium,
        toolset: Toolset::Chat,
        everyday: false,
        effect: Effect::Write,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        if args.channel_id.is_some() == args.reply_to.is_some() {
            return Err(ToolError::invalid_argument(
                "Give exactly one of `channel_id` (a new message) and `reply_to` (a reply in that message's thread).",
            ));
        }
        if args.content.trim().is_empty() || args.content.chars().count() > MAX_CONTENT {
            return Err(ToolError::invalid_argument(format!(
                "`content` must hold 1 to {MAX_CONTENT} characters."
            )));
        }
        if args.followers.len() > MAX_FOLLOWERS {
            return Err(ToolError::invalid_argument(format!(
                "`followers` may name at most {MAX_FOLLOWERS} people."
            )));
        }
        let post_data = post_data(&args)?;
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
        let followers = people(ctx, &ws, &args.followers)
            .await?
            .iter()
            .map(u64::to_string)
            .collect();
        let body = NewChatMessage {
            kind: match args.kind {
                MessageType::Message => "message",
                MessageType::Post => "post",
            },
            content: args.content.clone(),
            content_format: MARKDOWN,
            assignee: assignee.clone(),
            group_assignee: args.group_assignee.clone(),
            followers,
            post_data,
        };
        let sent = match (&args.channel_id, &args.reply_to) {
            (Some(channel), _) => {
                let channel = channel_id(channel)?;
                let result = ctx
                    .clickup
                    .create_chat_message(&ctx.token, &team, &channel, &body)
                    .await;
                ctx.answer("The channel", result).await?
            }
            (None, Some(parent)) => {
                let parent = message_id("reply_to", parent)?;
                let result = ctx
                    .clickup
                    .create_reply_message(&ctx.token, &team, &parent, &body)
                    .await;
                ctx.answer("The message", result).await?
            }
            (None, None) => return Err(ToolError::invalid_argument("Give `channel_id`.")),
        };
        let mut not_applied = Vec::new();
        if let Some(assignee) = assignee
            && sent.assignee.as_deref() != Some(assignee.as_str())
        {
            not_applied.push(NotApplied {
                field: "assignee".into(),
                requested: assignee.into(),
                actual: sent.assignee.clone().into(),
            });
        }
        Ok(Output {
            message: MessageOut::new(&sent, &ws, DetailLevel::Summary, &zone),
            verified: false,
            not_applied,
        })
    }
}

/// A post's title and subtype: both for `type: post`, neither otherwise.
fn post_data(args: &Args) -> Result<Option<PostData>, ToolError> {
    match (args.kind, &args.post_title, &args.post_subtype_id) {
        (MessageType::Post, Some(title), Some(subtype))
            if !title.trim().is_empty() && !subtype.trim().is_empty() =>
        {
            if title.chars().count() > MAX_TITLE {
                return Err(ToolError::invalid_argument(format!(
                    "`post_title` may hold at most {MAX_TITLE} characters."
                )));
            }
            Ok(Some(PostData {
                title: title.trim().to_owned(),
                subtype: PostSubtype {
                    id: subtype.trim().to_owned(),
                },
            }))
        }
        (MessageType::Post, _, _) => Err(ToolError::invalid_argument(
            "A post needs `post_title` and `post_subtype_id` (the subtype id is shown in ClickUp's UI).",
        )),
        (MessageType::Message, None, None) => Ok(None),
        (MessageType::Message, _, _) => Err(ToolError::invalid_argument(
            "`post_title` and `post_subtype_id` go with `type: post`.",
        )),
    }
}

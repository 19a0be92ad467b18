//! `clickup_chat_channel_update`: rename, describe, move or change the visibility of a channel.

use clickup::models::chat::{ChannelLocation, ChannelUpdate, MARKDOWN};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::chat::{
    ChannelOut, Visibility, answer_or_permission, channel_id, check_channel, place_of,
};
use crate::context::ToolContext;
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::verify::NotApplied;
use crate::{ids, resolve};

/// `clickup_chat_channel_update`.
#[derive(Debug)]
pub struct ChatChannelUpdate;

/// Arguments of `clickup_chat_channel_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Channel id.
    pub channel_id: String,
    #[serde(default)]
    pub name: Option<String>,
    /// Markdown.
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub topic: Option<String>,
    #[serde(default)]
    pub visibility: Option<Visibility>,
    /// A space, folder or list to move the channel to.
    #[serde(default)]
    pub location: Option<String>,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// The result of `clickup_chat_channel_update`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The channel, as read back.
    pub channel: ChannelOut,
    /// Whether the channel was read back.
    pub verified: bool,
    /// Requested values the channel does not have.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for ChatChannelUpdate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_chat_channel_update",
        title: "Update a chat channel",
        description: "Rename, describe, move (`location`) or change the visibility of a chat \
                      channel; what is not given stays. Chat API v3 (experimental at ClickUp).",
        tier: Tier::Premium,
        toolset: Toolset::Chat,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let channel = channel_id(&args.channel_id)?;
        if args.name.is_none()
            && args.description.is_none()
            && args.topic.is_none()
            && args.visibility.is_none()
            && args.location.is_none()
        {
            return Err(ToolError::invalid_argument(
                "Nothing to change: give `name`, `description`, `topic`, `visibility` or `location`.",
            ));
        }
        if args.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
            return Err(ToolError::invalid_argument("`name` cannot be empty."));
        }
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let location = match args.location.as_deref() {
            Some(reference) => {
                let place = resolve::location(ctx, &ws, reference, None).await?;
                Some(ChannelLocation {
                    id: place.id,
                    kind: place_of(place.kind).to_owned(),
                })
            }
            None => None,
        };
        let texts = args.description.is_some() || args.topic.is_some();
        let update = ChannelUpdate {
            name: args.name.as_deref().map(|n| n.trim().to_owned()),
            description: args.description.clone(),
            topic: args.topic.clone(),
            visibility: args.visibility.map(|v| v.as_str().to_owned()),
            location: location.clone(),
            content_format: texts.then_some(MARKDOWN),
        };
        let result = ctx
            .clickup
            .update_chat_channel(&ctx.token, &team, &channel, &update)
            .await;
        let answered = answer_or_permission(
            ctx,
            "The channel",
            result,
            "Changing a channel needs its membership (private channels) and the workspace's permission to manage channels.",
        )
        .await?;
        let Ok(after) = ctx
            .clickup
            .get_chat_channel(&ctx.token, &team, &channel)
            .await
        else {
            return Ok(Output {
                channel: ChannelOut::new(&answered, &ws, DetailLevel::Full, &zone),
                verified: false,
                not_applied: Vec::new(),
            });
        };
        let mut not_applied = check_channel(
            &after,
            args.name.as_deref().map(str::trim),
            args.description.as_deref(),
            args.topic.as_deref(),
            args.visibility,
        );
        let shown = ChannelOut::new(&after, &ws, DetailLevel::Full, &zone);
        if let Some(location) = location {
            let moved = shown
                .location
                .as_ref()
                .is_some_and(|p| p.id == location.id && p.kind == location.kind);
            if !moved {
                not_applied.push(NotApplied {
                    field: "location".into(),
                    requested: Value::from(location.id),
                    actual: shown
                        .location
                        .as_ref()
                        .map_or(Value::Null, |p| Value::from(p.id.clone())),
                });
            }
        }
        Ok(Output {
            channel: shown,
            verified: true,
            not_applied,
        })
    }
}

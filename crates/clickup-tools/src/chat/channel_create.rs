//! `clickup_chat_channel_create`: a named channel, or the channel of a space, folder or list.
//! ClickUp answers an existing one (same name, or the location's channel) instead of making
//! a second: `created: false`.

use clickup::models::chat::{ChannelLocation, NewChannel, NewLocationChannel};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::chat::{ChannelOut, Visibility, channel_id, check_channel, place_of};
use crate::context::ToolContext;
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::tasks::arguments::people;
use crate::toolsets::Toolset;
use crate::verify::NotApplied;
use crate::{ids, resolve};

/// `clickup_chat_channel_create`.
#[derive(Debug)]
pub struct ChatChannelCreate;

/// Arguments of `clickup_chat_channel_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Name of a new channel (or give `location`).
    #[serde(default)]
    pub name: Option<String>,
    /// A space, folder or list: make (or get) its channel.
    #[serde(default)]
    pub location: Option<String>,
    /// Markdown.
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub topic: Option<String>,
    #[serde(default)]
    pub visibility: Option<Visibility>,
    /// People to add (you are added anyway).
    #[serde(default)]
    pub members: Vec<String>,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// The result of `clickup_chat_channel_create`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The channel, as read back.
    pub channel: ChannelOut,
    /// `false`: it existed already and ClickUp returned it unchanged.
    pub created: bool,
    /// Whether the channel was read back.
    pub verified: bool,
    /// Requested values the channel does not have.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for ChatChannelCreate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_chat_channel_create",
        title: "Create a chat channel",
        description: "Create a chat channel (`name`), or the channel of a space, folder or list \
                      (`location`). An existing one is returned (`created: false`). Chat API v3 \
                      (experimental at ClickUp).",
        tier: Tier::Premium,
        toolset: Toolset::Chat,
        everyday: false,
        effect: Effect::Write,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let name = args.name.as_deref().map(str::trim);
        if name.is_some() == args.location.is_some() || name.is_some_and(str::is_empty) {
            return Err(ToolError::invalid_argument(
                "Give exactly one of `name` (a new channel) and `location` (a space's, folder's or list's channel).",
            ));
        }
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let user_ids: Vec<String> = people(ctx, &ws, &args.members)
            .await?
            .into_iter()
            .map(|id| id.to_string())
            .collect();
        let visibility = args.visibility.map(|v| v.as_str().to_owned());
        let result = match (name, args.location.as_deref()) {
            (Some(name), _) => {
                let body = NewChannel {
                    name: name.to_owned(),
                    description: args.description.clone(),
                    topic: args.topic.clone(),
                    user_ids,
                    visibility,
                };
                ctx.clickup
                    .create_chat_channel(&ctx.token, &team, &body)
                    .await
            }
            (None, Some(reference)) => {
                let place = resolve::location(ctx, &ws, reference, None).await?;
                let body = NewLocationChannel {
                    location: ChannelLocation {
                        id: place.id.clone(),
                        kind: place_of(place.kind).to_owned(),
                    },
                    description: args.description.clone(),
                    topic: args.topic.clone(),
                    user_ids,
                    visibility,
                };
                ctx.clickup
                    .create_location_chat_channel(&ctx.token, &team, &body)
                    .await
            }
            (None, None) => return Err(ToolError::invalid_argument("Give `name` or `location`.")),
        };
        let created = ctx.answer("The location", result).await?;
        let id = channel_id(&created.channel.id)?;
        let after = ctx.clickup.get_chat_channel(&ctx.token, &team, &id).await;
        let Ok(after) = after else {
            return Ok(Output {
                channel: ChannelOut::new(&created.channel, &ws, DetailLevel::Full, &zone),
                created: created.created,
                verified: false,
                not_applied: Vec::new(),
            });
        };
        let not_applied = check_channel(
            &after,
            name,
            args.description.as_deref(),
            args.topic.as_deref(),
            args.visibility,
        );
        Ok(Output {
            channel: ChannelOut::new(&after, &ws, DetailLevel::Full, &zone),
            created: created.created,
            verified: true,
            not_applied,
        })
    }
}

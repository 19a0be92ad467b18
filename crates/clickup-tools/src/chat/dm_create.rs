//! `clickup_chat_dm_create`: open a DM or group DM (or get the one of exactly these people).

use clickup::models::chat::{ChatPaging, MAX_CHAT_PAGE, NewDirectMessage};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::chat::{ChannelOut, channel_id};
use crate::context::ToolContext;
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::tasks::arguments::people;
use crate::toolsets::Toolset;
use crate::verify::NotApplied;
use crate::{ids, resolve};

/// The most people a DM may name besides the caller.
const MAX_DM_PEOPLE: usize = 10;

/// `clickup_chat_dm_create`.
#[derive(Debug)]
pub struct ChatDmCreate;

/// Arguments of `clickup_chat_dm_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Up to 10 people; none: a DM with yourself.
    #[serde(default)]
    pub members: Vec<String>,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// The result of `clickup_chat_dm_create`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The DM.
    pub channel: ChannelOut,
    /// `false`: the DM existed and ClickUp returned it.
    pub created: bool,
    /// Whether its members were read back.
    pub verified: bool,
    /// Requested people who are not members.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for ChatDmCreate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_chat_dm_create",
        title: "Open a chat DM",
        description: "Open a DM or group DM with up to 10 people (none: yourself); an existing \
                      one is returned. Chat API v3 (experimental at ClickUp).",
        tier: Tier::Premium,
        toolset: Toolset::Chat,
        everyday: false,
        effect: Effect::Write,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        if args.members.len() > MAX_DM_PEOPLE {
            return Err(ToolError::invalid_argument(format!(
                "`members` may name at most {MAX_DM_PEOPLE} people."
            )));
        }
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let wanted = people(ctx, &ws, &args.members).await?;
        let body = NewDirectMessage {
            user_ids: wanted.iter().map(u64::to_string).collect(),
        };
        let result = ctx
            .clickup
            .create_direct_message(&ctx.token, &team, &body)
            .await;
        let created = ctx.answer("A person", result).await?;
        let channel = ChannelOut::new(&created.channel, &ws, DetailLevel::Summary, &zone);
        let id = channel_id(&created.channel.id)?;
        let paging = ChatPaging {
            cursor: None,
            limit: Some(MAX_CHAT_PAGE),
        };
        let Ok(members) = ctx
            .clickup
            .get_chat_channel_members(&ctx.token, &team, &id, &paging)
            .await
        else {
            return Ok(Output {
                channel,
                created: created.created,
                verified: false,
                not_applied: Vec::new(),
            });
        };
        let actual: Vec<String> = members.data.iter().map(|m| m.id.clone()).collect();
        let not_applied = wanted
            .iter()
            .map(u64::to_string)
            .filter(|id| !actual.contains(id))
            .map(|id| NotApplied {
                field: "members".into(),
                requested: Value::from(id),
                actual: Value::from(actual.clone()),
            })
            .collect();
        Ok(Output {
            channel,
            created: created.created,
            verified: true,
            not_applied,
        })
    }
}

//! `clickup_time_entry_get`: one time entry.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::time::{EntryOut, entry_id};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_time_entry_get`.
#[derive(Debug)]
pub struct TimeEntryGet;

/// Arguments of `clickup_time_entry_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // The entry's id.
    pub time_entry_id: String,
    // Shared argument.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // Shared arguments.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for TimeEntryGet {
    type Args = Args;
    type Output = EntryOut;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_time_entry_get",
        title: "Get a time entry",
        description: "One time entry (yours, or anyone's for an owner or admin).",
        tier: Tier::Premium,
        toolset: Toolset::Time,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<EntryOut, ToolError> {
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let id = entry_id(&args.time_entry_id)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let entry = ctx.clickup.get_time_entry(&ctx.token, &team, &id).await;
        match ctx.answer("The time entry", entry).await? {
            Some(entry) => Ok(EntryOut::new(&entry, args.detail_level, &zone)),
            None => Err(ToolError::not_found("The time entry was not found.")),
        }
    }
}

//! `clickup_time_entry_tag_remove`: take time-entry tags off up to 100 entries.

use clickup::models::time::TimeTagName;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::time::tag_add::{Output, required_tags};
use crate::time::{answer_tags, entry_ids};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_time_entry_tag_remove`.
#[derive(Debug)]
pub struct TimeEntryTagRemove;

/// Arguments of `clickup_time_entry_tag_remove`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// 1–100 time entry ids.
    pub time_entry_ids: Vec<String>,
    /// Time-entry tag names.
    pub tags: Vec<String>,
    // Shared argument.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for TimeEntryTagRemove {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_time_entry_tag_remove",
        title: "Untag time entries",
        description: "Remove time-entry tags from up to 100 entries.",
        tier: Tier::Premium,
        toolset: Toolset::Time,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let entries = entry_ids(&args.time_entry_ids)?;
        let tags = required_tags(&args.tags)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let body: Vec<TimeTagName> = tags.iter().map(TimeTagName::named).collect();
        let result = ctx
            .clickup
            .remove_time_entry_tags(&ctx.token, &team, &entries, &body)
            .await;
        answer_tags(ctx, "A time entry", result).await?;
        Ok(Output {
            ok: true,
            time_entry_ids: entries.iter().map(ToString::to_string).collect(),
            tags,
            verified: false,
        })
    }
}

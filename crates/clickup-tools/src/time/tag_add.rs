//! `clickup_time_entry_tag_add` and the shared part of `clickup_time_entry_tag_remove`: put
//! time-entry tags on up to 100 entries, or take them off, in one request. ClickUp has no read
//! of tags per entry but the entries themselves: the result says `verified: false`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::time::{answer_tags, colour, coloured_tags, entry_ids, time_tags};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_time_entry_tag_add`.
#[derive(Debug)]
pub struct TimeEntryTagAdd;

/// Arguments of `clickup_time_entry_tag_add`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// 1–100 time entry ids.
    pub time_entry_ids: Vec<String>,
    /// Time-entry tag names.
    pub tags: Vec<String>,
    /// Text colour of new tags (`#rrggbb`).
    #[serde(default)]
    pub tag_fg: Option<String>,
    /// Background colour of new tags.
    #[serde(default)]
    pub tag_bg: Option<String>,
    // Shared argument.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The result of the time-entry tag add and remove tools.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// Whether ClickUp accepted the change.
    pub ok: bool,
    /// The entries changed.
    pub time_entry_ids: Vec<String>,
    /// The tags added or removed.
    pub tags: Vec<String>,
    /// Always false: ClickUp has no read of this change.
    pub verified: bool,
}

impl Tool for TimeEntryTagAdd {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_time_entry_tag_add",
        title: "Tag time entries",
        description: "Add time-entry tags to up to 100 entries.",
        tier: Tier::Premium,
        toolset: Toolset::Time,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let entries = entry_ids(&args.time_entry_ids)?;
        let tags = required_tags(&args.tags)?;
        let fg = colour("tag_fg", args.tag_fg.as_deref())?;
        let bg = colour("tag_bg", args.tag_bg.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let body = coloured_tags(&tags, &[], fg.as_deref(), bg.as_deref());
        let result = ctx
            .clickup
            .add_time_entry_tags(&ctx.token, &team, &entries, &body)
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

/// At least one usable tag name.
pub(crate) fn required_tags(tags: &[String]) -> Result<Vec<String>, ToolError> {
    let tags = time_tags(tags)?;
    if tags.is_empty() {
        return Err(ToolError::invalid_argument(
            "Give at least one tag in `tags`.",
        ));
    }
    Ok(tags)
}

//! `clickup_time_entry_tag_list`: the time-entry tags used in the workspace, with colours.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::time::answer_tags;
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_time_entry_tag_list`.
#[derive(Debug)]
pub struct TimeEntryTagList;

/// Arguments of `clickup_time_entry_tag_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Shared argument.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// A time-entry tag.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TimeTagOut {
    /// Name.
    pub name: String,
    /// Text colour.
    pub tag_fg: Option<String>,
    /// Background colour.
    pub tag_bg: Option<String>,
}

/// The result of `clickup_time_entry_tag_list`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The tags, as ClickUp lists them.
    pub items: Vec<TimeTagOut>,
}

impl Tool for TimeEntryTagList {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_time_entry_tag_list",
        title: "List time-entry tags",
        description: "Time-entry tags used in the workspace (not space tags).",
        tier: Tier::Premium,
        toolset: Toolset::Time,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let tags = ctx.clickup.time_entry_tags(&ctx.token, &team).await;
        let tags = answer_tags(ctx, "The workspace", tags).await?;
        Ok(Output {
            items: tags
                .into_iter()
                .map(|t| TimeTagOut {
                    name: t.name,
                    tag_fg: t.tag_fg,
                    tag_bg: t.tag_bg,
                })
                .collect(),
        })
    }
}

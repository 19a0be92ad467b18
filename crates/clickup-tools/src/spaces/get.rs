//! `clickup_space_get`: one space with its statuses, ClickApps, privacy and members.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::hierarchy::views::{self, DetailLevel, SpaceOut, SpaceView};
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::spaces::read;
use crate::toolsets::Toolset;

/// `clickup_space_get`.
#[derive(Debug)]
pub struct SpaceGet;

/// Arguments of `clickup_space_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
    // A space reference.
    pub space: String,
    // Shared argument; `full` adds every ClickApp's settings and status colours.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
}

impl Tool for SpaceGet {
    type Args = Args;
    type Output = SpaceOut;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_space_get",
        title: "Get a space",
        description: "One space: statuses, enabled ClickApps, privacy, members; `full` adds \
                      ClickApp settings.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::Read,
        references: &["space"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<SpaceOut, ToolError> {
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let space = resolve::location(ctx, &ws, &args.space, Some(Kind::Space)).await?;
        let space = read(ctx, &space.id).await?;
        Ok(views::space(&space, one_view(args.detail_level)))
    }
}

fn one_view(level: DetailLevel) -> SpaceView {
    match level {
        DetailLevel::Summary => SpaceView::One,
        DetailLevel::Full => SpaceView::Full,
    }
}

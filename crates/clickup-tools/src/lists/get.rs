//! `clickup_list_get`: one list with its description, dates, owner and statuses.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::hierarchy::views::{self, DetailLevel, ListOut, ListView};
use crate::lists::read;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;

/// `clickup_list_get`.
#[derive(Debug)]
pub struct ListGet;

/// Arguments of `clickup_list_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A list reference.
    pub list: String,
    /// `full` adds the inbound email address.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // Shared arguments (server instructions): `timezone` is the zone of the dates in the answer.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for ListGet {
    type Args = Args;
    type Output = ListOut;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_list_get",
        title: "Get a list",
        description: "One list: description, colour, owner, priority, dates, task count, \
                      statuses, folder, space.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::Read,
        references: &["list"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<ListOut, ToolError> {
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let list = resolve::location(ctx, &ws, &args.list, Some(Kind::List)).await?;
        let list = read(ctx, &list.id).await?;
        Ok(views::list(&list, ListView::One(args.detail_level), &zone))
    }
}

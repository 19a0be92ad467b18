//! `clickup_space_list`: the spaces of a workspace, paged.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{InWorkspace, Paging};
use crate::context::ToolContext;
use crate::cursor::Page;
use crate::error::ToolError;
use crate::hierarchy::views::{self, DetailLevel, SpaceOut, SpaceView};
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;
use crate::{ids, paging};

/// Spaces per page when no `limit` is given.
const DEFAULT_LIMIT: u32 = 50;

/// `clickup_space_list`.
#[derive(Debug)]
pub struct SpaceList;

/// Arguments of `clickup_space_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
    /// Only archived ones.
    #[serde(default)]
    pub archived: bool,
    /// `full` adds statuses, ClickApps, members.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // Shared arguments; `limit` default 50.
    #[serde(flatten)]
    pub paging: Paging,
}

impl Tool for SpaceList {
    type Args = Args;
    type Output = Page<SpaceOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_space_list",
        title: "List spaces",
        description: "Spaces of the workspace: id, name, colour, privacy.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<SpaceOut>, ToolError> {
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let filters = json!({
            "workspace": ws.id, "archived": args.archived, "detail_level": args.detail_level,
        });
        let (cursor, limit) = (args.paging.cursor.as_deref(), args.paging.limit);
        paging::check(ctx, &filters, cursor, limit, DEFAULT_LIMIT)?;
        let team = ids::team(&ws.id)?;
        let spaces = ctx
            .clickup
            .get_spaces(&ctx.token, &team, args.archived)
            .await;
        let spaces = ctx.answer("The workspace", spaces).await?;
        let view = match args.detail_level {
            DetailLevel::Summary => SpaceView::Row,
            DetailLevel::Full => SpaceView::Full,
        };
        let items = spaces.iter().map(|s| views::space(s, view)).collect();
        paging::slice(ctx, &filters, cursor, limit, DEFAULT_LIMIT, items)
    }
}

//! `clickup_folder_list`: the folders of a space, each with its unarchived lists, paged.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{Paging, WorkspaceAndZone};
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page};
use crate::error::ToolError;
use crate::hierarchy::views::{self, DetailLevel, FolderOut};
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;
use crate::{ids, paging};

/// `clickup_folder_list`.
#[derive(Debug)]
pub struct FolderList;

/// Arguments of `clickup_folder_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A space reference.
    pub space: String,
    /// Only archived ones.
    #[serde(default)]
    pub archived: bool,
    // Shared argument.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // Shared arguments (server instructions): `timezone` is the zone of the dates in the answer.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
    // Shared arguments; `limit` default 50.
    #[serde(flatten)]
    pub paging: Paging,
}

impl Tool for FolderList {
    type Args = Args;
    type Output = Page<FolderOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_folder_list",
        title: "List folders",
        description: "Folders of a space, each with its unarchived lists.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::Read,
        references: &["space"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<FolderOut>, ToolError> {
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let space = resolve::location(ctx, &ws, &args.space, Some(Kind::Space)).await?;
        let filters = json!({
            "workspace": ws.id, "space": space.id, "archived": args.archived,
            "detail_level": args.detail_level, "timezone": args.workspace.timezone,
        });
        let (cursor, limit) = (args.paging.cursor.as_deref(), args.paging.limit);
        paging::check(ctx, &filters, cursor, limit, DEFAULT_LIMIT)?;
        let space_id = ids::space(&space.id)?;
        let folders = ctx
            .clickup
            .get_folders(&ctx.token, &space_id, args.archived)
            .await;
        let folders = ctx.answer("The space", folders).await?;
        let items = folders
            .iter()
            .filter(|f| !f.hidden)
            .map(|f| views::folder(f, args.detail_level, &zone))
            .collect();
        paging::slice(ctx, &filters, cursor, limit, DEFAULT_LIMIT, items)
    }
}

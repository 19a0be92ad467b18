//! `clickup_list_list`: the lists of a folder, or the folderless lists of a space, paged.

use clickup::models::List;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{Paging, WorkspaceAndZone};
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page};
use crate::error::ToolError;
use crate::hierarchy::views::{self, DetailLevel, ListOut, ListView};
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;
use crate::{ids, paging};

/// `clickup_list_list`.
#[derive(Debug)]
pub struct ListList;

/// Arguments of `clickup_list_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // The lists of this folder (the tool description says which to give).
    #[serde(default)]
    pub folder: Option<String>,
    // The folderless lists of this space.
    #[serde(default)]
    pub space: Option<String>,
    /// Only archived ones.
    #[serde(default)]
    pub archived: bool,
    /// `full` adds descriptions.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // Shared arguments (server instructions): `timezone` is the zone of the dates in the answer.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
    // Shared arguments; `limit` default 50.
    #[serde(flatten)]
    pub paging: Paging,
}

impl Tool for ListList {
    type Args = Args;
    type Output = Page<ListOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_list_list",
        title: "List lists",
        description: "Lists in a `folder`, or only the folderless lists of a `space` (give \
                      one); for the rest, clickup_folder_list or clickup_hierarchy_get.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::Read,
        references: &["folder", "space"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<ListOut>, ToolError> {
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let parent = match (args.folder.as_deref(), args.space.as_deref()) {
            (Some(folder), None) => (Kind::Folder, folder),
            (None, Some(space)) => (Kind::Space, space),
            _ => {
                return Err(ToolError::invalid_argument(
                    "Give exactly one of `folder` (its lists) or `space` (its folderless lists).",
                ));
            }
        };
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let location = resolve::location(ctx, &ws, parent.1, Some(parent.0)).await?;
        let filters = json!({
            "workspace": ws.id, "parent": location.id, "kind": location.kind,
            "archived": args.archived, "detail_level": args.detail_level,
            "timezone": args.workspace.timezone,
        });
        let (cursor, limit) = (args.paging.cursor.as_deref(), args.paging.limit);
        paging::check(ctx, &filters, cursor, limit, DEFAULT_LIMIT)?;
        let lists: Vec<List> = match location.kind {
            Kind::Folder => {
                let folder = ids::folder(&location.id)?;
                let lists = ctx
                    .clickup
                    .get_folder_lists(&ctx.token, &folder, args.archived)
                    .await;
                ctx.answer("The folder", lists).await?
            }
            _ => {
                let space = ids::space(&location.id)?;
                let lists = ctx
                    .clickup
                    .get_folderless_lists(&ctx.token, &space, args.archived)
                    .await;
                ctx.answer("The space", lists).await?
            }
        };
        let items = lists
            .iter()
            .map(|l| views::list(l, ListView::Row(args.detail_level), &zone))
            .collect();
        paging::slice(ctx, &filters, cursor, limit, DEFAULT_LIMIT, items)
    }
}

//! List tools (TOOLS.md §5): list and read lists here; creating and updating them in
//! [`write`]; what a task in a list may hold in [`schema`].

pub mod schema;
pub mod write;

use std::sync::Arc;

use clickup::models::List;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::Tier;
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page};
use crate::error::ToolError;
use crate::hierarchy::views::{self, DetailLevel, ListOut, ListView};
use crate::ids;
use crate::paging;
use crate::registry::{ClickUpTool, Effect, ToolFuture, ToolSpec, TypedTool};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;

/// The tools of this file and its submodules.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    let mut tools: Vec<Arc<dyn ClickUpTool>> = vec![
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_list_list",
                title: "List lists",
                description: "Lists in a `folder`, or only the folderless lists of a `space` (give \
                              one); for the rest, clickup_folder_list or clickup_hierarchy_get.",
                tier: Tier::Free,
                toolset: Toolset::Hierarchy,
                effect: Effect::Read,
                references: &["folder", "space"],
                premium_arguments: &[],
            },
            list_list,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_list_get",
                title: "Get a list",
                description: "One list: description, colour, owner, priority, dates, task count, \
                              statuses, folder, space.",
                tier: Tier::Free,
                toolset: Toolset::Hierarchy,
                effect: Effect::Read,
                references: &["list"],
                premium_arguments: &[],
            },
            list_get,
        )),
    ];
    tools.extend(write::tools());
    tools.extend(schema::tools());
    tools
}

/// Arguments of `clickup_list_list`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListListArgs {
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
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
    #[serde(default)]
    #[schemars(
        schema_with = "crate::hierarchy::views::bare::<DetailLevel>",
        transform = crate::hierarchy::views::without_default
    )]
    pub detail_level: DetailLevel,
    // Shared argument: the zone of the dates in the answer.
    #[serde(default)]
    pub timezone: Option<String>,
    // Shared argument.
    #[serde(default)]
    pub cursor: Option<String>,
    // Shared argument; default 50.
    #[serde(default)]
    pub limit: Option<u32>,
}

fn list_list<'a>(ctx: &'a ToolContext, args: ListListArgs) -> ToolFuture<'a, Page<ListOut>> {
    Box::pin(async move {
        let zone = ctx.zone(args.timezone.as_deref())?;
        let parent = match (args.folder.as_deref(), args.space.as_deref()) {
            (Some(folder), None) => (Kind::Folder, folder),
            (None, Some(space)) => (Kind::Space, space),
            _ => {
                return Err(ToolError::invalid_argument(
                    "Give exactly one of `folder` (its lists) or `space` (its folderless lists).",
                ));
            }
        };
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let location = resolve::location(ctx, &ws, parent.1, Some(parent.0)).await?;
        let filters = json!({
            "workspace": ws.id, "parent": location.id, "kind": location.kind,
            "archived": args.archived, "detail_level": args.detail_level,
            "timezone": args.timezone,
        });
        let (cursor, limit) = (args.cursor.as_deref(), args.limit);
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
    })
}

/// Arguments of `clickup_list_get`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListGetArgs {
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
    // A list reference.
    pub list: String,
    /// `full` adds the inbound email address.
    #[serde(default)]
    #[schemars(
        schema_with = "crate::hierarchy::views::bare::<DetailLevel>",
        transform = crate::hierarchy::views::without_default
    )]
    pub detail_level: DetailLevel,
    // Shared argument: the zone of the dates in the answer.
    #[serde(default)]
    pub timezone: Option<String>,
}

fn list_get<'a>(ctx: &'a ToolContext, args: ListGetArgs) -> ToolFuture<'a, ListOut> {
    Box::pin(async move {
        let zone = ctx.zone(args.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let list = resolve::location(ctx, &ws, &args.list, Some(Kind::List)).await?;
        let list = read(ctx, &list.id).await?;
        Ok(views::list(&list, ListView::One(args.detail_level), &zone))
    })
}

/// `GET /v2/list/{list_id}`.
pub(crate) async fn read(ctx: &ToolContext, id: &str) -> Result<List, ToolError> {
    let list = ids::list(id)?;
    ctx.answer("The list", ctx.clickup.get_list(&ctx.token, &list).await)
        .await
}

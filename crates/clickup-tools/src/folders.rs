//! Folder tools (TOOLS.md §4): list, read, create and rename folders. Folders come with their
//! lists. Every write is read back (`verified`, `not_applied`) and drops the cached hierarchy.

use std::sync::Arc;

use clickup::models::{Folder, FolderName};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::Tier;
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page};
use crate::error::ToolError;
use crate::hierarchy::checked_name;
use crate::hierarchy::views::{self, DetailLevel, FolderOut};
use crate::ids;
use crate::paging;
use crate::registry::{ClickUpTool, Effect, ToolFuture, ToolSpec, TypedTool};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};

/// The tools of this file.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_folder_list",
                title: "List folders",
                description: "Folders of a space, each with its unarchived lists.",
                tier: Tier::Free,
                toolset: Toolset::Hierarchy,
                effect: Effect::Read,
                references: &["space"],
                premium_arguments: &[],
            },
            folder_list,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_folder_get",
                title: "Get a folder",
                description: "One folder with its unarchived lists.",
                tier: Tier::Free,
                toolset: Toolset::Hierarchy,
                effect: Effect::Read,
                references: &["folder"],
                premium_arguments: &[],
            },
            folder_get,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_folder_create",
                title: "Create a folder",
                description: "Create a folder in a space.",
                tier: Tier::Free,
                toolset: Toolset::Hierarchy,
                effect: Effect::Write,
                references: &["space"],
                premium_arguments: &[],
            },
            folder_create,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_folder_update",
                title: "Rename a folder",
                description: "Rename a folder. ClickUp's API cannot move it to another space.",
                tier: Tier::Free,
                toolset: Toolset::Hierarchy,
                effect: Effect::WriteIdempotent,
                references: &["folder"],
                premium_arguments: &[],
            },
            folder_update,
        )),
    ]
}

/// Arguments of `clickup_folder_list`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FolderListArgs {
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
    // A space reference.
    pub space: String,
    /// Only archived ones.
    #[serde(default)]
    pub archived: bool,
    // Shared argument.
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

fn folder_list<'a>(ctx: &'a ToolContext, args: FolderListArgs) -> ToolFuture<'a, Page<FolderOut>> {
    Box::pin(async move {
        let zone = ctx.zone(args.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let space = resolve::location(ctx, &ws, &args.space, Some(Kind::Space)).await?;
        let filters = json!({
            "workspace": ws.id, "space": space.id, "archived": args.archived,
            "detail_level": args.detail_level, "timezone": args.timezone,
        });
        let (cursor, limit) = (args.cursor.as_deref(), args.limit);
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
    })
}

/// Arguments of `clickup_folder_get`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FolderGetArgs {
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
    // A folder reference.
    pub folder: String,
    // Shared argument.
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

fn folder_get<'a>(ctx: &'a ToolContext, args: FolderGetArgs) -> ToolFuture<'a, FolderOut> {
    Box::pin(async move {
        let zone = ctx.zone(args.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let folder = resolve::location(ctx, &ws, &args.folder, Some(Kind::Folder)).await?;
        let folder = read(ctx, &folder.id).await?;
        Ok(views::folder(&folder, args.detail_level, &zone))
    })
}

async fn read(ctx: &ToolContext, id: &str) -> Result<Folder, ToolError> {
    let folder = ids::folder(id)?;
    ctx.answer(
        "The folder",
        ctx.clickup.get_folder(&ctx.token, &folder).await,
    )
    .await
}

/// The result of a folder write.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FolderWrite {
    /// The folder as ClickUp has it now.
    pub folder: FolderOut,
    /// Whether the folder was read back after the write.
    pub verified: bool,
    /// Requested changes the read-back does not show.
    pub not_applied: Vec<NotApplied>,
}

/// Arguments of `clickup_folder_create`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FolderCreateArgs {
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
    // The space to create it in.
    pub space: String,
    // The new folder's name.
    pub name: String,
}

fn folder_create<'a>(ctx: &'a ToolContext, args: FolderCreateArgs) -> ToolFuture<'a, FolderWrite> {
    Box::pin(async move {
        let name = checked_name(&args.name)?;
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let space = resolve::location(ctx, &ws, &args.space, Some(Kind::Space)).await?;
        let space_id = ids::space(&space.id)?;
        let body = FolderName { name: name.clone() };
        let created = ctx
            .clickup
            .create_folder(&ctx.token, &space_id, &body)
            .await;
        let created = ctx.answer("The space", created).await?;
        ctx.cache.invalidate(&ctx.cache_key, &ws.id);
        Ok(verified(ctx, created, &name).await)
    })
}

/// Arguments of `clickup_folder_update`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FolderUpdateArgs {
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
    // A folder reference.
    pub folder: String,
    // The new name.
    pub name: String,
}

fn folder_update<'a>(ctx: &'a ToolContext, args: FolderUpdateArgs) -> ToolFuture<'a, FolderWrite> {
    Box::pin(async move {
        let name = checked_name(&args.name)?;
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let folder = resolve::location(ctx, &ws, &args.folder, Some(Kind::Folder)).await?;
        let folder_id = ids::folder(&folder.id)?;
        let body = FolderName { name: name.clone() };
        let updated = ctx
            .clickup
            .update_folder(&ctx.token, &folder_id, &body)
            .await;
        let updated = ctx.answer("The folder", updated).await?;
        ctx.cache.invalidate(&ctx.cache_key, &ws.id);
        Ok(verified(ctx, updated, &name).await)
    })
}

/// Read the folder back and compare its name; when the read fails, the write's own answer,
/// unverified.
async fn verified(ctx: &ToolContext, written: Folder, name: &str) -> FolderWrite {
    let (folder, verified) = match ids::folder(written.id.as_str()) {
        Ok(id) => match ctx.clickup.get_folder(&ctx.token, &id).await {
            Ok(folder) => (folder, true),
            Err(_) => (written, false),
        },
        Err(_) => (written, false),
    };
    let mut verifier = Verifier::default();
    if verified {
        verifier.same("name", name, folder.name.as_str());
    }
    FolderWrite {
        folder: views::folder(&folder, DetailLevel::Summary, &ctx.default_zone),
        verified,
        not_applied: verifier.finish(),
    }
}

//! `clickup_folder_get`: one folder with its unarchived lists.

use clickup::models::Folder;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::hierarchy::views::{self, DetailLevel, FolderOut};
use crate::ids;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;

/// `clickup_folder_get`.
#[derive(Debug)]
pub struct FolderGet;

/// Arguments of `clickup_folder_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A folder reference.
    pub folder: String,
    // Shared argument.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // Shared arguments (server instructions): `timezone` is the zone of the dates in the answer.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for FolderGet {
    type Args = Args;
    type Output = FolderOut;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_folder_get",
        title: "Get a folder",
        description: "One folder with its unarchived lists.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::Read,
        references: &["folder"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<FolderOut, ToolError> {
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let folder = resolve::location(ctx, &ws, &args.folder, Some(Kind::Folder)).await?;
        let folder = read(ctx, &folder.id).await?;
        Ok(views::folder(&folder, args.detail_level, &zone))
    }
}

async fn read(ctx: &ToolContext, id: &str) -> Result<Folder, ToolError> {
    let folder = ids::folder(id)?;
    ctx.answer(
        "The folder",
        ctx.clickup.get_folder(&ctx.token, &folder).await,
    )
    .await
}

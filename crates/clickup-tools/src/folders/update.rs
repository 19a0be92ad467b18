//! `clickup_folder_update`: rename a folder, read it back and compare its name.

use clickup::models::FolderName;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::folders::{FolderWrite, verified};
use crate::hierarchy::checked_name;
use crate::ids;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;

/// `clickup_folder_update`.
#[derive(Debug)]
pub struct FolderUpdate;

/// Arguments of `clickup_folder_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
    // A folder reference.
    pub folder: String,
    // The new name.
    pub name: String,
}

impl Tool for FolderUpdate {
    type Args = Args;
    type Output = FolderWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_folder_update",
        title: "Rename a folder",
        description: "Rename a folder. ClickUp's API cannot move it to another space.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::WriteIdempotent,
        references: &["folder"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<FolderWrite, ToolError> {
        let name = checked_name(&args.name)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let folder = resolve::location(ctx, &ws, &args.folder, Some(Kind::Folder)).await?;
        let folder_id = ids::folder(&folder.id)?;
        let body = FolderName { name: name.clone() };
        let updated = ctx
            .clickup
            .update_folder(&ctx.token, &folder_id, &body)
            .await;
        let updated = ctx.answer("The folder", updated).await?;
        if let Some(space) = updated
            .space
            .as_ref()
            .map(|s| &s.id)
            .or(folder.space_id.as_ref())
        {
            ctx.cache.hierarchy().note_folder(ctx, space, &updated);
        }
        Ok(verified(ctx, updated, &name).await)
    }
}

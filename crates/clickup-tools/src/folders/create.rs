//! `clickup_folder_create`: create a folder in a space, read it back and compare its name.

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

/// `clickup_folder_create`.
#[derive(Debug)]
pub struct FolderCreate;

/// Arguments of `clickup_folder_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
    // The space to create it in.
    pub space: String,
    // The new folder's name.
    pub name: String,
}

impl Tool for FolderCreate {
    type Args = Args;
    type Output = FolderWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_folder_create",
        title: "Create a folder",
        description: "Create a folder in a space.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::Write,
        references: &["space"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<FolderWrite, ToolError> {
        let name = checked_name(&args.name)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let space = resolve::location(ctx, &ws, &args.space, Some(Kind::Space)).await?;
        let space_id = ids::space(&space.id)?;
        let body = FolderName { name: name.clone() };
        let created = ctx
            .clickup
            .create_folder(&ctx.token, &space_id, &body)
            .await;
        let created = ctx.answer("The space", created).await?;
        ctx.cache.hierarchy().note_folder(ctx, &space.id, &created);
        Ok(verified(ctx, created, &name).await)
    }
}

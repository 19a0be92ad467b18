//! `clickup_folder_delete`: delete a folder with its lists and their tasks.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::ids;
use crate::lists::deletion::{Deleted, exact_location};
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;

/// `clickup_folder_delete`.
#[derive(Debug)]
pub struct FolderDelete;

/// Arguments of `clickup_folder_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A folder reference (whole name, path or id).
    pub folder: String,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for FolderDelete {
    type Args = Args;
    type Output = Deleted;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_folder_delete",
        title: "Delete a folder",
        description: "Delete a folder with its lists and their tasks. A name must match the \
                      whole folder name; the answer names what was deleted.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &["folder"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Deleted, ToolError> {
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let location = exact_location(ctx, &workspace, &args.folder, Kind::Folder).await?;
        let id = ids::folder(&location.id)?;
        let folder = ctx
            .answer("The folder", ctx.clickup.get_folder(&ctx.token, &id).await)
            .await?;
        let deleted = ctx.clickup.delete_folder(&ctx.token, &id).await;
        ctx.answer("The folder", deleted).await?;
        if let Some(space) = &folder.space {
            ctx.cache
                .hierarchy()
                .forget_folder(ctx, &space.id, id.as_str());
        }
        let lists = folder.lists.len();
        let tasks: i64 = folder.lists.iter().filter_map(|l| l.task_count).sum();
        Ok(Deleted {
            ok: true,
            id: id.to_string(),
            name: folder.name,
            path: location.path,
            removed: format!("the folder, its {lists} list(s) and {tasks} task(s)"),
        })
    }
}

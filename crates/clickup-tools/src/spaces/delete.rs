//! `clickup_space_delete`: delete a space and everything in it.

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

/// `clickup_space_delete`.
#[derive(Debug)]
pub struct SpaceDelete;

/// Arguments of `clickup_space_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A space reference (whole name or id).
    pub space: String,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for SpaceDelete {
    type Args = Args;
    type Output = Deleted;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_space_delete",
        title: "Delete a space",
        description: "Delete a space and everything in it (folders, lists, tasks). A name must \
                      match the whole space name; the answer names what was deleted.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &["space"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Deleted, ToolError> {
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let location = exact_location(ctx, &workspace, &args.space, Kind::Space).await?;
        let id = ids::space(&location.id)?;
        let space = ctx
            .answer("The space", ctx.clickup.get_space(&ctx.token, &id).await)
            .await?;
        // What goes with it, for the answer, when the cache knows (no request for it).
        let children = ctx.cache.hierarchy().cached_children(ctx, id.as_str());
        let deleted = ctx.clickup.delete_space(&ctx.token, &id).await;
        ctx.answer("The space", deleted).await?;
        ctx.cache
            .hierarchy()
            .forget_space(ctx, &workspace.id, id.as_str());
        let removed = match children {
            Some(c) => {
                let lists = c.lists.len() + c.folders.iter().map(|f| f.lists.len()).sum::<usize>();
                format!(
                    "the space, its {} folder(s), {lists} list(s) and their tasks",
                    c.folders.len()
                )
            }
            None => "the space and everything in it".to_owned(),
        };
        Ok(Deleted {
            ok: true,
            id: id.to_string(),
            name: space.name,
            path: None,
            removed,
        })
    }
}

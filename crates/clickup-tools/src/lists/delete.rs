//! `clickup_list_delete`: delete a list and its tasks.

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

/// `clickup_list_delete`.
#[derive(Debug)]
pub struct ListDelete;

/// Arguments of `clickup_list_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A list reference (whole name, path or id).
    pub list: String,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for ListDelete {
    type Args = Args;
    type Output = Deleted;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_list_delete",
        title: "Delete a list",
        description: "Delete a list and all its tasks. A name must match the whole list name; \
                      the answer names what was deleted.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &["list"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Deleted, ToolError> {
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let location = exact_location(ctx, &workspace, &args.list, Kind::List).await?;
        let id = ids::list(&location.id)?;
        // Read it first: the answer says what was deleted, and a list that is not there is
        // `not_found` before anything is destroyed.
        let list = ctx
            .answer("The list", ctx.clickup.get_list(&ctx.token, &id).await)
            .await?;
        let deleted = ctx.clickup.delete_list(&ctx.token, &id).await;
        ctx.answer("The list", deleted).await?;
        if let Some(space) = &list.space {
            ctx.cache
                .hierarchy()
                .forget_list(ctx, &space.id, id.as_str());
        }
        let tasks = list.task_count.unwrap_or_default();
        Ok(Deleted {
            ok: true,
            id: id.to_string(),
            name: list.name,
            path: location.path,
            removed: format!("the list and its {tasks} task(s)"),
        })
    }
}

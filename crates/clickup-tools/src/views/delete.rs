//! `clickup_view_delete`: delete a view (its tasks stay).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;
use crate::views::view_id;

/// `clickup_view_delete`.
#[derive(Debug)]
pub struct ViewDelete;

/// Arguments of `clickup_view_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// View id.
    pub view_id: String,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// What was deleted.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Deleted {
    /// Always true.
    pub ok: bool,
    /// The deleted view's id.
    pub id: String,
}

impl Tool for ViewDelete {
    type Args = Args;
    type Output = Deleted;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_view_delete",
        title: "Delete a view",
        description: "Delete a view; the tasks it showed stay where they are.",
        tier: Tier::Premium,
        toolset: Toolset::Views,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Deleted, ToolError> {
        let id = view_id(&args.view_id)?;
        resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let result = ctx.clickup.delete_view(&ctx.token, &id).await;
        ctx.answer("The view", result).await?;
        Ok(Deleted {
            ok: true,
            id: id.to_string(),
        })
    }
}

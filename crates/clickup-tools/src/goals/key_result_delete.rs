//! `clickup_key_result_delete`: delete a key result.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::goals::delete::Deleted;
use crate::goals::key_result_id;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;

/// `clickup_key_result_delete`.
#[derive(Debug)]
pub struct KeyResultDelete;

/// Arguments of `clickup_key_result_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// From clickup_goal_get.
    pub key_result_id: String,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for KeyResultDelete {
    type Args = Args;
    type Output = Deleted;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_key_result_delete",
        title: "Delete a key result",
        description: "Delete a key result from its goal.",
        tier: Tier::Premium,
        toolset: Toolset::Goals,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Deleted, ToolError> {
        let id = key_result_id(&args.key_result_id)?;
        // Checks a given `workspace_id` is one the caller may use (the key result id needs none).
        resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let result = ctx.clickup.delete_key_result(&ctx.token, &id).await;
        ctx.answer("The key result", result).await?;
        Ok(Deleted {
            ok: true,
            id: id.to_string(),
            name: None,
        })
    }
}

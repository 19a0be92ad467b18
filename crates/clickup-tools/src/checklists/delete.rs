//! `clickup_checklist_delete`: delete a checklist and its items.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::checklists::checklist_id;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;

/// `clickup_checklist_delete`.
#[derive(Debug)]
pub struct ChecklistDelete;

/// Arguments of `clickup_checklist_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // From clickup_task_get include:[checklists].
    pub checklist_id: String,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The result of `clickup_checklist_delete`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// Always true when the call succeeds.
    pub ok: bool,
    /// The deleted checklist's id.
    pub id: String,
}

impl Tool for ChecklistDelete {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_checklist_delete",
        title: "Delete a checklist",
        description: "Delete a checklist and all its items.",
        tier: Tier::Free,
        toolset: Toolset::Checklists,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let id = checklist_id(&args.checklist_id)?;
        if let Some(workspace) = args.workspace.workspace_id.as_deref() {
            resolve::workspace(ctx, Some(workspace)).await?;
        }
        let result = ctx.clickup.delete_checklist(&ctx.token, &id).await;
        ctx.answer("The checklist", result).await?;
        Ok(Output {
            ok: true,
            id: id.to_string(),
        })
    }
}

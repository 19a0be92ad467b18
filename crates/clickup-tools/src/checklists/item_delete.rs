//! `clickup_checklist_item_delete`: delete a checklist item (and the items nested under it).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::checklists::{checklist_id, item_id};
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;

/// `clickup_checklist_item_delete`.
#[derive(Debug)]
pub struct ChecklistItemDelete;

/// Arguments of `clickup_checklist_item_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // From clickup_task_get include:[checklists].
    pub checklist_id: String,
    // The item's id.
    pub item_id: String,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The result of `clickup_checklist_item_delete`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// Always true when the call succeeds.
    pub ok: bool,
    /// The deleted item's id.
    pub id: String,
}

impl Tool for ChecklistItemDelete {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_checklist_item_delete",
        title: "Delete a checklist item",
        description: "Delete a checklist item and the items nested under it.",
        tier: Tier::Free,
        toolset: Toolset::Checklists,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let checklist = checklist_id(&args.checklist_id)?;
        let item = item_id("item_id", &args.item_id)?;
        if let Some(workspace) = args.workspace.workspace_id.as_deref() {
            resolve::workspace(ctx, Some(workspace)).await?;
        }
        let result = ctx
            .clickup
            .delete_checklist_item(&ctx.token, &checklist, &item)
            .await;
        ctx.answer("The checklist item", result).await?;
        Ok(Output {
            ok: true,
            id: item.to_string(),
        })
    }
}

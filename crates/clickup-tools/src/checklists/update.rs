//! `clickup_checklist_update`: rename a checklist or move it among its task's checklists.
//! ClickUp answers nothing and has no GET of a checklist, so the answer is `verified: false`.

use clickup::models::checklist::UpdateChecklist;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::checklists::{checklist_id, name};
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;
use crate::verify::NotApplied;

/// `clickup_checklist_update`.
#[derive(Debug)]
pub struct ChecklistUpdate;

/// Arguments of `clickup_checklist_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // From clickup_task_get include:[checklists].
    pub checklist_id: String,
    // A new name.
    #[serde(default)]
    pub name: Option<String>,
    /// Place among the task's checklists; 0 is the top.
    #[serde(default)]
    pub position: Option<u32>,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The checklist as changed.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Changed {
    /// Checklist id.
    pub id: String,
    /// The new name, when given.
    pub name: Option<String>,
    /// The new place, when given.
    pub position: Option<u32>,
}

/// The result of `clickup_checklist_update`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// What was sent.
    pub checklist: Changed,
    /// Always false: ClickUp has no read of one checklist (see the task).
    pub verified: bool,
    /// Always empty (not verified).
    pub not_applied: Vec<NotApplied>,
}

impl Tool for ChecklistUpdate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_checklist_update",
        title: "Update a checklist",
        description: "Rename a checklist or move it among its task's checklists. Not read back: \
                      check with clickup_task_get.",
        tier: Tier::Free,
        toolset: Toolset::Checklists,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let id = checklist_id(&args.checklist_id)?;
        let new_name = args.name.as_deref().map(|n| name("name", n)).transpose()?;
        if new_name.is_none() && args.position.is_none() {
            return Err(ToolError::invalid_argument(
                "Nothing to change: give `name`, `position` or both.",
            ));
        }
        if let Some(workspace) = args.workspace.workspace_id.as_deref() {
            resolve::workspace(ctx, Some(workspace)).await?;
        }
        let update = UpdateChecklist {
            name: new_name.clone(),
            position: args.position,
        };
        let result = ctx.clickup.update_checklist(&ctx.token, &id, &update).await;
        ctx.answer("The checklist", result).await?;
        Ok(Output {
            checklist: Changed {
                id: id.to_string(),
                name: new_name,
                position: args.position,
            },
            verified: false,
            not_applied: Vec::new(),
        })
    }
}

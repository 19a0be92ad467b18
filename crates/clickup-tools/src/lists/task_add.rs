//! `clickup_list_task_add`: also place a task in a list that is not its home list (ClickUp's
//! Tasks in Multiple Lists ClickApp).

use clickup::ids::TaskRef;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::lists::membership::{self, Membership, explained, is_home, named};
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::tasks::shape::Named;
use crate::toolsets::Toolset;
use crate::verify::Verifier;

/// `clickup_list_task_add`.
#[derive(Debug)]
pub struct ListTaskAdd;

/// Arguments of `clickup_list_task_add`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A list reference.
    pub list: String,
    // A task reference.
    pub task: String,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for ListTaskAdd {
    type Args = Args;
    type Output = Membership;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_list_task_add",
        title: "Add a task to another list",
        description: "Also place a task in this list, keeping its home list (needs the Tasks in \
                      Multiple Lists ClickApp).",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &["list", "task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Membership, ToolError> {
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let parts = membership::parts(ctx, &workspace, &args.list, &args.task, false).await?;
        let task = &parts.task;
        if is_home(task, &parts.list) {
            return Err(ToolError::invalid_argument(
                "That list is already the task's home list.",
            ));
        }
        let added = ctx
            .clickup
            .add_task_to_list(&ctx.token, &parts.list, &task.id)
            .await;
        ctx.answer("The task or list", added)
            .await
            .map_err(explained)?;
        let after = membership::read(ctx, &TaskRef::Id(task.id.clone())).await;
        let (shown, verified) = match &after {
            Ok(read) => (read, true),
            Err(_) => (task, false),
        };
        let mut verifier = Verifier::default();
        let placed = shown.locations.iter().any(|l| l.id == parts.list.as_str());
        if verified {
            verifier.check(
                "list",
                parts.list.as_str(),
                placed.then_some(parts.list.as_str()),
                placed,
            );
        }
        let list_name = shown
            .locations
            .iter()
            .find(|l| l.id == parts.list.as_str())
            .and_then(|l| l.name.clone())
            .or_else(|| (!parts.list_name.is_empty()).then(|| parts.list_name.clone()));
        Ok(Membership {
            ok: true,
            task: Named {
                id: shown.id.to_string(),
                name: Some(shown.name.clone()),
            },
            list: Named {
                id: parts.list.to_string(),
                name: list_name,
            },
            home_list: shown.list.as_ref().map(named),
            other_lists: shown.locations.iter().map(named).collect(),
            verified,
            not_applied: verifier.finish(),
        })
    }
}

//! `clickup_checklist_item_update`: rename, (un)assign, resolve or (un)nest a checklist item,
//! then read its task back.

use clickup::Clearable;
use clickup::models::checklist::UpdateChecklistItem;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::checklists::item_create::{Expect, Output};
use crate::checklists::{checklist_id, item_id, name, person, verify_item};
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::patch::Patch;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;

/// `clickup_checklist_item_update`.
#[derive(Debug)]
pub struct ChecklistItemUpdate;

/// Arguments of `clickup_checklist_item_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // From clickup_task_get include:[checklists].
    pub checklist_id: String,
    // The item's id.
    pub item_id: String,
    // A new text.
    #[serde(default)]
    pub name: Option<String>,
    // A person; `null` unassigns (server instructions).
    #[serde(default)]
    pub assignee: Patch<String>,
    /// true ticks the item, false unticks it.
    #[serde(default)]
    pub resolved: Option<bool>,
    /// Nest under this item of the same checklist; null un-nests.
    #[serde(default)]
    pub parent_item_id: Patch<String>,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for ChecklistItemUpdate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_checklist_item_update",
        title: "Update a checklist item",
        description: "Tick or untick (`resolved`), rename, (un)assign or (un)nest a checklist \
                      item.",
        tier: Tier::Free,
        toolset: Toolset::Checklists,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let checklist = checklist_id(&args.checklist_id)?;
        let item = item_id("item_id", &args.item_id)?;
        let new_name = args.name.as_deref().map(|n| name("name", n)).transpose()?;
        let parent = match &args.parent_item_id {
            Patch::Absent => Patch::Absent,
            Patch::Clear => Patch::Clear,
            Patch::Set(raw) => {
                let parent = item_id("parent_item_id", raw)?;
                if parent == item {
                    return Err(ToolError::invalid_argument(
                        "`parent_item_id` is the item itself; give another item of its checklist.",
                    ));
                }
                Patch::Set(parent.to_string())
            }
        };
        if new_name.is_none()
            && args.assignee.is_absent()
            && args.resolved.is_none()
            && parent.is_absent()
        {
            return Err(ToolError::invalid_argument(
                "Nothing to change: give `name`, `assignee`, `resolved` or `parent_item_id`.",
            ));
        }
        let assignee = match &args.assignee {
            Patch::Set(reference) => {
                let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
                Patch::Set(person(ctx, &ws, reference).await?)
            }
            Patch::Clear => Patch::Clear,
            Patch::Absent => Patch::Absent,
        };
        if !matches!(assignee, Patch::Set(_))
            && let Some(workspace) = args.workspace.workspace_id.as_deref()
        {
            resolve::workspace(ctx, Some(workspace)).await?;
        }
        let update = UpdateChecklistItem {
            name: new_name.clone(),
            assignee: clearable(assignee.clone().map(|id| id.to_string())),
            resolved: args.resolved,
            parent: clearable(parent.clone()),
        };
        let result = ctx
            .clickup
            .update_checklist_item(&ctx.token, &checklist, &item, &update)
            .await;
        let answered = ctx.answer("The checklist item", result).await?;
        let expect = Expect {
            name: new_name,
            assignee: settled(assignee),
            resolved: args.resolved,
            parent: settled(parent),
        };
        verify_item(ctx, answered, item.as_str(), &expect).await
    }
}

fn clearable<T>(patch: Patch<T>) -> Clearable<T> {
    match patch {
        Patch::Absent => Clearable::Unchanged,
        Patch::Clear => Clearable::Clear,
        Patch::Set(value) => Clearable::Set(value),
    }
}

/// What a patch should leave: `None` not asked, `Some(None)` cleared.
fn settled<T>(patch: Patch<T>) -> Option<Option<T>> {
    match patch {
        Patch::Absent => None,
        Patch::Clear => Some(None),
        Patch::Set(value) => Some(Some(value)),
    }
}

//! `clickup_checklist_item_create`: add an item to a checklist, then read its task back.

use clickup::models::Checklist;
use clickup::models::checklist::NewChecklistItem;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::checklists::{ChecklistOut, ItemOut, checklist_id, name, person, verify_item};
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;
use crate::verify::NotApplied;

/// `clickup_checklist_item_create`.
#[derive(Debug)]
pub struct ChecklistItemCreate;

/// Arguments of `clickup_checklist_item_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // From clickup_task_get include:[checklists].
    pub checklist_id: String,
    // The item's text.
    pub name: String,
    // A person.
    #[serde(default)]
    pub assignee: Option<String>,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The result of `clickup_checklist_item_create` (and of `clickup_checklist_item_update`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The item as read back.
    pub item: ItemOut,
    /// Its checklist, as read back.
    pub checklist: ChecklistOut,
    /// Whether the task was read back.
    pub verified: bool,
    /// Requested values the item does not show.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for ChecklistItemCreate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_checklist_item_create",
        title: "Add a checklist item",
        description: "Add an item to a checklist, optionally assigned.",
        tier: Tier::Free,
        toolset: Toolset::Checklists,
        everyday: false,
        effect: Effect::Write,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let id = checklist_id(&args.checklist_id)?;
        let text = name("name", &args.name)?;
        let assignee = match args.assignee.as_deref() {
            Some(reference) => {
                let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
                Some(person(ctx, &ws, reference).await?)
            }
            None => {
                if let Some(workspace) = args.workspace.workspace_id.as_deref() {
                    resolve::workspace(ctx, Some(workspace)).await?;
                }
                None
            }
        };
        let request = NewChecklistItem {
            name: text.clone(),
            assignee,
        };
        let result = ctx
            .clickup
            .create_checklist_item(&ctx.token, &id, &request)
            .await;
        let answered: Checklist = ctx.answer("The checklist", result).await?;
        // ClickUp answers the whole checklist: the new item is the last one with this text.
        let item_id = answered
            .items
            .iter()
            .rev()
            .find(|i| i.name == text)
            .map(|i| i.id.clone())
            .ok_or_else(|| {
                ToolError::upstream(
                    "ClickUp accepted the item but its answer does not show it; check with \
                     clickup_task_get include:[checklists].",
                )
            })?;
        let expect = Expect {
            name: Some(text),
            assignee: Some(assignee),
            resolved: None,
            parent: None,
        };
        verify_item(ctx, answered, &item_id, &expect).await
    }
}

/// What an item should show after a write (`None`: not asked).
#[derive(Debug, Default)]
pub(crate) struct Expect {
    pub(crate) name: Option<String>,
    /// `Some(None)`: unassigned.
    pub(crate) assignee: Option<Option<u64>>,
    pub(crate) resolved: Option<bool>,
    /// `Some(None)`: not nested.
    pub(crate) parent: Option<Option<String>>,
}

//! `clickup_checklist_create`: add a checklist to a task, optionally with items, and read the
//! task back.

use crate::dependencies::PLAIN_READ;
use clickup::ids::TaskRef;
use clickup::models::checklist::{NewChecklist, NewChecklistItem};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::checklists::{ChecklistOut, MAX_ITEMS, Reread, checklist_id, name, reread};
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};
use crate::{resolve, task_ref};

/// `clickup_checklist_create`.
#[derive(Debug)]
pub struct ChecklistCreate;

/// Arguments of `clickup_checklist_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference.
    pub task: String,
    // The checklist's name.
    pub name: String,
    /// Item texts, in order (at most 50).
    #[serde(default)]
    pub items: Vec<String>,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The result of `clickup_checklist_create`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The checklist as read back (as created when the read failed).
    pub checklist: ChecklistOut,
    /// Whether the task was read back.
    pub verified: bool,
    /// Requested values the checklist does not show.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for ChecklistCreate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_checklist_create",
        title: "Create a checklist",
        description: "Add a checklist to a task, optionally with items.",
        tier: Tier::Free,
        toolset: Toolset::Checklists,
        everyday: false,
        effect: Effect::Write,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let checklist_name = name("name", &args.name)?;
        if args.items.len() > MAX_ITEMS {
            return Err(ToolError::invalid_argument(format!(
                "`items` holds at most {MAX_ITEMS} items; add more with clickup_checklist_item_create."
            )));
        }
        let items = args
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| name(&format!("items[{i}]"), item))
            .collect::<Result<Vec<_>, _>>()?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let task = task_ref::resolve(ctx, &ws, &args.task, None).await?;

        let request = NewChecklist {
            name: checklist_name.clone(),
        };
        let created = ctx
            .clickup
            .create_checklist(&ctx.token, &task, &request)
            .await;
        let mut checklist = ctx.answer("The task", created).await?;
        let id = checklist_id(&checklist.id)?;
        let total = items.len() as u64;
        for (done, item) in items.iter().enumerate() {
            let request = NewChecklistItem {
                name: item.clone(),
                assignee: None,
            };
            let added = ctx
                .clickup
                .create_checklist_item(&ctx.token, &id, &request)
                .await;
            match ctx.answer("The new checklist", added).await {
                Ok(now) => checklist = now,
                Err(err) => {
                    return Err(err.with_hint(format!(
                        "The checklist was created (id {id}) with the first {done} items; add the \
                         rest with clickup_checklist_item_create.",
                    )));
                }
            }
            ctx.progress(done as u64 + 1, total, "items added").await;
        }

        // The checklist's task, by canonical id: from the answer, else read once.
        let task_id = match crate::checklists::task_of(&checklist) {
            Some(id) => Some(id),
            None => match &task {
                TaskRef::Id(id) => Some(id.clone()),
                custom => ctx
                    .clickup
                    .get_task(&ctx.token, custom, PLAIN_READ)
                    .await
                    .ok()
                    .map(|t| t.id),
            },
        };
        let read = match &task_id {
            Some(task_id) => reread(ctx, task_id, &checklist.id).await,
            None => Reread::Failed,
        };
        let (shown, verified, not_applied) = match read {
            Reread::Read(Some(after)) => {
                let mut verifier = Verifier::default();
                verifier.same("name", checklist_name.as_str(), after.name.as_str());
                let names: Vec<&str> = after.items.iter().map(|i| i.name.as_str()).collect();
                let wanted: Vec<&str> = items.iter().map(String::as_str).collect();
                verifier.same("items", wanted, names);
                (after, true, verifier.finish())
            }
            Reread::Read(None) => {
                let missing = NotApplied {
                    field: "checklist".into(),
                    requested: Value::from(checklist_name.clone()),
                    actual: Value::Null,
                };
                (checklist, true, vec![missing])
            }
            Reread::Failed => (checklist, false, Vec::new()),
        };
        let mut out = ChecklistOut::from(&shown);
        if out.task_id.is_none() {
            out.task_id = task_id.map(|t| t.to_string());
        }
        Ok(Output {
            checklist: out,
            verified,
            not_applied,
        })
    }
}

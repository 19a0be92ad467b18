//! `clickup_task_bulk_create` (premium): create up to 100 tasks in one list, one by one; items
//! may name each other with `ref`, `parent_ref` (subtask of) and `waiting_on_refs` (waits on).

use std::collections::HashMap;

use clickup::ids::{TaskId, TaskRef};
use clickup::models::NewDependency;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::error::{ToolError, ToolErrorCode};
use crate::ids;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::tasks::bulk::{
    BulkResult, ItemError, ItemResult, NOT_ATTEMPTED, budget_spent, check_count, code_name,
    not_attempted,
};
use crate::tasks::creation::{CreateExtras, CreateFields, create_one};
use crate::tasks::list_context::ListContext;
use crate::toolsets::Toolset;

/// `clickup_task_bulk_create`.
#[derive(Debug)]
pub struct TaskBulkCreate;

// One task of `clickup_task_bulk_create` (no description in the schema: the tool's says it).
// Inlined into `tasks`: a `$ref` would cost more than it saves.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(inline, extend("additionalProperties" = false))]
pub struct BulkCreateItem {
    // The task's fields.
    #[serde(flatten)]
    pub fields: CreateFields,
    // A name for this item, so that other items can point at it (the tool description says so).
    #[serde(default, rename = "ref")]
    pub reference: Option<String>,
    // The `ref` of another item of this call: this task becomes its subtask.
    #[serde(default)]
    pub parent_ref: Option<String>,
    // The `ref`s of other items of this call that this task waits on.
    #[serde(default)]
    pub waiting_on_refs: Vec<String>,
}

/// Arguments of `clickup_task_bulk_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A list reference: every task goes into it.
    pub list: String,
    // At most 100 (`MAX_ITEMS`; the tool description says so).
    pub tasks: Vec<BulkCreateItem>,
    // Read each task back and report `not_applied` (default true, said by the schema's
    // `default`).
    #[serde(default)]
    #[schemars(extend("default" = true))]
    pub verify: Option<bool>,
    // Shared conventions (initialize instructions): no description in the schema.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for TaskBulkCreate {
    type Args = Args;
    type Output = BulkResult;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_bulk_create",
        title: "Create tasks in bulk",
        description: "Create up to 100 tasks in one list, one by one (not atomic). An \
                      item's `ref` names it for other items' `parent_ref` (subtask of) \
                      and `waiting_on_refs` (waits on).",
        tier: Tier::Premium,
        toolset: Toolset::Bulk,
        everyday: true,
        effect: Effect::Write,
        references: &["list"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<BulkResult, ToolError> {
        check_count(args.tasks.len())?;
        let order = creation_order(&args.tasks)?;
        let verify = args.verify.unwrap_or(true);
        let reader = ctx.date_reader(args.workspace.timezone.as_deref())?;
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let location = resolve::location(ctx, &workspace, &args.list, Some(Kind::List)).await?;
        let mut list = ListContext::new(ids::list(&location.id)?);
        let with_dependencies = args
            .tasks
            .iter()
            .filter(|t| !t.waiting_on_refs.is_empty())
            .count();
        let total = (args.tasks.len() + with_dependencies) as u64;
        let mut done = 0u64;

        let mut results: Vec<Option<ItemResult>> = vec![None; args.tasks.len()];
        let mut created: HashMap<usize, TaskId> = HashMap::new();
        let mut stopped = false;
        for &i in &order {
            let item = &args.tasks[i];
            stopped = stopped || budget_spent(ctx);
            if stopped {
                results[i] = Some(not_attempted(i));
                continue;
            }
            let parent = match item
                .parent_ref
                .as_deref()
                .map(|r| ref_index(&args.tasks, r))
            {
                Some(Some(p)) => match created.get(&p) {
                    Some(id) => Some(id.clone()),
                    None => {
                        let err = ToolError::invalid_argument(format!(
                            "Not created: its parent (item {p}) was not created."
                        ));
                        results[i] = Some(ItemResult::failed(i, &err));
                        continue;
                    }
                },
                _ => None,
            };
            let extras = CreateExtras {
                parent,
                verify,
                ..CreateExtras::default()
            };
            let outcome =
                create_one(ctx, &workspace, &reader, &mut list, &item.fields, extras).await;
            results[i] = Some(match outcome {
                Ok(task) => {
                    created.insert(i, task.task.id.clone());
                    ItemResult {
                        index: i,
                        ok: true,
                        id: Some(task.task.id.to_string()),
                        custom_id: task.task.custom_id.clone(),
                        name: None,
                        error: None,
                        not_applied: task.not_applied,
                        tags: None,
                    }
                }
                Err(err) => {
                    stopped = err.code == ToolErrorCode::RateLimited;
                    ItemResult::failed(i, &err)
                }
            });
            done += 1;
            ctx.progress(done, total, format!("created item {i}")).await;
        }

        for (i, item) in args.tasks.iter().enumerate() {
            if item.waiting_on_refs.is_empty() {
                continue;
            }
            let Some(id) = created.get(&i) else { continue };
            let mut failure = None;
            for r in &item.waiting_on_refs {
                if stopped {
                    failure = Some(ToolError::new(ToolErrorCode::RateLimited, NOT_ATTEMPTED));
                    break;
                }
                let Some(other) = ref_index(&args.tasks, r).and_then(|j| created.get(&j)) else {
                    failure = Some(ToolError::invalid_argument(
                        "A task it should wait on was not created; the dependency was not added.",
                    ));
                    continue;
                };
                let dependency = NewDependency::WaitingOn(other.clone());
                if let Err(err) = ctx
                    .clickup
                    .add_dependency(&ctx.token, &TaskRef::Id(id.clone()), &dependency)
                    .await
                {
                    let err = ctx.clickup_error(err, "The task").await;
                    stopped = err.code == ToolErrorCode::RateLimited;
                    failure = Some(err);
                }
            }
            if let (Some(err), Some(Some(result))) = (failure, results.get_mut(i)) {
                result.ok = false;
                result.error = Some(ItemError {
                    code: code_name(err.code),
                    message: format!("Created, but a dependency was not added: {}", err.message),
                });
            }
            done += 1;
            ctx.progress(done, total, format!("linked item {i}")).await;
        }
        Ok(BulkResult::new(
            results
                .into_iter()
                .enumerate()
                .map(|(i, r)| r.unwrap_or_else(|| not_attempted(i)))
                .collect(),
        ))
    }
}

/// The order to create items in (parents before their subtasks), after checking the refs:
/// unique, known, not pointing at the item itself, no parent cycles.
fn creation_order(items: &[BulkCreateItem]) -> Result<Vec<usize>, ToolError> {
    let mut refs: HashMap<&str, usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        if let Some(r) = item.reference.as_deref() {
            let r = r.trim();
            if r.is_empty() || refs.insert(r, i).is_some() {
                return Err(ToolError::invalid_argument(format!(
                    "Item {i}: every `ref` must be non-empty and unique."
                )));
            }
        }
    }
    let known = |i: usize, r: &str| -> Result<usize, ToolError> {
        match refs.get(r.trim()) {
            Some(&j) if j != i => Ok(j),
            Some(_) => Err(ToolError::invalid_argument(format!(
                "Item {i} points at itself."
            ))),
            None => Err(ToolError::invalid_argument(format!(
                "Item {i} points at a `ref` no item has."
            ))),
        }
    };
    let mut parent_of = vec![None; items.len()];
    for (i, item) in items.iter().enumerate() {
        if let Some(r) = item.parent_ref.as_deref() {
            if item.fields.parent.is_some() {
                return Err(ToolError::invalid_argument(format!(
                    "Item {i}: give `parent` or `parent_ref`, not both."
                )));
            }
            parent_of[i] = Some(known(i, r)?);
        }
        for r in &item.waiting_on_refs {
            known(i, r)?;
        }
    }
    let mut order = Vec::with_capacity(items.len());
    let mut placed = vec![false; items.len()];
    while order.len() < items.len() {
        let before = order.len();
        for i in 0..items.len() {
            if !placed[i] && parent_of[i].is_none_or(|p| placed[p]) {
                placed[i] = true;
                order.push(i);
            }
        }
        if order.len() == before {
            return Err(ToolError::invalid_argument(
                "The items' `parent_ref`s form a cycle.",
            ));
        }
    }
    Ok(order)
}

fn ref_index(items: &[BulkCreateItem], reference: &str) -> Option<usize> {
    items
        .iter()
        .position(|t| t.reference.as_deref().map(str::trim) == Some(reference.trim()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn items(value: serde_json::Value) -> Vec<BulkCreateItem> {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn parents_are_created_before_their_subtasks() {
        let order = creation_order(&items(json!([
            {"name": "child", "parent_ref": "p"},
            {"name": "parent", "ref": "p"},
            {"name": "grandchild", "parent_ref": "c", "ref": "g"},
        ])))
        .unwrap_err();
        assert!(order.message.contains("no item has"), "{}", order.message);
        let order = creation_order(&items(json!([
            {"name": "child", "parent_ref": "p", "ref": "c"},
            {"name": "parent", "ref": "p"},
            {"name": "grandchild", "parent_ref": "c"},
        ])))
        .unwrap();
        assert_eq!(order, vec![1, 0, 2]);
    }

    #[test]
    fn bad_refs_are_refused_before_anything_is_done() {
        let cases = [
            (
                json!([{"name": "a", "ref": "x"}, {"name": "b", "ref": "x"}]),
                "unique",
            ),
            (
                json!([{"name": "a", "ref": "x", "parent_ref": "x"}]),
                "itself",
            ),
            (
                json!([{"name": "a", "ref": "x", "parent_ref": "y"}, {"name": "b", "ref": "y", "parent_ref": "x"}]),
                "cycle",
            ),
            (
                json!([{"name": "a", "waiting_on_refs": ["nope"]}]),
                "no item has",
            ),
        ];
        for (value, message) in cases {
            let err = creation_order(&items(value.clone())).unwrap_err();
            assert!(err.message.contains(message), "{value}: {}", err.message);
        }
        assert!(
            check_count(101)
                .unwrap_err()
                .message
                .contains("at most 100")
        );
    }
}

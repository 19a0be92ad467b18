//! The premium bulk forms (TOOLS.md §1.12, §7): `clickup_task_bulk_create` (≤ 100 tasks in one
//! list; items may name each other with `ref`, `parent_ref`, `waiting_on_refs`) and
//! `clickup_task_bulk_update` (≤ 100 `{task, …fields}`). Items run one after another, each on
//! its own (not atomic), within the token's ClickUp budget (the client waits for a short reset);
//! when ClickUp's budget runs out, that item fails `rate_limited` and the rest are
//! `not_attempted`. Results come in input order. With a `progressToken`, an MCP progress
//! notification follows each item.

use std::collections::HashMap;

use clickup::ids::{TaskId, TaskRef};
use clickup::models::NewDependency;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::context::ToolContext;
use crate::error::{ToolError, ToolErrorCode};
use crate::ids;
use crate::registry::ToolFuture;
use crate::resolve::{self, Kind};
use crate::tasks::update::{UpdateFields, update_one};
use crate::tasks::verify::NotApplied;
use crate::tasks::write::{CreateExtras, CreateFields, ListContext, create_one};

/// Most items of one bulk call.
pub const MAX_ITEMS: usize = 100;

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
pub struct TaskBulkCreateArgs {
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
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default)]
    pub workspace_id: Option<String>,
}

// One task of `clickup_task_bulk_update`: a task reference and its changes. Inlined into
// `tasks`.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(inline, extend("additionalProperties" = false))]
pub struct BulkUpdateItem {
    pub task: String,
    // What to change (as clickup_task_update).
    #[serde(flatten)]
    pub fields: UpdateFields,
}

/// Arguments of `clickup_task_bulk_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct TaskBulkUpdateArgs {
    // At most 100 (`MAX_ITEMS`; the tool description says so).
    pub tasks: Vec<BulkUpdateItem>,
    // Read each task back and report `not_applied` (default true, said by the schema's
    // `default`).
    #[serde(default)]
    #[schemars(extend("default" = true))]
    pub verify: Option<bool>,
    // Shared conventions (initialize instructions): no description in the schema.
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default)]
    pub workspace_id: Option<String>,
}

/// Why an item failed or was not attempted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ItemError {
    /// The machine code (`invalid_argument`, `not_found`, `rate_limited`, …).
    pub code: String,
    /// What happened.
    pub message: String,
}

impl From<&ToolError> for ItemError {
    fn from(err: &ToolError) -> Self {
        Self {
            code: code_name(err.code),
            message: err.message.clone(),
        }
    }
}

fn code_name(code: ToolErrorCode) -> String {
    serde_json::to_value(code)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The outcome of one item.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ItemResult {
    /// Position in the input, from 0.
    pub index: usize,
    /// Whether the item was done (requested fields that did not take are in `not_applied`).
    pub ok: bool,
    /// The task id (also when a later step of the item failed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The custom task id, when the workspace uses them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_id: Option<String>,
    /// Why it failed or was not attempted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ItemError>,
    /// Requested changes the task does not show after the write (verified items).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_applied: Vec<NotApplied>,
}

impl ItemResult {
    fn failed(index: usize, err: &ToolError) -> Self {
        Self {
            index,
            ok: false,
            id: None,
            custom_id: None,
            error: Some(err.into()),
            not_applied: Vec::new(),
        }
    }
}

/// The answer of a bulk call (TOOLS.md §1.12).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct BulkResult {
    /// One result per item, in input order.
    pub results: Vec<ItemResult>,
    /// Items done.
    pub succeeded: usize,
    /// Items that failed.
    pub failed: usize,
    /// Items skipped because ClickUp's rate limit ran out.
    pub not_attempted: usize,
}

impl BulkResult {
    fn new(results: Vec<ItemResult>) -> Self {
        let not_attempted = results.iter().filter(|r| is_not_attempted(r)).count();
        let succeeded = results.iter().filter(|r| r.ok).count();
        Self {
            failed: results.len() - succeeded - not_attempted,
            results,
            succeeded,
            not_attempted,
        }
    }
}

const NOT_ATTEMPTED: &str =
    "Not attempted: ClickUp's rate limit for this connection ran out; retry these items later.";

fn is_not_attempted(result: &ItemResult) -> bool {
    result
        .error
        .as_ref()
        .is_some_and(|e| e.message == NOT_ATTEMPTED)
}

fn not_attempted(index: usize) -> ItemResult {
    ItemResult {
        index,
        ok: false,
        id: None,
        custom_id: None,
        error: Some(ItemError {
            code: "rate_limited".into(),
            message: NOT_ATTEMPTED.into(),
        }),
        not_applied: Vec::new(),
    }
}

/// ClickUp requests one item usually costs (write, tags, read back).
const ITEM_REQUESTS: u32 = 3;

/// Whether the token's ClickUp budget cannot cover another item before a window reset the
/// client would not wait for: then the remaining items are not attempted, rather than left
/// half-written.
fn budget_spent(ctx: &ToolContext) -> bool {
    let Some(budget) = ctx.clickup.budget(&ctx.token) else {
        return false;
    };
    let (Some(available), Some(reset_ms)) = (budget.available, budget.reset_ms) else {
        return false;
    };
    let now_ms = u64::try_from(ctx.now_ms()).unwrap_or(0);
    available < ITEM_REQUESTS && reset_ms.saturating_sub(now_ms) > 2_000
}

fn check_count(count: usize) -> Result<(), ToolError> {
    if count == 0 {
        return Err(ToolError::invalid_argument("`tasks` is empty."));
    }
    if count > MAX_ITEMS {
        return Err(ToolError::invalid_argument(format!(
            "`tasks` has {count} items; at most {MAX_ITEMS} per call. Nothing was done: split the call."
        )));
    }
    Ok(())
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

/// `clickup_task_bulk_create`.
pub fn task_bulk_create<'a>(
    ctx: &'a ToolContext,
    args: TaskBulkCreateArgs,
) -> ToolFuture<'a, BulkResult> {
    Box::pin(async move {
        check_count(args.tasks.len())?;
        let order = creation_order(&args.tasks)?;
        let verify = args.verify.unwrap_or(true);
        let reader = ctx.date_reader(args.timezone.as_deref())?;
        let workspace = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
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
                        error: None,
                        not_applied: task.not_applied,
                    }
                }
                Err(err) => {
                    stopped = err.code == ToolErrorCode::RateLimited;
                    ItemResult::failed(i, &err)
                }
            });
            done += 1;
            report(ctx, done, total, format!("created item {i}")).await;
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
            report(ctx, done, total, format!("linked item {i}")).await;
        }
        Ok(BulkResult::new(
            results
                .into_iter()
                .enumerate()
                .map(|(i, r)| r.unwrap_or_else(|| not_attempted(i)))
                .collect(),
        ))
    })
}

fn ref_index(items: &[BulkCreateItem], reference: &str) -> Option<usize> {
    items
        .iter()
        .position(|t| t.reference.as_deref().map(str::trim) == Some(reference.trim()))
}

/// `clickup_task_bulk_update`.
pub fn task_bulk_update<'a>(
    ctx: &'a ToolContext,
    args: TaskBulkUpdateArgs,
) -> ToolFuture<'a, BulkResult> {
    Box::pin(async move {
        check_count(args.tasks.len())?;
        let verify = args.verify.unwrap_or(true);
        let reader = ctx.date_reader(args.timezone.as_deref())?;
        let workspace = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let total = args.tasks.len() as u64;
        let mut results = Vec::with_capacity(args.tasks.len());
        let mut stopped = false;
        for (i, item) in args.tasks.iter().enumerate() {
            stopped = stopped || budget_spent(ctx);
            if stopped {
                results.push(not_attempted(i));
                continue;
            }
            let outcome = match item.fields.check() {
                Ok(()) => {
                    update_one(ctx, &workspace, &reader, &item.task, &item.fields, verify).await
                }
                Err(err) => Err(err),
            };
            results.push(match outcome {
                Ok(task) => ItemResult {
                    index: i,
                    ok: true,
                    id: Some(task.task.id.to_string()),
                    custom_id: task.task.custom_id.clone(),
                    error: None,
                    not_applied: task.not_applied,
                },
                Err(err) => {
                    stopped = err.code == ToolErrorCode::RateLimited;
                    ItemResult::failed(i, &err)
                }
            });
            report(ctx, i as u64 + 1, total, format!("updated item {i}")).await;
        }
        Ok(BulkResult::new(results))
    })
}

async fn report(ctx: &ToolContext, done: u64, total: u64, message: String) {
    ctx.progress(done, total, message).await;
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

    #[test]
    fn counts_split_succeeded_failed_and_not_attempted() {
        let err = ToolError::invalid_argument("bad");
        let ok = ItemResult {
            index: 0,
            ok: true,
            id: Some("1".into()),
            custom_id: None,
            error: None,
            not_applied: Vec::new(),
        };
        let result = BulkResult::new(vec![ok, ItemResult::failed(1, &err), not_attempted(2)]);
        assert_eq!(
            (result.succeeded, result.failed, result.not_attempted),
            (1, 1, 1)
        );
    }
}

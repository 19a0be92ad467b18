//! What the premium bulk forms share (docs/tools.md, "Bulk" and "Catalogue"): `clickup_task_bulk_create`,
//! `clickup_task_bulk_update`, `clickup_task_bulk_move` and `clickup_task_bulk_delete` take at
//! most 100 items, which run one after another, each on its
//! own (not atomic), within the token's ClickUp budget (the client waits for a short reset);
//! when ClickUp's budget runs out, that item fails `rate_limited` and the rest are
//! `not_attempted`. Results come in input order. With a `progressToken`, an MCP progress
//! notification follows each item.

use schemars::JsonSchema;
use serde::Serialize;

use crate::context::ToolContext;
use crate::error::{ToolError, ToolErrorCode};
use crate::tasks::verify::NotApplied;

/// Most items of one bulk call.
pub const MAX_ITEMS: usize = 100;

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

pub(crate) fn code_name(code: ToolErrorCode) -> String {
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
    /// The task's name (bulk deletes and moves: what was done to).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Why it failed or was not attempted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ItemError>,
    /// Requested changes the task does not show after the write (verified items).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_applied: Vec<NotApplied>,
    /// The tags the item's change put on and took off (updates that change tags).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<crate::tasks::changes::TagChange>,
}

impl ItemResult {
    pub(crate) fn failed(index: usize, err: &ToolError) -> Self {
        Self {
            index,
            ok: false,
            id: None,
            custom_id: None,
            name: None,
            error: Some(err.into()),
            not_applied: Vec::new(),
            tags: None,
        }
    }
}

/// The answer of a bulk call (docs/tools.md, "Bulk").
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
    pub(crate) fn new(results: Vec<ItemResult>) -> Self {
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

pub(crate) const NOT_ATTEMPTED: &str =
    "Not attempted: ClickUp's rate limit for this connection ran out; retry these items later.";

fn is_not_attempted(result: &ItemResult) -> bool {
    result
        .error
        .as_ref()
        .is_some_and(|e| e.message == NOT_ATTEMPTED)
}

pub(crate) fn not_attempted(index: usize) -> ItemResult {
    ItemResult {
        index,
        ok: false,
        id: None,
        custom_id: None,
        name: None,
        error: Some(ItemError {
            code: "rate_limited".into(),
            message: NOT_ATTEMPTED.into(),
        }),
        not_applied: Vec::new(),
        tags: None,
    }
}

/// ClickUp requests one item usually costs (write, tags, read back).
const ITEM_REQUESTS: u32 = 3;

/// Whether the token's ClickUp budget cannot cover another item before a window reset the
/// client would not wait for: then the remaining items are not attempted, rather than left
/// half-written.
pub(crate) fn budget_spent(ctx: &ToolContext) -> bool {
    let Some(budget) = ctx.clickup.budget(&ctx.token) else {
        return false;
    };
    let (Some(available), Some(reset_ms)) = (budget.available, budget.reset_ms) else {
        return false;
    };
    let now_ms = u64::try_from(ctx.now_ms()).unwrap_or(0);
    available < ITEM_REQUESTS && reset_ms.saturating_sub(now_ms) > 2_000
}

pub(crate) fn check_count(count: usize) -> Result<(), ToolError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_split_succeeded_failed_and_not_attempted() {
        let err = ToolError::invalid_argument("bad");
        let ok = ItemResult {
            index: 0,
            ok: true,
            id: Some("1".into()),
            custom_id: None,
            name: None,
            error: None,
            not_applied: Vec::new(),
            tags: None,
        };
        let result = BulkResult::new(vec![ok, ItemResult::failed(1, &err), not_attempted(2)]);
        assert_eq!(
            (result.succeeded, result.failed, result.not_attempted),
            (1, 1, 1)
        );
    }
}

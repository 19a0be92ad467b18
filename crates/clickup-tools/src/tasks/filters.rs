//! The task filters **TF** of docs/tools.md, "Task filters and task fields", shared by `clickup_task_list`, `clickup_task_search`
//! and `clickup_my_task_list`, and their translation into the client's
//! [`clickup::filters::TaskFilter`]: people resolved to ids, dates read in the call's zone
//! (`*_after` a bare date = start of that day, `*_before` = end of it), custom-field names
//! resolved to ids, task types resolved to `custom_items[]`.

use clickup::filters::{CustomFieldFilter, TaskFilter, TaskOrder};
use clickup::ids::{FieldId, ListId, UserId};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::dates::{Bound, DateArg, DateReader};
use crate::error::{Candidate, ToolError};
use crate::tasks::arguments;

/// Operators ClickUp's task filter takes for custom fields.
const OPERATORS: &[&str] = &[
    "=",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "IS NULL",
    "IS NOT NULL",
    "RANGE",
    "ANY",
    "ALL",
    "NOT ANY",
    "NOT ALL",
];

// How ClickUp orders the tasks (no description in the schema: the values say it; inlined, as
// it is used once per tool).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum OrderBy {
    /// Newest created first (ClickUp's default).
    Created,
    /// Most recently updated first.
    Updated,
    /// Soonest due first, undated last.
    DueDate,
    /// By id.
    Id,
}

impl OrderBy {
    fn upstream(self) -> TaskOrder {
        match self {
            OrderBy::Created => TaskOrder::Created,
            OrderBy::Updated => TaskOrder::Updated,
            OrderBy::DueDate => TaskOrder::DueDate,
            OrderBy::Id => TaskOrder::Id,
        }
    }

    fn name(self) -> &'static str {
        match self {
            OrderBy::Created => "created",
            OrderBy::Updated => "updated",
            OrderBy::DueDate => "due_date",
            OrderBy::Id => "id",
        }
    }
}

// One custom-field condition (`//`, not `///`: no description in the schema). Inlined: used
// once per tool.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct FieldCondition {
    /// Id, or name if one list.
    pub field: String,
    /// =, !=, <, <=, >, >=, (NOT) ANY, (NOT) ALL, RANGE, IS (NOT) NULL.
    pub operator: String,
    // Leave out for IS NULL and IS NOT NULL.
    /// Option id; [low, high] for RANGE; array for ANY/ALL.
    #[serde(default)]
    #[schemars(schema_with = "any_value")]
    pub value: Option<Value>,
}

/// The schema of a JSON value of any type but `null`, one `type` per branch (portable).
fn any_value(_generator: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            {"type": "string"},
            {"type": "number"},
            {"type": "boolean"},
            {"type": "array"},
            {"type": "object"},
        ],
    })
}

/// The task filters (TF) of `clickup_task_list` and `clickup_task_search`: the common ones,
/// plus who and in which order (`clickup_my_task_list` fixes those).
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct TaskFilterArgs {
    // The filters every task listing takes.
    #[serde(flatten)]
    pub common: CommonFilterArgs,
    // Assignees: any of these people.
    #[serde(default)]
    pub assignees: Vec<String>,
    // Default `created` (ClickUp's).
    #[serde(default)]
    pub order_by: Option<OrderBy>,
    #[serde(default)]
    pub reverse: Option<bool>,
}

impl From<CommonFilterArgs> for TaskFilterArgs {
    fn from(common: CommonFilterArgs) -> Self {
        Self {
            common,
            ..Self::default()
        }
    }
}

/// The task filters every task listing takes, `clickup_my_task_list` included. Names and dates
/// are self-explanatory (the shared `Date` says the format); a bare date in `*_after` means the
/// start of that day, in `*_before` its end.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct CommonFilterArgs {
    // Status names, case-insensitive.
    #[serde(default)]
    pub statuses: Vec<String>,
    // Closed statuses are left out unless asked (the tool descriptions say so).
    #[serde(default)]
    pub include_closed: Option<bool>,
    // Any of these tags.
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub due_after: Option<DateArg>,
    #[serde(default)]
    pub due_before: Option<DateArg>,
    #[serde(default)]
    pub created_after: Option<DateArg>,
    #[serde(default)]
    pub created_before: Option<DateArg>,
    #[serde(default)]
    pub updated_after: Option<DateArg>,
    #[serde(default)]
    pub updated_before: Option<DateArg>,
    #[serde(default)]
    pub done_after: Option<DateArg>,
    #[serde(default)]
    pub done_before: Option<DateArg>,
    // Custom-field conditions, all of which must hold.
    #[serde(default)]
    pub custom_fields: Vec<FieldCondition>,
    // Task types by id or name (`Bug`, `Milestone`).
    #[serde(default)]
    pub task_types: Vec<String>,
    // Subtasks are left out unless asked (the tool descriptions say so).
    #[serde(default)]
    pub subtasks: Option<bool>,
}

/// Where custom-field names are looked up.
#[derive(Clone, Debug)]
pub enum FieldScope {
    /// The fields of this list.
    List(ListId),
    /// No list known: only field ids are accepted.
    None,
}

fn date_json(value: Option<&DateArg>) -> Value {
    match value {
        None => Value::Null,
        Some(DateArg::Millis(ms)) => json!(ms),
        Some(DateArg::Text(text)) => json!(text),
    }
}

impl TaskFilterArgs {
    /// The filters as JSON, for the cursor fingerprint: what the caller wrote, so that a relative
    /// date (`today`) keeps meaning the same query from page to page.
    pub fn fingerprint(&self) -> Value {
        json!({
            "statuses": self.common.statuses,
            "include_closed": self.common.include_closed,
            "assignees": self.assignees,
            "tags": self.common.tags,
            "due_after": date_json(self.common.due_after.as_ref()),
            "due_before": date_json(self.common.due_before.as_ref()),
            "created_after": date_json(self.common.created_after.as_ref()),
            "created_before": date_json(self.common.created_before.as_ref()),
            "updated_after": date_json(self.common.updated_after.as_ref()),
            "updated_before": date_json(self.common.updated_before.as_ref()),
            "done_after": date_json(self.common.done_after.as_ref()),
            "done_before": date_json(self.common.done_before.as_ref()),
            "custom_fields": self.common.custom_fields.iter().map(|c| json!({
                "field": c.field, "operator": c.operator, "value": c.value,
            })).collect::<Vec<_>>(),
            "task_types": self.common.task_types,
            "subtasks": self.common.subtasks,
            "order_by": self.order_by.map(OrderBy::name),
            "reverse": self.reverse,
        })
    }

    /// The client's filter (page 0), with every reference resolved.
    pub async fn to_filter(
        &self,
        ctx: &ToolContext,
        workspace: &WorkspaceInfo,
        reader: &DateReader,
        scope: &FieldScope,
    ) -> Result<TaskFilter, ToolError> {
        let bound = |arg: &str, value: &Option<DateArg>, which: Bound| {
            value
                .as_ref()
                .map(|v| reader.parse_bound(arg, v, which))
                .transpose()
        };
        let assignees = arguments::people(ctx, workspace, &self.assignees)
            .await?
            .into_iter()
            .map(UserId)
            .collect();
        Ok(TaskFilter {
            page: 0,
            order_by: self.order_by.map(OrderBy::upstream),
            reverse: self.reverse,
            subtasks: self.common.subtasks,
            include_closed: self.common.include_closed,
            include_markdown_description: None,
            statuses: clean(&self.common.statuses, "statuses")?,
            assignees,
            tags: clean(&self.common.tags, "tags")?
                .into_iter()
                .map(|t| t.to_lowercase())
                .collect(),
            due_after: bound("due_after", &self.common.due_after, Bound::After)?,
            due_before: bound("due_before", &self.common.due_before, Bound::Before)?,
            created_after: bound("created_after", &self.common.created_after, Bound::After)?,
            created_before: bound("created_before", &self.common.created_before, Bound::Before)?,
            updated_after: bound("updated_after", &self.common.updated_after, Bound::After)?,
            updated_before: bound("updated_before", &self.common.updated_before, Bound::Before)?,
            done_after: bound("done_after", &self.common.done_after, Bound::After)?,
            done_before: bound("done_before", &self.common.done_before, Bound::Before)?,
            custom_fields: field_conditions(ctx, &self.common.custom_fields, scope).await?,
            custom_items: task_types(ctx, workspace, &self.common.task_types).await?,
        })
    }
}

/// Trimmed, non-empty names, at most 100.
fn clean(values: &[String], arg: &str) -> Result<Vec<String>, ToolError> {
    if values.len() > 100 {
        return Err(ToolError::invalid_argument(format!(
            "`{arg}` takes at most 100 values."
        )));
    }
    let out: Vec<String> = values
        .iter()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect();
    Ok(out)
}

/// Whether a field reference is a field id (ClickUp's are UUIDs).
pub fn looks_like_field_id(reference: &str) -> bool {
    reference.len() == 36
        && reference
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b'-')
}

async fn field_conditions(
    ctx: &ToolContext,
    conditions: &[FieldCondition],
    scope: &FieldScope,
) -> Result<Vec<CustomFieldFilter>, ToolError> {
    if conditions.is_empty() {
        return Ok(Vec::new());
    }
    let mut fields: Option<Vec<clickup::models::CustomField>> = None;
    let mut out = Vec::with_capacity(conditions.len());
    for condition in conditions {
        let operator = condition.operator.trim().to_uppercase();
        if !OPERATORS.contains(&operator.as_str()) {
            return Err(ToolError::invalid_argument(format!(
                "`custom_fields`: unknown operator; use one of {}.",
                OPERATORS.join(", ")
            )));
        }
        let needs_value = !matches!(operator.as_str(), "IS NULL" | "IS NOT NULL");
        if needs_value != condition.value.as_ref().is_some_and(|v| !v.is_null()) {
            return Err(ToolError::invalid_argument(
                "`custom_fields`: give a `value` for every operator except IS NULL and IS NOT NULL.",
            ));
        }
        let reference = condition.field.trim();
        let value = condition.value.clone().filter(|v| !v.is_null());
        // A drop-down or labels field filters by option id: labels are mapped (ClickUp would
        // match nothing), which needs the list's field definitions.
        let by_id = looks_like_field_id(reference);
        let needs_definition = !by_id || value.as_ref().is_some_and(names_something);
        let definition = match scope {
            FieldScope::List(list) if needs_definition => {
                if fields.is_none() {
                    let found = ctx.clickup.get_list_fields(&ctx.token, list).await;
                    fields = Some(ctx.answer("The list", found).await?);
                }
                let known = fields.as_deref().unwrap_or_default();
                if by_id {
                    known.iter().find(|f| f.id == reference)
                } else {
                    Some(find_field(known, reference)?)
                }
            }
            _ if by_id => None,
            _ => {
                return Err(ToolError::invalid_argument(
                    "`custom_fields`: give field ids here, or narrow the search to one list with `lists` so names can be looked up.",
                ));
            }
        };
        let field_id = definition.map_or_else(|| reference.to_owned(), |f| f.id.clone());
        let value = match (definition, value) {
            (Some(field), Some(value)) if matches!(field.kind.as_str(), "drop_down" | "labels") => {
                Some(option_values(field, value)?)
            }
            (_, value) => value,
        };
        out.push(CustomFieldFilter {
            field_id: FieldId::new(field_id)
                .map_err(|e| ToolError::invalid_argument(format!("`custom_fields`: {e}.")))?,
            operator,
            value,
        });
    }
    Ok(out)
}

/// Whether a filter value holds text that may be an option's label (not only numbers).
fn names_something(value: &Value) -> bool {
    match value {
        Value::String(s) => s.trim().parse::<i64>().is_err(),
        Value::Array(items) => items.iter().any(names_something),
        _ => false,
    }
}

/// A drop-down or labels filter value with every label turned into its option id (numbers,
/// ClickUp's option order indexes, are kept).
fn option_values(field: &clickup::models::CustomField, value: Value) -> Result<Value, ToolError> {
    match value {
        Value::String(s) if s.trim().parse::<i64>().is_err() => {
            Ok(Value::String(crate::tasks::fields::option_id(field, &s)?))
        }
        Value::Array(items) => Ok(Value::Array(
            items
                .into_iter()
                .map(|item| option_values(field, item))
                .collect::<Result<_, _>>()?,
        )),
        other => Ok(other),
    }
}

/// A field among `fields` by id or name: exact (case-insensitive) first, then a unique
/// substring; several → `ambiguous`, none → `not_found` listing the names.
pub fn find_field<'a>(
    fields: &'a [clickup::models::CustomField],
    reference: &str,
) -> Result<&'a clickup::models::CustomField, ToolError> {
    if let Some(field) = fields.iter().find(|f| f.id == reference) {
        return Ok(field);
    }
    let needle = reference.to_lowercase();
    let exact: Vec<_> = fields
        .iter()
        .filter(|f| f.name.to_lowercase() == needle)
        .collect();
    let matches = if exact.is_empty() {
        fields
            .iter()
            .filter(|f| f.name.to_lowercase().contains(&needle))
            .collect()
    } else {
        exact
    };
    match matches.as_slice() {
        [one] => Ok(one),
        [] => {
            let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).take(50).collect();
            Err(ToolError::not_found(format!(
                "No custom field of this list matches; its fields are: {}.",
                if names.is_empty() {
                    "(none)".to_owned()
                } else {
                    names.join(", ")
                }
            )))
        }
        many => Err(ToolError::ambiguous(
            "Several custom fields match; pass the field id.",
            many.iter()
                .map(|f| Candidate {
                    id: f.id.clone(),
                    name: f.name.clone(),
                    path: None,
                })
                .collect(),
        )),
    }
}

/// Task types by id or name → `custom_items[]` (one `GET /v2/team/{team_id}/custom_item` when a
/// name is given).
pub async fn task_types(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    references: &[String],
) -> Result<Vec<u64>, ToolError> {
    let mut out = Vec::with_capacity(references.len());
    let mut known: Option<Vec<clickup::models::CustomItem>> = None;
    for reference in references {
        let reference = reference.trim();
        if let Ok(id) = reference.parse::<u64>() {
            out.push(id);
            continue;
        }
        if known.is_none() {
            known = Some(ctx.cache.task_types(ctx, &workspace.id).await?.to_vec());
        }
        out.push(find_task_type(
            known.as_deref().unwrap_or_default(),
            reference,
        )?);
    }
    Ok(out)
}

/// A task type by name: exact (case-insensitive, singular or plural), then a unique substring.
fn find_task_type(
    items: &[clickup::models::CustomItem],
    reference: &str,
) -> Result<u64, ToolError> {
    let needle = reference.to_lowercase();
    let exact: Vec<_> = items
        .iter()
        .filter(|t| {
            t.name.to_lowercase() == needle
                || t.name_plural
                    .as_deref()
                    .is_some_and(|p| p.to_lowercase() == needle)
        })
        .collect();
    let matches = if exact.is_empty() {
        items
            .iter()
            .filter(|t| t.name.to_lowercase().contains(&needle))
            .collect()
    } else {
        exact
    };
    match matches.as_slice() {
        [one] => Ok(one.id),
        [] => Err(ToolError::not_found(format!(
            "No task type of this workspace matches; its types are: {}.",
            items
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        many => Err(ToolError::ambiguous(
            "Several task types match; pass the type id.",
            many.iter()
                .map(|t| Candidate {
                    id: t.id.to_string(),
                    name: t.name.clone(),
                    path: None,
                })
                .collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_keeps_what_the_caller_wrote() {
        let a: TaskFilterArgs =
            serde_json::from_value(json!({"due_after": "today", "statuses": ["idea"]})).unwrap();
        let b: TaskFilterArgs =
            serde_json::from_value(json!({"statuses": ["idea"], "due_after": "today"})).unwrap();
        let c: TaskFilterArgs =
            serde_json::from_value(json!({"statuses": ["drafting"], "due_after": "today"}))
                .unwrap();
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_ne!(a.fingerprint(), c.fingerprint());
    }

    #[test]
    fn field_ids_are_told_from_names() {
        assert!(looks_like_field_id("5f1b0000-0000-4000-8000-000000000009"));
        assert!(!looks_like_field_id("Channel"));
    }
}

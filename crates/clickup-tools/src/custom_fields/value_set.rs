//! `clickup_custom_field_value_set`: set one custom field on a task, by field id or name, the
//! value turned into the field type's shape (`tasks/fields.rs`), then read the task back.

use clickup::ids::TaskRef;
use clickup::models::SetCustomField;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::dependencies::{TaskBrief, get};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::tasks::fields::{list_fields, prepare_value, took_effect};
use crate::tasks::filters::find_field;
use crate::tasks::shape::FieldValue;
use crate::tasks::shape::values::fields as readable;
use crate::toolsets::Toolset;
use crate::verify::NotApplied;
use crate::{ids, resolve, task_ref};

/// `clickup_custom_field_value_set`.
#[derive(Debug)]
pub struct CustomFieldValueSet;

/// Arguments of `clickup_custom_field_value_set`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference.
    pub task: String,
    /// Custom field id or name (among the task's list's fields).
    pub field: String,
    // Also a date, a number, a boolean or text; `null` clears the field.
    /// Drop-down: option label, id or orderindex; labels, users, tasks: the final set; date:
    /// a date; null clears.
    #[schemars(schema_with = "crate::tasks::fields::value_or_null")]
    pub value: Value,
    // Shared arguments (server instructions); `timezone`: how a date value is read and shown.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// The result of `clickup_custom_field_value_set`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The task.
    pub task: TaskBrief,
    /// The field with its value as read back (readable: labels, people, ISO dates).
    pub field: FieldValue,
    /// Whether the task was read back.
    pub verified: bool,
    /// The value, when the task read back does not show it.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for CustomFieldValueSet {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_custom_field_value_set",
        title: "Set a custom field on a task",
        description: "Set one custom field on a task; the value is converted to the field's \
                      type (option labels accepted; an unknown label lists the options).",
        tier: Tier::Premium,
        toolset: Toolset::CustomFields,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let reader = ctx.date_reader(args.workspace.timezone.as_deref())?;
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let reference = task_ref::resolve(ctx, &ws, &args.task, None).await?;
        let task = get(ctx, &reference).await?;
        let list = task
            .list
            .as_ref()
            .ok_or_else(|| ToolError::upstream("ClickUp did not say which list the task is in."))?;
        let definitions = list_fields(ctx, &ids::list(&list.id)?).await?;
        let field = find_field(&definitions, args.field.trim())?;
        let current = task
            .custom_fields
            .iter()
            .find(|f| f.id == field.id)
            .and_then(|f| f.value.clone());
        let prepared = prepare_value(
            ctx,
            &ws,
            &reader,
            field,
            current.as_ref(),
            &args.value,
            "value",
        )
        .await?;
        let canonical = TaskRef::Id(task.id.clone());
        let request = SetCustomField {
            value: prepared.value.clone(),
            value_options: prepared.value_options.clone(),
        };
        let result = ctx
            .clickup
            .set_custom_field(&ctx.token, &canonical, &prepared.id, &request)
            .await;
        ctx.answer("The task", result).await?;

        let (after, verified) = match get(ctx, &canonical).await {
            Ok(after) => (after, true),
            Err(_) => (task, false),
        };
        let shown = after
            .custom_fields
            .iter()
            .find(|f| f.id == field.id)
            .cloned()
            .unwrap_or_else(|| clickup::models::CustomField {
                value: None,
                ..field.clone()
            });
        let mut not_applied = Vec::new();
        if verified && !took_effect(&prepared, &after.custom_fields) {
            not_applied.push(NotApplied {
                field: "value".into(),
                requested: prepared.requested.clone(),
                actual: shown.value.clone().unwrap_or(Value::Null),
            });
        }
        let field_out = readable(std::slice::from_ref(&shown), &zone)
            .into_iter()
            .next()
            .ok_or_else(|| ToolError::upstream("The field could not be shown."))?;
        Ok(Output {
            task: TaskBrief::from(&after),
            field: field_out,
            verified,
            not_applied,
        })
    }
}

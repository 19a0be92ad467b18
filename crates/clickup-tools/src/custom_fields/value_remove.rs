//! `clickup_custom_field_value_remove`: clear one custom field of a task, by field id or name.

use clickup::ids::{FieldId, TaskRef};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::custom_fields::FieldRef;
use crate::dependencies::get;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::tasks::filters::find_field;
use crate::toolsets::Toolset;
use crate::{resolve, task_ref};

/// `clickup_custom_field_value_remove`.
#[derive(Debug)]
pub struct CustomFieldValueRemove;

/// Arguments of `clickup_custom_field_value_remove`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference.
    pub task: String,
    /// Custom field id or name (among the task's fields).
    pub field: String,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The result of `clickup_custom_field_value_remove`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// Always true when the call succeeds.
    pub ok: bool,
    /// The task id.
    pub id: String,
    /// The custom task id, when the workspace uses them.
    pub custom_id: Option<String>,
    /// The field cleared.
    pub field: FieldRef,
    /// False when the field had no value (nothing was sent).
    pub removed: bool,
}

impl Tool for CustomFieldValueRemove {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_custom_field_value_remove",
        title: "Clear a custom field on a task",
        description: "Clear one custom field's value on a task.",
        tier: Tier::Premium,
        toolset: Toolset::CustomFields,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let reference = task_ref::resolve(ctx, &ws, &args.task, None).await?;
        // The task's JSON lists every field of its list, with `value` only when set.
        let task = get(ctx, &reference).await?;
        let field = find_field(&task.custom_fields, args.field.trim())?;
        let has_value = field
            .value
            .as_ref()
            .is_some_and(|v| !v.is_null() && !v.as_array().is_some_and(Vec::is_empty) && *v != "");
        if has_value {
            let id = FieldId::new(field.id.clone())
                .map_err(|_| ToolError::upstream("ClickUp sent a field id that is not valid."))?;
            let canonical = TaskRef::Id(task.id.clone());
            let result = ctx
                .clickup
                .remove_custom_field(&ctx.token, &canonical, &id)
                .await;
            ctx.answer("The task", result).await?;
        }
        Ok(Output {
            ok: true,
            id: task.id.to_string(),
            custom_id: task.custom_id.clone(),
            field: FieldRef::from(field),
            removed: has_value,
        })
    }
}

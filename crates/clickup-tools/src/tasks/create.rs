//! `clickup_task_create`: create a task (or, with `parent`, a subtask) in a list, verified by
//! reading it back.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::ids;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::tasks::arguments;
use crate::tasks::creation::{CreateExtras, CreateFields, create_one};
use crate::tasks::list_context::ListContext;
use crate::tasks::shape::{DetailLevel, Render};
use crate::tasks::verify::TaskWriteResult;
use crate::toolsets::Toolset;

/// `clickup_task_create`.
#[derive(Debug)]
pub struct TaskCreate;

/// Arguments of `clickup_task_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A list reference.
    pub list: String,
    // The task's fields.
    #[serde(flatten)]
    pub fields: CreateFields,
    /// Task to link it to.
    #[serde(default)]
    pub links_to: Option<String>,
    /// Notify everyone, creator included.
    #[serde(default)]
    pub notify_all: Option<bool>,
    // Refuse when required custom fields get no value.
    #[serde(default)]
    pub check_required_custom_fields: Option<bool>,
    // Shared conventions (initialize instructions): no description in the schema.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for TaskCreate {
    type Args = Args;
    type Output = TaskWriteResult;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_create",
        title: "Create a task",
        description: "Create a task in `list`; with `parent` (same list), a subtask. \
                      `custom_fields` is premium.",
        tier: Tier::Free,
        toolset: Toolset::Tasks,
        everyday: true,
        effect: Effect::Write,
        references: &["list"],
        premium_arguments: &["custom_fields"],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<TaskWriteResult, ToolError> {
        if !args.fields.custom_fields.is_empty() {
            arguments::require_premium_argument(ctx, "custom_fields")?;
        }
        let reader = ctx.date_reader(args.workspace.timezone.as_deref())?;
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let location = resolve::location(ctx, &workspace, &args.list, Some(Kind::List)).await?;
        let mut list = ListContext::new(ids::list(&location.id)?);
        let extras = CreateExtras {
            parent: None,
            links_to: args.links_to,
            notify_all: args.notify_all,
            check_required_custom_fields: args.check_required_custom_fields,
            verify: true,
        };
        let created = create_one(ctx, &workspace, &reader, &mut list, &args.fields, extras).await?;
        let mut render = Render::new(reader.zone().clone(), args.detail_level);
        render
            .name_task_types(ctx, &workspace.id, [&created.task])
            .await;
        Ok(TaskWriteResult {
            task: render.task(&created.task),
            verified: created.verified,
            not_applied: created.not_applied,
            tags: None,
        })
    }
}

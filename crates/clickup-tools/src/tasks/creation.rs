//! Creating one task, for `clickup_task_create` and `clickup_task_bulk_create`: the fields of
//! a new task, the body built from them, the `POST`, the tags the body missed, and the read-back
//! (`not_applied`).

use clickup::ids::{TaskId, TaskRef};
use clickup::models::{self, CreateTask, CustomFieldValue, PriorityLevel};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::dates::{DateArg, DateReader};
use crate::durations::DurationMs;
use crate::error::ToolError;
use crate::priority::Priority;
use crate::tasks::arguments;
use crate::tasks::fields::{self, FieldInput};
use crate::tasks::filters;
use crate::tasks::list_context::ListContext;
use crate::tasks::verify::{self, Expected, NotApplied};
use crate::{ids, task_ref};

// The fields of a new task (docs/tools.md, "Task filters and task fields", plus tags and parent). `//`, not `///`: a doc
// comment would become the description of `clickup_task_bulk_create`'s items. Only what a name
// does not say is described in the schema; people, dates and durations follow the shared
// conventions.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct CreateFields {
    pub name: String,
    /// Markdown.
    #[serde(default)]
    pub description: Option<String>,
    // A status of the list, case-insensitive (default: the list's first status).
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub priority: Option<Priority>,
    #[serde(default)]
    pub assignees: Vec<String>,
    /// Group ids.
    #[serde(default)]
    pub group_assignees: Vec<String>,
    #[serde(default)]
    pub due_date: Option<DateArg>,
    #[serde(default)]
    pub start_date: Option<DateArg>,
    #[serde(default)]
    pub time_estimate: Option<DurationMs>,
    // Sprint points.
    #[serde(default)]
    pub points: Option<f64>,
    // Task type by id or name (`Bug`, `Milestone`).
    #[serde(default)]
    pub task_type: Option<String>,
    // Tag names of the list's space.
    #[serde(default)]
    pub tags: Vec<String>,
    // Parent task in the same list (the tool description says so).
    #[serde(default)]
    pub parent: Option<String>,
    // Premium (the tool description says so; free callers do not see it).
    #[serde(default)]
    pub custom_fields: Vec<FieldInput>,
}

/// What a create may add besides [`CreateFields`].
#[derive(Debug, Default)]
pub struct CreateExtras {
    /// Parent already resolved (bulk `parent_ref`).
    pub parent: Option<TaskId>,
    /// Link target.
    pub links_to: Option<String>,
    /// `notify_all`.
    pub notify_all: Option<bool>,
    /// `check_required_custom_fields`.
    pub check_required_custom_fields: Option<bool>,
    /// Read the task back.
    pub verify: bool,
}

/// A created task and what its read-back showed.
#[derive(Debug)]
pub struct Created {
    /// The task (read back when verified).
    pub task: models::Task,
    /// Whether it was read back.
    pub verified: bool,
    /// What did not take.
    pub not_applied: Vec<NotApplied>,
}

/// Create one task in `list`: build the body, `POST`, add the tags the body missed, read back.
pub async fn create_one(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    reader: &DateReader,
    list: &mut ListContext,
    fields: &CreateFields,
    extras: CreateExtras,
) -> Result<Created, ToolError> {
    let name = fields.name.trim();
    if name.is_empty() {
        return Err(ToolError::invalid_argument("`name` is empty."));
    }
    let mut expected = Expected {
        name: Some(name.to_owned()),
        ..Expected::default()
    };
    let mut body = CreateTask {
        name: name.to_owned(),
        notify_all: extras.notify_all,
        check_required_custom_fields: extras.check_required_custom_fields,
        ..CreateTask::default()
    };
    if let Some(text) = fields
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        body.markdown_content = Some(text.to_owned());
        expected.description = Some(Some(text.to_owned()));
    }
    if let Some(status) = &fields.status {
        let status = list.status(ctx, status).await?;
        expected.status = Some(status.clone());
        body.status = Some(status);
    }
    if let Some(priority) = fields.priority {
        body.priority = PriorityLevel::from_number(priority.level());
        expected.priority = Some(Some(priority));
    }
    if !fields.assignees.is_empty() {
        let people = arguments::people(ctx, workspace, &fields.assignees).await?;
        body.assignees = people.iter().copied().map(clickup::ids::UserId).collect();
        expected.assignees = Some(people);
    }
    if !fields.group_assignees.is_empty() {
        let groups = arguments::group_ids(&fields.group_assignees)?;
        body.group_assignees.clone_from(&groups);
        expected.group_assignees = Some(groups);
    }
    if let Some(due) = &fields.due_date {
        let date = reader.parse("due_date", due)?;
        body.due_date = Some(date.epoch_ms);
        body.due_date_time = Some(date.has_time);
        expected.due_date = Some(Some(date.epoch_ms));
    }
    if let Some(start) = &fields.start_date {
        let date = reader.parse("start_date", start)?;
        body.start_date = Some(date.epoch_ms);
        body.start_date_time = Some(date.has_time);
        expected.start_date = Some(Some(date.epoch_ms));
    }
    if let Some(estimate) = fields.time_estimate {
        let ms = i64::try_from(estimate.ms)
            .map_err(|_| ToolError::invalid_argument("`time_estimate` is too long."))?;
        body.time_estimate = Some(ms);
        expected.time_estimate = Some(Some(ms));
    }
    if let Some(points) = fields.points {
        if !points.is_finite() || points < 0.0 {
            return Err(ToolError::invalid_argument(
                "`points` must be a number ≥ 0.",
            ));
        }
        body.points = Some(points);
        expected.points = Some(Some(points));
    }
    if let Some(task_type) = &fields.task_type {
        let id = filters::task_types(ctx, workspace, std::slice::from_ref(task_type)).await?;
        body.custom_item_id = id.first().copied();
        expected.task_type = Some(body.custom_item_id.filter(|id| *id != 0));
    }
    let mut tags = arguments::tag_names(&fields.tags)?;
    if !tags.is_empty() {
        // The one rule for tags: the list's space must define them (ClickUp would define them
        // silently).
        let space = list.space(ctx).await?;
        tags = crate::tags::existing_tags(ctx, &space, "tags", &tags).await?;
    }
    body.tags.clone_from(&tags);
    expected.tags_included.clone_from(&tags);
    let parent = match (&extras.parent, &fields.parent) {
        (Some(id), _) => Some(id.clone()),
        (None, Some(reference)) => {
            Some(task_ref::canonical(ctx, workspace, reference, Some(list.id.as_str())).await?)
        }
        (None, None) => None,
    };
    expected.parent = parent.as_ref().map(ToString::to_string);
    body.parent = parent;
    if let Some(reference) = &extras.links_to {
        body.links_to = Some(task_ref::canonical(ctx, workspace, reference, None).await?);
    }
    if !fields.custom_fields.is_empty() {
        let definitions = list.fields(ctx).await?.to_vec();
        let prepared = fields::prepare(
            ctx,
            workspace,
            reader,
            &definitions,
            &[],
            &fields.custom_fields,
        )
        .await?;
        body.custom_fields = prepared
            .iter()
            .filter(|p| !p.value.is_null())
            .map(|p| CustomFieldValue {
                id: p.id.clone(),
                value: p.value.clone(),
            })
            .collect();
        expected.fields = prepared;
    }

    let created = ctx.clickup.create_task(&ctx.token, &list.id, &body).await;
    let created = ctx.answer("The list", created).await?;
    let reference = TaskRef::Id(created.id.clone());
    for tag in tags
        .iter()
        .filter(|t| !created.tags.iter().any(|c| c.name.eq_ignore_ascii_case(t)))
    {
        let added = ctx
            .clickup
            .add_task_tag(&ctx.token, &reference, &ids::tag(tag)?)
            .await;
        ctx.answer("The task", added).await?;
    }
    if !extras.verify {
        return Ok(Created {
            task: created,
            verified: false,
            not_applied: Vec::new(),
        });
    }
    match verify::read_back(ctx, &reference).await {
        Ok(task) => {
            let not_applied = verify::not_applied(&expected, &task, reader.zone());
            Ok(Created {
                task,
                verified: true,
                not_applied,
            })
        }
        Err(_) => Ok(Created {
            task: created,
            verified: false,
            not_applied: Vec::new(),
        }),
    }
}

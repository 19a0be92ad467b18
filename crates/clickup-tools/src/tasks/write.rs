//! Creating and deleting tasks: `clickup_task_create` (verified: read back, `not_applied`) and
//! `clickup_task_delete`. The create path is shared with `clickup_task_bulk_create`.

use clickup::ids::{ListId, TaskId, TaskRef};
use clickup::models::{self, CreateTask, CustomField, CustomFieldValue, PriorityLevel, Status};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::dates::{DateArg, DateReader};
use crate::durations::DurationMs;
use crate::error::ToolError;
use crate::priority::Priority;
use crate::registry::ToolFuture;
use crate::resolve::{self, Kind};
use crate::tasks::arguments;
use crate::tasks::fields::{self, FieldInput};
use crate::tasks::filters;
use crate::tasks::shape::{DetailLevel, Render};
use crate::tasks::verify::{self, Expected, NotApplied, TaskWriteResult};
use crate::{ids, task_ref};

// The fields of a new task (TOOLS.md §6 TW, plus tags and parent). `//`, not `///`: a doc
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

/// Arguments of `clickup_task_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct TaskCreateArgs {
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
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default)]
    pub workspace_id: Option<String>,
}

/// A list being written to, with what was read of it in this call.
#[derive(Debug)]
pub struct ListContext {
    /// The list id.
    pub id: ListId,
    statuses: Option<Vec<Status>>,
    fields: Option<Vec<CustomField>>,
}

impl ListContext {
    /// A list not read yet.
    pub fn new(id: ListId) -> Self {
        Self {
            id,
            statuses: None,
            fields: None,
        }
    }

    /// The status named `wanted` as the list spells it (one `GET /v2/list/{list_id}` per call);
    /// unknown → `invalid_argument` listing the list's statuses.
    pub async fn status(&mut self, ctx: &ToolContext, wanted: &str) -> Result<String, ToolError> {
        if self.statuses.is_none() {
            self.statuses = Some(match ctx.clickup.get_list(&ctx.token, &self.id).await {
                Ok(list) => list.statuses,
                Err(err) => return Err(ctx.clickup_error(err, "The list").await),
            });
        }
        let statuses = self.statuses.as_deref().unwrap_or_default();
        statuses
            .iter()
            .find(|s| s.status.eq_ignore_ascii_case(wanted.trim()))
            .map(|s| s.status.clone())
            .ok_or_else(|| {
                ToolError::invalid_argument(format!(
                    "Unknown status for this list; its statuses are: {}.",
                    statuses
                        .iter()
                        .map(|s| s.status.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
    }

    /// The list's custom fields (one `GET /v2/list/{list_id}/field` per call).
    pub async fn fields(&mut self, ctx: &ToolContext) -> Result<&[CustomField], ToolError> {
        if self.fields.is_none() {
            self.fields = Some(fields::list_fields(ctx, &self.id).await?);
        }
        Ok(self.fields.as_deref().unwrap_or_default())
    }
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
        let groups = group_ids(&fields.group_assignees)?;
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
    let tags = tag_names(&fields.tags)?;
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

    let created = match ctx.clickup.create_task(&ctx.token, &list.id, &body).await {
        Ok(task) => task,
        Err(err) => return Err(ctx.clickup_error(err, "The list").await),
    };
    let reference = TaskRef::Id(created.id.clone());
    for tag in tags
        .iter()
        .filter(|t| !created.tags.iter().any(|c| c.name.eq_ignore_ascii_case(t)))
    {
        if let Err(err) = ctx
            .clickup
            .add_task_tag(&ctx.token, &reference, &ids::tag(tag)?)
            .await
        {
            return Err(ctx.clickup_error(err, "The task").await);
        }
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

/// Tag names: trimmed, lower-cased (ClickUp's form), once each.
pub fn tag_names(tags: &[String]) -> Result<Vec<String>, ToolError> {
    if tags.len() > 100 {
        return Err(ToolError::invalid_argument(
            "`tags` takes at most 100 tags.",
        ));
    }
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.trim().to_lowercase();
        if tag.is_empty() {
            return Err(ToolError::invalid_argument("A tag name is empty."));
        }
        ids::tag(&tag)?;
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    Ok(out)
}

/// Group ids: trimmed, once each.
pub fn group_ids(groups: &[String]) -> Result<Vec<String>, ToolError> {
    let mut out: Vec<String> = Vec::new();
    for group in groups {
        let group = group.trim();
        if group.is_empty() || group.len() > 128 || group.chars().any(char::is_control) {
            return Err(ToolError::invalid_argument(
                "A group id is empty or not valid.",
            ));
        }
        if !out.iter().any(|g| g == group) {
            out.push(group.to_owned());
        }
    }
    Ok(out)
}

/// `clickup_task_create`.
pub fn task_create<'a>(
    ctx: &'a ToolContext,
    args: TaskCreateArgs,
) -> ToolFuture<'a, TaskWriteResult> {
    Box::pin(async move {
        if !args.fields.custom_fields.is_empty() {
            arguments::require_premium_argument(ctx, "custom_fields")?;
        }
        let reader = ctx.date_reader(args.timezone.as_deref())?;
        let workspace = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
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
        let render = Render::new(reader.zone().clone(), args.detail_level);
        Ok(TaskWriteResult {
            task: render.task(&created.task),
            verified: created.verified,
            not_applied: created.not_applied,
        })
    })
}

/// Arguments of `clickup_task_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct TaskDeleteArgs {
    // A task reference (the initialize instructions say the forms).
    pub task: String,
    #[serde(default)]
    pub workspace_id: Option<String>,
}

/// The answer of a delete.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Deleted {
    /// Always true.
    pub ok: bool,
    /// The deleted task's id (as referenced: canonical or custom).
    pub id: String,
}

/// `clickup_task_delete`.
pub fn task_delete<'a>(ctx: &'a ToolContext, args: TaskDeleteArgs) -> ToolFuture<'a, Deleted> {
    Box::pin(async move {
        let workspace = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let reference = task_ref::resolve(ctx, &workspace, &args.task, None).await?;
        match ctx.clickup.delete_task(&ctx.token, &reference).await {
            Ok(()) => Ok(Deleted {
                ok: true,
                id: reference.path_id().to_string(),
            }),
            Err(err) => Err(ctx.clickup_error(err, "The task").await),
        }
    })
}

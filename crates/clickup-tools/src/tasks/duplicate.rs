//! `clickup_task_duplicate`: copy a task — name, description, status, priority, dates,
//! estimate, points, assignees, tags and custom-field values — into its own or another list,
//! optionally with its checklists and subtasks. What the target list cannot hold (a status it
//! lacks, a tag its space does not define, a field it does not have) is left out and named in
//! `not_copied`. Comments, attachments and time entries are never copied.

use std::collections::HashMap;

use clickup::filters::TaskReadOptions;
use clickup::ids::{ChecklistId, FieldId, TaskId, TaskRef, UserId};
use clickup::models::checklist::{NewChecklist, NewChecklistItem};
use clickup::models::{CreateTask, CustomField, CustomFieldValue, Status, Task};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::task_ref;
use crate::tasks::list_context::ListContext;
use crate::tasks::shape::{DetailLevel, Named, Render, TaskSummary, group_id};
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};
use crate::{ids, markdown};

/// What `clickup_task_duplicate` never copies (said in every answer).
const NEVER_COPIED: &str = "Comments, attachments and time entries are never copied.";

/// `clickup_task_duplicate`.
#[derive(Debug)]
pub struct TaskDuplicate;

/// A section copied besides the task's own fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Include {
    /// Its checklists and their items.
    Checklists,
    /// Its subtasks (all levels).
    Subtasks,
}

/// Arguments of `clickup_task_duplicate`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference.
    pub task: String,
    /// Where the copy goes (default: the task's list).
    #[serde(default)]
    pub list: Option<String>,
    /// The copy's name (default: the same name).
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub include: Vec<Include>,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The answer of `clickup_task_duplicate`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Duplicated {
    /// The copy, as read back.
    pub task: TaskSummary,
    /// The task copied.
    pub source: Named,
    /// Subtasks copied (with `include: [subtasks]`).
    pub subtasks_copied: usize,
    /// Checklists copied (with `include: [checklists]`).
    pub checklists_copied: usize,
    /// What the target could not hold and was left out.
    pub not_copied: Vec<String>,
    /// What is never copied.
    pub never_copied: String,
    /// Whether the copy was read back.
    pub verified: bool,
    /// Copied fields the read-back does not show.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for TaskDuplicate {
    type Args = Args;
    type Output = Duplicated;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_duplicate",
        title: "Duplicate a task",
        description: "Copy a task (name, description, status, priority, dates, estimate, \
                      assignees, tags, custom-field values) into its list or another; \
                      `include` adds checklists and subtasks. Never copies comments, \
                      attachments or time entries.",
        tier: Tier::Free,
        toolset: Toolset::Tasks,
        everyday: false,
        effect: Effect::Write,
        references: &["task", "list"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Duplicated, ToolError> {
        if args.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
            return Err(ToolError::invalid_argument("`name` is empty."));
        }
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let reference = task_ref::resolve(ctx, &workspace, &args.task, None).await?;
        let subtasks = args.include.contains(&Include::Subtasks);
        let read = TaskReadOptions {
            include_subtasks: subtasks,
            include_markdown_description: true,
        };
        let source = ctx
            .answer(
                "The task",
                ctx.clickup.get_task(&ctx.token, &reference, read).await,
            )
            .await?;
        let source_list =
            source.list.as_ref().map(|l| l.id.clone()).ok_or_else(|| {
                ToolError::upstream("ClickUp did not say which list the task is in.")
            })?;
        let target_id = match &args.list {
            Some(list) => {
                resolve::location(ctx, &workspace, list, Some(Kind::List))
                    .await?
                    .id
            }
            None => source_list.clone(),
        };
        let mut target = Target::read(ctx, &target_id, &source_list, &source).await?;
        let mut not_copied = Vec::new();

        let mut body = target.body(ctx, &source, &mut not_copied).await?;
        if let Some(name) = &args.name {
            body.name = name.trim().to_owned();
        }
        let created = ctx
            .clickup
            .create_task(&ctx.token, &target.list.id, &body)
            .await;
        let created = ctx.answer("The target list", created).await?;

        let mut subtasks_copied = 0;
        if subtasks {
            let mut new_ids: HashMap<String, TaskId> = HashMap::new();
            new_ids.insert(source.id.to_string(), created.id.clone());
            for sub in ordered_subtasks(&source) {
                let Some(parent) = sub.parent.as_ref().and_then(|p| new_ids.get(p)) else {
                    continue;
                };
                let mut body = target.body(ctx, sub, &mut not_copied).await?;
                body.parent = Some(parent.clone());
                let made = ctx
                    .clickup
                    .create_task(&ctx.token, &target.list.id, &body)
                    .await;
                let made = ctx.answer("A subtask copy", made).await?;
                new_ids.insert(sub.id.to_string(), made.id);
                subtasks_copied += 1;
            }
        }
        let mut checklists_copied = 0;
        if args.include.contains(&Include::Checklists) {
            checklists_copied = copy_checklists(ctx, &source, &created.id).await?;
        }

        let after = ctx
            .clickup
            .get_task(
                &ctx.token,
                &TaskRef::Id(created.id.clone()),
                TaskReadOptions {
                    include_subtasks: false,
                    include_markdown_description: false,
                },
            )
            .await;
        let (task, verified) = match after {
            Ok(task) => (task, true),
            Err(_) => (created, false),
        };
        let mut verifier = Verifier::default();
        if verified {
            verifier.same("name", body.name.as_str(), task.name.as_str());
            if let Some(status) = &body.status {
                let now = task.status.as_ref().map(|s| s.status.as_str());
                verifier.same("status", Some(status.as_str()), now);
            }
        }
        let render = Render::new(ctx.default_zone.clone(), DetailLevel::Summary);
        Ok(Duplicated {
            task: render.summary(&task),
            source: Named {
                id: source.id.to_string(),
                name: Some(source.name.clone()),
            },
            subtasks_copied,
            checklists_copied,
            not_copied,
            never_copied: NEVER_COPIED.to_owned(),
            verified,
            not_applied: verifier.finish(),
        })
    }
}

/// The list copies go to, with what decides what they can hold.
struct Target {
    list: ListContext,
    /// Whether it is the source's list (then everything fits).
    same_list: bool,
    /// The field definitions of the target list (read when it is another list).
    fields: Vec<CustomField>,
    /// The tags the target's space defines, lower case (`None`: the source's space).
    space_tags: Option<Vec<String>>,
}

impl Target {
    async fn read(
        ctx: &ToolContext,
        target: &str,
        source_list: &str,
        source: &Task,
    ) -> Result<Self, ToolError> {
        let mut list = ListContext::new(ids::list(target)?);
        let same_list = target == source_list;
        let mut fields = Vec::new();
        let mut space_tags = None;
        if !same_list {
            fields = list.fields(ctx).await?.to_vec();
            let space = list.space(ctx).await?;
            let same_space = source.space.as_ref().is_some_and(|s| s.id == space.id);
            if !same_space {
                let tags = ctx.cache.space_tags().get(ctx, &space.id).await?;
                space_tags = Some(tags.iter().map(|t| t.name.to_lowercase()).collect());
            }
        }
        Ok(Self {
            list,
            same_list,
            fields,
            space_tags,
        })
    }

    /// The create body copying `task`; what does not fit is added to `not_copied`.
    async fn body(
        &mut self,
        ctx: &ToolContext,
        task: &Task,
        not_copied: &mut Vec<String>,
    ) -> Result<CreateTask, ToolError> {
        let status = match &task.status {
            Some(status) if self.same_list => Some(status.status.clone()),
            Some(status) => match self.list.status_of(ctx, &status.status).await {
                Ok(Status { status, .. }) => Some(status),
                Err(_) => {
                    note(not_copied, format!("status `{}`", status.status));
                    None
                }
            },
            None => None,
        };
        let mut tags = Vec::new();
        for tag in &task.tags {
            let fits = self
                .space_tags
                .as_ref()
                .is_none_or(|known| known.contains(&tag.name.to_lowercase()));
            if fits {
                tags.push(tag.name.clone());
            } else {
                note(not_copied, format!("tag `{}`", tag.name));
            }
        }
        let mut custom_fields = Vec::new();
        for field in &task.custom_fields {
            let Some(value) = field.value.as_ref().filter(|v| !v.is_null()) else {
                continue;
            };
            if !self.same_list && !self.fields.iter().any(|f| f.id == field.id) {
                note(not_copied, format!("custom field `{}`", field.name));
                continue;
            }
            let Ok(id) = FieldId::new(field.id.as_str()) else {
                continue;
            };
            custom_fields.push(CustomFieldValue {
                id,
                value: writable_value(field, value),
            });
        }
        let flag = |name: &str| task.extra.get(name).and_then(Value::as_bool);
        let description = markdown::description_from_clickup(
            task.markdown_description.as_deref(),
            task.description.as_deref(),
        );
        Ok(CreateTask {
            name: task.name.clone(),
            markdown_content: description,
            status,
            priority: task.priority.as_ref().and_then(|p| p.level()),
            assignees: task.assignees.iter().map(|u| UserId(u.id)).collect(),
            group_assignees: task.group_assignees.iter().filter_map(group_id).collect(),
            tags,
            due_date: task.due_date.map(|d| d.millis()),
            due_date_time: task.due_date.and(flag("due_date_time")),
            start_date: task.start_date.map(|d| d.millis()),
            start_date_time: task.start_date.and(flag("start_date_time")),
            time_estimate: task.time_estimate.filter(|ms| *ms > 0),
            points: task.points,
            custom_fields,
            custom_item_id: task.custom_item_id.filter(|id| *id != 0),
            ..CreateTask::default()
        })
    }
}

fn note(not_copied: &mut Vec<String>, what: String) {
    if !not_copied.contains(&what) {
        not_copied.push(what);
    }
}

/// A custom-field value as read, in the shape a write takes: a drop-down's option index as its
/// option id, people as `{add}`, dates and numbers as numbers, checkboxes as booleans.
fn writable_value(field: &CustomField, value: &Value) -> Value {
    let number = |v: &Value| match v {
        Value::String(s) => s.parse::<f64>().ok().map_or(v.clone(), |n| json!(n)),
        other => other.clone(),
    };
    match field.kind.as_str() {
        "drop_down" => {
            let index = value.as_i64().or_else(|| value.as_str()?.parse().ok());
            field
                .type_config
                .as_ref()
                .and_then(|c| c.get("options"))
                .and_then(Value::as_array)
                .and_then(|options| {
                    options
                        .iter()
                        .find(|o| o.get("orderindex").and_then(Value::as_i64) == index)
                })
                .and_then(|o| o.get("id").cloned())
                .unwrap_or_else(|| value.clone())
        }
        "users" => {
            let ids: Vec<Value> = value
                .as_array()
                .map(|people| people.iter().filter_map(|p| p.get("id").cloned()).collect())
                .unwrap_or_default();
            json!({ "add": ids })
        }
        "date" => match value {
            Value::String(s) => s.parse::<i64>().map_or(value.clone(), |n| json!(n)),
            other => other.clone(),
        },
        "number" | "currency" | "emoji" => number(value),
        "checkbox" => match value {
            Value::String(s) => json!(s == "true"),
            other => other.clone(),
        },
        _ => value.clone(),
    }
}

/// The source's subtasks, each after its parent.
fn ordered_subtasks(source: &Task) -> Vec<&Task> {
    let mut out: Vec<&Task> = Vec::new();
    let mut placed: Vec<String> = vec![source.id.to_string()];
    let mut left: Vec<&Task> = source.subtasks.iter().collect();
    while !left.is_empty() {
        let before = left.len();
        left.retain(|sub| {
            let ready = sub.parent.as_ref().is_some_and(|p| placed.contains(p));
            if ready {
                placed.push(sub.id.to_string());
                out.push(sub);
            }
            !ready
        });
        if left.len() == before {
            break;
        }
    }
    out
}

/// Copy the source's checklists (names, items, assignees) onto the copy; how many.
async fn copy_checklists(
    ctx: &ToolContext,
    source: &Task,
    copy: &TaskId,
) -> Result<usize, ToolError> {
    let target = TaskRef::Id(copy.clone());
    for checklist in &source.checklists {
        let made = ctx
            .clickup
            .create_checklist(
                &ctx.token,
                &target,
                &NewChecklist {
                    name: checklist.name.clone(),
                },
            )
            .await;
        let made = ctx.answer("The copy", made).await?;
        let id = ChecklistId::new(made.id.as_str())
            .map_err(|_| ToolError::upstream("ClickUp sent a checklist id that is not valid."))?;
        for item in &checklist.items {
            let new = NewChecklistItem {
                name: item.name.clone(),
                assignee: item.assignee.as_ref().map(|u| u.id),
            };
            let added = ctx
                .clickup
                .create_checklist_item(&ctx.token, &id, &new)
                .await;
            ctx.answer("The copy's checklist", added).await?;
        }
    }
    Ok(source.checklists.len())
}

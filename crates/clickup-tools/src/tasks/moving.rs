//! Moving a task to another home list (`clickup_task_move`, `clickup_task_bulk_move`): ClickUp's
//! v3 move (`PUT /v3/workspaces/{workspace_id}/tasks/{task_id}/home_list/{list_id}`), never a
//! copy and a delete; the task keeps its id, comments, history and attachments, and its subtasks
//! move with it.
//!
//! Statuses: a status the target list also has (by name, any case) is kept; any other must be
//! mapped with `status_mappings` (`from` a status name of the task, `to` one of the target
//! list), sent to ClickUp as status ids. Without a mapping the move is `invalid_argument`
//! listing the target's statuses, before anything is sent. `move_custom_fields` brings the
//! task's custom fields to the new list (`custom_fields_to_move`: only these, by id or name).

use clickup::filters::TaskReadOptions;
use clickup::ids::{FieldId, ListId, TaskRef};
use clickup::models::task::{MoveTask, StatusMapping};
use clickup::models::{Status, Task};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::ids;
use crate::resolve::{self, Kind};
use crate::task_ref;
use crate::tasks::shape::Named;
use crate::verify::{NotApplied, Verifier};

/// One status mapping: a status the task has → a status of the target list.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(inline, extend("additionalProperties" = false))]
#[serde(deny_unknown_fields)]
pub struct StatusMapArg {
    /// A status name the task (or a subtask) has now.
    pub from: String,
    /// A status name of the target list.
    pub to: String,
}

/// How the tasks are moved (the arguments both move tools share).
#[derive(Clone, Debug, Default)]
pub struct MoveOptions {
    /// Status mappings as given.
    pub status_mappings: Vec<StatusMapArg>,
    /// Bring custom fields along.
    pub move_custom_fields: bool,
    /// Only these custom fields (ids or names of the task's fields).
    pub custom_fields_to_move: Vec<String>,
}

/// The target list, read once per call.
#[derive(Debug)]
pub struct Target {
    /// Its id.
    pub id: ListId,
    /// Its statuses.
    pub statuses: Vec<Status>,
}

/// Resolve and read the target list; check every mapping's `to` against its statuses.
pub async fn target(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    list: &str,
    options: &MoveOptions,
) -> Result<Target, ToolError> {
    let location = resolve::location(ctx, workspace, list, Some(Kind::List)).await?;
    let id = ids::list(&location.id)?;
    let read = ctx.clickup.get_list(&ctx.token, &id).await;
    let list = ctx.answer("The target list", read).await?;
    let target = Target {
        id,
        statuses: list.statuses,
    };
    for (i, mapping) in options.status_mappings.iter().enumerate() {
        if target.status(&mapping.to).is_none() {
            return Err(ToolError::invalid_argument(format!(
                "`status_mappings[{i}].to` is not a status of the target list; its statuses are: \
                 {}.",
                target.status_names()
            )));
        }
    }
    Ok(target)
}

impl Target {
    fn status(&self, name: &str) -> Option<&Status> {
        self.statuses
            .iter()
            .find(|s| s.status.eq_ignore_ascii_case(name.trim()))
    }

    fn status_names(&self) -> String {
        self.statuses
            .iter()
            .map(|s| s.status.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A task moved, as read back.
#[derive(Debug)]
pub struct Moved {
    /// The task after the move.
    pub task: Task,
    /// The list it left.
    pub from_list: Option<Named>,
    /// Whether it was read back.
    pub verified: bool,
    /// What the read-back does not show.
    pub not_applied: Vec<NotApplied>,
}

/// The result of a move: the task, where it came from, and whether the move shows.
#[derive(Debug, Serialize, JsonSchema)]
pub struct MoveResult {
    /// The task after the move.
    pub task: crate::tasks::shape::TaskSummary,
    /// The list it left.
    pub from_list: Option<Named>,
    /// Whether the task was read back after the move.
    pub verified: bool,
    /// Requested changes the read-back does not show (`list`, `status`).
    pub not_applied: Vec<NotApplied>,
}

/// Move one task (resolved from `reference`) to `target`.
pub async fn move_one(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    reference: &str,
    target: &Target,
    options: &MoveOptions,
) -> Result<Moved, ToolError> {
    let reference = task_ref::resolve(ctx, workspace, reference, None).await?;
    let read = TaskReadOptions {
        include_subtasks: true,
        include_markdown_description: false,
    };
    let task = ctx
        .answer(
            "The task",
            ctx.clickup.get_task(&ctx.token, &reference, read).await,
        )
        .await?;
    let (mappings, expected_status) = status_plan(&task, target, options)?;
    let fields = fields_to_move(&task, options)?;
    let body = MoveTask {
        move_custom_fields: (options.move_custom_fields || !fields.is_empty()).then_some(true),
        custom_fields_to_move: fields,
        status_mappings: mappings,
    };
    let team = ids::team(&workspace.id)?;
    let moved = ctx
        .clickup
        .move_task(&ctx.token, &team, &task.id, &target.id, &body)
        .await;
    ctx.answer("The task", moved).await?;
    ctx.cache.forget_task(ctx, &task.id);
    let from_list = task.list.as_ref().map(|l| Named {
        id: l.id.clone(),
        name: l.name.clone(),
    });
    reread(ctx, task, target, expected_status, from_list).await
}

/// The mappings to send, and the status the task should have after the move.
fn status_plan(
    task: &Task,
    target: &Target,
    options: &MoveOptions,
) -> Result<(Vec<StatusMapping>, Option<String>), ToolError> {
    let mut mappings: Vec<StatusMapping> = Vec::new();
    let mut expected = None;
    let all = std::iter::once(task).chain(task.subtasks.iter());
    for (n, item) in all.enumerate() {
        let Some(status) = &item.status else { continue };
        let landing = match target.status(&status.status) {
            Some(same) => same,
            None => {
                let mapped = options
                    .status_mappings
                    .iter()
                    .find(|m| m.from.trim().eq_ignore_ascii_case(&status.status))
                    .and_then(|m| target.status(&m.to))
                    .ok_or_else(|| {
                        let whose = if n == 0 { "The task's" } else { "A subtask's" };
                        ToolError::invalid_argument(format!(
                            "{whose} status `{}` is not one of the target list's ({}); map it \
                             with `status_mappings: [{{from, to}}]`.",
                            status.status,
                            target.status_names()
                        ))
                    })?;
                let (Some(from), Some(to)) = (&status.id, &mapped.id) else {
                    return Err(ToolError::upstream(
                        "ClickUp did not send status ids; the status cannot be mapped.",
                    ));
                };
                if !mappings.iter().any(|m| &m.source_status == from) {
                    mappings.push(StatusMapping {
                        source_status: from.clone(),
                        destination_status: to.clone(),
                    });
                }
                mapped
            }
        };
        if n == 0 {
            expected = Some(landing.status.clone());
        }
    }
    Ok((mappings, expected))
}

/// `custom_fields_to_move` as field ids, each one of the task's fields (by id or name).
fn fields_to_move(task: &Task, options: &MoveOptions) -> Result<Vec<FieldId>, ToolError> {
    let mut out = Vec::new();
    for (i, wanted) in options.custom_fields_to_move.iter().enumerate() {
        let wanted = wanted.trim();
        let field = task
            .custom_fields
            .iter()
            .find(|f| f.id == wanted)
            .or_else(|| {
                task.custom_fields
                    .iter()
                    .find(|f| f.name.eq_ignore_ascii_case(wanted))
            })
            .ok_or_else(|| {
                let names: Vec<&str> = task.custom_fields.iter().map(|f| f.name.as_str()).collect();
                ToolError::invalid_argument(format!(
                    "`custom_fields_to_move[{i}]` is not a field of the task; its fields are: {}.",
                    if names.is_empty() {
                        "none".to_owned()
                    } else {
                        names.join(", ")
                    }
                ))
            })?;
        let id = FieldId::new(field.id.as_str())
            .map_err(|_| ToolError::upstream("ClickUp sent a field id that is not valid."))?;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

/// Read the task back and check its list and status.
async fn reread(
    ctx: &ToolContext,
    before: Task,
    target: &Target,
    expected_status: Option<String>,
    from_list: Option<Named>,
) -> Result<Moved, ToolError> {
    let reference = TaskRef::Id(before.id.clone());
    let read = ctx
        .clickup
        .get_task(
            &ctx.token,
            &reference,
            TaskReadOptions {
                include_subtasks: false,
                include_markdown_description: false,
            },
        )
        .await;
    let Ok(task) = read else {
        return Ok(Moved {
            task: before,
            from_list,
            verified: false,
            not_applied: Vec::new(),
        });
    };
    let mut verifier = Verifier::default();
    let list_now = task.list.as_ref().map(|l| l.id.clone());
    verifier.same("list", Some(target.id.to_string()), list_now);
    if let Some(status) = expected_status {
        let now = task.status.as_ref().map(|s| s.status.clone());
        verifier.check(
            "status",
            &status,
            &now,
            now.as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(&status)),
        );
    }
    Ok(Moved {
        task,
        from_list,
        verified: true,
        not_applied: verifier.finish(),
    })
}

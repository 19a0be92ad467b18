//! What `clickup_list_task_add` and `clickup_list_task_remove` share: the list and the task
//! (read once, for its canonical id, home list and other lists), ClickUp's refusal explained,
//! and the answer.

use clickup::filters::TaskReadOptions;
use clickup::ids::{ListId, TaskRef};
use clickup::models::Task;
use schemars::JsonSchema;
use serde::Serialize;

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::{ToolError, ToolErrorCode};
use crate::ids;
use crate::resolve::{self, Kind};
use crate::tasks::shape::Named;

/// The list and the task of a membership change.
#[derive(Debug)]
pub struct Parts {
    /// The list, by id.
    pub list: ListId,
    /// The list's name, as resolved (empty when given by an id not cached).
    pub list_name: String,
    /// The task as read before the change.
    pub task: Task,
}

/// Resolve the list and read the task (`exact`: a task name must match whole).
pub async fn parts(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    list: &str,
    task: &str,
    exact: bool,
) -> Result<Parts, ToolError> {
    let location = resolve::location(ctx, workspace, list, Some(Kind::List)).await?;
    let list = ids::list(&location.id)?;
    let reference = if exact {
        crate::task_ref::resolve_exact(ctx, workspace, task, None).await?
    } else {
        crate::task_ref::resolve(ctx, workspace, task, None).await?
    };
    let task = read(ctx, &reference).await?;
    Ok(Parts {
        list,
        list_name: location.name,
        task,
    })
}

/// The task as ClickUp has it.
pub async fn read(ctx: &ToolContext, reference: &TaskRef) -> Result<Task, ToolError> {
    let read = ctx
        .clickup
        .get_task(
            &ctx.token,
            reference,
            TaskReadOptions {
                include_subtasks: false,
                include_markdown_description: false,
            },
        )
        .await;
    ctx.answer("The task", read).await
}

/// Whether the task's home list is `list`.
pub fn is_home(task: &Task, list: &ListId) -> bool {
    task.list.as_ref().is_some_and(|l| l.id == list.as_str())
}

/// ClickUp's refusal of a membership change, with what it needs said.
pub fn explained(err: ToolError) -> ToolError {
    if matches!(
        err.code,
        ToolErrorCode::InvalidArgument | ToolErrorCode::UpstreamError
    ) {
        err.with_hint(
            "A task in several lists needs the Tasks in Multiple Lists ClickApp, turned on by a \
             workspace admin (Settings → ClickApps).",
        )
    } else {
        err
    }
}

/// The answer of both tools.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Membership {
    /// Whether the task is (add) or is no longer (remove) in the list.
    pub ok: bool,
    /// The task.
    pub task: Named,
    /// The list added to or removed from.
    pub list: Named,
    /// The task's home list.
    pub home_list: Option<Named>,
    /// Its other lists after the change, as read back (add) or as before less this one
    /// (remove).
    pub other_lists: Vec<Named>,
    /// Whether the task was read back after the change.
    pub verified: bool,
    /// Requested changes the read-back does not show.
    pub not_applied: Vec<crate::verify::NotApplied>,
}

/// `{id, name}` of a parent reference.
pub fn named(parent: &clickup::models::ParentRef) -> Named {
    Named {
        id: parent.id.clone(),
        name: parent.name.clone(),
    }
}

//! Comment tools (docs/tools.md, "Catalogue"): read and write the comments of a task, a list (list info
//! comments) or a chat view — exactly one of `task`, `list`, `view_id`.
//!
//! ClickUp pages comments 25 at a time, newest first; the next page starts at the `date` and `id`
//! of the oldest comment returned. A page of this tool may be shorter or longer than ClickUp's,
//! so its cursor records the `date` and `id` of the last comment *this tool* returned: the next
//! call asks ClickUp for the comments older than that one. ClickUp has no GET of one comment, so
//! a new or edited comment cannot be read back (`verified: false`). Edits and deletes take a
//! comment id alone: ClickUp's `/v2/comment/{comment_id}` serves every kind of comment.

use std::sync::Arc;

use clickup::ids::{ListId, TaskRef, ViewId};
use schemars::JsonSchema;
use serde::Serialize;

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{ClickUpTool, tool};
use crate::resolve::{self, Kind};
use crate::{ids, task_ref};

pub mod create;
pub mod delete;
pub mod list;
pub mod reply_create;
pub mod reply_list;
pub mod update;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<list::CommentList>(),
        tool::<create::CommentCreate>(),
        tool::<update::CommentUpdate>(),
        tool::<delete::CommentDelete>(),
        tool::<reply_list::CommentReplyList>(),
        tool::<reply_create::CommentReplyCreate>(),
    ]
}

/// A comment id argument, checked.
pub(crate) fn comment_id(raw: &str) -> Result<clickup::CommentId, ToolError> {
    clickup::CommentId::new(raw.trim())
        .map_err(|e| ToolError::invalid_argument(format!("`comment_id` is not valid: {e}.")))
}

/// Where comments live.
#[derive(Clone, Debug)]
pub(crate) enum Target {
    Task(TaskRef),
    List(ListId),
    View(ViewId),
}

impl Target {
    /// The target, for error messages ("The task").
    pub(crate) fn what(&self) -> &'static str {
        match self {
            Target::Task(_) => "The task",
            Target::List(_) => "The list",
            Target::View(_) => "The view",
        }
    }
}

/// A person as comments show them.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Person {
    /// ClickUp user id.
    pub id: String,
    /// Display name.
    pub name: Option<String>,
}

impl From<&clickup::models::UserRef> for Person {
    fn from(user: &clickup::models::UserRef) -> Self {
        Self {
            id: user.id.to_string(),
            name: user.username.clone(),
        }
    }
}

/// The one comment target the arguments name.
pub(crate) async fn target(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    task: Option<&str>,
    list: Option<&str>,
    view: Option<&str>,
) -> Result<Target, ToolError> {
    match (task, list, view) {
        (Some(task), None, None) => Ok(Target::Task(task_ref::resolve(ctx, ws, task, None).await?)),
        (None, Some(list), None) => {
            let location = resolve::location(ctx, ws, list, Some(Kind::List)).await?;
            Ok(Target::List(ids::list(&location.id)?))
        }
        (None, None, Some(view)) => Ok(Target::View(ViewId::new(view.trim()).map_err(|e| {
            ToolError::invalid_argument(format!("The view id is not valid: {e}."))
        })?)),
        _ => Err(ToolError::invalid_argument(
            "Give exactly one of `task`, `list` or `view_id`.",
        )),
    }
}

//! What people do around the hierarchy: comments, chat views, time entries, explicit shares.

use super::{FolderId, ListId, TaskId, TeamId, UserId};

/// What a comment is attached to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CommentTarget {
    Task(TaskId),
    List(ListId),
    View(String),
    /// A reply in the thread of the comment with this id.
    Reply(u64),
}

/// A comment.
#[derive(Clone, Debug)]
pub(crate) struct Comment {
    /// A number (ClickUp answers a created comment's id as a number, and lists ids as strings).
    pub(crate) id: u64,
    pub(crate) target: CommentTarget,
    /// Plain text (ClickUp's v2 API takes and gives `comment_text`).
    pub(crate) text: String,
    pub(crate) user: UserId,
    /// Epoch ms.
    pub(crate) date: i64,
    pub(crate) assignee: Option<UserId>,
    pub(crate) group_assignee: Option<String>,
    pub(crate) resolved: bool,
}

/// A view; only chat views (`type: "conversation"`) are modelled, for their comments.
#[derive(Clone, Debug)]
pub(crate) struct View {
    /// Like ClickUp's: `<n>-<n>` style strings.
    pub(crate) id: String,
    pub(crate) team_id: TeamId,
    /// The list the view sits on; the view is visible to whoever may see the list.
    pub(crate) list_id: ListId,
}

/// A time entry; a running timer has `end: None` and answers a negative `duration`.
#[derive(Clone, Debug)]
pub(crate) struct TimeEntry {
    /// A long numeric string, as ClickUp's.
    pub(crate) id: String,
    pub(crate) team_id: TeamId,
    pub(crate) user: UserId,
    pub(crate) task_id: Option<TaskId>,
    pub(crate) description: String,
    pub(crate) billable: bool,
    /// Time-entry tag names (a paid-plan feature).
    pub(crate) tags: Vec<String>,
    /// Epoch ms.
    pub(crate) start: i64,
    /// Epoch ms; `None` while running.
    pub(crate) end: Option<i64>,
    /// Last change, epoch ms.
    pub(crate) at: i64,
}

/// Something shared explicitly with one user.
#[derive(Clone, Debug)]
pub(crate) struct Share {
    pub(crate) user: UserId,
    pub(crate) team_id: TeamId,
    pub(crate) item: SharedItem,
}

/// The kinds of item `GET /v2/team/{team_id}/shared` reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SharedItem {
    Task(TaskId),
    List(ListId),
    Folder(FolderId),
}

//! What people do around the hierarchy: comments, chat views, time entries, explicit shares.

use serde_json::{Value, json};

use super::{FolderId, ListId, SpaceId, TaskId, TeamId, UserId};

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

/// Where a view sits: ClickUp's `parent: {id, type}` with type 7 (workspace, "Everything"),
/// 4 (space), 5 (folder) or 6 (list).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ViewParent {
    Team(TeamId),
    Space(SpaceId),
    Folder(FolderId),
    List(ListId),
}

impl ViewParent {
    /// ClickUp's `parent.type` number.
    pub(crate) fn kind(&self) -> u32 {
        match self {
            Self::Team(_) => 7,
            Self::Space(_) => 4,
            Self::Folder(_) => 5,
            Self::List(_) => 6,
        }
    }

    /// The parent's id.
    pub(crate) fn id(&self) -> &str {
        match self {
            Self::Team(id) => id.as_str(),
            Self::Space(id) => id.as_str(),
            Self::Folder(id) => id.as_str(),
            Self::List(id) => id.as_str(),
        }
    }
}

/// A view at any level. Chat views (`type: "conversation"`) also carry comments. The settings
/// objects are kept as ClickUp takes them: a `PUT` replaces each one the body carries, whole.
#[derive(Clone, Debug)]
pub(crate) struct View {
    /// Like ClickUp's: `<n>-<n>` style strings.
    pub(crate) id: String,
    pub(crate) team_id: TeamId,
    /// Where it sits; the view is visible to whoever may see that place.
    pub(crate) parent: ViewParent,
    pub(crate) name: String,
    /// `list`, `board`, `calendar`, `table`, `timeline`, `workload`, `activity`, `map`,
    /// `conversation` or `gantt`.
    pub(crate) kind: String,
    pub(crate) grouping: Value,
    pub(crate) divide: Value,
    pub(crate) sorting: Value,
    pub(crate) filters: Value,
    pub(crate) columns: Value,
    pub(crate) team_sidebar: Value,
    pub(crate) settings: Value,
    pub(crate) creator: UserId,
    /// Epoch ms.
    pub(crate) date_created: i64,
}

impl View {
    /// A view with ClickUp's documented default settings (grouped by status, no sorting, no
    /// filters, closed tasks hidden, subtasks shown separately).
    pub(crate) fn new(
        id: impl Into<String>,
        team_id: TeamId,
        parent: ViewParent,
        name: impl Into<String>,
        kind: impl Into<String>,
    ) -> Self {
        Self {
            id: id.into(),
            team_id,
            parent,
            name: name.into(),
            kind: kind.into(),
            grouping: json!({"field": "status", "dir": 1, "collapsed": [], "ignore": false}),
            divide: json!({"field": null, "dir": null, "collapsed": []}),
            sorting: json!({"fields": []}),
            filters: json!({"op": "AND", "fields": [], "search": "", "show_closed": false}),
            columns: json!({"fields": []}),
            team_sidebar: json!({
                "assignees": [], "assigned_comments": false, "unassigned_tasks": false
            }),
            settings: json!({
                "show_task_locations": false, "show_subtasks": 3,
                "show_subtask_parent_names": false, "show_closed_subtasks": false,
                "show_assignees": true, "show_images": true, "collapse_empty_columns": null,
                "me_comments": true, "me_subtasks": true, "me_checklists": true
            }),
            creator: 0,
            date_created: 0,
        }
    }
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

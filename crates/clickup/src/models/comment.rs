//! Comments on tasks, lists and chat views.

use serde::{Deserialize, Serialize};

use crate::ids::{CommentId, UserId};
use crate::models::people::UserRef;
use crate::models::values::{Extra, Timestamp, opt_integer, opt_timestamp};

/// A comment, from `GET /v2/{task,list,view}/{id}/comment`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// Comment id.
    pub id: CommentId,
    /// Rich-text segments (`[{"text": "…"}, …]`), as ClickUp sends them.
    #[serde(default)]
    pub comment: Vec<serde_json::Value>,
    /// The text.
    #[serde(default)]
    pub comment_text: String,
    /// Author.
    #[serde(default)]
    pub user: Option<UserRef>,
    /// Assigned to.
    #[serde(default)]
    pub assignee: Option<UserRef>,
    /// Assigned by.
    #[serde(default)]
    pub assigned_by: Option<UserRef>,
    /// Whether the assigned comment is resolved.
    #[serde(default)]
    pub resolved: bool,
    /// Reactions, as ClickUp sends them.
    #[serde(default)]
    pub reactions: Vec<serde_json::Value>,
    /// Posted.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub date: Option<Timestamp>,
    /// Replies (ClickUp sends a string).
    #[serde(default, deserialize_with = "opt_integer")]
    pub reply_count: Option<i64>,
    /// Everything else ClickUp sent (`group_assignee`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Deserialize)]
pub(crate) struct CommentsEnvelope {
    pub(crate) comments: Vec<Comment>,
}

/// Where a page of comments starts: ClickUp returns 25 newest first; the next page starts at
/// the `date` and `id` of the oldest comment returned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommentCursor {
    /// `start`: the oldest returned comment's date, epoch ms.
    pub start: Option<i64>,
    /// `start_id`: the oldest returned comment's id.
    pub start_id: Option<CommentId>,
}

impl CommentCursor {
    /// The cursor for the page after `comments` (`None` when the page was empty).
    pub fn after(comments: &[Comment]) -> Option<Self> {
        let oldest = comments.last()?;
        Some(Self {
            start: oldest.date.map(Timestamp::millis),
            start_id: Some(oldest.id.clone()),
        })
    }
}

/// Comments per page of ClickUp's comment lists.
pub const COMMENT_PAGE_SIZE: usize = 25;

/// `POST /v2/{task,list,view}/{id}/comment`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NewComment {
    /// The text (plain; ClickUp's v2 API does not render markdown).
    pub comment_text: String,
    /// Assign the comment to this user; sent only when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<UserId>,
    /// Assign the comment to a group (task comments only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_assignee: Option<String>,
    /// Notify everyone, including the author.
    pub notify_all: bool,
}

/// `PUT /v2/comment/{comment_id}`: the text always (ClickUp replaces it); `assignee` and
/// `resolved` only when given (the spec marks them required; docs/tools.md, "Comments").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct UpdateComment {
    /// The new text (plain).
    pub comment_text: String,
    /// Assign the comment to this user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<UserId>,
    /// Resolve (`true`) or reopen (`false`) the comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<bool>,
}

/// What ClickUp answers to a new comment: `{"id": 458, "hist_id": "…", "date": 1568036964079}`
/// (the id as a number, docs/tools.md, "Where ClickUp differs from its OpenAPI file").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedComment {
    /// The new comment's id.
    pub id: CommentId,
    /// History id.
    #[serde(default)]
    pub hist_id: Option<String>,
    /// Posted.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub date: Option<Timestamp>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

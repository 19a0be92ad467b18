//! Comment tools (TOOLS.md §8): read and write the comments of a task, a list (list info
//! comments) or a chat view — exactly one of `task`, `list`, `view_id`.
//!
//! ClickUp pages comments 25 at a time, newest first; the next page starts at the `date` and `id`
//! of the oldest comment returned. A page of this tool may be shorter or longer than ClickUp's,
//! so its cursor records the `date` and `id` of the last comment *this tool* returned: the next
//! call asks ClickUp for the comments older than that one. ClickUp has no GET of one comment, so
//! a new comment cannot be read back (`verified: false`).

use std::sync::Arc;

use clickup::ids::{ListId, TaskRef, ViewId};
use clickup::models::{COMMENT_PAGE_SIZE, Comment, CommentCursor};
use clickup::{ClickUpError, CommentId};
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::cursor::{CursorPosition, Page, Upstream};
use crate::error::ToolError;
use crate::registry::{ClickUpTool, Effect, ToolFuture, ToolSpec, TypedTool};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;
use crate::{dates, ids, task_ref};

mod create;

/// The tool's `limit` when none is given: one ClickUp page.
pub const DEFAULT_COMMENT_LIMIT: u32 = 25;

const LIST_TOOL: &str = "clickup_comment_list";

/// The tools of this file.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        Arc::new(TypedTool::new(
            ToolSpec {
                name: LIST_TOOL,
                title: "List comments",
                description: "Comments on a task, a list (info comments) or a chat view (give one of \
                              `task`, `list`, `view_id`), newest first.",
                tier: Tier::Free,
                toolset: Toolset::Comments,
                effect: Effect::Read,
                references: &["task", "list"],
                premium_arguments: &[],
            },
            comment_list,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_comment_create",
                title: "Comment",
                description: "Comment on a task, a list or a chat view (give one of `task`, `list`, \
                              `view_id`). Markdown is not rendered; `verified` is always false.",
                tier: Tier::Free,
                toolset: Toolset::Comments,
                effect: Effect::Write,
                references: &["task", "list"],
                premium_arguments: &[],
            },
            create::comment_create,
        )),
    ]
}

/// Where comments live.
#[derive(Clone, Debug)]
pub(crate) enum Target {
    Task(TaskRef),
    List(ListId),
    View(ViewId),
}

pub use crate::detail::DetailLevel;

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

/// A comment.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CommentOut {
    /// Comment id.
    pub id: String,
    /// The text as ClickUp stores it.
    pub text: String,
    /// Who wrote it.
    pub author: Option<Person>,
    /// Posted (ISO 8601 in the effective time zone).
    pub date: Option<String>,
    /// Whom it is assigned to.
    pub assignee: Option<Person>,
    /// Whether the assigned comment is resolved.
    pub resolved: bool,
    /// Replies in its thread.
    pub reply_count: i64,
    /// `full`: posted, epoch ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_ms: Option<i64>,
    /// `full`: who assigned it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned_by: Option<Person>,
    /// `full`: the group it is assigned to, as ClickUp sends it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_assignee: Option<serde_json::Value>,
    /// `full`: reactions, as ClickUp sends them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reactions: Option<Vec<serde_json::Value>>,
    /// `full`: rich-text segments, as ClickUp sends them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segments: Option<Vec<serde_json::Value>>,
}

impl CommentOut {
    fn new(comment: &Comment, detail: DetailLevel, zone: &TimeZone) -> Self {
        let full = detail == DetailLevel::Full;
        Self {
            id: comment.id.to_string(),
            text: comment.comment_text.clone(),
            author: comment.user.as_ref().map(Person::from),
            date: comment.date.map(|d| dates::format_date(d.millis(), zone)),
            assignee: comment.assignee.as_ref().map(Person::from),
            resolved: comment.resolved,
            reply_count: comment.reply_count.unwrap_or(0),
            date_ms: comment.date.map(|d| d.millis()).filter(|_| full),
            assigned_by: comment
                .assigned_by
                .as_ref()
                .map(Person::from)
                .filter(|_| full),
            group_assignee: comment
                .extra
                .get("group_assignee")
                .filter(|v| full && !v.is_null())
                .cloned(),
            reactions: full.then(|| comment.reactions.clone()),
            segments: full.then(|| comment.comment.clone()),
        }
    }
}

// --- clickup_comment_list --------------------------------------------------------------------

/// Arguments of `clickup_comment_list`.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentListArgs {
    // A task reference (the tool description says which target to give).
    #[serde(default)]
    pub task: Option<String>,
    // A list reference: its info comments.
    #[serde(default)]
    pub list: Option<String>,
    // A chat view's id (`3c9q1-1001`).
    #[serde(default)]
    pub view_id: Option<String>,
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
    // Shared argument.
    #[serde(default)]
    #[schemars(
        schema_with = "crate::hierarchy::views::bare::<DetailLevel>",
        transform = crate::hierarchy::views::without_default
    )]
    pub detail_level: DetailLevel,
    // Shared argument: the zone of the dates in the answer.
    #[serde(default)]
    pub timezone: Option<String>,
    // Shared argument.
    #[serde(default)]
    pub cursor: Option<String>,
    // Shared argument; default 25 (one ClickUp page).
    #[serde(default)]
    pub limit: Option<u32>,
}

fn comment_list<'a>(
    ctx: &'a ToolContext,
    args: CommentListArgs,
) -> ToolFuture<'a, Page<CommentOut>> {
    Box::pin(async move {
        let filters = serde_json::to_value(&args).unwrap_or_default();
        // The first page has no ClickUp position: `Page(0)` stands for "the newest".
        let pager = ctx.pager(
            &filters,
            args.cursor.as_deref(),
            args.limit,
            DEFAULT_COMMENT_LIMIT,
            Upstream::Page(0),
        )?;
        let zone = ctx.zone(args.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let target = target(
            ctx,
            &ws,
            args.task.as_deref(),
            args.list.as_deref(),
            args.view_id.as_deref(),
        )
        .await?;

        let mut from = match &pager.position().upstream {
            Upstream::Comments { start, start_id } => Some(CommentCursor {
                start: Some(*start),
                start_id: Some(CommentId::new(start_id.as_str()).map_err(|_| bad_position())?),
            }),
            _ => None,
        };
        let limit = pager.limit();
        let mut items: Vec<Comment> = Vec::with_capacity(limit);
        let has_more = loop {
            let page = fetch(ctx, &target, from.as_ref()).await?;
            let full_page = page.len() >= COMMENT_PAGE_SIZE;
            let room = limit - items.len();
            let overflow = page.len() > room;
            let next = CommentCursor::after(&page);
            items.extend(page.into_iter().take(room));
            if overflow {
                break true;
            }
            if !full_page {
                break false;
            }
            if items.len() == limit {
                // A full ClickUp page fills the tool's page: there may be more.
                break true;
            }
            from = next;
        };
        let next = if has_more {
            items.last().and_then(|c| {
                c.date.map(|d| {
                    CursorPosition::at(Upstream::Comments {
                        start: d.millis(),
                        start_id: c.id.to_string(),
                    })
                })
            })
        } else {
            None
        };
        let items = items
            .iter()
            .map(|c| CommentOut::new(c, args.detail_level, &zone))
            .collect();
        pager.page(items, next)
    })
}

async fn fetch(
    ctx: &ToolContext,
    target: &Target,
    from: Option<&CommentCursor>,
) -> Result<Vec<Comment>, ToolError> {
    let result = match target {
        Target::Task(task) => ctx.clickup.get_task_comments(&ctx.token, task, from).await,
        Target::List(list) => ctx.clickup.get_list_comments(&ctx.token, list, from).await,
        Target::View(view) => ctx.clickup.get_view_comments(&ctx.token, view, from).await,
    };
    match result {
        Ok(comments) => Ok(comments),
        Err(err) => Err(target_error(ctx, target, err).await),
    }
}

fn bad_position() -> ToolError {
    ToolError::invalid_argument("`cursor` is not valid here. Start again without `cursor`.")
}

// --- shared ----------------------------------------------------------------------------------

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

pub(crate) async fn target_error(
    ctx: &ToolContext,
    target: &Target,
    err: ClickUpError,
) -> ToolError {
    let what = match target {
        Target::Task(_) => "The task",
        Target::List(_) => "The list",
        Target::View(_) => "The view",
    };
    ctx.clickup_error(err, what).await
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn comment(value: serde_json::Value) -> Comment {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn a_summary_comment_leaves_out_the_full_fields() {
        let c = comment(
            json!({"id": "91000001", "comment_text": "hi", "date": "1735725600000",
            "user": {"id": 81000001, "username": "Alice"}, "reply_count": "2",
            "group_assignee": null, "reactions": [], "comment": [{"text": "hi"}]}),
        );
        let summary =
            serde_json::to_value(CommentOut::new(&c, DetailLevel::Summary, &TimeZone::UTC))
                .unwrap();
        assert_eq!(summary["id"], "91000001");
        assert_eq!(summary["reply_count"], 2);
        assert_eq!(
            summary["author"],
            json!({"id": "81000001", "name": "Alice"})
        );
        assert_eq!(summary["date"], "2025-01-01T10:00:00+00:00");
        assert!(summary.get("date_ms").is_none() && summary.get("segments").is_none());
        let full =
            serde_json::to_value(CommentOut::new(&c, DetailLevel::Full, &TimeZone::UTC)).unwrap();
        assert_eq!(full["date_ms"], 1_735_725_600_000i64);
        assert_eq!(full["segments"], json!([{"text": "hi"}]));
        assert!(full.get("group_assignee").is_none(), "null stays out");
    }
}

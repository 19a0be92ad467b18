//! `clickup_comment_list`: the comments on a task, a list or a chat view, newest first.

use clickup::CommentId;
use clickup::models::{COMMENT_PAGE_SIZE, Comment, CommentCursor};
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{Paging, WorkspaceAndZone};
use crate::comments::{Person, Target, target};
use crate::context::ToolContext;
use crate::cursor::{CursorPosition, Page, Upstream};
use crate::dates;
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;

/// The tool's `limit` when none is given: one ClickUp page.
pub const DEFAULT_COMMENT_LIMIT: u32 = 25;

/// `clickup_comment_list`.
#[derive(Debug)]
pub struct CommentList;

/// Arguments of `clickup_comment_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference (the tool description says which target to give).
    #[serde(default)]
    pub task: Option<String>,
    // A list reference: its info comments.
    #[serde(default)]
    pub list: Option<String>,
    // A chat view's id (`3c9q1-1001`).
    #[serde(default)]
    pub view_id: Option<String>,
    // Shared argument.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // Shared arguments (server instructions); `timezone`: the zone of the dates in the answer.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
    // Shared arguments; `limit` default 25 (one ClickUp page).
    #[serde(flatten)]
    pub paging: Paging,
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
    pub(crate) fn new(comment: &Comment, detail: DetailLevel, zone: &TimeZone) -> Self {
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

impl Tool for CommentList {
    type Args = Args;
    type Output = Page<CommentOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_comment_list",
        title: "List comments",
        description: "Comments on a task, a list (info comments) or a chat view (give one of \
                      `task`, `list`, `view_id`), newest first.",
        tier: Tier::Free,
        toolset: Toolset::Comments,
        everyday: true,
        effect: Effect::Read,
        references: &["task", "list"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<CommentOut>, ToolError> {
        let filters = json!({
            "task": args.task, "list": args.list, "view_id": args.view_id,
            "workspace_id": args.workspace.workspace_id, "detail_level": args.detail_level,
            "timezone": args.workspace.timezone,
        });
        // The first page has no ClickUp position: `Page(0)` stands for "the newest".
        let pager = ctx.pager(
            &filters,
            args.paging.cursor.as_deref(),
            args.paging.limit,
            DEFAULT_COMMENT_LIMIT,
            Upstream::Page(0),
        )?;
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
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
    }
}

/// One ClickUp page of the target's comments, from `from` (the newest when `None`).
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
    ctx.answer(target.what(), result).await
}

fn bad_position() -> ToolError {
    ToolError::invalid_argument("`cursor` is not valid here. Start again without `cursor`.")
}

#[cfg(test)]
mod tests {
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

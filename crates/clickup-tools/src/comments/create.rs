//! `clickup_comment_create`: post a comment on a task, list or chat view. ClickUp's create answer
//! gives the id as a number (docs/tools.md, "Where ClickUp differs from its OpenAPI file"), output as a string; there is no GET of one
//! comment, so the result is `verified: false`.

use clickup::ids::{TaskRef, UserId};
use clickup::models::NewComment;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::comments::{Person, Target, target};
use crate::context::ToolContext;
use crate::dates;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;

/// `clickup_comment_create`.
#[derive(Debug)]
pub struct CommentCreate;

/// Arguments of `clickup_comment_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // The comment, sent as written: ClickUp's comment API does not render markdown.
    pub text: String,
    // A task reference (the tool description says which target to give).
    #[serde(default)]
    pub task: Option<String>,
    // A list reference: its info comments.
    #[serde(default)]
    pub list: Option<String>,
    // A chat view's id (`3c9q1-1001`).
    #[serde(default)]
    pub view_id: Option<String>,
    /// Person to assign it to.
    #[serde(default)]
    pub assignee: Option<String>,
    /// User group id (task comments only).
    #[serde(default)]
    pub group_assignee: Option<String>,
    /// Notify everyone, you included.
    #[serde(default)]
    pub notify_all: bool,
    // Shared arguments (server instructions); `timezone`: the zone of the date in the answer.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// A new comment.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CreatedCommentOut {
    /// Comment id.
    pub id: String,
    /// The text sent.
    pub text: String,
    /// `task`, `list` or `view`.
    pub target_type: String,
    /// The task, list or view id.
    pub target_id: String,
    /// Posted (ISO 8601 in the effective time zone), as ClickUp answered.
    pub date: Option<String>,
    /// Whom it was assigned to (ClickUp ignores people outside the workspace).
    pub assignee: Option<Person>,
    /// The group it was assigned to.
    pub group_assignee: Option<String>,
}

/// The result of `clickup_comment_create`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The comment.
    pub comment: CreatedCommentOut,
    /// Always false: ClickUp has no way to read one comment back.
    pub verified: bool,
    /// Always empty (nothing could be checked).
    pub not_applied: Vec<serde_json::Value>,
}

impl Tool for CommentCreate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_comment_create",
        title: "Comment",
        description: "Comment on a task, a list or a chat view (give one of `task`, `list`, \
                      `view_id`). Markdown is not rendered; `verified` is always false.",
        tier: Tier::Free,
        toolset: Toolset::Comments,
        everyday: true,
        effect: Effect::Write,
        references: &["task", "list"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        if args.text.trim().is_empty() {
            return Err(ToolError::invalid_argument("`text` is empty."));
        }
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let group = match args.group_assignee.as_deref().map(str::trim) {
            Some(_) if args.task.is_none() => {
                return Err(ToolError::invalid_argument(
                    "`group_assignee` is only possible on task comments.",
                ));
            }
            Some("") => return Err(ToolError::invalid_argument("`group_assignee` is empty.")),
            Some(group) if group.len() > 64 || group.chars().any(char::is_control) => {
                return Err(ToolError::invalid_argument(
                    "`group_assignee` must be a group id.",
                ));
            }
            other => other.map(str::to_owned),
        };
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let mut target = target(
            ctx,
            &ws,
            args.task.as_deref(),
            args.list.as_deref(),
            args.view_id.as_deref(),
        )
        .await?;
        // The answer names the task by its canonical id: a custom id is read once for it.
        if let (Target::Task(TaskRef::Custom { .. }), Some(task)) = (&target, args.task.as_deref())
        {
            target = Target::Task(TaskRef::Id(
                crate::task_ref::canonical(ctx, &ws, task, None).await?,
            ));
        }
        let assignee = match args.assignee.as_deref() {
            Some(reference) => {
                let me = if reference.trim().eq_ignore_ascii_case("me") {
                    Some(me(ctx).await?)
                } else {
                    None
                };
                Some(resolve::member(&ws, reference, me)?)
            }
            None => None,
        };
        let body = NewComment {
            comment_text: args.text.clone(),
            assignee: assignee.as_ref().map(|m| UserId(m.id)),
            group_assignee: group.clone(),
            notify_all: args.notify_all,
        };
        let created = match &target {
            Target::Task(task) => {
                ctx.clickup
                    .create_task_comment(&ctx.token, task, &body)
                    .await
            }
            Target::List(list) => {
                ctx.clickup
                    .create_list_comment(&ctx.token, list, &body)
                    .await
            }
            Target::View(view) => {
                ctx.clickup
                    .create_view_comment(&ctx.token, view, &body)
                    .await
            }
        };
        let created = ctx.answer(target.what(), created).await?;
        let (target_type, target_id) = match &target {
            Target::Task(task) => ("task", task.path_id().to_string()),
            Target::List(list) => ("list", list.to_string()),
            Target::View(view) => ("view", view.to_string()),
        };
        Ok(Output {
            comment: CreatedCommentOut {
                id: created.id.to_string(),
                text: args.text,
                target_type: target_type.to_owned(),
                target_id,
                date: created.date.map(|d| dates::format_date(d.millis(), &zone)),
                assignee: assignee.map(|m| Person {
                    id: m.id.to_string(),
                    name: m.username,
                }),
                group_assignee: group,
            },
            verified: false,
            not_applied: Vec::new(),
        })
    }
}

/// The caller's ClickUp user id: the session's user (hosted), else `GET /v2/user` (stdio).
async fn me(ctx: &ToolContext) -> Result<u64, ToolError> {
    if let Some(user) = ctx.user_id {
        return Ok(user);
    }
    let user = ctx.clickup.get_user(&ctx.token).await;
    Ok(ctx.answer("Your ClickUp user", user).await?.id)
}

//! `clickup_attachment_list`: the files attached to a task (read from the task itself).

use clickup::filters::TaskReadOptions;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{Paging, WorkspaceAndZone};
use crate::attachments::{AttachmentView, attachments_of};
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page, Upstream};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{resolve, task_ref};

/// `clickup_attachment_list`.
#[derive(Debug)]
pub struct AttachmentList;

/// Arguments of `clickup_attachment_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference.
    pub task: String,
    // Shared arguments (server instructions): no description.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
    // Shared arguments; `limit` default 50.
    #[serde(flatten)]
    pub paging: Paging,
}

impl Tool for AttachmentList {
    type Args = Args;
    type Output = Page<AttachmentView>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_attachment_list",
        title: "List a task's attachments",
        description: "Files attached to a task: name, size, type, download url, date, uploader; \
                      oldest first.",
        tier: Tier::Free,
        toolset: Toolset::Attachments,
        everyday: false,
        effect: Effect::Read,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<AttachmentView>, ToolError> {
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let filters = json!({"task": args.task, "workspace_id": args.workspace.workspace_id});
        let pager = ctx.pager(
            &filters,
            args.paging.cursor.as_deref(),
            args.paging.limit,
            DEFAULT_LIMIT,
            Upstream::Whole,
        )?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let task = task_ref::resolve(ctx, &ws, &args.task, None).await?;
        let read = ctx
            .clickup
            .get_task(&ctx.token, &task, TaskReadOptions::default())
            .await;
        let task = ctx.answer("The task", read).await?;
        pager.slice(
            attachments_of(&task)
                .iter()
                .map(|a| AttachmentView::new(a, &zone))
                .collect(),
        )
    }
}

//! `clickup_view_task_list`: the tasks a view shows, its filters applied by ClickUp, paged over
//! ClickUp's pages of 30.

use clickup::models::TaskPage;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{Paging, WorkspaceAndZone};
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page, Upstream};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::tasks::paging::{self, MAX_PAGES_PER_CALL};
use crate::tasks::shape::{DetailLevel, Render, Task};
use crate::toolsets::Toolset;
use crate::views::view_id;

/// `clickup_view_task_list`.
#[derive(Debug)]
pub struct ViewTaskList;

/// Arguments of `clickup_view_task_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// View id.
    pub view_id: String,
    // Shared argument.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
    #[serde(flatten)]
    pub paging: Paging,
}

impl Tool for ViewTaskList {
    type Args = Args;
    type Output = Page<Task>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_view_task_list",
        title: "List a view's tasks",
        description: "The tasks a view shows, with its filters applied by ClickUp (not chat \
                      or activity views).",
        tier: Tier::Premium,
        toolset: Toolset::Views,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<Task>, ToolError> {
        let id = view_id(&args.view_id)?;
        let fingerprint = json!({
            "view_id": args.view_id, "detail_level": args.detail_level,
            "timezone": args.workspace.timezone, "workspace_id": args.workspace.workspace_id,
        });
        let pager = ctx.pager(
            &fingerprint,
            args.paging.cursor.as_deref(),
            args.paging.limit,
            DEFAULT_LIMIT,
            Upstream::Page(0),
        )?;
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let mut render = Render::new(zone, args.detail_level);
        let fetch = |page: u32| {
            let id = id.clone();
            async move {
                let tasks = ctx.clickup.get_view_tasks(&ctx.token, &id, page).await;
                let tasks = ctx.answer("The view", tasks).await?;
                // ClickUp's pages of a view hold 30 tasks: `has_more` is the view page's.
                let more = tasks.has_more();
                Ok(TaskPage {
                    tasks: tasks.tasks,
                    last_page: Some(!more),
                })
            }
        };
        let collected = paging::collect(&pager, MAX_PAGES_PER_CALL, fetch, |_| true).await?;
        render
            .name_task_types(ctx, &workspace.id, &collected.tasks)
            .await;
        let items = collected.tasks.iter().map(|t| render.task(t)).collect();
        pager.page(items, collected.next)
    }
}

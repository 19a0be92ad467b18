//! `clickup_task_list`: the tasks whose home list is `list`, paged over ClickUp's pages of 100.

use clickup::filters::ListTaskQuery;
use clickup::ids::UserId;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{Paging, WorkspaceAndZone};
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page, Upstream};
use crate::error::ToolError;
use crate::ids;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::tasks::arguments;
use crate::tasks::filters::{FieldScope, TaskFilterArgs};
use crate::tasks::list_context::check_filter_statuses;
use crate::tasks::paging::{self, MAX_PAGES_PER_CALL};
use crate::tasks::shape::{DetailLevel, Render, Task};
use crate::toolsets::Toolset;

/// `clickup_task_list`.
#[derive(Debug)]
pub struct TaskList;

/// Arguments of `clickup_task_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A list reference; tasks whose home list it is (the tool description says so).
    pub list: String,
    // The task filters.
    #[serde(flatten)]
    pub filters: TaskFilterArgs,
    // Any of these people watch the task.
    #[serde(default)]
    pub watchers: Vec<String>,
    /// Only archived tasks.
    #[serde(default)]
    pub archived: Option<bool>,
    // Shared conventions (initialize instructions): no description in the schema.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // `timezone`: for date filters and dates in the answer.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
    // `limit` default 50 (`DEFAULT_LIMIT`).
    #[serde(flatten)]
    pub paging: Paging,
}

impl Tool for TaskList {
    type Args = Args;
    type Output = Page<Task>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_list",
        title: "List a list's tasks",
        description: "Tasks whose home list is `list`. Closed tasks and subtasks only \
                      when asked (`include_closed`, `subtasks`).",
        tier: Tier::Free,
        toolset: Toolset::Tasks,
        everyday: true,
        effect: Effect::Read,
        references: &["list"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<Task>, ToolError> {
        let fingerprint = json!({
            "list": args.list, "filters": args.filters.fingerprint(), "watchers": args.watchers,
            "archived": args.archived, "timezone": args.workspace.timezone,
            "workspace_id": args.workspace.workspace_id,
        });
        let pager = ctx.pager(
            &fingerprint,
            args.paging.cursor.as_deref(),
            args.paging.limit,
            DEFAULT_LIMIT,
            Upstream::Page(0),
        )?;
        // "now" is when the query started, on every page of it.
        let reader = ctx.date_reader_at(args.workspace.timezone.as_deref(), pager.started_ms())?;
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let location = resolve::location(ctx, &workspace, &args.list, Some(Kind::List)).await?;
        let list = ids::list(&location.id)?;
        let mut filter = args
            .filters
            .to_filter(ctx, &workspace, &reader, &FieldScope::List(list.clone()))
            .await?;
        // Statuses are the list's own: checked, not answered with nothing.
        check_filter_statuses(ctx, std::slice::from_ref(&list), &mut filter).await?;
        let mut render = Render::new(reader.zone().clone(), args.detail_level);
        filter.include_markdown_description = (render.level == DetailLevel::Full).then_some(true);
        let watchers = arguments::people(ctx, &workspace, &args.watchers)
            .await?
            .into_iter()
            .map(UserId)
            .collect::<Vec<_>>();
        let fetch = |page: u32| {
            let query = ListTaskQuery {
                filter: clickup::filters::TaskFilter {
                    page,
                    ..filter.clone()
                },
                watchers: watchers.clone(),
                archived: args.archived,
            };
            let list = list.clone();
            async move {
                let tasks = ctx.clickup.get_list_tasks(&ctx.token, &list, &query).await;
                ctx.answer("The list", tasks).await
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

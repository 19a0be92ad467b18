//! `clickup_task_search`: a workspace-wide search by part of a name or a custom id, with the
//! task filters, paged over ClickUp's pages of 100.

use clickup::filters::TeamTaskQuery;
use clickup::ids::{FolderId, ListId, SpaceId};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{Paging, WorkspaceAndZone};
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page, Upstream};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::task_ref;
use crate::tasks::filters::{FieldScope, TaskFilterArgs};
use crate::tasks::list_context::check_filter_statuses;
use crate::tasks::paging::collect_team_tasks;
use crate::tasks::shape::{DetailLevel, Render, Task};
use crate::toolsets::Toolset;

/// `clickup_task_search`.
#[derive(Debug)]
pub struct TaskSearch;

/// Arguments of `clickup_task_search`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Part of the name, or the custom id; case-insensitive (the tool description says so).
    #[serde(default)]
    pub query: Option<String>,
    // `query` also matches descriptions (the tool description says so).
    #[serde(default)]
    pub in_description: bool,
    // The task filters.
    #[serde(flatten)]
    pub filters: TaskFilterArgs,
    // Only in these spaces, folders, lists (references).
    #[serde(default)]
    pub spaces: Vec<String>,
    #[serde(default)]
    pub folders: Vec<String>,
    #[serde(default)]
    pub lists: Vec<String>,
    /// Direct subtasks only.
    #[serde(default)]
    pub parent: Option<String>,
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

impl Tool for TaskSearch {
    type Args = Args;
    type Output = Page<Task>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_search",
        title: "Search tasks",
        description: "Workspace-wide search: `query` matches part of a name, a whole \
                      custom id, and with `in_description` descriptions. Reads ≤ 5 ClickUp \
                      pages a call; short pages may still have `has_more`. Closed tasks, \
                      subtasks only if asked.",
        tier: Tier::Free,
        toolset: Toolset::Tasks,
        everyday: true,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<Task>, ToolError> {
        let query = args
            .query
            .as_deref()
            .map(|q| q.trim().to_lowercase())
            .filter(|q| !q.is_empty());
        if query.as_ref().is_some_and(|q| q.chars().count() > 200) {
            return Err(ToolError::invalid_argument(
                "`query` is longer than 200 characters.",
            ));
        }
        let fingerprint = json!({
            "query": query, "in_description": args.in_description,
            "filters": args.filters.fingerprint(), "spaces": args.spaces,
            "folders": args.folders, "lists": args.lists, "parent": args.parent,
            "timezone": args.workspace.timezone, "workspace_id": args.workspace.workspace_id,
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
        let mut render = Render::new(reader.zone().clone(), args.detail_level);
        // A whole custom id, and nothing else to filter by: one read of that task, not pages.
        if let Some(q) = &query
            && args.paging.cursor.is_none()
            && args.spaces.is_empty()
            && args.folders.is_empty()
            && args.lists.is_empty()
            && args.parent.is_none()
            && args.filters.fingerprint() == TaskFilterArgs::default().fingerprint()
            && let Ok(task_ref::TaskArg::Custom(_)) = task_ref::classify(q)
        {
            let reference = task_ref::resolve(ctx, &workspace, q, None).await?;
            let options = clickup::filters::TaskReadOptions::default();
            match ctx.clickup.get_task(&ctx.token, &reference, options).await {
                Ok(task) => {
                    render.name_task_types(ctx, &workspace.id, [&task]).await;
                    return pager.page(vec![render.task(&task)], None);
                }
                // ClickUp answers an unknown id as not found or as not authorized: then names.
                Err(err)
                    if matches!(
                        err.kind(),
                        clickup::ErrorKind::NotFound | clickup::ErrorKind::TeamNotAuthorized
                    ) => {}
                Err(err) => return Err(ctx.clickup_error(err, "The task").await),
            }
        }
        let mut team_query = TeamTaskQuery::default();
        for space in &args.spaces {
            let l = resolve::location(ctx, &workspace, space, Some(Kind::Space)).await?;
            team_query
                .space_ids
                .push(SpaceId::new(l.id).map_err(|_| bad_id("space"))?);
        }
        for folder in &args.folders {
            let l = resolve::location(ctx, &workspace, folder, Some(Kind::Folder)).await?;
            team_query
                .folder_ids
                .push(FolderId::new(l.id).map_err(|_| bad_id("folder"))?);
        }
        for list in &args.lists {
            let l = resolve::location(ctx, &workspace, list, Some(Kind::List)).await?;
            team_query
                .list_ids
                .push(ListId::new(l.id).map_err(|_| bad_id("list"))?);
        }
        if let Some(parent) = &args.parent {
            team_query.parent = Some(task_ref::canonical(ctx, &workspace, parent, None).await?);
        }
        let scope = match team_query.list_ids.as_slice() {
            [one] => FieldScope::List(one.clone()),
            _ => FieldScope::None,
        };
        team_query.filter = args
            .filters
            .to_filter(ctx, &workspace, &reader, &scope)
            .await?;
        check_filter_statuses(ctx, &team_query.list_ids, &mut team_query.filter).await?;
        team_query.filter.include_markdown_description =
            (render.level == DetailLevel::Full).then_some(true);
        // ClickUp has no text search: each page is matched here, the description from the
        // markdown ClickUp then sends (else its plain text).
        if args.in_description {
            team_query.filter.include_markdown_description = Some(true);
        }
        let keep = |task: &clickup::models::Task| match &query {
            None => true,
            Some(q) => {
                task.name.to_lowercase().contains(q.as_str())
                    || task
                        .custom_id
                        .as_deref()
                        .is_some_and(|c| c.to_lowercase() == *q)
                    || (args.in_description
                        && [&task.markdown_description, &task.description]
                            .into_iter()
                            .flatten()
                            .any(|d| d.to_lowercase().contains(q.as_str())))
            }
        };
        let collected = collect_team_tasks(ctx, &pager, &workspace.id, &team_query, keep).await?;
        render
            .name_task_types(ctx, &workspace.id, &collected.tasks)
            .await;
        let items = collected.tasks.iter().map(|t| render.task(t)).collect();
        pager.page(items, collected.next)
    }
}

fn bad_id(what: &str) -> ToolError {
    ToolError::invalid_argument(format!("The {what} id is not valid."))
}

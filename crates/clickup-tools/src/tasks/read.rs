//! Reading tasks: one task (`clickup_task_get`), a list's tasks (`clickup_task_list`) and a
//! workspace-wide search (`clickup_task_search`), paged with cursors over ClickUp's pages of 100.

use clickup::filters::{ListTaskQuery, TaskReadOptions, TeamTaskQuery};
use clickup::ids::{FolderId, ListId, SpaceId, UserId};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page, Pager, Upstream};
use crate::error::ToolError;
use crate::registry::ToolFuture;
use crate::resolve::{self, Kind};
use crate::tasks::arguments;
use crate::tasks::filters::{FieldScope, TaskFilterArgs};
use crate::tasks::paging::{self, Collected, MAX_PAGES_PER_CALL};
use crate::tasks::shape::{DetailLevel, Render, Section, Task};
use crate::{ids, task_ref};

/// Arguments of `clickup_task_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct TaskGetArgs {
    // A task reference (the initialize instructions say the forms).
    pub task: String,
    // Sections to add to the summary (all of them at `full`); the tool description says so.
    #[serde(default)]
    pub include: Vec<Section>,
    // Shared conventions (initialize instructions): no description in the schema.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // For dates in the answer.
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default)]
    pub workspace_id: Option<String>,
}

/// `clickup_task_get`.
pub fn task_get<'a>(ctx: &'a ToolContext, args: TaskGetArgs) -> ToolFuture<'a, Task> {
    Box::pin(async move {
        let zone = ctx.zone(args.timezone.as_deref())?;
        let workspace = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let reference = task_ref::resolve(ctx, &workspace, &args.task, None).await?;
        let mut render = Render::new(zone, args.detail_level);
        render.sections = args.include;
        let options = TaskReadOptions {
            include_subtasks: render.level == DetailLevel::Full
                || render.sections.contains(&Section::Subtasks),
            include_markdown_description: true,
        };
        match ctx.clickup.get_task(&ctx.token, &reference, options).await {
            Ok(task) => Ok(render.task(&task)),
            Err(err) => Err(ctx.clickup_error(err, "The task").await),
        }
    })
}

/// Arguments of `clickup_task_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct TaskListArgs {
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
    // For date filters and dates in the answer.
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default)]
    pub workspace_id: Option<String>,
    #[serde(default)]
    pub cursor: Option<String>,
    // 1–100, default 50 (`DEFAULT_LIMIT`).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// `clickup_task_list`.
pub fn task_list<'a>(ctx: &'a ToolContext, args: TaskListArgs) -> ToolFuture<'a, Page<Task>> {
    Box::pin(async move {
        let fingerprint = json!({
            "list": args.list, "filters": args.filters.fingerprint(), "watchers": args.watchers,
            "archived": args.archived, "timezone": args.timezone, "workspace_id": args.workspace_id,
        });
        let pager = ctx.pager(
            &fingerprint,
            args.cursor.as_deref(),
            args.limit,
            DEFAULT_LIMIT,
            Upstream::Page(0),
        )?;
        let reader = ctx.date_reader(args.timezone.as_deref())?;
        let workspace = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let location = resolve::location(ctx, &workspace, &args.list, Some(Kind::List)).await?;
        let list = ids::list(&location.id)?;
        let mut filter = args
            .filters
            .to_filter(ctx, &workspace, &reader, &FieldScope::List(list.clone()))
            .await?;
        let render = Render::new(reader.zone().clone(), args.detail_level);
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
                match ctx.clickup.get_list_tasks(&ctx.token, &list, &query).await {
                    Ok(page) => Ok(page),
                    Err(err) => Err(ctx.clickup_error(err, "The list").await),
                }
            }
        };
        let collected = paging::collect(&pager, MAX_PAGES_PER_CALL, fetch, |_| true).await?;
        let items = collected.tasks.iter().map(|t| render.task(t)).collect();
        pager.page(items, collected.next)
    })
}

/// The tool name cursors of `clickup_task_list` are bound to.
pub const LIST_TOOL: &str = "clickup_task_list";
/// The tool name cursors of `clickup_task_search` are bound to.
pub const SEARCH_TOOL: &str = "clickup_task_search";

/// Arguments of `clickup_task_search`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct TaskSearchArgs {
    // Part of the name, or the custom id; case-insensitive (the tool description says so).
    #[serde(default)]
    pub query: Option<String>,
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
    // For date filters and dates in the answer.
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default)]
    pub workspace_id: Option<String>,
    #[serde(default)]
    pub cursor: Option<String>,
    // 1–100, default 50 (`DEFAULT_LIMIT`).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// `clickup_task_search`.
pub fn task_search<'a>(ctx: &'a ToolContext, args: TaskSearchArgs) -> ToolFuture<'a, Page<Task>> {
    Box::pin(async move {
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
            "query": query, "filters": args.filters.fingerprint(), "spaces": args.spaces,
            "folders": args.folders, "lists": args.lists, "parent": args.parent,
            "timezone": args.timezone, "workspace_id": args.workspace_id,
        });
        let pager = ctx.pager(
            &fingerprint,
            args.cursor.as_deref(),
            args.limit,
            DEFAULT_LIMIT,
            Upstream::Page(0),
        )?;
        let reader = ctx.date_reader(args.timezone.as_deref())?;
        let workspace = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
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
        let render = Render::new(reader.zone().clone(), args.detail_level);
        team_query.filter.include_markdown_description =
            (render.level == DetailLevel::Full).then_some(true);
        let keep = |task: &clickup::models::Task| match &query {
            None => true,
            Some(q) => {
                task.name.to_lowercase().contains(q.as_str())
                    || task
                        .custom_id
                        .as_deref()
                        .is_some_and(|c| c.to_lowercase() == *q)
            }
        };
        let collected = collect_team_tasks(ctx, &pager, &workspace.id, &team_query, keep).await?;
        let items = collected.tasks.iter().map(|t| render.task(t)).collect();
        pager.page(items, collected.next)
    })
}

/// A tool page of the workspace's tasks (`GET /v2/team/{team_id}/task`, `query` at each
/// upstream page from the pager's position), keeping those `keep` accepts.
pub async fn collect_team_tasks(
    ctx: &ToolContext,
    pager: &Pager<'_>,
    workspace_id: &str,
    query: &TeamTaskQuery,
    keep: impl Fn(&clickup::models::Task) -> bool,
) -> Result<Collected, ToolError> {
    let team = ids::team(workspace_id)?;
    let fetch = |page: u32| {
        let mut q = query.clone();
        q.filter.page = page;
        let team = &team;
        async move {
            match ctx.clickup.get_team_tasks(&ctx.token, team, &q).await {
                Ok(page) => Ok(page),
                Err(err) => Err(ctx.clickup_error(err, "The workspace's tasks").await),
            }
        }
    };
    paging::collect(pager, MAX_PAGES_PER_CALL, fetch, keep).await
}

fn bad_id(what: &str) -> ToolError {
    ToolError::invalid_argument(format!("The {what} id is not valid."))
}

//! `clickup_time_entry_list`: time entries in a date range (default the last 30 days), the
//! caller's or named people's, under at most one location. ClickUp answers one unpaged array;
//! the tool slices it into pages.

use clickup::ids::TeamId;
use clickup::models::TimeEntry;
use clickup::models::time::{TimeEntryFilter, TimeEntryLocation};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{Paging, WorkspaceAndZone};
use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::cursor::{Page, Upstream};
use crate::dates::{Bound, DateArg, DateReader};
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::time::{
    EntryOut, THIRTY_DAYS_MS, answer_about_others, me_and_admin, others_need_admin, user_ids,
};
use crate::toolsets::Toolset;
use crate::{ids, task_ref};

/// `clickup_time_entry_list`.
#[derive(Debug)]
pub struct TimeEntryList;

/// What else to read with each entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Include {
    /// The task's own tags (`task_tags`, shown with `full`).
    TaskTags,
    /// List, folder and space names (`location`, shown with `full`).
    LocationNames,
    /// Approval history and details (ClickUp's, kept with the entry).
    Approval,
}

/// Where the entries are read from: at most one of these.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
pub struct Where {
    // A space reference.
    #[serde(default)]
    pub space: Option<String>,
    // A folder reference.
    #[serde(default)]
    pub folder: Option<String>,
    // A list reference.
    #[serde(default)]
    pub list: Option<String>,
    // A task reference.
    #[serde(default)]
    pub task: Option<String>,
}

/// The date range and people of a time-entry query.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
pub struct Range {
    /// From (a bare date: its start); default: 30 days before `end`.
    #[serde(default)]
    pub start: Option<DateArg>,
    /// Until (a bare date: its end); default: now.
    #[serde(default)]
    pub end: Option<DateArg>,
    /// Whose entries (default: yours). Others need an owner or admin.
    #[serde(default)]
    pub assignees: Vec<String>,
}

/// Arguments of `clickup_time_entry_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    #[serde(flatten)]
    pub range: Range,
    #[serde(flatten)]
    pub place: Where,
    /// Only billable (true) or non-billable (false) entries.
    #[serde(default)]
    pub billable: Option<bool>,
    #[serde(default)]
    pub include: Vec<Include>,
    // Shared argument.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // Shared arguments; `timezone`: the zone dates are read and shown in.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
    // Shared arguments; `limit` default 50.
    #[serde(flatten)]
    pub paging: Paging,
}

impl Tool for TimeEntryList {
    type Args = Args;
    type Output = Page<EntryOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_time_entry_list",
        title: "List time entries",
        description: "Time entries in a date range (default: the last 30 days), yours or \
                      `assignees`', under at most one of `space`, `folder`, `list`, `task`; \
                      newest first. Running timers have `running: true`.",
        tier: Tier::Free,
        toolset: Toolset::Time,
        everyday: false,
        effect: Effect::Read,
        references: &["space", "folder", "list", "task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<EntryOut>, ToolError> {
        let filters = json!({
            "start": format!("{:?}", args.range.start), "end": format!("{:?}", args.range.end),
            "assignees": args.range.assignees, "space": args.place.space,
            "folder": args.place.folder, "list": args.place.list, "task": args.place.task,
            "billable": args.billable, "include": args.include,
            "workspace_id": args.workspace.workspace_id, "timezone": args.workspace.timezone,
        });
        let pager = ctx.pager(
            &filters,
            args.paging.cursor.as_deref(),
            args.paging.limit,
            50,
            Upstream::Whole,
        )?;
        // A later page reads the range as of the first page's `now`.
        let reader = ctx.date_reader_at(args.workspace.timezone.as_deref(), pager.started_ms())?;
        let (start, end) = range(&reader, &args.range, THIRTY_DAYS_MS)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let location = location(ctx, &ws, &args.place).await?;
        let include = |i| args.include.contains(&i);
        let filter = TimeEntryFilter {
            start_date: Some(start),
            end_date: Some(end),
            assignees: Vec::new(),
            location,
            billable: args.billable,
            include_task_tags: include(Include::TaskTags),
            include_location_names: include(Include::LocationNames),
            include_approval: include(Include::Approval),
        };
        let entries = read(ctx, &ws, &team, filter, &args.range.assignees).await?;
        let items = entries
            .iter()
            .map(|e| EntryOut::new(e, args.detail_level, reader.zone()))
            .collect();
        pager.slice(items)
    }
}

/// The query range in epoch ms: `start` and `end` when given, else `end` = now and `start` =
/// `default_span` before it. An empty or inverted range is refused.
pub(crate) fn range(
    reader: &DateReader,
    range: &Range,
    default_span: i64,
) -> Result<(i64, i64), ToolError> {
    let end = match &range.end {
        Some(end) => reader.parse_bound("end", end, Bound::Before)?,
        None => reader.now().as_millisecond(),
    };
    let start = match &range.start {
        Some(start) => reader.parse_bound("start", start, Bound::After)?,
        None => end - default_span,
    };
    if start >= end {
        return Err(ToolError::invalid_argument(
            "`start` must be before `end`: ClickUp cannot serve an empty or inverted range.",
        ));
    }
    Ok((start, end))
}

/// The one location of a query; several are refused (ClickUp takes one).
pub(crate) async fn location(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    place: &Where,
) -> Result<Option<TimeEntryLocation>, ToolError> {
    let given = [&place.space, &place.folder, &place.list, &place.task]
        .iter()
        .filter(|p| p.is_some())
        .count();
    if given > 1 {
        return Err(ToolError::invalid_argument(
            "Give at most one of `space`, `folder`, `list`, `task`: ClickUp filters time entries by one location.",
        ));
    }
    Ok(if let Some(space) = &place.space {
        let found = resolve::location(ctx, ws, space, Some(Kind::Space)).await?;
        Some(TimeEntryLocation::Space(ids::space(&found.id)?))
    } else if let Some(folder) = &place.folder {
        let found = resolve::location(ctx, ws, folder, Some(Kind::Folder)).await?;
        Some(TimeEntryLocation::Folder(ids::folder(&found.id)?))
    } else if let Some(list) = &place.list {
        let found = resolve::location(ctx, ws, list, Some(Kind::List)).await?;
        Some(TimeEntryLocation::List(ids::list(&found.id)?))
    } else if let Some(task) = &place.task {
        Some(TimeEntryLocation::Task(
            task_ref::resolve(ctx, ws, task, None).await?,
        ))
    } else {
        None
    })
}

/// Reads the entries of `filter` for `people` (default: the caller), refusing other people
/// for a member or guest before asking ClickUp.
pub(crate) async fn read(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    team: &TeamId,
    mut filter: TimeEntryFilter,
    people: &[String],
) -> Result<Vec<TimeEntry>, ToolError> {
    let mut others = false;
    if !people.is_empty() {
        filter.assignees = user_ids(ctx, ws, people).await?;
        let (me, admin) = me_and_admin(ctx, ws).await?;
        others = filter.assignees.iter().any(|u| *u != me);
        if others && !admin {
            return Err(others_need_admin());
        }
    }
    let entries = ctx
        .clickup
        .list_time_entries(&ctx.token, team, &filter)
        .await;
    answer_about_others(ctx, "The time entries", entries, others).await
}

//! `clickup_my_task_list`: the caller's open tasks across the workspace, soonest due first
//! (undated last), each marked overdue, today, upcoming or no date in the effective zone.

use clickup::filters::{TaskOrder, TeamTaskQuery};
use clickup::ids::UserId;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
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
use crate::tasks::arguments;
use crate::tasks::filters::{CommonFilterArgs, FieldScope, TaskFilterArgs};
use crate::tasks::paging::collect_team_tasks;
use crate::tasks::shape::{DetailLevel, DueState, Render, Task};
use crate::toolsets::Toolset;

/// `clickup_my_task_list`.
#[derive(Debug)]
pub struct MyTaskList;

// Which due dates to show (inlined: used once).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum Window {
    /// Due before today.
    Overdue,
    /// Due before the end of today (overdue included).
    Today,
    /// Due before the end of the seventh day from today (overdue included).
    Week,
    /// Every open task, undated ones last (default).
    #[default]
    All,
}

impl Window {
    fn name(self) -> &'static str {
        match self {
            Window::Overdue => "overdue",
            Window::Today => "today",
            Window::Week => "week",
            Window::All => "all",
        }
    }
}

/// Arguments of `clickup_my_task_list`: the common task filters, without `assignees`,
/// `order_by` and `reverse` (always you, soonest due first), so the registry refuses those.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// `today` and `week` (7 days) include overdue; default `all`.
    #[serde(default)]
    pub window: Window,
    // The task filters every listing takes.
    #[serde(flatten)]
    pub filters: CommonFilterArgs,
    // Shared conventions (initialize instructions): no description in the schema.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // `timezone`: what "today" means, and dates in the answer.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
    #[serde(flatten)]
    pub paging: Paging,
}

impl Tool for MyTaskList {
    type Args = Args;
    type Output = Page<Task>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_my_task_list",
        title: "List my tasks",
        description: "Your open tasks, soonest due first (undated last), each with \
                      `due_state` (overdue, today, upcoming, no_date).",
        tier: Tier::Free,
        toolset: Toolset::Tasks,
        everyday: true,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<Task>, ToolError> {
        let filters = TaskFilterArgs::from(args.filters);
        let fingerprint = json!({
            "window": args.window.name(), "filters": filters.fingerprint(),
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
        let zone = reader.zone().clone();
        let today = zone.to_datetime(reader.now()).date();
        let workspace = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let me = arguments::me(ctx).await?;
        let mut filter = filters
            .to_filter(ctx, &workspace, &reader, &FieldScope::None)
            .await?;
        filter.assignees = vec![UserId(me)];
        filter.order_by = Some(TaskOrder::DueDate);
        let window_end = match args.window {
            Window::All => None,
            Window::Overdue => Some(day_start(today, &zone)?),
            Window::Today => Some(day_start(next_day(today, 1)?, &zone)?),
            Window::Week => Some(day_start(next_day(today, 7)?, &zone)?),
        };
        if let Some(end) = window_end {
            // `due_date_lt` is exclusive: the window ends before the start of that day.
            filter.due_before = Some(filter.due_before.map_or(end, |b| b.min(end)));
        }
        let mut render = Render::new(zone.clone(), args.detail_level);
        filter.include_markdown_description = (render.level == DetailLevel::Full).then_some(true);
        let query = TeamTaskQuery {
            filter,
            ..TeamTaskQuery::default()
        };
        let collected = collect_team_tasks(ctx, &pager, &workspace.id, &query, |_| true).await?;
        render
            .name_task_types(ctx, &workspace.id, &collected.tasks)
            .await;
        let items = collected
            .tasks
            .iter()
            .map(|t| {
                let mut task = render.task(t);
                task.summary.due_state = Some(due_state(
                    t.due_date.map(clickup::Timestamp::millis),
                    today,
                    &zone,
                ));
                task
            })
            .collect();
        pager.page(items, collected.next)
    }
}

/// Where a due date stands relative to `today` in `zone`.
pub fn due_state(due_ms: Option<i64>, today: Date, zone: &TimeZone) -> DueState {
    let Some(day) = due_ms
        .and_then(|ms| Timestamp::from_millisecond(ms).ok())
        .map(|ts| zone.to_datetime(ts).date())
    else {
        return DueState::NoDate;
    };
    match day.cmp(&today) {
        std::cmp::Ordering::Less => DueState::Overdue,
        std::cmp::Ordering::Equal => DueState::Today,
        std::cmp::Ordering::Greater => DueState::Upcoming,
    }
}

fn next_day(day: Date, days: i64) -> Result<Date, ToolError> {
    day.checked_add(jiff::Span::new().days(days)).map_err(|_| {
        ToolError::invalid_argument("The date window is out of range; ask for fewer days.")
    })
}

fn day_start(day: Date, zone: &TimeZone) -> Result<i64, ToolError> {
    day.to_zoned_datetime(zone.clone())
        .and_then(|z| z.start_of_day())
        .map(|z| z.timestamp().as_millisecond())
        .map_err(|_| {
            ToolError::invalid_argument("The date window is out of range; ask for fewer days.")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_are_marked_against_today_in_the_zone() {
        let zone = TimeZone::get("America/New_York").unwrap();
        let today = jiff::civil::date(2025, 1, 8);
        // 2025-01-08T03:00Z is still 7 January in New York.
        let cases = [
            (
                Some(1_736_305_200_000),
                DueState::Overdue,
                "the evening before, locally",
            ),
            (
                Some(1_736_348_400_000),
                DueState::Today,
                "15:00 UTC = 10:00 local",
            ),
            (Some(1_736_434_800_000), DueState::Upcoming, "the next day"),
            (None, DueState::NoDate, "no due date"),
        ];
        for (ms, expected, why) in cases {
            assert_eq!(due_state(ms, today, &zone), expected, "{why}");
        }
    }
}

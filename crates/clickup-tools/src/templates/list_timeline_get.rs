//! `clickup_list_timeline_get`: the schedule of a list's tasks, computed here
//! (`timeline.rs`) from their dates, estimates and dependencies: critical path, parallel groups
//! and Gantt rows. Reads every page of the list's tasks (closed ones included); more than
//! [`MAX_TASKS`] is refused.

use std::collections::HashMap;

use clickup::filters::{ListTaskQuery, TaskFilter};
use clickup::models::Task;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::dates::{self, DateArg};
use crate::durations::format_duration;
use crate::error::ToolError;
use crate::ids;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::templates::timeline::{self, Item};
use crate::toolsets::Toolset;

/// The most tasks a timeline is computed for.
pub const MAX_TASKS: usize = 1000;

/// ClickUp pages of 100 read at most (one more than [`MAX_TASKS`] needs, to tell "more").
const MAX_PAGES: u32 = 10;

/// `clickup_list_timeline_get`.
#[derive(Debug)]
pub struct ListTimelineGet;

/// A part of the answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The chain of dependent tasks that ends last.
    CriticalPath,
    /// Tasks that may run at the same time, stage by stage.
    ParallelGroups,
    /// One row per task: start, end, duration.
    Gantt,
}

/// Arguments of `clickup_list_timeline_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    pub list: String,
    #[serde(default)]
    pub include_subtasks: bool,
    /// Where undated tasks start; default: the earliest start date, else today.
    #[serde(default)]
    pub start_date: Option<DateArg>,
    /// Default: all.
    #[serde(default)]
    pub parts: Option<Vec<Part>>,
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// A task named in a result.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TaskName {
    /// Task id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// The critical path.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CriticalPath {
    /// First to last.
    pub tasks: Vec<TaskName>,
    /// From the first start to the last end (`1h 30m`).
    pub span: String,
    /// The same, ms.
    pub span_ms: i64,
}

/// A Gantt row.
#[derive(Debug, Serialize, JsonSchema)]
pub struct GanttRow {
    /// Task id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Earliest start (ISO 8601).
    pub start: String,
    /// Earliest end (ISO 8601).
    pub end: String,
    /// Duration used (`2h`).
    pub duration: String,
    /// No estimate and no dates: one day assumed.
    pub assumed_duration: bool,
    /// On the critical path.
    pub critical: bool,
    /// Ids it waits on.
    pub waits_on: Vec<String>,
}

/// The result of `clickup_list_timeline_get`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// Tasks considered.
    pub task_count: usize,
    /// Where the schedule starts (ISO 8601).
    pub start: String,
    /// Where it ends (ISO 8601).
    pub end: String,
    /// `critical_path`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub critical_path: Option<CriticalPath>,
    /// `parallel_groups`: stage by stage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parallel_groups: Option<Vec<Vec<TaskName>>>,
    /// `gantt`: in schedule order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gantt: Option<Vec<GanttRow>>,
    /// Tasks in a dependency cycle, left out of the schedule.
    pub cycles: Vec<TaskName>,
}

impl Tool for ListTimelineGet {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_list_timeline_get",
        title: "Compute a list's timeline",
        description: "Critical path, parallel groups and Gantt rows of a list's tasks, from \
                      their dates, estimates (else one day) and dependencies. At most 1,000 \
                      tasks.",
        tier: Tier::Premium,
        toolset: Toolset::Templates,
        everyday: false,
        effect: Effect::Read,
        references: &["list"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let reader = ctx.date_reader(args.workspace.timezone.as_deref())?;
        let start_arg = args
            .start_date
            .as_ref()
            .map(|d| reader.parse("start_date", d))
            .transpose()?;
        let parts = args
            .parts
            .clone()
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| vec![Part::CriticalPath, Part::ParallelGroups, Part::Gantt]);
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let location = resolve::location(ctx, &ws, &args.list, Some(Kind::List)).await?;
        let tasks = read_all(ctx, &location.id, args.include_subtasks).await?;

        let items = items_of(&tasks);
        let project_start = start_arg.map(|d| d.epoch_ms).unwrap_or_else(|| {
            items
                .iter()
                .filter_map(|i| i.start)
                .min()
                .unwrap_or_else(|| ctx.now_ms())
        });
        let schedule = timeline::schedule(&items, project_start);
        let zone = reader.zone();
        let name = |i: usize| TaskName {
            id: tasks[i].id.to_string(),
            name: tasks[i].name.clone(),
        };
        let end = schedule
            .tasks
            .iter()
            .map(|s| s.end)
            .max()
            .unwrap_or(project_start);
        let first_start = schedule
            .tasks
            .iter()
            .map(|s| s.start)
            .min()
            .unwrap_or(project_start);
        let by_index: HashMap<usize, &timeline::Scheduled> =
            schedule.tasks.iter().map(|s| (s.index, s)).collect();
        let critical_path = parts.contains(&Part::CriticalPath).then(|| {
            let path = &schedule.critical_path;
            let span = match (path.first(), path.last()) {
                (Some(a), Some(b)) => by_index[b].end - by_index[a].start,
                _ => 0,
            };
            CriticalPath {
                tasks: path.iter().map(|&i| name(i)).collect(),
                span: format_duration(u64::try_from(span).unwrap_or(0)),
                span_ms: span,
            }
        });
        let parallel_groups = parts.contains(&Part::ParallelGroups).then(|| {
            schedule
                .groups
                .iter()
                .map(|g| g.iter().map(|&i| name(i)).collect())
                .collect()
        });
        let gantt = parts.contains(&Part::Gantt).then(|| {
            schedule
                .tasks
                .iter()
                .map(|s| GanttRow {
                    id: tasks[s.index].id.to_string(),
                    name: tasks[s.index].name.clone(),
                    start: dates::format_date(s.start, zone),
                    end: dates::format_date(s.end, zone),
                    duration: format_duration(u64::try_from(s.duration).unwrap_or(0)),
                    assumed_duration: s.assumed,
                    critical: schedule.critical_path.contains(&s.index),
                    waits_on: items[s.index].waits_on.clone(),
                })
                .collect()
        });
        Ok(Output {
            task_count: tasks.len(),
            start: dates::format_date(first_start, zone),
            end: dates::format_date(end, zone),
            critical_path,
            parallel_groups,
            gantt,
            cycles: schedule.in_cycles.iter().map(|&i| name(i)).collect(),
        })
    }
}

/// Every task of the list (closed ones too), page by page; more than [`MAX_TASKS`] is refused.
async fn read_all(ctx: &ToolContext, list: &str, subtasks: bool) -> Result<Vec<Task>, ToolError> {
    let id = ids::list(list)?;
    let mut tasks = Vec::new();
    for page in 0..=MAX_PAGES {
        let query = ListTaskQuery {
            filter: TaskFilter {
                page,
                subtasks: subtasks.then_some(true),
                include_closed: Some(true),
                ..TaskFilter::default()
            },
            ..ListTaskQuery::default()
        };
        let result = ctx.clickup.get_list_tasks(&ctx.token, &id, &query).await;
        let read = ctx.answer("The list", result).await?;
        let last = read
            .last_page
            .unwrap_or(read.tasks.len() < clickup::models::TASK_PAGE_SIZE)
            || read.tasks.is_empty();
        tasks.extend(read.tasks);
        if tasks.len() > MAX_TASKS {
            break;
        }
        if last {
            return Ok(tasks);
        }
    }
    Err(ToolError::invalid_argument(format!(
        "The list holds more than {MAX_TASKS} tasks; a timeline is computed for at most \
         {MAX_TASKS}. Split the list or leave out subtasks."
    )))
}

/// The tasks as the schedule sees them; a dependency counts in either task's list.
fn items_of(tasks: &[Task]) -> Vec<Item> {
    let mut waits: HashMap<String, Vec<String>> = HashMap::new();
    for task in tasks {
        for dependency in &task.dependencies {
            let entry = waits.entry(dependency.task_id.clone()).or_default();
            if !entry.contains(&dependency.depends_on) {
                entry.push(dependency.depends_on.clone());
            }
        }
    }
    tasks
        .iter()
        .map(|t| Item {
            id: t.id.to_string(),
            start: t.start_date.map(|d| d.millis()),
            due: t.due_date.map(|d| d.millis()),
            estimate: t.time_estimate,
            waits_on: waits.remove(t.id.as_str()).unwrap_or_default(),
        })
        .collect()
}
